"""Corrections in the dashboard (issue 14): mark entities and merge them, split a spelling or a mention off,
rename, retype, undo and redo — each saved as a judgement at once, shown in every pane, and still there when
the story is opened again; the judgements view lists them, and a file that cannot be saved is a notification."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import WIDE, create_app, settle, type_text
from textual.widgets import DataTable, Input, OptionList

from tui.app.dialogs import ChoicePrompt, JudgementsScreen, TextPrompt
from tui.app.widgets.entities import EntitiesPane, EntityList
from tui.app.widgets.reader import ArticleView
from tui.app.widgets.spellings import EntityDetail, detail_lines
from tui.engine import judgements as judging

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def story_dir(copy_story) -> Path:
    """A copy of the sample story in a folder of its own (its judgement file goes beside it)."""
    return copy_story(ROOT / "seeds")


def entity_named(app, name: str):
    return next(e for e in app.story.entities if e.name == name)


def spelled(app, spelling: str):
    return next(e for e in app.story.entities if any(v.text == spelling for v in e.variants))


async def highlight(pilot, name: str) -> None:
    """Focus the entity list and put its cursor on the entity called `name`."""
    app = pilot.app
    await pilot.press("e")
    entity_list = app.query_one(EntityList)
    entity_list.move_cursor(entity_list.index_of(entity_named(app, name).id))
    await pilot.pause()


async def open_dialog(pilot, name: str, key: str, kind: type):
    """Highlight the entity called `name`, press `key`, and return the dialog it opens."""
    await highlight(pilot, name)
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, kind)
    return pilot.app.screen


async def pick(pilot, dialog: ChoicePrompt, value: str) -> None:
    dialog.query_one(OptionList).highlighted = [choice for choice, _ in dialog.choices].index(value)
    await pilot.press("enter")
    await settle(pilot)


async def merge_russians(pilot) -> None:
    await highlight(pilot, "Rosjan")
    await pilot.press("space")  # marked, and the cursor moves on
    await highlight(pilot, "Russians")
    await pilot.press("m")
    await settle(pilot)


async def test_merge_two_entities_shows_everywhere_and_survives_a_reopen(story_dir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        before = len(app.story.entities)
        await highlight(pilot, "Rosjan")
        await pilot.press("space")
        entity_list = app.query_one(EntityList)
        assert entity_named(app, "Rosjan").id in entity_list.marked
        rosjan_row = entity_list.index_of(entity_named(app, "Rosjan").id)
        assert entity_list.render_row(rosjan_row, 40)[0].plain.startswith("✓")
        await highlight(pilot, "Russians")
        await pilot.press("m")
        await settle(pilot)
        merged = spelled(app, "Rosjan")
        assert merged is spelled(app, "Russians") and merged.curated
        assert len(app.story.entities) == before - 1
        assert not entity_list.marked
        # the entities pane, the selection, the reader's highlights, n / N, search: all see one entity
        assert entity_list.index_of(merged.id) is not None
        assert app.selection.entity_id == merged.id
        assert app.navigator is not None and len(app.navigator.mentions(merged.id)) == len(merged.mentions) == 7
        article = app.query_one(ArticleView)
        assert {m.entity_id for m in article._mentions} <= {e.id for e in app.story.entities}
        for _ in range(len(merged.mentions)):
            await pilot.press("n")
            assert app.selection.entity_id == merged.id
        assert app.story.search("Rosjan", 1)[0].entity.id == merged.id
        assert any(j.op == "match" for j in merged.judgements)
        detail = app.query_one(EntityDetail)
        assert detail.entity is not None and detail.entity.id == merged.id
        assert any("curated" in line.plain for line in detail_lines(merged, 60, 1))
        await settle(pilot)  # the chronology is rebuilt from the merged entities
        assert app.events is not None
        assert (story_dir.parent / f"story{judging.SUFFIX}").exists()
        await pilot.press("ctrl+q")
    reopened = create_app([str(story_dir)])
    async with reopened.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert spelled(reopened, "Rosjan") is spelled(reopened, "Russians")
        assert spelled(reopened, "Rosjan").curated


async def test_split_a_spelling_off_through_the_choice_dialog(story_dir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pick(pilot, await open_dialog(pilot, "Moscow", "x", ChoicePrompt), "Moskwy")
        assert spelled(app, "Moskwy") is not spelled(app, "Moscow")
        assert spelled(app, "Moskwy").curated
        assert app.selection.entity_id == spelled(app, "Moskwy").id


async def test_split_the_current_mention_off_from_the_reader(story_dir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        moscow = entity_named(app, "Moscow")
        app.choose_entity(moscow.id)
        await pilot.press("r")  # the reader
        mention = app.navigator.mentions(moscow.id)[app.selection.mention]
        await pilot.press("x")
        await settle(pilot)
        assert len(entity_named(app, "Moscow").mentions) == len(moscow.mentions) - 1
        alone = next(e for e in app.story.entities if e.mentions and e.mentions[0].start == mention.start
                     and e.mentions[0].source == mention.source)
        assert len(alone.mentions) == 1 and alone.curated
        assert app.selection.entity_id == alone.id  # the reader stays on that place, now its own entity
        assert app.selection.span == (mention.start, mention.end)
        await pilot.press("u")  # taken back: the place is Moscow's again, and the reader stays on it
        await settle(pilot)
        assert len(entity_named(app, "Moscow").mentions) == len(moscow.mentions)
        assert app.selection.entity_id == entity_named(app, "Moscow").id
        assert app.selection.span == (mention.start, mention.end)


async def test_rename_and_retype_through_their_dialogs_then_undo_and_redo(story_dir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        prompt = await open_dialog(pilot, "Moscow Times", "R", TextPrompt)
        assert prompt.query_one(Input).value == "Moscow Times"
        prompt.query_one(Input).value = ""
        await type_text(pilot, "The Moscow Times")
        await pilot.press("enter")
        await settle(pilot)
        renamed = spelled(app, "Moscow Times")
        assert renamed.name == "The Moscow Times" and renamed.curated
        assert app.story.search("Moscow Times", 1)[0].entity.name == "The Moscow Times"
        choice = await open_dialog(pilot, "The Moscow Times", "T", ChoicePrompt)
        assert choice.current == "organisation"
        await pick(pilot, choice, "other")
        assert spelled(app, "Moscow Times").type == "OTHER"
        entity_list = app.query_one(EntityList)
        assert entity_list.rows[entity_list.cursor].type == "OTHER"  # the pane regrouped it, cursor on it
        await pilot.press("u")
        await settle(pilot)
        assert spelled(app, "Moscow Times").type == "ORG"
        assert spelled(app, "Moscow Times").name == "The Moscow Times"
        await pilot.press("u")
        await settle(pilot)
        assert spelled(app, "Moscow Times").name == "Moscow Times"
        assert not spelled(app, "Moscow Times").curated
        await pilot.press("U")
        await settle(pilot)
        assert spelled(app, "Moscow Times").name == "The Moscow Times"
        # Esc leaves a dialog without a change
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, TextPrompt)
        assert len(app.story.judgements) == 1


async def test_the_judgements_view_lists_states_and_the_file(story_dir):
    file = story_dir.parent / f"story{judging.SUFFIX}"
    judging.save_file(file, [judging.Judgement("rename", entity="Nobody At All", name="Ghost"),
                             judging.Judgement("rename", entity="Moscow Times", name="The Moscow Times")])
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert any("no longer apply" in n.message for n in app._notifications)
        await pilot.press("J")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JudgementsScreen)
        table = screen.query_one(DataTable)
        states = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert states[0].startswith("stale") and states[1] == "applied"
        assert str(file) in str(screen.query_one("#judgements-file").render())
        table.move_cursor(row=1)
        await pilot.press("enter")  # goes to the entity it shaped
        await settle(pilot)
        assert not isinstance(app.screen, JudgementsScreen)
        assert app.selection.entity_id == spelled(app, "Moscow Times").id


async def test_a_read_only_story_folder_saves_in_the_data_folder(story_dir, monkeypatch, tmp_path):
    real_access = judging.os.access
    monkeypatch.setattr(judging.os, "access", lambda path, mode: False if str(path) == str(story_dir.parent)
                        else real_access(path, mode))
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await merge_russians(pilot)
        path = app.story.judgement_file.path
        assert path is not None and path.is_relative_to(tmp_path / "data" / "storyview") and path.exists()
        assert not (story_dir.parent / f"story{judging.SUFFIX}").exists()
    reopened = create_app([str(story_dir)])
    async with reopened.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert spelled(reopened, "Rosjan") is spelled(reopened, "Russians")


async def test_a_file_that_cannot_be_saved_is_a_notification_and_nothing_changes(story_dir, monkeypatch):
    def read_only(*args, **kwargs):  # every folder read-only (as root, chmod would not stop the write)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(judging.tempfile, "mkstemp", read_only)
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        before = len(app.story.entities)
        await merge_russians(pilot)
        assert len(app.story.entities) == before
        assert spelled(app, "Rosjan") is not spelled(app, "Russians")
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "cannot save the judgements" in errors[-1].message
        assert "Permission denied" in errors[-1].message and "Traceback" not in errors[-1].message
        await pilot.press("u")  # nothing was recorded, so nothing to undo
        await settle(pilot)
        assert len(app.story.entities) == before


async def test_an_unreadable_judgement_file_is_said_on_opening(story_dir, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the judgement folder would be", encoding="utf-8")
    monkeypatch.setenv(judging.ENV_FILE, str(blocker / "judgements.json"))
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert any("cannot be read" in n.message for n in app._notifications)
        await merge_russians(pilot)
        assert spelled(app, "Rosjan") is not spelled(app, "Russians")
        assert any("nothing is saved" in n.message for n in app._notifications if n.severity == "error")


async def test_merge_without_marks_says_how(story_dir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await highlight(pilot, "Moscow")
        await pilot.press("m")
        await settle(pilot)
        assert any("space" in n.message for n in app._notifications)
        assert app.story.judgements == ()


async def test_the_palette_offers_the_corrections(story_dir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Merge the marked entities", "Rename the entity", "Retype the entity",
                      "Split a spelling off the entity", "Split the mention off", "Undo the last correction",
                      "Redo the correction", "Show the judgements"):
            assert title in titles
        assert isinstance(app.query_one(EntitiesPane), EntitiesPane)


async def test_the_dashboard_opens_and_saves_the_judgement_file_it_is_given(story_dir, tmp_path):
    """`storyview --judgements FILE PATH`: the corrections come from FILE and go into it, never beside the story;
    `--no-judgements` shows the story uncorrected and refuses to change it."""
    from tui.cli import _top_parser

    chosen = tmp_path / "elsewhere" / "judgements.json"
    chosen.parent.mkdir()
    args = _top_parser().parse_args([str(story_dir), "--judgements", str(chosen)])
    assert args.judgements == str(chosen) and not args.no_judgements
    app = create_app([str(story_dir)], judgements=str(chosen))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.story.rename("Wrublewskiego", "P. Vrublevsky")
        await pilot.press("ctrl+q")
    assert chosen.exists() and not (tmp_path / "story.storyview-judgements.json").exists()
    reopened = create_app([str(story_dir)], judgements=str(chosen))
    async with reopened.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert spelled(reopened, "Wrublewskiego").name == "P. Vrublevsky"
        await pilot.press("ctrl+q")
    bare = create_app([str(story_dir)], judgements=False)
    async with bare.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert spelled(bare, "Wrublewskiego").name != "P. Vrublevsky"
        with pytest.raises(judging.JudgementError):
            bare.story.rename("Wrublewskiego", "P. Vrublevsky")
        await pilot.press("ctrl+q")
