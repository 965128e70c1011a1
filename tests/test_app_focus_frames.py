"""A pane switch repaints from kept lines and cuts only the changed cells: what reaches the terminal is
what Textual's own drawing would send (the panes' lines, the partial updates), whatever moved before."""

from __future__ import annotations

from app_support import WIDE, create_app, settle
from textual._compositor import Compositor
from textual._styles_cache import StylesCache
from textual.geometry import Region
from textual.scrollbar import ScrollBar

from tui.app.widgets.compositor import SpanCompositor
from tui.app.widgets.entities import EntityList
from tui.app.widgets.pane import Pane


def _freshly_drawn(pane: Pane) -> list:
    """The pane's lines drawn from scratch, its kept lines left as they were."""
    kept = pane._styles_cache
    pane._styles_cache = StylesCache()
    try:
        return pane.render_lines(pane.size.region)
    finally:
        pane._styles_cache = kept


def _lines_as_kept(pane: Pane) -> list:
    return pane.render_lines(pane.size.region)


async def test_every_pane_looks_as_if_drawn_afresh_after_focus_moves_and_a_title_change():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        panes = list(app.query(Pane))
        for key in ("e", "s", "r", "t", "e", "r", "s", "t"):
            await pilot.press(key)
            await settle(pilot)
            for pane in panes:
                assert _lines_as_kept(pane) == _freshly_drawn(pane), (key, pane.id)
        # a title changed while the pane had no focus: its kept focused look is out of date
        chronology = app.query_one("#chronology", Pane)
        await pilot.press("e")
        await settle(pilot)
        chronology.border_title = "A title of my own"
        await pilot.pause()
        for key in ("t", "e", "t"):
            await pilot.press(key)
            await settle(pilot)
            assert "A title of my own" in "".join(s.text for s in _lines_as_kept(chronology)[0])
            assert _lines_as_kept(chronology) == _freshly_drawn(chronology)


def _sent(update) -> dict[tuple[int, int], tuple[str, object]]:
    """The cells an update writes on the terminal (as ChopsUpdate.render_segments does), by position."""
    cells: dict[tuple[int, int], tuple[str, object]] = {}
    if update is None:
        return cells
    for y, x1, x2 in update.spans:
        for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
            if strip is None or x > x2 or end <= x1:
                continue
            column = x
            for segment in strip.crop(0, min(end, x2) - x):
                for char in segment.text:
                    cells[column, y] = (char, segment.style)
                    column += 1
    return cells


async def test_the_partial_update_sends_what_textuals_own_would():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        compositor = app.screen._compositor
        assert isinstance(compositor, SpanCompositor)
        width, height = compositor.size
        frames = [region for pane in app.query(Pane) for region in (
            Region(pane.region.x, pane.region.y, pane.outer_size.width, 1),
            Region(pane.region.x, pane.region.y, 1, pane.outer_size.height),
            Region(pane.region.right - 1, pane.region.y, 1, pane.outer_size.height))]
        cases = [frames, frames[:3], [Region(0, 0, width, height)], [Region(3, 5, 40, 2), Region(90, 1, 7, 30)],
                 [Region(width - 10, height - 3, 10, 3), Region(0, height - 1, width, 1)],
                 [app.query_one(EntityList).region], [Region(0, 0, 1, 1), Region(width - 1, 0, 1, height)]]
        for dirty in cases:
            compositor._dirty_regions.update(dirty)
            ours = _sent(compositor.render_partial_update())
            compositor._dirty_regions.update(dirty)
            textuals = _sent(Compositor.render_partial_update(compositor))
            assert ours == textuals, dirty
            assert ours  # something was drawn


async def test_a_focus_change_leaves_the_lists_scrollbars_alone(monkeypatch):
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        entity_list = app.query_one(EntityList)
        assert entity_list.show_vertical_scrollbar  # the sample has more names than rows
        refreshed: list[ScrollBar] = []
        original = ScrollBar.refresh
        monkeypatch.setattr(ScrollBar, "refresh", lambda self, *a, **k: refreshed.append(self) or original(self, *a, **k))
        for key in ("e", "r", "e", "t"):
            await pilot.press(key)
            await settle(pilot)
        assert entity_list.vertical_scrollbar not in refreshed
        # scrolling still moves the thumb
        entity_list.scroll_end(animate=False)
        await settle(pilot)
        assert entity_list.vertical_scrollbar in refreshed


def _screen(update) -> list[list[tuple[str, object]]]:
    """The cells of a full update, line by line."""
    return [[(char, segment.style) for strip in line for segment in strip for char in segment.text]
            for line in update.strips]


async def test_the_full_update_draws_what_textuals_own_would():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for keys in ([], ["e"], ["question_mark"], ["escape", "t"]):
            for key in keys:
                await pilot.press(key)
            await settle(pilot)
            compositor = app.screen._compositor
            ours = _screen(compositor.render_full_update())
            textuals = _screen(Compositor.render_full_update(compositor))
            assert ours == textuals, keys
            assert len(ours) == WIDE[1] and all(len(line) == WIDE[0] for line in ours)
