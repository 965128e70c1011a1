"""Issue 15's rough edges: highlights that differ, what c copies, Esc, the n wrap, singular counts, the
narrow reader's title, opening a file from the problems screen, and the place remembered per story."""

from __future__ import annotations

import os

from app_support import NARROW, WIDE, create_app, settle, status_text, type_text, vrublevsky_id
from textual.widgets import DataTable

from tui.app import places
from tui.app.labels import plural
from tui.app.screens import ProblemsScreen
from tui.app.widgets.reader import ArticleView
from tui.app.widgets.search import ResultList


async def test_mentions_the_current_one_and_dates_look_different_in_both_themes():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            styles = app.query_one(ArticleView).highlight_styles()
            name, mention, current, date = (styles[k] for k in ("name", "mention", "current", "focus"))
            backgrounds = {mention.bgcolor, current.bgcolor, date.bgcolor}
            assert len(backgrounds) == 3 and None not in backgrounds, theme
            # apart without colour too (256 colours, a monochrome terminal): by their attributes
            looks = {(s.bold, s.underline, s.italic) for s in (name, mention, current, date)}
            assert len(looks) == 4, theme
            # the soft accent is a blend onto the article, not the solid accent of the current mention
            assert mention.bgcolor != current.bgcolor
            assert mention.bgcolor.get_truecolor() != current.bgcolor.get_truecolor()


async def test_copy_takes_the_mentions_own_sentence_even_mid_paragraph(write_story):
    folder = write_story({"a.txt": " date 2022-10-01 The talks went on for hours. Petro Vrublevsky said the "
                                   "embassy would stay open. Nobody else spoke.\n"})
    app = create_app([str(folder)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        entity = next(e for e in app.story.entities if "Vrublevsky" in e.name)
        app.go_to_entity(entity.id)
        await pilot.pause()
        await pilot.press("c")
        assert app.clipboard.startswith("“Petro Vrublevsky said the embassy would stay open.”")
        assert "current mention" in status_text(app)


async def test_copy_without_a_mention_takes_the_first_sentence_on_screen_and_says_so():
    app = create_app([])
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        article = app.query_one(ArticleView)
        await pilot.press("r", "down", "down", "down")
        await pilot.pause()
        top = article.top_offset()
        await pilot.press("c")
        source = article.source
        sentence = app.clipboard[1:app.clipboard.index("”")]
        start = source.text.index(sentence.split()[0], top)
        assert start >= top and sentence.split()[0] in article.visible_text()
        assert "first sentence on screen" in status_text(app)


async def test_escape_unchooses_and_search_results_collapse_once_chosen():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "vrublevsky")
        await settle(pilot)
        results = app.query_one(ResultList)
        assert results.region.height > 0
        await pilot.press("enter")
        await settle(pilot)
        assert app.selection.entity_id == vrublevsky_id(app)
        assert results.has_class("-empty") and not results.region  # the reader has the room back
        await pilot.press("escape")
        assert app.selection.entity_id is None and "choose a name" in status_text(app)
        await pilot.press("slash")  # the box again: its results with it
        assert not results.has_class("-empty")


async def test_n_says_when_it_wraps_like_vim():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.go_to_entity(vrublevsky_id(app))
        await pilot.pause()
        count = len(app.navigator.mentions(vrublevsky_id(app)))
        await pilot.press(*["n"] * (count - 1))
        assert "hit BOTTOM" not in status_text(app) and f"mention {count} of {count}" in status_text(app)
        await pilot.press("n")
        assert status_text(app).startswith("search hit BOTTOM, continuing at TOP")
        assert "mention 1 of" in status_text(app)
        await pilot.press("N")
        assert status_text(app).startswith("search hit TOP, continuing at BOTTOM")


def test_counts_of_one_are_singular(seeds_story):
    from tui.app.navigation import Navigator, Selection

    assert plural(1, "mention") == "1 mention" and plural(2, "mention") == "2 mentions"
    navigator = Navigator(seeds_story)
    once = next(e for e in seeds_story.entities if len(e.mentions) == 1)
    elsewhere = next(s.id for s in seeds_story.sources if s.id != once.mentions[0].source_id)
    text = navigator.describe(Selection(elsewhere, once.id))
    assert "1 mention in 1 source" in text and "mentions" not in text


async def test_the_narrow_reader_shows_the_article_title():
    app = create_app([])
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        title = app.query_one("#reader-title")
        assert title.region.height == 1
        assert str(title.render()).startswith(app.story.sources[0].title[:30])


async def test_enter_on_a_problem_opens_its_source_or_says_why_not(tmp_path):
    (tmp_path / "good.txt").write_text(" date 2022-10-01 Petro Vrublevsky spoke in Astana.\n", encoding="utf-8")
    (tmp_path / "bad_date.txt").write_text(" date 2022-13-45 Tokayev spoke.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    app = create_app([str(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        skipped = screen.rows.index(next(r for r in screen.rows if "empty" in r.path))
        warned = screen.rows.index(next(r for r in screen.rows if "bad_date" in r.path))
        table = screen.query_one(DataTable)
        table.move_cursor(row=skipped)
        await pilot.press("enter")
        assert app.screen is screen and any("was not loaded" in n.message for n in app._notifications)
        table.move_cursor(row=warned)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)
        assert "bad_date" in app.query_one(ArticleView).source.path


async def test_quitting_remembers_the_place_and_reopening_returns_there():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.go_to_entity(vrublevsky_id(app))
        await pilot.pause()
        await pilot.press("n", "n", "n")
        where = app.selection
        await pilot.press("ctrl+q")
    saved = places.load(())
    assert saved is not None and saved.entity_name == "Petro Vrublevsky" and saved.source_id == where.source_id
    assert str(places.state_file()).startswith(os.environ["XDG_STATE_HOME"])  # the user's, not the story's
    again = create_app([])
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert again.selection == where
        assert status_text(again).startswith("back where you were")
        await pilot.press("escape")  # not wanted: one key
        assert again.selection.entity_id is None


async def test_a_place_in_a_source_without_an_entity_is_the_scroll_position():
    app = create_app([])
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("2", "r", "pagedown")
        await pilot.pause()
        top = app.query_one(ArticleView).top_offset()
        await pilot.press("ctrl+q")
    again = create_app([])
    async with again.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.pause()
        article = again.query_one(ArticleView)
        assert article.source.id == again.story.sources[1].id
        assert article.top_offset() == top
