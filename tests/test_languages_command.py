"""`storyview languages`: the capability matrix, from the packs and the detector."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tui.engine import languages
from tui.engine.capabilities import COLUMNS, language_matrix

ROOT = Path(__file__).resolve().parent.parent


def test_every_pack_and_every_european_language_has_a_row():
    rows = {row["language"]: row for row in language_matrix()}
    assert set(languages.codes()) <= set(rows)
    for code in ("ro", "bg", "uk", "ru", "sl", "sk", "hr", "sr", "hu", "el", "lt"):
        assert rows[code]["detect"] == "yes", code  # the detector knows every one of them
    for row in rows.values():
        assert set(COLUMNS) <= set(row)


def test_what_a_language_has_is_said_and_borrowing_is_named():
    rows = {row["language"]: row for row in language_matrix()}
    assert rows["pl"]["dictionary"] == "morfeusz" and rows["pl"]["inflection"] == "yes"
    assert rows["de"]["date rules"] == "yes" and rows["de"]["tense"] == "yes"
    assert rows["sl"]["inflection"] == "yes" and rows["bg"]["transliteration"] == "yes"
    assert rows["bs"]["inflection"] == "as hr" and rows["bs"]["dictionary"] == "simplemma"  # hr's relatives
    assert rows["uk"]["transliteration"] == "yes"
    assert rows["ro"]["date rules"] == "yes" and rows["ro"]["pack"] is True
    assert rows["hu"]["date rules"] is None and rows["hu"]["pack"] is False  # said out loud, not guessed


def test_the_cli_prints_the_matrix_as_json_and_as_a_table():
    out = subprocess.run([sys.executable, "-m", "tui.cli", "languages", "--json"], capture_output=True, text=True,
                         cwd=ROOT, timeout=120, check=True)
    payload = json.loads(out.stdout)
    assert payload["columns"] == list(COLUMNS)
    assert {row["language"] for row in payload["languages"]} >= {"en", "pl", "uk", "ro"}
    table = subprocess.run([sys.executable, "-m", "tui.cli", "languages"], capture_output=True, text=True,
                           cwd=ROOT, timeout=120, check=True, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
    assert "Polish" in table.stdout and "morfeusz" in table.stdout


def test_a_source_in_a_language_without_rules_says_so(tmp_path):
    import tui

    (tmp_path / "hu.txt").write_text(
        " date 2022-10-20 A kazah külügyminisztérium szerdán bekérette Ukrajna nagykövetét, Petro Vrublevszkijt, "
        "miután a diplomata egy interjúban sértő kijelentéseket tett. A minisztérium szerint a nyilatkozat "
        "elfogadhatatlan, és a két ország közötti kapcsolatokat is veszélyezteti.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(" date 2022-10-20 Petro Vrublevsky, Ukraine's ambassador to Kazakhstan, "
                                     "was summoned on Wednesday after an interview.\n", encoding="utf-8")
    story = tui.load(tmp_path)
    hungarian, english = story.source("hu.txt"), story.source("en.txt")
    assert hungarian.language == "hu"
    assert hungarian.warnings == ("read as hu (Hungarian) — no name or date rules for it yet",)
    assert english.warnings == ()
    assert "Petro Vrublevsky" in {e.name for e in story.entities}  # the language-independent steps still run
