"""Shortcuts taken for speed give the answers of the long way round (issue 12/13 speed work).

- detection._runs asks whether a run goes on past MAX_RUN_WORDS only for a run long enough to have reached
  the bound; the answer must be that of asking after every run.
- gazetteer.link_lookup turns down a phrase whose first word starts no link-only spelling; the answer must be
  that of bisecting the keys file for the whole phrase.
"""

from __future__ import annotations

import re

from tui.engine import detection, gazetteer


def _runs_asking_always(text: str) -> list[tuple[int, int]]:
    goes_on = detection._run_goes_on().match
    start, spans = 0, []
    while (match := detection.RUN.search(text, start)) is not None:
        start = match.end()
        if goes_on(text, start) is not None:
            while (more := goes_on(text, start)) is not None:
                start = more.end()
            continue
        if match.end() - match.start() <= detection.MAX_RUN_CHARS:
            spans.append(match.span())
    return spans


def test_runs_at_and_around_the_bound_are_those_of_asking_always() -> None:
    words = ["Aaron", "Bea", "Cid", "Dora", "Emil", "Fay", "Gus", "Hana"]
    texts = []
    for n in (1, 2, 30, 31, 32, 33, 40, 64, 65, 100):
        for gap in (" ", "\t", "\u00a0", "  "):
            names = gap.join(words[i % len(words)] for i in range(n))
            texts.append(f"Then {names} went home. And von Bülow met Boeing 737 Max at noon.")
            texts.append(f"la {gap.join(['de'] * 2)} {names} of Wales" + " Zed" * n)
    texts.append(" ".join(["Boeing 737-800"] * 20) + " and " + " ".join(["A"] * 70))
    for text in texts:
        assert [m.span() for m in detection._runs(text, 0)] == _runs_asking_always(text), text[:60]


def _row_by_bisection(key: str) -> str | None:
    links = gazetteer._load_links()
    lines = [line for line in links.keys.split(b"\n") if line]
    probe = key.encode("utf-8") + b"\t"
    for line in lines:
        if line.startswith(probe):
            return links.row(int(line[len(probe):]))
    return None


def test_link_lookup_with_the_first_word_check_finds_what_the_whole_phrase_finds() -> None:
    phrases = ["Morze Czarne", "morze czarne", "Morze Czarnego", "said Putin", "Oblast Charkiw", "St. Petersburg",
               "Addis-Abeba today", " leading space", "two  spaces", "Den Haag", "mer Noire", "la Haya",
               "Чорне море", "Черно море", "zzzz Janov", "- Janov", "Janov -"]
    for phrase in phrases:
        key = gazetteer.fold(phrase)
        row = _row_by_bisection(key) if key else None
        place = gazetteer.link_lookup(phrase)
        assert (place.id if place else None) == (row.split("\t")[0] if row else None), phrase


def test_a_prefix_is_found_only_where_some_key_starts_with_it() -> None:
    keys = [line.split(b"\t")[0].decode() for line in gazetteer._load_links().keys.split(b"\n") if line]
    heads = {key.split(" ")[0] for key in keys if " " in key}  # a key starts with "w " iff w heads a phrase key
    for head in sorted(heads)[:: max(1, len(heads) // 500)]:
        assert gazetteer._link_prefix(head + " ")
        shorter = re.sub(r".$", "", head)
        assert gazetteer._link_prefix(shorter + " ") == (shorter in heads)
    assert not gazetteer._link_prefix("qqqqzz ")
