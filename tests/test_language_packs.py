"""Language packs (tui/engine/languages/<code>/*.toml): the loader rejects what a pack must not hold, naming the
file and the key; every shipped pack validates; and the date words read from the packs mean what their own
language says (the shift words once kept their meanings in a pooled dict apart from the word lists, and some
words had none: "a marzo prossimo" was read as this March)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_chronology import found

from tui.engine import dates, languages
from tui.engine.languages import PackError, Registry

PACKS = ("es", "it", "pt", "nl", "cs", "ro", "ru", "uk", "bg", "sl", "sk", "hr", "sr")  # read by the table builder
WEDNESDAY = "2024-03-20"


# --- the shipped packs ------------------------------------------------------------------------------------


def test_every_shipped_pack_validates() -> None:
    fresh = Registry()  # not the process's cached one: read every file again
    fresh.validate_all()
    assert set(dates.LANGUAGES) <= set(fresh.codes())


def test_capabilities_matrix() -> None:
    matrix = languages.matrix()
    for code in PACKS:
        assert {"date rules", "relative dates", "shift words", "month parts"} <= set(matrix[code]), code
    assert "calendar forms" in matrix["cs"] and "calendar forms" in matrix["pt"]
    assert "calendar forms" not in matrix["es"]
    assert languages.capabilities("xx") == ()
    for code in ("en", "pl", "de", "fr"):  # hand-written rules: their words with meanings in the pack
        assert {"date rules", "shift words", "month parts"} <= set(matrix[code]), code
        assert "relative dates" in matrix[code], code  # their patterns are pack data, the grammar code
        assert languages.value(code, "dates", "rules", "grammar") in languages.GRAMMARS, code


HAND = [  # the hand-written languages read their shift words, year shifts, part words and lead words from their packs
    ("en", "The port has been closed since 2021-05-03.", ("since 2021-05-03", "2021-05-03", "day", "since")),
    ("en", "In 2000 people marched.", []),
    ("de", "Er schrieb in der Welt am Sonntag.", []),
    ("fr", "Le port est fermé jusqu'au 2024-04-01.", ("jusqu'au 2024-04-01", "2024-04-01", "day", "until")),
    ("en", "The port closed last March.", ("last March", "2023-03", "month", "point")),
    ("en", "The port closed in August last year.", ("in August last year", "2023-08", "month", "point")),
    ("en", "The port closed at the end of last month.", ("at the end of last month", "2024-02", "late-month", "point")),
    ("pl", "Port zamknięto w zeszły wtorek.", ("w zeszły wtorek", "2024-03-19", "day", "point")),
    ("pl", "Port działa od ubiegłego poniedziałku.", ("od ubiegłego poniedziałku", "2024-03-18", "day", "since")),
    ("pl", "Port zamknięto w sierpniu ubiegłego roku.", ("w sierpniu ubiegłego roku", "2023-08", "month", "point")),
    ("de", "Der Hafen wurde im August letzten Jahres geschlossen.",
     ("im August letzten Jahres", "2023-08", "month", "point")),
    ("de", "Der Hafen wurde Ende August geschlossen.", ("Ende August", "2023-08", "late-month", "point")),
    ("fr", "Le port a fermé en août dernier.", ("en août dernier", "2023-08", "month", "point")),
    ("fr", "Le port a fermé début mars.", ("début mars", "2024-03", "early-month", "point")),
]


@pytest.mark.parametrize("language,body,expected", HAND)
def test_hand_written_languages_read_their_packs(language: str, body: str, expected: tuple | list) -> None:
    assert found(body, language, WEDNESDAY) == ([expected] if isinstance(expected, tuple) else expected)


def test_table_languages_are_those_with_a_pack() -> None:
    tables = {code for code in languages.codes() if "grammar" in (languages.section(code, "dates") or {})}
    assert tables == set(PACKS) == set(dates.LANGUAGES) - {"en", "pl", "de", "fr"}
    readable = {code for code in languages.codes() if "date rules" in languages.capabilities(code)}
    assert readable == set(dates.LANGUAGES)


def test_sections_are_read_once() -> None:
    assert languages.section("it", "dates") is languages.section("it", "dates")


def test_packs_ship_in_the_wheel_config() -> None:
    text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"tui.engine.languages"' in text
    assert re.search(r'"tui\.engine\.languages" = \[[^\]]*\*/\*\.toml', text)


# --- the loader rejects ------------------------------------------------------------------------------------

GOOD = (Path(languages.ROOT) / "es" / "dates.toml").read_text(encoding="utf-8")


def _pack(tmp_path: Path, text: str, code: str = "xx") -> Registry:
    (tmp_path / code).mkdir()
    (tmp_path / code / "dates.toml").write_text(text, encoding="utf-8")
    return Registry(tmp_path)


def _rejected(tmp_path: Path, text: str, key: str, words: str) -> None:
    registry = _pack(tmp_path, text)
    with pytest.raises(PackError) as error:
        registry.section("xx", "dates")
    message = str(error.value)
    assert str(tmp_path / "xx" / "dates.toml") in message, message
    assert error.value.key == key, message
    assert re.search(words, message), message


def test_a_copy_of_a_good_pack_loads(tmp_path: Path) -> None:
    assert _pack(tmp_path, GOOD).section("xx", "dates") == languages.section("es", "dates")


def test_unknown_key(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace("[prepositions]", "[prepositions]\nhour = ['a las']"),
              "prepositions.hour", "unknown key")


def test_unknown_section(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD + "\n[holidays]\nnavidad = 12\n", "holidays", "unknown key")


def test_duplicate_in_a_list(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace("day = ['el', ", "day = ['el', 'El', "), "prepositions.day",
              "duplicate entry 'El'")


def test_duplicate_after_folding_spaces_and_apostrophes(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace("before = { ", "before = { 'el  pasado' = 'last', 'el pasado' = 'last', "),
              "shifts.before", "duplicate entry")


def test_duplicate_key_is_bad_toml(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace("[parts]", "[parts]\nfines = 'late'\nfines = 'late'"), "", "not valid TOML")


def test_bad_regex(tmp_path: Path) -> None:
    text = re.sub(r"(?m)^since = .*$", "since = '(?:desde|a\\\\s+partir'", GOOD)
    _rejected(tmp_path, text, "grammar.since", "does not compile")


def test_bad_regex_in_a_relative_pattern(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace("[relative]\n", "[relative]\n'[Aa]yer(' = { unit = 'day', offset = -1 }\n"),
              "relative", "does not compile")


def test_word_without_a_meaning(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace("after = { ", "after = { venidero = '', "), "shifts.after",
              "'venidero' has no meaning")


def test_year_shift_without_a_number(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace("year = { ", "year = { 'del año venidero' = 'next', "), "shifts.year",
              "has no meaning")


def test_wrong_type(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace("weekday_needs_prep = false", "weekday_needs_prep = 'no'"),
              "grammar.weekday_needs_prep", "true or false")


def test_relative_entry_needs_its_unit(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace("[relative]\n", "[relative]\n'[Aa]yer' = { offset = -1 }\n"),
              "relative", "unit: missing")


def test_a_grammar_needs_its_other_sections(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.split("[parts]")[0], "parts", "missing")


def test_shift_word_with_two_meanings(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace("after = { pasado = 'last'", "after = { pasado = 'next'"),
              "shifts.after", "'pasado' means 'next'")


def test_shadowed_ending() -> None:
    spec = languages.endings()
    problems: list[str] = []

    def fail(problem: str) -> None:
        problems.append(problem)
        raise PackError("x.toml", "endings", problem)

    spec.check(["ego", "owi", "emu"], fail)  # fine
    with pytest.raises(PackError, match="'iego' is shadowed by the earlier 'ego'"):
        spec.check(["ego", "iego"], fail)


# --- the date words mean what their language says (the deliberate fixes) ----------------------------------
# The article is dated Wednesday 20 March 2024: "next March" is 2025-03, "last March" 2023-03.

SHIFTED = [
    # Italian: a shift word after the month was read as a year shift without a meaning (this March)
    ("it", "Il porto riaprirà a marzo prossimo.", ("a marzo prossimo", "2025-03", "month", "point")),
    ("it", "Il porto riaprirà il prossimo marzo.", ("il prossimo marzo", "2025-03", "month", "point")),
    ("it", "Il porto ha chiuso a marzo scorso.", ("a marzo scorso", "2023-03", "month", "point")),
    ("it", "Il porto ha chiuso lo scorso marzo.", ("lo scorso marzo", "2023-03", "month", "point")),
    ("it", "Il porto riaprirà a maggio prossimo.", ("a maggio prossimo", "2024-05", "month", "point")),
    ("it", "Il porto ha chiuso a febbraio scorso.", ("a febbraio scorso", "2024-02", "month", "point")),
    ("it", "Il carico è partito il 12 marzo scorso.", ("il 12 marzo scorso", "2024-03-12", "day", "point")),
    # the typographic apostrophe and a line break, as the patterns accept them, with their meaning
    ("it", "Il porto ha chiuso a marzo dell’anno scorso.", ("a marzo dell’anno scorso", "2023-03", "month", "point")),
    ("it", "Il porto riapre a giugno di quest’anno.", ("a giugno di quest’anno", "2024-06", "month", "point")),
    ("it", "Il porto ha chiuso lo\nscorso marzo.", ("lo\nscorso marzo", "2023-03", "month", "point")),
    # Portuguese
    ("pt", "O navio partiu em março passado.", ("em março passado", "2023-03", "month", "point")),
    ("pt", "O navio parte em março próximo.", ("em março próximo", "2025-03", "month", "point")),
    ("pt", "O navio partiu a 12 de março passado.", ("a 12 de março passado", "2024-03-12", "day", "point")),
    ("pt", "O navio partiu em fevereiro passado.", ("em fevereiro passado", "2024-02", "month", "point")),
    ("pt", "O navio partiu na terça-feira passada.", ("na terça-feira passada", "2024-03-19", "day", "point")),
    # Spanish: after a day too ("el 12 de marzo pasado" stopped before "pasado")
    ("es", "El barco zarpó en marzo pasado.", ("en marzo pasado", "2023-03", "month", "point")),
    ("es", "El barco zarpará en marzo próximo.", ("en marzo próximo", "2025-03", "month", "point")),
    ("es", "El barco zarpará en marzo que viene.", ("en marzo que viene", "2025-03", "month", "point")),
    ("es", "El barco zarpó el 12 de marzo pasado.", ("el 12 de marzo pasado", "2024-03-12", "day", "point")),
    ("es", "El barco zarpará el 25 de marzo próximo.", ("el 25 de marzo próximo", "2024-03-25", "day", "point")),
    ("es", "El barco zarpó el martes pasado.", ("el martes pasado", "2024-03-19", "day", "point")),
    ("es", "El barco zarpó en febrero del año pasado.", ("en febrero del año pasado", "2023-02", "month", "point")),
    # Dutch and Czech have shift words before the month only
    ("nl", "Het schip vertrok afgelopen maart.", ("afgelopen maart", "2023-03", "month", "point")),
    ("nl", "Het schip vertrekt volgende maart.", ("volgende maart", "2025-03", "month", "point")),
    ("cs", "Loď vyplula minulý březen.", ("minulý březen", "2023-03", "month", "point")),
    ("cs", "Loď vypluje příští březen.", ("příští březen", "2025-03", "month", "point")),
]


@pytest.mark.parametrize("language,body,expected", SHIFTED)
def test_shift_words_mean_what_their_language_says(language: str, body: str, expected: tuple) -> None:
    assert found(body, language, WEDNESDAY) == [expected]


@pytest.mark.parametrize("code", PACKS)
def test_every_shift_word_after_a_month_is_honoured(code: str) -> None:
    """Each shift word of the pack, written after a month (and the year shifts), moves it as it says."""
    data = languages.section(code, "dates")
    assert data is not None
    month = dates.calendar_names()[code]["months"][6][0]  # July (after the article's March)
    month_prep = data["prepositions"]["month"][0]
    expect = {"last": "2023-07", "next": "2024-07", "this": "2024-07"}
    for word, meaning in data["shifts"]["after"].items():
        assert (f"{month_prep} {month} {word}", expect[meaning]) in [
            (text, date) for text, date, _, _ in found(f"X {month_prep} {month} {word}.", code, WEDNESDAY)], word
    for word, years in data["shifts"]["year"].items():
        got = [(text, date) for text, date, _, _ in found(f"X {month_prep} {month} {word}.", code, WEDNESDAY)]
        assert (f"{month_prep} {month} {word}", f"{2024 + years}-07") in got, (word, got)


@pytest.mark.parametrize("code", PACKS)
def test_every_shift_word_before_a_weekday_is_honoured(code: str) -> None:
    data = languages.section(code, "dates")
    assert data is not None
    tuesday = dates.calendar_names()[code]["weekdays"][1][0]
    expect = {"last": "2024-03-19", "next": "2024-03-26"}
    for word, meaning in data["shifts"]["before"].items():
        if meaning == "this":
            continue
        got = [(text, date) for text, date, _, _ in found(f"X {word} {tuesday}.", code, WEDNESDAY)]
        assert any(text.endswith(f"{word} {tuesday}") and date == expect[meaning] for text, date in got), (word, got)


def test_the_compiled_copy_is_current() -> None:
    """compiled.json (read at start-up instead of the TOML) is the packs as they are: after editing a pack, run
    `python -m tui.engine.languages`. (A stale entry is never used: its digest no longer matches the TOML.)"""
    compiled = json.loads((Path(languages.ROOT) / languages.COMPILED).read_text(encoding="utf-8"))
    assert compiled == Registry().compile()


def test_a_pack_edited_after_compiling_is_read_from_its_toml(tmp_path: Path) -> None:
    registry = _pack(tmp_path, GOOD)
    languages.write_compiled(tmp_path)
    (tmp_path / "xx" / "dates.toml").write_text(GOOD.replace("[prepositions]", "[prepositions]\nhour = ['x']"),
                                                encoding="utf-8")
    with pytest.raises(PackError, match="unknown key"):
        Registry(tmp_path).section("xx", "dates")
    assert registry is not None
