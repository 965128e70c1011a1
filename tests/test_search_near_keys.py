"""Search's near keys come from one rapidfuzz cdist for all of a word's readings: the same candidates, with the
same similarities, as process.extract gave for each reading (its cut-off, its limit, on a tie the earlier)."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from tui.engine import search
from tui.engine.search import _NEAR_CUTOFF, _NEAR_PER_KEY, _near_keys

_WORDS = st.text(alphabet="abckorstuvCSXй", min_size=1, max_size=9)


def _extracted(keys: list[str], candidates: list[str]) -> set[tuple[str, str, float]]:
    return {(key, match, sim) for key in keys
            for match, sim, _i in process.extract(key, candidates, scorer=JaroWinkler.normalized_similarity,
                                                  score_cutoff=_NEAR_CUTOFF, limit=_NEAR_PER_KEY)}


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=4, unique=True), st.lists(_WORDS, max_size=80, unique=True))
def test_near_keys_are_those_extract_gives(keys, candidates):
    with patch.object(search, "_CDIST_FROM", 1):  # the one cdist a big story uses, on a small one
        assert set(_near_keys(keys, candidates)) == _extracted(keys, candidates)


def test_a_key_keeps_only_its_best_candidates():
    candidates = [f"kovalenko{chr(0x61 + i % 26)}{i}" for i in range(3 * _NEAR_PER_KEY)]
    found = _near_keys(["kovalenko"], candidates)
    assert len(found) == _NEAR_PER_KEY
    assert set(found) == _extracted(["kovalenko"], candidates)


def test_nothing_to_compare_finds_nothing():
    assert _near_keys([], ["vrublevski"]) == []
    assert _near_keys(["vrublevski"], []) == []


def test_a_big_story_reads_near_keys_in_one_cdist_with_the_same_result(monkeypatch):
    candidates = [f"{stem}{chr(0x61 + i % 26)}{i}" for i in range(40) for stem in ("kovalenk", "vrublevs", "tokay")]
    keys = ["kovalenko", "vrublevski", "tokayev"]
    small = _near_keys(keys, candidates)
    monkeypatch.setattr(search, "_CDIST_FROM", 1)
    assert _near_keys(keys, candidates) == small and set(small) == _extracted(keys, candidates)
