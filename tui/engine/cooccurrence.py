"""What an entity's mentions stand in, and who is named with it: the sentence around each mention (the
chronology's own sentences, so both quote the same words) and the entities that share those sentences or
sources with it (co-occurrence), counted."""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

# the chronology's splitter and its bound on a runaway "sentence": a mention is quoted in the sentence
# the chronology would quote for a date beside it
from .chronology import _bounded, _Sentences
from .model import Entity

if TYPE_CHECKING:
    from .model import Mention, Source


@dataclass(frozen=True)
class CoOccurrence:
    """Another entity named with the chosen one: in how many of the chosen one's sentences (the strongest
    sign the two are spoken of together), and in how many sources at all."""

    entity: Entity
    sentences: int
    sources: int

    def to_json(self) -> dict:
        return {"entity": self.entity.ref_json(), "sentences": self.sentences, "sources": self.sources,
                "mentions": len(self.entity.mentions)}


class SentenceIndex:
    """Sentence spans of each source, split on first use and kept: they depend on the text alone, so
    they survive every judgement. Shared by threads (a worker counting, the UI drawing rows)."""

    def __init__(self, sources: list[Source]) -> None:
        self._sources = {source.id: source for source in sources}
        self._split: dict[str, _Sentences] = {}
        self._lock = threading.Lock()

    def _sentences(self, source_id: str) -> _Sentences:
        found = self._split.get(source_id)
        if found is None:
            source = self._sources[source_id]
            found = _Sentences(source.text, source.body_start)
            with self._lock:
                found = self._split.setdefault(source_id, found)
        return found

    def number(self, source_id: str, offset: int) -> int:
        """Which sentence of the source holds `offset` (0 for the first; the text before the first sentence
        counts as the first)."""
        return max(0, bisect_right(self._sentences(source_id).starts, offset) - 1)

    def span(self, source_id: str, start: int, end: int) -> tuple[int, int]:
        """(start, end) of the sentence holding text[start:end] of a source; a sentence too long to be one
        (no full stop for pages) is a window of whole words around it."""
        sentences = self._sentences(source_id)
        lo, hi = sentences.around(start)
        if hi < end:  # a name across a line break: its sentence runs on
            hi = max(hi, sentences.around(end - 1)[1])
        return _bounded(sentences.text, (lo, hi), start, end)

    def around(self, mention: Mention) -> tuple[int, int]:
        """The sentence holding the mention (span), widened to hold all of it."""
        start, end = self.span(mention.source_id, mention.start, mention.end)
        return min(start, mention.start), max(end, mention.end)


def cooccurrences(entity: Entity, mentions_by_source: dict[str, list[Mention]], entities: dict[str, Entity],
                  sentences: SentenceIndex) -> list[CoOccurrence]:
    """Every other entity named in a source that names `entity`, most shared sentences first, then most
    shared sources, then most mentions in the story, then by name. Mentions in boilerplate (a publisher's
    footer) are left out: a name in a footer is not spoken of with anyone."""
    own_sentences: dict[str, set[int]] = {}
    for mention in entity.mentions:
        if not mention.boilerplate:
            own_sentences.setdefault(mention.source_id, set()).add(sentences.number(mention.source_id, mention.start))
    in_sentence: dict[str, int] = {}
    in_source: dict[str, int] = {}
    for source_id, own in own_sentences.items():
        seen_here: set[str] = set()
        sentences_here: set[tuple[str, int]] = set()
        for other in mentions_by_source.get(source_id, ()):
            other_id = other.entity_id
            if other_id == entity.id or other.boilerplate or other_id not in entities:
                continue
            seen_here.add(other_id)
            number = sentences.number(source_id, other.start)
            if number in own:
                sentences_here.add((other_id, number))
        for other_id in seen_here:
            in_source[other_id] = in_source.get(other_id, 0) + 1
        for other_id, _ in sentences_here:
            in_sentence[other_id] = in_sentence.get(other_id, 0) + 1
    found = [CoOccurrence(entities[other_id], in_sentence.get(other_id, 0), count)
             for other_id, count in in_source.items()]
    found.sort(key=lambda c: (-c.sentences, -c.sources, -len(c.entity.mentions), c.entity.name, c.entity.id))
    return found


def cooccurrence_json(entity: Entity, found: list[CoOccurrence]) -> dict:
    return {"entity": entity.ref_json(), "mentions": len(entity.mentions),
            "sources": len(entity.count_by_source()), "cooccurrences": [c.to_json() for c in found]}
