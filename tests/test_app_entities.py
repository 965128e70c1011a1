"""The entities pane: grouped by type, filterable, coverage strips, Enter chooses."""

from __future__ import annotations

from app_support import WIDE, create_app, settle, vrublevsky_id

from tui.app.widgets.entities import EntitiesPane, EntityList, TypeFilter, coverage
from tui.app.widgets.reader import ArticleView


async def test_grouped_then_filtered_by_type():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        entity_list = app.query_one(EntityList)
        headings = [row for row in entity_list.rows if isinstance(row, str)]
        assert [h.split(" (")[0] for h in headings] == ["People", "Places", "Organisations", "Other names"]
        assert sum(1 for row in entity_list.rows if not isinstance(row, str)) == len(app.story.entities)
        await pilot.press("e", "f")  # All -> People
        assert all(not isinstance(row, str) and row.type == "PERSON" for row in entity_list.rows)
        await pilot.press("f")
        assert {row.type for row in entity_list.rows} == {"PLACE"}
        # clicking a filter label works too
        bar = app.query_one(TypeFilter)
        all_at = bar.render().plain.index("All")
        await pilot.click(TypeFilter, offset=(all_at, 0))
        await pilot.pause()
        assert app.query_one(EntitiesPane).type_filter == "ALL"


async def test_enter_on_an_entity_chooses_it_and_the_reader_follows():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        entity_list = app.query_one(EntityList)
        assert entity_list.rows[entity_list.cursor].name == "Petro Vrublevsky"  # the cursor skips headings
        await pilot.press("enter")
        assert app.selection.entity_id == vrublevsky_id(app)
        assert isinstance(app.focused, ArticleView)
        assert "mention 1 of 10" in str(app.query_one("#status-text").render())
        first, second = entity_list.render_row(entity_list.cursor, 36)
        assert first.plain.startswith("● Petro Vrublevsky")
        assert "Wrublewski" in second.plain or "Vrublevskiy" in second.plain


def test_coverage_strip_one_cell_per_source_or_per_run():
    class S:
        def __init__(self, i):
            self.id = f"s{i}"

    sources = [S(i) for i in range(3)]
    strip = coverage({"s0": 1, "s2": 6}, sources, 10)
    assert [names for _, names in strip] == [True, False, True]
    assert strip[0][0] < strip[2][0]  # more mentions, taller glyph
    many = [S(i) for i in range(100)]
    strip = coverage({f"s{i}": 1 for i in range(50)}, many, 10)
    assert len(strip) == 10
    assert [names for _, names in strip] == [True] * 5 + [False] * 5
    assert strip[0][0] == "█"
