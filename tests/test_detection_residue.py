"""Detection residue (issue 12): inflected ordinary words at sentence starts, unit and label tokens (our own
sentences, written for these tests)."""

from __future__ import annotations

import pytest
from test_cyrillic_names import _names  # one way of running the detector on a few texts

from tui.engine import lexicon


@pytest.mark.parametrize(("language", "text", "expected"), [
    # participles, adjectives and common nouns pymorphy3 knows, at a sentence start
    ("ru", "Бастующие учителя собрались у школы. Петренко выступил.", ["Петренко"]),
    ("ru", "Немецкая делегация прибыла в Омск.", ["Омск"]),
    ("uk", "Бортпровідники вимагають більшої зарплати. Ковальчук погодився.", ["Ковальчук"]),
    ("uk", "Лоукостер скасував рейси до Львова.", ["Львова"]),
    # a Bulgarian noun with its article: the dictionary has the noun
    ("bg", "Случката стана в София.", ["София"]),
])
def test_an_inflected_ordinary_word_at_a_sentence_start_is_no_name(language, text, expected):
    assert _names([text], language) == [expected]


@pytest.mark.parametrize(("word", "language"), [
    ("Толстой", "ru"), ("Иванов", "ru"), ("Кузнецова", "ru"), ("Зеленський", "uk"), ("Петрова", "bg"),
    ("Борисов", "bg"), ("Nováková", "cs"),
])
def test_surnames_are_no_inflected_common_words(word, language):
    assert not lexicon.is_inflected_common_word(word, language)


def test_a_word_the_story_capitalises_mid_sentence_stays_a_name():
    # "Сокол" is a common noun (falcon) and a surname; mid-sentence capitals say it is the surname here
    texts = ["Вчера выступил тренер Сокол. Потом говорил Сокол снова.", "Сокол ответил журналистам."]
    assert _names(texts, "ru")[1] == ["Сокол"]


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("cs", "Zisk klesl na 3 miliardy Kč (asi 120 milionů EUR), uvedl Dvořák.", ["Dvořák"]),
    ("cs", "Letadlo přistálo ve 14:05 SEČ. Foto: Jana Veselá | Zdroj: Novák", ["Jana Veselá", "Novák"]),
    ("ru", "Пассажиров предупредили по СМС, сообщил Орлов.", ["Орлов"]),
    ("en", "Passengers were told by SMS, said Harris. Photo: Ann Lee", ["Harris", "Ann Lee"]),
])
def test_units_currency_codes_and_page_labels_are_no_entities(language, text, expected):
    assert _names([text], language) == [expected]


@pytest.mark.parametrize(("word", "language", "nominative"), [
    ("Кузнецов", "ru", True), ("Кузнецову", "ru", False), ("Шевчук", "uk", True), ("Шевчуком", "uk", False),
    ("Hana", "cs", True), ("Hanou", "cs", False), ("Dvořákovou", "cs", False), ("Dvořáková", "cs", True),
    ("Marija", "sr", True), ("Markom", "sr", False), ("Starog", "sr", False), ("Kowalski", "pl", True),
    ("Kowalskiego", "pl", False), ("Smith", "en", True),
])
def test_is_nominative_form(word, language, nominative):
    assert lexicon.is_nominative_form(word, language) is nominative
