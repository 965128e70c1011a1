"""What kind of thing a name is: the story's own classifier nouns ("the airline X"), locative prepositions read
in the article's language, headings in capitals, and an organisation's display name (our own sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui
from tui.engine import lexicon


def _entities(tmp_path: Path, texts: dict[str, str]) -> dict[str, str]:
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return {entity.name: entity.type for entity in tui.load(tmp_path).entities}


@pytest.mark.parametrize(("language", "word"), [
    ("en", "airline"), ("pl", "przewoźnika"), ("cs", "společnostmi"), ("ru", "авиакомпанией"),
    ("uk", "перевізника"), ("bg", "компанията"), ("sl", "družbe"), ("fr", "compagnie"),
])
def test_classifier_nouns_are_read_in_their_language(language, word):
    assert lexicon.is_org_classifier(word, language)
    assert not lexicon.is_org_classifier(word.capitalize(), language)  # a capitalised word is a name's


def test_english_classifiers_take_no_endings():
    assert lexicon.is_org_classifier("companies", "en")
    assert not lexicon.is_org_classifier("unionist", "en")  # "the unionist Smith" names a person


def test_a_company_named_mostly_bare_is_an_organisation(tmp_path):
    text = (" date 2024-05-14 News\n\n"
            "The airline Zorvex cancelled forty flights on Monday. Zorvex said the strike was illegal. "
            "Passengers of the carrier Zorvex waited in Dublin. Zorvex expects more cancellations, and Zorvex "
            "will refund tickets. Analysts said Zorvex would lose money. Zorvex shares fell.\n")
    assert _entities(tmp_path, {"a.txt": text})["Zorvex"] == "ORG"


def test_a_person_stays_a_person(tmp_path):
    text = (" date 2024-05-14 News\n\n"
            "Minister Anna Brelska said on Monday that talks would go on. Brelska met union leaders. "
            "Brelska later told reporters the offer stood. President Brelska? No: Brelska is a minister.\n")
    assert _entities(tmp_path, {"a.txt": text})["Anna Brelska"] == "PERSON"


@pytest.mark.parametrize(("name", "text"), [
    ("b.txt", " date 2024-05-14 Novice\n\nLetalska družba Zorvex je odpovedala lete. Potniki družbe Zorvex "
              "so čakali. Vodstvo družbe Zorvex molči. Zorvex in Lufthansa sta sporočili, da Zorvex ne bo "
              "plačal. Zorvex je znan.\n"),
    ("c.txt", " date 2024-05-14 Новости\n\nАвиакомпания Zorvex отменила рейсы. Пассажиры авиакомпании Zorvex "
              "ждали в Дублине. Представитель перевозчика Zorvex заявил, что Zorvex вернёт деньги. Zorvex "
              "молчит.\n"),
])
def test_classifiers_in_slavic_languages(tmp_path, name, text):
    assert _entities(tmp_path, {name: text})["Zorvex"] == "ORG"


def test_slovene_in_is_and_not_a_locative(tmp_path):
    # "Zorvex in Lufthansa": in Slovene "in" is "and"; read as English "in" it made Lufthansa a place
    text = (" date 2024-05-14 Novice\n\nDružbi Zorvex in Lufthansa sta odpovedali lete. Tudi Zorvex in "
            "Lufthansa sta izgubili denar. Zorvex in Lufthansa bosta plačali odškodnino.\n")
    assert _entities(tmp_path, {"a.txt": text}).get("Lufthansa") != "PLACE"


def test_a_heading_in_capitals_does_not_stick_to_a_name(tmp_path):
    text = (" date 2024-05-14 Zprávy\n\nLETECKÁ DOPRAVA V Zorvexu budou stávkovat piloti. Zorvex mlčí. "
            "Dopravce Zorvex ruší lety. Zorvex zaplatí.\n")
    names = _entities(tmp_path, {"a.txt": text})
    assert "Zorvex" in names and not any(" " in name for name in names)


def test_an_organisation_is_named_by_its_commonest_spelling(tmp_path):
    # a stray longer spelling ("Przed Bożym Narodzeniem Zorvex") must not name an organisation met
    # a dozen times bare
    text = (" date 2024-05-14 Wiadomości\n\nPrzed Bożym Narodzeniem Zorvex odwołał loty. Przewoźnik Zorvex "
            "tłumaczy, że Zorvex nie miał wyjścia. Linie lotnicze Zorvex przepraszają. Zorvex zwróci "
            "pieniądze, a Zorvex obiecuje poprawę. Klienci firmy Zorvex czekają. Zorvex milczy. Zorvex "
            "odpowie jutro. Zorvex i jeszcze raz Zorvex.\n")
    names = _entities(tmp_path, {"a.txt": text})
    assert names.get("Zorvex") == "ORG"
