"""How the mentions view looks on the sample story (M after choosing Vrublevsky). Regenerate with
`pytest tests/test_snapshots_mentions.py --snapshot-update` after a deliberate change."""

from __future__ import annotations

from app_support import WIDE, create_app, settle, vrublevsky_id
from textual.pilot import Pilot
from textual.widgets import Input


def test_mentions_view(snap_compare):
    async def run_before(pilot: Pilot) -> None:
        pilot.app.query_one(Input).cursor_blink = False
        await settle(pilot)
        pilot.app.choose_entity(vrublevsky_id(pilot.app))
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(create_app([]), terminal_size=WIDE, run_before=run_before)
