"""Shared fixtures: the bundled sample story (loaded once) and a helper to write small stories."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _own_state_folder(tmp_path_factory, monkeypatch):
    """Every test has its own state folder: the dashboard remembers each story's place there on quitting
    and returns to it on opening, and no test may start where another left off (or write the user's)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(scope="session")
def seeds_story():
    import tui

    return tui.load(ROOT / "seeds")


@pytest.fixture
def write_story(tmp_path):
    """write_story({"name.txt": "text", ...}) -> folder path"""

    def write(files: dict[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path

    return write


@pytest.fixture
def copy_story(tmp_path, monkeypatch):
    """copy_story(folder) -> a copy of `folder` (its .json gold left out) in tmp_path/story, with the user's data
    folder in tmp_path and no $STORYVIEW_JUDGEMENTS: its judgement file goes beside the copy."""
    import shutil

    from tui.engine import judgements as judging

    def copy(folder: Path) -> Path:
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
        monkeypatch.delenv(judging.ENV_FILE, raising=False)
        story = tmp_path / "story"
        shutil.copytree(folder, story, ignore=shutil.ignore_patterns("*.json"))
        return story

    return copy
