"""Hostile and awkward input through the whole engine and CLI: nothing crashes, nothing is obeyed, nothing is
lost, the story folder is never written to."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui
from tui.textsafe import neutralise

ROOT = Path(__file__).resolve().parent.parent
MAKE_BAD = ROOT.parent / "shared" / "tools" / "make_bad_corpus.py"


def make_bad_corpus(folder: Path) -> Path:
    if MAKE_BAD.exists():
        subprocess.run([sys.executable, str(MAKE_BAD), str(folder)], check=True)
    else:  # the same kinds of file, for a checkout without ../shared
        (folder / "nested" / "deeper").mkdir(parents=True)
        (folder / "clean_pl.txt").write_text(" date 2022-10-19 Ambasador Petro Wrublewski spotkał się w Łodzi.\n")
        (folder / "legacy_cp1250.txt").write_bytes(" date 2022-10-18 Wrublewskiego odwołano w Łodzi.\n".encode("cp1250"))
        (folder / "ansi.txt").write_bytes(b" date 2022-10-15 Vrublevskyi \x1b[2J\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07 end.\n")
        (folder / "markup.txt").write_bytes(b" date 2022-10-16 Vrublevskiy said [bold red]ALERT[/bold red] and "
                                            b"[link=http://evil.example]click[/link] and [/] closes nothing. Also "
                                            b"[@click=app.quit]quit[/].\n")  # as ../shared's tool writes it
        (folder / "empty.txt").write_bytes(b"")
        (folder / "binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
        (folder / "nested" / "deeper" / "deep.txt").write_text(" date 2022-10-11 Petro Vrublevsky in Astana.\n")
        os.symlink(".", folder / "nested" / "loop")
    return folder


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> Path:
    return make_bad_corpus(tmp_path_factory.mktemp("bad"))


def digest(folder: Path) -> dict[str, str]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)


def test_cli_over_the_bad_folder(bad_folder):
    before = digest(bad_folder)
    for command in (["entities", str(bad_folder), "--json"], ["search", "Wrublewski", str(bad_folder), "--json"],
                    ["timeline", str(bad_folder), "--json"], ["sources", str(bad_folder), "--json"]):
        result = run_cli(*command)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        json.loads(result.stdout)
    found = json.loads(run_cli("search", "Wrublewski", str(bad_folder), "--json").stdout)
    sources = {m["source"] for m in found["results"][0]["mentions"]}
    assert {"clean_pl.txt", "legacy_cp1250.txt", "ansi.txt", "markup.txt", "nested/deeper/deep.txt"} <= sources
    stderr = run_cli("entities", str(bad_folder), "--json").stderr
    assert "empty.txt" in stderr and "binary.bin" in stderr
    assert digest(bad_folder) == before  # the story folder is never written to


def test_escape_sequences_and_markup_are_not_names(bad_folder):
    story = tui.load(bad_folder)
    names = {m.text for e in story.entities for m in e.mentions}
    assert not names & {"ZXZpbA", "J", "ALERT", "pwned"}


def assert_offsets_true(story) -> None:
    """Every mention and every dated expression points at exactly its text in the decoded source."""
    for entity in story.entities:
        for mention in entity.mentions:
            assert story.source(mention.source_id).text[mention.start:mention.end] == mention.text
    for row in story.timeline:
        assert story.source(row.source_id).text[row.start:row.end] == row.text


def test_every_offset_matches_the_decoded_text(bad_folder):
    assert_offsets_true(tui.load(bad_folder))


def test_neutralise_keeps_length_and_removes_control_characters():
    text = "a\x1b]0;pwned\x07b\x1b[2Jc\x9bd\u202ee\n\tf"
    safe = neutralise(text)
    assert len(safe) == len(text)
    assert "\x1b" not in safe and "\x07" not in safe and "\x9b" not in safe and "\u202e" not in safe
    assert safe.endswith("\n\tf")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_random_bytes_as_a_file_never_raise(tmp_path, data):
    path = tmp_path / "random.txt"
    path.write_bytes(data)
    assert_offsets_true(tui.load(path))


_article_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
_name_like = st.sampled_from(["Petro Wrublewski", "Kazachstanu", "The Moscow Times", "Vrublevsky's", "O'Brien",
                              "Moskwy", "Kassym-Jomart", "USA", "d'Ukraine", " date 2022-10-01 ", "[bold]", "\x1b[2J"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_article_text, _name_like), max_size=12))
def test_random_text_as_an_article_never_raises(tmp_path, parts):
    path = tmp_path / "article.txt"
    path.write_text(" ".join(parts), encoding="utf-8", newline="")
    assert_offsets_true(tui.load(path))


async def test_the_tui_opens_the_bad_folder_and_stays_alive(tmp_path):
    """The whole hostile folder in the dashboard: every readable source opens, nothing is obeyed."""
    from app_support import WIDE, settle

    from tui.app.factory import create_app

    folder = make_bad_corpus(tmp_path / "bad")
    app = create_app([str(folder)])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        # every readable file (10+ from make_bad_corpus, 5 in the fallback folder of a bare checkout)
        assert len(app.story.sources) == len(tui.load(folder).sources) >= 5 and app.story.skipped
        for _ in range(len(app.story.sources)):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert "\x1b" not in app.export_screenshot()
        await pilot.press("slash")
        for key in "wrublewski":
            await pilot.press(key)
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.title == "storyview"
