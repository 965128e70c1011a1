"""A pane of the dashboard: a bordered column whose border and title say whether the focus is in it, and
which redraws only that frame when the focus comes or goes.

Left to itself Textual makes a pane switch cost ~100 ms of CPU at 200x60: it restyles every widget inside
the two panes whose :focus-within changed, and a pane whose border colour changed repaints its whole area
(at 200x60 most of the screen), children and all; a changed border-title colour or style even repaints
every child from scratch. Here the focus restyles only the panes themselves, a pane's restyle repaints
only its frame, and the title's focused look is a component class read when the frame is drawn. A pane
keeps its drawn lines in both looks, so a focus change swaps them rather than re-rendering every line
(the side edges are on all of them); the screen's SpanCompositor then cuts only the frame cells out of
them; and a focused list's restyle no longer repaints its scrollbars, which do not change.

This leans on private parts of Textual 8 (Screen._update_focus_styles, DOMNode._has_focus_within,
DOMNode._get_title_style_information, Widget._styles_cache with StylesCache._dirty_lines,
Widget._vertical_scrollbar / _horizontal_scrollbar); if the first two are gone, everything falls back to
Textual's own way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.containers import Vertical
from textual.dom import NoScreen
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from .compositor import SpanCompositor

if TYPE_CHECKING:
    from typing import Self

    from textual.css.stylesheet import Stylesheet
    from textual.dom import DOMNode


class Pane(Vertical):
    """A pane; styles/storyview.tcss gives `.pane` its frame, and `.pane:focus-within` may change only
    the frame's border colour (anything else would be drawn only on the frame: see FocusFrameScreen)."""

    # the title's look while the focus is in the pane (a border-title-* rule on :focus-within would
    # repaint every widget in the pane from scratch on each focus change)
    COMPONENT_CLASSES = {"pane--title-focused"}

    _frame_only = False  # set while the focus restyles this pane: a repaint then redraws only the frame
    # The pane's lines in each look (focus in it or not), kept while nothing else about it changes: a
    # focus change then swaps the lines in rather than re-rendering every one of them (the side edges
    # are on every line). `_cache_focus` is the look the current lines were drawn in.
    _cache_focus: bool | None = None
    _kept_lines: dict[tuple[bool, Size], StylesCache] | None = None

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if self._frame_only and not regions and repaint and not layout and not recompose and self.is_mounted:
            frame = self._frame_regions()
            if not frame:
                return self
            self._swap_lines()
            # the current lines are drawn in this look (or not drawn yet): the frame is repainted from them
            lines = self._styles_cache
            dirty = set(lines._dirty_lines)
            super().refresh(*frame)
            lines._dirty_lines = dirty
            return self
        if repaint and self._kept_lines:
            self._kept_lines.clear()  # something else changed: the kept lines may be out of date
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _swap_lines(self) -> None:
        """Keep the current lines under their look and take those of the new look if kept."""
        focus, size = self.has_focus_within, self.outer_size
        if self._cache_focus is None or self._cache_focus == focus:
            return
        kept = self._kept_lines
        if kept is None:
            kept = self._kept_lines = {}
        if not self._styles_cache._dirty_lines:  # lines still to be redrawn are not worth keeping
            kept[self._cache_focus, size] = self._styles_cache
        lines = kept.pop((focus, size), None)
        self._styles_cache = lines if lines is not None else StylesCache()
        self._cache_focus = focus

    def render_lines(self, crop: Region) -> list[Strip]:
        strips = super().render_lines(crop)
        self._cache_focus = self.has_focus_within
        return strips

    def _frame_regions(self) -> list[Region]:
        """The border's four edges, in the content-relative coordinates `refresh` takes."""
        width, height = self.outer_size
        top, right, bottom, left = self.styles.border.spacing
        x, y = -self.content_offset.x, -self.content_offset.y
        edges = [Region(x, y, width, top), Region(x, y + height - bottom, width, bottom),
                 Region(x, y, left, height), Region(x + width - right, y, right, height)]
        return [edge for edge in edges if edge]

    def _get_title_style_information(self, background: Color) -> tuple[Color, Color, VisualStyle]:
        color, title_background, style = super()._get_title_style_information(background)
        if not self.has_focus_within:
            return color, title_background, style
        focused = self.get_component_styles("pane--title-focused")
        if focused.has_rule("color"):
            # `auto` (the themes' $text) picks black or white against the background, as Textual's does
            color = background.get_contrast_text(focused.color.a) if focused.auto_color else focused.color
        if focused.has_rule("text_style"):
            style = VisualStyle.from_rich_style(focused.text_style)
        return color, title_background, style


def _focus_within_is_local(stylesheet: Stylesheet) -> bool:
    """No rule styles a widget by whether an ancestor has the focus within it (`X:focus-within Y`): then
    a focus change need restyle only the nodes whose own :focus-within changed, not all below them."""
    return not any("focus-within" in selector.pseudo_classes
                   for rule in stylesheet.rules for selector_set in rule.selector_set
                   for selector in selector_set.selectors[:-1])


class FocusFrameScreen(Screen):
    """A screen whose focus changes restyle only the nodes that have a :focus-within rule (the panes),
    and let a Pane redraw only its frame for it; its partial updates cut only the widgets under the changed
    cells (SpanCompositor)."""

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._compositor = SpanCompositor()

    def _update_focus_styles(self, focused: DOMNode | None = None, blurred: DOMNode | None = None) -> None:
        stylesheet = self.app.stylesheet
        if not hasattr(self, "_has_focus_within") or not _focus_within_is_local(stylesheet):
            super()._update_focus_styles(focused, blurred)  # type: ignore[arg-type]
            return
        nodes = {node for start in (focused, blurred) if start is not None
                 for node in start.ancestors_with_self if node._has_focus_within}
        for node in nodes:
            if isinstance(node, Pane):
                node._frame_only = True
                try:
                    stylesheet.update_nodes([node], animate=True)
                finally:
                    node._frame_only = False
            else:
                stylesheet.update_nodes([node], animate=True)


class QuietFocus(Widget):
    """A widget whose look hardly depends on the focus (the reader: not at all; a list: its cursor row),
    which repaints what does itself (`repaint_focus`): Textual would re-render all of it three times per
    pane switch (Widget.focus repaints it, Widget._on_focus / _on_blur repaint it, and a changed component
    class style, such as a list cursor's :focus look, repaints it again), ~50 lines each at 200x60. A
    :focus rule on such a widget may change only what `repaint_focus` repaints. Mix in before the widget
    class: `class RowList(QuietFocus, ScrollView)`."""

    _restyling_focus = False  # set while the focus change restyles the widget: a whole repaint is skipped

    def focus(self, scroll_visible: bool = True) -> Self:
        """Widget.focus, less its repaint."""

        def set_focus() -> None:
            try:
                self.screen.set_focus(self, scroll_visible=scroll_visible)
            except NoScreen:
                pass  # removed before the call came round, as Widget.focus allows

        self.app.call_later(set_focus)
        return self

    def repaint_focus(self) -> None:
        """Repaint what looks different with the focus (nothing, here)."""

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if self._restyling_focus and not regions and not layout and not recompose:
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _on_focus(self, event: events.Focus) -> None:
        self._focus_changed(event)

    def _on_blur(self, event: events.Blur) -> None:
        self._focus_changed(event)

    def _scrollbar_look(self) -> tuple[object, ...]:
        styles = self.styles
        return (styles.scrollbar_color, styles.scrollbar_color_hover, styles.scrollbar_color_active,
                styles.scrollbar_background, styles.scrollbar_background_hover,
                styles.scrollbar_background_active, styles.scrollbar_corner_color)

    def _focus_changed(self, event: events.Focus | events.Blur) -> None:
        """Textual's own handling of a focus or blur (Widget._on_focus / _on_blur), less the repaints."""
        event.prevent_default()
        focused = isinstance(event, events.Focus)
        # Restyling sets every style rule of the widget again, and setting any scrollbar colour repaints
        # its scrollbars whether or not it changed (ScrollbarColorProperty): ~25 lines per focus change.
        # No rule changes them by focus; should one, the bars are repainted below.
        bars = [bar for bar in (self._vertical_scrollbar, self._horizontal_scrollbar) if bar is not None]
        look = self._scrollbar_look()
        self._restyling_focus = True
        for bar in bars:
            bar.refresh = _no_refresh.__get__(bar)  # type: ignore[method-assign]
        try:
            self.has_focus = focused  # restyles the widget (its watcher)
        finally:
            self._restyling_focus = False
            for bar in bars:
                del bar.refresh
        if self._scrollbar_look() != look:
            for bar in bars:
                bar.refresh()
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self) if focused else events.DescendantBlur(self))
        self.repaint_focus()


def _no_refresh(self: Widget, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Widget:
    """Widget.refresh doing nothing: a scrollbar's while its widget's focus restyle sets its colours."""
    return self
