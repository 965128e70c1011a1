"""The sentence around a place in an article, and the citation `c` copies: the sentence, its source and
date. A plain splitter (end punctuation followed by a blank and a capital, or a line break) is enough for
quoting; the chronology's own sentences come from the engine."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..textsafe import printable
from .labels import source_date_detail

if TYPE_CHECKING:
    from ..engine.model import Source

_END = re.compile(r"[.!?…]+[\"'”»)\]]*\s+(?=[\"'“„«(\[]?[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ0-9])|\n\s*")
_MAX_SENTENCE = 1200


def sentence_bounds(text: str, start: int, end: int, floor: int = 0) -> tuple[int, int]:
    """(start, end) of the sentence holding text[start:end]; never before `floor` (the article body)."""
    lo = max(floor, start - _MAX_SENTENCE)
    sentence_start = lo
    for match in _END.finditer(text, lo, start):
        sentence_start = match.end()
    after = _END.search(text, end, min(len(text), end + _MAX_SENTENCE))
    sentence_end = after.start() + len(after.group().rstrip()) if after else min(len(text), end + _MAX_SENTENCE)
    if after and after.group().startswith("\n"):
        sentence_end = after.start()
    return sentence_start, max(sentence_end, end)


def citation(source: Source, start: int, end: int) -> str:
    """“The sentence.” — title (path), date: one line, control characters neutralised."""
    s, e = sentence_bounds(source.text, start, end, source.body_start)
    sentence = " ".join(printable(source.text[s:e]).split())
    return f"“{sentence}” — {printable(source.title)} ({printable(source.path)}), {source_date_detail(source)}"
