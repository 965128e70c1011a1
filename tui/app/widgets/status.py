"""The status line: where the reader is ("Petro Vrublevsky · mention 3 of 11 · source 2 of 3"), or what
the loader is doing, with a progress bar while a story is read and indexed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static

# how much of the whole load each engine stage stands for, in percent (names dominate on big stories)
_STAGES = {"reading": (0, 30), "names": (30, 85), "linking": (85, 95), "indexing": (95, 100)}


class StatusLine(Horizontal):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; }
    StatusLine > #status-text { width: 1fr; height: 1; padding: 0 1; }
    StatusLine > ProgressBar { width: auto; height: 1; }
    StatusLine > ProgressBar > Bar { width: 20; }
    StatusLine > ProgressBar.-done { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content("Starting…"), id="status-text")
        yield ProgressBar(total=100, show_eta=False, id="load-progress")

    def say(self, text: Text | str) -> None:
        """Show `text` (a str is shown literally, never as markup)."""
        # one line whatever it says: no layout pass (a relayout repaints the whole screen)
        self.query_one("#status-text", Static).update(text if isinstance(text, Text) else Text(text), layout=False)

    def progress(self, stage: str, done: int, total: int) -> None:
        low, high = _STAGES.get(stage, (0, 100))
        fraction = done / total if total else 0.0
        self.query_one(ProgressBar).update(progress=low + (high - low) * fraction)
        if stage in ("reading", "names"):
            self.say(f"{'Reading articles' if stage == 'reading' else 'Finding names'}… {done:,} of {total:,}")
        else:
            self.say(f"{stage.capitalize()}…")

    def done(self) -> None:
        self.query_one(ProgressBar).add_class("-done")
