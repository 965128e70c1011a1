"""Linking across scripts: a name written in Cyrillic (by its letters or, for a foreign name, by its sound)
is one entity with its Latin spellings, and the look-alikes stay apart. Our own sentences."""

import pytest

import tui
from tui.engine.linking import _make_form, names_match, sounds_alike

EN = (" date 2024-05-02 President Donald Trump met Chancellor Angela Merkel and Prime Minister Boris Johnson in "
      "Brussels. Later Joe Biden called Theresa May. Michael O'Leary, the chief of Ryanair, spoke to William "
      "Raines of the pilots. Volodymyr Zelensky thanked them.\n")
RU = (" date 2024-05-02 Президент Дональд Трамп встретился с Ангелой Меркель и премьером Борисом Джонсоном. "
      "Позже Джо Байден позвонил. Глава компании Майкл О'Лири выступил. Президент Владимир Александрович "
      "Зеленский поблагодарил. Дональд Трамп уехал.\n")
BG = (" date 2024-05-02 Президентът Доналд Тръмп се срещна с Борис Джонсън. Джо Байдън също говори. Майкъл "
      "О'Лиъри от Райънеър каза, че Райънеър няма да плати.\n")
PL = (" date 2024-05-02 Prezydent Wołodymyr Zełenski podziękował. Donald Trump i Boris Johnson rozmawiali.\n")


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xscript")
    for name, text in (("en.txt", EN), ("ru.txt", RU), ("bg.txt", BG), ("pl.txt", PL)):
        (folder / name).write_text(text, encoding="utf-8")
    return tui.load(folder)


def _form(text: str, language: str):
    return _make_form(tuple(text.split()), language)


@pytest.mark.parametrize(("cyrillic", "language", "latin", "latin_language"), [
    ("Дональд Трамп", "ru", "Donald Trump", "en"),
    ("Доналд Тръмп", "bg", "Donald Trump", "pl"),
    ("Джо Байден", "ru", "Joe Biden", "en"),
    ("Джо Байдън", "bg", "Joe Biden", "cs"),
    ("Борис Джонсън", "bg", "Boris Johnson", "pl"),
    ("Тереза Мэй", "ru", "Theresa May", "en"),
    ("Майкл О'Лірі", "uk", "Michael O'Leary", "en"),
    ("Ангела Меркель", "ru", "Angela Merkel", "de"),
    ("Володимир Олександрович Зеленський", "uk", "Volodymyr Zelensky", "en"),
    ("Володимир Зеленський", "uk", "Wołodymyr Zełenski", "pl"),
    ("Володимир Зеленський", "uk", "Wolodymyr Selenskyj", "de"),
    ("Володимир Зеленський", "uk", "Volodymyr Zelenskyj", "cs"),
    ("Никита Хрущёв", "ru", "Nikita Chruschtschow", "de"),
    ("Владимир Путин", "ru", "Vladimir Poutine", "fr"),
])
def test_a_cyrillic_name_meets_its_latin_spellings(cyrillic, language, latin, latin_language):
    assert names_match(_form(cyrillic, language), _form(latin, latin_language))


@pytest.mark.parametrize(("a", "la", "b", "lb"), [
    ("Райънеър", "bg", "Raines", "en"),  # another skeleton
    ("Трамп", "ru", "Трумп", "ru"),  # the same script: keys decide, not sound
    ("Коваленко", "uk", "Kowalczuk", "pl"),  # two Slavic surname endings
])
def test_sound_does_not_join_what_differs(a, la, b, lb):
    assert not sounds_alike(_form(a, la), 0, _form(b, lb), 0, 3)


def test_a_foreign_name_written_by_sound_links(story):
    def entity(text):
        found = {m.entity_id for e in story.entities for m in e.mentions if m.text == text}
        assert len(found) == 1, (text, found)
        return found.pop()

    assert entity("Donald Trump") == entity("Дональд Трамп")
    assert entity("Joe Biden") == entity("Джо Байдън")
    assert entity("Boris Johnson") == entity("Борис Джонсън")
    assert entity("Volodymyr Zelensky") == entity("Wołodymyr Zełenski")
    assert entity("Michael O'Leary") == entity("Майкл О'Лири") == entity("Майкъл О'Лиъри")
    assert entity("William Raines") != entity("Райънеър")


def test_yo_is_also_read_as_ye():
    # Russian prints ё as е in most texts: Пётр is Петр and Petr; Горбачёв is Горбачев and Gorbachev,
    # and the ё reading (Pyotr, Gorbachov) is still a key
    from tui.engine.names import spelling_keys

    assert spelling_keys("Пётр", "ru")[0] == spelling_keys("Петр", "ru")[0] == spelling_keys("Petr", "en")[0]
    assert spelling_keys("Pyotr", "en")[0] in spelling_keys("Пётр", "ru")
    assert spelling_keys("Горбачёв", "ru")[0] == spelling_keys("Gorbachev", "en")[0]
