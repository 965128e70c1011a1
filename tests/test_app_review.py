"""The suggestions review view (issue 14): S lists pairs that may be one entity; a accepts (merge), d rejects
(not the same: never suggested or merged again), s skips; the list moves on to the next, every pane shows the
change at once, u takes it back, and what was judged is still so when the story is opened again."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import WIDE, create_app, settle
from rich.console import Group
from rich.text import Text
from textual.widgets import DataTable, Static

from tui.app.dialogs import JudgementsScreen
from tui.app.review import ReviewScreen, SuggestionList, suggestion_key
from tui.app.widgets.entities import EntityList
from tui.engine import judgements as judging

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def story_dir(copy_story) -> Path:
    """A copy of a held-out story with several suggestions, in a folder of its own (its judgement file goes beside it)."""
    return copy_story(ROOT / "tests" / "data" / "heldout_ro")


def spelled(app, spelling: str):
    return next(e for e in app.story.entities if any(v.text == spelling for v in e.variants))


def pair_suggested(app, a: str, b: str) -> bool:
    return any({s.left, s.right} == {a, b} for s in app.story.suggestions())


async def open_review(pilot) -> ReviewScreen:
    await settle(pilot)
    await pilot.press("S")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen) and not screen.working
    return screen


def shown(screen: ReviewScreen, selector: str) -> str:
    """The plain text of a Static in the view (a Text, or a Group of them)."""
    content = screen.query_one(selector, Static).content
    parts = content.renderables if isinstance(content, Group) else [content]
    return "\n".join(part.plain if isinstance(part, Text) else str(part) for part in parts)


def top(screen: ReviewScreen):
    current = screen.current()
    assert current is not None
    return current


async def test_accept_merges_in_every_pane_moves_on_and_survives_a_reopen(story_dir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_review(pilot)
        rows = screen.query_one(SuggestionList)
        first = top(screen)
        assert "maybe the same: " in rows.render_row(0, 100)[0].plain
        left, right = first.left, first.right
        assert spelled(app, left) is not spelled(app, right)
        count = len(rows.suggestions)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and not screen.working
        merged = spelled(app, left)
        assert merged is spelled(app, right) and merged.curated
        # the entities pane under the view shows the merged entity, chosen
        entity_list = app.query_one(EntityList)
        assert entity_list.index_of(merged.id) is not None and app.selection.entity_id == merged.id
        # the list moved on: the accepted pair is gone, the cursor on what was next
        assert suggestion_key(first) not in {suggestion_key(s) for s in rows.suggestions}
        assert len(rows.suggestions) < count and rows.cursor == 0
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    reopened = create_app([str(story_dir)])
    async with reopened.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert spelled(reopened, left) is spelled(reopened, right)


async def test_reject_never_comes_back_and_is_listed_as_a_judgement(story_dir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_review(pilot)
        first = top(screen)
        left, right = first.left, first.right
        entities = len(app.story.entities)
        await pilot.press("d")
        await settle(pilot)
        assert spelled(app, left) is not spelled(app, right)
        assert len(app.story.entities) == entities
        assert not pair_suggested(app, left, right)
        assert suggestion_key(first) not in {suggestion_key(s) for s in screen.query_one(SuggestionList).suggestions}
        await pilot.press("escape")
        await pilot.press("J")
        await settle(pilot)
        assert isinstance(app.screen, JudgementsScreen)
        table = app.screen.query_one(DataTable)
        assert any("is not the same as" in str(table.get_row_at(i)[2]) for i in range(table.row_count))
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    reopened = create_app([str(story_dir)])
    async with reopened.run_test(size=WIDE) as pilot:
        screen = await open_review(pilot)
        assert not pair_suggested(reopened, left, right)
        assert spelled(reopened, left) is not spelled(reopened, right)


async def test_skip_moves_on_and_judges_nothing(story_dir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_review(pilot)
        rows = screen.query_one(SuggestionList)
        first = top(screen)
        await pilot.press("s")
        await pilot.pause()
        assert rows.cursor == 1 and top(screen) is rows.suggestions[1]
        assert "skipped" in rows.render_row(0, 120)[1].plain
        assert not app.story.judgements
        # the comparison follows the cursor
        assert str(top(screen).left_entity.name) in shown(screen, "#review-left")
        await pilot.press("escape")
        await pilot.press("S")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        # still skipped this session: the view opens on the next one
        assert suggestion_key(top(screen)) != suggestion_key(first)


async def test_undo_takes_an_acceptance_back(story_dir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_review(pilot)
        first = top(screen)
        left, right = first.left, first.right
        await pilot.press("a")
        await settle(pilot)
        assert spelled(app, left) is spelled(app, right)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and not screen.working
        assert spelled(app, left) is not spelled(app, right)
        assert not app.story.judgements
        # the taken-back suggestion is in the list again, highlighted
        assert suggestion_key(top(screen)) == suggestion_key(first)


async def test_enter_compares_and_o_opens_the_left_entity(story_dir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_review(pilot)
        first = top(screen)
        await pilot.press("enter")
        assert screen.has_class("-comparing")
        assert "mentions in" in shown(screen, "#review-right")
        await pilot.press("o")
        await settle(pilot)
        assert not isinstance(app.screen, ReviewScreen)
        assert app.selection.entity_id == first.left_entity.id


async def test_an_empty_list_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(judging.ENV_FILE, raising=False)
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2024-03-01 Anna Kowalczyk spoke in Gdansk on Monday.\n", encoding="utf-8")
    app = create_app([str(folder)])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_review(pilot)
        assert not screen.query_one(SuggestionList).suggestions
        assert "No suggestions" in shown(screen, "#review-state")
        await pilot.press("a")  # nothing to accept: nothing happens
        await settle(pilot)
        assert not app.story.judgements


async def test_keys_are_in_the_help_and_the_palette(story_dir):
    from tui.app.commands import correction_commands
    from tui.app.screens import binding_rows

    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        ids = {row[3] for row in binding_rows(app)}
        assert {"app.review", "review.accept", "review.reject", "review.skip", "review.compare",
                "review.undo"} <= ids
        keys = [row[1] for row in binding_rows(app)]
        assert len(set(zip(keys, [row[0] for row in binding_rows(app)], strict=True))) == len(keys)
        command = next(c for c in correction_commands(app, "") if c.title == "Review the suggestions")
        command.callback()
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
