"""Search, Enter, n / N and the command palette, driven through Pilot on the bundled story."""

from __future__ import annotations

from app_support import WIDE, create_app, settle, type_text, vrublevsky_id
from textual.widgets import Input

from tui.app.widgets.reader import ArticleView
from tui.app.widgets.search import SearchPane


async def test_polish_spelling_lists_the_entity():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await type_text(pilot, "Wrublewskiego")
        await settle(pilot)
        search = app.query_one(SearchPane)
        names = [r.entity.name for r in search.results]
        assert names and names[0] == "Petro Vrublevsky"
        assert search.result_list.row_count == len(names)
        # Esc leaves the box; / comes back with the old query selected, so typing replaces it. Typed fast,
        # each keystroke's search supersedes the last and the UI ends on the answer for the whole query
        await pilot.press("escape")
        assert not isinstance(app.focused, Input)
        await pilot.press("slash")
        await type_text(pilot, "wrublewski")
        await settle(pilot)
        assert search.results_query == "wrublewski"
        assert search.results[0].entity.name == "Petro Vrublevsky"


async def test_enter_jumps_to_a_highlighted_mention():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "wrublewski")
        await pilot.press("enter")  # at once: the answer may still be on its way
        await settle(pilot)
        entity = app.story.entity(vrublevsky_id(app))
        selection = app.selection
        assert selection.entity_id == entity.id
        assert selection.mention is not None
        mention = app.navigator.mentions(entity.id)[selection.mention]
        assert selection.span == (mention.start, mention.end)
        assert selection.source_id == mention.source_id
        article = app.query_one(ArticleView)
        assert isinstance(app.focused, ArticleView)  # so n / N work straight away
        assert article.source.id == mention.source_id
        # the mention is on screen, drawn with the "current" style
        assert mention.text in article.visible_text()
        current = article.highlight_styles()["current"]
        line = article.line_of(mention.start) - int(article.scroll_y)
        strip = article.render_line(line)
        assert any(seg.text.strip() and current.bgcolor == seg.style.bgcolor and seg.text in mention.text
                   for seg in strip), "the current mention is not emphasised"


async def test_n_and_shift_n_walk_every_mention_across_sources_and_wrap():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        entity = app.story.entity(vrublevsky_id(app))
        app.choose_entity(entity.id)
        await pilot.pause()
        await pilot.press("r")  # focus the reader (Esc there would un-choose the name)
        first = app.selection
        assert first.mention == 0
        seen = [(first.source_id, first.span)]
        status = app.query_one("#status-text")
        for _ in range(len(entity.mentions) - 1):
            await pilot.press("n")
            seen.append((app.selection.source_id, app.selection.span))
        assert len(set(seen)) == len(entity.mentions)
        assert {m.source_id for m in entity.mentions} == {source for source, _ in seen}
        assert sorted((m.source_id, (m.start, m.end)) for m in entity.mentions) == sorted(seen)
        # the reader followed: the last mention's source is open
        assert app.query_one(ArticleView).source.id == seen[-1][0]
        assert f"mention {len(entity.mentions)} of {len(entity.mentions)}" in str(status.render())
        await pilot.press("n")  # wraps to the first
        assert (app.selection.source_id, app.selection.span) == seen[0]
        assert "mention 1 of" in str(status.render()) and "source 1 of 3" in str(status.render())
        await pilot.press("N")  # and back round to the last
        assert (app.selection.source_id, app.selection.span) == seen[-1]
        backwards = []
        for _ in range(len(entity.mentions)):
            backwards.append((app.selection.source_id, app.selection.span))
            await pilot.press("N")
        assert backwards == list(reversed(seen))


async def palette_prompts(pilot, text: str) -> list[str]:
    """Open the command palette, type `text`, and read the commands it offers, best first."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.pause(0.5)
    commands = pilot.app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def test_command_palette_finds_an_entity_by_a_variant_spelling():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        prompts = await palette_prompts(pilot, "Wrublewskiego")
        assert prompts and "Petro Vrublevsky" in prompts[0]
        await pilot.press("enter")
        await settle(pilot)
        assert app.selection.entity_id == vrublevsky_id(app)


async def test_command_palette_finds_a_source_by_its_title_without_diacritics():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        prompts = await palette_prompts(pilot, "zadania rosji")
        assert prompts and prompts[0].startswith("#3 Żądania Rosji")
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(ArticleView).source.id == app.story.sources[2].id
        assert isinstance(app.focused, ArticleView)


async def test_a_failing_search_is_reported_not_fatal(monkeypatch):
    from tui.engine.story import Story

    def broken(self, query, limit=20):
        raise RuntimeError("index on fire")

    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Story, "search", broken)
        await pilot.press("slash")
        await type_text(pilot, "x")
        await settle(pilot, failures=True)
        assert app.is_running
        assert any("Search failed" in n.message and "index on fire" in n.message for n in app._notifications)


async def test_down_in_the_box_moves_the_highlight_and_enter_takes_it():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "Kazakhstan")
        await settle(pilot)
        search = app.query_one(SearchPane)
        assert len(search.results) >= 2
        second = search.results[1].entity
        await pilot.press("down")
        assert isinstance(app.focused, Input)  # still typing-ready
        assert search.result_list.cursor == 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.selection.entity_id == second.id
        assert app.selection.mention == 0


async def test_typing_a_name_lists_it_from_the_third_letter():
    # search as you type (issue 15): each keystroke's answer is shown, and from "Vru" on the entity is first
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        search = app.query_one(SearchPane)
        await pilot.press("slash")
        typed = ""
        for letter in "Vrub":
            typed += letter
            await pilot.press(letter)
            await settle(pilot)
            assert search.results_query == typed
            names = [r.entity.name for r in search.results]
            assert len(typed) < 3 or names[:1] == ["Petro Vrublevsky"], (typed, names)
            assert search.result_list.row_count == len(names)
        assert search.query_one("#search-note").has_class("-empty")  # no "no name matches"
