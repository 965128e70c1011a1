"""Search as you type (issue 15): does every prefix of >= 3 letters of a name of the story, in any of its
spellings, list the entity in the top 3, and what does a keystroke cost?

    PYTHONPATH=. python tests/benchmarks/search_prefix.py                         # seeds, /tmp/gc1500, /tmp/gc10000
    PYTHONPATH=. python tests/benchmarks/search_prefix.py seeds /tmp/gc1500 --sample 0:300
    PYTHONPATH=. python tests/benchmarks/search_prefix.py /tmp/gc1500 --failures 40
    PYTHONPATH=. python tests/benchmarks/search_prefix.py /tmp/gc1500 --tui 10 --tui-only   # the dashboard's path

A name's prefixes are typed from the start of each of its words ("Vrub", "Petro Vrub"): every spelling the
story has for the entity (each mention's text and the entity's name) is typed letter by letter. A prefix that
begins a name word of more than three entities ("Pet" for every Petro) cannot list them all in three rows: it
is counted apart ("ambiguous"), with how often the entity is listed at all. Latency is the engine's search per
keystroke (every keystroke from the first letter, each distinct query timed once, the index built first),
as p50 / p95 / p99, wall-clock and the thread's CPU time (what it would be on an idle machine: the one
figure a shared machine does not inflate). Figures are printed, never asserted: this is not a test.
"""

from __future__ import annotations

import argparse
import bisect
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import tui
from tui.engine import lexicon
from tui.engine.names import fold

ROOT = Path(__file__).resolve().parents[2]
TOP = 3
SHORTEST = 3  # letters
_SKIPPED_WORDS = lexicon.NAME_CONNECTORS | {"the", "of", "and"}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def tails(spelling: str) -> list[str]:
    """The spelling from the start of each of its words (a name is typed from any of its words)."""
    out = []
    for i, ch in enumerate(spelling):
        if ch.isspace() or (i and not spelling[i - 1].isspace()):
            continue
        word = spelling[i:].split()[0]
        if fold(word) in _SKIPPED_WORDS or sum(c.isalpha() for c in word) < 2:
            continue
        out.append(spelling[i:])
    return out


def spellings(entity) -> set[str]:
    return {m.text for m in entity.mentions} | {entity.name}


def letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def measure(story, entities, all_entities, failures_shown: int) -> dict:
    # every entity's folded tails, sorted, to count how many entities a prefix begins a name word of
    folded_tails = sorted({(fold(t), e.id) for e in all_entities for s in spellings(e) for t in tails(s)})
    keys = [t for t, _ in folded_tails]

    def sharing(prefix: str) -> int:
        start = bisect.bisect_left(keys, prefix)
        ids = set()
        for t, eid in folded_tails[start:]:
            if not t.startswith(prefix):
                break
            ids.add(eid)
        return len(ids)

    story.prepare_search()  # as the dashboard's loading worker does, before anyone types
    results: dict[str, list] = {}
    timings: list[float] = []
    cpu: list[float] = []

    def search(query: str) -> list:
        held = results.get(query)
        if held is None:
            started, started_cpu = time.perf_counter(), time.thread_time()
            held = results[query] = story.search(query)
            timings.append(time.perf_counter() - started)
            cpu.append(time.thread_time() - started_cpu)
        return held

    rated = passed = ambiguous = ambiguous_listed = 0
    failed: list[tuple] = []
    failed_entities: Counter = Counter()
    by_length: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for entity in entities:
        seen: set[str] = set()
        for spelling in sorted(spellings(entity)):
            for tail in tails(spelling):
                for end in range(1, len(tail) + 1):
                    query = tail[:end]
                    answer = search(query)
                    if letters(query) < SHORTEST or query[-1].isspace() or query in seen:
                        continue
                    seen.add(query)
                    rank = next((i for i, r in enumerate(answer) if r.entity.id == entity.id), None)
                    if sharing(fold(query)) > TOP:
                        ambiguous += 1
                        ambiguous_listed += rank is not None
                        continue
                    rated += 1
                    ok = rank is not None and rank < TOP
                    passed += ok
                    row = by_length[min(letters(query), 8)]
                    row[0] += 1
                    row[1] += ok
                    if not ok:
                        failed_entities[entity.name] += 1
                        failed.append((query, entity.name, rank,
                                       [(r.entity.name, round(r.score, 3)) for r in answer[:TOP]]))
    print(f"  entities {len(entities)}, prefixes rated {rated}: top-{TOP} {passed}/{rated} = "
          f"{passed / max(rated, 1):.4f}; entities with a failing prefix {len(failed_entities)}")
    print("  by letters typed: " + "  ".join(f"{n}{'+' if n == 8 else ''}: {ok}/{all_}"
                                            for n, (all_, ok) in sorted(by_length.items())))
    print(f"  ambiguous prefixes (a name word of > {TOP} entities) {ambiguous}: listed at all "
          f"{ambiguous_listed}/{ambiguous}")
    for label, values in (("wall", timings), ("CPU", cpu)):
        ms = [t * 1000 for t in values]
        if ms:
            print(f"  keystrokes {len(ms)}, {label}: p50 {percentile(ms, 0.5):.2f} ms  p95 {percentile(ms, 0.95):.2f} ms"
                  f"  p99 {percentile(ms, 0.99):.2f} ms  max {max(ms):.2f} ms")
    if failed and failures_shown:
        print(f"  failing entities (most failing prefixes first): {failed_entities.most_common(10)}")
        step = max(1, len(failed) // failures_shown)
        for query, name, rank, top in failed[::step][:failures_shown]:
            print(f"    {query!r:32} -> {name!r} rank {'-' if rank is None else rank + 1}; top {top}")
    return {"rated": rated, "passed": passed, "timings": timings}


async def _typing(folder: str, names: list[str]) -> list[float]:
    """Seconds from each keystroke's change of the dashboard's search box (Input.Changed handled) to its
    results handled by the pane (the list set; it draws only the rows on screen). Pilot, headless; Pilot's
    own wait after a key press is not counted."""
    from textual.widgets import Input

    from tui.app.factory import create_app
    from tui.app.widgets.search import SearchPane

    changed: dict[str, float] = {}
    timings: list[float] = []

    def hook(message) -> None:
        if isinstance(message, Input.Changed):
            changed.setdefault(message.value, time.perf_counter())
        elif isinstance(message, SearchPane.Results) and message.query in changed:
            timings.append(time.perf_counter() - changed.pop(message.query))

    app = create_app([folder])
    async with app.run_test(size=(140, 45), message_hook=hook) as pilot:
        while app.story is None:
            await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        pane = app.query_one(SearchPane)
        for name in names:
            await pilot.press("slash")
            for char in name:
                await pilot.press({" ": "space"}.get(char, char))
            while pane.results_query != pane.input.value:
                await pilot.pause(0.01)
            await pilot.press("escape")
            changed.clear()
    return timings


def typing_latency(folder: str, story, n: int) -> None:
    """The TUI's path: n names typed letter by letter, their most frequent entities first."""
    import asyncio

    entities = sorted(story.entities, key=lambda e: -len(e.mentions))
    names = [e.name for e in entities if all(c.isalpha() or c == " " for c in e.name)][:n]
    ms = [t * 1000 for t in asyncio.run(_typing(folder, names))]
    print(f"  dashboard, {len(names)} names typed, {len(ms)} keystrokes answered (a superseded one is not): "
          f"box changed to results handled p50 {percentile(ms, 0.5):.1f} ms  p95 {percentile(ms, 0.95):.1f} ms  "
          f"p99 {percentile(ms, 0.99):.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="*", help="story folders (default: seeds, /tmp/gc1500, /tmp/gc10000)")
    parser.add_argument("--sample", default="", help="STORY:N — only N random entities of that story "
                        "(default 300 for a story of more than 5,000 articles)")
    parser.add_argument("--failures", type=int, default=15, help="failing prefixes shown per story")
    parser.add_argument("--tui", type=int, default=0, metavar="N",
                        help="also type N names in the dashboard's search box and time key to results shown")
    parser.add_argument("--tui-only", action="store_true", help="only the dashboard's figures")
    args = parser.parse_args(argv)
    stories = args.stories or [str(ROOT / "seeds"), "/tmp/gc1500", "/tmp/gc10000"]
    samples = dict(item.rsplit(":", 1) for item in args.sample.split(",") if item)
    for folder in stories:
        if not Path(folder).exists():
            print(f"== {folder}: missing (python ../shared/tools/gen_corpus.py N {folder})")
            continue
        started = time.perf_counter()
        story = tui.load(folder)
        print(f"== {folder}: {len(story.sources)} articles, {len(story.entities)} entities "
              f"(loaded in {time.perf_counter() - started:.1f} s)")
        entities = list(story.entities)
        n = int(samples.get(folder, 300 if len(story.sources) > 5000 else 0))
        if n and n < len(entities):
            entities = random.Random(0).sample(entities, n)
        if not args.tui_only:
            measure(story, entities, story.entities, args.failures)
        if args.tui:
            typing_latency(folder, story, args.tui)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
