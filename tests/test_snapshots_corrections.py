"""How corrections look (issue 14): the entities pane with a marked entity and a curated one, and the
judgements view with a judgement that no longer applies. Regenerate with `--snapshot-update` after a
deliberate change. The judgement file is at a fixed path: the view prints it."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import WIDE, create_app, settle
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app.widgets.entities import EntityList
from tui.engine import judgements as judging

FILE = Path("/tmp/storyview-snapshot-judgements.json")


@pytest.fixture
def judged(monkeypatch):
    """The sample story with two judgements: a merge that applies and a rename of a name it lacks."""
    judging.save_file(FILE, [judging.Judgement("match", verdict="positive", left="Russians", right="Rosjan"),
                             judging.Judgement("rename", entity="Nobody Named So", name="Ghost")])
    monkeypatch.setenv(judging.ENV_FILE, str(FILE))
    yield
    FILE.unlink(missing_ok=True)


async def _ready(pilot: Pilot) -> None:
    pilot.app.query_one(Input).cursor_blink = False  # freeze what moves
    await settle(pilot)
    pilot.app.clear_notifications()  # "1 judgement no longer applies" would cover the panes


def test_entities_with_a_marked_entity(snap_compare, judged):
    async def run_before(pilot: Pilot) -> None:
        await _ready(pilot)
        await pilot.press("e")
        entity_list = pilot.app.query_one(EntityList)
        entity_list.move_cursor(entity_list.index_of(next(e.id for e in pilot.app.story.entities if e.curated)))
        await pilot.press("space")  # the curated entity marked; the cursor moves on to the next
        await settle(pilot)

    assert snap_compare(create_app([]), terminal_size=WIDE, run_before=run_before)


def test_judgements_view(snap_compare, judged):
    async def run_before(pilot: Pilot) -> None:
        await _ready(pilot)
        await pilot.press("J")
        await settle(pilot)

    assert snap_compare(create_app([]), terminal_size=WIDE, run_before=run_before)


def test_review_view(snap_compare, monkeypatch, tmp_path):
    """The suggestions review view over the dashboard: the list, its reason line, both sides compared."""
    monkeypatch.setenv(judging.ENV_FILE, str(tmp_path / "judgements.json"))

    async def run_before(pilot: Pilot) -> None:
        await _ready(pilot)
        await pilot.press("S")
        await settle(pilot)

    assert snap_compare(create_app([]), terminal_size=WIDE, run_before=run_before)
