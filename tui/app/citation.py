"""The sentence around a place in an article, and the citation `c` copies: the sentence, its source and
date. Sentences are the engine's (chronology.sentence_around): a mention starting a sentence mid-paragraph
copies that sentence alone, as the chronology quotes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..engine.chronology import sentence_around
from ..textsafe import printable
from .labels import source_date_detail

if TYPE_CHECKING:
    from ..engine.model import Source


def sentence_bounds(text: str, start: int, end: int, floor: int = 0) -> tuple[int, int]:
    """(start, end) of the sentence holding text[start:end]; never before `floor` (the article body)."""
    return sentence_around(text, start, end, floor)


def first_sentence_from(source: Source, offset: int) -> tuple[int, int]:
    """The first sentence starting at or after `offset` (the top line of the reader), else the one holding
    it: the sentence a reader sees begin first."""
    text = source.text
    start, end = sentence_around(text, offset, offset, source.body_start)
    if start >= offset or end >= len(text):
        return start, end
    following = end
    while following < len(text) and text[following].isspace():
        following += 1
    return sentence_around(text, following, following, source.body_start) if following < len(text) else (start, end)


def citation(source: Source, start: int, end: int) -> str:
    """“The sentence.” — title (path), date: one line, control characters neutralised."""
    s, e = sentence_bounds(source.text, start, end, source.body_start)
    sentence = " ".join(printable(source.text[s:e]).split())
    return f"“{sentence}” — {printable(source.title)} ({printable(source.path)}), {source_date_detail(source)}"
