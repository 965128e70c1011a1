"""The chronology pane: events in date order with their precision shown honestly ("2022-10-18",
"early 2022-10", "a Wednesday in 2022-10"), the sources reporting each, then the undated ones. Moving
onto an event or one of its expressions opens that sentence in the reader."""

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
from ..labels import when
from .rowlist import RowList

if TYPE_CHECKING:
    from ...engine.model import Event, Source, TemporalExpression

Row = tuple[str, "Event | TemporalExpression | str"]  # ("heading", str) | ("event", Event) | ("expression", ...)


class EventList(RowList):
    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {
        "eventlist--heading", "eventlist--date", "eventlist--muted", "eventlist--source", "eventlist--expression",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[Row] = []
        self.numbers: dict[str, int] = {}  # source id -> its 1-based place in the sources list

    def show(self, rows: list[Row], numbers: dict[str, int]) -> None:
        self.rows = rows
        self.numbers = numbers
        self.set_rows([1] * len(rows), [kind != "heading" for kind, _ in rows], cursor=0)

    def render_row(self, index: int, width: int) -> list[Text]:
        kind, item = self.rows[index]
        style = self.get_component_rich_style
        if kind == "heading":
            assert isinstance(item, str)
            return [Text(item, style=style("eventlist--heading", partial=True))]
        muted = style("eventlist--muted", partial=True)
        if kind == "event":
            event: Event = item  # type: ignore[assignment]
            first = event.expressions[0] if event.expressions else None
            label = when(event.date, event.precision, first.note if first else "")
            line = Text(label, style=style("eventlist--date", partial=True), no_wrap=True)
            count = len(event.source_ids)
            line.append(f"  {count} source{'s' if count != 1 else ''}", style=muted)
            return [line]
        expression: TemporalExpression = item  # type: ignore[assignment]
        line = Text("  ", no_wrap=True)
        line.append(f"#{self.numbers.get(expression.source_id, 0)} ", style=style("eventlist--source", partial=True))
        found = style("eventlist--expression", partial=True)
        if expression.date is None or not expression.sentence:
            line.append(printable(expression.text), style=found)
            if expression.note:
                line.append(" — " + printable(expression.note), style=muted)
            return [line]
        # the sentence (printable: one line), with the expression marked where it stands, brought into
        # view when it is far in
        sentence = printable(expression.sentence)
        at = expression.start - expression.sentence_start
        if not (0 <= at and sentence[at:at + len(expression.text)] == printable(expression.text)):
            at = sentence.find(printable(expression.text))
        if at < 0:
            line.append(printable(expression.text), style=found)
            line.append(" — " + " ".join(sentence.split()), style=muted)
            return [line]
        end = at + len(expression.text)
        room = width - line.cell_len
        # as much of the sentence as fits, the expression a third of the way in when it must move
        start = max(0, min(at - room // 3, len(sentence) - room + 1))
        if start > 0:
            line.append("…", style=muted)
            start += 1
        line.append(sentence[start:at])
        line.append(sentence[at:end], style=found)
        line.append(sentence[end:])
        return [line]


def timeline_rows(events: list[Event]) -> list[Row]:
    """Dated events in the engine's order, then a heading and the undated ones."""
    dated = [e for e in events if e.date is not None]
    undated = [e for e in events if e.date is None]
    rows: list[Row] = []
    for event in dated:
        rows.append(("event", event))
        rows.extend(("expression", expression) for expression in event.expressions)
    if undated:
        rows.append(("heading", f"Undated ({len(undated)})"))
        for event in undated:
            rows.append(("event", event))
            rows.extend(("expression", expression) for expression in event.expressions)
    return rows


class ChronologyPane(Vertical):
    BORDER_TITLE = "Chronology"  # shown until the pane has content to count

    DEFAULT_CSS = """
    ChronologyPane > #chronology-message { height: auto; color: $text-muted; padding: 0 1; }
    ChronologyPane > #chronology-message.-hidden { display: none; }
    EventList > .eventlist--heading { color: $text-secondary; text-style: bold; }
    EventList > .eventlist--date { text-style: bold; }
    EventList > .eventlist--muted { color: $text-muted; }
    EventList > .eventlist--source { color: $text-accent; }
    EventList > .eventlist--expression { text-style: bold underline; }
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

    def compose(self) -> ComposeResult:
        yield Static(Content("Waiting for the story…"), id="chronology-message")
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

    def show(self, events: list[Event], sources: list[Source]) -> None:
        numbers = {source.id: index + 1 for index, source in enumerate(sources)}
        rows = timeline_rows(events)
        self.event_list.show(rows, numbers)
        label = self.query_one("#chronology-message", Static)
        if rows:
            label.add_class("-hidden")
        else:
            label.update(Text("No dates found in these sources."))
            label.remove_class("-hidden")
        dated = sum(1 for e in events if e.date is not None)
        self.border_title = Content(f"Chronology ({len(events)})")
        self.border_subtitle = Content(f"{dated} dated · {len(events) - dated} undated")

    def _expression_at(self, index: int) -> TemporalExpression | None:
        kind, item = self.event_list.rows[index]
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
