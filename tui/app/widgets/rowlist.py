"""A list that renders only the rows on screen: sources, entities and the chronology can hold tens of
thousands of rows (a 1,500-article story has ~13,000 events) and must still open and scroll at once.

Subclasses say how tall each row is and draw one row as lines of `rich.text.Text`; the list keeps a
cursor on selectable rows, scrolls it into view and posts `Highlighted` / `Selected`, and `Rested` for a
pane that shows the row elsewhere (a preview): at once after a pause, then once when a held key stops.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from .pane import QuietFocus

_CACHE_LIMIT = 4000
# seconds without a cursor move before the row is previewed again: longer than a key's auto-repeat
# (~30 ms) and shorter than a deliberate second press
PREVIEW_DELAY = 0.1


class RowList(QuietFocus, ScrollView, can_focus=True):
    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        background: $surface;
    }
    RowList > .rowlist--cursor {
        background: $block-cursor-blurred-background;
    }
    RowList:focus > .rowlist--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    COMPONENT_CLASSES = {"rowlist--cursor"}

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page-down"),
        Binding("home", "first", "First", show=False, id="list.first"),
        Binding("end", "last", "Last", show=False, id="list.last"),
        Binding("enter", "select", "Open", show=False, id="list.select"),
    ]

    cursor: reactive[int | None] = reactive(None, init=False, always_update=False)

    class _RowMessage(Message):
        """A message about one row of the list."""

        def __init__(self, row_list: RowList, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index

        @property
        def control(self) -> RowList:
            return self.row_list

    class Highlighted(_RowMessage):
        """The cursor is on this row."""

    class Rested(_RowMessage):
        """Preview this row: the first move after a pause says so at once, then moves within
        PREVIEW_DELAY of each other say nothing until the last (holding a key previews one row, not each)."""

    class Selected(Message):
        def __init__(self, row_list: RowList, index: int, clicked: bool = False) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index
            self.clicked = clicked  # by the mouse, rather than Enter

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._heights: list[int] = []
        self._offsets: list[int] = [0]  # first line of each row, plus the total at the end
        self._selectable: list[bool] = []
        self._cache: dict[tuple[int, int, bool, bool], list[Strip]] = {}
        self._drawn: tuple[str, Style] | None = None  # the theme and style the cached rows were drawn in
        self._preview_timer: Timer | None = None  # running while the cursor moves faster than PREVIEW_DELAY
        self._preview_owed = False  # the cursor moved since the last Rested

    # -- what subclasses provide -------------------------------------------------------------------------
    def render_row(self, index: int, width: int) -> list[Text]:
        """Exactly `self.row_height(index)` lines for row `index`, each at most `width` cells."""
        raise NotImplementedError

    # -- rows ----------------------------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self._heights)

    def row_height(self, index: int) -> int:
        return self._heights[index]

    def set_rows(self, heights: list[int], selectable: list[bool] | None = None, cursor: int | None = 0) -> None:
        """Replace every row (cheap: nothing is drawn until it is on screen)."""
        self._heights = heights
        self._offsets = [0, *accumulate(heights)]
        self._selectable = selectable if selectable is not None else [True] * len(heights)
        self._cache.clear()
        self._rest()  # a preview owed to the old rows is not owed to the new ones
        self.virtual_size = Size(self.scrollable_content_region.width, self._offsets[-1])
        self.set_reactive(RowList.cursor, None)
        if cursor is not None:
            cursor = self._nearest_selectable(min(cursor, len(heights) - 1), 1)
        self.set_reactive(RowList.cursor, cursor)
        self.scroll_to(y=0, animate=False)
        self.refresh(layout=True)

    def invalidate(self) -> None:
        """Redraw every row (what they show changed, not how many there are)."""
        self._cache.clear()
        self.refresh()

    def _nearest_selectable(self, index: int, direction: int) -> int | None:
        count = len(self._heights)
        while 0 <= index < count:
            if self._selectable[index]:
                return index
            index += direction
        return None

    def move_cursor(self, index: int | None, *, scroll: bool = True, announce: bool = True) -> None:
        """Put the cursor on a row (posting Highlighted and Rested if it moved, unless `announce` is False:
        a pane following what is open elsewhere must not ask for it again) and scroll it into view."""
        if index is not None and not (0 <= index < len(self._heights) and self._selectable[index]):
            return
        if announce:
            self.cursor = index
        else:
            old = self.cursor
            self.set_reactive(RowList.cursor, index)
            self._redraw_cursor(old, index)
        if scroll and index is not None:
            self.scroll_to_row(index)

    @property
    def preview_owed(self) -> bool:
        """The cursor moved and its Rested is still to come (the keys have not paused yet)."""
        return self._preview_owed

    def scroll_to_row(self, index: int) -> None:
        top = self._offsets[index]
        self.scroll_to_region(Region(0, top, 1, self._heights[index]), animate=False, immediate=True)

    def _redraw_cursor(self, old: int | None, new: int | None) -> None:
        self._cache = {key: strips for key, strips in self._cache.items() if key[0] not in (old, new)}
        self._refresh_rows(old, new)

    def watch_cursor(self, old: int | None, new: int | None) -> None:
        self._redraw_cursor(old, new)
        if new is not None:
            self.post_message(self.Highlighted(self, new))
            self._preview_later()

    # -- the preview: the cursor follows every key, the pane showing the row catches up ---------------
    def _preview_later(self) -> None:
        if self._preview_timer is None:  # at rest: preview now, and hold back the moves that follow fast
            self._preview_owed = False
            self._post_rested()
            self._preview_timer = self.set_timer(PREVIEW_DELAY, self._preview_due)
        else:
            self._preview_owed = True
            self._preview_timer.reset()

    def _preview_due(self) -> None:
        self._preview_timer = None
        if self._preview_owed:
            self._preview_owed = False
            self._post_rested()

    def _post_rested(self) -> None:
        # the cursor as it is when posted: a message queued behind a key must not name a row already left
        if self.cursor is not None:
            self.post_message(self.Rested(self, self.cursor))

    def _rest(self) -> None:
        """The row is being opened by other means (Enter, a click): nothing is owed, the next move is at rest."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None
        self._preview_owed = False

    # -- keys and mouse --------------------------------------------------------------------------------
    def _step(self, steps: int) -> None:
        if not self._heights:
            return
        direction = 1 if steps > 0 else -1
        start = self.cursor if self.cursor is not None else (-1 if direction > 0 else len(self._heights))
        index = start
        target = None
        for _ in range(abs(steps)):
            found = self._nearest_selectable(index + direction, direction)
            if found is None:
                break
            index = target = found
        if target is not None:
            self.move_cursor(target)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def _rows_per_page(self) -> int:
        if not self._heights:
            return 1
        average = max(1, self._offsets[-1] // len(self._heights))
        return max(1, self.scrollable_content_region.height // average - 1)

    def action_page_up(self) -> None:
        self._step(-self._rows_per_page())

    def action_page_down(self) -> None:
        self._step(self._rows_per_page())

    def action_first(self) -> None:
        self.move_cursor(self._nearest_selectable(0, 1))

    def action_last(self) -> None:
        self.move_cursor(self._nearest_selectable(len(self._heights) - 1, -1))

    def action_select(self) -> None:
        if self.cursor is not None:
            self._rest()
            self.post_message(self.Selected(self, self.cursor))

    def row_at(self, y: int) -> int | None:
        """The row under viewport line `y`."""
        line = y + int(self.scroll_y)
        if not 0 <= line < self._offsets[-1]:
            return None
        return bisect_right(self._offsets, line) - 1

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.row_at(offset.y)
        if index is None or not self._selectable[index]:
            return
        event.stop()
        self.move_cursor(index)
        self._rest()
        self.post_message(self.Selected(self, index, clicked=True))

    # -- drawing ---------------------------------------------------------------------------------------------
    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self._offsets[-1])

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # a focus change restyles the pane and every list in it: only new colours (a theme) redraw every
        # row; the cursor row's focused look is in its cache key
        drawn = (self.app.theme, self.rich_style) if self.is_attached else None
        if drawn is None or drawn != self._drawn:
            self._drawn = drawn
            self._cache.clear()

    def repaint_focus(self) -> None:
        # only the cursor row looks different with the focus (its key in the row cache says so)
        self._refresh_rows(self.cursor)

    def _refresh_rows(self, *indices: int | None) -> None:
        """Repaint these rows' lines only (a whole-list repaint redraws every line on screen)."""
        for index in indices:
            if index is not None and 0 <= index < len(self._heights):
                self.refresh_lines(self._offsets[index], self._heights[index])

    def _row_strips(self, index: int, width: int) -> list[Strip]:
        key = (index, width, index == self.cursor, index == self.cursor and self.has_focus)
        strips = self._cache.get(key)
        if strips is not None:
            return strips
        base = self.rich_style
        if index == self.cursor:
            base = base + self.get_component_rich_style("rowlist--cursor")
        console = self.app.console
        strips = []
        lines = self.render_row(index, width)
        for line in lines[: self._heights[index]]:
            line = line.copy()
            line.no_wrap = True
            line.truncate(width, overflow="ellipsis")
            segments = [Segment(seg.text, base + seg.style if seg.style else base, seg.control)
                        for seg in line.render(console) if seg.text]
            strips.append(Strip(segments).extend_cell_length(width, base).crop(0, width))
        while len(strips) < self._heights[index]:
            strips.append(Strip([Segment(" " * width, base)], width))
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = strips
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.row_at(y)
        if index is None:
            return Strip([Segment(" " * width, self.rich_style)], width)
        line = y + int(self.scroll_y)
        return self._row_strips(index, width)[line - self._offsets[index]]


def fit(text: str | Text, width: int, style: str | Style = "") -> Text:
    """A cell of a row: `text` padded or cut (with an ellipsis) to exactly `width` cells."""
    cell = text.copy() if isinstance(text, Text) else Text(text, style=style)
    cell.truncate(width, overflow="ellipsis", pad=True)
    return cell
