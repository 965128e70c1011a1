"""The sources pane shows each source's outlet (a page's site, a feed's title, a record's source) and
sorts by it with `o`; a story without outlets keeps its columns as they were."""

from __future__ import annotations

import json

from app_support import WIDE, create_app, settle, status_text

from tui.app.widgets.sources import SORTS, SourceList, SourcesHeader, SourcesPane


async def test_the_sources_pane_shows_and_sorts_by_outlet(write_story):
    records = [{"title": "Ferry resumes", "text": "The ferry to Sulina ran again on Monday.", "outlet": "Zeta Post"},
               {"title": "Carp season", "text": "Fishermen in Jurilovca had a good spring.", "outlet": "Alpha News"}]
    folder = write_story({
        "1_export.jsonl": "\n".join(json.dumps(r) for r in records) + "\n",
        "2_plain.txt": "A report on the delta without any outlet named in it.\n",
        "3_page.html": "<html><head><meta property='og:site_name' content='Mid Times'></head><body><article>"
                       "<h1>Pelicans are back</h1><p>Four hundred pelicans were counted near Sulina.</p>"
                       "</article></body></html>",
    })
    app = create_app([str(folder)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        pane = app.query_one(SourcesPane)
        source_list = app.query_one(SourceList)
        assert "outlet" in app.query_one(SourcesHeader).render().plain
        assert "Zeta Post · Ferry resumes" in source_list.render_row(0, 61)[0].plain  # narrow: before the title
        await pilot.press("s")
        for _ in range(SORTS.index("outlet")):
            await pilot.press("o")
        assert pane.order == "outlet"
        assert [s.outlet for s in source_list.sources] == ["Alpha News", "Mid Times", "Zeta Post", ""]
        assert "by outlet" in status_text(app)
        assert "outlet↑" in app.query_one(SourcesHeader).render().plain


async def test_a_story_without_outlets_has_no_outlet_column(write_story):
    folder = write_story({"a.txt": "One report on the delta.\n", "b.txt": "Another report on the port.\n"})
    app = create_app([str(folder)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "outlet" not in app.query_one(SourcesHeader).render().plain
