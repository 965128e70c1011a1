"""People named the Russian and Ukrainian way: a given name and patronymic without a surname ("Петру
Михайловичу") is the person of that given name, a Russian and a Ukrainian form of one given name are one
person, and English and French names written by their sound in Cyrillic meet their Latin spellings. Our own
sentences, written for these tests."""

from __future__ import annotations

import pytest

import tui
from tui.engine import given_names
from tui.engine.linking import _make_form, given_name_forms, names_match


def _story(tmp_path, texts: dict[str, str]):
    for name, text in texts.items():
        (tmp_path / name).write_text(" date 2024-03-04 " + text + "\n", encoding="utf-8")
    return tui.load(tmp_path)


def _entity_of(story, text: str) -> str:
    found = {m.entity_id for e in story.entities for m in e.mentions if m.text == text}
    assert len(found) == 1, (text, found)
    return found.pop()


def _form(text: str, language: str):
    return _make_form(tuple(text.split()), language)


@pytest.mark.parametrize(("word", "language", "given"), [
    ("Михайлович", "ru", "михаил"),
    ("Михайловичем", "ru", "михаил"),
    ("Сергеевна", "ru", "сергеи"),
    ("Юрьевич", "ru", "юрии"),
    ("Ильич", "ru", "илья"),
    ("Петрівною", "uk", "петро"),
    ("Сергійовичу", "uk", "сергіи"),
    ("Миколайович", "uk", "микола"),
])
def test_a_patronymic_names_the_given_name_it_is_made_of(word, language, given):
    assert given in given_names.patronymic_bases(given_name_forms(word, language))


@pytest.mark.parametrize(("word", "language"), [("Кравченко", "uk"), ("Соколов", "ru"), ("Москвой", "ru")])
def test_a_surname_is_no_patronymic(word, language):
    assert not given_names.patronymic_bases(given_name_forms(word, language))


def test_a_given_name_and_patronymic_join_the_one_person_of_that_given_name(tmp_path):
    story = _story(tmp_path, {
        "ru.txt": "Посол Игорь Соколенко прибыл в Минск. Журналисты спросили Игоря Семеновича о визите, и "
                  "Игорь Семенович ответил коротко. Позже с Игорем Семеновичем встретился министр Иван Дронов.",
        "uk.txt": "Посол Ігор Соколенко заявив, що Ігорю Семеновичу нічого не загрожує.",
    })
    person = _entity_of(story, "Игорь Соколенко")
    assert _entity_of(story, "Ігор Соколенко") == person
    for text in ("Игоря Семеновича", "Игорь Семенович", "Игорем Семеновичем", "Ігорю Семеновичу"):
        assert _entity_of(story, text) == person
    assert _entity_of(story, "Иван Дронов") != person


def test_the_full_name_that_carries_the_patronymic_wins(tmp_path):
    # two people called Олег: the patronymic says which one is meant
    story = _story(tmp_path, {
        "ru.txt": "Министр Олег Петрович Гаврилюк и депутат Олег Андреевич Ситник спорили. Олегу Андреевичу "
                  "ответил Олег Гаврилюк. Олег Петрович промолчал.",
    })
    assert _entity_of(story, "Олегу Андреевичу") == _entity_of(story, "Олег Андреевич Ситник")
    assert _entity_of(story, "Олег Петрович") == _entity_of(story, "Олег Петрович Гаврилюк")


def test_two_people_of_one_given_name_leave_a_patronymic_alone_when_nothing_decides(tmp_path):
    story = _story(tmp_path, {
        "a.txt": "Адвокат Ольга Кравец и судья Ольга Мартынюк встретились.",
        "b.txt": "Ольга Николаевна отказалась от комментариев.",
    })
    alone = _entity_of(story, "Ольга Николаевна")
    assert alone not in {_entity_of(story, "Ольга Кравец"), _entity_of(story, "Ольга Мартынюк")}


def test_in_the_same_source_a_patronymic_goes_to_the_person_named_there(tmp_path):
    story = _story(tmp_path, {
        "a.txt": "Адвокат Ольга Кравец выступила в суде. Ольге Николаевне задали вопросы.",
        "b.txt": "Судья Ольга Мартынюк вынесла решение.",
    })
    assert _entity_of(story, "Ольге Николаевне") == _entity_of(story, "Ольга Кравец")


def test_a_surname_ending_like_a_patronymic_stays_a_surname(tmp_path):
    # Абрамович is written alone: a surname, so "Роман Абрамович" is no "Роман" + patronymic
    story = _story(tmp_path, {
        "ru.txt": "Бизнесмен Роман Абрамович купил клуб. Абрамович заплатил много. Министр Роман Ширяев "
                  "был доволен.",
    })
    assert _entity_of(story, "Роман Абрамович") != _entity_of(story, "Роман Ширяев")


@pytest.mark.parametrize(("a", "la", "b", "lb"), [
    ("Владимир Зеленский", "ru", "Володимир Зеленський", "uk"),
    ("Михаила Бородаенко", "ru", "Михайло Бородаєнко", "uk"),
    ("Алексей Гончаренко", "ru", "Олексій Гончаренко", "uk"),
    ("Алексея Сидорчука", "ru", "Oleksiy Sydorchuk", "en"),
    ("Петром Врубелем", "ru", "Петро Врубель", "uk"),
    ("Дмитрий Кулик", "ru", "Дмитро Кулик", "uk"),
])
def test_the_russian_and_ukrainian_forms_of_one_given_name_are_one_person(a, la, b, lb):
    assert names_match(_form(a, la), _form(b, lb))


def test_russian_and_ukrainian_spellings_of_one_person_are_one_entity(tmp_path):
    story = _story(tmp_path, {
        "ru.txt": "Глава МИД Алексей Гончаренко прибыл в Киев.",
        "uk.txt": "Міністр Олексій Гончаренко прибув до Києва. Гончаренко провів зустріч.",
    })
    assert _entity_of(story, "Алексей Гончаренко") == _entity_of(story, "Олексій Гончаренко")


@pytest.mark.parametrize(("a", "la", "b", "lb"), [
    ("Меган Холлоуэй", "ru", "Megan Holloway", "en"),  # English w as у: -уэй is -way
    ("Уильям Эдвардс", "ru", "William Edwards", "en"),
    ("Холлоуэя", "ru", "Holloway", "en"),
    ("Александр Дюмон", "ru", "Alexandre Dumont", "fr"),  # French does not say the final t
    ("Жан Дюпон", "ru", "Jean Dupont", "fr"),
    ("Дюма", "ru", "Dumas", "fr"),
])
def test_a_name_written_by_its_sound_in_russian_meets_its_latin_spelling(a, la, b, lb):
    assert names_match(_form(a, la), _form(b, lb))


@pytest.mark.parametrize(("a", "la", "b", "lb"), [
    ("Жан Дюпон", "ru", "Jean Dupré", "fr"),
    ("Меган Холлоуэй", "ru", "Megan Holland", "en"),
    ("Дюмон", "ru", "Dumont", "en"),  # an English reader says the t
])
def test_the_second_readings_do_not_join_other_names(a, la, b, lb):
    assert not names_match(_form(a, la), _form(b, lb))


def test_an_english_name_in_russian_transcription_is_one_entity_with_it(tmp_path):
    story = _story(tmp_path, {
        "en.txt": "The inspector Megan Holloway arrived in Odesa. Holloway said the port was safe.",
        "ru.txt": "Эксперт Меган Холлоуэй прибыла в Одессу. По словам Холлоуэй, порт безопасен.",
    })
    assert _entity_of(story, "Megan Holloway") == _entity_of(story, "Меган Холлоуэй")
