"""The help screen: every live binding, grouped, filterable, only keys that exist, and a legend."""

from __future__ import annotations

import io

from app_support import WIDE, create_app, settle, type_text
from rich.console import Console
from textual.binding import Binding
from textual.widgets import Input

from tui.app.screens import HelpScreen, binding_rows, help_group
from tui.app.widgets.reader import ArticleView


def _text(app, view: str) -> str:
    console = Console(width=110, record=True, file=io.StringIO())
    console.print(getattr(app.screen, view))
    return console.export_text()


async def test_help_groups_every_key_with_only_the_sources_there_are():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        rows = screen.shown
        descriptions = {row.description for row in rows}
        for binding in app.BINDINGS:
            if binding.system or (binding.id or "").startswith("app.source-"):
                continue
            assert (binding.tooltip or binding.description) in descriptions, binding.id
        # the sample has 3 sources: one row for 1-3, none for 4-9
        sources = [row for row in rows if "Open source" in row.description]
        assert [(row.keys, row.description) for row in sources] == [("1–3", "Open source #1–#3")]
        groups = list(dict.fromkeys(row.group for row in rows))
        assert groups[:3] == ["Navigation", "Search", "Entities & corrections"]
        assert {"Views", "Copy & export", "General"} <= set(groups)
        keys = _text(app, "keys_view")
        assert "Navigation" in keys and "Filter by type" in keys and "(entities)" in keys
        assert "app.next-mention" not in keys  # no developer ids
        legend = _text(app, "legend_view")
        assert "▁▂▄█ ·" in legend and "underlined" in legend and "mouse" in legend
        # typing narrows the rows (the box has focus); ? and Esc still close
        assert isinstance(app.focused, Input)
        await type_text(pilot, "undo")
        await pilot.pause()
        assert screen.shown and all("undo" in f"{r.description} {r.keys}".lower() for r in screen.shown)
        assert "Filter by type" not in _text(app, "keys_view")
        await type_text(pilot, " zzzz")
        await pilot.pause()
        assert not screen.shown and "No key matches" in _text(app, "keys_view")
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)


async def test_a_key_added_to_a_pane_shows_up_in_its_group_without_editing_the_help(monkeypatch):
    monkeypatch.setattr(ArticleView, "BINDINGS", [
        *ArticleView.BINDINGS,
        Binding("M", "noop", "Mentions", tooltip="Every mention of the chosen name", id="mentions.open"),
        Binding("Z", "noop", "Zap", tooltip="Something nobody grouped", id="zap.it")])
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        rows = {row.description: row for row in binding_rows(app, 3)}
        assert rows["Every mention of the chosen name"].group == "Views"
        assert rows["Every mention of the chosen name"].where == "reader"
        assert rows["Something nobody grouped"].group == "Other"


def test_groups_go_by_the_longest_id_start():
    assert help_group("app.next-source") == "Navigation"
    assert help_group("app.search") == "Search"
    assert help_group("reader.split-mention") == "Entities & corrections"
    assert help_group("reader.down") == "Navigation"
    assert help_group("export.csv") == "Copy & export"
    assert help_group("nobody.knows") == "Other"


async def test_before_the_story_loads_the_help_lists_nine_sources():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        rows = binding_rows(app, None)
        assert [row.keys for row in rows if "Open source" in row.description] == ["1–9"]
        assert not [row for row in binding_rows(app, 0) if "Open source" in row.description]
        one = [row for row in binding_rows(app, 1) if "Open source" in row.description]
        assert [(row.keys, row.description) for row in one] == [("1", "Open source #1")]
