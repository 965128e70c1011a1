"""A compositor whose partial updates touch only the widgets under the changed cells.

Textual's Compositor.render_partial_update draws the box around all the screen's changed regions: every
widget overlapping that box is cut into pieces on every changed line. A pane switch changes the frames of
two panes, whose side edges span the full height, so the box is most of the screen and ~1,100 widget
lines are cut to repaint ~450 frame cells (~35 ms at 200x60). Here a widget's line is cut only if one of
the changed spans of that line crosses the widget: the same pieces reach the terminal (a piece between
two cuts is covered by the same widgets all along, so a widget that does not cross a span has nothing in
it), at the cost of the frames' own lines.

This overrides a private part of Textual 8 (Compositor.render_partial_update, with its _dirty_regions,
cuts, visible_widgets and _regions_to_spans); ChopsUpdate is what Textual's own returns.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from itertools import pairwise

from textual._compositor import ChopsUpdate, Compositor, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip


class SpanCompositor(Compositor):
    """Compositor.render_partial_update, restricted to the widgets and lines the changed spans cross."""

    def render_partial_update(self) -> ChopsUpdate | None:
        screen_region = self.size.region
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        spans = [span for span in self._regions_to_spans(update_regions)
                 if 0 <= span[0] < screen_region.height]
        if not spans:
            return None
        row_spans: dict[int, list[tuple[int, int]]] = {}
        for y, x1, x2 in spans:
            row_spans.setdefault(y, []).append((x1, x2))
        chops = self._fill_pieces(row_spans, update_regions)
        chop_ends = [cut_set[1:] for cut_set in self.cuts]
        return ChopsUpdate(chops, spans, chop_ends)

    def render_full_update(self, simplify: bool = False) -> LayoutUpdate:
        """Compositor.render_full_update, asking each widget only for the pieces no widget in front of it
        covers (Textual's cuts every line of every widget, the screen's and the containers' too)."""
        screen_region = self.size.region
        self._dirty_regions.clear()
        width, height = self.size
        chops = self._fill_pieces({y: [(0, width)] for y in range(height)}, {screen_region})
        lines = [[piece for piece in chop.values() if piece is not None] for chop in chops]
        if sum(map(len, lines)) != sum(map(len, chops)):  # a cell no widget covers: Textual's way copes
            return super().render_full_update(simplify)
        render_strips: list[Iterable[Strip]]
        if simplify:  # as Textual's (for SVG exports)
            render_strips = [[Strip.join(line).simplify().discard_meta()] for line in lines]
        else:
            render_strips = list(lines)
        return LayoutUpdate(render_strips, screen_region)

    def _fill_pieces(self, row_spans: dict[int, list[tuple[int, int]]],
                     update_regions: Collection[Region]) -> list[dict[int, Strip | None]]:
        """Per line, the pieces (between two cuts) that the spans cross, each from the front widget."""
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        for widget, (region, clip) in self.visible_widgets.items():
            visible = region.intersection(clip)
            if not visible or not any(visible.overlaps(changed) for changed in update_regions):
                continue
            left, right = visible.column_span
            # per line, the pieces of this widget that a changed span crosses and no widget in front of it
            # has filled (painting front to back, the first piece for a cut wins)
            wanted: dict[int, list[tuple[int, int]]] = {}
            for y in visible.line_range:
                line_spans = row_spans.get(y)
                if not line_spans:
                    continue
                chops_line = chops[y]
                line_cuts = cuts[y]
                pieces = [(cut, end) for cut, end in pairwise(line_cuts)
                          if left <= cut and end <= right and chops_line[cut] is None
                          and any(x1 < end and x2 > cut for x1, x2 in line_spans)]
                if pieces:
                    wanted[y] = pieces
            if not wanted:
                continue
            top, bottom = min(wanted), max(wanted) + 1
            strips = widget.render_lines(Region(left - region.x, top - region.y, right - left, bottom - top))
            for y, strip in zip(range(top, bottom), strips, strict=True):
                chops_line = chops[y]
                for cut, end in wanted.get(y, ()):
                    chops_line[cut] = strip.crop(cut - left, end - left)
        return chops
