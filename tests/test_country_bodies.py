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
    ("en", "A new Estonia Embassy opened in the capital.", "Estonia Embassy", "Estonia"),
])
def test_the_country_inside_a_body_is_no_mention_of_its_own(language, text, body, inside):
    found = _found(text, language)
    assert (body, "ORG") in found
    assert not any(name == inside for name, _kind in found)


@pytest.mark.parametrize(("language", "text", "body"), [
    ("en", "On Monday, Estonia's Foreign Ministry summoned the envoy.", "Estonia's Foreign Ministry"),
    ("pl", "Jak podkreślił wczoraj kazachstański MSZ, rozmowy trwają.", "kazachstański MSZ"),
    ("uk", "Як повідомили в казахстанському МЗС, зустріч відбулася.", "казахстанському МЗС"),
    ("ru", "Ноту протеста направил казахстанский МИД в среду.", "казахстанский МИД"),
])
def test_an_owner_written_before_the_body_is_part_of_it(language, text, body):
    assert (body, "ORG") in _found(text, language)


@pytest.mark.parametrize(("tokens", "language", "owner"), [
    (("МИД", "РФ"), "ru", "RU"),
    (("МЗС", "РК"), "uk", "KZ"),
    (("Министерство", "иностранных", "дел", "РК"), "ru", "KZ"),
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


def test_abbreviated_and_spelled_out_owners_meet(tmp_path):
    (tmp_path / "a_ru.txt").write_text("АСТАНА. Посла вызвали в МИД РК в понедельник. В МИД Казахстана "
                                       "ему вручили ноту протеста, сообщили журналистам.\n", encoding="utf-8")
    (tmp_path / "b_en.txt").write_text("ASTANA - Kazakhstan's Foreign Ministry summoned the ambassador on "
                                       "Monday and handed him a note of protest, officials said.\n",
                                       encoding="utf-8")
    story = tui.load(tmp_path)
    bodies = [e for e in story.entities if any(m.text == "МИД РК" for m in e.mentions)]
    assert len(bodies) == 1
    texts = {m.text for m in bodies[0].mentions}
    assert {"МИД РК", "МИД Казахстана", "Kazakhstan's Foreign Ministry"} <= texts
    country = [e for e in story.entities if any(m.text == "Kazakhstan" for m in e.mentions)]
    assert not country or not any(m.text in ("РК", "Казахстана") for m in country[0].mentions)
