"""The reader: hostile text is shown literally and inertly; clicking a name chooses its entity;
boilerplate is dimmed; a 2 MB one-line article opens without a stall."""

from __future__ import annotations

from app_support import WIDE, create_app, hostile_story, settle

from tui.app.widgets.reader import ArticleView, ReaderPane
from tui.app.widgets.sources import SourceList


async def test_hostile_article_renders_literally(tmp_path):
    app = create_app([str(hostile_story(tmp_path / "story"))])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        titles = [s.path for s in app.story.sources]
        article = app.query_one(ArticleView)
        seen = ""
        for number in range(1, len(titles) + 1):
            await pilot.press(str(number))
            await pilot.pause()
            seen += article.visible_text() + "\n"
            seen += str(app.query_one("#reader-header").render()) + "\n"
        assert "[bold red]X[/bold red]" in seen
        assert "[@click=app.quit]q[/]" in seen
        assert "[link=http://evil.example]click[/link]" in seen
        assert "\x1b" not in seen and "\x07" not in seen
        assert "␛]0;pwned␇" in seen  # the escape is shown as a visible symbol, not obeyed
        # the rest of the screen too: titles in the sources list, status, notifications
        screen = app.export_screenshot()
        assert "\x1b" not in screen
        assert app.is_running
        # clicking where the fake [@click=app.quit] link is drawn does nothing of the sort
        markup_number = titles.index("markup.txt") + 1
        await pilot.press(str(markup_number))
        await pilot.pause()
        row = next(y for y in range(article.size.height) if "[@click" in article.render_line(y).text)
        column = article.render_line(row).text.index("[@click") + 2
        await pilot.click(ArticleView, offset=(column + article.styles.padding.left, row))
        await pilot.pause()
        assert app.is_running
        assert app.title == "storyview"


async def test_clicking_a_name_chooses_its_entity():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        article = app.query_one(ArticleView)
        # find where "Vrublevsky" is drawn and click it
        for y in range(article.size.height):
            line = article.render_line(y).text
            if "Vrublevsky" in line:
                x = line.index("Vrublevsky") + 2
                break
        else:
            raise AssertionError("no Vrublevsky on the first screen")
        assert await pilot.click(ArticleView, offset=(x + article.styles.padding.left, y))
        await pilot.pause()
        entity = app.story.entity(app.selection.entity_id)
        assert entity.name == "Petro Vrublevsky"
        mention = app.navigator.mentions(entity.id)[app.selection.mention]
        assert "Vrublevsky" in mention.text and mention.source_id == article.source.id
        assert app.query_one(SourceList).counts == entity.count_by_source()


async def test_boilerplate_is_dimmed():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        article = app.query_one(ArticleView)
        source = article.source
        assert source.boilerplate, "the first seed article has a boilerplate appeal"
        start, _ = source.boilerplate[0]
        article.scroll_to_offset(start)
        await pilot.pause()
        style = article.highlight_styles()["boilerplate"]
        y = article.line_of(start + 5) - int(article.scroll_y)
        strip = article.render_line(y)
        assert any(seg.text.strip() and seg.style.color == style.color for seg in strip)
        y_story = article.line_of(source.body_start) - int(article.scroll_y)
        if 0 <= y_story < article.size.height:
            assert not any(seg.style.color == style.color for seg in article.render_line(y_story))


async def test_a_two_megabyte_line_opens(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2022-10-01 Petro Vrublevsky met Tokayev in Astana.\n", encoding="utf-8")
    (folder / "huge.txt").write_text(" date 2022-10-02 " + "Moscow said nothing new. " * 80_000,
                                     encoding="utf-8")
    app = create_app([str(folder)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        huge = next(i for i, s in enumerate(app.story.sources) if s.path == "huge.txt") + 1
        await pilot.press(str(huge))  # how long this takes is a figure of tests/benchmarks/run.py
        await pilot.pause()
        article = app.query_one(ArticleView)
        assert article.source.path == "huge.txt"
        assert "Moscow said nothing new." in article.visible_text()
        await pilot.press("end")
        await pilot.pause()
        assert "Moscow said nothing new." in article.visible_text()
        assert app.query_one(ReaderPane).border_title
