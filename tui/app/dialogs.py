"""The small modals a correction asks through: a line of text (a new name), a choice among a few values
(a type, a spelling to split off), and the judgements view (every correction of the story, what it did,
and the file it is saved in). Each returns its answer through `dismiss`; Esc answers None."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..textsafe import printable

if TYPE_CHECKING:
    from ..engine.judgements import JudgementFile, Outcome

# how each state of a judgement is said in the judgements view
STATE_WORDS = {"applied": "applied", "holds": "holds", "stale": "stale — no longer applies",
               "conflict": "conflict — contradicts an earlier one"}


class TextPrompt(ModalScreen[str | None]):
    """One line of text: Enter answers it, Esc answers None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, value: str = "", note: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.value = value
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Input(self.value, id="prompt-input", select_on_focus=True)
            yield Static(Text(self.note or "Enter to save · Esc to cancel"), classes="dialog-note")

    def on_mount(self) -> None:
        self.query_one(".dialog-box").border_title = Text(self.title_text)
        self.query_one(Input).focus()

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoicePrompt(ModalScreen[str | None]):
    """A choice among a few values, shown by their labels: Enter (or a click) picks, Esc answers None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice.cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]], current: str | None = None,
                 note: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.choices = choices  # (value, label)
        self.current = current
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield OptionList(*(Option(Text(label), id=str(number)) for number, (_, label) in enumerate(self.choices)),
                             id="choice-list")
            yield Static(Text(self.note or "Enter to choose · Esc to cancel"), classes="dialog-note")

    def on_mount(self) -> None:
        self.query_one(".dialog-box").border_title = Text(self.title_text)
        options = self.query_one(OptionList)
        values = [value for value, _ in self.choices]
        options.highlighted = values.index(self.current) if self.current in values else 0
        options.focus()

    @on(OptionList.OptionSelected, "#choice-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)


def judgement_summary(outcomes: list[Outcome]) -> str:
    """"3 applied · 1 stale", in the order a user cares about: what no longer applies first."""
    counts = Counter(outcome.status for outcome in outcomes)
    return " · ".join(f"{counts[status]} {status}" for status in ("stale", "conflict", "applied", "holds")
                      if counts[status]) or "none yet"


class JudgementsScreen(ModalScreen[str | None]):
    """Every judgement of the story in the file's order, with what it did here; Enter answers the entity it
    shaped (to go to it), Esc None."""

    BINDINGS = [Binding("escape,q,J", "close", "Close", id="judgements.close")]

    def __init__(self, file: JudgementFile, outcomes: list[Outcome]) -> None:
        super().__init__()
        self.file = file
        self.outcomes = outcomes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._where(), id="judgements-file")
            yield DataTable(id="judgements-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text("Enter: go to the entity · u / U in the dashboard: undo / redo · Esc closes"),
                         classes="dialog-note")

    def _where(self) -> Text:
        file = self.file
        text = Text(no_wrap=False)
        if file.path is None:
            text.append("Not saved: this story has no judgement file.", style="bold")
            return text
        text.append("Saved in ")
        text.append(printable(str(file.path)), style="bold")
        if file.problem:
            text.append(f"\n⚠ {printable(file.problem)}: its judgements are ignored and nothing is saved there.",
                        style="bold")
        elif not file.exists:
            text.append(" (not written yet)")
        return text

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = Text(f"Judgements: {judgement_summary(self.outcomes)}")
        table = self.query_one(DataTable)
        table.add_columns("#", "State", "Judgement", "Detail")
        for outcome in self.outcomes:
            style = "bold" if outcome.status in ("stale", "conflict") else ""
            table.add_row(Text(str(outcome.number)), Text(STATE_WORDS[outcome.status], style=style),
                          Text(printable(outcome.judgement.describe())), Text(printable(outcome.detail)),
                          key=str(outcome.number))
        if not self.outcomes:
            table.add_row(Text("—"), Text(""), Text("no corrections yet: mark entities with space, then m to "
                                                    "merge; x split, R rename, T retype"), Text(""))
        table.focus()

    @on(DataTable.RowSelected, "#judgements-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        number = event.row_key.value
        outcome = next((o for o in self.outcomes if str(o.number) == number), None)
        if outcome is not None and outcome.entity_id is not None:
            self.dismiss(outcome.entity_id)

    def action_close(self) -> None:
        self.dismiss(None)
