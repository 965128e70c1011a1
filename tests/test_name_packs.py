"""Name packs (tui/engine/languages/<code>/names.toml): what the name detector, linker and keys read per language.
The loader rejects what a names section must not hold (naming the file and the key), the pooled lists are the
unions of the packs, and no engine module outside the packs asks `language == "xx"`: it asks the pack."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.engine import languages, lexicon, names
from tui.engine.languages import PackError, Registry

ENGINE = Path(languages.ROOT).parent
GOOD = (Path(languages.ROOT) / "pl" / "names.toml").read_text(encoding="utf-8")


def _rejected(tmp_path: Path, text: str, key: str, words: str) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "names.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as error:
        Registry(tmp_path).section("xx", "names")
    message = str(error.value)
    assert str(tmp_path / "xx" / "names.toml") in message, message
    assert error.value.key == key, message
    assert re.search(words, message), message


def test_every_names_section_validates() -> None:
    fresh = Registry()
    with_names = [code for code in fresh.codes() if fresh.has(code, "names")]
    for code in with_names:
        assert fresh.section(code, "names") is not None, code
    assert set(names.KEY_LANGUAGES) == set(with_names)


def test_a_copy_of_a_good_pack_loads(tmp_path: Path) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "names.toml").write_text(GOOD, encoding="utf-8")
    assert Registry(tmp_path).section("xx", "names") == languages.section("pl", "names")


def test_unknown_key(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace("[words]", "[words]\nsurnames = ['Nowak']"), "words.surnames", "unknown key")


def test_duplicate_word(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace('titles = [', 'titles = ["Pan", "pan", '), "words.titles", "duplicate entry")


def test_direction_without_a_meaning(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace('directions = { ', 'directions = { "górny" = "UP", '), "words.directions",
              "'górny' has no meaning")


def test_rewrite_without_a_meaning(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace('rewrites = { ', 'rewrites = { "dź" = "", '), "keys.rewrites",
              "'dź' has no meaning")


def test_unknown_backend(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace('backend = "morfeusz"', 'backend = "hunspell"'), "dictionary.backend",
              "not one of")


def test_ending_without_a_meaning(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace('"skiego" = ["ski"]', '"skiego" = []'), "inflection.endings",
              "'skiego' has no meaning")


def test_repeated_ending_is_bad_toml(tmp_path: Path) -> None:
    _rejected(tmp_path, GOOD.replace('"ą" = ["a"]', '"ą" = ["a"]\n"ią" = ["ia"]'), "", "not valid TOML")


def test_shadowed_ending(tmp_path: Path) -> None:
    """The kind lexicon._PL_ENDINGS held: "ewej" after "ej", "ście" after "cie", "owie" after "wie"."""
    text = GOOD.replace('"ście" = ["sta"]\n', "").replace('"cie" = ["ta", "t"]', '"cie" = ["ta", "t"]\n"ście" = ["sta"]')
    _rejected(tmp_path, text, "inflection.endings", "'ście' is shadowed by the earlier 'cie'")


def test_an_ending_that_keeps_scanning_shadows_nothing(tmp_path: Path) -> None:
    """"o" is in keep_scanning (several one-letter readings may be right): an ending after it is reachable;
    "ka" stops the scan, so "oska" after it is not."""
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "names.toml").write_text(GOOD.replace('"o" = [""]', '"o" = [""]\n"wo" = ["w"]'), "utf-8")
    assert Registry(tmp_path).section("xx", "names") is not None
    _rejected(tmp_path / "xx", GOOD.replace('"o" = [""]', '"o" = [""]\n"oska" = ["oski"]'), "inflection.endings",
              "'oska' is shadowed by the earlier 'ka'")


def test_pooled_lists_are_unions_of_the_packs() -> None:
    titles = {names.fold(w) for code in languages.codes()
              for w in languages.value(code, "names", "words", "titles", ())}
    assert lexicon.TITLES == titles
    assert {"prezydent", "president", "prasident", "presidente"} <= lexicon.TITLES
    assert lexicon.is_title("Bürgermeister") and lexicon.is_title("Außenministerin")
    assert {"von", "für", "ds."} <= lexicon.NAME_CONNECTORS


def test_flags_replace_language_branches() -> None:
    assert lexicon.capitalises_nouns("de") and not lexicon.capitalises_nouns("en")
    assert lexicon.dictionary_backend("pl") == "morfeusz" and lexicon.dictionary_backend("it") == "simplemma"
    assert lexicon.dictionary_backend("sv") == "simplemma"  # no pack, but simplemma has a dictionary
    assert lexicon.dictionary_backend("xx") is None
    assert names.international() == "en"
    assert lexicon.lemma_candidates("Selenskyjs", "de") == ("Selenskyj",)


def test_polish_plural_surname_ending() -> None:
    """Deliberate fix: "owie" stood after "wie", which always matched first (Nowakowie -> Nowakowa)."""
    assert "Kowalczyk" in lexicon.polish_lemma_candidates("Kowalczykowie")


# --- no language branches outside the packs -----------------------------------------------------------------

BRANCH = re.compile(r"""\b(?:language|lang|reading)\s*(?:==|!=)\s*["']|\b(?:language|lang|reading)\s+(?:not\s+)?in\s+\(\s*["']""")
# What is left, each with its reason; this list must only shrink.
ALLOWED: set[tuple[str, str]] = set()  # (the Cyrillic tables moved into the packs' script.toml)


def test_no_language_branches_outside_the_packs() -> None:
    found = set()
    for path in sorted(ENGINE.rglob("*.py")):
        if languages.ROOT in path.parents:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if BRANCH.search(line):
                found.add((path.name, line.strip()))
    assert found <= ALLOWED, sorted(found - ALLOWED)
    assert found == ALLOWED, f"fixed: {sorted(ALLOWED - found)} - take them off ALLOWED"
