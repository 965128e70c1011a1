"""The chronology pane at scale: `f` filters by the chosen name or the open source, ctrl+f finds text inside
(case and accents aside, Esc clears), sources printing the same sentence share a row, and a long sentence is
cut around its date and names."""

from __future__ import annotations

from app_support import NARROW, WIDE, create_app, settle, type_text, vrublevsky_id

from tui.app.widgets.chronology import ChronologyPane, EventList, FindBox, keyhole


def _expressions(event_list: EventList) -> list:
    return [item for kind, item in event_list.rows if kind == "expression"]


def _title(pane: ChronologyPane) -> str:
    return str(pane.border_title)


async def test_f_cycles_all_the_chosen_name_and_the_open_source():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        app.choose_entity(vrublevsky_id(app))  # chosen elsewhere (search, a click): the pane hears of it
        await pilot.pause()
        pane, event_list = app.query_one(ChronologyPane), app.query_one(EventList)
        total = len(app.events)
        assert _title(pane) == f"Chronology ({total})"
        await pilot.press("f")
        shown = _expressions(event_list)
        assert shown and all("person-petro-vrublevsky" in e.entities for e in shown)
        events = sum(1 for kind, _ in event_list.rows if kind == "event")
        assert _title(pane) == f"Chronology · {events} of {total} · Petro Vrublevsky"
        await pilot.press("f")
        source = app.selection.source_id
        shown = _expressions(event_list)
        assert shown and all(e.source_id == source for e in shown)
        assert _title(pane).startswith("Chronology · ") and _title(pane).endswith(f" of {total} · #1")
        # moving through the source's dates opens them, and the filter stays on that source
        await pilot.press("down", "down")
        assert app.selection.source_id == source and _expressions(event_list) == shown
        await pilot.press("f")
        assert _title(pane) == f"Chronology ({total})"
        assert len(_expressions(event_list)) == sum(len(e.expressions) for e in app.events)


async def test_f_without_a_chosen_name_goes_to_the_open_source():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("t", "f")
        pane = app.query_one(ChronologyPane)
        assert pane.filter.mode == "source"
        assert all(e.source_id == app.selection.source_id for e in _expressions(pane.event_list))


async def test_ctrl_f_finds_inside_without_case_or_accents_and_esc_clears():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("t", "ctrl+f")
        pane, event_list = app.query_one(ChronologyPane), app.query_one(EventList)
        box = app.query_one(FindBox)
        assert app.focused is box and box.display
        await type_text(pilot, "WRZESNIA")  # "września", the Polish September
        shown = _expressions(event_list)
        assert shown and all("września" in e.sentence for e in shown)
        assert _title(pane).endswith("“WRZESNIA”")
        await pilot.press("escape")
        assert box.value == "" and not box.display and app.focused is event_list
        assert len(_expressions(event_list)) == sum(len(e.expressions) for e in app.events)
        # a name finds the dates of the sentences naming it, in any spelling the entity list knows it by
        await pilot.press("ctrl+f")
        await type_text(pilot, "vrublevsky")
        shown = _expressions(event_list)
        assert shown and all("person-petro-vrublevsky" in e.entities for e in shown)
        await pilot.press("enter")  # back to the list, the text kept
        assert app.focused is event_list and box.display and box.value == "vrublevsky"


async def test_nothing_found_says_so_in_the_title():
    app = create_app([])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("t", "ctrl+f")
        await type_text(pilot, "zzzz")
        pane = app.query_one(ChronologyPane)
        assert pane.event_list.row_count == 0
        assert _title(pane).startswith(f"Chronology · 0 of {len(app.events)}")


async def test_sources_printing_the_same_sentence_share_a_row(write_story):
    line = "Ties between the two capitals have been strained since January."
    folder = write_story({f"{n}.txt": f" date 2022-03-0{n} {line}\n" for n in range(1, 6)})
    app = create_app([str(folder)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        event_list = app.query_one(EventList)
        assert [kind for kind, _ in event_list.rows] == ["event", "expression"]
        assert event_list.render_row(0, 60)[0].plain.startswith("2022-01  5 sources")
        assert event_list.render_row(1, 80)[0].plain.startswith("  #1 #2 #3 +2 Ties between")
        # filtered to one source, the row stands for that source alone
        await pilot.press("t", "]", "f")
        await pilot.pause()
        assert event_list.render_row(1, 80)[0].plain.startswith("  #2 Ties")


async def test_a_long_sentence_is_cut_around_its_date_and_names(write_story):
    body = ("Neither Vitaliy Luin nor Kateryna Kuov attended the long awaited meeting of the regional council "
            "of the two neighbouring capitals on January 18, officials said much later that week.")
    folder = write_story({"a.txt": f" date 2022-03-01 {body}\n"})
    app = create_app([str(folder)])
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        event_list = app.query_one(EventList)
        line = event_list.render_row(1, 60)[0].plain
        assert len(line) <= 60 and "January 18" in line and "Luin" in line and "Kuov" in line and " … " in line


def test_keyhole_keeps_the_date_first_and_cuts_between_words():
    sentence = "Neither Luin nor Kuov attended the long awaited meeting of the council on January 18, they said."
    at = sentence.index("January 18")
    keys = [(at, at + 10), (8, 12), (17, 21)]
    assert keyhole(sentence, keys, 200) == [(0, len(sentence))]
    for room in (16, 30, 45, 60):
        parts = keyhole(sentence, keys, room)
        text = ("…" if parts[0][0] else "") + " … ".join(sentence[a:b] for a, b in parts) + (
            "…" if parts[-1][1] < len(sentence) else "")
        assert "January 18" in text and len(text) <= room
        assert all(sentence[a - 1] == " " or not a for a, _ in parts)  # a cut falls between words
    assert "Luin nor Kuov" in " ".join(sentence[a:b] for a, b in keyhole(sentence, keys, 45))


def test_the_index_finds_inside_one_expression_only_and_heads_the_undated(write_story):
    from tui.app.widgets.chronology import ChronologyFilter, EventIndex
    from tui.engine.story import load

    folder = write_story({"a.txt": " date 2022-03-01 Prices rose in January. Wages fell recently.\n",
                          "b.txt": " date 2022-03-02 Prices rose in January.\n"})
    story = load(folder)
    index = EventIndex(story.events, {e.id: e.name for e in story.entities})
    rows, copies, events = index.rows(range(len(index.expressions)))
    assert [kind for kind, _ in rows] == ["event", "expression", "heading", "event", "expression"]
    assert rows[2][1] == "Undated (1)" and events == 2 and len(copies[1]) == 2
    assert index.matching(ChronologyFilter(needle="january")) == [0, 1]
    assert index.matching(ChronologyFilter(needle="january wages")) == []  # not across two sentences
    assert index.matching(ChronologyFilter("source", source_id=story.sources[1].id, needle="prices")) == [1]


def test_the_undated_heading_counts_the_undated_events_the_filter_keeps(write_story):
    from tui.app.widgets.chronology import ChronologyFilter, EventIndex
    from tui.engine.story import load

    folder = write_story({"a.txt": " date 2022-03-01 Wages fell recently.\n",
                          "b.txt": " date 2022-03-02 Prices rose recently in the north.\n"})
    story = load(folder)
    index = EventIndex(story.events, {e.id: e.name for e in story.entities})
    headings = [label for kind, label in index.rows(range(len(index.expressions)))[0] if kind == "heading"]
    undated = sum(1 for e in story.events if e.date is None)
    assert undated >= 2 and headings == [f"Undated ({undated})"]
    kept = index.matching(ChronologyFilter("source", source_id=story.sources[1].id))
    shown = {index.event_of[i] for i in kept if index.events[index.event_of[i]].date is None}
    headings = [label for kind, label in index.rows(kept)[0] if kind == "heading"]
    assert 0 < len(shown) < undated and headings == [f"Undated ({len(shown)})"]
