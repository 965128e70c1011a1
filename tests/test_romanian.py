"""Romanian, added as one folder (languages/ro/: dates.toml, names.toml) and nothing else: dates resolved
against the article's date, names with ș/ț in both their comma-below and cedilla spellings, function words
that start sentences. Sentences written for these tests; the article date is a Thursday, 20 October 2022."""

from __future__ import annotations

import pytest
from test_chronology import found, one

import tui
from tui.engine import languages
from tui.engine.linking import name_word_keys

RO = " date 2022-10-20 x\n\n"

DATES = [
    ("Acordul a fost semnat pe 20 octombrie 2022 la București.", ("pe 20 octombrie 2022", "2022-10-20", "day", "point")),
    ("Acordul a fost semnat 20 octombrie 2022.", ("20 octombrie 2022", "2022-10-20", "day", "point")),
    ("Ministrul a declarat ieri că nava a plecat.", ("ieri", "2022-10-19", "day", "point")),
    ("Alaltăieri nava a plecat.", ("Alaltăieri", "2022-10-18", "day", "point")),
    ("Decizia va fi luată mâine.", ("mâine", "2022-10-21", "day", "point")),
    ("Nava a fost reținută marți în port.", ("marți", "2022-10-18", "day", "point")),
    ("Nava a fost reţinută marţi în port.", ("marţi", "2022-10-18", "day", "point")),  # cedilla ţ
    ("Raportul a apărut pe luni.", ("pe luni", "2022-10-17", "day", "point")),
    ("Ancheta a început săptămâna trecută.", ("săptămâna trecută", "2022-10", "month", "point")),
    ("Exporturile au crescut anul trecut.", ("anul trecut", "2021", "year", "point")),
    ("Decizia va fi luată anul viitor.", ("anul viitor", "2023", "year", "point")),
    ("Alegerile au loc luna viitoare.", ("luna viitoare", "2022-11", "month", "point")),
    ("Ancheta a început la sfârșitul lunii septembrie.", ("la sfârșitul lunii septembrie", "2022-09", "late-month", "point")),
    ("La sfârșitul lunii trecute au fost alegeri.", ("La sfârșitul lunii trecute", "2022-09", "late-month", "point")),
    ("Vineri, 14 octombrie, nava a plecat.", ("Vineri, 14 octombrie", "2022-10-14", "day", "point")),
    ("Pe 3 septembrie anul trecut nava a plecat.", ("Pe 3 septembrie anul trecut", "2021-09-03", "day", "point")),
    ("Au murit 2000 de persoane în 2022.", ("în 2022", "2022", "year", "point")),
    ("Firma operează de la 1 martie în țară.", ("de la 1 martie", "2022-03-01", "day", "since")),
]


@pytest.mark.parametrize("body,expected", DATES)
def test_romanian_dates(body: str, expected: tuple) -> None:
    assert one(body, "ro") == expected


@pytest.mark.parametrize("body", [
    "Ancheta durează de trei luni.",  # "luni": months, not Monday
    "Potrivit ministrului, nava pleacă în fiecare marți.",  # every Tuesday
    "Au murit 2000 de persoane.",  # a count, not a year
])
def test_romanian_non_dates(body: str) -> None:
    assert found(body, "ro") == []


def test_ro_is_in_the_cldr_calendar_names_and_the_pack_says_what_it_can_do() -> None:
    from tui.engine.dates import calendar_names

    assert calendar_names()["ro"]["months"][9] == ["octombrie"]
    assert {"date rules", "relative dates", "shift words", "name keys", "dictionary", "name words"} <= \
        set(languages.capabilities("ro"))


@pytest.mark.parametrize("word,language,other,other_language", [
    ("Ștefănescu", "ro", "Ştefănescu", "ro"),  # comma-below and cedilla ș
    ("Ștefănescu", "ro", "Stefanescu", "en"),  # without diacritics, in an English text
    ("Ștefănescu", "ro", "Stefanescu", "ro"),  # without diacritics, in a Romanian one
    ("Țurcan", "ro", "Ţurcan", "ro"),
    ("Țurcan", "ro", "Turcan", "en"),
    ("Chișinău", "ro", "Chisinau", "en"),
    ("Gheorghe", "ro", "George", "en"),  # ghe = ge
    ("Ceaușescu", "ro", "Чаушеску", "ru"),  # cea = cha, ș = sh
])
def test_romanian_spellings_meet(word: str, language: str, other: str, other_language: str) -> None:
    primary, keys, _ = name_word_keys(word, language)
    other_primary, other_keys, _ = name_word_keys(other, other_language)
    assert primary == other_primary or primary in other_keys or other_primary in keys


def test_names_with_comma_and_cedilla_letters_link(write_story) -> None:
    folder = write_story({"ro.txt": RO + "Ministrul Ion Ștefănescu a vizitat portul. Potrivit lui Ştefănescu, "
                                         "nava a plecat ieri. Astăzi, Stefanescu a confirmat informația."})
    story = tui.load(folder)
    people = [e for e in story.entities if "tefanescu" in tui.engine.names.fold(e.name)]
    assert len(people) == 1, [e.name for e in people]
    assert {m.text for m in people[0].mentions} >= {"Ion Ștefănescu", "Ştefănescu", "Stefanescu"}


def test_sentence_starting_words_are_not_names(write_story) -> None:
    folder = write_story({"ro.txt": RO + "Potrivit surselor, nava a plecat. Ieri ministrul Andrei Popescu a vorbit. "
                                         "Astăzi nimeni nu a comentat. Conform presei, Popescu a plecat. Însă "
                                         "Popescu a revenit. Totodată, Guvernul a tăcut."})
    texts = {m.text for e in tui.load(folder).entities for m in e.mentions}
    assert "Andrei Popescu" in texts
    assert not any(t.split()[0] in {"Potrivit", "Ieri", "Astăzi", "Conform", "Însă", "Totodată"} for t in texts)


def test_definite_and_genitive_forms_join_their_base_names(write_story) -> None:
    folder = write_story({"ro.txt": RO + "Primarul Bucureștiului a vorbit. București a trimis ajutor în Moldova. "
                                         "Guvernul Moldovei a mulțumit."})
    by_text = {m.text: e.id for e in tui.load(folder).entities for m in e.mentions}
    assert by_text.get("Bucureștiului") == by_text.get("București") is not None
    assert by_text.get("Moldovei") == by_text.get("Moldova") is not None


def test_the_shared_pack_contracts_hold_for_romanian() -> None:
    """The checks every table language's pack passes (test_language_packs: each shift word after a month and
    before a weekday moves the date as it says)."""
    from test_language_packs import (
        test_every_shift_word_after_a_month_is_honoured,
        test_every_shift_word_before_a_weekday_is_honoured,
    )

    test_every_shift_word_after_a_month_is_honoured("ro")
    test_every_shift_word_before_a_weekday_is_honoured("ro")


def test_cedilla_spellings_of_common_words_are_common_words():
    # old keyboards write ş ţ with a cedilla; the dictionary spells them with a comma (ș ț): a sentence may
    # start with "Declaraţiile" or "Experţii" and neither is a name
    from tui.engine import lexicon

    assert lexicon.is_common_word("Declaraţiile", "ro") and lexicon.is_common_word("Experţii", "ro")
    assert lexicon.is_common_word("Declarațiile", "ro")
