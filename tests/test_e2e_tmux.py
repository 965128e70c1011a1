"""End to end: the installed console script in a real terminal (tmux), searching across spellings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def _script() -> str:
    found = shutil.which("storyview")
    if found:
        return found
    candidate = Path(sysconfig.get_path("scripts")) / "storyview"
    assert candidate.exists(), "the storyview console script is not installed"
    return str(candidate)


def _clean_env() -> dict[str, str]:
    """This process's environment as Python sees it. A library that imports GNU readline (pytest does)
    puts COLUMNS=80 / LINES=24 into the C-level environment, which a child would inherit and which
    Textual (through shutil.get_terminal_size) would believe over the real 140x45 tmux window."""
    return {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}


def _screen(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True,
                          check=True).stdout


def _wait_for(session: str, predicate, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if predicate(screen):
            return screen
        time.sleep(0.1)
    raise AssertionError(f"timed out; the screen was:\n{screen}")


def test_search_in_a_real_terminal_finds_every_spelling():
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    script = _script()
    session = f"storyview-e2e-{uuid.uuid4().hex[:8]}"
    # `env -u` as well: a tmux server started earlier by such a process hands its sessions the same values
    subprocess.run(["tmux", "new-session", "-d", "-x", "140", "-y", "45", "-s", session,
                    "env", "-u", "COLUMNS", "-u", "LINES", script], check=True, env=_clean_env())
    try:
        # the story is on screen: sources listed, an article in the reader
        _wait_for(session, lambda s: "Sources (3)" in s and "Ukraine" in s)
        subprocess.run(["tmux", "send-keys", "-t", session, "Escape"], check=True)
        # a terminal reads ESC quickly followed by "/" as alt+/; a person pauses, and so do we
        time.sleep(0.5)
        subprocess.run(["tmux", "send-keys", "-t", session, "/"], check=True)
        time.sleep(0.2)
        subprocess.run(["tmux", "send-keys", "-t", session, "-l", "wrublewski"], check=True)
        screen = _wait_for(session, lambda s: "Wrublewski" in s and "Vrublevsk" in s and "matched" in s)
        assert "wrublewski" in screen  # what was typed is in the box
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        _wait_for(session, lambda s: "mention 1 of 10" in s)
        subprocess.run(["tmux", "send-keys", "-t", session, "n"], check=True)
        _wait_for(session, lambda s: "mention 2 of 10" in s)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
