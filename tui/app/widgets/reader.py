"""The reader: the open article, wrapped, with every mention of the chosen entity highlighted, the current
one emphasised and scrolled into view, other detected names clickable, and boilerplate dimmed.

Article text is data: it is neutralised (control characters become visible symbols, same length) and
drawn as `rich.text.Text`, never parsed as markup. Only the lines on screen are drawn, and an article
too long to wrap in the blink of an eye (a 19 MB line takes seconds) is wrapped in a worker thread: until
it is done, the reader shows a window of the text around the place to show.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from ...textsafe import neutralise, printable
from ..labels import source_date_detail, words
from ..wrapping import wrap
from .pane import Pane, QuietFocus

if TYPE_CHECKING:
    from ...engine.model import Mention, Source

_CACHE_LIMIT = 2000
# other names, the chosen entity's mentions, its current mention, a date (or other place) opened, boilerplate
_HIGHLIGHTS = ("name", "mention", "current", "focus", "boilerplate")
# Bodies longer than this are wrapped in a worker (wrapping costs ~0.2 s per MB); meanwhile a window of
# _WINDOW_CHARS around the place to show is wrapped at once.
LAZY_WRAP_CHARS = 256 * 1024
_WINDOW_CHARS = 32 * 1024


class ArticleView(QuietFocus, ScrollView, can_focus=True):
    """The article body as wrapped lines, drawn on demand; nothing of it looks different with the focus
    (QuietFocus: a pane switch does not redraw it)."""

    DEFAULT_CSS = """
    ArticleView {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        padding: 0 1;
        background: $surface;
    }
    """

    # the highlights' colours are in styles/storyview.tcss, with the themes'
    COMPONENT_CLASSES = {f"article--{name}" for name in _HIGHLIGHTS}

    BINDINGS = [
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="reader.up"),
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="reader.down"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="reader.page-up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="reader.page-down"),
        Binding("home,g", "scroll_home", "Top of the article", show=False, id="reader.top"),
        Binding("end,G", "scroll_end", "End of the article", show=False, id="reader.end"),
        Binding("x", "split_mention", "Split mention", tooltip="Split the highlighted mention off its entity "
                "(this one place is not them)", id="reader.split-mention"),
    ]

    class NameClicked(Message):
        """A detected name was clicked: choose its entity, at this mention."""

        def __init__(self, entity_id: str, offset: int) -> None:
            super().__init__()
            self.entity_id = entity_id
            self.offset = offset

    class SplitRequested(Message):
        """x: split the highlighted mention off its entity (the app knows which mention that is)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.source: Source | None = None
        self._given: list[Mention] | None = None  # the list `show` was given (a new one after a correction)
        self._body = ""  # neutralised text of the article body
        self._base = 0  # text offset of body[0]
        self._mentions: list[Mention] = []  # every detected name in the source, by start
        self._mention_starts: list[int] = []
        self._longest = 0
        self.entity_id: str | None = None
        self.span: tuple[int, int] | None = None
        self.span_is_mention = False
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrapped_width = -1
        self._partial = False  # _lines cover a window of the body; the whole is being wrapped in a worker
        self._cache: dict[int, Strip] = {}
        self._drawn_styles: dict[str, Style] = {}  # the styles the cached lines were drawn in
        self._placeholder = "Loading the story…"

    # -- state pushed down by the app --------------------------------------------------------------------
    def show_placeholder(self, message: str) -> None:
        self.source = None
        self._placeholder = message
        self._body = ""
        self._lines, self._line_starts = [], []
        self._partial = False
        self._mentions, self._mention_starts = [], []
        self._wrapped_width = -1
        self._cache.clear()
        self.virtual_size = Size(0, 0)
        self.refresh()

    def show(self, source: Source, mentions: list[Mention], entity_id: str | None,
             span: tuple[int, int] | None, span_is_mention: bool) -> None:
        """Show `source` with `mentions` (all names detected in it), the chosen entity and the place to
        highlight; scrolls that place into view."""
        if source is not self.source:
            self.source = source
            self._base = source.body_start
            self._body = neutralise(source.body).replace("\t", " ")
            self._wrapped_width = -1
            self.scroll_to(y=0, animate=False, immediate=True)
            self._given = None
        if mentions is not self._given:  # another source, or a correction re-linked this one
            self._given = mentions
            self._mentions = [m for m in mentions if m.start >= self._base]
            self._mention_starts = [m.start for m in self._mentions]
            self._longest = max((m.end - m.start for m in self._mentions), default=0)
        self.entity_id = entity_id
        self.span = span
        self.span_is_mention = span_is_mention
        self._cache.clear()
        self._rewrap()
        if self._partial and span is not None and self._lines and not (
                self._lines[0][0] <= span[0] - self._base <= self._lines[-1][1]):
            self._set_lines(self._window_lines(self._wrapped_width), self._wrapped_width, partial=True)
        self.refresh()
        if span is not None:
            self.scroll_to_offset(span[0])

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._wrapped_width:
            return
        self._wrapped_width = width
        if self.source is None:
            self._set_lines([], width, partial=False)
        elif len(self._body) <= LAZY_WRAP_CHARS:
            self._set_lines(wrap(self._body, width), width, partial=False)
        else:
            self._set_lines(self._window_lines(width), width, partial=True)
            body, source = self._body, self.source
            self.run_worker(lambda: (source, width, wrap(body, width)), thread=True, exclusive=True,
                            group="wrap", exit_on_error=False)

    def _window_lines(self, width: int) -> list[tuple[int, int]]:
        """The lines of a window of the body around the place to show, cut at paragraph or word starts."""
        body = self._body
        around = max(0, (self.span[0] if self.span is not None else self._base) - self._base)
        lo, hi = max(0, around - _WINDOW_CHARS // 2), min(len(body), around + _WINDOW_CHARS // 2)
        if lo > 0:
            cut = max(body.rfind("\n", lo - _WINDOW_CHARS // 2, lo), body.rfind(" ", lo - 200, lo))
            lo = cut + 1 if cut != -1 else lo
        return wrap(body, width, lo, hi)

    def _set_lines(self, lines: list[tuple[int, int]], width: int, partial: bool) -> None:
        self._lines = lines
        self._line_starts = [start for start, _ in lines]
        self._partial = partial
        self._cache.clear()
        self.virtual_size = Size(width, len(lines))

    @on(Worker.StateChanged)
    def _wrapped(self, event: Worker.StateChanged) -> None:
        """The whole body is wrapped: take its lines, keeping the text on screen where it is."""
        if event.worker.group != "wrap" or event.state != WorkerState.SUCCESS:
            return  # a failure reaches the app's handler, which reports it
        result = event.worker.result
        assert result is not None  # a worker that succeeded has its result
        source, width, lines = result
        if source is not self.source or width != self._wrapped_width or not self._partial:
            return  # a wrap of an article or a width no longer shown
        top = self.top_offset()
        self._set_lines(lines, width, partial=False)
        if top is not None:
            self.scroll_to(y=self.line_of(top), animate=False, immediate=True)
        self.refresh()

    @property
    def wrapping(self) -> bool:
        """Is the whole article still being wrapped (only a window of it shown)?"""
        return self._partial

    def line_of(self, offset: int) -> int:
        """The display line holding text offset `offset`."""
        return max(0, bisect_right(self._line_starts, offset - self._base) - 1)

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the line holding `offset` into view: left alone if comfortably visible, else a third of
        the way down, where the eye expects it."""
        if not self._lines:
            self.call_after_refresh(self._scroll_later, offset)
            return
        line = self.line_of(offset)
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        margin = 2 if height > 8 else 0
        if top + margin <= line < top + height - margin:
            return
        self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)

    def scroll_to_line_of(self, offset: int) -> None:
        """Put the line holding `offset` at the top (a place restored), once the article is wrapped."""
        self._rewrap()
        if not self._lines:
            self.call_after_refresh(self.scroll_to_line_of, offset)
            return
        # after the next refresh: until then the new lines' height is not the scrollable height yet
        self.call_after_refresh(self.scroll_to, y=self.line_of(offset), animate=False, immediate=True)

    def _scroll_later(self, offset: int) -> None:
        self._rewrap()
        if self._lines:
            self.scroll_to_offset(offset)

    # -- drawing ---------------------------------------------------------------------------------------------
    def on_resize(self) -> None:
        self._rewrap()
        if self.span is not None:
            self.scroll_to_offset(self.span[0])

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if not self.is_mounted:  # the component styles are not there yet
            self._cache.clear()
            return
        # a focus change restyles the pane and everything in it: redraw the lines only when their colours
        # changed (a theme), not on every pane switch
        styles = {**self.highlight_styles(), "": self.rich_style}
        if styles != self._drawn_styles:
            self._drawn_styles = styles
            self._cache.clear()

    def highlight_styles(self) -> dict[str, Style]:
        """The highlights' Rich styles, with their colours' transparency blended onto the article's
        background: a Rich colour has no alpha, so `$accent 30%` taken as it is would be solid accent."""
        base = self.styles.background
        styles = {}
        for name in _HIGHLIGHTS:
            component = self.get_component_styles(f"article--{name}")
            background = base + component.background if component.has_rule("background") else None
            color = None
            if component.has_rule("color"):
                under = background or base
                # `auto` (the themes' $text) picks black or white against what is under the text
                tint = under.get_contrast_text(component.color.a) if component.auto_color else component.color
                color = under + tint
            styles[name] = Style(color=color.rich_color if color else None,
                                 bgcolor=background.rich_color if background else None) + component.text_style
        return styles

    def _line_text(self, index: int, styles: dict[str, Style]) -> Text:
        start, end = self._lines[index]
        text = Text(self._body[start:end], no_wrap=True, end="")
        absolute_start, absolute_end = start + self._base, end + self._base
        assert self.source is not None
        for b_start, b_end in self.source.boilerplate:
            if b_start < absolute_end and b_end > absolute_start:
                text.stylize(styles["boilerplate"], max(b_start, absolute_start) - absolute_start,
                             min(b_end, absolute_end) - absolute_start)
        first = bisect_left(self._mention_starts, absolute_start - self._longest)
        last = bisect_left(self._mention_starts, absolute_end)
        for mention in self._mentions[first:last]:
            if mention.end <= absolute_start:
                continue
            if mention.entity_id == self.entity_id:
                is_current = self.span_is_mention and self.span == (mention.start, mention.end)
                style = styles["current" if is_current else "mention"]
            else:
                style = styles["name"]
            style = style + Style.from_meta({"storyview.entity": mention.entity_id, "storyview.offset": mention.start})
            text.stylize(style, max(mention.start, absolute_start) - absolute_start,
                         min(mention.end, absolute_end) - absolute_start)
        if self.span is not None and not self.span_is_mention:
            s_start, s_end = self.span
            if s_start < absolute_end and s_end > absolute_start:
                text.stylize(styles["focus"], max(s_start, absolute_start) - absolute_start,
                             min(s_end, absolute_end) - absolute_start)
        return text

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = y + int(self.scroll_y)
        if self.source is None:
            text = Text(self._placeholder if y == 0 else "", style="italic")
            segments = list(text.render(self.app.console))
            return Strip(segments).extend_cell_length(width, base).crop(0, width).apply_style(base)
        if width != self._wrapped_width:
            self._rewrap()
        if not 0 <= index < len(self._lines):
            return Strip([Segment(" " * width, base)], width)
        strip = self._cache.get(index)
        if strip is None:
            text = self._line_text(index, self.highlight_styles())
            segments = [Segment(s.text, base + s.style if s.style else base) for s in text.render(self.app.console)]
            strip = Strip(segments).crop(0, width).extend_cell_length(width, base)
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            self._cache[index] = strip
        return strip

    def visible_text(self) -> str:
        """The plain text of the lines on screen: what a person sees."""
        height = self.scrollable_content_region.height
        return "\n".join(self.render_line(y).text.rstrip() for y in range(height))

    def top_offset(self) -> int | None:
        """Text offset of the first line on screen."""
        index = int(self.scroll_y)
        if not 0 <= index < len(self._lines):
            return None
        return self._lines[index][0] + self._base

    def action_split_mention(self) -> None:
        self.post_message(self.SplitRequested())

    async def _on_click(self, event: events.Click) -> None:
        meta = event.style.meta
        if "storyview.entity" in meta:
            event.stop()
            self.post_message(self.NameClicked(meta["storyview.entity"], meta["storyview.offset"]))


class ReaderPane(Pane):
    """The article header (which source, its date and size, its warnings) above the article."""

    BORDER_TITLE = "Reader"  # shown until the pane has content to count

    DEFAULT_CSS = """
    ReaderPane > #reader-header { height: auto; max-height: 3; color: $text-muted; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        # the title is the pane's border title; the narrow layout has no borders and shows it here
        yield Static(Content(""), id="reader-title")
        yield Static(Content(""), id="reader-header")
        yield ArticleView(id="article")


    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    def show_placeholder(self, message: str) -> None:
        self.article.show_placeholder(message)
        self.query_one("#reader-header", Static).update(Content(""))
        self.query_one("#reader-title", Static).update(Content(""))

    def show(self, source: Source, number: int, total: int, mentions: list[Mention], entity_id: str | None,
             span: tuple[int, int] | None, span_is_mention: bool) -> None:
        if source is not self.article.source:
            header = Text(no_wrap=False)
            header.append(f"#{number} of {total}", style="bold")
            header.append(f" · {source.language} · {source_date_detail(source)} · {words(source.words)} · ")
            header.append(printable(source.path))
            for warning in source.warnings:
                header.append("\n⚠ " + printable(warning), style="bold")
            self.query_one("#reader-header", Static).update(header)
            self.border_title = Text(printable(source.title))
            self.query_one("#reader-title", Static).update(Text(printable(source.title), no_wrap=True,
                                                                overflow="ellipsis"))
        self.article.show(source, mentions, entity_id, span, span_is_mention)
