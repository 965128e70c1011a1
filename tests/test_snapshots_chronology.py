"""How the chronology looks filtered: the chosen name's events, the count in the title, the find box
(see tests/test_snapshots.py for how to regenerate). snap_compare must be called from a plain `def` test."""

from __future__ import annotations

from app_support import WIDE, create_app, settle, type_text
from textual.pilot import Pilot
from textual.widgets import Input


async def _filtered(pilot: Pilot) -> None:
    for box in pilot.app.query(Input):
        box.cursor_blink = False  # freeze what moves
    await settle(pilot)
    await pilot.press("slash")
    await type_text(pilot, "wrublewski")
    await settle(pilot)
    await pilot.press("enter", "t", "f", "ctrl+f")
    await type_text(pilot, "sierp")  # "w sierpniu": in August
    await settle(pilot)


def test_wide_chronology_filtered_by_name_and_text(snap_compare):
    assert snap_compare(create_app([]), terminal_size=WIDE, run_before=_filtered)
