"""How the sources pane looks sorted by date and filtered to the sources naming the chosen entity, at
80×24 (the narrow layout's Sources tab: no border, so the header says the order and the filter).
Regenerate with `pytest tests/test_snapshots_sources.py --snapshot-update` after a deliberate change."""

from __future__ import annotations

from app_support import NARROW, create_app, settle
from textual.pilot import Pilot
from textual.widgets import Input


def test_narrow_sources_by_date_naming_putin(snap_compare):
    async def run_before(pilot: Pilot) -> None:
        pilot.app.query_one(Input).cursor_blink = False  # freeze what moves
        await settle(pilot)
        putin = next(e.id for e in pilot.app.story.entities if e.name == "Vladimir Putin")  # in 2 of 3
        pilot.app.choose_entity(putin)
        await pilot.press("s", "F", "o")  # only the sources naming him, newest first
        await settle(pilot)

    assert snap_compare(create_app([]), terminal_size=NARROW, run_before=run_before)
