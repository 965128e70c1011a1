"""Slavic residue (issue 12): declined multi-word place names, place names that go on in lower case (our own
sentences, written for these tests)."""

from __future__ import annotations

import pytest
from test_cyrillic_names import _names  # one way of running the detector on a few texts

from tui.engine.detection import NameDetector, place_for
from tui.engine.model import Source


def _places(text: str, language: str) -> list[tuple[str, str | None]]:
    source = Source(id="0", path="", abspath="", text=text, body_start=0, language=language, date=None,
                    date_precision=None, title="", words=len(text.split()), encoding="utf-8")
    return [(o.text, o.place_id) for o in NameDetector([source]).detect(0) if o.kind == "PLACE"]


@pytest.mark.parametrize(("words", "language", "place_id"), [
    (("Wielkiej", "Brytanii"), "pl", "GB"),  # an adjective whose case the pack's noun endings do not undo
    (("Wielką", "Brytanią"), "pl", "GB"),
    (("České", "republiky"), "cs", "CZ"),
    (("Spojených", "států"), "cs", "US"),
    (("Evropské", "unii"), "cs", "EU"),
])
def test_a_declined_name_of_several_words_is_the_place(words, language, place_id):
    place = place_for(words, language)
    assert place is not None and place.id == place_id


def test_english_has_no_cases_to_undo():
    assert place_for(("South", "Korean"), "en") is None  # an adjective, not South Korea


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("cs", "Dovoz do České republiky loni vzrostl.", ("České republiky", "CZ")),
    ("cs", "Firma vyváží zboží do Spojených států amerických.", ("Spojených států", "US")),
    ("pl", "Nowe przepisy w Unii Europejskiej wchodzą w życie.", ("Unii Europejskiej", "EU")),
])
def test_a_place_whose_name_goes_on_in_lower_case_is_one_mention(language, text, expected):
    assert expected in _places(text, language)


def test_a_lower_case_word_that_names_nothing_stays_out():
    assert _names(["Výstava o České kuchyni začala."], "cs")[0] in ([], ["České"])


@pytest.mark.parametrize(("language", "texts", "expected"), [
    # a word no dictionary has opens the sentence; the story names the rest alone mid-sentence
    ("cs", ["Nízkonákladovka Wizz Air zrušila lety.", "Loni otevřela společnost Wizz Air novou linku."], ["Wizz Air"]),
    ("cs", ["Šedesátiletý Petr Kratochvíl odstoupil.", "Vedení firmy Petr Kratochvíl opustil."],
     ["Petr Kratochvíl"]),
    ("sl", ["Nizkocenovnik Wizz Air je odpovedal lete.", "Letos je Wizz Air odprl progo."], ["Wizz Air"]),
])
def test_an_unknown_word_glued_to_a_name_at_a_sentence_start_comes_off(language, texts, expected):
    assert _names(texts, language)[0] == expected


def test_a_given_name_the_dictionary_knows_stays_with_the_surname():
    texts = ["Petr Kratochvíl odstoupil.", "Vedení firmy Kratochvíl opustil."]
    assert _names(texts, "cs")[0] == ["Petr Kratochvíl"]


def test_a_word_the_story_capitalises_mid_sentence_is_kept():
    texts = ["Kratochvíl Wizz Air opustil.", "Pan Kratochvíl řekl, že Wizz Air roste."]
    assert _names(texts, "cs")[0][0].startswith("Kratochvíl")


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("uk", "Канцлер ФРН прибув до Києва.", ("ФРН", "DE")),  # the table of country abbreviations
    ("ru", "Посол ФРГ встретился с министром.", ("ФРГ", "DE")),
    ("cs", "Vláda ČR to odmítla.", ("ČR", "CZ")),
    ("cs", "Letadlo odletělo do Velké Británie.", ("Velké Británie", "GB")),  # CLDR's "angličtina (Velká Británie)"
    ("sl", "Letalo je odletelo v Veliko Britanijo.", ("Veliko Britanijo", "GB")),  # Serbian CLDR's Latin name
])
def test_a_country_by_its_abbreviation_or_another_long_name(language, text, expected):
    assert expected in _places(text, language)


@pytest.mark.parametrize("apostrophe", ["'", "’", "‘"])
def test_a_name_with_an_apostrophe_is_one_word_however_the_apostrophe_is_typed(apostrophe):
    text = f"Rozmawialiśmy z Kevinem O{apostrophe}Brienem w Dublinie."
    assert _names([text], "pl")[0][0] == f"Kevinem O{apostrophe}Brienem"
