"""How export looks (issue 15 item 10): the E dialog with the chosen entity's mentions offered, at 80x24, and
the file prompt with its default in the current folder. Regenerate with `--snapshot-update` after a
deliberate change. The current folder is a fixed path: the prompt prints it."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import NARROW, WIDE, create_app, settle, vrublevsky_id
from textual.pilot import Pilot
from textual.widgets import Input

from tui.engine import judgements as judging

FOLDER = Path("/tmp/storyview-snapshot-export")


@pytest.fixture
def fixed_folder(monkeypatch, tmp_path):
    FOLDER.mkdir(exist_ok=True)
    for old in FOLDER.glob("storyview-*"):
        old.unlink()
    monkeypatch.chdir(FOLDER)
    monkeypatch.setenv(judging.ENV_FILE, str(tmp_path / "judgements.json"))


async def _export_dialog(pilot: Pilot) -> None:
    for box in pilot.app.query(Input):
        box.cursor_blink = False  # freeze what moves
    await settle(pilot)
    pilot.app.clear_notifications()
    pilot.app.go_to_entity(vrublevsky_id(pilot.app))
    await pilot.press("E")
    await settle(pilot)


def test_export_dialog_at_80x24(snap_compare, fixed_folder):
    assert snap_compare(create_app([]), terminal_size=NARROW, run_before=_export_dialog)


def test_export_file_prompt(snap_compare, fixed_folder):
    async def run_before(pilot: Pilot) -> None:
        await _export_dialog(pilot)
        await pilot.press("enter")  # the mentions
        await pilot.press("down", "down", "enter")  # Markdown
        await settle(pilot)
        pilot.app.screen.query_one(Input).cursor_blink = False

    assert snap_compare(create_app([]), terminal_size=WIDE, run_before=run_before)
