"""The mentions view (issue 15): what each source says about the chosen entity. Every mention's sentence,
grouped by source as ripgrep groups matches by file (a header row per source with its count; sources by
date, then title), filtered by language (l) and by source title (/); beside it the entities named with
the chosen one (co-occurrence, counted by the engine in a worker). Enter on a mention answers it to the
app, which opens the reader there as n / N would; Enter on an entity asks the app to choose it, and the
app feeds the view that entity's mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from ..textsafe import printable
from .labels import TYPE_BADGE, source_date
from .widgets.rowlist import RowList, fit

if TYPE_CHECKING:
    from ..engine.cooccurrence import CoOccurrence
    from ..engine.model import Entity, Mention, Source
    from ..engine.story import Story

_SPACES = re.compile(r"\s+")
_WORD_SLACK = 8  # at most this many characters are given up to cut an excerpt at a word boundary


def _plain(text: str) -> str:
    return _SPACES.sub(" ", printable(text))


def _head(text: str, cells: int) -> str:
    """The longest start of `text` at most `cells` wide, ending at a word boundary when one is near (the
    space before the name, or after it, is kept)."""
    out, used = [], 0
    for char in text:
        used += cell_len(char)
        if used > cells:
            break
        out.append(char)
    head = "".join(out)
    if len(head) < len(text):
        cut = head.rfind(" ")
        if cut >= max(1, len(head) - _WORD_SLACK):
            head = head[:cut + 1]
    return head


def _tail(text: str, cells: int) -> str:
    """The longest end of `text` at most `cells` wide, starting at a word boundary when one is near."""
    return _head(text[::-1], cells)[::-1]


def excerpt(before: str, name: str, after: str, width: int) -> tuple[str, str, str]:
    """The text around a mention cut to `width` cells, the mention always whole (or, wider than the row,
    its start): (before, name, after), with "…" where the sentence was cut. Context before the name gets at
    least a third of the room, the rest goes to what follows (a sentence is read forwards)."""
    before, name, after = _plain(before), _plain(name), _plain(after)
    name_cells = cell_len(name)
    if name_cells >= width:
        return "", _head(name, width - 1) + "…" if name_cells > width else name, ""
    room = width - name_cells
    before_cells, after_cells = cell_len(before), cell_len(after)
    if before_cells + after_cells <= room:
        return before, name, after
    before_room = min(before_cells, max(room - after_cells, room // 3))
    after_room = room - before_room
    if before_cells > before_room:
        before = "…" + _tail(before, before_room - 1).lstrip() if before_room else ""
    if after_cells > after_room:
        after = _head(after, after_room - 1).rstrip() + "…" if after_room else ""
    return before, name, after


def source_order(source: Source) -> tuple:
    """Sources by date (undated last), then title: the order a story unfolds in."""
    return (source.date is None, source.date or "", source.title.casefold(), source.path)


@dataclass(frozen=True)
class _Header:
    source: Source
    count: int


@dataclass(frozen=True)
class _Row:
    number: int  # the mention's place in reading order (Navigator.mentions), as the status line counts
    mention: Mention


class MentionList(RowList):
    """A header line per source, then one line per mention: its sentence, cut around the name."""

    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {
        "mentionlist--source", "mentionlist--muted", "mentionlist--name"}
    BINDINGS = [Binding("enter", "select", "Open", tooltip="Open the highlighted mention in the reader (as n / N "
                        "would)", id="mentions.open")]

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.rows: list[_Header | _Row] = []
        self.total = 0

    def show(self, rows: list[_Header | _Row], total: int, cursor: int | None) -> None:
        self.rows = rows
        self.total = total
        self.set_rows([1] * len(rows), [isinstance(r, _Row) for r in rows], cursor=cursor)
        if self.cursor is not None:
            self.scroll_to_row(max(0, self.cursor - 1))  # its source's header in view too, when it is the first

    def render_row(self, index: int, width: int) -> list[Text]:
        row = self.rows[index]
        muted = self.get_component_rich_style("mentionlist--muted", partial=True)
        if isinstance(row, _Header):
            count = Text(f" · {row.count}", style=muted)
            line = Text(no_wrap=True)
            line.append(f"{source_date(row.source)}  {row.source.language}  ", style=muted)
            line.append(printable(row.source.title), style=self.get_component_rich_style("mentionlist--source",
                                                                                       partial=True))
            return [Text.assemble(fit(line, max(1, width - cell_len(count.plain))), count)]
        mention = row.mention
        source = self.story.source(mention.source_id)
        number = Text(f"{row.number:>{len(str(self.total))}} ", style=muted)
        if source is None:
            return [Text.assemble(number, printable(mention.text))]
        start, end = self.story.sentences.around(mention)
        text = source.text
        room = max(1, width - 2 - cell_len(number.plain))
        before, name, after = excerpt(text[start:mention.start], text[mention.start:mention.end],
                                      text[mention.end:end], room)
        line = Text("  ", no_wrap=True)
        line.append(number)
        line.append(before)
        line.append(name, style=self.get_component_rich_style("mentionlist--name", partial=True))
        line.append(after)
        return [line]

    def current(self) -> _Row | None:
        row = self.rows[self.cursor] if self.cursor is not None and self.cursor < len(self.rows) else None
        return row if isinstance(row, _Row) else None


class NamedWithList(RowList):
    """The entities named with the chosen one: shared sentences, shared sources, name."""

    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {"namedwithlist--muted"}
    BINDINGS = [Binding("enter", "select", "Choose", tooltip="Choose this entity: its mentions are shown instead",
                        id="mentions.choose")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.found: list[CoOccurrence] = []

    def show(self, found: list[CoOccurrence]) -> None:
        self.found = found
        self.set_rows([1] * (len(found) + 1), [False] + [True] * len(found), cursor=1 if found else None)

    def render_row(self, index: int, width: int) -> list[Text]:
        muted = self.get_component_rich_style("namedwithlist--muted", partial=True)
        if index == 0:
            return [Text("sent src  name", style=muted)]
        found = self.found[index - 1]
        line = Text(f"{found.sentences:>4} {found.sources:>3}  ", no_wrap=True)
        line.append(printable(found.entity.name))
        badge = f" {TYPE_BADGE.get(found.entity.type, found.entity.type)}"
        if cell_len(line.plain) + len(badge) <= width:  # the name first; its type only where there is room
            line.append(badge, style=muted)
        return [line]


class MentionsScreen(ModalScreen["Mention | None"]):
    """Over the dashboard; answers the mention to open (Enter), or None (Esc)."""

    BINDINGS = [
        Binding("l", "cycle_language", "Language", tooltip="Show one language of sources, the next, … then all",
                id="mentions.language"),
        Binding("slash", "filter_sources", "Filter sources", tooltip="Type to narrow to sources whose title "
                "holds the text (Enter or Esc back to the list)", id="mentions.filter"),
        Binding("tab", "app.focus_next", "Named with", tooltip="Between the mentions and the entities named with "
                "this one (Enter on one chooses it)", id="mentions.switch"),
        Binding("escape,M", "close", "Close", tooltip="Close the mentions view", id="mentions.close"),
    ]

    class EntityChosen(Message):
        """Enter on an entity named with the chosen one: the app chooses it and shows its mentions here."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    def __init__(self, story: Story, entity: Entity, mentions: list[Mention], current: int | None) -> None:
        super().__init__()
        self.story = story
        self.entity = entity
        self.mentions = mentions
        self.current = current
        self.language: str | None = None  # None: every language
        self.title_filter = ""
        self._languages: list[str] = []
        self._groups: list[tuple[Source, list[_Row]]] = []
        self._folded_titles: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="mentions-box"):
            yield Static(id="mentions-state")
            yield Input(placeholder="sources whose title holds…", id="mentions-filter")
            with Horizontal(id="mentions-body"):
                with Vertical(id="mentions-left"):
                    yield MentionList(self.story, id="mention-list")
                    yield Static(id="mentions-preview")
                with Vertical(id="named-with-side"):
                    yield Static("Named with it", id="named-with-title")
                    yield NamedWithList(id="named-with")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show(self.entity, self.mentions, self.current)
        self.query_one(MentionList).focus()

    # -- fed down by the app --------------------------------------------------------------------------------
    def show(self, entity: Entity, mentions: list[Mention], current: int | None) -> None:
        """This entity's mentions (in reading order; `current`: the one the reader shows), filters kept when
        they still select something."""
        self.entity, self.mentions, self.current = entity, mentions, current
        by_source: dict[str, list[_Row]] = {}
        for number, mention in enumerate(mentions, 1):
            by_source.setdefault(mention.source_id, []).append(_Row(number, mention))
        sources = [s for s in (self.story.source(i) for i in by_source) if s is not None]
        sources.sort(key=source_order)
        self._groups = [(s, sorted(by_source[s.id], key=lambda r: r.mention.start)) for s in sources]
        counts: dict[str, int] = {}
        for source, rows in self._groups:
            counts[source.language] = counts.get(source.language, 0) + len(rows)
        self._languages = sorted(counts, key=lambda language: (-counts[language], language))
        if self.language not in counts:
            self.language = None
        from ..engine.names import fold

        self._folded_titles = {s.id: fold(f"{s.title} {s.path}") for s, _ in self._groups}
        self.query_one("#mentions-box").border_title = f"Mentions of {printable(entity.name)}"
        self._refilter(keep=current)
        self._say_named("Named with it: counting…")
        self.query_one(NamedWithList).show([])
        self._count(entity)

    @work(thread=True, exclusive=True, group="cooccurrence", exit_on_error=False)
    def _count(self, entity: Entity) -> list[CoOccurrence]:
        # a few hundred ms on a 1,500-article story's busiest names: off the UI thread
        return self.story.cooccurrence(entity)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # the view's own worker (a screen's workers report to it, not to the app): a failure is said here
        worker = event.worker
        if worker.group != "cooccurrence":
            return
        if event.state == WorkerState.SUCCESS:
            found = cast("list[CoOccurrence]", worker.result)
            self._say_named(f"Named with it: {len(found)}")
            self.query_one(NamedWithList).show(found)
        elif event.state == WorkerState.ERROR:
            self._say_named("Named with it: unavailable")
            self.notify(f"Could not count who is named with it: {printable(str(worker.error))}",
                        severity="error", markup=False)

    def _say_named(self, title: str) -> None:
        self.query_one("#named-with-title", Static).update(Text(title, style="bold"))

    # -- the rows the filters leave ----------------------------------------------------------------------
    def _kept(self, source: Source) -> bool:
        if self.language is not None and source.language != self.language:
            return False
        if self.title_filter:
            from ..engine.names import fold

            return fold(self.title_filter) in self._folded_titles.get(source.id, "")
        return True

    def _refilter(self, keep: int | None = None) -> None:
        """Rebuild the rows from the groups the filters keep; the cursor stays on mention `keep` (an index in
        reading order) when it is still shown, else goes to the first mention."""
        rows: list[_Header | _Row] = []
        shown_sources = shown_mentions = 0
        cursor = None
        for source, group in self._groups:
            if not self._kept(source):
                continue
            shown_sources += 1
            shown_mentions += len(group)
            rows.append(_Header(source, len(group)))
            for row in group:
                if keep is not None and row.number == keep + 1:
                    cursor = len(rows)
                rows.append(row)
        listing = self.query_one(MentionList)
        listing.show(rows, len(self.mentions), cursor if cursor is not None else (1 if rows else None))
        self._say_state(shown_mentions, shown_sources)
        self._preview()

    def _say_state(self, mentions: int, sources: int) -> None:
        every_source = len(self._groups)
        state = Text(no_wrap=True, overflow="ellipsis")
        state.append(f"{mentions} of {len(self.mentions)} mentions · {sources} of {every_source} sources · ")
        state.append("language: ")
        state.append(self.language or "all", style="bold")
        if len(self._languages) > 1:
            state.append(f" ({' '.join(self._languages)})")
        if self.title_filter:
            state.append(" · title holds ")
            state.append(printable(self.title_filter), style="bold")
        if not mentions:
            state.append(" · nothing left: l or / widen it", style="bold")
        self.query_one("#mentions-state", Static).update(state)

    def _preview(self) -> None:
        """The highlighted mention's whole sentence, under the list, with where it is from."""
        preview = self.query_one("#mentions-preview", Static)
        row = self.query_one(MentionList).current()
        source = self.story.source(row.mention.source_id) if row is not None else None
        if row is None or source is None:
            preview.update("")
            return
        mention = row.mention
        start, end = self.story.sentences.around(mention)
        where = Text(f"mention {row.number} of {len(self.mentions)} · {source_date(source)} · {source.language} · ",
                     style="dim", no_wrap=True, overflow="ellipsis")
        where.append(printable(source.title), style="bold")
        where.append(f" · {printable(source.path)}")
        text = Text()
        text.append(_plain(source.text[start:mention.start]))
        text.append(_plain(source.text[mention.start:mention.end]), style="bold reverse")
        text.append(_plain(source.text[mention.end:end]))
        preview.update(Group(where, text))

    # -- keys -----------------------------------------------------------------------------------------------
    @on(RowList.Highlighted, "#mention-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._preview()

    @on(RowList.Selected, "#mention-list")
    def _mention_selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.action_open()

    @on(RowList.Selected, "#named-with")
    def _entity_selected(self, event: RowList.Selected) -> None:
        event.stop()
        named = self.query_one(NamedWithList)
        if 1 <= event.index <= len(named.found):
            self.language, self.title_filter = None, ""
            self.query_one(Input).value = ""
            self.post_message(self.EntityChosen(named.found[event.index - 1].entity.id))
            self.query_one(MentionList).focus()

    @on(Input.Changed, "#mentions-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        event.input.set_class(bool(event.value), "-active")
        if event.value.strip() != self.title_filter:
            self.title_filter = event.value.strip()
            self._refilter(self._highlighted_number())

    @on(Input.Submitted, "#mentions-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(MentionList).focus()

    def _highlighted_number(self) -> int | None:
        row = self.query_one(MentionList).current()
        return row.number - 1 if row is not None else None

    def action_open(self) -> None:
        if not isinstance(self.focused, MentionList):
            return
        row = self.query_one(MentionList).current()
        if row is not None:
            self.dismiss(row.mention)

    def action_cycle_language(self) -> None:
        if not self._languages:
            return
        order: list[str | None] = [None, *self._languages]
        self.language = order[(order.index(self.language) + 1) % len(order)]
        self._refilter(self._highlighted_number())

    def action_filter_sources(self) -> None:
        self.query_one(Input).focus()

    def action_close(self) -> None:
        if isinstance(self.focused, Input):  # Esc in the filter box goes back to the list, the text kept
            self.query_one(MentionList).focus()
            return
        self.dismiss(None)
