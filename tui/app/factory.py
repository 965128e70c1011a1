"""The one place an app is built from command-line arguments; cli.py and the tests both call it."""

from __future__ import annotations

from collections.abc import Sequence

from .app import StoryviewApp


def create_app(paths: Sequence[str], follow_links: bool = False,
               judgements: str | bool | None = None) -> StoryviewApp:
    """A dashboard over the story in `paths` (none: the bundled sample story). Loading starts on mount,
    in a worker, so the first paint does not wait for the engine. `follow_links`, `judgements`: as in
    tui.load."""
    return StoryviewApp(tuple(str(path) for path in paths), follow_links=follow_links, judgements=judgements)
