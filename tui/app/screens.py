"""Modal screens: the help screen (every key binding, from the live bindings, grouped and filterable, with
a legend of the reader's and lists' marks) and the problems screen (files skipped while loading and
warnings about the sources that were loaded; Enter opens a loaded one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from ..engine.model import Skipped
from ..textsafe import printable

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

    from ..engine.model import Source


# The help's groups, by the start of a binding's id (the longest start wins); a binding whose id starts
# with none of these is listed under "Other", so a key added anywhere shows up without editing the help.
HELP_GROUPS: dict[str, tuple[str, ...]] = {
    "Navigation": ("app.next-source", "app.previous-source", "app.source-", "list.", "reader.up", "reader.down",
                   "reader.page", "reader.top", "reader.end", "sources.", "app.go-"),
    "Search": ("app.search", "app.next-mention", "app.previous-mention", "search.", "chronology.filter",
               "chronology.find", "timeline."),
    "Entities & corrections": ("entities.", "reader.split", "app.undo", "app.redo", "app.review",
                               "app.judgements", "review.", "spellings."),
    "Views": ("app.entities", "app.sources", "app.reader", "app.timeline", "app.problems", "app.mentions",
              "mentions.", "app.help", "app.palette", "app.next-naming", "app.previous-naming"),
    "Copy & export": ("app.copy", "app.export", "export."),
    "General": ("app.quit", "app.unchoose"),
}
_ORDER = [*HELP_GROUPS, "Other"]
# where a binding works, by the class that holds it (none: anywhere)
_WHERE = {"SearchPane": "search box", "EntitiesPane": "entities", "RowList": "lists", "ArticleView": "reader",
          "EventList": "timeline", "ChronologyPane": "timeline", "SourcesPane": "sources",
          "ReviewScreen": "suggestions view", "MentionsScreen": "mentions view", "MentionList": "mentions view",
          "NamedWithList": "named with", "FindBox": "chronology find box"}
_SOURCE_KEY = "app.source-"
LEGEND = (
    ("▁▂▄█ ·", "coverage strip: one cell per source (or run of sources), taller = more mentions there; "
               "· = not named there"),
    ("underlined", "a name the engine found: click it to choose its entity"),
    ("bold, underlined", "a mention of the chosen entity; solid colour: the current one; italic: a date "
                         "opened from the chronology"),
    ("mouse", "click a name, a source, an entity or a chronology row to open it; the wheel scrolls; a "
              "footer key runs it"),
)


class HelpRow(NamedTuple):
    where: str  # "" for anywhere
    keys: str
    description: str
    id: str  # the binding's
    group: str

    def matches(self, words: list[str]) -> bool:
        text = f"{self.group} {self.keys} {self.description} {self.where}".lower()
        return all(word in text for word in words)


def help_group(binding_id: str) -> str:
    best, length = "Other", 0
    for group, starts in HELP_GROUPS.items():
        for start in starts:
            if binding_id.startswith(start) and len(start) > length:
                best, length = group, len(start)
    return best


def _binding_owners(app: App) -> list[type[DOMNode]]:
    """The classes holding bindings: the app's, every widget's on the dashboard (so a pane added by anyone
    is listed), and the views opened from it that are not on screen now."""
    from .mentions import MentionList, MentionsScreen, NamedWithList
    from .review import ReviewScreen

    owners: list[type[DOMNode]] = [type(app)]
    nodes = [*app.screen_stack[0].walk_children(with_self=True), ReviewScreen, MentionsScreen, MentionList,
             NamedWithList]
    for node in nodes:
        for cls in (node if isinstance(node, type) else type(node)).__mro__:
            if cls.__module__.startswith("tui.") and "BINDINGS" in cls.__dict__ and cls not in owners:
                owners.append(cls)
    return owners


def binding_rows(app: App, sources: int | None = None) -> list[HelpRow]:
    """A row per binding of the app and its panes, grouped, in the help's order. The `1`-`9` keys are
    one row, up to `sources` (None: the story is not loaded yet, all nine)."""
    rows: list[HelpRow] = []
    seen: set[tuple[str, str]] = set()
    numbers = 9 if sources is None else min(9, sources)
    for owner in _binding_owners(app):
        where = _WHERE.get(owner.__name__, "")
        for binding in owner.__dict__["BINDINGS"]:
            if not isinstance(binding, Binding) or binding.system or not binding.id:
                continue
            if binding.id.startswith(_SOURCE_KEY):
                if binding.id != f"{_SOURCE_KEY}1" or numbers == 0:
                    continue
                keys = "1" if numbers == 1 else f"1–{numbers}"
                description = "Open source #1" if numbers == 1 else f"Open source #1–#{numbers}"
            else:
                keys = ", ".join(app.get_key_display(Binding(key.strip(), binding.action))
                                 for key in binding.key.split(","))
                description = binding.tooltip or binding.description
            if (where, keys) in seen:
                continue
            seen.add((where, keys))
            rows.append(HelpRow(where, keys, description, binding.id, help_group(binding.id)))
    rows.append(HelpRow("", app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "command_palette")),
                        "Command palette: find an entity or source", "app.palette", "Views"))
    return sorted(rows, key=lambda row: _ORDER.index(row.group))  # stable: each group in binding order


class _FilterBox(Input):
    """The help's filter: every key types into it but "?", which closes the help as it opened it."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return key != "question_mark" and super().check_consume_key(key, character)


class HelpScreen(ModalScreen[None]):
    """Every key, grouped, narrowed by what is typed in the box at the top; a legend of the marks."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background; }
    HelpScreen > Vertical {
        width: 112; max-width: 100%; height: 1fr; border: round $border; background: $surface; padding: 0 1;
    }
    HelpScreen #help-filter { border: none; height: 1; padding: 0 1; margin-bottom: 1; }
    HelpScreen #help-scroll { height: 1fr; }
    HelpScreen #help-keys, HelpScreen #help-legend { height: auto; }
    HelpScreen #help-legend { margin-top: 1; }
    HelpScreen > .help--group { text-style: bold; color: $text-accent; }
    HelpScreen > .help--key { text-style: bold; }
    HelpScreen > .help--muted { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"help--group", "help--key", "help--muted"}
    BINDINGS = [
        # priority: before the filter box (which gives up "?" for it)
        Binding("escape,question_mark,f1", "dismiss_help", "Close help", priority=True, id="help.close"),
        Binding("down", "scroll(1)", "Scroll down", show=False, id="help.down"),
        Binding("up", "scroll(-1)", "Scroll up", show=False, id="help.up"),
        Binding("pagedown", "scroll(10)", "Page down", show=False, id="help.page-down"),
        Binding("pageup", "scroll(-10)", "Page up", show=False, id="help.page-up"),
    ]

    def __init__(self, sources: int | None = None) -> None:
        super().__init__()
        self.sources = sources
        self.rows: list[HelpRow] = []
        self.shown: list[HelpRow] = []  # the rows the filter leaves
        self.keys_view: RenderableType = ""  # what the help shows: the keys, and the legend
        self.legend_view: RenderableType = ""
        self._drawn_width = 0  # the text width the keys and legend were wrapped at

    def compose(self) -> ComposeResult:
        with Vertical():
            yield _FilterBox(placeholder="type to narrow the keys (Esc closes)", id="help-filter")
            with VerticalScroll(id="help-scroll", can_focus=False):
                yield Static(Content(""), id="help-keys")
                yield Static(Content(""), id="help-legend")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Keys"
        self.rows = binding_rows(self.app, self.sources)
        self._show("")
        self.legend_view = self._legend()
        self.query_one("#help-legend", Static).update(self.legend_view)
        self.query_one(Input).focus()

    def on_screen_resume(self) -> None:
        # the app keeps this screen and opens it again (building it cost most of what opening the help
        # did): it opens as a new one would, unfiltered and at the top
        box = self.query_one(Input)
        if box.value:
            box.value = ""  # its Changed shows every key again
        self.query_one("#help-scroll", VerticalScroll).scroll_home(animate=False, immediate=True)
        box.focus()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"help--{name}", partial=True)

    @on(Input.Changed, "#help-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self._show(event.value)

    def on_resize(self) -> None:
        # the first Resize comes right after mounting, at the width just drawn: wrapping again would
        # double what opening the help costs
        if self._width() == self._drawn_width:
            return
        self._show(self.query_one(Input).value)
        self.legend_view = self._legend()
        self.query_one("#help-legend", Static).update(self.legend_view)

    def _width(self) -> int:
        """The text's width: the box (at most 112 wide) less its border, padding and scroll bar."""
        return max(20, min(112, self.app.size.width) - 6)

    def _grid(self, rows: list[tuple[str, Text]], key_width: int) -> Text:
        """Two columns, the second wrapped under itself, as one Text: a Rich Table would do it too, but
        is measured and drawn again on every layout (half of what opening the help cost)."""
        width = max(10, self._width() - key_width - 4)
        text = Text(end="")
        for keys, description in rows:
            for i, line in enumerate(description.wrap(self.app.console, width)):
                text.append(f"  {(keys if i == 0 else ''):<{key_width}}  ", self._style("key"))
                text.append_text(line)
                text.append("\n")
        return text

    def _show(self, query: str) -> None:
        words = query.lower().split()
        self.shown = [row for row in self.rows if row.matches(words)]
        key_width = max((len(row.keys) for row in self.rows), default=0)
        view = Text(end="")
        group: str | None = None
        rows: list[tuple[str, Text]] = []
        for row in [*self.shown, None]:
            if row is None or row.group != group:
                if rows:
                    view.append_text(self._grid(rows, key_width))
                    rows = []
                if row is None:
                    break
                view.append(("\n" if group is not None else "") + row.group + "\n", self._style("group"))
                group = row.group
            description = Text(row.description)
            if row.where:
                description.append(f"  ({row.where})", self._style("muted"))
            rows.append((row.keys, description))
        if not self.shown:
            view.append(f"No key matches “{printable(query)}”.", self._style("muted"))
        self.keys_view = view
        self._drawn_width = self._width()
        self.query_one("#help-keys", Static).update(view)

    def _legend(self) -> Text:
        legend = Text("What the marks mean\n", self._style("group"), end="")
        legend.append_text(self._grid([(mark, Text(meaning)) for mark, meaning in LEGEND],
                                      max(len(mark) for mark, _ in LEGEND)))
        return legend

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)


class ProblemsScreen(ModalScreen[str | None]):
    """Skipped files and warnings; Enter on a loaded source's row opens it (returns its id)."""

    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; }
    ProblemsScreen > Vertical {
        width: 100; max-width: 100%; height: 70%; border: round $border; background: $surface; padding: 0 1;
    }
    ProblemsScreen DataTable { height: 1fr; }
    ProblemsScreen #problems-note { height: auto; color: $text-muted; }
    """
    BINDINGS = [Binding("escape,q,w", "close", "Close", id="problems.close")]

    def __init__(self, skipped: list[Skipped], sources: list[Source]) -> None:
        super().__init__()
        self.skipped = skipped
        self.sources = sources
        self.rows: list[Source | Skipped] = []  # what each row is about

    def compose(self) -> ComposeResult:
        with Vertical():
            yield DataTable(id="problems-table", cursor_type="row")
            yield Static(Text("Enter opens a source that loaded · Esc closes"), id="problems-note")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Skipped files and warnings"
        table = self.query_one(DataTable)
        table.add_columns("File", "What happened")
        for skipped in self.skipped:
            table.add_row(Text(printable(skipped.path)), Text("skipped: " + printable(skipped.reason)))
            self.rows.append(skipped)
        for source in self.sources:
            for warning in source.warnings:
                table.add_row(Text(printable(source.path)), Text(printable(warning)))
                self.rows.append(source)
        if not table.row_count:
            table.add_row(Text("—"), Text("every file loaded cleanly"))
        table.focus()

    @on(DataTable.RowSelected, "#problems-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if not 0 <= event.cursor_row < len(self.rows):
            return
        row = self.rows[event.cursor_row]
        if isinstance(row, Skipped):
            self.notify(f"{printable(row.path)} was not loaded ({printable(row.reason)}): there is nothing to "
                        "open.", markup=False)
            return
        self.dismiss(row.id)

    def action_close(self) -> None:
        self.dismiss(None)
