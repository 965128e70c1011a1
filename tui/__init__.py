"""storyview: read one news story as told by many sources in many languages.

`tui.load(*paths) -> Story` is the Python API; the engine underneath never imports Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import Story

__version__ = "0.1.0"


def load(*paths, progress=None, workers=None, follow_links=False, judgements=None) -> Story:
    """Load a story from folders and files (no path: the bundled sample story). Links leading outside
    the given paths are skipped unless `follow_links`. The user's judgements (merges, splits, renames,
    retypes) are applied from the story's judgement file, or from `judgements` (a path; False: none)."""
    from .engine import load as _load

    return _load(*paths, progress=progress, workers=workers, follow_links=follow_links, judgements=judgements)


__all__ = ["load", "__version__"]
