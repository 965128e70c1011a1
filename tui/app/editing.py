"""The dashboard's corrections, as the engine makes them: each records one judgement on the Story (saved
before it shows), then rebuilds what the panes read — the mentions per source and the search index — so
the app only swaps views when it is done. Run off the UI thread: on a big story re-linking and the index
take most of a second. Pure: no Textual."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..textsafe import printable

if TYPE_CHECKING:
    from ..engine.judgements import Outcome
    from ..engine.model import Entity, Mention
    from ..engine.story import Story
    from ..engine.suggestions import Suggestion

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Correction:
    """What a correction did, for the user: a one-line message, and the entity to choose afterwards."""

    message: str
    entity_id: str | None = None
    severity: Severity = "information"


Change = Callable[["Story"], Correction]


def corrected(story: Story, change: Change) -> Correction:
    """Make the change, then build what the panes read from the new entities (here, not on the UI thread)."""
    correction = change(story)
    _ = story.mentions_by_source
    story.prepare_search()
    return correction


def _said(outcome: Outcome, done: str) -> Correction:
    """The message for one judgement's outcome: what was done, or why it changed nothing."""
    if outcome.status == "applied":
        return Correction(done + " — u to undo", outcome.entity_id)
    if outcome.status == "holds":
        return Correction(f"Saved; nothing changed: {printable(outcome.detail)}", outcome.entity_id)
    return Correction(f"Saved, but it does not apply: {printable(outcome.detail)} (J lists judgements)",
                      outcome.entity_id, "warning")


def merge(entities: list[Entity]) -> Change:
    def change(story: Story) -> Correction:
        outcomes = story.merge(*entities)
        applied = [o for o in outcomes if o.status == "applied"]
        problems = [o for o in outcomes if o.status in ("stale", "conflict")]
        if problems:
            return _said(problems[0], "")
        if not applied:
            return _said(outcomes[-1], "")
        kept = story.entity(applied[-1].entity_id or "")
        name = printable(kept.name) if kept is not None else "one entity"
        return Correction(f"Merged {len(entities)} entities into {name} — u to undo", applied[-1].entity_id)

    return change


def _judged(record: Callable[[Story], Outcome], done: str) -> Change:
    """A change that records one judgement, said as `done` when it applied."""
    def change(story: Story) -> Correction:
        return _said(record(story), done)

    return change


def split_spelling(entity: Entity, spelling: str) -> Change:
    return _judged(lambda story: story.split(spelling, entity), f"'{printable(spelling)}' is now an entity of its own")


def split_mention(mention: Mention) -> Change:
    return _judged(lambda story: story.split_mention(mention),
                   f"This mention of '{printable(mention.text)}' is now an entity of its own")


def rename(entity: Entity, name: str) -> Change:
    return _judged(lambda story: story.rename(entity, name), f"Renamed to {printable(name.strip())}")


def retype(entity: Entity, kind: str) -> Change:
    return _judged(lambda story: story.retype(entity, kind), f"{printable(entity.name)} is now of type {kind}")


def undo(story: Story) -> Correction:
    undone = story.undo()
    if undone is None:
        return Correction("Nothing to undo.")
    return Correction(f"Took back: {printable(undone.describe())} — U to redo")


def redo(story: Story) -> Correction:
    done = story.redo()
    if done is None:
        return Correction("Nothing to redo.")
    return Correction(f"Made again: {printable(done.describe())}")


def _pair(suggestion: Suggestion) -> str:
    return f"{printable(suggestion.left_entity.name)} ⇄ {printable(suggestion.right_entity.name)}"


def accept(suggestion: Suggestion) -> Change:
    """Accept a suggestion: the two are one (Story.accept, a positive judgement between their spellings)."""
    def change(story: Story) -> Correction:
        outcomes = story.accept(suggestion)
        if not outcomes:
            return Correction(f"{_pair(suggestion)} are one entity already.")
        return _said(outcomes[0], f"Merged {_pair(suggestion)}")

    return change


def reject(suggestion: Suggestion) -> Change:
    """Reject a suggestion: not the same, never suggested or merged again (a negative judgement)."""
    def change(story: Story) -> Correction:
        outcomes = story.reject_suggestions(suggestion)
        if outcomes and outcomes[0].status in ("stale", "conflict"):
            return _said(outcomes[0], "")
        # the selection stays where it was: nothing in the panes moved
        return Correction(f"Not the same: {_pair(suggestion)} — never suggested again · u to undo")

    return change
