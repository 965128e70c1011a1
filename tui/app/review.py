"""The suggestions review view (issue 14), as OpenRefine's cluster-and-edit offers clusters: pairs of entities
the engine thinks may be one, each with its reason, both sides' type, spellings and sources, and under the
list both sides' mentions side by side. One key accepts (merge), one rejects (not the same: never suggested
again), one skips. The screen only asks: the app makes the judgement in its correction worker, computes the
suggestions again in a worker of its own and feeds them down with `show`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ..textsafe import printable
from .labels import TYPE_BADGE
from .widgets.rowlist import RowList, fit

if TYPE_CHECKING:
    from ..engine.model import Entity, Mention, Source
    from ..engine.suggestions import Suggestion

SuggestionKey = tuple[str, str]
_CONTEXT = 32  # characters of text shown either side of a mention
_MENTIONS_SHOWN = 12  # per side: enough to judge, few enough to read


def suggestion_key(suggestion: Suggestion) -> SuggestionKey:
    """What names a suggestion across re-linking (entity ids do not survive it; the judgement keys do)."""
    return (suggestion.left_key, suggestion.right_key)


def sources_said(left: int, right: int) -> str:
    return f"({left} sources each)" if left == right else f"({left} / {right} sources)"


def headline(suggestion: Suggestion) -> Text:
    """"maybe the same: Donald Trump ⇄ Дональд Трамп (3 sources each)"."""
    left, right = suggestion.left_entity, suggestion.right_entity
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("maybe the same: ", style="dim")
    text.append(printable(left.name), style="bold")
    text.append(" ⇄ ")
    text.append(printable(right.name), style="bold")
    text.append(" " + sources_said(len(left.count_by_source()), len(right.count_by_source())))
    return text


def mention_context(source: Source, mention: Mention, width: int = _CONTEXT) -> Text:
    """The mention in its line of text, the name in bold: what a user reads to judge who it is."""
    text = source.text
    start = max(source.body_start, mention.start - width)
    before = text[start:mention.start].rsplit("\n", 1)[-1]
    after = text[mention.end:mention.end + width].split("\n", 1)[0]
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append("…" if start > source.body_start and "\n" not in text[start:mention.start] else "")
    line.append(printable(before))
    line.append(printable(text[mention.start:mention.end]), style="bold reverse")
    line.append(printable(after) + "…")
    return line


def _counted(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def side_text(entity: Entity, spelling: str, sources: dict[str, tuple[int, Source]]) -> Group:
    """One side of the comparison: the entity, its type, where it is named, its spellings, and its mentions
    one a line (the suggested spelling's first: what made the engine ask)."""
    counts = entity.count_by_source()
    head = Text()
    head.append(printable(entity.name), style="bold")
    head.append(f"  {TYPE_BADGE.get(entity.type, entity.type)}" + ("  ✎ curated" if entity.curated else ""))
    head.append(f"\n{_counted(len(entity.mentions), 'mention')} in {_counted(len(counts), 'source')} · "
                "suggested for ")
    head.append(printable(spelling), style="italic")
    head.append("\nspellings: " + " · ".join(f"{printable(v.text)} ×{v.count}" for v in entity.variants[:10]))
    if len(entity.variants) > 10:
        head.append(f" · {len(entity.variants) - 10} more")
    head.append("\n")
    lines: list[Text] = [head]
    mentions = sorted(entity.mentions, key=lambda m: m.text != spelling)  # stable: the story's order otherwise
    for mention in mentions[:_MENTIONS_SHOWN]:
        number, source = sources.get(mention.source_id, (0, None))
        if source is None:
            continue
        line = Text(f"#{number} ", style="bold", no_wrap=True, overflow="ellipsis")
        line.append(mention_context(source, mention))
        lines.append(line)
    if len(entity.mentions) > _MENTIONS_SHOWN:
        lines.append(Text(f"… {len(entity.mentions) - _MENTIONS_SHOWN} more: o / O opens it in the reader",
                          style="dim"))
    return Group(*lines)


class SuggestionList(RowList):
    """Two lines per suggestion: the pair and their sources, then the reason and both types."""

    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {"suggestionlist--reason", "suggestionlist--skipped"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.suggestions: list[Suggestion] = []
        self.skipped: set[SuggestionKey] = set()

    def show(self, suggestions: list[Suggestion], skipped: set[SuggestionKey], cursor: int | None) -> None:
        self.suggestions = suggestions
        self.skipped = skipped
        self.set_rows([2] * len(suggestions), cursor=cursor if suggestions else None)

    def render_row(self, index: int, width: int) -> list[Text]:
        suggestion = self.suggestions[index]
        skipped = suggestion_key(suggestion) in self.skipped
        first = Text(f"{index + 1:>3} ", no_wrap=True)
        first.append(fit(headline(suggestion), max(4, width - 4)))
        second = Text("    ", no_wrap=True, style=self.get_component_rich_style("suggestionlist--reason", partial=True))
        left, right = suggestion.left_entity, suggestion.right_entity
        second.append(f"{TYPE_BADGE.get(left.type, left.type)} ⇄ {TYPE_BADGE.get(right.type, right.type)} · ")
        second.append(printable(suggestion.reason))
        if skipped:
            muted = self.get_component_rich_style("suggestionlist--skipped", partial=True)
            first.stylize(muted)
            second.append("  · skipped", style=muted)
        return [first, second]


class ReviewScreen(ModalScreen[str | None]):
    """The review list over the dashboard (which keeps showing every change). Answers an entity id to go to
    (o / O), or None (Esc)."""

    BINDINGS = [
        Binding("a", "judge('accept')", "Accept", tooltip="Accept: the two are one entity (merge them)",
                id="review.accept"),
        Binding("d", "judge('reject')", "Reject", tooltip="Reject: not the same — never suggested or merged again",
                id="review.reject"),
        Binding("s", "skip", "Skip", tooltip="Skip: decide later (it stays in the list)", id="review.skip"),
        Binding("enter", "compare", "Compare", tooltip="Show both sides' mentions side by side (again: fewer)",
                id="review.compare"),
        Binding("o", "go(0)", "Open left", tooltip="Open the left entity in the reader (S comes back)",
                id="review.open-left"),
        Binding("O", "go(1)", "Open right", tooltip="Open the right entity in the reader (S comes back)",
                id="review.open-right"),
        Binding("u", "app.undo", "Undo", tooltip="Undo the last acceptance or rejection (or any correction)",
                id="review.undo"),
        Binding("escape,q,S", "close", "Close", id="review.close"),
    ]

    working: reactive[str] = reactive("", init=False)  # what is being done, or "" when the list is current

    class Judged(Message):
        """The user accepted (`verdict` "accept") or rejected ("reject") this suggestion."""

        def __init__(self, suggestion: Suggestion, verdict: str) -> None:
            super().__init__()
            self.suggestion = suggestion
            self.verdict = verdict

    class Skipped(Message):
        def __init__(self, key: SuggestionKey) -> None:
            super().__init__()
            self.key = key

    def __init__(self, skipped: set[SuggestionKey], sources: list[Source]) -> None:
        super().__init__()
        self.skipped = set(skipped)  # the app keeps its own (Skipped tells it), for the next time the view opens
        self.sources = {source.id: (number, source) for number, source in enumerate(sources, 1)}
        self.loaded = False  # suggestions shown at least once
        self._last: tuple[SuggestionKey, int] | None = None  # the one acted on, and where it was

    def compose(self) -> ComposeResult:
        with Vertical(id="review-box"):
            yield Static(id="review-state")
            yield SuggestionList(id="review-list")
            with Horizontal(id="review-compare"):
                with VerticalScroll(classes="review-side"):
                    yield Static(id="review-left")
                with VerticalScroll(classes="review-side"):
                    yield Static(id="review-right")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#review-box").border_title = "Suggestions: maybe the same"
        self.working = "Working… finding suggestions"
        self.watch_working()
        self.query_one(SuggestionList).focus()

    @property
    def suggestion_list(self) -> SuggestionList:
        return self.query_one(SuggestionList)

    def current(self) -> Suggestion | None:
        rows = self.suggestion_list
        return None if rows.cursor is None or not rows.suggestions else rows.suggestions[rows.cursor]

    def show(self, suggestions: list[Suggestion]) -> None:
        """The story's suggestions now: the cursor goes on to the one after the last acted on."""
        rows = self.suggestion_list
        cursor = rows.cursor or 0
        keys = [suggestion_key(s) for s in suggestions]
        if self._last is not None:
            key, at = self._last
            cursor = keys.index(key) + 1 if key in keys else at
        elif self.loaded:
            # an undo (or a correction made elsewhere) brought one back: show it
            before = {suggestion_key(s) for s in rows.suggestions}
            cursor = next((i for i, key in enumerate(keys) if key not in before), cursor)
        cursor = self._not_skipped(suggestions, min(cursor, max(0, len(suggestions) - 1)))
        self._last = None
        self.loaded = True
        rows.show(suggestions, self.skipped, cursor)
        self.query_one("#review-box").border_title = f"Suggestions: maybe the same ({len(suggestions)})"
        self.working = ""
        self.watch_working()
        self._show_compare()

    def _not_skipped(self, suggestions: list[Suggestion], start: int) -> int:
        """The first suggestion from `start` on not skipped (wrapping round), else `start`."""
        for step in range(len(suggestions)):
            index = (start + step) % len(suggestions)
            if suggestion_key(suggestions[index]) not in self.skipped:
                return index
        return start

    def watch_working(self) -> None:
        state = self.query_one("#review-state", Static)
        rows = self.suggestion_list
        if self.working:
            state.update(Text(self.working, style="bold"))
        elif not rows.suggestions:
            state.update(Text("No suggestions: the engine sees no more pairs that may be one entity. "
                              "Esc closes · u undoes the last judgement", style="bold"))
        else:
            state.update(Text("a accept (merge) · d reject (not the same) · s skip · Enter compare mentions · "
                              "o / O open left / right · u undo · Esc close"))
        self.set_class(bool(self.working), "-working")

    def _show_compare(self) -> None:
        suggestion = self.current()
        left, right = self.query_one("#review-left", Static), self.query_one("#review-right", Static)
        if suggestion is None:
            left.update("")
            right.update("")
            return
        left.update(side_text(suggestion.left_entity, suggestion.left, self.sources))
        right.update(side_text(suggestion.right_entity, suggestion.right, self.sources))
        for side in self.query(".review-side"):
            side.scroll_home(animate=False)

    @on(RowList.Highlighted, "#review-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._show_compare()

    @on(RowList.Selected, "#review-list")
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.action_compare()

    def _ready(self) -> Suggestion | None:
        """The highlighted suggestion, if the list is current (not while a judgement is being made)."""
        if self.working:
            self.notify("Still working — one moment.", markup=False)
            return None
        return self.current()

    def action_judge(self, verdict: str) -> None:
        suggestion = self._ready()
        if suggestion is None:
            return
        self._last = (suggestion_key(suggestion), self.suggestion_list.cursor or 0)
        self.working = "Working… " + ("merging" if verdict == "accept" else "recording 'not the same'") + \
            " and finding the next suggestions"
        self.post_message(self.Judged(suggestion, verdict))

    def action_skip(self) -> None:
        suggestion = self._ready()
        if suggestion is None:
            return
        key = suggestion_key(suggestion)
        self.skipped.add(key)
        self.post_message(self.Skipped(key))
        rows = self.suggestion_list
        after = self._not_skipped(rows.suggestions, ((rows.cursor or 0) + 1) % len(rows.suggestions))
        rows.invalidate()
        rows.move_cursor(after)
        self._show_compare()

    def action_compare(self) -> None:
        self.toggle_class("-comparing")

    def action_go(self, side: int) -> None:
        suggestion = self.current()
        if suggestion is not None:
            self.dismiss((suggestion.left_entity, suggestion.right_entity)[side].id)

    def action_close(self) -> None:
        self.dismiss(None)

    def judgement_failed(self) -> None:
        """The judgement was not made (it could not be saved): the list stands as it was."""
        self._last = None
        self.working = ""
        self.watch_working()
