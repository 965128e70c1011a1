"""Where the reader was in each story — the chosen entity, the open source, the line at the top of the
reader — kept in the user's state folder ($XDG_STATE_HOME/storyview/places.json, or
~/.local/state/storyview), never in the story's folder, so reopening a story returns there."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..engine.judgements import xdg_dir

_LIMIT = 200  # stories remembered; the oldest is forgotten first


@dataclass(frozen=True)
class Place:
    source_id: str
    source_path: str
    offset: int  # text offset of the reader's top line
    entity_id: str | None = None
    entity_name: str | None = None
    mention_start: int | None = None  # the current mention, if the reader was on one


def state_file() -> Path | None:
    """$XDG_STATE_HOME/storyview/places.json (or under ~/.local/state); None without an absolute place."""
    folder = xdg_dir("XDG_STATE_HOME", ".local", "state")
    return folder / "places.json" if folder is not None else None


def story_key(paths: Sequence[str]) -> str:
    """The story, as the paths it was read from (the bundled sample story: no paths)."""
    return "\n".join(sorted(os.path.abspath(p) for p in paths)) or "(sample story)"


def _read(file: Path) -> dict[str, dict]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        # a damaged or unreadable file of places only costs the places: they start afresh (and the next
        # save replaces it)
        return {}
    return data if isinstance(data, dict) else {}


def load(paths: Sequence[str]) -> Place | None:
    file = state_file()
    if file is None:
        return None
    entry = _read(file).get(story_key(paths))
    if not isinstance(entry, dict):
        return None
    try:
        return Place(**entry)
    except TypeError:  # written by another version with other fields: no place rather than a wrong one
        return None


def save(paths: Sequence[str], place: Place) -> None:
    """Remember `place` for the story; raises OSError when the state folder cannot be written."""
    file = state_file()
    if file is None:
        return
    places = _read(file)
    key = story_key(paths)
    places.pop(key, None)
    places[key] = asdict(place)  # last: the most recent
    while len(places) > _LIMIT:
        places.pop(next(iter(places)))
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_suffix(".json.partial")
    partial.write_text(json.dumps(places, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(file)
