"""The narrow layout's tabs, the problems screen and copying a sentence (the help: test_app_help.py)."""

from __future__ import annotations

from app_support import NARROW, WIDE, create_app, settle, type_text, vrublevsky_id
from textual.widgets import DataTable, Input, Tabs

from tui.app.screens import HelpScreen, ProblemsScreen
from tui.app.widgets.chronology import ChronologyPane, EventList
from tui.app.widgets.entities import EntityList
from tui.app.widgets.reader import ArticleView
from tui.app.widgets.sources import SourceList


async def test_80x24_collapses_into_tabs():
    app = create_app([])
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        tabs = app.query_one("#pane-tabs", Tabs)
        assert app.screen.has_class("-narrow")
        assert tabs.display and tabs.region.height > 0
        article = app.query_one(ArticleView)
        assert article.region.width >= 70  # the reader has the whole width
        assert not app.query_one(SourceList).region  # hidden behind its tab
        assert "Ukraine" in article.visible_text()
        # / brings the search tab forward; Enter goes back to the reader, on the mention
        await pilot.press("slash")
        assert isinstance(app.focused, Input) and tabs.active == "tab-entities"
        await type_text(pilot, "wrublewski")
        await pilot.press("enter")
        await settle(pilot)
        assert tabs.active == "tab-reader" and isinstance(app.focused, ArticleView)
        assert app.selection.entity_id == vrublevsky_id(app)
        await pilot.press("n", "n", "n")
        assert "mention 4 of 10" in str(app.query_one("#status-text").render())
        # every pane is one key (or one click on its tab) away
        await pilot.press("t")
        assert tabs.active == "tab-timeline" and app.query_one(EventList).region.width >= 70
        await pilot.press("e")
        assert tabs.active == "tab-entities" and isinstance(app.focused, EntityList)
        await pilot.press("s")
        assert tabs.active == "tab-sources" and isinstance(app.focused, SourceList)
        assert app.query_one(SourceList).region.height >= 3
        # a click on a source brings the reader forward with it
        await pilot.click("#source-list", offset=(8, 1))
        await pilot.pause()
        assert tabs.active == "tab-reader" and app.query_one(ArticleView).source.id == app.story.sources[1].id
        await pilot.click("#pane-tabs Tab#tab-timeline")
        await pilot.pause()
        assert tabs.active == "tab-timeline" and app.query_one(EventList).region
        assert not app.query_one(ArticleView).region


async def test_resizing_between_wide_and_narrow_keeps_the_pane_in_use():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("t")  # the chronology, while wide
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert app.query_one("#pane-tabs", Tabs).active == "tab-timeline"
        assert app.query_one(EventList).region.area > 0
        assert not app.query_one(ArticleView).region
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        await pilot.pause()
        for widget in (ArticleView, SourceList, EntityList, EventList):
            assert app.query_one(widget).region.area > 0, widget


async def test_wide_shows_every_pane_at_once():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-wide")
        assert not app.query_one("#pane-tabs").region
        for widget in (ArticleView, SourceList, EntityList, EventList):
            assert app.query_one(widget).region.area > 0, widget


async def test_copy_puts_the_sentence_source_and_date_on_the_clipboard():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.choose_entity(vrublevsky_id(app))
        await pilot.press("3")
        await pilot.press("c")
        copied = app.clipboard
        assert "Wrublewski" in copied
        assert copied.startswith("“") and "”" in copied
        assert "002_f409f92c391b5b88.txt" in copied and "2022-10 (month)" in copied


async def test_chronology_opens_the_sentence_in_the_reader():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        events = app.events
        assert events, "the chronology was not built"
        await pilot.press("t")
        event_list = app.query_one(EventList)
        assert isinstance(app.focused, EventList)
        # go to the second expression row and open it
        target = next(i for i, (kind, _) in enumerate(event_list.rows) if kind == "expression" and i > 2)
        for _ in range(target):
            await pilot.press("down")
        await pilot.press("enter")
        expression = event_list.rows[target][1]
        article = app.query_one(ArticleView)
        assert isinstance(app.focused, ArticleView)
        assert article.source.id == expression.source_id
        assert app.selection.span == (expression.start, expression.end)
        assert expression.text.split()[0] in article.visible_text()
        # precision is shown as it is: a weekday is not turned into a day
        labels = [event_list.render_row(i, 40)[0].plain for i, (kind, _) in enumerate(event_list.rows)
                  if kind == "event"]
        assert any(label.startswith("a Wednesday in 2022-10") for label in labels)
        assert any(label.startswith("2022-09-21") for label in labels)
        headings = [item for kind, item in event_list.rows if kind == "heading"]
        assert any(h.startswith("Undated") for h in headings)


async def test_a_failing_chronology_leaves_an_empty_pane_with_a_message(monkeypatch):
    from tui.engine.story import Story

    def broken(self):
        raise ValueError("not finished")

    monkeypatch.setattr(Story, "events", property(broken))
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.is_running
        pane = app.query_one(ChronologyPane)
        message = str(pane.query_one("#chronology-message").render())
        assert "unavailable" in message and "not finished" in message
        assert app.query_one(EventList).row_count == 0
        assert app.query_one(ArticleView).source is not None  # the rest works


async def test_problems_are_reported(tmp_path):
    (tmp_path / "good.txt").write_text(" date 2022-10-01 Petro Vrublevsky spoke in Astana.\n", encoding="utf-8")
    (tmp_path / "bad_date.txt").write_text(" date 2022-13-45 Tokayev spoke.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not text")
    app = create_app([str(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        notices = [n.message for n in app._notifications]
        assert any("skipped" in n and "w for details" in n for n in notices)
        await pilot.press("w")
        assert isinstance(app.screen, ProblemsScreen)
        table = app.screen.query_one(DataTable)
        text = " ".join(str(c) for i in range(table.row_count) for c in table.get_row_at(i))
        assert "empty.txt" in text and "photo.jpg" in text and "month 13" in text


async def test_a_missing_path_is_an_error_message_not_a_crash(tmp_path):
    app = create_app([str(tmp_path / "nowhere")])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot, failures=True)
        assert app.is_running
        assert "no such file or directory" in str(app.query_one("#status-text").render())
        assert any(n.severity == "error" for n in app._notifications)


async def test_the_story_can_arrive_while_a_modal_is_open(monkeypatch):
    import threading

    import tui.engine.story as story_module

    release = threading.Event()
    real_load = story_module.load

    def held_load(*paths, progress=None, **options):
        release.wait(10)
        return real_load(*paths, progress=progress, **options)

    monkeypatch.setattr(story_module, "load", held_load)
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen) and app.story is None
        release.set()
        await settle(pilot)
        assert app.story is not None and app.is_running
        await pilot.press("escape")
        assert app.query_one(ArticleView).source is not None
        assert app.query_one(SourceList).row_count == 3
