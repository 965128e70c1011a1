"""Shared helpers for the app's Pilot and snapshot tests (not a test module)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.worker import WorkerFailed

from tui.app.app import StoryviewApp
from tui.app.factory import create_app

WIDE = (140, 45)
NARROW = (80, 24)


async def settle(pilot: Pilot, *, failures: bool = False) -> None:
    """Wait for the loader, the chronology and any search to finish, and for the screen to catch up.
    A worker that fails fails the test, unless `failures` says the test expects one."""
    app = pilot.app
    for _ in range(4):
        try:
            await app.workers.wait_for_complete()
        except WorkerFailed:
            if not failures:
                raise
        await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(char, char) for char in text])


def status_text(app: StoryviewApp) -> str:
    """The dashboard's status line as plain text (read from the dashboard: a view may be on top)."""
    return str(app.dashboard.query_one("#status-text").render())


def vrublevsky_id(app: StoryviewApp) -> str:
    assert app.story is not None
    return next(e.id for e in app.story.entities if e.name == "Petro Vrublevsky")


def hostile_story(folder: Path) -> Path:
    """Articles that try to be markup or terminal control sequences."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "markup.txt").write_text(
        " date 2022-10-16 Vrublevsky said [bold red]X[/bold red] and [@click=app.quit]q[/] and "
        "[link=http://evil.example]click[/link] here.\n", encoding="utf-8")
    (folder / "escape.txt").write_text(
        " date 2022-10-15 Vrublevsky \x1b]0;pwned\x07 retitled and \x1b[2J\x1b[H cleared the screen "
        "and \x1b]52;c;ZXZpbA==\x07 wrote the clipboard.\n", encoding="utf-8")
    return folder


__all__ = ["NARROW", "WIDE", "create_app", "hostile_story", "settle", "type_text", "vrublevsky_id"]
