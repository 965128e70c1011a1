"""Russian, Ukrainian and Bulgarian names: sentence-initial words, case endings, Bulgarian articles, and
ordinary words capitalised by headings (our own sentences, written for these tests)."""

from __future__ import annotations

import pytest

from tui.engine import lexicon
from tui.engine.detection import NameDetector
from tui.engine.model import Source


def _names(texts: list[str], language: str) -> list[list[str]]:
    sources = [Source(id=str(i), path="", abspath="", text=t, body_start=0, language=language, date=None,
                      date_precision=None, title="", words=len(t.split()), encoding="utf-8")
               for i, t in enumerate(texts)]
    detector = NameDetector(sources)
    return [[o.text for o in detector.detect(i)] for i in range(len(sources))]


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("ru", "В Германии прошли выборы.", ["Германии"]),
    ("ru", "Однако Москва ответила отказом.", ["Москва"]),
    ("ru", "Если Лавров приедет, встреча состоится.", ["Лавров"]),
    ("ru", "По словам Шевченко, решение принято.", ["Шевченко"]),
    ("uk", "Вчора Коваленко прибув до Львова.", ["Коваленко", "Львова"]),
    ("uk", "Але Кличко відмовився коментувати.", ["Кличко"]),
    ("uk", "Про це повідомив Мельник.", ["Мельник"]),
    ("bg", "Според Петров това е грешка.", ["Петров"]),
    ("bg", "Това каза Иванова пред журналисти.", ["Иванова"]),
    ("bg", "След срещата Борисов замина.", ["Борисов"]),
])
def test_a_sentence_initial_little_word_is_no_name_and_never_sticks(language, text, expected):
    assert _names([text], language) == [expected]


@pytest.mark.parametrize(("language", "text"), [
    ("ru", "Учителя вышли на улицы. Забастовка продлится неделю."),
    ("uk", "Лікарі вийшли на вулиці. Страйк триватиме тиждень."),
    ("bg", "Учителите излязоха на улицата. Стачката ще продължи седмица."),
])
def test_a_sentence_initial_dictionary_word_is_no_name(language, text):
    assert _names([text], language) == [[]]


def test_a_word_the_story_writes_in_lower_case_is_no_name_when_a_heading_capitalises_it():
    # a title run into the lead without a full stop capitalises a common noun mid-sentence
    heading = "Учителя бастуют в городе Учителя требуют повышения зарплаты."
    prose = "Вчера учителя снова вышли на площадь, и учителя сказали, что учителя правы, а учителя устали. " \
            "Вечером учителя разошлись, и учителя ушли домой."
    found = _names([heading, heading, prose], "ru")
    assert not any("Учителя" in name for names in found for name in names)


@pytest.mark.parametrize(("word", "language", "lemma"), [
    ("Германии", "ru", "Германия"),
    ("Германией", "ru", "Германия"),
    ("России", "ru", "Россия"),
    ("Россию", "ru", "Россия"),
    ("Россией", "ru", "Россия"),
    ("Дональдом", "ru", "Дональд"),
    ("Трампом", "ru", "Трамп"),
    ("Німеччині", "uk", "Німеччина"),
    ("Харкові", "uk", "Харків"),
    ("Києва", "uk", "Київ"),
    ("Зеленського", "uk", "Зеленський"),
    ("Съюзът", "bg", "Съюз"),
    ("Компанията", "bg", "Компания"),
    ("Министерството", "bg", "Министерство"),
    ("Кралят", "bg", "Крал"),
])
def test_case_endings_and_articles_reach_the_lemma(word, language, lemma):
    assert lemma in lexicon.lemma_candidates(word, language)


def test_declined_places_are_places():
    assert _names(["Он долго жил в Германии и во Франции."], "ru") == [["Германии", "Франции"]]


def test_a_proper_form_is_no_common_word_whatever_its_lower_case_is():
    assert lexicon.is_common_word("Забастовка", "ru")
    assert not lexicon.is_common_word("Германии", "ru")  # "германии" is also the element's form


def test_pymorphy_tags_give_kinds():
    assert lexicon.proper_kind("Трампом", "ru") == "PERSON"
    assert lexicon.proper_kind("Москвы", "ru") == "PLACE"
    assert lexicon.proper_kind("забастовка", "ru") is None


def test_a_common_word_that_is_a_place_only_with_its_accents_folded_is_no_place_at_a_sentence_start():
    # Czech "Irská" (Irish) folds to Croatian "Irska" (Ireland)
    assert _names(["Firma má zisk. Irská aerolinka roste."], "cs") == [[]]
