"""Boilerplate detection: trailing appeals in four languages, repeated footers, and no false alarms."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.engine.boilerplate import RepeatedParagraphs, find_boilerplate

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

STORY_EN = (
    "The foreign ministry recalled its ambassador on Tuesday after a row over remarks he made in an interview.\n"
    "Officials in the capital said the decision had been agreed with the host government last week.\n"
    "The envoy later apologised, but the opposition called for a formal inquiry into the affair.\n"
)

APPEALS = {
    "en": (
        "Dear readers,\n"
        "Our newsroom relies on people like you. Advertising no longer pays for reporting from the region.\n"
        "If you value independent journalism, please consider a monthly contribution of any size.\n"
        "Every contribution helps us stay free. Thank you for reading.\n"
        "Donate now\n"
    ),
    "pl": (
        "Drodzy Czytelnicy,\n"
        "nasza redakcja utrzymuje się wyłącznie dzięki Wam. Reklamy już dawno przestały wystarczać.\n"
        "Wesprzyj niezależne dziennikarstwo – wystarczy niewielka wpłata co miesiąc.\n"
        "Dziękujemy za każde wsparcie!\n"
        "Przypomnij mi później\n"
    ),
    "de": (
        "Liebe Leserinnen und Leser,\n"
        "unsere Redaktion finanziert sich ohne Verlag im Rücken. Werbung deckt die Kosten längst nicht mehr.\n"
        "Unterstützen Sie unabhängigen Journalismus mit einer Spende, schon ab 3 € im Monat.\n"
        "Vielen Dank für Ihre Unterstützung!\n"
    ),
    "fr": (
        "Chers lecteurs,\n"
        "notre rédaction ne vit que grâce à vous. La publicité ne suffit plus à payer nos reportages.\n"
        "Soutenez le journalisme indépendant : faire un don ne prend qu'une minute.\n"
        "Merci pour votre soutien.\n"
    ),
}

STORIES = {
    "en": STORY_EN,
    "pl": (
        "Ministerstwo spraw zagranicznych odwołało we wtorek ambasadora po jego wypowiedzi w wywiadzie.\n"
        "Urzędnicy w stolicy przekazali, że decyzję uzgodniono z władzami kraju przyjmującego.\n"
    ),
    "de": (
        "Das Außenministerium hat den Botschafter am Dienstag nach umstrittenen Äußerungen abberufen.\n"
        "Die Entscheidung sei mit der Regierung des Gastlandes abgestimmt worden, hieß es in der Hauptstadt.\n"
    ),
    "fr": (
        "Le ministère des affaires étrangères a rappelé mardi son ambassadeur après des propos controversés.\n"
        "La décision a été prise en accord avec le gouvernement du pays hôte, selon la capitale.\n"
    ),
}


@pytest.mark.parametrize("lang", sorted(APPEALS))
def test_trailing_appeal_is_found(lang: str) -> None:
    body = STORIES[lang] + APPEALS[lang]
    spans = find_boilerplate(body, 0)
    assert spans == [(len(STORIES[lang]), len(body))]


@pytest.mark.parametrize("lang", sorted(APPEALS))
def test_spans_are_shifted_by_the_offset(lang: str) -> None:
    body = STORIES[lang] + APPEALS[lang]
    assert find_boilerplate(body, 17) == [(len(STORIES[lang]) + 17, len(body) + 17)]


def test_appeal_without_a_heading_is_found_by_its_vocabulary() -> None:
    appeal = (
        "We need your support to keep reporting from places others have left.\n"
        "Become a member today, or make a donation of any size.\n"
        "Remind me later.\n"
    )
    body = STORY_EN + appeal
    assert find_boilerplate(body, 0) == [(len(STORY_EN), len(body))]


def test_seed_with_appeal() -> None:
    text = (SEEDS / "000_eb4f517ef54568b0.txt").read_text(encoding="utf-8")
    spans = find_boilerplate(text, 0)
    start = text.index("A Message from The Moscow Times:")
    assert spans == [(start, len(text))]
    assert "Remind me later." in text[spans[0][0] : spans[0][1]]


@pytest.mark.parametrize("name", ["001_a8dc976c1e203273.txt", "002_f409f92c391b5b88.txt"])
def test_seed_stories_have_no_boilerplate(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    bodies = [(SEEDS / n).read_text(encoding="utf-8") for n in sorted(p.name for p in SEEDS.glob("*.txt"))]
    assert find_boilerplate(text, 0) == []
    assert find_boilerplate(text, 0, bodies) == []


def test_news_about_support_and_donations_is_not_an_appeal() -> None:
    body = (
        "Astana hosted a donor conference on Monday as the region braced for a hard winter.\n"
        "Kazakhstan said it would support the new trade corridor, and thanked Brussels for its help.\n"
        "The European Union pledged a contribution of 20 million euros, and Germany promised further support.\n"
        "Supporters of the plan said the donation of equipment would arrive in spring.\n"
        "Thank you, the minister told reporters, before leaving for Astana.\n"
    )
    assert find_boilerplate(body, 0) == []


def test_a_heading_like_line_followed_by_story_is_not_an_appeal() -> None:
    body = STORY_EN + "Support for the deal:\n" + STORY_EN.replace("Tuesday", "Friday")
    assert find_boilerplate(body, 0) == []


def test_a_text_is_never_hidden_whole() -> None:
    # A file that is nothing but an appeal keeps at least its opening visible.
    for appeal in APPEALS.values():
        assert all(start > 0 for start, _ in find_boilerplate(appeal, 0))


FOOTER = "Copyright 2022 Steppe Wire Agency. All rights reserved. Republication without permission is prohibited."


def _story(n: int) -> str:
    return (
        f"Story number {n} opens with its own lead paragraph, written for this outlet and nobody else, about the recall.\n"
        f"A second paragraph of story {n} adds context on the ministry and the envoy's remarks in August.\n"
    )


def test_footer_repeated_in_two_other_sources_is_boilerplate() -> None:
    bodies = [_story(n) + FOOTER + "\n" for n in range(3)]
    start = bodies[0].index(FOOTER)
    assert find_boilerplate(bodies[0], 5, bodies) == [(start + 5, start + 5 + len(FOOTER))]


def test_footer_repeated_in_only_one_other_source_is_kept() -> None:
    bodies = [_story(n) + FOOTER + "\n" for n in range(2)]
    assert find_boilerplate(bodies[0], 0, bodies) == []


def test_footer_match_ignores_whitespace_differences() -> None:
    bodies = [_story(0) + FOOTER + "\n", _story(1) + FOOTER.replace(" ", "  ") + "\n", _story(2) + "  " + FOOTER + "\r\n"]
    assert find_boilerplate(bodies[0], 0, bodies) != []


def test_short_repeated_lines_are_not_footers() -> None:
    short = "All rights reserved."
    bodies = [_story(n) + short + "\n" for n in range(4)]
    assert find_boilerplate(bodies[0], 0, bodies) == []


def test_a_paragraph_quoted_by_everyone_in_the_middle_is_story() -> None:
    quote = '"The more Russians we kill now, the fewer our children will have to kill," the ambassador said in August.'
    bodies = [f"Lead of outlet {n}, written by its own reporter about the ambassador's recall today.\n{quote}\n"
              f"Closing paragraph of outlet {n}, again in its own words, about what happens next week.\n" for n in range(4)]
    assert find_boilerplate(bodies[0], 0, bodies) == []


def test_a_stock_sentence_that_some_source_runs_into_prose_is_not_a_footer() -> None:
    stock = "Ties between the two capitals have been strained since the war began in February."
    bodies = [_story(n) + stock + "\n" for n in range(3)]
    assert find_boilerplate(bodies[0], 0, bodies) != []  # alone, it looks like a footer...
    bodies.append(_story(3) + f"Officials declined to comment. {stock} Talks resume next week.\n")
    assert find_boilerplate(bodies[0], 0, bodies) == []  # ...until a source uses it as a sentence of its story


def test_republished_wire_copy_is_story_not_footer() -> None:
    wire = STORY_EN * 2
    bodies = [wire, wire, wire]
    assert find_boilerplate(bodies[0], 0, bodies) == []


def test_precomputed_index_gives_the_same_answer() -> None:
    bodies = [_story(n) + FOOTER + "\n" + APPEALS["en"] for n in range(5)]
    index = RepeatedParagraphs.from_bodies(bodies)
    for body in bodies:
        assert find_boilerplate(body, 0, repeated=index) == find_boilerplate(body, 0, bodies)
        (start, end), = find_boilerplate(body, 0, bodies)
        assert start == body.index(FOOTER) and end == len(body)


def test_body_not_in_all_bodies_counts_every_other_occurrence() -> None:
    others = [_story(n) + FOOTER + "\n" for n in range(1, 3)]
    body = _story(0) + FOOTER + "\n"
    assert find_boilerplate(body, 0, others) != []


def test_empty_and_blank_bodies() -> None:
    assert find_boilerplate("", 0) == []
    assert find_boilerplate(" \n\n ", 3, ["", " "]) == []
