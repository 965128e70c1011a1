"""How the dashboard looks: SVG snapshots of the bundled story at fixed sizes, in dark and light themes.
Regenerate with `pytest tests/test_snapshots.py --snapshot-update` after a deliberate change (and look at
snapshot_report.html when one fails). snap_compare must be called from a plain `def` test."""

from __future__ import annotations

from app_support import NARROW, WIDE, create_app, settle, type_text
from textual.pilot import Pilot
from textual.widgets import Input


async def _ready(pilot: Pilot) -> None:
    pilot.app.query_one(Input).cursor_blink = False  # freeze what moves
    await settle(pilot)


def _search_then(keys: tuple[str, ...] = ()):
    async def run_before(pilot: Pilot) -> None:
        await _ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "wrublewski")
        await settle(pilot)
        await pilot.press("enter", *keys)
        await settle(pilot)

    return run_before


def test_wide_after_choosing_vrublevsky(snap_compare):
    assert snap_compare(create_app([]), terminal_size=WIDE, run_before=_search_then(("n", "n")))


def test_wide_light_theme(snap_compare):
    app = create_app([])
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=WIDE, run_before=_search_then(("3",)))


def test_narrow_reader_tab(snap_compare):
    assert snap_compare(create_app([]), terminal_size=NARROW, run_before=_search_then())


def test_narrow_search_results(snap_compare):
    async def run_before(pilot: Pilot) -> None:
        await _ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "Wrublewskiego")
        await settle(pilot)

    assert snap_compare(create_app([]), terminal_size=NARROW, run_before=run_before)


def test_help_screen(snap_compare):
    async def run_before(pilot: Pilot) -> None:
        await _ready(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(create_app([]), terminal_size=WIDE, run_before=run_before)
