"""The place gazetteer: every spelling of a place resolves to one record, and nothing else does.

These run against the shipped tui/engine/data/places.json (built by scripts/build_gazetteer.py from CLDR).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.engine import gazetteer
from tui.engine.gazetteer import Place, acronym_key, all_places, fold, has_prefix, is_place_word, lookup

ROOT = Path(__file__).resolve().parent.parent


def _same_place(*spellings: str) -> Place:
    places = {spelling: lookup(spelling) for spelling in spellings}
    missing = [s for s, p in places.items() if p is None]
    assert not missing, f"not found: {missing}"
    ids = {s: p.id for s, p in places.items()}
    assert len(set(ids.values())) == 1, ids
    return next(iter(places.values()))


# --- one place, many spellings ---------------------------------------------------------------------------


def test_kyiv_old_and_new_zone_ids_are_one_city() -> None:
    kyiv = _same_place("Kyiv", "Kijów", "Kiew", "Kiev", "Kijow", "KYIV", "Київ", "Киев")
    assert (kyiv.id, kyiv.kind, kyiv.name) == ("Europe/Kyiv", "city", "Kyiv")


def test_moscow() -> None:
    moscow = _same_place("Moscow", "Moskwa", "Moskau", "Moscou", "Москва")
    assert (moscow.id, moscow.kind, moscow.name) == ("Europe/Moscow", "city", "Moscow")


def test_kazakhstan() -> None:
    kz = _same_place("Kazakhstan", "Kazachstan", "Kasachstan", "Kazakhstán", "Kazajistán", "Қазақстан")
    assert (kz.id, kz.kind) == ("KZ", "country")


def test_russia() -> None:
    ru = _same_place("Russia", "Rosja", "Russland", "Russie", "Россия")
    assert (ru.id, ru.kind, ru.name) == ("RU", "country", "Russia")


def test_kosovo() -> None:
    assert _same_place("Kosovo", "Kosowo", "Kosova").id == "XK"


def test_region_names_are_multiword_lookups() -> None:
    central_asia = _same_place("Central Asia", "Azja Środkowa", "Zentralasien", "Asie centrale")
    assert (central_asia.id, central_asia.kind) == ("143", "region")
    assert _same_place("Europe", "Europa").kind == "region"
    assert _same_place("European Union", "Unia Europejska", "Europäische Union").id == "EU"


def test_city_exonyms_and_names_spelled_by_zone_ids() -> None:
    assert _same_place("New York", "Nowy Jork", "New-York").id == "America/New_York"
    assert _same_place("Warsaw", "Warszawa", "Warschau", "Varsovie").id == "Europe/Warsaw"
    # The zone id keeps the old spelling: Asia/Calcutta, Asia/Saigon.
    assert _same_place("Kolkata", "Calcutta", "Kalkuta").id == "Asia/Kolkata"
    assert _same_place("Ho Chi Minh City", "Saigon").id == "Asia/Ho_Chi_Minh"


def test_spelling_habits_are_folded_away() -> None:
    assert _same_place("Guinea-Bissau", "Guinea Bissau", "guinea‑bissau").id == "GW"  # non-breaking hyphen
    assert _same_place("Côte d’Ivoire", "Cote d'Ivoire", "Ivory Coast").id == "CI"
    assert _same_place("St. Lucia", "St Lucia", "Saint Lucia").id == "LC"
    assert _same_place("Reykjavík", "Reyk\u00adja\u00advík", "Reykjavik").kind == "city"  # CLDR de has soft hyphens


def test_derived_spellings() -> None:
    # "Myanmar (Burma)" gives both names; "Bosnia & Herzegovina" the spelled-out "and" of each language.
    assert _same_place("Myanmar", "Burma", "Birma").id == "MM"
    assert _same_place("Bosnia and Herzegovina", "Bosnia & Herzegovina", "Bośnia i Hercegowina").id == "BA"


def test_cldr_alternative_names() -> None:
    # alt="short"/"variant" names: babel drops them, the build adds them from CLDR's JSON release.
    assert _same_place("Turkey", "Türkiye", "Turcja").id == "TR"
    assert _same_place("Czech Republic", "Czechia", "Czechy").id == "CZ"
    assert _same_place("United Kingdom", "UK", "Wielka Brytania").id == "GB"
    assert _same_place("United States", "US", "USA", "EE. UU.", "Stany Zjednoczone").id == "US"


# --- distinct places stay distinct -----------------------------------------------------------------------


@pytest.mark.parametrize(("one", "other"), [
    ("Austria", "Australia"),
    ("Guinea", "Equatorial Guinea"),
    ("Guinea", "Guinea-Bissau"),
    ("Niger", "Nigeria"),
    ("Sudan", "South Sudan"),
    ("Dominica", "Dominican Republic"),
    ("Austria", "Austrália"),
])
def test_similar_names_are_different_places(one: str, other: str) -> None:
    a, b = lookup(one), lookup(other)
    assert a is not None and b is not None
    assert a.id != b.id


def test_country_city_collisions() -> None:
    # A zone that is its country is folded into it; a city that merely shares a spelling keeps the rest.
    assert lookup("Kuwait").id == "KW" and lookup("Singapore").id == "SG" and lookup("Monaco").id == "MC"
    assert lookup("Mexico").id == "MX"  # French names the city so; the country wins
    assert lookup("Mexico City").id == "America/Mexico_City"
    assert lookup("Tunis").id == "Africa/Tunis"  # the city in en/pl/de/fr, the country in hr/ru
    assert lookup("Tunisia").id == "TN"


# --- not places ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["the", "and", "nie", "und", "et", "us", "The", "And", "Nie", "or", "i", "w"])
def test_common_words_are_not_places(word: str) -> None:
    assert lookup(word) is None
    assert not is_place_word(word)


@pytest.mark.parametrize("word", ["Easter", "Christmas", "Man", "Oma", "Wake", "uk", "Us"])
def test_everyday_words_that_cldr_data_would_make_places(word: str) -> None:
    # Pacific/Easter and Indian/Christmas truncate "Easter Island"/"Christmas Island"; Albanian "Man"
    # (Isle of Man), Portuguese "Omã" -> "oma": ordinary words in a core language; short forms need capitals.
    assert lookup(word) is None


def test_short_forms_are_case_sensitive() -> None:
    assert lookup("US").id == "US"
    assert lookup("us") is None
    assert is_place_word("UK") and not is_place_word("uk")
    assert acronym_key("EE. UU.") == "EEUU" and acronym_key("É.-U.") == "ÉU"
    assert acronym_key("Us") is None and acronym_key("KYIV!") is None and acronym_key("ABCDEF") is None


# --- is_place_word / has_prefix --------------------------------------------------------------------------


def test_is_place_word_first_words_and_whole_names() -> None:
    for token in ("New", "Azja", "Central", "Kyiv", "Kijów", "Guinea-Bissau", "Sri"):
        assert is_place_word(token), token
    for token in ("York", "Środkowa", "Herzegovina", "", "  "):
        assert not is_place_word(token), token


def test_has_prefix() -> None:
    assert has_prefix("kazakh") and has_prefix("Ukrain") and has_prefix("azja sr")
    assert not has_prefix("qqqz") and not has_prefix("")


# --- fold ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "folded"), [
    ("Kijów", "kijow"),
    ("Łódź", "lodz"),
    ("Straße", "strasse"),
    ("Søren Ærø", "soren aero"),
    ("Đakovo", "dakovo"),
    ("Œuvre", "oeuvre"),
    ("Kırıkkale", "kirikkale"),
    ("İstanbul", "istanbul"),
    ("Côte d’Ivoire", "cote divoire"),
    ("N'Djamena", "ndjamena"),
    ("Oʻzbekiston", "ozbekiston"),
    ("Guinea–Bissau", "guinea bissau"),
    ("  New \t York\u00a0City ", "new york city"),
    ("St. John’s", "st johns"),
    ("Reyk\u00adja\u00advík", "reykjavik"),
    ("Bosnia & Herzegovina", "bosnia & herzegovina"),
    ("Москва", "москва"),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


# --- the table as a whole --------------------------------------------------------------------------------


def test_every_spelling_finds_its_own_record() -> None:
    # The build gives each folded spelling to one record; lookups must agree with it everywhere.
    places = all_places()
    assert len(places) > 500
    assert len({p.id for p in places}) == len(places)
    wrong = [(name, p.id, getattr(lookup(name), "id", None)) for p in places for name in p.names
             if lookup(name) is not p]
    assert not wrong, wrong[:20]


def test_records_are_well_formed() -> None:
    kinds = {p.kind for p in all_places()}
    assert kinds == {"country", "region", "city"}
    for place in all_places():
        assert place.name and place.names and len(set(place.names)) == len(place.names), place
        assert all(n == n.strip() and (len(fold(n).replace(" ", "")) >= 3 or acronym_key(n)) for n in place.names)
    assert lookup("Kyiv") in all_places()


def test_data_file_declares_source_and_licence() -> None:
    meta = json.loads(gazetteer.DATA_FILE.read_text(encoding="utf-8"))["meta"]
    assert "CLDR" in meta["source"] and "Unicode" in meta["license"]
    assert meta["fold_version"] == gazetteer.FOLD_VERSION  # else loading re-folds every name (~50 ms)
    assert (gazetteer.DATA_FILE.parent / "__init__.py").exists()


def test_loading_builds_the_index() -> None:
    # Reading and indexing the file, as the first lookup does (its time is a figure of tests/benchmarks/run.py).
    index = gazetteer._build_index(json.loads(gazetteer.DATA_FILE.read_text(encoding="utf-8")))
    assert index.by_key["kijow"].id == "Europe/Kyiv"


def test_runtime_needs_neither_babel_nor_textual() -> None:
    # Load the module alone (not through the tui.engine package) so only its own imports count.
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('gaz', {str(ROOT / 'tui/engine/gazetteer.py')!r})\n"
        "module = importlib.util.module_from_spec(spec); sys.modules['gaz'] = module\n"
        "spec.loader.exec_module(module)\n"
        "assert module.lookup('Kijów').id == 'Europe/Kyiv'\n"
        "print(sorted(m for m in ('babel', 'textual', 'simplemma') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
