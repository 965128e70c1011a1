"""storyview benchmarks: prints the figures the performance issue asks for, each as min / median / max.

    python tests/benchmarks/run.py                 # 1,500 and 10,000 articles, 3 runs each
    python tests/benchmarks/run.py --sizes 1500 --runs 5
    python tests/benchmarks/run.py --json results.json
    python tests/benchmarks/run.py --huge          # only: one-line articles of 2, 5, 10, 19 MB

Corpora are generated with ../shared/tools/gen_corpus.py (people = articles / 4) into a scratch folder
(default: $TMPDIR/storyview-bench) and reused. Every figure is measured, never asserted: this is not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED_TOOLS = ROOT.parent / "shared" / "tools"
SEEDS = ROOT / "seeds"


def spread(values: list[float], digits: int = 3) -> dict:
    return {"min": round(min(values), digits), "median": round(statistics.median(values), digits),
            "max": round(max(values), digits)}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def corpus(size: int, scratch: Path) -> Path:
    folder = scratch / f"corpus-{size}"
    if not (folder / "gold.json").exists():
        generator = SHARED_TOOLS / "gen_corpus.py"
        if not generator.exists():
            raise SystemExit(f"{generator} not found: the benchmarks need ../shared/tools beside the repo")
        subprocess.run([sys.executable, str(generator), str(size), str(folder), "--people", str(max(50, size // 4))],
                       check=True)
    return folder


_INDEX_PROBE = """
import json, resource, sys, time
t0 = time.perf_counter()
import tui
from tui.engine.loading import find_articles
from tui.engine.shards import shards_for
story = tui.load(sys.argv[1])
seconds = time.perf_counter() - t0
words = sum(s.words for s in story.sources)
print(json.dumps({"seconds": seconds, "words": words, "entities": len(story.entities),
                  "processes": shards_for(len(find_articles([sys.argv[1]])[0])),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def indexing(folder: Path, runs: int, processes: int | None = None) -> dict:
    """tui.load in a fresh process each run: words/s and peak RSS (import time included). `processes`
    fixes the number of processes building the story (default: what storyview chooses)."""
    env = dict(os.environ)
    env.pop("STORYVIEW_WORKERS", None)
    if processes is not None:
        env["STORYVIEW_WORKERS"] = str(processes)
    rows = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _INDEX_PROBE, str(folder)], capture_output=True, text=True,
                             check=True, cwd=ROOT, env=env)
        rows.append(json.loads(out.stdout))
    return {"articles": len(list(folder.rglob("*.txt"))), "words": rows[0]["words"], "entities": rows[0]["entities"],
            "processes": rows[0]["processes"],
            "seconds": spread([r["seconds"] for r in rows], 2),
            "words_per_s": spread([r["words"] / r["seconds"] for r in rows], 0),
            # the main process ends up holding the whole story; a worker only its share of the files
            "peak_rss_mb": spread([r["rss_mb"] for r in rows], 0),
            "peak_worker_rss_mb": spread([r["worker_rss_mb"] for r in rows], 0)}


def keystrokes(folder: Path, runs: int, names: int = 60) -> dict:
    """story.search for every prefix of ~60 entity names, as typed: p50 and p99 per run."""
    import tui

    story = tui.load(folder)
    start = time.perf_counter()
    story.prepare_search()  # the dashboard builds the index in its loading worker, before anyone types
    index_seconds = time.perf_counter() - start
    chosen = [e.name for e in story.entities[:: max(1, len(story.entities) // names)]][:names]
    p50, p99, worst = [], [], []
    for _ in range(runs):
        latencies = []
        for name in chosen:
            for end in range(1, len(name) + 1):
                start = time.perf_counter()
                story.search(name[:end])
                latencies.append((time.perf_counter() - start) * 1000)
        p50.append(percentile(latencies, 0.5))
        p99.append(percentile(latencies, 0.99))
        worst.append(max(latencies))
    return {"queries_per_run": len(latencies), "p50_ms": spread(p50, 2), "p99_ms": spread(p99, 2),
            "max_ms": spread(worst, 1), "index_build_s": round(index_seconds, 2)}


def storyview_script() -> list[str]:
    found = shutil.which("storyview") or str(Path(sysconfig.get_path("scripts")) / "storyview")
    return [found] if Path(found).exists() else [sys.executable, "-m", "tui.cli"]


def cli_search(folder: Path, query: str, runs: int) -> dict:
    """`storyview search QUERY PATH --json`, whole process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(storyview_script() + ["search", query, str(folder), "--json"], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return {"seconds": spread(times, 3)}


def linking(folder: Path) -> dict:
    """B-cubed linking quality and speed of `storyview entities` (../shared/tools/linking.py)."""
    out = subprocess.run([sys.executable, str(SHARED_TOOLS / "linking.py"), str(folder),
                          " ".join(storyview_script())], capture_output=True, text=True, cwd=ROOT)
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": out.stderr[-300:]}


_BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    def compose(self):
        yield Header()
        yield Static("bare textual app")
        yield Footer()
Bare().run()
"""


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def _wait_screen(session: str, predicate, timeout: float = 120.0) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate(_tmux("capture-pane", "-p", "-t", session)):
            return time.perf_counter() - start
        time.sleep(0.01)
    return None


def tui_in_tmux(paths: list[str], runs: int) -> dict:
    """The real console script in a 140x45 tmux window, as a person sees it: time to the first painted
    frame, to the story being on screen, and how long keys take to change the screen while it indexes
    (each figure includes ~10 ms of polling)."""
    if not shutil.which("tmux"):
        return {"skipped": "tmux not installed"}
    env = "env -u COLUMNS -u LINES"
    script = " ".join(storyview_script() + [f"'{p}'" for p in paths])
    painted, ready, bare, keys = [], [], [], []
    for n in range(runs):
        session = f"svbench{os.getpid()}{n}"
        start = time.perf_counter()
        _tmux("new-session", "-d", "-x", "140", "-y", "45", "-s", session, f"{env} {script}")
        try:
            first = _wait_screen(session, lambda screen: "Search" in screen)
            if first is not None:
                painted.append(time.perf_counter() - start)
            # keys while the story is still being indexed: ']' moves the source cursor, '?' opens help
            for key in ("question", "Escape", "question", "Escape"):
                before = _tmux("capture-pane", "-p", "-t", session)
                t = time.perf_counter()
                _tmux("send-keys", "-t", session, "?" if key == "question" else key)
                changed = _wait_screen(session, lambda screen, b=before: screen != b, timeout=5)
                if changed is not None:
                    keys.append((time.perf_counter() - t) * 1000)
            loaded = _wait_screen(session, lambda screen: " loaded " in screen, timeout=300)
            if loaded is not None:
                ready.append(time.perf_counter() - start)
        finally:
            _tmux("kill-session", "-t", session)
        session = f"svbare{os.getpid()}{n}"
        start = time.perf_counter()
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
            handle.write(_BARE_APP)
        _tmux("new-session", "-d", "-x", "140", "-y", "45", "-s", session, f"{env} {sys.executable} {handle.name}")
        try:
            if _wait_screen(session, lambda screen: "bare textual app" in screen) is not None:
                bare.append(time.perf_counter() - start)
        finally:
            _tmux("kill-session", "-t", session)
            os.unlink(handle.name)
    out = {"first_paint_s": spread(painted) if painted else None,
           "bare_textual_app_s": spread(bare) if bare else None,
           "story_on_screen_s": spread(ready, 2) if ready else None,
           "key_while_indexing_ms": {"p50": round(percentile(keys, 0.5)), "max": round(max(keys))} if keys else None}
    return out


_HUGE_PROBE = """
import json, resource, sys, time
t0 = time.perf_counter()
import tui
story = tui.load(sys.argv[1])
loaded = time.perf_counter() - t0
if sys.argv[2] == "timeline":
    story.timeline
print(json.dumps({"seconds": time.perf_counter() - t0, "load_seconds": loaded,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def huge_article(megabytes: int, scratch: Path) -> Path:
    """One article of `megabytes` MB on a single line: the seeds' and held-out stories' text, no newline."""
    path = scratch / f"huge-{megabytes}mb.txt"
    if not path.exists():
        texts = [" ".join(p.read_text(encoding="utf-8").split()[3:]) for p in
                 sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "tests" / "data").glob("heldout*/**/*.txt"))]
        chunk = " ".join(texts) + " "
        data = (chunk * (megabytes * 1024 * 1024 // len(chunk.encode()) + 1)).encode()[: megabytes * 1024 * 1024]
        path.write_bytes(data.decode("utf-8", "ignore").encode() + b"\n")
    return path


def huge(scratch: Path, sizes: tuple[int, ...] = (2, 5, 10, 19)) -> dict:
    """tui.load (entities) and tui.load + timeline of a one-line article, fresh process: seconds, peak RSS."""
    out = {}
    for megabytes in sizes:
        path = huge_article(megabytes, scratch)
        for what in ("entities", "timeline"):
            run = subprocess.run([sys.executable, "-c", _HUGE_PROBE, str(path), what], capture_output=True,
                                 text=True, check=True, cwd=ROOT)
            row = json.loads(run.stdout)
            out[f"{megabytes}mb_{what}"] = {"seconds": round(row["seconds"], 2), "peak_rss_mb": round(row["rss_mb"])}
    return out


def gazetteer_load(runs: int) -> dict:
    """Reading and indexing the CLDR gazetteer, as the first place lookup does (was a test asserting < 30 ms)."""
    from tui.engine import gazetteer

    timings = []
    for _ in range(max(runs, 5)):
        start = time.perf_counter()
        gazetteer._build_index(json.loads(gazetteer.DATA_FILE.read_text(encoding="utf-8")))
        timings.append(time.perf_counter() - start)
    return spread([t * 1000 for t in timings], 1) | {"unit": "ms"}


_OPEN_PROBE = """
import asyncio, sys, time
sys.path.insert(0, sys.argv[1])
from tui.app.factory import create_app
from tui.app.widgets.reader import ArticleView

async def main():
    app = create_app([sys.argv[2]])
    async with app.run_test(size=(140, 45)) as pilot:
        while app.story is None:
            await pilot.pause(0.05)
        huge = next(i for i, s in enumerate(app.story.sources) if s.path == "huge.txt") + 1
        started = time.perf_counter()
        await pilot.press(str(huge))
        await pilot.pause()
        print(time.perf_counter() - started)

asyncio.run(main())
"""


def reader_open_long_line(scratch: Path, runs: int) -> dict:
    """Pressing a source's number until the reader shows a 2 MB one-line article (was a test asserting < 2 s)."""
    folder = scratch / "two-megabyte-line"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(" date 2022-10-01 Petro Vrublevsky met Tokayev in Astana.\n", encoding="utf-8")
    (folder / "huge.txt").write_text(" date 2022-10-02 " + "Moscow said nothing new. " * 80_000, encoding="utf-8")
    seconds = [float(subprocess.run([sys.executable, "-c", _OPEN_PROBE, str(ROOT), str(folder)], capture_output=True,
                                    text=True, check=True, cwd=ROOT).stdout.split()[-1]) for _ in range(runs)]
    return spread(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1500,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scratch", default=os.path.join(tempfile.gettempdir(), "storyview-bench"))
    parser.add_argument("--json", dest="json_out", help="also write the figures to this file")
    parser.add_argument("--skip-tui", action="store_true")
    parser.add_argument("--huge", action="store_true",
                        help="only time indexing one-line articles of 2, 5, 10 and 19 MB (seconds, peak RSS)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    scratch = Path(args.scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    if args.huge:
        figures = huge(scratch)
        for key, value in figures.items():
            print(f"one-line article {key}: {json.dumps(value)}", flush=True)
        if args.json_out:
            Path(args.json_out).write_text(json.dumps({"huge": figures}, indent=1))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    report: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                "platform": platform.platform(), "processor": platform.processor() or platform.machine()},
                    "runs": args.runs}

    def show(title: str, value) -> None:
        print(f"{title}: {json.dumps(value)}", flush=True)

    report["gazetteer_load"] = gazetteer_load(args.runs)
    show("Gazetteer: first load (read + index)", report["gazetteer_load"])
    if not args.skip_tui:
        report["reader_open_2mb_line"] = reader_open_long_line(scratch, args.runs)
        show("Reader: opening a 2 MB one-line article", report["reader_open_2mb_line"])
    report["cli_search_seeds"] = cli_search(SEEDS, "Wrublewski", args.runs)
    show("CLI search on the seeds", report["cli_search_seeds"])
    for size in sizes:
        folder = corpus(size, scratch)
        articles = folder / "articles"
        key = f"corpus_{size}"
        report[key] = {"indexing": indexing(articles, args.runs)}
        show(f"{size} articles: indexing (tui.load, fresh process)", report[key]["indexing"])
        report[key]["indexing_one_process"] = indexing(articles, args.runs, processes=1)
        show(f"{size} articles: indexing in one process (STORYVIEW_WORKERS=1)", report[key]["indexing_one_process"])
        report[key]["keystroke_search"] = keystrokes(articles, args.runs)
        show(f"{size} articles: search per keystroke", report[key]["keystroke_search"])
        if size <= 2000:
            report[key]["cli_search"] = cli_search(articles, "Wrublewski", args.runs)
            show(f"{size} articles: CLI search", report[key]["cli_search"])
        report[key]["linking"] = linking(folder)
        show(f"{size} articles: linking quality (B3) and CLI entities time", report[key]["linking"])
    if not args.skip_tui:
        report["tui_seeds"] = tui_in_tmux([], args.runs)
        show("TUI on the seeds", report["tui_seeds"])
        small = [s for s in sizes if s <= 2000]
        if small:
            report[f"tui_{small[0]}"] = tui_in_tmux([str(corpus(small[0], scratch) / "articles")], args.runs)
            show(f"TUI on {small[0]} articles", report[f"tui_{small[0]}"])
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
