"""Keys that only move the focus redraw only what looks different (the panes' frames, a list's cursor
row), and the help is kept between openings; how they look is unchanged (the snapshots hold the rest)."""

from __future__ import annotations

from app_support import WIDE, create_app, settle, type_text
from textual.widgets import Input

from tui.app.screens import HelpScreen
from tui.app.widgets.entities import EntityList
from tui.app.widgets.reader import ArticleView


async def test_moving_the_focus_does_not_redraw_the_article_and_the_cursor_follows_it(monkeypatch):
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        entity_list = app.query_one(EntityList)
        assert app.focused is entity_list
        line = next(y for y in range(entity_list.size.height) if entity_list.row_at(y) == entity_list.cursor)
        focused_look = entity_list.render_line(line)
        drawn: list[int] = []
        original = ArticleView.render_line
        monkeypatch.setattr(ArticleView, "render_line", lambda self, y: drawn.append(y) or original(self, y))
        for key in ("r", "s", "t", "r", "e"):
            await pilot.press(key)
            await settle(pilot)
        assert drawn == []  # the article looks the same with or without the focus
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.focused, ArticleView)
        # the list's cursor row took its unfocused look, and takes the focused one back with the focus
        assert entity_list.render_line(line) != focused_look
        await pilot.press("e")
        await settle(pilot)
        assert entity_list.render_line(line) == focused_look


async def test_the_help_is_kept_and_opens_again_unfiltered_at_the_top():
    app = create_app([])
    async with app.run_test(size=(140, 20)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        first = app.screen
        assert isinstance(first, HelpScreen)
        every_key = list(first.shown)
        await type_text(pilot, "undo")
        await pilot.pause()
        assert len(first.shown) < len(every_key)
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is first  # not built again
        assert app.screen.query_one(Input).value == "" and first.shown == every_key
        assert isinstance(app.focused, Input)
        await pilot.press("pagedown")
        await pilot.pause()
        assert app.screen.query_one("#help-scroll").scroll_y > 0
        await pilot.press("question_mark", "question_mark")
        await pilot.pause()
        assert app.screen is first and app.screen.query_one("#help-scroll").scroll_y == 0
        assert [r.keys for r in first.shown if "Open source" in r.description] == ["1–3"]
