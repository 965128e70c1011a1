"""Key latency of the dashboard in a real terminal: tmux sends a key, capture-pane (with its escape codes,
so a focus change that only recolours a border counts) is polled until the screen changes; the time from
sending to the first changed screen is the key's latency. Prints p50 / p95 / max per key, in ms.

    python tests/benchmarks/keys.py                          # the sample story, 200x60 and 80x24
    python tests/benchmarks/keys.py --story /tmp/gc1500 --presses 30
    python tests/benchmarks/keys.py --story /tmp/gc1500 --while-loading   # keys while the story loads
    python tests/benchmarks/keys.py --json keys.json

The figure includes tmux's own round trip (a capture costs ~2-4 ms): it is what a person feels, give or
take a frame. On a busy machine wall times mostly measure the wait for a core: the app's own CPU is the
steadier figure to compare versions by: "cpu p50 / p95" per key (every thread's, from /proc/PID/task/*/schedstat,
from sending the key until the screen settles; not while loading, where the loader's threads are in it) and
"cpu/key" (the whole cycle's, per key pressed). Measured, never asserted: this is not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# each key is pressed in a cycle that changes the screen every time (a pane switch to the pane already
# focused would change nothing and time out); a cycle's timed keys are reported under their label
CYCLES: dict[str, tuple[list[str], list[str]]] = {  # name: (keys pressed first, untimed; the cycle)
    "e/s/r/t": ([], ["e", "s", "r", "t"]),
    "?": ([], ["?", "Escape"]),
    "down": (["r", "Home"], ["Down", "Up"]),  # the reader scrolling a line
}
_LABELS = {"e": "e/s/r/t", "s": "e/s/r/t", "r": "e/s/r/t", "t": "e/s/r/t", "?": "?", "Escape": "esc help",
           "Down": "down"}
_TIMEOUT = 3.0


def _capture(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-e", "-p", "-t", session], capture_output=True,
                          text=True, check=True).stdout


def _wait(session: str, predicate, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    screen = _capture(session)
    while not predicate(screen):
        if time.monotonic() > deadline:
            raise TimeoutError(screen)
        time.sleep(0.02)
        screen = _capture(session)
    return screen


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process so far (clock ticks of /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_ns(pid: int) -> int:
    """CPU time of every thread of the process so far, in ns (/proc/PID/task/*/schedstat: the tick counts
    of /proc/PID/stat are 10 ms apart, too coarse for one key)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that ended while the folder was read: its time is in the process's already
    return total


def _idle(pid: int, timeout: float = 900.0) -> None:
    """Wait until the app uses under 10% of a core for a second: the chronology of a big story is still
    built in a thread after the story is on screen, and its CPU is not what a key costs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = _cpu_seconds(pid)
        time.sleep(1.0)
        if _cpu_seconds(pid) - before < 0.1:
            return


def _press(session: str, key: str) -> float | None:
    """Send `key`; seconds until the screen changed (None: it did not within the timeout)."""
    before = _capture(session)
    start = time.perf_counter()
    subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
    deadline = start + _TIMEOUT
    while time.perf_counter() < deadline:
        if _capture(session) != before:
            return time.perf_counter() - start
    return None


def _settle(session: str, quiet: float = 0.25, timeout: float = 5.0) -> None:
    """Wait until the screen has not changed for `quiet` seconds (a toast, a late repaint)."""
    deadline = time.monotonic() + timeout
    last, since = _capture(session), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - since < quiet:
        time.sleep(0.03)
        now = _capture(session)
        if now != last:
            last, since = now, time.monotonic()


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"p50": round(statistics.median(ordered), 1),
            "p95": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1), "max": round(ordered[-1], 1)}


def measure(story: str | None, size: tuple[int, int], presses: int, while_loading: bool,
            env: dict[str, str]) -> dict[str, dict[str, float]]:
    session = f"storyview-keys-{uuid.uuid4().hex[:8]}"
    command = [sys.executable, "-m", "tui.cli", *([story] if story else [])]
    subprocess.run(["tmux", "new-session", "-d", "-x", str(size[0]), "-y", str(size[1]), "-s", session,
                    "-c", str(ROOT), "env", "-u", "COLUMNS", "-u", "LINES", *command], check=True, env=env)
    subprocess.run(["tmux", "set", "-t", session, "escape-time", "0"], check=True, capture_output=True)
    results: dict[str, dict[str, float]] = {}
    pid = int(subprocess.run(["tmux", "display", "-p", "-t", session, "#{pane_pid}"], capture_output=True,
                             text=True, check=True).stdout)
    try:
        if while_loading:
            _wait(session, lambda s: "Reading articles" in s or "Finding names" in s, 30)
        else:
            _wait(session, lambda s: "choose a name" in s or "back where you were" in s, 900)
            _idle(pid)
            _settle(session)
        for setup, cycle in CYCLES.values():
            for key in setup:
                subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
            _settle(session, quiet=0.1)
            times: dict[str, list[float]] = {}
            # ms of the app's CPU from sending a key to the screen settling (while loading, the loader's
            # threads' CPU would be in it too: not kept)
            cpus: dict[str, list[float]] = {}
            misses: dict[str, int] = {}
            i = 0
            cpu = _cpu_seconds(pid)
            while sum(len(t) for t in times.values()) + sum(misses.values()) < presses:
                key = cycle[i % len(cycle)]
                i += 1
                before = _cpu_ns(pid)
                took = _press(session, key)
                if not while_loading:
                    _settle(session, quiet=0.05)
                label = _LABELS.get(key)
                if label is None:
                    continue
                if took is None:
                    misses[label] = misses.get(label, 0) + 1
                    continue
                times.setdefault(label, []).append(took * 1000)
                if not while_loading:
                    cpus.setdefault(label, []).append((_cpu_ns(pid) - before) / 1e6)
            cpu = _cpu_seconds(pid) - cpu
            for label, taken in times.items():
                results[label] = {**_percentiles(taken), "n": len(taken), "unchanged": misses.get(label, 0),
                                  # the app's CPU per key of the cycle (both keys: e.g. ? and Esc)
                                  "cpu_per_key": round(cpu * 1000 / i, 1)}
                if label in cpus:
                    cpu_figures = _percentiles(cpus[label])
                    results[label] |= {"cpu_p50": cpu_figures["p50"], "cpu_p95": cpu_figures["p95"]}
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--story", action="append", help="a story folder (repeatable; default: the sample)")
    parser.add_argument("--size", action="append", help="WxH (repeatable; default 200x60 and 80x24)")
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--while-loading", action="store_true", help="press keys while the story loads")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is not installed")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["PYTHONPATH"] = str(ROOT)
    # a state folder of its own: the dashboard would otherwise open where someone last left the story
    env["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="storyview-keys-")
    sizes = [tuple(int(n) for n in s.split("x")) for s in (args.size or ["200x60", "80x24"])]
    report = []
    for story in args.story or [None]:
        for width, height in sizes:
            figures = measure(story, (width, height), args.presses, args.while_loading, env)
            report.append({"story": story or "seeds", "size": f"{width}x{height}",
                           "while_loading": args.while_loading, "keys": figures})
            for key, f in figures.items():
                print(f"{story or 'seeds':>14} {width}x{height} {'loading ' if args.while_loading else ''}"
                      f"{key:>8}: p50 {f['p50']:6.1f}  p95 {f['p95']:6.1f}  max {f['max']:6.1f} ms"
                      f"  cpu/key {f['cpu_per_key']:5.1f} ms"
                      + (f"  cpu p50 {f['cpu_p50']:5.1f} p95 {f['cpu_p95']:5.1f}" if "cpu_p50" in f else "")
                      + f"  (n={f['n']}, unchanged {f['unchanged']})", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
