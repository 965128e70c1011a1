"""The sources pane: every article with its language, date (and precision), outlet (when the story has
any), title, size and how many mentions of the chosen entity it holds, in the order chosen (`o`), all of
them or only those naming the chosen entity (`F`). Resting on a row opens it; Enter moves to the reader."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from ...textsafe import printable
from ..labels import words
from .pane import Pane
from .rowlist import RowList, fit

if TYPE_CHECKING:
    from ...engine.model import Skipped, Source

# the list's own open requests remembered until they come back (a few: each one comes back at once)
_ASKED_KEPT = 8
# column widths (cells); the title takes what is left
_LANG, _DATE, _WORDS, _HITS, _PATH, _OUTLET = 5, 14, 7, 6, 26, 18
_PATH_FROM = 110  # a list this wide (maximised, or a wide terminal's tab) has room for the path too
_OUTLET_FROM = 90  # and this wide for an outlet column, when some source has one (narrower: before the title)

# the orders `o` cycles through, each in the direction a reader wants first, and how each is said
SORTS = ("number", "date", "hits", "language", "outlet", "title", "path")
SORT_WORDS = {"number": "by #", "date": "by date ↓", "hits": "by hits ↓", "language": "by language",
              "outlet": "by outlet", "title": "by title", "path": "by path"}
SORT_NOTES = {"number": "as numbered (the story's order)", "date": "newest first, undated last",
              "hits": "most mentions of the chosen name first", "language": "by language, a to z",
              "outlet": "by outlet, a to z, those without one last", "title": "by title, a to z",
              "path": "by path, a to z"}
_SORT_COLUMN = {"date": "date", "hits": "hits", "language": "lang", "outlet": "outlet", "title": "title",
                "path": "path"}


def number_width(count: int) -> int:
    """The # column: the open-source marker, the largest number, a space."""
    return len(str(count)) + 2


def sort_sources(sources: list[Source], order: str, counts: dict[str, int]) -> list[Source]:
    """`sources` (in the story's order) in `order`; ties keep the story's order."""
    if order == "date":
        dated = sorted((s for s in sources if s.date is not None), key=lambda s: s.date or "", reverse=True)
        return dated + [s for s in sources if s.date is None]
    if order == "outlet":
        named = sorted((s for s in sources if s.outlet), key=lambda s: printable(s.outlet).casefold())
        return named + [s for s in sources if not s.outlet]
    keys: dict[str, Callable[[Source], str | int]] = {
        "hits": lambda s: -counts.get(s.id, 0), "language": lambda s: s.language,
        "title": lambda s: printable(s.title).casefold(), "path": lambda s: s.path.casefold()}
    key = keys.get(order)
    return sorted(sources, key=key) if key is not None else list(sources)


def find_source(sources: list[Source], answer: str) -> tuple[Source | None, str]:
    """The source a "go to" answer names — its number, else the first whose title (then path) holds the
    words — and what to tell the user when that was not a clear answer ("" when it was)."""
    query = answer.strip().lstrip("#").strip()
    if not query:
        return None, ""
    if query.isdigit():
        number = int(query)
        if 1 <= number <= len(sources):
            return sources[number - 1], ""
        return None, f"No source #{number}: the story has {len(sources)} (1–{len(sources)})."
    wanted = query.casefold()
    fields: tuple[tuple[Callable[[Source], str], str], ...] = (
        (lambda s: printable(s.title), "titles"), (lambda s: printable(s.path), "paths"))
    for field, where in fields:
        found = [(n, s) for n, s in enumerate(sources, 1) if wanted in field(s).casefold()]
        if len(found) == 1:
            return found[0][1], ""
        if found:
            others = ", ".join(f"#{n}" for n, _ in found[1:6]) + (" …" if len(found) > 6 else "")
            return found[0][1], (f"{len(found)} {where} hold “{printable(query)}”: opened #{found[0][0]} "
                                 f"(also {others}).")
    return None, f"No source's title or path holds “{printable(query)}”."


class SourcesHeader(Widget):
    """The column names over the list, the sorted one marked, and (when there is room) the order and the
    filter, which the narrow layout's borderless pane cannot show in its title."""

    DEFAULT_CSS = "SourcesHeader { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = 0
        self.outlets = False  # some source has an outlet: the column is shown where there is room
        self.order = "number"
        self.states: list[str] = []  # the filter and order (when not the default), longest way first

    def render(self) -> Text:
        width = self.size.width
        line = Text(style="bold", no_wrap=True, overflow="ellipsis")
        marked = _SORT_COLUMN.get(self.order)  # the story's order (#) is the default: not marked

        def name(column: str) -> str:
            return column + ("↓" if self.order in ("date", "hits") else "↑") if column == marked else column

        line.append(fit(name("#"), number_width(self.total)))
        line.append(fit(name("lang"), _LANG))
        line.append(fit(name("date"), _DATE))
        line.append(fit("size".rjust(_WORDS - 2), _WORDS))
        line.append(fit(name("hits").rjust(_HITS - 2), _HITS))
        if self.outlets and width >= _OUTLET_FROM:
            line.append(fit(name("outlet"), _OUTLET))
        if width >= _PATH_FROM:
            line.append(fit(name("path"), _PATH))
        if self.outlets and width < _OUTLET_FROM:
            line.append(name("outlet") + " · ")
        line.append(name("title"))
        room = width - line.cell_len - 2
        # the filter matters more than the order words: the marked column already shows the order
        said = next((c for c in self.states if len(c) <= room), self.states[-1] if self.states else "")
        if room >= 12:
            state = Text(said or "o: sort · F: naming", style="not bold")
            state.truncate(room, overflow="ellipsis")
            line.append(" " * (width - line.cell_len - state.cell_len))
            line.append_text(state)
        return line


class SourceList(RowList):
    """One line per article, numbered by its place in the story whatever the order shown."""

    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {
        "sourcelist--hits", "sourcelist--none", "sourcelist--muted", "sourcelist--warning", "sourcelist--open",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.sources: list[Source] = []  # the rows, in the order shown
        self.numbers: dict[str, int] = {}  # source id -> its number: its 1-based place in the story
        self.counts: dict[str, int] = {}
        self.open_id: str | None = None
        self.outlets = False  # some source of the story has an outlet: the column is shown

    def show(self, sources: list[Source], numbers: dict[str, int] | None = None) -> None:
        self.sources = sources
        self.numbers = numbers if numbers is not None else {s.id: n for n, s in enumerate(sources, 1)}
        self.set_rows([1] * len(sources), cursor=0)

    def index_of(self, source_id: str | None) -> int | None:
        return next((i for i, source in enumerate(self.sources) if source.id == source_id), None)

    def render_row(self, index: int, width: int) -> list[Text]:
        source = self.sources[index]
        muted = self.get_component_rich_style("sourcelist--muted", partial=True)
        line = Text(no_wrap=True)
        marker = "▶" if source.id == self.open_id else " "
        number = Text(marker, style=self.get_component_rich_style("sourcelist--open", partial=True))
        number.append(str(self.numbers.get(source.id, index + 1)))
        line.append(fit(number, number_width(len(self.numbers))))
        line.append(fit(source.language, _LANG, muted))
        if source.date is None:
            line.append(fit("undated", _DATE, muted))
        elif source.date_precision == "month":
            line.append(fit(Text.assemble(source.date, (" month", muted)), _DATE))
        else:
            line.append(fit(source.date, _DATE))
        line.append(fit(Text(words(source.words).rjust(_WORDS - 2), style=muted), _WORDS))
        hits = self.counts.get(source.id, 0)
        if hits:
            hits_style = self.get_component_rich_style("sourcelist--hits", partial=True)
            line.append(fit(Text(str(hits).rjust(_HITS - 2), style=hits_style), _HITS))
        else:
            none_style = self.get_component_rich_style("sourcelist--none", partial=True)
            line.append(fit(Text("·".rjust(_HITS - 2), style=none_style), _HITS))
        if self.outlets and self.size.width >= _OUTLET_FROM:
            line.append(fit(printable(source.outlet), _OUTLET, muted))
        if self.size.width >= _PATH_FROM:
            line.append(fit(printable(source.path), _PATH, muted))
        if source.warnings:
            line.append("⚠ ", style=self.get_component_rich_style("sourcelist--warning", partial=True))
        if self.outlets and self.size.width < _OUTLET_FROM and source.outlet:
            line.append(printable(source.outlet) + " · ", style=muted)
        line.append(printable(source.title))
        return [line]


class SourcesPane(Pane):
    """The list of sources, plus what could not be loaded; `o` cycles its order, `F` shows only the
    sources naming the chosen entity. A source keeps its number (its place in the story) in every order."""

    BORDER_TITLE = "Sources"  # shown until the pane has content to count
    ALLOW_MAXIMIZE = True  # maximised (the palette's "Maximize"), the header comes along with the list

    DEFAULT_CSS = """
    SourcesPane > #sources-header { height: 1; padding: 0 0 0 0; color: $text-muted; }
    SourcesPane > SourceList { height: auto; max-height: 100%; }
    SourceList > .sourcelist--hits { color: $text-accent; text-style: bold; }
    SourceList > .sourcelist--none { color: $text-muted; }
    SourceList > .sourcelist--muted { color: $text-muted; }
    SourceList > .sourcelist--warning { color: $text-warning; }
    SourceList > .sourcelist--open { color: $text-accent; }
    """

    BINDINGS = [
        Binding("o", "cycle_sort", "Sort",
                tooltip="Sort the sources: by #, date, hits, language, outlet, title, path",
                show=False, id="sources.sort"),
        Binding("F", "toggle_naming", "Naming", tooltip="Only the sources naming the chosen name (again: all)",
                show=False, id="sources.naming"),
    ]

    class SourceChosen(Message):
        """The user moved to another source (click, arrows, [ ], number keys)."""

        def __init__(self, source_id: str) -> None:
            super().__init__()
            self.source_id = source_id

    class Opened(Message):
        """Enter on a source (or a click): the user wants to read it."""

        def __init__(self, clicked: bool = False) -> None:
            super().__init__()
            self.clicked = clicked

    class Said(Message):
        """Something to tell the user in the status line (what `o` / `F` did, or why they could not)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._asked: list[str] = []  # sources this list asked to open, oldest first, not yet come back
        self._all: list[Source] = []  # in the story's order
        self._skipped = 0
        self.order = "number"
        self.only_naming = False  # F: only the sources naming the chosen entity
        self.entity_name: str | None = None  # the chosen entity's name; None: none is chosen

    def compose(self) -> ComposeResult:
        yield SourcesHeader(id="sources-header")
        yield SourceList(id="source-list")

    @property
    def source_list(self) -> SourceList:
        return self.query_one(SourceList)

    def show(self, sources: list[Source], skipped: list[Skipped]) -> None:
        self._all = sources
        self._skipped = len(skipped)
        header = self.query_one(SourcesHeader)
        header.total = len(sources)
        header.outlets = self.source_list.outlets = any(s.outlet for s in sources)
        self._arrange()

    def _arrange(self) -> None:
        """Show the rows in the chosen order and filter, the cursor on the open source if it is among them."""
        source_list = self.source_list
        counts = source_list.counts
        shown = self._all
        if self.only_naming and self.entity_name is not None:
            shown = [s for s in shown if counts.get(s.id, 0)]
        numbers = {source.id: number for number, source in enumerate(self._all, 1)}
        source_list.show(sort_sources(shown, self.order, counts), numbers)
        index = source_list.index_of(source_list.open_id)
        if index is not None:
            source_list.move_cursor(index, announce=False)
        self._tell_state(len(shown))

    def _tell_state(self, shown: int) -> None:
        total = len(self._all)
        parts = []
        if self.only_naming:
            parts.append(f"naming {printable(self.entity_name)}" if self.entity_name is not None
                         else "naming — no name chosen")
        if self.order != "number":
            parts.append(SORT_WORDS[self.order])
        counted = (f"{shown} of {total} " if shown != total else "")
        header = self.query_one(SourcesHeader)
        header.order = self.order
        header.states = [counted + " · ".join(parts), counted + parts[0]] if parts else []
        header.refresh()
        count = f"{shown} of {total}" if shown != total else f"{total}"
        self.border_title = Text(" · ".join([f"Sources ({count})", *parts]))
        warned = sum(1 for s in self._all if s.warnings)
        subtitle = f"{total} loaded"
        if self._skipped:
            subtitle += f" · {self._skipped} skipped"
        if warned:
            subtitle += f" · {warned} with warnings"
        if self._skipped or warned:
            subtitle += " · w: details"
        self.border_subtitle = Content(subtitle)

    def set_counts(self, counts: dict[str, int], entity_name: str | None = None) -> None:
        """Mentions of the chosen entity (named `entity_name`; None: no entity is chosen) per source id."""
        source_list = self.source_list
        changed = counts != source_list.counts or entity_name != self.entity_name
        source_list.counts = counts
        self.entity_name = entity_name
        if changed and (self.only_naming or self.order == "hits"):
            self._arrange()
        else:
            source_list.invalidate()
            if changed:
                self._tell_state(source_list.row_count)

    def action_cycle_sort(self) -> None:
        self.order = SORTS[(SORTS.index(self.order) + 1) % len(SORTS)]
        self._arrange()
        note = SORT_NOTES[self.order]
        if self.order == "hits" and self.entity_name is None:
            note += " — no name is chosen, so every source has 0 (choose one: / to search)"
        self.post_message(self.Said(f"Sources {note} · o: next order"))

    def action_toggle_naming(self) -> None:
        if not self.only_naming and self.entity_name is None:
            self.post_message(self.Said("No name is chosen: choose one (/ to search), then F shows only the "
                                        "sources naming it."))
            return
        self.only_naming = not self.only_naming
        self._arrange()
        if self.only_naming:
            shown = self.source_list.row_count
            self.post_message(self.Said(f"{shown} of {len(self._all)} sources name {printable(self.entity_name or '')}"
                                        " · F: all sources"))
        else:
            self.post_message(self.Said(f"All {len(self._all)} sources · F: only those naming the chosen name"))

    def set_open(self, source_id: str | None) -> None:
        """Mark the open source, and put the cursor on it if someone else opened it (the list's own
        requests come back after the cursor has moved on: following them would pull it back)."""
        source_list = self.source_list
        previous, source_list.open_id = source_list.open_id, source_id
        if source_id in self._asked:
            del self._asked[: self._asked.index(source_id) + 1]
        else:
            self._asked.clear()
            index = source_list.index_of(source_id)
            if index is not None and (source_id != previous or source_list.cursor is None):
                source_list.move_cursor(index, announce=False)
        source_list.invalidate()

    def _ask(self, index: int) -> None:
        """Open the source at row `index`, unless it is open or on its way."""
        source = self.source_at(index)
        wanted = self._asked[-1] if self._asked else self.source_list.open_id
        if source is not None and source.id != wanted:
            self._asked.append(source.id)
            del self._asked[:-_ASKED_KEPT]
            self.post_message(self.SourceChosen(source.id))

    def source_at(self, index: int) -> Source | None:
        sources = self.source_list.sources
        return sources[index] if 0 <= index < len(sources) else None

    @on(RowList.Rested, "#source-list")
    def _rested(self, event: RowList.Rested) -> None:
        # Rested, not Highlighted: opening lays out the article, too slow to do for every row a held ↓
        # passes over
        event.stop()
        self._ask(event.index)

    @on(RowList.Selected, "#source-list")
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        if self.source_at(event.index) is not None:
            self._ask(event.index)
            self.post_message(self.Opened(clicked=event.clicked))
