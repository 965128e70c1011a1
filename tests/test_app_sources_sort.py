"""The sources pane's order (`o`), its filter to the sources naming the chosen entity (`F`) and "go to
source 42" (`#`), issue 15 item 3. A source keeps its number — its place in the story, as the reader,
the chronology and the 1-9 keys say it — in every order."""

from __future__ import annotations

from app_support import NARROW, WIDE, create_app, settle, status_text, type_text, vrublevsky_id

from tui.app.widgets.reader import ArticleView
from tui.app.widgets.sources import SORTS, SourceList, SourcesHeader, SourcesPane, find_source, sort_sources
from tui.app.widgets.status import StatusLine


def numbers(source_list: SourceList) -> list[int]:
    return [source_list.numbers[s.id] for s in source_list.sources]


def shown_numbers(source_list: SourceList, width: int = 80) -> list[str]:
    return [source_list.render_row(i, width)[0].plain.split()[0].lstrip("▶") for i in range(source_list.row_count)]


def dated_story(write_story):
    """Seven articles: dates out of order, one undated, two languages, one naming Vrublevsky three times."""
    return write_story({
        "01_wire.txt": " date 2022-10-05 Alpha report. Petro Vrublevsky spoke in Astana.\n",
        "02_daily.txt": " date 2022-10-20 Bravo report. Vrublevsky, Vrublevsky and Vrublevsky again.\n",
        "03_pap.txt": " date 2022-09-01 Charlie raport. Spotkanie w Warszawie odbyło się we wtorek.\n",
        "04_dpa.txt": "Delta Bericht. Das Treffen fand in Berlin statt, ohne Datum.\n",
        "05_afp.txt": " date 2022-10-11 Echo report. Petro Vrublevsky was recalled.\n",
        "06_ap.txt": " date 2022-08-15 Foxtrot report on the talks in Kyiv.\n",
        "07_bbc.txt": " date 2022-10-12 Golf report on Kazakhstan and its neighbours.\n",
    })


def test_sort_orders_keep_ties_in_story_order(seeds_story):
    sources = list(seeds_story.sources)
    assert sort_sources(sources, "number", {}) == sources
    by_date = sort_sources(sources, "date", {})
    assert [s.date for s in by_date][-1] is None  # undated last
    assert by_date[0].date == max(s.date for s in sources if s.date)
    counts = {sources[2].id: 4, sources[1].id: 4}
    assert sort_sources(sources, "hits", counts) == [sources[1], sources[2], sources[0]]  # tie: story order
    assert [s.language for s in sort_sources(sources, "language", {})] == sorted(s.language for s in sources)


def test_find_source_by_number_or_title(seeds_story):
    sources = list(seeds_story.sources)
    assert find_source(sources, "2") == (sources[1], "")
    assert find_source(sources, " #3 ") == (sources[2], "")
    source, note = find_source(sources, "42")
    assert source is None and note == "No source #42: the story has 3 (1–3)."
    assert find_source(sources, "ŻĄDANIA rosji")[0] is sources[2]  # any case
    source, note = find_source(sources, "ukrain")
    assert source is sources[0] and "opened #1" in note and "#2" in note  # two titles hold it: the first
    assert find_source(sources, "no such words")[0] is None
    assert find_source(sources, "  ") == (None, "")


async def test_o_cycles_the_order_and_numbers_stay(write_story):
    app = create_app([str(dated_story(write_story))])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        pane = app.query_one(SourcesPane)
        source_list = app.query_one(SourceList)
        assert numbers(source_list) == [1, 2, 3, 4, 5, 6, 7]
        await pilot.press("o")
        assert pane.order == "date"
        assert numbers(source_list) == [2, 7, 5, 1, 3, 6, 4]  # newest first, undated (#4) last
        assert shown_numbers(source_list) == ["2", "7", "5", "1", "3", "6", "4"]
        assert "by date ↓" in str(pane.border_title)
        assert "newest first" in status_text(app)
        header = app.query_one(SourcesHeader).render().plain
        assert "date↓" in header and "by date ↓" in header
        # the open source (#1) keeps its place under the cursor; the reader did not move
        assert source_list.sources[source_list.cursor].id == app.story.sources[0].id
        assert app.query_one(ArticleView).source is app.story.sources[0]
        await pilot.press("down")  # the row under #1 in this order is #3
        await settle(pilot)
        assert app.query_one(ArticleView).source is app.story.sources[2]
        await pilot.press("5")  # number keys still mean the story's numbers, and the cursor follows
        assert app.query_one(ArticleView).source is app.story.sources[4]
        assert source_list.sources[source_list.cursor] is app.story.sources[4]
        for order in SORTS[2:]:
            await pilot.press("o")
            assert pane.order == order
        assert numbers(source_list) == sorted(numbers(source_list), key=lambda n: app.story.sources[n - 1].path)
        await pilot.press("o")
        assert pane.order == "number" and numbers(source_list) == [1, 2, 3, 4, 5, 6, 7]
        assert str(pane.border_title) == "Sources (7)"


async def test_F_filters_to_the_sources_naming_the_chosen_entity(write_story):
    app = create_app([str(dated_story(write_story))])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("s", "F")
        pane = app.query_one(SourcesPane)
        source_list = app.query_one(SourceList)
        assert not pane.only_naming and source_list.row_count == 7
        assert "No name is chosen" in status_text(app)  # said, not silently ignored
        entity = next(e for e in app.story.entities if "Vrublevsky" in e.name)
        app.choose_entity(entity.id)
        await pilot.pause()
        await pilot.press("s", "F")
        assert pane.only_naming
        assert numbers(source_list) == [1, 2, 5]
        assert "3 of 7 sources name" in status_text(app)
        assert "naming" in str(pane.border_title) and "(3 of 7)" in str(pane.border_title)
        await pilot.press("o", "o")  # by hits, within the filter
        assert pane.order == "hits"
        assert numbers(source_list) == [2, 1, 5]
        await pilot.press("F")
        assert not pane.only_naming and source_list.row_count == 7
        assert numbers(source_list)[:3] == [2, 1, 5]  # still by hits


async def test_hash_goes_to_a_source_by_number_or_title(write_story):
    app = create_app([str(dated_story(write_story))])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("number_sign")
        await type_text(pilot, "6")
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(ArticleView).source is app.story.sources[5]
        await pilot.press("number_sign")
        await type_text(pilot, "golf")
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(ArticleView).source is app.story.sources[6]
        await pilot.press("number_sign")
        await type_text(pilot, "42")
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(ArticleView).source is app.story.sources[6]  # stays
        assert "No source #42" in status_text(app)
        await pilot.press("number_sign", "escape")
        assert app.query_one(ArticleView).source is app.story.sources[6]


async def test_maximised_the_pane_keeps_its_header():
    app = create_app([])
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        assert app.screen.maximize(app.query_one(SourceList))
        await pilot.pause()
        pane = app.query_one(SourcesPane)
        assert app.screen.maximized is pane
        header = app.query_one(SourcesHeader)
        assert header.region.width > 150 and header.region.height == 1
        assert "path" in header.render().plain  # room for the path column
        row = app.query_one(SourceList).render_row(0, 190)[0].plain
        assert app.story.sources[0].path in row


async def test_header_fits_at_80_columns():
    app = create_app([])
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("s")
        app.choose_entity(vrublevsky_id(app))
        await pilot.pause()
        await pilot.press("F", "o")
        await pilot.pause()
        header = app.query_one(SourcesHeader)
        assert header.region.width == 80
        plain = header.render().plain
        assert plain.startswith("#  lang date↓") and "title" in plain and "naming Petro" in plain
        assert len(plain) <= 80
        assert app.query_one(StatusLine).region.width == 80
