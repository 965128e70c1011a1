"""load_sources on every kind of input: headers, encodings, newlines, binaries, odd names, folders."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.engine.loading import MAX_FILE_BYTES, PathNotFound, load_sources, make_title
from tui.engine.model import Source

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BAD_CORPUS_TOOL = Path("/work/shared/tools/make_bad_corpus.py")


def load_one(path: Path) -> Source:
    sources, skipped = load_sources([path])
    assert skipped == [], skipped
    assert len(sources) == 1
    return sources[0]


def skip_reason(path: Path) -> str:
    sources, skipped = load_sources([path])
    assert sources == []
    assert len(skipped) == 1
    return skipped[0].reason


def python_reads(source: Source) -> str:
    """What a checker reading the file in text mode with the reported encoding gets."""
    encoding = source.encoding
    errors = "replace" if any("replaced" in w for w in source.warnings) else "strict"
    with open(source.abspath, encoding=encoding, errors=errors) as f:
        return f.read()


# ------------------------------------------------------------------------------------------ date header


def test_header_with_day(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(" date 2022-10-20 In a major development, Ukraine recalled its envoy. More text.\n", encoding="utf-8")
    s = load_one(f)
    assert (s.date, s.date_precision, s.warnings) == ("2022-10-20", "day", ())
    assert s.body.startswith("In a major development")
    assert s.text[: s.body_start] == " date 2022-10-20 "
    assert s.title == "In a major development, Ukraine recalled its envoy."
    assert s.words == 10


def test_header_with_month(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(" date 2022-10 Żądania Rosji są niezgodne z prawem.\n", encoding="utf-8")
    s = load_one(f)
    assert (s.date, s.date_precision) == ("2022-10", "month")
    assert s.body.startswith("Żądania")
    assert s.language == "pl"


def test_header_followed_by_newline(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(" date 2022-10-20\nFirst line of the story.\n", encoding="utf-8")
    s = load_one(f)
    assert s.date == "2022-10-20"
    assert s.body == "First line of the story.\n"


def test_no_header(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Ukraine has removed its ambassador to Kazakhstan.\n", encoding="utf-8")
    s = load_one(f)
    assert (s.date, s.date_precision, s.body_start, s.warnings) == (None, None, 0, ())


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        ("2022-13-45", "month 13 is out of range"),
        ("2022-02-30", "day 30 is out of range for 2022-02"),
        ("yesterday", "not an ISO date"),
        ("20-10-2022", "not an ISO date"),
    ],
)
def test_malformed_header_is_a_warning_and_the_text_is_kept(tmp_path: Path, token: str, problem: str) -> None:
    f = tmp_path / "a.txt"
    f.write_text(f" date {token} Tokayev spoke about Astana.\n", encoding="utf-8")
    s = load_one(f)
    assert s.date is None and s.date_precision is None
    assert len(s.warnings) == 1
    assert s.warnings[0].startswith(f"malformed date header '{token}'")
    assert problem in s.warnings[0]
    assert s.body == "Tokayev spoke about Astana.\n"


def test_leap_day_is_valid(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(" date 2024-02-29 Text.\n", encoding="utf-8")
    assert load_one(f).date == "2024-02-29"


def test_header_only_in_the_first_line(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Text first.\n date 2022-10-20 not a header\n", encoding="utf-8")
    assert load_one(f).date is None


def test_header_without_text_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(" date 2022-10-20\n\n", encoding="utf-8")
    assert skip_reason(f) == "no text after the date header"


def test_seeds() -> None:
    sources, skipped = load_sources([SEEDS])
    assert skipped == []
    by_name = {s.path[:3]: s for s in sources}
    assert [s.path for s in sources] == sorted(s.path for s in sources)
    assert (by_name["000"].date, by_name["000"].language) == (None, "en")
    assert (by_name["001"].date, by_name["001"].date_precision, by_name["001"].language) == ("2022-10-20", "day", "en")
    assert (by_name["002"].date, by_name["002"].date_precision, by_name["002"].language) == ("2022-10", "month", "pl")
    appeal = by_name["000"].text.index("A Message from The Moscow Times:")
    assert by_name["000"].boilerplate == ((appeal, len(by_name["000"].text)),)
    assert by_name["001"].boilerplate == () and by_name["002"].boilerplate == ()
    for s in sources:
        assert s.text == python_reads(s)
        assert s.encoding == "utf-8"


# -------------------------------------------------------------------------------------- decoding, newlines


def test_bom_and_crlf_offsets_match_python_text_mode(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("\ufeff date 2022-10-17 Vrublevsky was recalled.\r\nKazakhstan said so.\rEnd.\r\n".encode("utf-8"))
    s = load_one(f)
    assert s.text == open(f, encoding="utf-8-sig").read()
    assert not s.text.startswith("\ufeff") and "\r" not in s.text
    assert s.encoding == "utf-8-sig"
    assert s.date == "2022-10-17"
    assert s.text[s.body_start :].startswith("Vrublevsky")
    assert s.text.index("Kazakhstan") == len(" date 2022-10-17 Vrublevsky was recalled.\n")


def test_bom_without_header(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("\ufeffPlain text.\n".encode("utf-8"))
    s = load_one(f)
    assert s.text == "Plain text.\n"
    assert s.body == "Plain text.\n" and s.title == "Plain text."


def test_cp1250_polish(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    text = " date 2022-10-18 Wrublewskiego odwołano. Źródła w Łodzi: Żądania Rosji są niezgodne z prawem.\r\n"
    f.write_bytes(text.encode("cp1250"))
    s = load_one(f)
    assert "Wrublewskiego" in s.text and "Łodzi" in s.text and "Źródła" in s.text
    assert s.text == text.replace("\r\n", "\n")
    assert s.encoding == "cp1250"
    assert s.warnings == ("not UTF-8; decoded as cp1250",)
    assert s.text == python_reads(s)
    assert s.date == "2022-10-18"


def test_cp1251_cyrillic(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    text = (" date 2022-10-19 Президент Казахстана Касым-Жомарт Токаев заявил, что посол Украины Петр Врублевский "
            "будет отозван. Министерство иностранных дел подтвердило это в среду.\n")
    f.write_bytes(text.encode("cp1251"))
    s = load_one(f)
    assert s.text == text
    assert s.encoding == "cp1251"
    assert s.warnings == ("not UTF-8; decoded as cp1251",)  # Russian has name and date rules of its own
    assert s.language == "ru"


def test_western_legacy_with_curly_quotes(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    text = "Le président a déclaré “très clairement” que l’ambassadeur était rappelé à Kyiv après ses propos.\n"
    f.write_bytes(text.encode("cp1252"))
    s = load_one(f)
    assert s.text == text
    assert s.warnings == (f"not UTF-8; decoded as {s.encoding}",)
    assert s.language == "fr"


def test_invalid_bytes_inside_utf8_are_replaced(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    data = " date 2022-10-14 Ambasador Wrublewski spotkał się w Łodzi ".encode() + b"\xff\xfe" + b" z ministrem.\n"
    f.write_bytes(data)
    s = load_one(f)
    assert s.warnings == ("2 invalid UTF-8 byte(s) replaced",)
    assert s.encoding == "utf-8"
    assert "Łodzi \ufffd\ufffd z ministrem" in s.text
    assert s.text == open(f, encoding="utf-8", errors="replace").read()


def test_broken_bytes_in_ascii_text_are_not_mojibake(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b" date 2022-10-14 Tokayev \xff\xfe\xfa broken bytes \xc3\x28 here.\n")
    s = load_one(f)
    assert s.warnings == ("4 invalid UTF-8 byte(s) replaced",)
    assert "Tokayev \ufffd" in s.text and s.date == "2022-10-14"


def test_utf16_with_bom(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(" date 2022-10-14 Tokajew w Astanie.\r\n".encode("utf-16"))
    s = load_one(f)
    assert s.text == open(f, encoding="utf-16").read() == " date 2022-10-14 Tokajew w Astanie.\n"
    assert s.date == "2022-10-14"


def test_control_characters_are_kept(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    raw = " date 2022-10-15 Vrublevskyi \x1b[2J\x1b[31mred\x1b[0m and \x1b]52;c;ZXZpbA==\x07 end.\n"
    f.write_bytes(raw.encode("utf-8"))
    s = load_one(f)
    assert s.text == raw
    assert "\x1b" not in s.title and "\x07" not in s.title


# ------------------------------------------------------------------------------------------- skipping


def test_empty_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"")
    assert skip_reason(f) == "empty file"


def test_blank_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"   \n\n  \t\r\n")
    assert skip_reason(f) == "no text (blank file)"


def test_png_named_txt(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 8)
    assert skip_reason(f) == "binary file (PNG image)"


def test_fake_jpeg(tmp_path: Path) -> None:
    f = tmp_path / "photo"  # no extension: a candidate, but its content gives it away
    f.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 2048)
    assert skip_reason(f) == "binary file (JPEG image)"


def test_nul_bytes(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"some text\x00\x00\x00more")
    assert skip_reason(f).startswith("binary file")


def test_control_character_soup(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(bytes(range(1, 32)) * 40 + b"a few letters")
    assert skip_reason(f) == "binary file (control characters)"


def test_other_extensions_are_reported(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / "paper.PDF").write_bytes(b"%PDF-1.4")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    sources, skipped = load_sources([tmp_path])
    assert [s.path for s in sources] == ["a.txt"]
    assert {(k.path, k.reason) for k in skipped} == {
        ("photo.jpg", "not a text article (.jpg)"),
        ("paper.PDF", "not a text article (.pdf)"),
    }


def test_markdown_and_extensionless_files_are_articles(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Heading\nText.\n", encoding="utf-8")
    (tmp_path / "B.TXT").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "README").write_text("Text.\n", encoding="utf-8")
    sources, skipped = load_sources([tmp_path])
    assert sorted(s.path for s in sources) == ["B.TXT", "README", "a.md"]
    assert skipped == []


def test_hidden_files_and_folders_are_ignored_silently(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text("Text.\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    sources, skipped = load_sources([tmp_path])
    assert [s.path for s in sources] == ["a.txt"] and skipped == []


def test_too_large(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    with open(f, "wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: cheap to make
    assert skip_reason(f).startswith("too large")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Text.\n", encoding="utf-8")
    f.chmod(0)
    try:
        assert skip_reason(f) == "unreadable: permission denied"
    finally:
        f.chmod(0o644)


def test_read_error_is_a_skip_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs as root too (where chmod 000 does not stop reads): the OS error is simulated.
    import tui.engine.loading as loading

    def refuse(path: str, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", path)

    f = tmp_path / "a.txt"
    f.write_text("Text.\n", encoding="utf-8")
    monkeypatch.setattr(loading.os, "open", refuse)  # files are opened with os.open (non-blocking)
    assert skip_reason(f) == "unreadable: permission denied"


def test_fifo_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    sources, skipped = load_sources([tmp_path])  # would block forever if the FIFO were opened
    assert [s.path for s in sources] == ["a.txt"]
    assert [(k.path, k.reason) for k in skipped] == [("pipe.txt", "not a regular file (FIFO)")]


# ---------------------------------------------------------------------------------------- big inputs


def test_huge_single_line_loads_fast(tmp_path: Path) -> None:
    import time

    f = tmp_path / "a.txt"
    f.write_text(" date 2022-10-13 " + "Moscow said nothing new. " * 80000 + "Vrublevsky.", encoding="utf-8")
    started = time.perf_counter()
    s = load_one(f)
    assert time.perf_counter() - started < 3.0
    assert s.words == 4 * 80000 + 1
    assert s.title == "Moscow said nothing new."
    assert s.text.endswith("Vrublevsky.")


def test_huge_line_without_spaces_has_a_bounded_title(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x" * 500_000, encoding="utf-8")
    s = load_one(f)
    assert len(s.title) <= 120 and s.title.endswith("…")


# ------------------------------------------------------------------------------------- paths, folders


def test_odd_file_name(tmp_path: Path) -> None:
    f = tmp_path / "Łódź news (1) – wersja ostateczna.txt"
    f.write_text(" date 2022-10-12 Wrublewski w Łodzi.\n", encoding="utf-8")
    sources, skipped = load_sources([tmp_path])
    assert [s.path for s in sources] == ["Łódź news (1) – wersja ostateczna.txt"]
    assert sources[0].id == sources[0].path


def test_nested_folders_use_forward_slash_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / "b" / "deeper" / "deep.txt").write_text("Deep.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Top.\n", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Middle.\n", encoding="utf-8")
    sources, _ = load_sources([tmp_path])
    assert [s.path for s in sources] == ["a.txt", "b/c.txt", "b/deeper/deep.txt"]
    assert all(Path(s.abspath).is_absolute() and Path(s.abspath).read_text(encoding="utf-8") == s.text for s in sources)


def test_file_given_directly_is_named_by_its_file_name(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    f = tmp_path / "sub" / "story.txt"
    f.write_text("Text.\n", encoding="utf-8")
    s = load_one(f)
    assert (s.path, s.id, s.abspath) == ("story.txt", "story.txt", str(f))


def test_relative_path_argument(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Text.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    sources, _ = load_sources(["d", "./d/a.txt"])
    assert [s.path for s in sources] == ["a.txt"]  # the second PATH is the same file: loaded once
    assert sources[0].abspath == str(tmp_path / "d" / "a.txt")


def test_same_relative_path_under_two_arguments_gets_distinct_ids(tmp_path: Path) -> None:
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "a.txt").write_text(f"Text from {d}.\n", encoding="utf-8")
    sources, _ = load_sources([tmp_path / "x", tmp_path / "y"])
    assert [(s.id, s.path) for s in sources] == [("a.txt", "a.txt"), ("a.txt#2", "a.txt")]


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "a.txt").write_text("Text.\n", encoding="utf-8")
    os.symlink(".", tmp_path / "nested" / "loop")
    os.symlink("..", tmp_path / "nested" / "up")
    sources, skipped = load_sources([tmp_path])
    assert [s.path for s in sources] == ["nested/a.txt"]
    assert skipped == []


def test_self_referencing_symlink_is_reported_not_raised(tmp_path: Path) -> None:
    os.symlink("self.txt", tmp_path / "self.txt")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    sources, skipped = load_sources([tmp_path])
    assert [s.path for s in sources] == ["a.txt"]
    assert [k.path for k in skipped] == ["self.txt"] and skipped[0].reason.startswith("unreadable")


def test_folder_reached_twice_is_read_once_under_its_shortest_name(tmp_path: Path) -> None:
    (tmp_path / "b" / "real").mkdir(parents=True)
    (tmp_path / "b" / "real" / "x.txt").write_text("Text.\n", encoding="utf-8")
    os.symlink(tmp_path / "b" / "real", tmp_path / "a_link")
    sources, skipped = load_sources([tmp_path])
    assert [s.path for s in sources] == ["a_link/x.txt"] and skipped == []


def test_symlinked_folder_is_followed(tmp_path: Path) -> None:
    # The folder is outside the story: followed only when asked (issue 10; by default it is skipped).
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "story").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "story" / "linked")
    sources, _ = load_sources([tmp_path / "story"], follow_links=True)
    assert [s.path for s in sources] == ["linked/a.txt"]


def test_broken_symlink_is_reported(tmp_path: Path) -> None:
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    sources, skipped = load_sources([tmp_path])
    assert sources == [] and [(k.path, k.reason) for k in skipped] == [("dangling.txt", "broken symlink")]


def test_nonexistent_path_raises(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    missing = tmp_path / "nope"
    with pytest.raises(PathNotFound) as info:
        load_sources([tmp_path, missing])
    assert info.value.path == str(missing)


def test_empty_folder_gives_nothing(tmp_path: Path) -> None:
    assert load_sources([tmp_path]) == ([], [])


def test_progress_is_reported(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "x.jpg").write_bytes(b"\xff\xd8\xff")
    calls: list[tuple[int, int]] = []
    load_sources([tmp_path], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_repeated_footer_across_loaded_sources(tmp_path: Path) -> None:
    footer = "© 2022 Steppe Wire Agency. All rights reserved. Republication without permission is prohibited."
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(
            f" date 2022-10-2{n} Outlet {n} reports that the envoy was recalled after his remarks in August.\n"
            f"Its second paragraph, number {n}, gives more detail on the ministry statement.\n{footer}\n",
            encoding="utf-8",
        )
    sources, _ = load_sources([tmp_path])
    for s in sources:
        start = s.text.index(footer)
        assert s.boilerplate == ((start, start + len(footer)),)


def test_title_rules() -> None:
    assert make_title("  \n  First line.  Second sentence.") == "First line."
    assert make_title("Zdaniem analityków m.in. spór osłabił pozycję ministra. Dalej.") == (
        "Zdaniem analityków m.in. spór osłabił pozycję ministra."
    )
    assert make_title("Dr. Smith met the U.S. envoy in Astana. He left.") == "Dr. Smith met the U.S. envoy in Astana."
    assert make_title("A heading without a full stop\nBody.") == "A heading without a full stop"
    long = make_title("word " * 100)
    assert len(long) <= 120 and long.endswith("…") and "  " not in long
    assert make_title("") == ""


def test_input_folder_is_never_written(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(BAD_CORPUS_TOOL), str(corpus)], check=True)

    def snapshot() -> dict[str, str]:
        out = {}
        for root, dirs, files in os.walk(corpus):  # os.walk does not follow the symlink loop
            for name in dirs + files:
                p = Path(root) / name
                st = p.lstat()
                digest = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() and not p.is_symlink() else ""
                out[str(p.relative_to(corpus))] = f"{digest}:{st.st_mode}:{st.st_mtime_ns}:{st.st_size}"
        return out

    before = snapshot()
    load_sources([corpus])
    assert snapshot() == before


@pytest.mark.skipif(not BAD_CORPUS_TOOL.exists(), reason="shared tool not present")
def test_bad_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "bad"
    subprocess.run([sys.executable, str(BAD_CORPUS_TOOL), str(corpus)], check=True)
    sources, skipped = load_sources([corpus])
    by_path = {s.path: s for s in sources}
    assert set(by_path) == {
        "ansi.txt", "bad_date.txt", "bom_crlf.txt", "clean_pl.txt", "huge_line.txt", "invalid_utf8.txt",
        "legacy_cp1250.txt", "markup.txt", "nested/deeper/deep.txt", "word_date.txt", "Łódź news (1).txt",
    }
    reasons = {k.path: k.reason for k in skipped}
    assert reasons == {
        "empty.txt": "empty file",
        "blank.txt": "no text (blank file)",
        "binary.bin": "not a text article (.bin)",
        "photo.jpg": "not a text article (.jpg)",
    }
    for s in sources:
        assert s.text == python_reads(s), s.path
        assert 0 <= s.body_start <= len(s.text)
        assert all(s.body_start <= a < b <= len(s.text) for a, b in s.boilerplate)
    assert by_path["legacy_cp1250.txt"].encoding == "cp1250" and "Wrublewskiego" in by_path["legacy_cp1250.txt"].text
    assert by_path["bom_crlf.txt"].encoding == "utf-8-sig"
    assert "month 13" in by_path["bad_date.txt"].warnings[0] and "'yesterday'" in by_path["word_date.txt"].warnings[0]
    assert by_path["invalid_utf8.txt"].warnings == ("4 invalid UTF-8 byte(s) replaced",)
    assert [s.date for s in sources if s.path not in ("bad_date.txt", "word_date.txt")] and all(
        s.date_precision == "day" for s in sources if s.path not in ("bad_date.txt", "word_date.txt")
    )
    assert len({s.id for s in sources}) == len(sources)
