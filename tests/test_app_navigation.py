"""The app's pure rooms: mention navigation across sources, wrapping by offsets, citations, labels."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tui
from tui.app.citation import citation, sentence_bounds
from tui.app.labels import when
from tui.app.navigation import Navigator, Selection
from tui.app.wrapping import wrap


@pytest.fixture(scope="module")
def story():
    return tui.load()


def vrublevsky(story):
    return story.search("Vrublevsky")[0].entity


def test_step_walks_every_mention_in_reading_order_and_wraps(story):
    navigator = Navigator(story)
    entity = vrublevsky(story)
    selection = navigator.choose_entity(Selection(story.sources[0].id), entity.id)
    order = [s.id for s in story.sources]
    seen = []
    for _ in range(len(entity.mentions)):
        seen.append(selection)
        selection = navigator.step(selection, 1)
    assert selection == seen[0]
    keys = [(order.index(s.source_id), s.span[0]) for s in seen]
    assert keys == sorted(keys) and len(set(keys)) == len(entity.mentions)
    assert navigator.describe(seen[-1]) == f"mention {len(seen)} of {len(seen)} · source 3 of 3"
    assert navigator.step(seen[0], -1) == seen[-1]


def test_choose_entity_goes_to_the_first_mention_or_the_clicked_one(story):
    navigator = Navigator(story)
    entity = vrublevsky(story)
    third = story.sources[2].id
    first = navigator.mentions(entity.id)[0]
    chosen = navigator.choose_entity(Selection(third), entity.id)
    assert (chosen.source_id, chosen.span, chosen.mention) == (first.source_id, (first.start, first.end), 0)
    in_third = [m for m in navigator.mentions(entity.id) if m.source_id == third]
    clicked = navigator.choose_entity(Selection(third), entity.id, at=in_third[-1].start + 1)
    assert clicked.span == (in_third[-1].start, in_third[-1].end)
    assert navigator.open_source(chosen, third).span == (in_third[0].start, in_third[0].end)


def test_step_from_a_date_goes_to_the_nearest_mention_that_way(story):
    navigator = Navigator(story)
    entity = vrublevsky(story)
    mentions = navigator.mentions(entity.id)
    second = story.sources[1].id
    in_second = [m for m in mentions if m.source_id == second]
    at = Selection(second, entity.id, (in_second[0].start + 1, in_second[0].start + 2))
    assert navigator.step(at, 1).span == (in_second[1].start, in_second[1].end)
    assert navigator.step(at, -1).span == (in_second[0].start, in_second[0].end)
    assert "here" in navigator.describe(at)


def test_open_source_without_the_entity_keeps_it_chosen(story):
    navigator = Navigator(story)
    kosovo = story.search("Kosovo")[0].entity
    elsewhere = next(s.id for s in story.sources if s.id not in kosovo.count_by_source())
    opened = navigator.open_source(Selection(story.sources[2].id, kosovo.id), elsewhere)
    assert opened == Selection(elsewhere, kosovo.id)
    assert navigator.describe(opened).startswith("0 here")


def test_wrap_examples():
    text = "Hello world, this is wrapping.\n\nA verylongwordindeed ok"
    lines = [text[s:e] for s, e in wrap(text, 12)]
    assert lines == ["Hello world, ", "this is ", "wrapping.", "", "A ", "verylongword", "indeed ok"]
    wide = "日本語のテキスト"
    assert [wide[s:e] for s, e in wrap(wide, 6)] == ["日本語", "のテキ", "スト"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\tłż日")), max_size=120), st.integers(1, 30))
def test_wrap_covers_every_character_once_and_fits(text, width):
    from rich.cells import cell_len

    lines = wrap(text, width)
    covered = []
    for start, end in lines:
        covered.extend(range(start, end))
        assert cell_len(text[start:end].rstrip(" \t")) <= max(width, 2)
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    assert sorted(covered + newlines) == list(range(len(text)))


def test_sentence_and_citation(story):
    source = story.sources[2]
    at = source.text.index("Wrublewskiego")
    start, end = sentence_bounds(source.text, at, at + 13, source.body_start)
    sentence = source.text[start:end]
    assert sentence.startswith("Jak ocenił") and sentence.endswith(")\".")
    quoted = citation(source, at, at + 13)
    assert quoted.startswith("“Jak ocenił") and quoted.endswith("(002_f409f92c391b5b88.txt), 2022-10 (month)")


@pytest.mark.parametrize(("date", "precision", "note", "label"), [
    ("2022-10-18", "day", "", "2022-10-18"),
    ("2022-10", "early-month", "", "early 2022-10"),
    ("2022-10", "late-month", "", "late 2022-10"),
    ("2022-10", "weekday-unresolved", "a Wednesday in 2022-10", "a Wednesday in 2022-10"),
    ("2022-10", "month", "", "2022-10"),
    ("2022", "year", "", "2022"),
    (None, "vague", "no date is given", "vague"),
])
def test_when_shows_precision_honestly(date, precision, note, label):
    assert when(date, precision, note) == label
