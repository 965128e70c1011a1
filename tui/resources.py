"""Where the bundled sample story and the stylesheets are: inside the installed package (the build maps
the repo's top-level seeds/ and styles/ into tui/), or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled {name}/ folder is missing from this installation")


def bundled_seeds() -> Path:
    return _bundled("seeds")


def bundled_styles() -> Path:
    return _bundled("styles")
