"""Switching sources: click, arrows + Enter, [ / ], number keys — each one opens the article at once."""

from __future__ import annotations

from app_support import WIDE, create_app, settle, vrublevsky_id

from tui.app.widgets.reader import ArticleView
from tui.app.widgets.sources import SourceList


def open_number(app) -> int:
    """1-based place of the source the reader shows."""
    source = app.query_one(ArticleView).source
    return [s.id for s in app.story.sources].index(source.id) + 1


async def test_click_opens_a_source():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert open_number(app) == 1
        assert await pilot.click("#source-list", offset=(10, 2))
        await pilot.pause()
        assert open_number(app) == 3
        assert app.query_one(SourceList).open_id == app.story.sources[2].id
        assert isinstance(app.focused, SourceList)  # wide: the list keeps the focus, the reader follows
        await pilot.press("up")
        assert open_number(app) == 2


async def test_arrow_keys_and_enter():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("s")  # focus the sources
        assert isinstance(app.focused, SourceList)
        await pilot.press("down")
        assert open_number(app) == 2  # highlighted is opened: no wait for Enter
        await pilot.press("down", "enter")
        assert open_number(app) == 3
        assert isinstance(app.focused, ArticleView)  # Enter moves on to reading
        await pilot.press("s", "up")
        assert open_number(app) == 2


async def test_brackets_and_number_keys():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        assert open_number(app) == 2
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert open_number(app) == 1  # wraps
        await pilot.press("left_square_bracket")
        assert open_number(app) == 3
        await pilot.press("2")
        assert open_number(app) == 2
        await pilot.press("1")
        assert open_number(app) == 1
        await pilot.press("9")  # there is no ninth source: nothing happens
        assert open_number(app) == 1
        assert app.query_one(SourceList).cursor == 0


async def test_switching_source_lands_on_the_chosen_entity_and_counts_show():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        entity_id = vrublevsky_id(app)
        app.choose_entity(entity_id)
        await pilot.pause()
        await pilot.press("3")
        selection = app.selection
        mentions = app.navigator.mentions(entity_id)
        first_in_third = next(m for m in mentions if m.source_id == app.story.sources[2].id)
        assert selection.span == (first_in_third.start, first_in_third.end)
        counts = app.query_one(SourceList).counts
        assert counts == app.story.entity(entity_id).count_by_source()
        row = app.query_one(SourceList).render_row(1, 60)[0].plain
        assert " 6 " in row  # the second source names him six times
