"""The chronology pane: events in date order with their precision shown honestly ("2022-10-18",
"early 2022-10", "a Wednesday in 2022-10"), the sources reporting each, then the undated ones. Moving
onto an event or one of its expressions opens that sentence in the reader.

At scale (a 1,500-article story has thousands of events) it is read through filters: `f` cycles all /
the chosen entity / the open source, ctrl+f finds text inside (sentences and names, case and accents
aside). Sources printing the same sentence share one row ("#3 #7 +12"), and a sentence too long for the
pane is cut around its date and names, not from the left."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from ...engine.names import fold, fold_each
from ...textsafe import printable
from ..labels import when
from .pane import Pane
from .rowlist import RowList

if TYPE_CHECKING:
    from ...engine.model import Event, Mention, Source, TemporalExpression

Row = tuple[str, "Event | TemporalExpression | str"]  # ("heading", str) | ("event", Event) | ("expression", ...)

# The filters `f` cycles through, in order.
FILTERS = ("all", "entity", "source")
# Two key spans of a sentence this close are shown with the words between them rather than an ellipsis.
_JOIN_GAP = 12


def keyhole(sentence: str, keys: Sequence[tuple[int, int]], room: int) -> list[tuple[int, int]]:
    """The parts of `sentence` to show in `room` cells, as [(start, end)], so that its key spans (the date
    first, then the names) are seen: as many keys as fit, each in some context, the parts joined by " … "
    (3 cells) and an ellipsis (1 cell) where the sentence is cut at an edge; cuts fall between words."""
    length = len(sentence)
    if length <= room:
        return [(0, length)]
    chosen: list[tuple[int, int]] = []
    for start, end in keys:
        trial = _merged([*chosen, (max(0, start), min(length, end))])
        if _cost(trial, length) <= room or not chosen:
            chosen = trial
    if not chosen:
        chosen = [(0, 0)]
    # widen the parts by turns, a word a side, until no more fits: context around every key, cut between words
    grown = True
    while grown:
        grown = False
        i = 0
        while i < len(chosen):
            start, end = chosen[i]
            for wider in ((_word_before(sentence, start), end), (start, _word_after(sentence, end))):
                if wider == (start, end):
                    continue
                trial = _merged([*chosen[:i], wider, *chosen[i + 1:]])
                if _cost(trial, length) <= room:
                    chosen, grown = trial, True
                    break
            i += 1
    return chosen


def _word_before(sentence: str, start: int) -> int:
    """Where the word before `start` begins (the spaces between taken too)."""
    while start > 0 and sentence[start - 1].isspace():
        start -= 1
    while start > 0 and not sentence[start - 1].isspace():
        start -= 1
    return start


def _word_after(sentence: str, end: int) -> int:
    """Where the word after `end` ends (the spaces between taken too)."""
    while end < len(sentence) and sentence[end].isspace():
        end += 1
    while end < len(sentence) and not sentence[end].isspace():
        end += 1
    return end


def _merged(parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(parts):
        if out and start - out[-1][1] <= _JOIN_GAP:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _cost(parts: list[tuple[int, int]], length: int) -> int:
    cells = sum(end - start for start, end in parts) + 3 * (len(parts) - 1)
    return cells + (parts[0][0] > 0) + (parts[-1][1] < length)


@dataclass(frozen=True)
class ChronologyFilter:
    """What the pane shows: all events, the chosen entity's or the open source's; and text to find."""

    mode: str = "all"  # one of FILTERS
    entity_id: str | None = None
    source_id: str | None = None
    needle: str = ""  # folded; "" finds everything

    @property
    def everything(self) -> bool:
        return self.mode == "all" and not self.needle


Copies = dict[int, tuple["TemporalExpression", ...]]  # row index -> the expressions it stands for, if several


class EventIndex:
    """A chronology laid out for filtering: every expression in row order, those of one event printing the
    same sentence (folded) side by side as one line, and the folded sentences and names of all of them in
    one string, so that finding text is one str.find per match rather than a Python loop over 25,000."""

    def __init__(self, events: Sequence[Event], names: Mapping[str, str]) -> None:
        # dated events first (the engine's order already), then the undated, under their heading
        self.events = [e for e in events if e.date is not None] + [e for e in events if e.date is None]
        ordered = [x for event in self.events for x in event.expressions]
        sentences = fold_each([x.sentence or x.text for x in ordered])
        folded_names = {entity: fold(name) for entity, name in names.items()}
        self.expressions: list[TemporalExpression] = []
        self.event_of: list[int] = []  # expression -> its event's index
        self.line_of: list[int] = []  # expression -> its line's number
        texts: list[str] = []
        at = 0
        for n, event in enumerate(self.events):
            by_sentence: dict[str, list[int]] = {}
            for k in range(at, at + len(event.expressions)):
                by_sentence.setdefault(sentences[k], []).append(k)
            at += len(event.expressions)
            for sentence, members in by_sentence.items():
                line = len(self.line_of) and self.line_of[-1] + 1
                for k in members:
                    x = ordered[k]
                    self.expressions.append(x)
                    self.event_of.append(n)
                    self.line_of.append(line)
                    texts.append(" ".join([sentence, *(folded_names.get(e, "") for e in x.entities)]))
        self._starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0)) if texts else []
        self._text = "\n".join(texts)  # a folded text holds no line break: a needle never spans two

    def matching(self, rule: ChronologyFilter) -> list[int]:
        """The expressions `rule` keeps, in row order."""
        expressions = self.expressions
        if rule.mode == "entity":
            kept = [i for i, x in enumerate(expressions) if rule.entity_id in x.entities]
        elif rule.mode == "source":
            kept = [i for i, x in enumerate(expressions) if x.source_id == rule.source_id]
        else:
            kept = list(range(len(expressions)))
        if not rule.needle:
            return kept
        found: list[int] = []
        text, starts, needle = self._text, self._starts, rule.needle
        at = text.find(needle)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            found.append(i)
            at = text.find(needle, starts[i + 1]) if i + 1 < len(starts) else -1
        if rule.mode == "all":
            return found
        keep = set(kept)
        return [i for i in found if i in keep]

    def rows(self, kept: Sequence[int]) -> tuple[list[Row], Copies, int]:
        """The rows showing expressions `kept` (in row order): each event, then one row per line; the
        undated under a heading. Also which rows stand for several expressions, and how many events."""
        rows: list[Row] = []
        copies: Copies = {}
        event, line, events = -1, -1, 0
        headed = False
        # the heading counts the undated events shown, not all of them (the filter may keep a few)
        undated = len({self.event_of[i] for i in kept if self.events[self.event_of[i]].date is None})
        members: list[TemporalExpression] = []

        def close_line() -> None:
            if members:
                if len(members) > 1:
                    copies[len(rows)] = tuple(members)
                rows.append(("expression", members[0]))
                members.clear()

        for i in kept:
            if self.line_of[i] != line:
                close_line()
                line = self.line_of[i]
            if self.event_of[i] != event:
                event = self.event_of[i]
                shown = self.events[event]
                if shown.date is None and not headed:
                    headed = True
                    rows.append(("heading", f"Undated ({undated})"))
                rows.append(("event", shown))
                events += 1
            members.append(self.expressions[i])
        close_line()
        return rows, copies, events


@dataclass(frozen=True)
class BuiltChronology:
    """A story's chronology as the app's worker builds it: the events, the names labelling them, and
    their EventIndex."""

    events: list[Event]
    names: dict[str, str]
    index: EventIndex


class EventList(RowList):
    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {
        "eventlist--heading", "eventlist--date", "eventlist--muted", "eventlist--source", "eventlist--expression",
        "eventlist--name",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[Row] = []
        self.numbers: dict[str, int] = {}  # source id -> its 1-based place in the sources list
        # row index -> every expression the row stands for (sources printing the same sentence), when more than one
        self.copies: dict[int, tuple[TemporalExpression, ...]] = {}
        self.names: Mapping[str, str] = {}  # entity id -> its name
        self.mentions: Mapping[str, Sequence[Mention]] = {}  # source id -> its mentions, in text order
        self._mention_starts: dict[str, list[int]] = {}

    def show(self, rows: list[Row], numbers: dict[str, int],
             copies: dict[int, tuple[TemporalExpression, ...]] | None = None, cursor: int = 0) -> None:
        self.rows = rows
        self.numbers = numbers
        self.copies = copies or {}
        self.set_rows([1] * len(rows), [kind != "heading" for kind, _ in rows], cursor=cursor)

    def set_names(self, names: Mapping[str, str], mentions: Mapping[str, Sequence[Mention]]) -> None:
        self.names = names
        self.mentions = mentions
        self._mention_starts = {}

    def render_row(self, index: int, width: int) -> list[Text]:
        kind, item = self.rows[index]
        style = self.get_component_rich_style
        if kind == "heading":
            assert isinstance(item, str)
            return [Text(item, style=style("eventlist--heading", partial=True))]
        if kind == "event":
            return [self._event_line(item)]  # type: ignore[arg-type]
        return [self._expression_line(index, item, width)]  # type: ignore[arg-type]

    def _event_line(self, event: Event) -> Text:
        style = self.get_component_rich_style
        muted = style("eventlist--muted", partial=True)
        first = event.expressions[0] if event.expressions else None
        label = when(event.date, event.precision, first.note if first else "")
        line = Text(label, style=style("eventlist--date", partial=True), no_wrap=True)
        count = len(event.source_ids)
        line.append(f"  {count} source{'s' if count != 1 else ''}", style=muted)
        # the names the event is about, the most named first: what tells one event of a day from another
        named: dict[str, int] = {}
        for expression in event.expressions:
            for entity in expression.entities:
                named[entity] = named.get(entity, 0) + 1
        shown = [printable(self.names[e]) for e in sorted(named, key=lambda e: -named[e]) if e in self.names][:3]
        if shown:
            line.append(" · ", style=muted)
            line.append(", ".join(shown), style=style("eventlist--name", partial=True))
        return line

    def _expression_line(self, index: int, expression: TemporalExpression, width: int) -> Text:
        style = self.get_component_rich_style
        muted = style("eventlist--muted", partial=True)
        line = Text("  ", no_wrap=True)
        copies = self.copies.get(index, (expression,))
        numbers = list(dict.fromkeys(self.numbers.get(e.source_id, 0) for e in copies))
        label = " ".join(f"#{n}" for n in numbers[:3]) + (f" +{len(numbers) - 3}" if len(numbers) > 3 else "")
        line.append(label + " ", style=style("eventlist--source", partial=True))
        found = style("eventlist--expression", partial=True)
        if expression.date is None or not expression.sentence:
            line.append(printable(expression.text), style=found)
            if expression.note:
                line.append(" — " + printable(expression.note), style=muted)
            return line
        sentence = printable(expression.sentence)
        at = expression.start - expression.sentence_start
        if not (0 <= at and sentence[at:at + len(expression.text)] == printable(expression.text)):
            at = sentence.find(printable(expression.text))
        if at < 0:
            line.append(printable(expression.text), style=found)
            line.append(" — " + " ".join(sentence.split()), style=muted)
            return line
        date = (at, at + len(expression.text))
        names = self._names_in(expression, len(sentence)) if len(sentence) == len(expression.sentence) else []
        marks = {date: found, **{span: style("eventlist--name", partial=True) for span in names if span != date}}
        # the two names nearest the date: more parts than three read as a list of fragments
        nearest = sorted((span for span in names if span != date), key=lambda span: abs(span[0] - date[0]))[:2]
        parts = keyhole(sentence, [date, *nearest], width - line.cell_len)
        if parts[0][0] > 0:
            line.append("…", style=muted)
        for i, (start, end) in enumerate(parts):
            if i:
                line.append(" … ", style=muted)
            piece = Text(sentence[start:end])
            for (lo, hi), mark in marks.items():
                if lo < end and start < hi:
                    piece.stylize(mark, max(lo, start) - start, min(hi, end) - start)
            line.append_text(piece)
        if parts[-1][1] < len(sentence):
            line.append("…", style=muted)
        return line

    def _names_in(self, expression: TemporalExpression, length: int) -> list[tuple[int, int]]:
        """The spans (in the sentence) of the names it mentions, in reading order."""
        mentions = self.mentions.get(expression.source_id, ())
        starts = self._mention_starts.get(expression.source_id)
        if starts is None:
            starts = self._mention_starts[expression.source_id] = [m.start for m in mentions]
        lo = expression.sentence_start
        out = []
        for i in range(bisect_left(starts, lo), bisect_left(starts, lo + length)):
            mention = mentions[i]
            if mention.entity_id and mention.end <= lo + length:
                out.append((mention.start - lo, mention.end - lo))
        return out


class FindBox(Input):
    """The text to find inside the chronology; Esc clears it and goes back to the list."""

    BINDINGS = [
        Binding("escape", "clear_find", "Clear", show=False, id="chronology.find-clear"),
        Binding("down", "leave", "To the list", show=False, id="chronology.find-leave"),
    ]

    class Left(Message):
        """Back to the list (Enter, ↓, or Esc, which also cleared the text)."""

    def action_clear_find(self) -> None:
        self.value = ""
        self.post_message(self.Left())

    def action_leave(self) -> None:
        self.post_message(self.Left())


def timeline_rows(events: list[Event]) -> list[Row]:
    """Dated events in the engine's order, then a heading and the undated ones."""
    index = EventIndex(events, {})
    return index.rows(range(len(index.expressions)))[0]


class ChronologyPane(Pane):
    BORDER_TITLE = "Chronology"  # shown until the pane has content to count

    BINDINGS = [
        Binding("f", "cycle_filter", "Filter", tooltip="Show all events / the chosen name's / the open source's",
                id="chronology.filter"),
        Binding("ctrl+f", "find", "Find", tooltip="Find text inside the chronology (Esc clears)",
                id="chronology.find"),
    ]

    DEFAULT_CSS = """
    ChronologyPane > #chronology-message { height: auto; color: $text-muted; padding: 0 1; }
    ChronologyPane > #chronology-message.-hidden { display: none; }
    EventList > .eventlist--heading { color: $text-secondary; text-style: bold; }
    EventList > .eventlist--date { text-style: bold; }
    EventList > .eventlist--muted { color: $text-muted; }
    EventList > .eventlist--source { color: $text-accent; }
    EventList > .eventlist--expression { text-style: bold underline; }
    EventList > .eventlist--name { text-style: bold; }
    """

    class ExpressionChosen(Message):
        """Open this temporal expression in the reader."""

        def __init__(self, source_id: str, start: int, end: int) -> None:
            super().__init__()
            self.source_id = source_id
            self.start = start
            self.end = end

    class Opened(Message):
        """Enter on an event (or a click): the user wants to read it."""

        def __init__(self, clicked: bool = False) -> None:
            super().__init__()
            self.clicked = clicked

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.events: list[Event] = []
        self._index = EventIndex([], {})  # worked out once per chronology: a filter then only compares strings
        self._numbers: dict[str, int] = {}
        self.filter = ChronologyFilter()
        self._entity_name = ""
        self._source_number = 0

    def compose(self) -> ComposeResult:
        yield Static(Content("Waiting for the story…"), id="chronology-message")
        yield Static(id="chronology-filter")
        yield FindBox(placeholder="find in the chronology (Esc clears)", id="chronology-find", classes="-hidden")
        yield EventList(id="event-list")

    @property
    def event_list(self) -> EventList:
        return self.query_one(EventList)

    def show_message(self, message: str) -> None:
        """A state instead of events: building, or why there is no chronology."""
        label = self.query_one("#chronology-message", Static)
        label.update(Text(message))
        label.remove_class("-hidden")
        self.event_list.show([], {})

    def show(self, events: list[Event], sources: list[Source], names: Mapping[str, str] | None = None,
             mentions: Mapping[str, Sequence[Mention]] | None = None, index: EventIndex | None = None) -> None:
        """A new chronology; names (entity id -> name) label its events, mentions (source id -> its
        mentions) let a long sentence be cut around its names. `index`: the EventIndex of these events
        and names, if built already (in a worker: it takes ~0.3 s at 1,500 articles)."""
        self.events = events
        self._numbers = {source.id: index + 1 for index, source in enumerate(sources)}
        names = names or {}
        self._index = index if index is not None else EventIndex(events, names)
        self.event_list.set_names(names, mentions or {})
        self._refilter(keep_place=False)
        label = self.query_one("#chronology-message", Static)
        if events:
            label.add_class("-hidden")
        else:
            label.update(Text("No dates found in these sources."))
            label.remove_class("-hidden")

    def set_context(self, entity_id: str | None, entity_name: str, source_id: str | None, source_number: int
                    ) -> None:
        """What the reader shows: the chosen entity and the open source, for the filter to follow."""
        self._entity_name, self._source_number = entity_name, source_number
        old = self.filter
        self.filter = replace(old, entity_id=entity_id, source_id=source_id)
        if (old.mode == "entity" and old.entity_id != entity_id) or (
                old.mode == "source" and old.source_id != source_id):
            self._refilter()

    # -- filtering --------------------------------------------------------------------------------------------
    def action_cycle_filter(self) -> None:
        mode = FILTERS[(FILTERS.index(self.filter.mode) + 1) % len(FILTERS)]
        if mode == "entity" and self.filter.entity_id is None:
            mode = "source"  # nothing chosen: a name filter would show nothing
            self.app.notify("No name chosen: showing the open source's dates (choose a name to filter by it).",
                            markup=False, timeout=4)
        if mode == "source" and self.filter.source_id is None:
            mode = "all"
        self.filter = replace(self.filter, mode=mode)
        self._refilter()

    def action_find(self) -> None:
        box = self.query_one(FindBox)
        box.remove_class("-hidden")
        box.focus()

    @on(Input.Changed, "#chronology-find")
    def _find_changed(self, event: Input.Changed) -> None:
        event.stop()
        needle = fold(event.value)
        if needle != self.filter.needle:
            self.filter = replace(self.filter, needle=needle)
            self._refilter()

    @on(Input.Submitted, "#chronology-find")
    @on(FindBox.Left)
    def _find_left(self, event: Message) -> None:
        event.stop()
        box = self.query_one(FindBox)
        if not box.value:
            box.add_class("-hidden")
        self.event_list.focus()

    def _refilter(self, keep_place: bool = True) -> None:
        """Show the events the filter keeps, the cursor on the expression it was on if it is still shown."""
        event_list = self.event_list
        was = self._expression_at(event_list.cursor) if keep_place and event_list.cursor is not None else None
        index = self._index
        kept = range(len(index.expressions)) if self.filter.everything else index.matching(self.filter)
        rows, copies, shown = index.rows(kept)
        cursor = 0
        if was is not None:
            cursor = next((i for i, (kind, item) in enumerate(rows) if kind == "expression" and
                           (item is was or was in copies.get(i, ()))), 0)
        event_list.show(rows, self._numbers, copies, cursor=cursor)
        if cursor:
            event_list.scroll_to_row(cursor)
        self._title(shown)

    def _title(self, shown: int) -> None:
        """The count in the border title ("Chronology · 14 of 6,427 · Petro Vrublevsky"), and in a line of
        its own when narrow (no border)."""
        rule, total = self.filter, len(self.events)
        parts = []
        if rule.mode == "entity":
            parts.append(printable(self._entity_name))
        elif rule.mode == "source":
            parts.append(f"#{self._source_number}")
        if rule.needle:
            parts.append(f"“{printable(self.query_one(FindBox).value)}”")
        if rule.everything:
            self.border_title = Content(f"Chronology ({total:,})")
        else:
            # the count first: a narrow pane's title is cut at its end
            self.border_title = Content(" · ".join(["Chronology", f"{shown:,} of {total:,}", *parts]))
        line = self.query_one("#chronology-filter", Static)
        line.update(Content(" · ".join([*parts, f"{shown:,} of {total:,} events"]) + "  (f: next filter)"))
        line.set_class(not rule.everything, "-on")
        dated = sum(1 for e in self.events if e.date is not None)
        self.border_subtitle = Content(f"{dated:,} dated · {total - dated:,} undated")

    # -- opening --------------------------------------------------------------------------------------------
    def _expression_at(self, index: int) -> TemporalExpression | None:
        rows = self.event_list.rows
        if not 0 <= index < len(rows):
            return None
        kind, item = rows[index]
        if kind == "event":
            expressions = item.expressions  # type: ignore[union-attr]
            return expressions[0] if expressions else None
        if kind == "expression":
            return item  # type: ignore[return-value]
        return None

    def _open(self, index: int) -> None:
        expression = self._expression_at(index)
        if expression is not None:
            self.post_message(self.ExpressionChosen(expression.source_id, expression.start, expression.end))

    @on(RowList.Rested, "#event-list")
    def _rested(self, event: RowList.Rested) -> None:
        # Rested, not Highlighted: opening a sentence lays out the reader, too slow to do for every row a
        # held ↓ passes over
        event.stop()
        if self.event_list.has_focus:
            self._open(event.index)

    @on(RowList.Selected, "#event-list")
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        self._open(event.index)
        self.post_message(self.Opened(clicked=event.clicked))
