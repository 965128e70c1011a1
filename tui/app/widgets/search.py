"""The search box and its results: results follow every keystroke, computed by the engine's index in a
thread worker (exclusive, so a newer keystroke supersedes an older search and the UI never waits).
Enter chooses the highlighted result (the best one unless the user moved); Up/Down move in the results
without leaving the box; Esc leaves the box. Results are ranked by the engine."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...textsafe import printable
from ..labels import TYPE_BADGE, plural
from .pane import Pane
from .rowlist import RowList

if TYPE_CHECKING:
    from ...engine.model import Entity, SearchResult
    from ...engine.story import Story

RESULT_LIMIT = 20


class ResultList(RowList):
    """Three lines per result: name and type; the spelling that matched and mentions per source; the
    spellings the story uses for it, by language."""

    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {"resultlist--muted", "resultlist--matched"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.results: list[SearchResult] = []
        self.numbers: dict[str, int] = {}  # source id -> its 1-based place in the sources list
        self.languages: dict[str, str] = {}  # source id -> language

    def show(self, results: list[SearchResult], numbers: dict[str, int], languages: dict[str, str]) -> None:
        self.results = results
        self.numbers = numbers
        self.languages = languages
        self.set_rows([3] * len(results), cursor=0)

    def spellings(self, entity: Entity) -> list[tuple[str, list[str]]]:
        """The entity's spellings by language, other languages before the one its name is written in
        (line one already shows that): the Polish "Wrublewskiego" is what a reader needs to see."""
        by_language: dict[str, list[str]] = {}
        for mention in entity.mentions:
            spellings = by_language.setdefault(self.languages.get(mention.source_id, "und"), [])
            if mention.text not in spellings:
                spellings.append(mention.text)
        home = max(by_language, key=lambda language: entity.name in by_language[language], default="")
        return sorted(by_language.items(), key=lambda item: (item[0] == home, item[0]))

    def render_row(self, index: int, width: int) -> list[Text]:
        result = self.results[index]
        entity = result.entity
        muted = self.get_component_rich_style("resultlist--muted", partial=True)
        first = Text(no_wrap=True)
        first.append(printable(entity.name), style="bold")
        first.append(f"  {TYPE_BADGE[entity.type]} · {plural(len(entity.mentions), 'mention')}", style=muted)
        second = Text("  ", no_wrap=True, style=muted)
        if result.matched and result.matched != entity.name:
            second.append("matched ")
            second.append(printable(result.matched), style=self.get_component_rich_style("resultlist--matched",
                                                                                         partial=True))
            second.append(" · ")
        counts = sorted(entity.count_by_source().items(), key=lambda item: self.numbers.get(item[0], 0))
        second.append(" ".join(f"#{self.numbers.get(source_id, 0)}×{count}" for source_id, count in counts))
        third = Text(" ", no_wrap=True, style=muted)
        for language, spellings in self.spellings(entity):
            third.append(f" {language}: ")
            third.append(", ".join(printable(spelling) for spelling in spellings),
                         style=self.get_component_rich_style("resultlist--matched", partial=True))
        return [first, second, third]


class SearchPane(Pane):
    BORDER_TITLE = "Search  /"  # shown until the pane has content to count

    DEFAULT_CSS = """
    SearchPane { height: auto; max-height: 60%; }
    SearchPane > Input { border: none; height: 1; padding: 0 1; background: $surface; }
    SearchPane > Input:focus { border: none; }
    SearchPane > ResultList { height: auto; max-height: 15; }
    SearchPane > ResultList.-empty { display: none; }
    ResultList > .resultlist--muted { color: $text-muted; }
    ResultList > .resultlist--matched { color: $text; text-style: italic; }
    SearchPane > #search-note { height: 1; color: $text-muted; padding: 0 1; }
    SearchPane > #search-note.-empty { display: none; }
    """

    BINDINGS = [
        Binding("escape", "leave", "Leave search", id="search.leave"),
        Binding("down", "move(1)", "Next result", show=False, id="search.next-result"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.previous-result"),
    ]

    class EntityChosen(Message):
        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    class Left(Message):
        """Esc in the search box."""

    class Results(Message):
        """Results for `query`, from the search worker."""

        def __init__(self, query: str, results: list[SearchResult]) -> None:
            super().__init__()
            self.query = query
            self.results = results

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.story: Story | None = None
        self.results: list[SearchResult] = []
        self.results_query: str | None = None  # the query `results` answer
        self._numbers: dict[str, int] = {}
        self._languages: dict[str, str] = {}
        self._submit_pending = False

    def compose(self) -> ComposeResult:
        yield Input(placeholder="a name, any spelling or script", id="search-input")
        yield ResultList(id="search-results", classes="-empty")
        yield Static(Content(""), id="search-note", classes="-empty")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def result_list(self) -> ResultList:
        return self.query_one(ResultList)


    def set_story(self, story: Story) -> None:
        self.story = story
        self._numbers = {source.id: index + 1 for index, source in enumerate(story.sources)}
        self._languages = {source.id: source.language for source in story.sources}
        if self.input.value.strip():
            self.run_search(self.input.value)

    # -- searching -------------------------------------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        """Search in a thread. The worker belongs to the app, so a failure reaches the app's one handler
        of worker outcomes; the answer comes back here as a Results message."""
        story = self.story
        if story is None:
            return
        self.app.run_worker(partial(self._search, story, query), thread=True, exclusive=True, group="search",
                            exit_on_error=False)

    def _search(self, story: Story, query: str) -> None:
        worker = get_current_worker()
        # a thread cannot be stopped, only told: a search superseded before it began is not run, so keys
        # typed faster than a search on a large story do not queue searches that compete for the one GIL
        if worker.is_cancelled:
            return
        results = story.search(query, RESULT_LIMIT) if query.strip() else []
        if not worker.is_cancelled:
            self.post_message(self.Results(query, results))

    @on(Results)
    def _show_results(self, event: Results) -> None:
        event.stop()
        if event.query != self.input.value:
            return  # an older keystroke's answer
        self.results = event.results
        self.results_query = event.query
        result_list = self.result_list
        result_list.show(event.results, self._numbers, self._languages)
        result_list.set_class(not event.results, "-empty")
        note = self.query_one("#search-note", Static)
        if event.query.strip() and not event.results:
            note.update(Text(f"no name matches “{printable(event.query)}”"))
            note.remove_class("-empty")
        else:
            note.add_class("-empty")
        if self._submit_pending:
            self._submit_pending = False
            self._choose()

    # -- choosing --------------------------------------------------------------------------------------------
    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.results_query == self.input.value and self.story is not None:
            self._choose()
        else:
            self._submit_pending = True  # the answer to the latest keystroke is still on its way

    @on(RowList.Selected, "#search-results")
    def _clicked(self, event: RowList.Selected) -> None:
        event.stop()
        self._choose(event.index)

    @on(RowList.Highlighted, "#search-results")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()

    def _choose(self, index: int | None = None) -> None:
        if not self.results:
            return
        if index is None:
            index = self.result_list.cursor or 0
        self.post_message(self.EntityChosen(self.results[index].entity.id))

    def action_move(self, step: int) -> None:
        if self.results:
            self.result_list.action_cursor_down() if step > 0 else self.result_list.action_cursor_up()

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def focus_input(self) -> None:
        self.input.focus()
        self.input.select_all()
        self.result_list.set_class(not self.results, "-empty")  # back after collapse()

    def collapse(self) -> None:
        """Hide the results (one was chosen: the reader needs the room); the next keystroke or / shows
        them again."""
        self.result_list.add_class("-empty")
