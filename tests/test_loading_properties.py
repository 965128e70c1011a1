"""Property tests: no input makes load_sources raise, and loaded text is what Python's text mode reads."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.engine.loading import load_sources
from tui.engine.model import Source

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check_invariants(source: Source) -> None:
    assert 0 <= source.body_start <= len(source.text)
    assert source.text[source.body_start :].strip()
    assert all(source.body_start <= a < b <= len(source.text) for a, b in source.boilerplate)
    assert source.date_precision in (None, "day", "month")
    assert (source.date is None) == (source.date_precision is None)
    assert len(source.title) <= 121
    assert source.words == len(source.body.split())
    assert "\r" not in source.text


def text_mode_read(source: Source) -> str:
    encoding = source.encoding
    errors = "replace" if any("replaced" in w for w in source.warnings) else "strict"
    with open(source.abspath, encoding=encoding, errors=errors) as f:
        return f.read()


def load_bytes(data: bytes) -> tuple[list[Source], list]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_bytes(data)
        sources, skipped = load_sources([tmp])
        assert len(sources) + len(skipped) == 1
        for source in sources:
            check_invariants(source)
            assert source.text == text_mode_read(source)
        return sources, skipped


@SETTINGS
@given(st.binary(max_size=4096))
def test_random_bytes_never_raise(data: bytes) -> None:
    load_bytes(data)


@SETTINGS
@given(st.binary(max_size=512), st.sampled_from([b"", b"\xef\xbb\xbf", b" date 2022-10-20 ", b"\xef\xbb\xbf date 2022-10 "]))
def test_random_bytes_after_a_plausible_start_never_raise(data: bytes, start: bytes) -> None:
    load_bytes(start + data)


# Text built from pieces that stress the reader: CR/LF mixes, BOMs, header look-alikes, escapes, and the
# separators that str.splitlines() honours but text mode does not (U+2028, NEL).
newline_heavy_text = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(["\r\n", "\r", "\n", "\ufeff", " date ", "2022-10-20", "2022-13-45", "\x1b[31m", "\u2028", "\x85"]),
    ),
    max_size=120,
).map("".join)


@SETTINGS
@given(newline_heavy_text, st.booleans())
def test_utf8_text_loads_exactly_as_text_mode_reads_it(text: str, bom: bool) -> None:
    data = (("\ufeff" if bom else "") + text).encode("utf-8")
    sources, skipped = load_bytes(data)  # compares with open(...).read() while the file exists
    expected = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig").read()
    if sources:
        (source,) = sources
        assert source.text == expected
        assert source.encoding == ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
        assert all(w.startswith(("malformed date header", "read as ")) for w in source.warnings)
    else:
        # Only text with nothing to read (or binary-looking text) is turned away.
        assert not expected.lstrip("\ufeff").strip() or expected.lstrip("\ufeff").startswith(" date ") or _control_heavy(expected)
        assert skipped[0].reason


def _control_heavy(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\x0c\x1b" or 0x7F <= ord(ch) <= 0x9F)
    return controls >= 4 and controls > 0.1 * len(text) or "\x00" in text


@SETTINGS
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200),
       st.dates(), st.booleans())
def test_well_formed_header_always_parses(text: str, date, month_only: bool) -> None:
    stamp = f"{date.year:04d}-{date.month:02d}" + ("" if month_only else f"-{date.day:02d}")
    sources, skipped = load_bytes(f" date {stamp} {text}".encode())
    if text.strip():
        (source,) = sources
        assert source.date == stamp and source.date_precision == ("month" if month_only else "day")
        # the only warning a well-formed header allows: what the (random) text's language is read without
        assert not [w for w in source.warnings if not w.startswith("read as ")], source.warnings
        assert source.body == text
    else:
        assert skipped
