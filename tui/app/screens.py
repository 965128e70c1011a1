"""Modal screens: the help screen (every key binding, from the bindings themselves) and the problems
screen (files skipped while loading and warnings about the sources that were loaded)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ..textsafe import printable

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

    from ..engine.model import Skipped, Source


def binding_rows(app: App) -> list[tuple[str, str, str, str]]:
    """(where, key, description, id) for every binding of the app and of its panes, as the help lists
    them: taken from the classes' BINDINGS so the help cannot drift from the keys."""
    from .mentions import MentionList, MentionsScreen, NamedWithList
    from .review import ReviewScreen
    from .widgets.chronology import EventList
    from .widgets.entities import EntitiesPane
    from .widgets.reader import ArticleView
    from .widgets.rowlist import RowList
    from .widgets.search import SearchPane

    owners: list[tuple[str, type[DOMNode]]] = [
        ("Anywhere", type(app)), ("Search box", SearchPane), ("Entities", EntitiesPane),
        ("Lists", RowList), ("Reader", ArticleView), ("Timeline", EventList),
        ("Suggestions", ReviewScreen), ("Mentions view", MentionsScreen), ("Mentions list", MentionList),
        ("Named with", NamedWithList)]
    rows: list[tuple[str, str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for where, owner in owners:
        for binding in owner.BINDINGS:
            if not isinstance(binding, Binding) or binding.system:
                continue
            if (where, binding.key) in seen:
                continue
            seen.add((where, binding.key))
            keys = ", ".join(app.get_key_display(Binding(key.strip(), binding.action))
                             for key in binding.key.split(","))
            rows.append((where, keys, binding.tooltip or binding.description, binding.id or ""))
    rows.append(("Anywhere", app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "command_palette")),
                 "Command palette: find an entity or source", "app.palette"))
    return rows


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 112; max-width: 100%; height: 85%; border: round $border; background: $surface; padding: 0 1;
    }
    HelpScreen #help-intro { height: auto; color: $text-muted; margin-bottom: 1; }
    HelpScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close help", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("storyview — one story, many sources. Names match in any spelling; "
                              "n / N walk the chosen name through every source. Esc closes this."),
                         id="help-intro")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Keys"
        table = self.query_one(DataTable)
        table.add_columns("Where", "Key", "What it does", "Id")
        for row in binding_rows(self.app):
            table.add_row(*(Text(cell) for cell in row))
        table.focus()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)


class ProblemsScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; }
    ProblemsScreen > Vertical {
        width: 100; max-width: 100%; height: 70%; border: round $border; background: $surface; padding: 0 1;
    }
    ProblemsScreen DataTable { height: 1fr; }
    """
    BINDINGS = [Binding("escape,q,w", "close", "Close", id="problems.close")]

    def __init__(self, skipped: list[Skipped], sources: list[Source]) -> None:
        super().__init__()
        self.skipped = skipped
        self.sources = sources

    def compose(self) -> ComposeResult:
        with Vertical():
            yield DataTable(id="problems-table", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Skipped files and warnings"
        table = self.query_one(DataTable)
        table.add_columns("File", "What happened")
        for skipped in self.skipped:
            table.add_row(Text(printable(skipped.path)), Text("skipped: " + printable(skipped.reason)))
        for source in self.sources:
            for warning in source.warnings:
                table.add_row(Text(printable(source.path)), Text(printable(warning)))
        if not table.row_count:
            table.add_row(Text("—"), Text("every file loaded cleanly"))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
