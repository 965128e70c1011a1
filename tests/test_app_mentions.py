"""The mentions view (M) and the walk through the sources naming the chosen entity ({ / }): Pilot tests on
the sample story, one on an entity of thousands of mentions, and the excerpt that cuts a sentence."""

from __future__ import annotations

from app_support import NARROW, WIDE, create_app, settle, status_text, type_text, vrublevsky_id
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.widgets import Input

from tui.app.mentions import MentionList, MentionsScreen, NamedWithList, _Header, _Row, excerpt


async def _choose_vrublevsky(pilot) -> None:
    await settle(pilot)
    pilot.app.choose_entity(vrublevsky_id(pilot.app))
    pilot.app.action_show_pane("reader")
    await settle(pilot)



async def test_m_without_a_chosen_name_says_how_to_choose_one():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        assert not isinstance(app.screen, MentionsScreen)
        assert any("Choose a name first" in n.message for n in app._notifications)


async def test_the_view_groups_mentions_by_source_by_date_and_enter_opens_one():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await _choose_vrublevsky(pilot)
        app.action_step_mention(1)  # on mention 2 of 10
        await pilot.press("M")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MentionsScreen)
        listing = screen.query_one(MentionList)
        headers = [r for r in listing.rows if isinstance(r, _Header)]
        mentions = [r for r in listing.rows if isinstance(r, _Row)]
        assert len(headers) == 3 and len(mentions) == 10
        assert sum(h.count for h in headers) == 10
        keys = [(h.source.date is None, h.source.date or "", h.source.title.casefold()) for h in headers]
        assert keys == sorted(keys)
        assert not listing._selectable[0]  # a header row is never the cursor's
        current = listing.current()
        assert current is not None and current.number == 2  # the mention the reader showed
        # every row drawn shows the mention itself, whole
        for index, row in enumerate(listing.rows):
            if isinstance(row, _Row):
                assert row.mention.text.replace("\n", " ") in listing.render_row(index, 60)[0].plain
        await pilot.press("down")
        chosen = listing.current()
        assert chosen is not None
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, MentionsScreen)
        mention = chosen.mention
        assert app.selection.span == (mention.start, mention.end)
        assert app.selection.mention == chosen.number - 1
        assert f"mention {chosen.number} of 10" in status_text(app)
        assert app.focused is app.query_one("#article")


async def test_l_cycles_the_languages_and_typing_narrows_by_source_title():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await _choose_vrublevsky(pilot)
        await pilot.press("M")
        await settle(pilot)
        screen = app.screen
        listing = screen.query_one(MentionList)

        def languages() -> set[str]:
            return {r.source.language for r in listing.rows if isinstance(r, _Header)}

        assert languages() == {"en", "pl"}
        await pilot.press("l")
        assert languages() == {"en"} and "language: en" in str(screen.query_one("#mentions-state").render())
        await pilot.press("l")
        assert languages() == {"pl"}
        await pilot.press("l")
        assert languages() == {"en", "pl"}
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await type_text(pilot, "MAJOR")  # folded: any case
        headers = [r for r in listing.rows if isinstance(r, _Header)]
        assert len(headers) == 1 and "major" in headers[0].source.title
        await pilot.press("escape")  # leaves the box, keeps the filter
        assert app.focused is listing and len([r for r in listing.rows if isinstance(r, _Header)]) == 1
        await type_text(pilot, "l")  # a key again, not text
        assert screen.title_filter == "MAJOR"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, MentionsScreen)


async def test_enter_on_an_entity_named_with_it_chooses_that_entity():
    app = create_app([])
    async with app.run_test(size=NARROW) as pilot:
        await _choose_vrublevsky(pilot)
        await pilot.press("M")
        await settle(pilot)
        screen = app.screen
        named = screen.query_one(NamedWithList)
        assert named.found and named.found[0].entity.name == "Kazakhstan"
        assert "Named with it: " in str(screen.query_one("#named-with-title").render())
        await pilot.press("tab")
        assert app.focused is named
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen  # the view stays, showing the new entity
        kazakhstan = named.found and app.story.entity(app.selection.entity_id)
        assert kazakhstan is not None and kazakhstan.name == "Kazakhstan"
        rows = [r for r in screen.query_one(MentionList).rows if isinstance(r, _Row)]
        assert len(rows) == len(kazakhstan.mentions)
        assert screen.query_one("#mentions-box").border_title == "Mentions of Kazakhstan"
        assert all(c.entity.name != "Kazakhstan" for c in named.found)
        assert app.focused is screen.query_one(MentionList)


async def test_braces_step_through_the_sources_naming_it_and_say_when_they_wrap():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await _choose_vrublevsky(pilot)
        navigator = app.navigator
        naming = navigator.sources_naming(app.selection.entity_id)
        assert app.selection.source_id == naming[0]
        await pilot.press("right_curly_bracket")
        first_there = navigator.mentions(app.selection.entity_id)
        assert app.selection.source_id == naming[1]
        assert app.selection.span == next((m.start, m.end) for m in first_there if m.source_id == naming[1])
        assert "source 2 of 3" in status_text(app) and "wrapped" not in status_text(app)
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        assert app.selection.source_id == naming[0]
        assert status_text(app).startswith("wrapped: last source → first · ")  # the note leads: a narrow line cuts the end
        assert "mention 1 of 10" in status_text(app)
        await pilot.press("left_curly_bracket")
        assert app.selection.source_id == naming[-1]
        assert "wrapped: first source → last" in status_text(app)
        app.choose_entity(next(e.id for e in app.story.entities if len(e.count_by_source()) == 1))
        await pilot.press("right_curly_bracket")
        assert "the only source naming it" in status_text(app)


async def test_thousands_of_mentions_are_rows_not_widgets(write_story):
    sentence = "Petro Vrublevsky said that Astana was calm. "
    folder = write_story({f"{n:03}.txt": f" date 2022-10-{n % 28 + 1:02} " + sentence * 40 for n in range(60)})
    app = create_app([str(folder)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        entity = max(app.story.entities, key=lambda e: len(e.mentions))
        assert len(entity.mentions) >= 2000
        app.choose_entity(entity.id)
        await pilot.press("M")
        await settle(pilot)
        screen = app.screen
        listing = screen.query_one(MentionList)
        assert listing.row_count == len(entity.mentions) + 60
        assert len(list(screen.query("*"))) < 60  # a virtual list: no widget per mention
        await pilot.press("end")
        assert listing.current() is listing.rows[-1]
        other = screen.query_one(NamedWithList).found[0]
        assert other.entity.id != entity.id and other.sentences == len(entity.mentions) and other.sources == 60


@given(st.text(max_size=80), st.text(min_size=1, max_size=30), st.text(max_size=80), st.integers(4, 100))
def test_an_excerpt_fits_its_width_and_keeps_the_mention(before, name, after, width):
    cut_before, cut_name, cut_after = excerpt(before, name, after, width)
    assert cell_len(cut_before + cut_name + cut_after) <= max(width, cell_len(cut_name))
    plain_name = " ".join(name.split()) if name.strip() else cut_name
    if cell_len(excerpt("", name, "", 1000)[1]) < width:  # a name that fits is never cut
        assert cut_name.strip() == excerpt("", name, "", 1000)[1].strip() or not plain_name


def test_an_excerpt_cuts_at_words_and_marks_the_cuts():
    before = "Russia's Foreign Ministry had urged Kazakhstan to expel "
    after = " after he gave an interview in which he made comments about killing Russians."
    cut_before, name, cut_after = excerpt(before, "Petro Vrublevsky", after, 50)
    assert name == "Petro Vrublevsky"
    assert cut_before.startswith("…") and cut_before.endswith("expel ")
    assert cut_after.endswith("…") and cut_after.startswith(" after")
    assert excerpt("Short ", "name", ".", 50) == ("Short ", "name", ".")
