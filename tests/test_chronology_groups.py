"""Events across sources: the same fact printed by several sources is one event with several sources, and
different facts that look alike (a template with other names, a short sentence with one word changed) stay
apart. See chronology.build_timeline ("the same words say the same fact")."""

from __future__ import annotations

from test_chronology import make_source, spans_for

from tui.engine.chronology import build_timeline, wording


def test_the_same_sentence_without_names_in_three_sources_is_one_event() -> None:
    sources = [make_source("Ties between the two capitals have been strained since January.", sid=sid)
               for sid in ("a", "b", "c")]
    timeline, events = build_timeline(sources, {})
    assert len(events) == 1
    assert events[0].source_ids == ("a", "b", "c")
    assert {e.event for e in timeline} == {events[0].id}


def test_case_accents_and_punctuation_do_not_make_another_fact() -> None:
    a = make_source("Relacje obu stolic są napięte od stycznia.", "pl", sid="a")
    b = make_source("relacje obu stolic sa napiete — od stycznia", "pl", sid="b")
    _, events = build_timeline([a, b], {})
    assert [e.source_ids for e in events] == [("a", "b")]


def test_a_near_copy_is_the_same_fact() -> None:
    # an agency line, edited: a clause cut, one word changed (the slavicner story's Ryanair unions)
    a = make_source("Профсоюзы ведут переговоры с управлением ирландской авиакомпании с января, добиваясь "
                    "заключения первого тарифного соглашения и поднятия заработных плат.", "ru", sid="a")
    b = make_source("Профсоюзы ведут переговоры с января, добиваясь заключения первого тарифного соглашения "
                    "и повышения заработных плат.", "ru", sid="b")
    _, events = build_timeline([a, b], {})
    assert [e.source_ids for e in events] == [("a", "b")]


def test_different_words_the_same_month_stay_apart() -> None:
    a = make_source("Prices rose in January.", sid="a")
    b = make_source("Prices fell in January.", sid="b")
    c = make_source("Ties have been strained since January.", sid="c")
    _, events = build_timeline([a, b, c], {})
    assert len(events) == 3 and all(len(e.source_ids) == 1 for e in events)


def test_a_template_with_other_names_is_another_fact() -> None:
    # nine words in ten shared, but other people: not a near copy
    a = make_source("Neither Luin nor Kuov attended the long awaited meeting of the council in January.", sid="a")
    b = make_source("Neither Stuin nor Kuov attended the long awaited meeting of the council in January.", sid="b")
    spans = {"a": spans_for(a, ("Luin", "luin"), ("Kuov", "kuov")),
             "b": spans_for(b, ("Stuin", "stuin"), ("Kuov", "kuov"))}
    _, events = build_timeline([a, b], spans)
    # they share Kuov, and a month joins by a shared entity as before; the names alone decide, not the words
    assert len(events) == 1
    spans = {"a": spans_for(a, ("Luin", "luin")), "b": spans_for(b, ("Stuin", "stuin"))}
    _, events = build_timeline([a, b], spans)
    assert len(events) == 2


def test_the_same_words_on_another_date_or_precision_are_another_event() -> None:
    a = make_source("Ties have been strained since January.", sid="a")
    b = make_source("Ties have been strained since February.", sid="b")
    c = make_source("Ties have been strained since early January.", sid="c")
    _, events = build_timeline([a, b, c], {})
    assert len(events) == 3


def test_the_same_named_sentence_on_a_day_is_one_event_even_if_linked_apart() -> None:
    # the same words, the name linked to two entities (an unmerged spelling): the words say it is one fact
    a = make_source("On October 3, Tokayev met the envoy in Astana.", sid="a")
    b = make_source("On October 3, Tokayev met the envoy in Astana.", sid="b")
    spans = {"a": spans_for(a, ("Tokayev", "t1")), "b": spans_for(b, ("Tokayev", "t2"))}
    _, events = build_timeline([a, b], spans)
    assert [e.source_ids for e in events] == [("a", "b")]


def test_years_with_the_same_words_join_and_undated_never_do() -> None:
    a = make_source("The pipeline was built in 1986, officials said.", sid="a")
    b = make_source("The pipeline was built in 1986, officials said.", sid="b")
    c = make_source("Recently the pipeline leaked.", sid="c")
    d = make_source("Recently the pipeline leaked.", sid="d")
    _, events = build_timeline([a, b, c, d], {})
    assert [(e.precision, len(e.source_ids)) for e in events] == [("year", 2), ("vague", 1), ("vague", 1)]


def test_wording_leaves_the_date_out() -> None:
    a = make_source("Die Beziehungen sind seit Januar angespannt.", "de", sid="a")
    b = make_source("Die Beziehungen sind seit Februar angespannt.", "de", sid="b")
    (ea,), _ = build_timeline([a], {})
    (eb,), _ = build_timeline([b], {})
    assert wording(ea) == wording(eb) == "die beziehungen sind \x00 angespannt"


def test_grouping_does_not_depend_on_source_order() -> None:
    sources = [make_source("Ties have been strained since January. Prices rose in 2021.", sid=sid)
               for sid in ("c", "a", "b")]
    assert build_timeline(sources, {}) == build_timeline(list(reversed(sources)), {})
