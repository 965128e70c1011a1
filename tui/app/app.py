"""The storyview app: composes the panes, loads the story in a worker, and routes the few app-wide
messages — a source, an entity, a mention or a date was chosen, a correction was asked for — into one
Selection that it pushes down to every pane. Corrections (editing.py) run in a worker too, and every pane
is shown the re-linked story when one is done. Layout and colours live in styles/storyview.tcss."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from rich.console import RenderableType
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Tab, Tabs
from textual.worker import Worker, WorkerState

from ..resources import bundled_styles
from ..textsafe import printable
from . import editing, exporting, places
from .citation import citation, first_sentence_from
from .commands import StoryCommands, correction_commands, mention_commands
from .dialogs import ChoicePrompt, JudgementsScreen, TextPrompt, judgement_summary
from .labels import plural
from .lifetime import exit_on_signals, in_daemon_thread
from .mentions import MentionsScreen
from .navigation import Navigator, Selection
from .review import ReviewScreen, SuggestionKey
from .screens import HelpScreen, ProblemsScreen
from .widgets.chronology import BuiltChronology, ChronologyPane, EventIndex
from .widgets.entities import EntitiesPane
from .widgets.footer import KeyFooter
from .widgets.pane import FocusFrameScreen
from .widgets.reader import ArticleView, ReaderPane
from .widgets.search import SearchPane
from .widgets.sources import SourcesPane, find_source
from .widgets.status import StatusLine

if TYPE_CHECKING:
    from ..engine.model import Event, Mention
    from ..engine.story import Story
    from ..engine.suggestions import Suggestion

# the narrow layout's tabs, and the pane each one shows
TABS = {"tab-entities": "Entities", "tab-sources": "Sources", "tab-reader": "Reader", "tab-timeline": "Timeline"}
_PANE_TAB = {"search": "tab-entities", "entities": "tab-entities", "sources": "tab-sources",
             "reader": "tab-reader", "chronology": "tab-timeline"}
# the widgets a narrow layout's tab shows (the rest of these are hidden)
_SHOWN_ON = {"left-column": {"tab-entities"}, "center-column": {"tab-sources", "tab-reader"},
             "sources": {"tab-sources"}, "reader": {"tab-reader"}, "chronology": {"tab-timeline"}}
# the types a user chooses from, as the engine reads them (judgements.TYPE_NAMES)
CHOICE_OF_TYPE = {"PERSON": "person", "PLACE": "place", "ORG": "organisation", "OTHER": "other"}
_PROGRESS_INTERVAL = 0.05  # seconds between progress messages from the loader
_SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005


class _PaneTabs(Tabs):
    """The narrow layout's tabs, their underline jumping to the tab instead of sliding: the slide's twenty
    frames cost more than the pane switch itself (~150 ms of CPU at 80x24)."""

    def _highlight_active(self, animate: bool = True) -> None:
        super()._highlight_active(animate=False)


class _DashboardScreen(FocusFrameScreen):
    """The default screen; after it has set -wide / -narrow on a resize, the app fixes up the tabs."""

    # Textual repaints the whole screen when the focus moves; the widgets whose look depends on focus
    # (the panes' borders, the lists' cursors) repaint themselves, so a pane switch redraws only them
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def on_resize(self) -> None:
        app = self.app
        if isinstance(app, StoryviewApp):
            app.sync_tabs()


class StoryviewApp(App[None]):
    TITLE = "storyview"
    CSS_PATH = str(bundled_styles() / "storyview.tcss")
    COMMANDS = App.COMMANDS | {StoryCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    AUTO_FOCUS = "#article"

    # descriptions are short for the Footer; tooltips say the whole thing for the help screen
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit storyview", priority=True, id="app.quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("slash", "focus_search", "Search", tooltip="Search names in any spelling (Esc leaves the box)",
                id="app.search"),
        Binding("n", "step_mention(1)", "Next", tooltip="Next mention of the chosen name, across sources",
                id="app.next-mention"),
        Binding("N", "step_mention(-1)", "Prev", tooltip="Previous mention of the chosen name, across sources",
                id="app.previous-mention"),
        Binding("right_curly_bracket", "step_naming_source(1)", "Next naming", tooltip="Next source naming the "
                "chosen name (its first mention there)", show=False, id="app.next-naming-source"),
        Binding("left_curly_bracket", "step_naming_source(-1)", "Prev naming", tooltip="Previous source naming "
                "the chosen name (its first mention there)", show=False, id="app.previous-naming-source"),
        Binding("M", "mentions", "Mentions", tooltip="Every mention of the chosen name, by source, and who is "
                "named with it", show=False, id="app.mentions"),
        Binding("right_square_bracket", "step_source(1)", "Source", tooltip="Next source",
                id="app.next-source"),
        Binding("left_square_bracket", "step_source(-1)", "Prev source", tooltip="Previous source", show=False,
                id="app.previous-source"),
        *(Binding(str(n), f"source_number({n})", f"Source #{n}", tooltip=f"Open source #{n}", show=False,
                  id=f"app.source-{n}")
          for n in range(1, 10)),
        Binding("number_sign", "go_to_number", "Go to #", tooltip="Go to a source by its number or part of its "
                "title", show=False, id="app.go-to-source"),
        Binding("c", "copy_sentence", "Copy", tooltip="Copy the current sentence with its source and date",
                id="app.copy"),
        Binding("question_mark,f1", "help", "Help", tooltip="Show every key", id="app.help"),
        Binding("e", "show_pane('entities')", "Entities", tooltip="Go to the entities", show=False,
                id="app.entities"),
        Binding("s", "show_pane('sources')", "Sources", tooltip="Go to the sources", show=False, id="app.sources"),
        Binding("r", "show_pane('reader')", "Reader", tooltip="Go to the reader", show=False, id="app.reader"),
        Binding("t", "show_pane('chronology')", "Timeline", tooltip="Go to the chronology", show=False,
                id="app.timeline"),
        Binding("w", "problems", "Problems", tooltip="Skipped files and warnings", show=False, id="app.problems"),
        Binding("u", "undo", "Undo", tooltip="Undo the last correction (merge, split, rename, retype)",
                id="app.undo"),
        Binding("U", "redo", "Redo", tooltip="Redo the correction last undone", show=False, id="app.redo"),
        Binding("S", "review", "Suggestions", tooltip="Review the suggestions: pairs that may be one entity "
                "(accept, reject, skip)", id="app.review"),
        Binding("J", "judgements", "Judgements", tooltip="The story's corrections, what each did, and their file",
                show=False, id="app.judgements"),
        Binding("E", "export", "Export", tooltip="Export mentions, the chronology or the entities to a file",
                show=False, id="app.export"),
        Binding("escape", "unchoose", "Un-choose", tooltip="Un-choose the chosen name (outside the search box)",
                show=False, id="app.unchoose"),
    ]

    class LoadProgress(Message):
        def __init__(self, stage: str, done: int, total: int) -> None:
            super().__init__()
            self.stage = stage
            self.done = done
            self.total = total

    def __init__(self, paths: tuple[str, ...] = (), follow_links: bool = False,
                 judgements: str | bool | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.follow_links = follow_links
        self.judgements = judgements  # as tui.load's: a file, False for none, None for the story's own
        self.story: Story | None = None
        self.navigator: Navigator | None = None
        self.selection = Selection()
        self.events: list[Event] | None = None
        self._correcting = False  # a correction's worker is running: the next waits for it
        self._skipped: set[SuggestionKey] = set()  # suggestions skipped in this session (not judgements)
        self._switch_interval = sys.getswitchinterval()
        # return to the last place in the story on opening, and remember it on quitting (places.py)
        self.remember_place = True
        self._help: HelpScreen | None = None  # the help screen, kept between openings (action_help)
        self._tab = "tab-reader"  # the narrow layout's tab of the pane last shown (show_pane)

    # -- layout -----------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield _PaneTabs(*(Tab(label, id=tab_id) for tab_id, label in TABS.items()), active="tab-reader",
                   id="pane-tabs")
        with Horizontal(id="panes"):
            with Vertical(id="left-column"):
                yield SearchPane(id="search", classes="pane")
                yield EntitiesPane(id="entities", classes="pane")
            with Vertical(id="center-column"):
                yield SourcesPane(id="sources", classes="pane")
                yield ReaderPane(id="reader", classes="pane")
            yield ChronologyPane(id="chronology", classes="pane")
        yield StatusLine(id="status")
        yield KeyFooter()

    def on_load(self) -> None:
        # before the terminal is switched to the app's screen, so no moment of it is left unguarded
        if not self.is_headless:
            exit_on_signals(self)

    def on_mount(self) -> None:
        # the loader and the chronology are CPU-bound Python threads; a shorter GIL switch interval hands
        # the UI thread its turn sooner, so keys stay quick while a big story is indexed (~170 -> ~110 ms
        # median on 1,500 articles)
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(_SWITCH_INTERVAL)
        self.dashboard.query_one(ReaderPane).show_placeholder("Loading the story…")
        # paint first, then start the loader: its imports and indexing would otherwise compete with the
        # first frame for the GIL
        self.call_after_refresh(self.load_story)

    def on_unmount(self) -> None:
        sys.setswitchinterval(self._switch_interval)

    @property
    def dashboard(self) -> Screen:
        """The screen holding the panes (not whichever modal is on top of it)."""
        return self.screen_stack[0]

    @property
    def is_narrow(self) -> bool:
        return self.dashboard.has_class("-narrow")

    def show_pane(self, pane_id: str) -> None:
        """In the narrow layout, switch to the tab holding this pane (the wide layout shows them all)."""
        tab = self._tab = _PANE_TAB[pane_id]
        if not self.is_narrow:
            return  # the tabs are hidden (restyling them cost a pane switch ~5 ms): sync_tabs catches up
        tabs = self.dashboard.query_one("#pane-tabs", Tabs)
        if tabs.active != tab:
            tabs.active = tab
        self._show_tab(tab)

    def _show_tab(self, tab: str) -> None:
        """Show the widgets of this tab's pane, hide the others' (narrow); show them all (wide). By each
        widget's own `display`, as Textual's ContentSwitcher does: a class on a container for CSS to
        read would restyle every widget in it (~120 ms of CPU per tab switch at 80x24)."""
        shown = {tab} if self.is_narrow else set(TABS)
        dashboard = self.dashboard
        for widget_id, tabs in _SHOWN_ON.items():
            dashboard.query_one(f"#{widget_id}").display = bool(tabs & shown)

    def get_default_screen(self) -> Screen:
        return _DashboardScreen(id="_default")

    def sync_tabs(self) -> None:
        """The terminal was resized: in the narrow layout, show the tab of the pane last shown."""
        tabs = self.dashboard.query_one("#pane-tabs", Tabs)
        if self.is_narrow and tabs.active != self._tab:
            tabs.active = self._tab
        self._show_tab(self._tab)

    @on(Tabs.TabActivated, "#pane-tabs")
    def _tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab is None or event.tab.id is None:
            return
        self._tab = event.tab.id
        self._show_tab(event.tab.id)
        if not self.is_narrow:
            return
        # keys should reach the pane now on screen, unless the user is moving along the tabs themselves
        pane_ids = [p for p, t in _PANE_TAB.items() if t == event.tab.id]
        focused = self.focused
        if focused is event.tabs:
            return
        if focused is not None and any(self.dashboard.query_one(f"#{p}") in focused.ancestors_with_self
                                       for p in pane_ids):
            return
        self.call_after_refresh(self._focus_pane, pane_ids[-1])

    def _focus_pane(self, pane_id: str) -> None:
        targets = {"entities": "#entity-list", "sources": "#source-list", "reader": "#article",
                   "chronology": "#event-list", "search": "#search-input"}
        self.dashboard.query_one(targets[pane_id]).focus()

    # -- loading ----------------------------------------------------------------------------------------------
    @work(exclusive=True, group="load", exit_on_error=False)
    async def load_story(self) -> Story:
        return await in_daemon_thread(self._read_story, "storyview-loader")

    def _read_story(self) -> Story:
        from ..engine.loading import PathError
        from ..engine.story import load

        last = 0.0

        def progress(stage: str, done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= _PROGRESS_INTERVAL or done == total:
                last = now
                self.post_message(self.LoadProgress(stage, done, total))

        try:
            story = load(*self.paths, progress=progress, follow_links=self.follow_links, judgements=self.judgements)
        except PathError as error:
            raise LookupError(f"{error.reason}: {error.path}") from None
        _ = story.mentions_by_source  # computed here, off the UI thread
        story.prepare_search()
        return story

    @work(exclusive=True, group="chronology", exit_on_error=False)
    async def build_chronology(self, story: Story) -> BuiltChronology:
        def build() -> BuiltChronology:
            events = list(story.events)
            names = {e.id: e.name for e in story.entities}
            # the pane's index (every sentence and name folded) takes ~0.3 s at 1,500 articles: here, not
            # on the UI thread
            return BuiltChronology(events, names, EventIndex(events, names))

        return await in_daemon_thread(build, "storyview-chronology")

    @on(LoadProgress)
    def _load_progress(self, event: LoadProgress) -> None:
        for status in self.dashboard.query(StatusLine):  # none once the app is closing
            status.progress(event.stage, event.done, event.total)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker's outcome, in one place: results are shown, failures reported — never a crash."""
        worker = event.worker
        if event.state == WorkerState.SUCCESS:
            # a worker that succeeded has its result (Worker.result is typed Optional for the others)
            if worker.group == "load":
                self._story_loaded(cast("Story", worker.result))
            elif worker.group == "chronology":
                self._chronology_built(cast("BuiltChronology", worker.result))
            elif worker.group == "correction":
                self._corrected(cast("editing.Correction", worker.result))
            elif worker.group == "suggestions":
                self._suggested(cast("list[Suggestion]", worker.result))
            elif worker.group == "export":
                exporting.finished(self, cast("str", worker.result))
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED) and worker.group == "correction":
            self._correcting = False
            review = self._review()
            if review is not None:
                review.judgement_failed()
        if event.state == WorkerState.ERROR:
            from ..engine.export import ExportError
            from ..engine.judgements import JudgementError

            error = worker.error
            reason = printable(str(error) if isinstance(error, LookupError | JudgementError | ExportError)
                               else f"{type(error).__name__}: {error}")
            if worker.group == "load":
                self.dashboard.query_one(StatusLine).done()
                self.dashboard.query_one(StatusLine).say(f"Could not load the story — {reason}")
                self.dashboard.query_one(ReaderPane).show_placeholder(f"Could not load the story: {reason}")
                self.dashboard.query_one(ChronologyPane).show_message("No story loaded.")
                self.notify(f"Could not load the story: {reason}", severity="error", markup=False, timeout=10)
            elif worker.group == "chronology":
                self.dashboard.query_one(ChronologyPane).show_message(f"The chronology is unavailable: {reason}")
            elif worker.group == "suggestions":
                review = self._review()
                if review is not None:
                    review.working = f"The suggestions are unavailable: {reason}"
            elif worker.group == "correction":
                # a change that cannot be saved is not made (Story._save): the story is as it was
                self.notify(f"Not changed: {reason}", title="Correction", severity="error", markup=False,
                            timeout=10)
            else:
                self.notify(f"{worker.group.capitalize()} failed: {reason}", severity="error", markup=False)

    def _story_loaded(self, story: Story) -> None:
        self.story = story
        self.navigator = Navigator(story)
        status = self.dashboard.query_one(StatusLine)
        status.done()
        self.dashboard.query_one(SourcesPane).show(story.sources, story.skipped)
        self.dashboard.query_one(EntitiesPane).show(story.entities, story.sources)
        self.dashboard.query_one(SearchPane).set_story(story)
        self.dashboard.query_one(ChronologyPane).show_message("Building the chronology…")
        self.build_chronology(story)
        problems = len(story.skipped) + sum(1 for s in story.sources if s.warnings)
        if problems:
            warned = sum(1 for s in story.sources if s.warnings)
            self.notify(f"{plural(len(story.skipped), 'file')} skipped, {plural(warned, 'source')} with warnings — "
                        "press w for details.", severity="warning", markup=False,
                        timeout=8)
        self._tell_judgements(story)
        if not story.sources:
            self.dashboard.query_one(ReaderPane).show_placeholder("No articles found in these paths.")
            status.say("No articles found.")
            return
        self._restore_place(story)

    def _restore_place(self, story: Story) -> None:
        """Open the story where the reader left it (places.py), else on its first source."""
        navigator = self.navigator
        assert navigator is not None
        place = places.load(self.paths) if self.remember_place else None
        source = None
        if place is not None:
            source = story.source(place.source_id) or next(
                (s for s in story.sources if s.path == place.source_path), None)
        if place is None or source is None:
            self._select(Selection(story.sources[0].id))
            return
        entity = story.entity(place.entity_id) if place.entity_id else None
        if entity is None or entity.name != place.entity_name:
            entity = next((e for e in story.entities if e.name == place.entity_name), None)
        selection = Selection(source.id)
        if entity is not None:
            at = place.mention_start
            selection = navigator.choose_entity(selection, entity.id, at) if at is not None else Selection(
                source.id, entity.id)
            if selection.source_id != source.id:  # that mention is gone: the entity, on the same source
                selection = Selection(source.id, entity.id)
        self._select(selection, "back where you were (Esc un-chooses)" if entity is not None
                     else "back where you were")
        if selection.span is None:
            self.dashboard.query_one(ArticleView).scroll_to_line_of(place.offset)

    def _place(self) -> places.Place | None:
        story, selection = self.story, self.selection
        if story is None or selection.source_id is None:
            return None
        source = story.source(selection.source_id)
        if source is None:
            return None
        top = self.dashboard.query_one(ArticleView).top_offset()
        entity = story.entity(selection.entity_id) if selection.entity_id else None
        return places.Place(source.id, source.path, top if top is not None else source.body_start,
                            entity.id if entity else None, entity.name if entity else None,
                            selection.span[0] if selection.span is not None and selection.mention is not None
                            else None)

    def exit(self, result: None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        """Quit (ctrl+q, a signal), remembering the place in the story first."""
        place = self._place() if self.remember_place and self.is_running else None
        if place is not None:
            try:
                places.save(self.paths, place)
            except OSError as error:
                message = f"storyview: your place in the story was not saved: {error}"
        super().exit(result, return_code, message)

    def _chronology_built(self, built: BuiltChronology) -> None:
        self.events = built.events
        if self.story is not None:
            story = self.story
            self.dashboard.query_one(ChronologyPane).show(built.events, story.sources, built.names,
                                                          story.mentions_by_source, built.index)

    def _tell_judgements(self, story: Story) -> None:
        """Say on opening what is wrong with the story's judgements: nothing about them is ever silent."""
        file = story.judgement_file
        if file.problem is not None:
            self.notify(f"The judgement file {printable(str(file.path))} {printable(file.problem)}: its corrections "
                        "are ignored and none can be saved — J for details.", severity="warning", markup=False,
                        timeout=12)
        stale = story.stale_judgements
        if stale:
            self.notify(f"{len(stale)} of the story's {len(story.judgements)} judgements no longer apply — J lists "
                        "them.", severity="warning", markup=False, timeout=10)

    # -- corrections: asked for by a pane or the palette, made in a worker, then shown everywhere -----------
    def correct(self, change: editing.Change) -> None:
        """Make a correction off the UI thread; the panes show the re-linked story when it is done."""
        if self.story is None:
            self.notify("The story is still loading.", markup=False)
            return
        if self._correcting:
            self.notify("Still applying the last correction…", markup=False)
            return
        self._correcting = True
        review = self._review()
        if review is not None and not review.working:
            review.working = "Working… applying the correction"
        self._run_correction(self.story, change)

    @work(group="correction", exit_on_error=False)
    async def _run_correction(self, story: Story, change: editing.Change) -> editing.Correction:
        return await in_daemon_thread(lambda: editing.corrected(story, change), "storyview-correction")

    def _corrected(self, correction: editing.Correction) -> None:
        self._correcting = False
        story = self.story
        if story is None:
            return
        self.navigator = Navigator(story)
        self.dashboard.query_one(EntitiesPane).show(story.entities, story.sources)
        self.dashboard.query_one(SearchPane).set_story(story)
        selection = self.selection
        entity_id = next((i for i in (correction.entity_id, selection.entity_id, self._entity_at(selection))
                          if i is not None and story.entity(i) is not None), None)
        if entity_id is None:
            self._select(Selection(selection.source_id))
        else:
            # where the reader is, if the entity is named there (a rename, a split mention), else its first mention
            at = selection.span[0] if selection.span is not None else None
            self._select(self.navigator.choose_entity(Selection(selection.source_id), entity_id, at))
        self.build_chronology(story)  # the old one stays on screen until the new one is built
        self.notify(correction.message, severity=correction.severity, markup=False)
        if self._review() is not None:
            self.find_suggestions(story)

    def _entity_at(self, selection: Selection) -> str | None:
        """The entity now named at the highlighted place (an undo took away the one that was chosen there)."""
        story = self.story
        if story is None or selection.source_id is None or selection.span is None:
            return None
        start = selection.span[0]
        return next((m.entity_id for m in story.mentions_by_source.get(selection.source_id, ())
                     if m.start <= start < m.end), None)

    @on(EntitiesPane.CorrectionRequested)
    def _correction_requested(self, event: EntitiesPane.CorrectionRequested) -> None:
        self.ask_correction(event.kind, event.entity_ids)

    def ask_correction(self, kind: str, entity_ids: tuple[str, ...]) -> None:
        """Merge the entities, or ask how to split, rename or retype the first (a dialog)."""
        story = self.story
        if story is None:
            return
        entities = [e for e in (story.entity(i) for i in entity_ids) if e is not None]
        if kind == "merge":
            if len(entities) < 2:
                self.notify("Mark the entities to merge with space, then press m (the highlighted one joins them).",
                            markup=False)
                return
            self.dashboard.query_one(EntitiesPane).clear_marks()
            self.correct(editing.merge(entities))
            return
        if not entities:
            self.notify("Highlight an entity first (e, then ↑ ↓).", markup=False)
            return
        entity = entities[0]
        name = printable(entity.name)
        if kind == "rename":
            def renamed(answer: str | None) -> None:
                if answer is not None and answer.strip() and answer.strip() != entity.name:
                    self.correct(editing.rename(entity, answer))

            self.push_screen(TextPrompt(f"Rename {name}", entity.name, "The name shown everywhere; its spellings "
                                        "stay as the articles write them. Enter saves · Esc cancels"), renamed)
        elif kind == "retype":
            def retyped(answer: str | None) -> None:
                if answer is not None and answer != CHOICE_OF_TYPE[entity.type]:
                    self.correct(editing.retype(entity, answer))

            self.push_screen(ChoicePrompt(f"{name} is…", [(t, t) for t in CHOICE_OF_TYPE.values()],
                                          CHOICE_OF_TYPE[entity.type]), retyped)
        elif kind == "split":
            if len(entity.variants) < 2:
                self.notify(f"{name} has one spelling: to split one place off, highlight that mention in the "
                            "reader and press x.", markup=False)
                return

            def split(answer: str | None) -> None:
                if answer is not None:
                    self.correct(editing.split_spelling(entity, answer))

            self.push_screen(ChoicePrompt(f"Split a spelling off {name}",
                                          [(v.text, f"{printable(v.text)}  ×{v.count}") for v in entity.variants],
                                          note="Its mentions become an entity of their own. Enter splits · Esc "
                                               "cancels"), split)

    def request_correction(self, kind: str) -> None:
        """From the palette: as if the key were pressed in the entities pane."""
        self.dashboard.query_one(EntitiesPane).action_request(kind)

    @on(ArticleView.SplitRequested)
    def _split_requested(self) -> None:
        self.action_split_mention()

    def action_split_mention(self) -> None:
        story, navigator, selection = self.story, self.navigator, self.selection
        if story is None or navigator is None:
            return
        if selection.entity_id is None or selection.mention is None:
            self.notify("Highlight a mention first: choose a name, step to it with n / N, or click it.",
                        markup=False)
            return
        mention = navigator.mentions(selection.entity_id)[selection.mention]
        entity = story.entity(selection.entity_id)
        if entity is not None and len(entity.mentions) == 1:
            self.notify("That is the entity's only mention: it is its own already.", markup=False)
            return
        self.correct(editing.split_mention(mention))

    def action_undo(self) -> None:
        self.correct(editing.undo)

    def action_redo(self) -> None:
        self.correct(editing.redo)

    def action_judgements(self) -> None:
        story = self.story
        if story is None or isinstance(self.screen, JudgementsScreen):
            return

        def chosen(entity_id: str | None) -> None:
            if entity_id is not None and self.story is not None and self.story.entity(entity_id) is not None:
                self.go_to_entity(entity_id)

        self.push_screen(JudgementsScreen(story.judgement_file, list(story.judgement_outcomes)), chosen)

    # -- suggestions: reviewed in their own view, judged through the corrections' worker --------------------
    def _review(self) -> ReviewScreen | None:
        """The review view, if it is open (on top, or under a dialog)."""
        return next((s for s in self.screen_stack if isinstance(s, ReviewScreen)), None)

    def action_review(self) -> None:
        story = self.story
        if story is None:
            self.notify("The story is still loading.", markup=False)
            return
        if self._review() is not None:
            return

        def chosen(entity_id: str | None) -> None:
            if entity_id is not None and self.story is not None and self.story.entity(entity_id) is not None:
                self.go_to_entity(entity_id)

        self.push_screen(ReviewScreen(self._skipped, story.sources), chosen)
        if not self._correcting:  # else the correction's end finds them
            self.find_suggestions(story)

    @work(exclusive=True, group="suggestions", exit_on_error=False)
    async def find_suggestions(self, story: Story) -> list[Suggestion]:
        # the first time on a big story takes seconds (1.4 s on 120 Slavic articles, 4.6 s on 1,500);
        # afterwards the story's cache answers until a judgement changes the entities
        return await in_daemon_thread(story.suggestions, "storyview-suggestions")

    def _suggested(self, suggestions: list[Suggestion]) -> None:
        review = self._review()
        if review is not None and not self._correcting:
            review.show(suggestions)

    @on(ReviewScreen.Judged)
    def _suggestion_judged(self, event: ReviewScreen.Judged) -> None:
        self.correct(editing.accept(event.suggestion) if event.verdict == "accept"
                     else editing.reject(event.suggestion))

    @on(ReviewScreen.Skipped)
    def _suggestion_skipped(self, event: ReviewScreen.Skipped) -> None:
        self._skipped.add(event.key)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.story is not None:
            yield from correction_commands(self, judgement_summary(self.story.judgement_outcomes))
            yield from mention_commands(self)
            yield from exporting.commands(self)

    # -- the selection, pushed down to every pane ---------------------------------------------------------
    def _select(self, selection: Selection, note: str = "") -> None:
        self.selection = selection
        self._push(note)

    def _push(self, note: str = "") -> None:
        """Show the selection in every pane; `note` leads the status line (a wrap, a restored place)."""
        story, navigator, selection = self.story, self.navigator, self.selection
        if story is None or navigator is None or selection.source_id is None:
            return
        source = story.source(selection.source_id)
        if source is None:
            return
        entity = story.entity(selection.entity_id) if selection.entity_id else None
        number = (navigator.source_index(source.id) or 0) + 1
        self.dashboard.query_one(ReaderPane).show(source, number, len(story.sources),
                                                  story.mentions_by_source[source.id],
                                        selection.entity_id, selection.span, selection.mention is not None)
        sources = self.dashboard.query_one(SourcesPane)
        sources.set_counts(entity.count_by_source() if entity else {}, entity.name if entity else None)
        sources.set_open(source.id)
        entities = self.dashboard.query_one(EntitiesPane)
        entities.set_chosen(selection.entity_id)
        entities.set_open_source(source.id)
        self.dashboard.query_one(ChronologyPane).set_context(selection.entity_id, entity.name if entity else "",
                                                             source.id, number)
        status = Text(no_wrap=True, overflow="ellipsis")
        if note:
            status.append(note + " · ", style="bold")
        if entity is not None:
            status.append(printable(entity.name), style="bold")
            status.append(" · " + navigator.describe(selection))
        else:
            status.append(f"#{number} of {len(story.sources)} · choose a name: / to search, or click one")
        self.dashboard.query_one(StatusLine).say(status)

    def choose_entity(self, entity_id: str, at: int | None = None) -> None:
        """Choose an entity (from search, the entity list, the palette or a click in the reader)."""
        if self.navigator is None:
            return
        self._select(self.navigator.choose_entity(self.selection, entity_id, at))

    def open_source(self, source_id: str) -> None:
        if self.navigator is None or source_id == self.selection.source_id:
            return
        self._select(self.navigator.open_source(self.selection, source_id))

    def go_to_entity(self, entity_id: str) -> None:
        """Choose an entity and bring the reader forward on its first mention (the command palette)."""
        self.choose_entity(entity_id)
        self.show_pane("reader")
        self._focus_pane("reader")

    def go_to_source(self, source_id: str) -> None:
        """Open a source and bring the reader forward (the command palette)."""
        self.open_source(source_id)
        self.show_pane("reader")
        self._focus_pane("reader")

    @on(SourcesPane.SourceChosen)
    def _source_chosen(self, event: SourcesPane.SourceChosen) -> None:
        self.open_source(event.source_id)

    @on(SourcesPane.Said)
    def _sources_said(self, event: SourcesPane.Said) -> None:
        self.dashboard.query_one(StatusLine).say(event.text)

    @on(SourcesPane.Opened)
    @on(ChronologyPane.Opened)
    def _opened(self, event: SourcesPane.Opened | ChronologyPane.Opened) -> None:
        # Enter means "now read it"; a click on a wide screen leaves the list focused (the reader is
        # already showing the article), on a narrow one the reader has to come forward
        if event.clicked and not self.is_narrow:
            return
        self.show_pane("reader")
        self._focus_pane("reader")

    @on(EntitiesPane.EntityChosen)
    @on(SearchPane.EntityChosen)
    def _entity_chosen(self, event: EntitiesPane.EntityChosen | SearchPane.EntityChosen) -> None:
        if isinstance(event, SearchPane.EntityChosen):
            self.dashboard.query_one(SearchPane).collapse()  # the reader gets the room back
        self.go_to_entity(event.entity_id)

    @on(ArticleView.NameClicked)
    def _name_clicked(self, event: ArticleView.NameClicked) -> None:
        self.choose_entity(event.entity_id, at=event.offset)

    @on(ChronologyPane.ExpressionChosen)
    def _expression_chosen(self, event: ChronologyPane.ExpressionChosen) -> None:
        if self.navigator is not None:
            self._select(self.navigator.show_span(self.selection, event.source_id, event.start, event.end))

    @on(SearchPane.Left)
    def _search_left(self) -> None:
        self.show_pane("reader")
        self._focus_pane("reader")

    # -- actions ------------------------------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        self.show_pane("search")
        self.dashboard.query_one(SearchPane).focus_input()

    def action_show_pane(self, pane_id: str) -> None:
        self.show_pane(pane_id)
        self._focus_pane(pane_id)

    def action_step_mention(self, direction: int) -> None:
        if self.navigator is None:
            return
        if self.selection.entity_id is None:
            self.notify("Choose a name first: / to search, or click a name in the article.", markup=False)
            return
        before = self.selection.mention
        after = self.navigator.step(self.selection, direction)
        note = ""
        if before is not None and after.mention is not None and (after.mention - before) * direction <= 0:
            # as vim says it: the walk went past the last mention (first, for N) and started over
            note = "search hit BOTTOM, continuing at TOP" if direction > 0 else "search hit TOP, continuing at BOTTOM"
        self._select(after, note)

    def action_unchoose(self) -> None:
        """Esc outside the search box and the dialogs: no entity chosen, the reader stays where it is."""
        if self.navigator is not None and self.selection.entity_id is not None:
            self._select(Selection(self.selection.source_id))

    def action_step_naming_source(self, direction: int) -> None:
        navigator, entity_id = self.navigator, self.selection.entity_id
        if navigator is None:
            return
        if entity_id is None:
            self.notify("Choose a name first: / to search, or click a name in the article.", markup=False)
            return
        selection, wrapped = navigator.step_source(self.selection, direction)
        naming = len(navigator.sources_naming(entity_id))
        note = ""
        if naming == 1:
            note = "the only source naming it"
        elif wrapped:
            note = "wrapped: last source → first" if direction > 0 else "wrapped: first source → last"
        self._select(selection, note=note)

    def action_mentions(self) -> None:
        story, navigator, entity_id = self.story, self.navigator, self.selection.entity_id
        if story is None or navigator is None:
            self.notify("The story is still loading.", markup=False)
            return
        entity = story.entity(entity_id) if entity_id is not None else None
        if entity is None:
            self.notify("Choose a name first: / to search, or click a name in the article.", markup=False)
            return
        if any(isinstance(s, MentionsScreen) for s in self.screen_stack):
            return

        def opened(mention: Mention | None) -> None:
            chosen = self.selection.entity_id
            if mention is None or self.navigator is None or chosen is None:
                return
            self._select(self.navigator.choose_entity(Selection(mention.source_id), chosen, at=mention.start))
            self.show_pane("reader")
            self._focus_pane("reader")

        self.push_screen(MentionsScreen(story, entity, navigator.mentions(entity.id), self.selection.mention),
                         opened)

    @on(MentionsScreen.EntityChosen)
    def _mentions_entity_chosen(self, event: MentionsScreen.EntityChosen) -> None:
        self.choose_entity(event.entity_id)
        view = next((s for s in self.screen_stack if isinstance(s, MentionsScreen)), None)
        entity = self.story.entity(event.entity_id) if self.story is not None else None
        if view is not None and entity is not None and self.navigator is not None:
            view.show(entity, self.navigator.mentions(entity.id), self.selection.mention)

    def action_step_source(self, direction: int) -> None:
        if self.story is None or self.navigator is None or not self.story.sources:
            return
        index = self.navigator.source_index(self.selection.source_id) or 0
        self.open_source(self.story.sources[(index + direction) % len(self.story.sources)].id)

    def action_source_number(self, number: int) -> None:
        if self.story is not None and 1 <= number <= len(self.story.sources):
            self.open_source(self.story.sources[number - 1].id)

    def action_go_to_number(self) -> None:
        """Ask for a source by number (beyond 1-9) or part of its title, and open it as the number keys do."""
        story = self.story
        if story is None or not story.sources or isinstance(self.screen, TextPrompt):
            return
        sources = story.sources

        def answered(answer: str | None) -> None:
            if answer is None or self.story is not story:
                return
            source, note = find_source(sources, answer)
            if source is not None:
                self.open_source(source.id)
            if note:  # after the open: its status line would cover the note
                self.dashboard.query_one(StatusLine).say(note)

        self.push_screen(TextPrompt("Go to source", "", f"A number (1–{len(sources)}) or part of a title · Enter "
                                    "opens · Esc cancels"), answered)

    def action_copy_sentence(self) -> None:
        story, selection = self.story, self.selection
        if story is None or selection.source_id is None:
            return
        source = story.source(selection.source_id)
        if source is None:
            return
        if selection.span is not None:
            start, end = selection.span
            which = "the current mention's sentence" if selection.mention is not None else "the date's sentence"
        else:
            # nothing highlighted: the first sentence that begins on screen, and the status says so
            top = self.dashboard.query_one(ArticleView).top_offset()
            start, end = first_sentence_from(source, top if top is not None else source.body_start)
            which = "the first sentence on screen (n / N or a click picks a mention's)"
        text = citation(source, start, end)
        self.copy_to_clipboard(text)
        self.dashboard.query_one(StatusLine).say(f"Copied {which}.")
        self.notify(text if len(text) <= 160 else text[:159] + "…", title="Copied", markup=False)

    def action_export(self) -> None:
        exporting.ask(self)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        # built once and kept (installed), so opening it again only draws it; built again only when what
        # it lists changes: the number of sources (the `1`-`9` row), known once the story is loaded
        sources = len(self.story.sources) if self.story is not None else None
        if self._help is None or self._help.sources != sources:
            if self._help is not None:
                self.uninstall_screen(self._help)
            self._help = HelpScreen(sources)
            self.install_screen(self._help, name="help")
        self.push_screen(self._help)

    def action_problems(self) -> None:
        story = self.story
        if story is None:
            return
        if not story.skipped and not any(s.warnings for s in story.sources):
            self.notify("Every file loaded cleanly.", markup=False)
            return
        def chosen(source_id: str | None) -> None:
            if source_id is not None and self.story is not None and self.story.source(source_id) is not None:
                self.go_to_source(source_id)

        self.push_screen(ProblemsScreen(story.skipped, story.sources), chosen)
