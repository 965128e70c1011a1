"""The link-only names' keys file, read through its sparse index, answers as reading every line would."""

from __future__ import annotations

import bisect
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine import gazetteer, lexicon


def _lines() -> list[tuple[str, int]]:
    keys = gazetteer._load_links().keys.decode("utf-8")
    return [(key, int(offset)) for key, offset in (line.split("\t") for line in keys.splitlines())]


def test_every_key_and_its_neighbours_find_their_row_or_none() -> None:
    lines = _lines()
    rows = dict(lines)
    links = gazetteer._load_links()
    sample = random.Random(7).sample(lines, 1000) + lines[:3] + lines[-3:]
    for key, offset in sample:
        assert gazetteer._link_row(key) == links.row(offset)
        for other in (key + "a", key[:-1], key + "\n", key + "\t" + str(offset), "~" + key):
            expected = rows.get(other)
            assert gazetteer._link_row(other) == (links.row(expected) if expected is not None else None)


def test_a_prefix_is_known_exactly_when_some_line_starts_with_it() -> None:
    lines = sorted(f"{key}\t{offset}" for key, offset in _lines())  # code point order: the file's byte order

    def some_line_starts_with(probe: str) -> bool:
        at = bisect.bisect_left(lines, probe)
        return at < len(lines) and lines[at].startswith(probe)

    rng = random.Random(11)
    probes = {"", "\n", "a\nb", "\U0010ffff", "zzzzzz zzz"}
    for line in rng.sample(lines, 300) + lines[:2] + lines[-2:]:
        key = line.split("\t")[0]
        probes.update(key[:n] for n in range(len(key) + 1))
        probes.update((key + " ", key[:-1] + "\U0010ffff", key + "\t", line, line + "0"))
    for probe in probes:
        assert gazetteer._link_prefix(probe) == some_line_starts_with(probe), probe


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="state ofnwiSGrgaшткьй\n", max_size=60), st.sampled_from(["en", "pl", "ru", "uk", "de"]))
def test_a_text_without_a_classifier_has_no_subdivision_before_any_name(text: str, language: str) -> None:
    if not lexicon.may_hold_subdivision_classifier(text, language):
        assert all(lexicon.subdivision_classifier_start(text, at, language) is None for at in range(len(text) + 1))


def test_a_text_with_a_classifier_is_asked_name_by_name() -> None:
    text = "Storms hit the state of Georgia on Monday."
    assert lexicon.may_hold_subdivision_classifier(text, "en")
    assert lexicon.subdivision_classifier_start(text, text.index("Georgia"), "en") == text.index("state")
