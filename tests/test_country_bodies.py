"""Bodies of a country and the country named inside them (issues 12/13; our own sentences): the body owns
its span, its owner is read from a possessive, an adjective, an abbreviation or a state's formal name."""

from __future__ import annotations

import pytest

import tui
from tui.engine import knowledge
from tui.engine.detection import NameDetector
from tui.engine.model import Source


def _found(text: str, language: str) -> list[tuple[str, str | None]]:
    source = Source("a", "a", "a", text, 0, language, None, None, "", len(text.split()), "utf-8")
    return [(o.text, o.kind) for o in NameDetector([source]).detect(0)]


@pytest.mark.parametrize(("language", "text", "body", "inside"), [
    ("uk", "Речник МЗС Польщі прокоментував заяву.", "МЗС Польщі", "Польщі"),
    ("ru", "Вчера МИД Литвы вызвал посла.", "МИД Литвы", "Литвы"),
    ("pl", "Rzecznik MSZ Węgier odpowiedział dziennikarzom.", "MSZ Węgier", "Węgier"),
    ("en", "On Monday, Estonia's Foreign Ministry summoned the envoy.", "Estonia's Foreign Ministry", "Estonia"),
])
def test_the_country_inside_a_body_stays_a_nested_mention(language, text, body, inside):
    # the gold of our stories disagrees (heldout_uk and heldout_intl give the span to the ministry only; the
    # seeds' gold, on the same English and Polish articles, counts "Kazakhstan" in "Kazakhstan's Foreign
    # Ministry" as the country): the country stays a mention, the body is one organisation with its owner
    found = _found(text, language)
    assert (body, "ORG") in found and (inside, "PLACE") in found


@pytest.mark.parametrize(("language", "text", "body"), [
    ("pl", "Jak podkreślił wczoraj kazachstański MSZ, rozmowy trwają.", "kazachstański MSZ"),
    ("uk", "Як повідомили в казахстанському МЗС, зустріч відбулася.", "казахстанському МЗС"),
    ("ru", "Ноту протеста направил казахстанский МИД в среду.", "казахстанский МИД"),
])
def test_an_owner_written_before_the_body_is_part_of_it(language, text, body):
    assert (body, "ORG") in _found(text, language)


@pytest.mark.parametrize(("tokens", "language", "owner"), [
    (("Ministry", "of", "Foreign", "Affairs", "of", "the", "Republic", "of", "Kazakhstan"), "en", "KZ"),
    (("Министерстве", "иностранных", "дел", "Республики", "Казахстан"), "ru", "KZ"),
    (("Estonia's", "Foreign", "Ministry"), "en", "EE"),
    (("kazachstański", "MSZ"), "pl", "KZ"),
    (("казахстанському", "МЗС"), "uk", "KZ"),
])
def test_the_owner_is_read_from_every_way_of_writing_it(tokens, language, owner):
    concept = knowledge.concept_of(tokens, language)
    assert concept is not None and concept.organisation.id == "ministry-foreign" and concept.owner == owner


def test_a_long_owner_hides_no_content_word():
    # beyond two words an owner is a place among little words and a state's form, nothing else
    assert knowledge.concept_of(("Ministry", "of", "Foreign", "Affairs", "of", "the", "big", "Republic", "of",
                                 "Kazakhstan"), "en") is None


def test_an_owner_before_and_after_the_body_meet(tmp_path):
    (tmp_path / "a_ru.txt").write_text("АСТАНА. Посла вызвали в МИД Казахстана в понедельник. Там ему, как "
                                       "сообщил казахстанский МИД, вручили ноту протеста.\n", encoding="utf-8")
    (tmp_path / "b_en.txt").write_text("ASTANA - Kazakhstan's Foreign Ministry summoned the ambassador on "
                                       "Monday and handed him a note of protest, officials said.\n",
                                       encoding="utf-8")
    story = tui.load(tmp_path)
    bodies = [e for e in story.entities if any(m.text == "МИД Казахстана" for m in e.mentions)]
    assert len(bodies) == 1
    texts = {m.text for m in bodies[0].mentions}
    assert {"МИД Казахстана", "казахстанский МИД", "Kazakhstan's Foreign Ministry"} <= texts
