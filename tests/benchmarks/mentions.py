"""How fast the mentions view is (issue 15 item 2): the engine's co-occurrence count and sentence look-ups for
the story's busiest entities, and in the dashboard (headless Pilot) the time from M to the view on screen,
a cursor step and End, for the busiest entity.

  PYTHONPATH=. python tests/benchmarks/mentions.py [PATH ...]      (default: the sample story)

Figures are printed, never asserted (timings on a shared machine are not a test)."""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

import tui


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def engine(story) -> None:
    busiest = sorted(story.entities, key=lambda e: -len(e.mentions))[:3]
    _ = story.mentions_by_source
    for entity in busiest:
        start = time.perf_counter()
        found = story.cooccurrence(entity)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        story.cooccurrence(entity)
        warm = time.perf_counter() - start
        start = time.perf_counter()
        for mention in entity.mentions:
            story.sentences.around(mention)
        around = time.perf_counter() - start
        print(f"{entity.name}: {len(entity.mentions)} mentions in {len(entity.count_by_source())} sources, "
              f"{len(found)} named with it; cooccurrence {_ms(cold)} first, {_ms(warm)} again; every sentence "
              f"{_ms(around)}")


async def dashboard(paths: list[str]) -> None:
    from tui.app.factory import create_app
    from tui.app.mentions import MentionList

    app = create_app(paths)
    async with app.run_test(size=(200, 60)) as pilot:
        while app.story is None or app.events is None:  # the loader, then the chronology
            await pilot.pause(0.1)
        entity = max(app.story.entities, key=lambda e: len(e.mentions))
        app.choose_entity(entity.id)
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("question_mark")
        await pilot.pause()
        helped = time.perf_counter() - start
        await pilot.press("escape")
        await pilot.pause()
        print(f"for comparison: ? to the help screen {_ms(helped)}")
        start = time.perf_counter()
        await pilot.press("M")
        await pilot.pause()
        opened = time.perf_counter() - start
        await app.workers.wait_for_complete()
        counted = time.perf_counter() - start
        steps = []
        for _ in range(30):
            start = time.perf_counter()
            await pilot.press("down")
            await pilot.pause()
            steps.append(time.perf_counter() - start)
        start = time.perf_counter()
        await pilot.press("end")
        await pilot.pause()
        end = time.perf_counter() - start
        rows = app.screen.query_one(MentionList).row_count
        print(f"dashboard, {entity.name} ({len(entity.mentions)} mentions, {rows} rows): M to the view "
              f"{_ms(opened)}, named-with counted {_ms(counted)}; down median {_ms(statistics.median(steps))}, "
              f"max {_ms(max(steps))}; End {_ms(end)}")


def main(argv: list[str]) -> None:
    story = tui.load(*argv)
    print(f"{len(story.sources)} sources, {len(story.entities)} entities")
    engine(story)
    asyncio.run(dashboard(argv))


if __name__ == "__main__":
    main(sys.argv[1:])
