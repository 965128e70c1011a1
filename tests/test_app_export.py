"""Export from the dashboard (issue 15 item 10): E asks what, the format and the file; the chronology and the
entity list go out as the panes show them; the file lands in the current folder (or ~ when that is the
story), never inside the story, never over another file unless the user says so; the palette has the same."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from app_support import NARROW, WIDE, create_app, hostile_story, settle, status_text, type_text, vrublevsky_id
from textual.widgets import Input, OptionList

from tui.app import exporting
from tui.app.dialogs import ChoicePrompt, TextPrompt
from tui.app.widgets.chronology import ChronologyPane

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def story_dir(copy_story) -> Path:
    return copy_story(ROOT / "seeds")


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    return folder


async def pick(pilot, value: str) -> None:
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoicePrompt), dialog
    dialog.query_one(OptionList).highlighted = [choice for choice, _ in dialog.choices].index(value)
    await pilot.press("enter")
    await pilot.pause()


async def path_prompt(pilot) -> Input:
    assert isinstance(pilot.app.screen, TextPrompt), pilot.app.screen
    return pilot.app.screen.query_one(Input)



def story_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


async def test_e_exports_the_chosen_entitys_mentions_to_the_current_folder(story_dir, workdir):
    before = story_files(story_dir)
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.go_to_entity(vrublevsky_id(app))
        await pilot.press("E")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoicePrompt)
        assert [value for value, _ in dialog.choices] == ["mentions", "timeline", "entities"]
        assert dialog.choices[0][1] == "Mentions of Petro Vrublevsky (10)"
        await pick(pilot, "mentions")
        assert [value for value, _ in app.screen.choices] == ["csv", "json", "md"]
        await pick(pilot, "csv")
        box = await path_prompt(pilot)
        assert box.value == str(workdir / "storyview-mentions-petro-vrublevsky.csv")
        await pilot.press("enter")
        await settle(pilot)
        target = workdir / "storyview-mentions-petro-vrublevsky.csv"
        with open(target, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0][:3] == ["source_id", "source", "title"] and len(rows) == 11
        assert status_text(app) == f"Exported 10 mentions to {target}"
        assert any(f"Exported 10 mentions to {target}" == n.message for n in app._notifications)
        # the next export of the same does not take the file's name: it is offered the next one
        await pilot.press("E")
        await pilot.pause()
        await pick(pilot, "mentions")
        await pick(pilot, "md")
        assert (await path_prompt(pilot)).value == str(workdir / "storyview-mentions-petro-vrublevsky.md")
        await pilot.press("escape")
        await pilot.pause()
    assert story_files(story_dir) == before


async def test_the_chronology_goes_out_as_the_pane_shows_it(story_dir, workdir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.events is not None
        # the pane shows two events, the second with one of its expressions (as a filter of the pane would)
        pane = app.dashboard.query_one(ChronologyPane)
        shown = [e for e in app.events if len(e.expressions) > 1][:1] + [e for e in app.events if e.date][:1]
        rows = [("event", shown[0]), *(("expression", x) for x in shown[0].expressions),
                ("event", shown[1]), ("expression", shown[1].expressions[0])]
        pane.event_list.show(rows, {})
        await pilot.press("E")
        await pilot.pause()
        assert app.screen.choices[1][1] == "The chronology (2 events as shown)"
        await pick(pilot, "timeline")
        assert [value for value, _ in app.screen.choices] == ["csv", "json", "md", "ics"]
        await pick(pilot, "json")
        box = await path_prompt(pilot)
        box.value = "chronology.json"
        await pilot.press("enter")
        await settle(pilot)
        payload = json.loads((workdir / "chronology.json").read_text(encoding="utf-8"))
        expected = [(x.source_id, x.start) for x in shown[0].expressions] + \
            [(shown[1].expressions[0].source_id, shown[1].expressions[0].start)]
        assert [(r["source_id"], r["start"]) for r in payload["events"]] == expected
        assert payload["filter"] == f"2 of {len(app.events)} events, as shown"
        assert status_text(app) == f"Exported {len(expected)} expressions to {workdir / 'chronology.json'}"


async def test_the_palette_exports_the_chronology_as_a_calendar(story_dir, workdir):
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Export the chronology")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pick(pilot, "ics")
        box = await path_prompt(pilot)
        assert box.value == str(workdir / "storyview-timeline.ics")
        await pilot.press("enter")
        await settle(pilot)
        text = (workdir / "storyview-timeline.ics").read_bytes().decode("utf-8")
        assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") >= 1
        assert "without a day skipped" in status_text(app)


async def test_a_file_in_the_story_is_refused_and_an_existing_one_asked_about(story_dir, workdir):
    before = story_files(story_dir)
    existing = workdir / "entities.md"
    existing.write_text("keep me", encoding="utf-8")
    app = create_app([str(story_dir)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        exporting.ask(app, "entities")
        await pilot.pause()
        await pick(pilot, "md")
        box = await path_prompt(pilot)
        box.value = str(story_dir / "entities.md")
        await pilot.press("enter")
        await settle(pilot)
        assert any("inside the story" in n.message and n.severity == "error" for n in app._notifications)
        box = await path_prompt(pilot)  # asked again, with what was typed
        assert box.value == str(story_dir / "entities.md")
        box.value = str(existing)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.title_text == f"{existing} exists"
        await pick(pilot, "cancel")
        await settle(pilot)
        assert existing.read_text(encoding="utf-8") == "keep me"
        exporting.ask(app, "entities")
        await pilot.pause()
        await pick(pilot, "md")
        (await path_prompt(pilot)).value = str(existing)
        await pilot.press("enter")
        await pilot.pause()
        await pick(pilot, "overwrite")
        await settle(pilot)
        assert existing.read_text(encoding="utf-8").startswith("# Entities")
    assert story_files(story_dir) == before


async def test_inside_the_story_the_default_is_the_home_folder(story_dir, workdir, monkeypatch):
    monkeypatch.chdir(story_dir)
    app = create_app([str(story_dir)])
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await pilot.pause()
        assert [value for value, _ in app.screen.choices][-2:] == ["timeline", "entities"]
        await pick(pilot, "entities")
        await pick(pilot, "csv")
        box = await path_prompt(pilot)
        assert box.value == str(Path.home() / "storyview-entities.csv")


async def test_hostile_names_are_shown_literally_and_written_inert(tmp_path, workdir):
    story = hostile_story(tmp_path / "hostile")
    app = create_app([str(story)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        entity = next(e for e in app.story.entities if e.name.startswith("Vrublevsky"))
        app.go_to_entity(entity.id)
        await pilot.press("E")
        await pilot.pause()
        await pick(pilot, "mentions")
        await pick(pilot, "md")
        await pilot.press("enter")
        await settle(pilot)
        written = next(workdir.glob("storyview-mentions-*.md")).read_text(encoding="utf-8")
        assert "\x1b" not in written and "\x07" not in written
        assert "\\[bold red\\]X\\[/bold red\\]" in written
        assert app.is_running  # [@click=app.quit] did nothing
