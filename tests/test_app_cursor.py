"""Holding ↓ in the sources and the chronology: the cursor follows every key, the reader catches up with
the row it rests on (issue 15, item 6: 20 presses used to land on row 13, or bounce back to row 1, as each
opened row pulled the cursor back to itself)."""

from __future__ import annotations

from app_support import WIDE, create_app, settle
from textual import events
from textual.pilot import Pilot

from tui.app.widgets.chronology import ChronologyPane, EventList
from tui.app.widgets.reader import ArticleView
from tui.app.widgets.rowlist import RowList
from tui.app.widgets.sources import SourceList

ROWS = 30


def long_story(write_story):
    """30 dated articles, each naming the same man with two dates of its own: 30 sources, ~90 chronology rows."""
    return write_story({
        f"a{i:02d}.txt": f" date 2022-{1 + i % 12:02d}-{1 + i % 28:02d} Report {i}: Petro Vrublevsky met officials "
                         f"in Astana on {1 + i % 28} March 2021. On {1 + i % 20} April 2021 he spoke again.\n"
        for i in range(ROWS)})


async def hold(pilot: Pilot, key: str, times: int) -> None:
    """Send `times` presses of `key` as a terminal's auto-repeat does: all queued before the app handles
    any (pilot.press waits for the app to go idle after each key, which hid the bug)."""
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for _ in range(times):
        event = events.Key(key, None)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()


async def rested(pilot: Pilot, row_list: RowList) -> None:
    """Wait (a bounded while) until the list's preview has caught up with its cursor."""
    for _ in range(40):
        if not row_list.preview_owed:
            break
        await pilot.pause(0.05)
    await settle(pilot)


async def focused(pilot: Pilot, key: str) -> RowList:
    """The loaded story's list that `key` goes to, focused."""
    await settle(pilot)
    await pilot.press(key)
    row_list = pilot.app.focused
    assert isinstance(row_list, RowList) and row_list.cursor == 0
    return row_list


async def test_holding_down_in_the_sources_lands_on_row_20(write_story):
    app = create_app([str(long_story(write_story))])
    async with app.run_test(size=WIDE) as pilot:
        source_list = await focused(pilot, "s")
        assert isinstance(source_list, SourceList)
        await hold(pilot, "down", 20)
        assert source_list.cursor == 20
        await rested(pilot, source_list)
        assert source_list.cursor == 20  # the preview's completion never moves the cursor
        assert app.query_one(ArticleView).source is source_list.sources[20]
        assert source_list.open_id == source_list.sources[20].id
        await hold(pilot, "up", 7)
        assert source_list.cursor == 13
        await rested(pilot, source_list)
        assert source_list.cursor == 13
        assert app.query_one(ArticleView).source is source_list.sources[13]


async def test_pilot_presses_without_pauses_land_on_row_20(write_story):
    app = create_app([str(long_story(write_story))])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("s", *["down"] * 20)
        source_list = app.query_one(SourceList)
        assert source_list.cursor == 20
        await rested(pilot, source_list)
        assert source_list.cursor == 20
        assert app.query_one(ArticleView).source is source_list.sources[20]


async def test_holding_down_in_the_chronology_lands_on_row_20(write_story):
    app = create_app([str(long_story(write_story))])
    async with app.run_test(size=WIDE) as pilot:
        event_list = await focused(pilot, "t")
        assert isinstance(event_list, EventList)
        await hold(pilot, "down", 20)
        assert event_list.cursor == 20  # the story has no headings before row 20: one row a key
        await rested(pilot, event_list)
        assert event_list.cursor == 20
        expression = app.query_one(ChronologyPane)._expression_at(20)
        assert expression is not None
        reader = app.query_one(ArticleView)
        assert reader.source is not None and reader.source.id == expression.source_id
        assert app.selection.span == (expression.start, expression.end)
        # the sources list follows what the chronology opened, without asking for anything back
        source_list = app.query_one(SourceList)
        assert source_list.sources[source_list.cursor].id == expression.source_id


async def test_a_single_press_previews_at_once_and_enter_opens_the_cursor_row(write_story):
    app = create_app([str(long_story(write_story))])
    async with app.run_test(size=WIDE) as pilot:
        source_list = await focused(pilot, "s")
        await pilot.press("down")
        assert isinstance(source_list, SourceList)
        assert app.query_one(ArticleView).source is source_list.sources[1]  # no wait for the keys to stop
        await hold(pilot, "down", 5)
        await pilot.press("enter")  # before the preview caught up: Enter opens the row under the cursor
        await settle(pilot)
        assert app.query_one(ArticleView).source is source_list.sources[6]
        assert isinstance(app.focused, ArticleView)
