"""Organisations written the Slavic way: an acronym or head, lower-case genitive words, the owner's name
(our own sentences)."""

from __future__ import annotations

import pytest

from tui.engine.detection import NameDetector
from tui.engine.model import Source


def _names(text: str, language: str) -> list[tuple[str, str | None, bool]]:
    source = Source("a", "a", "a", text, 0, language, None, None, "", len(text.split()), "utf-8")
    return [(o.text, o.kind, o.nested) for o in NameDetector([source]).detect(0)]


@pytest.mark.parametrize(("language", "text", "organisation", "owner"), [
    ("ru", "Вчера МИД Франции выразил протест.", "МИД Франции", "Франции"),
    ("ru", "Дело возбудил СК РФ в понедельник.", "СК РФ", None),
    ("uk", "Заяву поширило МЗС Польщі у вівторок.", "МЗС Польщі", "Польщі"),
    ("pl", "Jak przekazało MSZ Niemiec, konsul wyjechał.", "MSZ Niemiec", "Niemiec"),
    ("uk", "Про це заявив речник Міністерства закордонних справ Литви на брифінгу.",
     "Міністерства закордонних справ Литви", "Литви"),
    ("ru", "Позицию изложило Министерство иностранных дел Финляндии в своем заявлении.",
     "Министерство иностранных дел Финляндии", "Финляндии"),
    ("uk", "Справу розслідує Слідчий комітет Білорусі.", "Слідчий комітет Білорусі", "Білорусі"),
    ("ru", "Об этом сообщил Верховный суд Италии.", "Верховный суд Италии", "Италии"),
])
def test_the_whole_span_is_one_organisation_and_the_owner_a_nested_place(language, text, organisation, owner):
    found = _names(text, language)
    assert (organisation, "ORG", False) in found
    if owner is not None:
        assert (owner, "PLACE", True) in found


def test_lower_case_genitives_mid_sentence_make_the_name_without_an_owner():
    found = _names("Вчера в Министерство обороны пришло письмо.", "ru")
    assert ("Министерство обороны", "ORG", False) in found


def test_a_verb_after_the_head_ends_it():
    found = _names("Министерство заявило, что готово к переговорам.", "ru")
    assert not any(text.startswith("Министерство заявило") for text, _kind, _nested in found)


def test_a_sentence_start_needs_an_owner():
    # "Группа журналистов" at a sentence start is a group of journalists, not an organisation's name
    found = _names("Группа журналистов приехала в город.", "ru")
    assert not any("журналистов" in text for text, _kind, _nested in found)


def test_a_place_as_named_after_an_acronym_is_no_owner():
    # the owner stands in the genitive; a nominative place is a name of its own (a dateline, a list)
    found = _names("Agencja PAP Warszawa podała wynik.", "pl")
    assert not any(text == "PAP Warszawa" for text, _kind, _nested in found)


def test_case_forms_keep_the_same_words():
    one = _names("Głos zabrał rzecznik Ministerstwa Obrony Narodowej Czech.", "pl")
    assert any(kind == "ORG" and text.startswith("Ministerstwa Obrony Narodowej") for text, kind, _ in one)


def test_english_is_untouched():
    found = _names("The Ministry of Foreign Affairs of the Republic of Kazakhstan said so.", "en")
    assert ("Ministry of Foreign Affairs of the Republic of Kazakhstan", "ORG", False) in found
