"""The sources pane: every article with its language, date (and precision), title, size and how many
mentions of the chosen entity it holds. Highlighting a row opens it at once; Enter moves to the reader."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ...textsafe import printable
from ..labels import words
from .rowlist import RowList, fit

if TYPE_CHECKING:
    from ...engine.model import Skipped, Source

# the list's own open requests remembered until they come back (a few: each one comes back at once)
_ASKED_KEPT = 8
# column widths (cells); the title takes what is left
_LANG, _DATE, _WORDS, _HITS = 5, 14, 7, 6


def number_width(count: int) -> int:
    """The # column: the open-source marker, the largest number, a space."""
    return len(str(count)) + 2


def _header(count: int) -> Text:
    line = Text(style="bold")
    line.append(fit("#", number_width(count)))
    line.append(fit("lang", _LANG))
    line.append(fit("date", _DATE))
    line.append(fit("size".rjust(_WORDS - 2), _WORDS))
    line.append(fit("hits".rjust(_HITS - 2), _HITS))
    line.append("title")
    return line


class SourceList(RowList):
    """One line per article."""

    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {
        "sourcelist--hits", "sourcelist--none", "sourcelist--muted", "sourcelist--warning", "sourcelist--open",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.sources: list[Source] = []
        self.counts: dict[str, int] = {}
        self.open_id: str | None = None

    def show(self, sources: list[Source]) -> None:
        self.sources = sources
        self.set_rows([1] * len(sources), cursor=0)

    def index_of(self, source_id: str | None) -> int | None:
        return next((i for i, source in enumerate(self.sources) if source.id == source_id), None)

    def render_row(self, index: int, width: int) -> list[Text]:
        source = self.sources[index]
        muted = self.get_component_rich_style("sourcelist--muted", partial=True)
        line = Text(no_wrap=True)
        marker = "▶" if source.id == self.open_id else " "
        number = Text(marker, style=self.get_component_rich_style("sourcelist--open", partial=True))
        number.append(str(index + 1))
        line.append(fit(number, number_width(len(self.sources))))
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
        if source.warnings:
            line.append("⚠ ", style=self.get_component_rich_style("sourcelist--warning", partial=True))
        line.append(printable(source.title))
        return [line]


class SourcesPane(Vertical):
    """The list of sources, plus what could not be loaded."""

    BORDER_TITLE = "Sources"  # shown until the pane has content to count

    DEFAULT_CSS = """
    SourcesPane > #sources-header { height: 1; padding: 0 0 0 0; color: $text-muted; }
    SourcesPane > SourceList { height: auto; max-height: 100%; }
    SourceList > .sourcelist--hits { color: $text-accent; text-style: bold; }
    SourceList > .sourcelist--none { color: $text-muted; }
    SourceList > .sourcelist--muted { color: $text-muted; }
    SourceList > .sourcelist--warning { color: $text-warning; }
    SourceList > .sourcelist--open { color: $text-accent; }
    """

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

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._asked: list[str] = []  # sources this list asked to open, oldest first, not yet come back

    def compose(self) -> ComposeResult:
        yield Static(Content("loading…"), id="sources-header")
        yield SourceList(id="source-list")


    @property
    def source_list(self) -> SourceList:
        return self.query_one(SourceList)

    def show(self, sources: list[Source], skipped: list[Skipped]) -> None:
        self.query_one("#sources-header", Static).update(_header(len(sources)))
        self.source_list.show(sources)
        warned = sum(1 for s in sources if s.warnings)
        subtitle = f"{len(sources)} loaded"
        if skipped:
            subtitle += f" · {len(skipped)} skipped"
        if warned:
            subtitle += f" · {warned} with warnings"
        if skipped or warned:
            subtitle += " · w: details"
        self.border_title = Content(f"Sources ({len(sources)})")
        self.border_subtitle = Content(subtitle)

    def set_counts(self, counts: dict[str, int]) -> None:
        """Mentions of the chosen entity per source id."""
        self.source_list.counts = counts
        self.source_list.invalidate()

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
