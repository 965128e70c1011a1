"""Script packs (tui/engine/languages/<code>/script.toml): each Cyrillic language's own published
transliteration system, validated by the loader, read by names.transliterate."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.engine import languages, names
from tui.engine.languages import PackError, Registry

GOOD = (Path(languages.ROOT) / "bg" / "script.toml").read_text(encoding="utf-8")


def _rejected(tmp_path: Path, text: str, key: str, words: str) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "script.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as error:
        Registry(tmp_path).section("xx", "script")
    assert error.value.key == key, str(error.value)
    assert words in str(error.value), str(error.value)


def test_every_script_pack_validates_and_is_a_table() -> None:
    fresh = Registry()
    tables = [code for code in fresh.codes() if fresh.has(code, "script")]
    assert set(tables) >= {"uk", "ru", "bg", "sr", "mk"}
    assert set(names.CYRILLIC_TABLES) == set(tables)
    for code in tables:
        assert "transliteration" in fresh.capabilities(code)


def test_a_latin_key_is_rejected(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace('"а" = "a"', '"a" = "a"'), "transliteration.letters", "not a lower-case Cyrillic")


def test_a_cyrillic_spelling_is_rejected(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace('"б" = "b"', '"б" = "б"'), "transliteration.letters", "no meaning")


def test_an_unknown_key_is_rejected(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace("[transliteration]", "[transliteration]\nreverse = true"),
              "transliteration.reverse", "unknown key")


@pytest.mark.parametrize(("cyrillic", "language", "latin"), [
    ("Харків", "uk", "Kharkiv"),  # Ukrainian national 2010
    ("Юлія Їжакевич", "uk", "Yuliia Yizhakevych"),  # word-initial ю ї, inside і я
    ("Щукін", "uk", "Shchukin"),
    ("Щукин", "ru", "Shchukin"),  # Russian BGN/PCGN-like
    ("Щерев", "bg", "Shterev"),  # Bulgarian Streamlined: щ = sht, ъ = a, -ия = ia
    ("Търговище", "bg", "Targovishte"),
    ("Мария", "bg", "Maria"),
    ("Ђурђевић Љубица Његош", "sr", "Đurđević Ljubica Njegoš"),  # Serbian: one Latin letter per Cyrillic one
    ("Џаић Ћирић Јовановић", "sr", "Džaić Ćirić Jovanović"),
    ("Ѓорѓи Ќоседе", "mk", "Gjorgji Kjosede"),  # Macedonian official romanisation
])
def test_each_language_reads_with_its_own_system(cyrillic: str, language: str, latin: str) -> None:
    assert names.transliterate(cyrillic, language) == latin


def test_an_unknown_language_reads_with_the_table_whose_marks_it_holds() -> None:
    assert names.transliterate("Київ") == "Kyiv"  # ї: Ukrainian
    assert names.transliterate("Ђорђе") == "Đorđe"  # ђ: Serbian
    assert names.transliterate("Ѓорѓи") == "Gjorgji"  # ѓ: Macedonian
    assert names.transliterate("Горький") == "Gorkiy"  # none: the default (Russian)


def test_a_relative_without_a_table_borrows_one() -> None:
    # Belarusian has no pack: its letters (ў) are read by the default table's other alphabets
    assert names.transliterate("Лукашэнка Ўладзімір", "be") == "Lukashenka Uladzimir"


def test_a_query_gets_every_tables_reading() -> None:
    readings = names.transliterations("Щерев")
    assert "Shcherev" in readings and "Shterev" in readings
