"""The values a loaded story is made of: sources, mentions, entities, search results.

Frozen dataclasses with `to_json()` methods; the CLI's JSON contract is exactly their serialisation.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from ..textsafe import escape_surrogates

if TYPE_CHECKING:
    from .judgements import Judgement

EntityType = Literal["PERSON", "PLACE", "ORG", "OTHER"]
DatePrecision = Literal["day", "month"]


# --- strings in JSON --------------------------------------------------------------------------------------
# A file name that is not UTF-8 reaches Python as a str holding lone surrogates (os.fsdecode writes each
# undecodable byte 0xNN as U+DCNN), and a lone surrogate cannot be written as UTF-8: JSON output would be
# invalid, or a strict stdout would fail. Every string of the JSON contract goes through json_text.

def json_text(text: str) -> str:
    """`text` as valid Unicode (see textsafe.escape_surrogates): what every string of the JSON goes through."""
    return escape_surrogates(text)


@lru_cache(maxsize=65_536)
def json_path(path: str) -> str:
    """json_text for a path or source id (few distinct, written once per mention: cached)."""
    return json_text(path)


def path_bytes(path: str) -> str | None:
    """The raw bytes of a path that is not valid UTF-8, in base64 (RFC 4648, padded); None for a path that is.

    `json_text(path)` is readable but cannot be told apart from a name spelling out the escape itself
    ("\\xff.txt" in ASCII); these bytes give the file back exactly."""
    if json_text(path) is path:
        return None
    try:
        raw = path.encode("utf-8", "surrogateescape")  # what os.fsencode gives on a UTF-8 system
    except UnicodeEncodeError:  # a surrogate no file system gave (a Source made by hand)
        raw = path.encode("utf-8", "surrogatepass")
    return base64.b64encode(raw).decode("ascii")


def _with_path_bytes(payload: dict, path: str) -> dict:
    raw = path_bytes(path)
    if raw is not None:
        payload["path_bytes"] = raw
    return payload


@dataclass(frozen=True)
class Skipped:
    """A file that was found but not loaded, and why."""

    path: str
    reason: str

    def to_json(self) -> dict:
        return _with_path_bytes({"path": json_path(self.path), "reason": json_text(self.reason)}, self.path)


@dataclass(frozen=True)
class Source:
    """One article as loaded.

    `text` is the file's whole decoded text exactly as Python's text mode reads it (BOM kept as U+FEFF,
    CRLF and lone CR translated to LF), so every offset in a mention or a date points into it; for a page,
    a feed item or an export record (`extracted`), it is the article's text as extracted (formats.py),
    which `storyview text ID` prints.
    """

    id: str
    path: str  # relative to the PATH it was found under; a file given directly: its name
    abspath: str
    text: str
    body_start: int  # where the article text starts (after the ` date ...` header, if any)
    language: str
    date: str | None  # "YYYY-MM-DD" or "YYYY-MM"
    date_precision: DatePrecision | None
    title: str
    words: int
    encoding: str
    warnings: tuple[str, ...] = ()
    # Spans of text that are not part of the story (a publisher's appeal, a repeated footer): kept, but marked.
    boilerplate: tuple[tuple[int, int], ...] = ()
    outlet: str = ""  # who published it: a page's site name, a feed's title, a record's source, a dateline's agency
    outlet_from: str = ""  # page, feed, record, dateline, folder (the folder holding the file); "" for none
    format: str = "text"  # text, html, mhtml, feed, jsonl, csv
    extracted: bool = False  # `text` was extracted from markup or a record, not read as it is in the file
    url: str = ""
    author: str = ""

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    def in_boilerplate(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.boilerplate)

    def to_json(self) -> dict:
        return _with_path_bytes({
            "id": json_path(self.id),
            "path": json_path(self.path),
            "language": self.language,
            "date": self.date,
            "date_precision": self.date_precision,
            "title": json_text(self.title),
            "words": self.words,
            "encoding": self.encoding,
            "warnings": [json_text(w) for w in self.warnings],
            "boilerplate": [list(span) for span in self.boilerplate],
            "outlet": json_text(self.outlet),
            "outlet_from": self.outlet_from,
            "format": self.format,
            "extracted": self.extracted,
            "url": json_text(self.url),
            "author": json_text(self.author),
        }, self.path)


class Mention(NamedTuple):
    """One occurrence of a name in one source: `source_text[start:end] == text`.

    A named tuple rather than a frozen dataclass: a big story has hundreds of thousands of mentions, and a
    tuple is built several times faster while being just as immutable.
    """

    source: str  # the source's path, as in Source.path
    source_id: str
    start: int
    end: int
    text: str
    entity_id: str = ""
    boilerplate: bool = False

    def to_json(self) -> dict:
        return {
            "source": json_path(self.source),
            "start": self.start,
            "end": self.end,
            "text": json_text(self.text),
            "source_id": json_path(self.source_id),
            "boilerplate": self.boilerplate,
        }


@dataclass(frozen=True)
class Variant:
    text: str
    count: int

    def to_json(self) -> dict:
        return {"text": json_text(self.text), "count": self.count}


@dataclass(frozen=True)
class Entity:
    """One person, place or organisation with every spelling it goes by in the story."""

    id: str
    name: str
    type: EntityType
    variants: tuple[Variant, ...]
    mentions: tuple[Mention, ...]
    # per language of the sources the entity is named in (the language with most mentions first), its
    # spellings, most used first; and per script (ISO 15924: "Latn", "Cyrl"...), how many mentions use it
    spellings: tuple[tuple[str, tuple[Variant, ...]], ...] = ()
    scripts: tuple[tuple[str, int], ...] = ()
    # spellings that knowledge (not spelling rules) made this entity's, and why: ("OTAN", "same organisation in
    # the organisation table"), ("MSZ", "acronym defined in source #3"), ("Morze Czarne", "same place in CLDR")
    joined_by: tuple[tuple[str, str], ...] = ()
    # the user's judgements that shaped this entity (judgements.py): a curated entity
    judgements: tuple[Judgement, ...] = ()

    @property
    def curated(self) -> bool:
        return bool(self.judgements)

    def ref_json(self) -> dict:
        return {"id": json_text(self.id), "name": json_text(self.name), "type": self.type}

    def spellings_json(self) -> dict:
        """{"spellings": {language: [{"text", "count"}...]}, "scripts": {script: mentions},
        "joined_by": [{"text", "reason"}...]}."""
        return {"spellings": {language: [v.to_json() for v in variants] for language, variants in self.spellings},
                "scripts": dict(self.scripts),
                "joined_by": [{"text": json_text(text), "reason": json_text(reason)}
                              for text, reason in self.joined_by]}

    def to_json(self) -> dict:
        payload = {
            **self.ref_json(),
            "variants": [v.to_json() for v in self.variants],
            "mentions": [m.to_json() for m in self.mentions],
            **self.spellings_json(),
        }
        if self.judgements:  # only then, so a story without judgements prints what it always printed
            payload["curated"] = True
            payload["judgements"] = [j.to_json() for j in self.judgements]
        return payload

    def count_by_source(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for mention in self.mentions:
            counts[mention.source_id] = counts.get(mention.source_id, 0) + 1
        return counts


@dataclass(frozen=True)
class SearchResult:
    entity: Entity
    score: float  # 0..1
    matched: str  # the variant (or name) the query matched best

    def to_json(self) -> dict:
        return {
            "entity": self.entity.ref_json(),
            "score": round(self.score, 4),
            "matched": json_text(self.matched),
            "variants": [json_text(v.text) for v in self.entity.variants],
            "mentions": [m.to_json() for m in self.entity.mentions],
            **self.entity.spellings_json(),
        }


@dataclass(frozen=True)
class TemporalExpression:
    """One dated (or datable) expression in one source, normalised against the article's own date."""

    source: str
    source_id: str
    start: int
    end: int
    text: str
    date: str | None  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY" | None
    precision: str  # day|early-month|mid-month|late-month|month|year|weekday-unresolved|unresolved|vague
    role: str = "point"  # point|since|until
    sentence: str = ""
    sentence_start: int = 0
    entities: tuple[str, ...] = ()
    event: str = ""
    note: str = ""  # e.g. "a Wednesday in 2022-10", or why it is unresolved

    def to_json(self) -> dict:
        return {
            "source": json_path(self.source),
            "start": self.start,
            "end": self.end,
            "text": json_text(self.text),
            "date": self.date,
            "precision": self.precision,
            "role": self.role,
            "sentence": json_text(self.sentence),
            "entities": [json_text(e) for e in self.entities],
            "event": self.event,
            "source_id": json_path(self.source_id),
            "note": json_text(self.note),
        }


@dataclass(frozen=True)
class Event:
    """Temporal expressions from one or more sources that speak of the same happening."""

    id: str
    date: str | None
    precision: str
    expressions: tuple[TemporalExpression, ...] = field(default_factory=tuple)

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.source_id for e in self.expressions))
