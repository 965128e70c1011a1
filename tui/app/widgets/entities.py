"""The entities pane: people, places, organisations (grouped, or filtered to one type), each with its
spellings and a coverage strip — one cell per source (or per run of sources in a big story) — so a
reader sees at a glance who appears where. Enter or a click chooses the entity; space marks entities for
a correction (merge), and the pane asks the app for one with `CorrectionRequested`."""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...textsafe import printable
from ..labels import TYPE_BADGE, TYPE_GROUP, TYPE_ORDER
from .pane import Pane
from .rowlist import RowList, fit
from .spellings import EntityDetail

if TYPE_CHECKING:
    from ...engine.model import Entity, Source

FILTERS: tuple[str, ...] = ("ALL", *TYPE_ORDER)
_FILTER_LABEL = {"ALL": "All", "PERSON": "People", "PLACE": "Places", "ORG": "Orgs", "OTHER": "Other"}
_LEVELS = "▁▂▃▄▅▆▇█"
_MAX_STRIP = 24


def coverage(counts: dict[str, int], sources: list[Source], cells: int) -> list[tuple[str, bool]]:
    """The coverage strip: (glyph, names-it) per cell. One cell per source when they fit (taller = more
    mentions), else each cell is a run of sources, taller where more of them name it (scaled to the
    entity's own busiest run, so a rare name still shows its shape)."""
    if not sources or cells <= 0:
        return []
    if len(sources) <= cells:
        strip = []
        for source in sources:
            count = counts.get(source.id, 0)
            strip.append(("·", False) if count == 0 else (_LEVELS[min(7, 1 + 2 * (count - 1))], True))
        return strip
    naming = []
    for cell in range(cells):
        run = sources[cell * len(sources) // cells:(cell + 1) * len(sources) // cells]
        naming.append(sum(1 for source in run if source.id in counts))
    busiest = max(naming) or 1
    return [("·", False) if n == 0 else (_LEVELS[max(0, min(7, ceil(8 * n / busiest) - 1))], True)
            for n in naming]


class EntityList(RowList):
    """Group headings (one line) and entities (two lines: name and coverage, then spellings)."""

    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {
        "entitylist--group", "entitylist--badge", "entitylist--variants", "entitylist--variant", "entitylist--strip",
        "entitylist--empty", "entitylist--chosen", "entitylist--marked",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[Entity | str] = []  # an entity, or a group heading
        self.sources: list[Source] = []
        self.chosen_id: str | None = None
        self.open_source_id: str | None = None
        self.marked: set[str] = set()  # entity ids marked (space) for a merge
        self._counts: dict[str, dict[str, int]] = {}

    def show(self, rows: list[Entity | str], sources: list[Source]) -> None:
        self.rows = rows
        self.sources = sources
        heights = [1 if isinstance(row, str) else 2 for row in rows]
        self.set_rows(heights, [not isinstance(row, str) for row in rows], cursor=0)

    def index_of(self, entity_id: str) -> int | None:
        for index, row in enumerate(self.rows):
            if not isinstance(row, str) and row.id == entity_id:
                return index
        return None

    def _count_by_source(self, entity: Entity) -> dict[str, int]:
        if entity.id not in self._counts:
            self._counts[entity.id] = entity.count_by_source()
        return self._counts[entity.id]

    def render_row(self, index: int, width: int) -> list[Text]:
        row = self.rows[index]
        style = self.get_component_rich_style
        if isinstance(row, str):
            return [Text(row, style=style("entitylist--group", partial=True))]
        counts = self._count_by_source(row)
        cells = min(len(self.sources), _MAX_STRIP, max(0, width // 3))
        strip = coverage(counts, self.sources, cells)
        chosen = row.id == self.chosen_id
        first = Text(no_wrap=True)
        if row.id in self.marked:
            first.append("✓", style=style("entitylist--marked", partial=True))
            first.append("●" if chosen else " ", style=style("entitylist--chosen", partial=True))
        else:
            first.append("● " if chosen else "  ", style=style("entitylist--chosen", partial=True))
        first.append(fit(Text(printable(row.name), style="bold"), max(4, width - 3 - len(strip))))
        first.append(" ")
        strip_style = style("entitylist--strip", partial=True)
        empty_style = style("entitylist--empty", partial=True)
        opened = self.open_source_id
        one_per_source = len(self.sources) <= cells
        for position, (glyph, names) in enumerate(strip):
            cell_style = strip_style if names else empty_style
            if opened is not None and one_per_source and self.sources[position].id == opened:
                cell_style = cell_style + Style(underline=True)
            first.append(glyph, style=cell_style)
        muted = style("entitylist--variants", partial=True)
        second = Text("  ", no_wrap=True, style=muted)
        second.append(TYPE_BADGE[row.type], style=style("entitylist--badge", partial=True))
        if row.curated:
            second.append(" ✎", style=style("entitylist--badge", partial=True))
        second.append(f" {len(row.mentions)}× in {len(counts)}/{len(self.sources)} · ")
        for number, variant in enumerate(row.variants):
            if number:
                second.append(" · ")
            second.append(printable(variant.text), style=style("entitylist--variant", partial=True))
        return [first, second]


class TypeFilter(Widget):
    """`All People Places Orgs Other`: click one, or press `f` in the pane to cycle."""

    DEFAULT_CSS = """
    TypeFilter { height: 1; }
    TypeFilter > .typefilter--active { color: $text-accent; text-style: bold underline; }
    TypeFilter > .typefilter--inactive { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"typefilter--active", "typefilter--inactive"}

    active: reactive[str] = reactive("ALL")

    class Changed(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    def render(self) -> Text:
        text = Text(no_wrap=True)
        for value in FILTERS:
            name = "typefilter--active" if value == self.active else "typefilter--inactive"
            style = self.get_component_rich_style(name, partial=True) + Style.from_meta({"storyview.filter": value})
            text.append(f" {_FILTER_LABEL[value]} ", style=style)
        return text

    async def _on_click(self, event: events.Click) -> None:
        value = event.style.meta.get("storyview.filter")
        if value is not None:
            event.stop()
            self.post_message(self.Changed(value))


class EntitiesPane(Pane):
    """Filter bar, entity list, and the detail of the highlighted entity (its spellings per language and
    script)."""

    BORDER_TITLE = "Entities"  # shown until the pane has content to count

    DEFAULT_CSS = """
    EntityList > .entitylist--group { color: $text-secondary; text-style: bold; }
    EntityList > .entitylist--badge { color: $text-secondary; }
    EntityList > .entitylist--variants { color: $text-muted; }
    EntityList > .entitylist--variant { color: $text; }
    EntityList > .entitylist--strip { color: $text-accent; }
    EntityList > .entitylist--empty { color: $text-disabled; }
    EntityList > .entitylist--chosen { color: $text-accent; }
    EntityList > .entitylist--marked { color: $text-warning; text-style: bold; }
    """

    BINDINGS = [
        Binding("f", "cycle_filter", "Filter by type", id="entities.filter"),
        Binding("space", "toggle_mark", "Mark", tooltip="Mark or unmark the entity (to merge the marked)",
                id="entities.mark"),
        Binding("m", "request('merge')", "Merge", tooltip="Merge the marked entities (and the highlighted one) "
                "into one", id="entities.merge"),
        Binding("x", "request('split')", "Split", tooltip="Split a spelling off the highlighted entity",
                id="entities.split"),
        Binding("R", "request('rename')", "Rename", tooltip="Rename the highlighted entity", id="entities.rename"),
        Binding("T", "request('retype')", "Type", tooltip="Change the type of the highlighted entity "
                "(person, place, organisation, other)", id="entities.retype"),
    ]

    type_filter: reactive[str] = reactive("ALL", init=False)

    class EntityChosen(Message):
        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    class CorrectionRequested(Message):
        """The user asked for a correction (`kind`: merge, split, rename, retype) of these entities: for a
        merge the marked ones and the highlighted one, else the highlighted one."""

        def __init__(self, kind: str, entity_ids: tuple[str, ...]) -> None:
            super().__init__()
            self.kind = kind
            self.entity_ids = entity_ids

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entities: list[Entity] = []
        self.sources: list[Source] = []

    def compose(self) -> ComposeResult:
        yield TypeFilter()
        yield EntityList(id="entity-list")
        yield EntityDetail(id="entity-detail", classes="-empty")

    @property
    def entity_list(self) -> EntityList:
        return self.query_one(EntityList)

    def show(self, entities: list[Entity], sources: list[Source]) -> None:
        """Show these entities (again, after a correction: the marks of entities that are gone go too)."""
        self.entities = entities
        self.sources = sources
        entity_list = self.entity_list
        entity_list._counts.clear()
        present = {entity.id for entity in entities}
        entity_list.marked &= present
        self._fill()

    def _fill(self) -> None:
        rows: list[Entity | str] = []
        shown = 0
        for entity_type in TYPE_ORDER:
            if self.type_filter not in ("ALL", entity_type):
                continue
            group = [e for e in self.entities if e.type == entity_type]
            if not group:
                continue
            shown += len(group)
            if self.type_filter == "ALL":
                rows.append(f"{TYPE_GROUP[entity_type]} ({len(group)})")
            rows.extend(group)
        entity_list = self.entity_list
        chosen = entity_list.chosen_id
        entity_list.show(rows, self.sources)
        self.border_title = Content(f"Entities ({shown})" if self.type_filter == "ALL"
                                    else f"{TYPE_GROUP[self.type_filter]} ({shown})")
        self._show_subtitle()
        self.query_one(TypeFilter).active = self.type_filter
        if chosen is not None:
            self.set_chosen(chosen)
        self._show_detail()

    def _show_subtitle(self) -> None:
        marked = len(self.entity_list.marked)
        self.border_subtitle = Content(f"{marked} marked · m: merge · space: unmark" if marked
                                       else "f: filter · space: mark")

    def highlighted(self) -> Entity | None:
        entity_list = self.entity_list
        cursor = entity_list.cursor
        row = None if cursor is None else entity_list.rows[cursor]
        return None if row is None or isinstance(row, str) else row

    def action_toggle_mark(self) -> None:
        entity = self.highlighted()
        if entity is None:
            return
        marked = self.entity_list.marked
        marked.symmetric_difference_update({entity.id})
        self.entity_list.invalidate()
        self._show_subtitle()
        self.entity_list.action_cursor_down()  # as in a file manager: mark, and on to the next

    def clear_marks(self) -> None:
        self.entity_list.marked.clear()
        self.entity_list.invalidate()
        self._show_subtitle()

    def action_request(self, kind: str) -> None:
        entity = self.highlighted()
        marked = [e.id for e in self.entities if e.id in self.entity_list.marked]
        if kind == "merge":
            ids = tuple(dict.fromkeys([*marked, *([entity.id] if entity is not None else [])]))
        else:
            ids = (entity.id,) if entity is not None else ()
        self.post_message(self.CorrectionRequested(kind, ids))

    def _show_detail(self) -> None:
        """The detail follows the cursor (set_rows moves it without a Highlighted message)."""
        self.query_one(EntityDetail).entity = self.highlighted()
        # the detail's height follows the entity, and the list gives up what the detail takes: once it is
        # laid out, the cursor's row must still be in view
        self.call_after_refresh(self._cursor_into_view)

    def _cursor_into_view(self) -> None:
        cursor = self.entity_list.cursor
        if cursor is not None:
            self.entity_list.scroll_to_row(cursor)

    def watch_type_filter(self) -> None:
        self._fill()

    def action_cycle_filter(self) -> None:
        self.type_filter = FILTERS[(FILTERS.index(self.type_filter) + 1) % len(FILTERS)]

    @on(TypeFilter.Changed)
    def _filter_clicked(self, event: TypeFilter.Changed) -> None:
        event.stop()
        self.type_filter = event.value

    def set_chosen(self, entity_id: str | None) -> None:
        """Mark the chosen entity and put the cursor on it (without announcing it back)."""
        entity_list = self.entity_list
        entity_list.chosen_id = entity_id
        index = None if entity_id is None else entity_list.index_of(entity_id)
        if index is not None and index != entity_list.cursor:
            entity_list.move_cursor(index)
        if index is not None:
            # rows just replaced (a filter, a correction) are laid out on the next refresh: scroll then too
            self.call_after_refresh(self._cursor_into_view)
        entity_list.invalidate()

    def set_open_source(self, source_id: str | None) -> None:
        self.entity_list.open_source_id = source_id
        self.entity_list.invalidate()

    @on(RowList.Selected, "#entity-list")
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        row = self.entity_list.rows[event.index]
        if not isinstance(row, str):
            self.post_message(self.EntityChosen(row.id))

    @on(RowList.Highlighted, "#entity-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._show_detail()
