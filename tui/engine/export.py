"""What leaves storyview: an entity's mentions, the chronology and the entity list as CSV, JSON, Markdown
or (the chronology) iCalendar, written to a text stream or to a file that is never inside the story.

Article text is data here too:
- CSV: a cell that starts with = + - @ (or a tab or carriage return) gets a leading apostrophe, so a
  spreadsheet shows the text instead of running it as a formula (OWASP's advice on CSV injection).
- CSV, Markdown and iCalendar: control characters (ESC, BEL, C1, bidi overrides) become visible symbols
  (textsafe.neutralise: one character for one, offsets still count), so `cat` of an export on a terminal
  obeys nothing in it. JSON keeps the text exact, with those characters written as \\u escapes.
- Markdown: every character Markdown would read (| * _ ` [ ] < > & ~ \\ $) is backslash-escaped and a line
  break in a cell is `<br>` (the only HTML in the file: any `<` of the text is escaped).
- iCalendar (RFC 5545): TEXT values escape \\ ; , and newlines, lines end in CRLF and are folded at 75
  octets without splitting a UTF-8 character. Only events dated to a day become a VEVENT
  (DTSTART;VALUE=DATE); the others are counted in `Written.skipped`.

Offsets (`start`, `end`, `sentence_start`) point into the source's whole text as Python's text mode reads
the file, as in the `--json` outputs, whose field names the JSON here shares where they overlap."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from ..textsafe import neutralise
from .cooccurrence import SentenceIndex  # a mention's sentence is cut as a date's is
from .model import Entity, Event, Mention, Source, TemporalExpression, json_path, json_text

Kind = Literal["mentions", "timeline", "entities"]
Format = Literal["csv", "json", "md", "ics"]
FORMATS: dict[str, tuple[Format, ...]] = {"mentions": ("csv", "json", "md"), "timeline": ("csv", "json", "md", "ics"),
                                           "entities": ("csv", "json", "md")}
SUFFIX: dict[Format, str] = {"csv": ".csv", "json": ".json", "md": ".md", "ics": ".ics"}
FORMAT_NAMES: dict[Format, str] = {"csv": "CSV", "json": "JSON", "md": "Markdown", "ics": "iCalendar"}

MENTION_COLUMNS = ("source_id", "source", "title", "language", "date", "start", "end", "text", "sentence")
TIMELINE_COLUMNS = ("event", "event_date", "event_precision", "date", "precision", "text", "source_id", "source",
                    "title", "language", "source_date", "start", "end", "sentence")
ENTITY_COLUMNS = ("id", "name", "type", "mentions", "sources", "spellings")


class ExportError(Exception):
    """A problem the user can fix (a file inside the story, one that exists, a folder that does not)."""


@dataclass(frozen=True)
class Export:
    """One export's rows, ready for any format: `records` are JSON values keyed at least by `columns`."""

    kind: Kind
    title: str  # the Markdown heading; plain text (escaped when written)
    columns: tuple[str, ...]
    records: tuple[dict[str, Any], ...]
    head: dict[str, Any] = field(default_factory=dict)  # the JSON's other top-level fields
    noun: str = "rows"  # what a record is, for messages: "mentions", "dated expressions", "entities"

    @property
    def key(self) -> str:
        """The JSON list the records are under (`events`, as `timeline --json` has it)."""
        return "events" if self.kind == "timeline" else self.kind


@dataclass(frozen=True)
class Written:
    """What a write put out: `rows` records (VEVENTs for iCalendar) and `skipped` events without a day."""

    rows: int
    skipped: int = 0
    path: str | None = None  # the file, None for a stream

    def describe(self, export: Export, fmt: Format) -> str:
        """"35 mentions" / "11 events (5 without a day skipped)"."""
        if fmt == "ics":
            said = f"{self.rows} event{'s' if self.rows != 1 else ''}"
            if self.skipped:
                said += f" ({self.skipped} without a day skipped)"
            return said
        return f"{self.rows} {export.noun if self.rows != 1 else export.noun.removesuffix('s')}"


# --- the rows ---------------------------------------------------------------------------------------------

def _source_fields(source: Source | None) -> dict[str, Any]:
    if source is None:
        return {"title": "", "language": "", "date": None}
    return {"title": json_text(source.title), "language": source.language, "date": source.date}


class _SentenceFinder:
    """The sentence around a place in each source (the mentions view's, split once per source); a place in
    the header (a title line) has its line."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self._index = SentenceIndex(list(sources))

    def __call__(self, source: Source, start: int, end: int) -> tuple[int, int]:
        if start < source.body_start:
            lo = source.text.rfind("\n", 0, start) + 1
            hi = source.text.find("\n", end)
            return lo, hi if hi != -1 else len(source.text)
        return self._index.span(source.id, start, end)


def mentions_export(sources: Sequence[Source], entity: Entity, mentions: Iterable[Mention] | None = None) -> Export:
    """Every mention of `entity` (or those given) in story order, each with its source and sentence."""
    by_id = {source.id: source for source in sources}
    sentence = _SentenceFinder(sources)
    records = []
    for mention in entity.mentions if mentions is None else mentions:
        source = by_id.get(mention.source_id)
        lo, hi = sentence(source, mention.start, mention.end) if source is not None else (mention.start, mention.end)
        records.append({
            "source_id": json_path(mention.source_id), "source": json_path(mention.source), **_source_fields(source),
            "start": mention.start, "end": mention.end, "text": json_text(mention.text),
            "sentence": json_text(source.text[lo:hi]) if source is not None else "", "sentence_start": lo,
            "boilerplate": mention.boilerplate,
        })
    return Export("mentions", f"Mentions of {entity.name}", MENTION_COLUMNS, tuple(records),
                  head={"entity": entity.ref_json()}, noun="mentions")


def timeline_export(sources: Sequence[Source], events: Iterable[Event], note: str = "") -> Export:
    """Each event's expressions, event by event in the order given (the chronology's: dated, then undated).
    `note` says what the events are when they are not all of them ("filtered: Petro Vrublevsky")."""
    by_id = {source.id: source for source in sources}
    records = []
    for event in events:
        for expression in event.expressions:
            records.append(_expression_record(event, expression, by_id.get(expression.source_id)))
    head: dict[str, Any] = {"filter": json_text(note)} if note else {}
    return Export("timeline", "Chronology" + (f" ({note})" if note else ""), TIMELINE_COLUMNS, tuple(records),
                  head=head, noun="expressions")


def _expression_record(event: Event, expression: TemporalExpression, source: Source | None) -> dict[str, Any]:
    fields = _source_fields(source)
    return {
        "event": event.id, "event_date": event.date, "event_precision": event.precision,
        **{k: v for k, v in expression.to_json().items() if k not in ("event",)},
        "title": fields["title"], "language": fields["language"], "source_date": fields["date"],
        "sentence_start": expression.sentence_start,
    }


def entities_export(entities: Iterable[Entity], note: str = "") -> Export:
    """One row per entity: its name, type, how many mentions and sources, its spellings (most used first)."""
    records = []
    for entity in entities:
        records.append({
            **entity.ref_json(), "mentions": len(entity.mentions), "sources": len(entity.count_by_source()),
            "variants": [v.to_json() for v in entity.variants], **entity.spellings_json(),
        })
    head: dict[str, Any] = {"filter": json_text(note)} if note else {}
    return Export("entities", "Entities" + (f" ({note})" if note else ""), ENTITY_COLUMNS, tuple(records),
                  head=head, noun="entities")


def _cell(record: dict[str, Any], column: str) -> str | int:
    """A record's value in a CSV or Markdown cell: numbers stay numbers, spellings are "Name ×3; Other ×1"."""
    if column == "spellings":
        return "; ".join(f"{v['text']} ×{v['count']}" for v in record["variants"])
    value = record[column]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value if isinstance(value, int) else str(value)


# --- the formats ------------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: str | int) -> str | int:
    """A text cell a spreadsheet would read as a formula, with a leading apostrophe; controls made visible."""
    if isinstance(value, int):
        return value
    value = neutralise(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_csv(export: Export, stream: TextIO) -> Written:
    writer = csv.writer(stream)  # RFC 4180: CRLF ends a record; a newline inside a cell is quoted
    writer.writerow(export.columns)
    for record in export.records:
        writer.writerow([csv_safe(_cell(record, column)) for column in export.columns])
    return Written(len(export.records))


# C1 controls, DEL and the bidi marks: json.dumps escapes C0 itself but writes these as they are
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_dumps(payload: object) -> str:
    """JSON as the CLI writes it (UTF-8 text, not \\u escapes), with every character a terminal could obey
    written as a \\u escape: the same data, safe to print. Such a character is only ever inside a string."""
    text = json.dumps(payload, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_json(export: Export, stream: TextIO) -> Written:
    stream.write(json_dumps({**export.head, export.key: list(export.records)}) + "\n")
    return Written(len(export.records))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~$])")


def markdown_text(text: str) -> str:
    """Text that Markdown shows as it is, on one line of a table: specials escaped, line breaks as <br>."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", neutralise(text).replace("\r\n", "\n"))
    return escaped.replace("\n", "<br>")


def write_markdown(export: Export, stream: TextIO) -> Written:
    stream.write(f"# {markdown_text(export.title)}\n\n")
    stream.write(f"{len(export.records)} {export.noun}, exported by storyview.\n\n")
    stream.write("| " + " | ".join(export.columns) + " |\n")
    stream.write("|" + "|".join("---:" if c in ("start", "end", "mentions", "sources") else "---"
                                for c in export.columns) + "|\n")
    for record in export.records:
        cells = (_cell(record, column) for column in export.columns)
        stream.write("| " + " | ".join(str(c) if isinstance(c, int) else markdown_text(c) for c in cells) + " |\n")
    return Written(len(export.records))


_ICS_MAX_OCTETS = 75
_SUMMARY_CHARS = 120


def ics_text(text: str) -> str:
    """An RFC 5545 TEXT value: \\ ; , escaped, a line break as \\n, no control character left."""
    text = neutralise(text.replace("\r\n", "\n").replace("\t", " "))
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_fold(line: str) -> str:
    """One content line folded at 75 octets (a CRLF and a space before each continuation), never inside a
    UTF-8 character; ends in CRLF."""
    pieces: list[str] = []
    current: list[str] = []
    octets, limit = 0, _ICS_MAX_OCTETS
    for char in line:
        size = len(char.encode("utf-8", "surrogatepass"))
        if octets + size > limit:
            pieces.append("".join(current))
            current, octets, limit = [], 0, _ICS_MAX_OCTETS - 1  # the leading space counts
        current.append(char)
        octets += size
    pieces.append("".join(current))
    return "\r\n ".join(pieces) + "\r\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _summary(records: list[dict[str, Any]]) -> str:
    sentence = _one_line(records[0]["sentence"] or records[0]["text"])
    if len(sentence) > _SUMMARY_CHARS:
        sentence = sentence[: _SUMMARY_CHARS - 1].rstrip() + "…"
    sources = len({r["source_id"] for r in records})
    return f"{sentence} ({sources} source{'s' if sources != 1 else ''})" if sources > 1 else sentence


def _description(records: list[dict[str, Any]]) -> str:
    lines = []
    for record in records:
        where = _one_line(f"{record['title'] or record['source']} ({record['source']}, {record['language']}, "
                          f"{record['source_date'] or 'undated'})")
        lines.append(f"{where}: {_one_line(record['sentence'] or record['text'])}")
    return "\n".join(lines)


def _day_events(records: Iterable[dict[str, Any]]) -> tuple[dict[str, list[dict[str, Any]]], int]:
    """The records grouped by event, for the events dated to a day; and how many events are not."""
    days: dict[str, list[dict[str, Any]]] = {}
    others: set[str] = set()
    for record in records:
        date = record["event_date"] or ""
        if record["event_precision"] == "day" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            days.setdefault(record["event"], []).append(record)
        else:
            others.add(record["event"])
    return days, len(others)


def write_ics(export: Export, stream: TextIO, now: dt.datetime | None = None) -> Written:
    """An iCalendar file with one all-day VEVENT per event dated to a day; the rest are skipped."""
    if export.kind != "timeline":
        raise ExportError(f"only the chronology can be written as iCalendar, not the {export.kind}")
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    days, skipped = _day_events(export.records)
    # a UID must be the same event's on every export of the same story: the event id and its sentences
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//storyview//storyview export//EN", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{ics_text(export.title)}"]
    for event_id, records in days.items():
        day = dt.date.fromisoformat(records[0]["event_date"])
        digest = hashlib.sha256("\n".join(f"{r['source']}:{r['start']}" for r in records).encode(
            "utf-8", "surrogatepass")).hexdigest()[:16]
        lines += ["BEGIN:VEVENT", f"UID:{ics_text(event_id)}-{digest}@storyview", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{ics_text(_summary(records))}", f"DESCRIPTION:{ics_text(_description(records))}",
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    stream.write("".join(ics_fold(line) for line in lines))
    return Written(len(days), skipped)


_WRITERS: dict[Format, Callable[[Export, TextIO], Written]] = {
    "csv": write_csv, "json": write_json, "md": write_markdown, "ics": write_ics}


def write(export: Export, fmt: Format, stream: TextIO) -> Written:
    """Write `export` to `stream` as `fmt` (a format its kind has: FORMATS)."""
    if fmt not in FORMATS[export.kind]:
        raise ExportError(f"the {export.kind} cannot be written as {FORMAT_NAMES.get(fmt, fmt)}; "
                          f"choose one of {', '.join(FORMATS[export.kind])}")
    return _WRITERS[fmt](export, stream)


def format_of(path: str | os.PathLike[str], default: Format = "csv") -> Format:
    """The format a file name asks for by its suffix (.csv .json .md .markdown .ics), else `default`."""
    suffix = Path(path).suffix.lower()
    return {".markdown": "md"}.get(suffix) or next((f for f, s in SUFFIX.items() if s == suffix), default)  # type: ignore[return-value]


# --- files ------------------------------------------------------------------------------------------------

def _real(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.fsdecode(os.fspath(path)))


def inside_story(target: str | os.PathLike[str], roots: Iterable[str | os.PathLike[str]],
                 sources: Iterable[Source] = ()) -> bool:
    """Whether writing `target` would write into the story: under a folder it was read from, onto a file it
    was read from, or onto one of its sources (a link followed out of the folders). Links are resolved."""
    real = _real(target)
    for root in roots:
        base = _real(root)
        if real == base or (os.path.isdir(base) and os.path.commonpath([real, base]) == base):
            return True
    return any(real == _real(source.abspath) for source in sources)


def check_target(target: str | os.PathLike[str], roots: Iterable[str | os.PathLike[str]],
                 sources: Iterable[Source] = (), force: bool = False) -> Path:
    """`target` as a path that may be written, or an ExportError saying why not."""
    path = Path(os.path.expanduser(os.fspath(target)))
    if inside_story(path, roots, sources):
        raise ExportError(f"{path} is inside the story: storyview writes nothing in the story's folders; "
                          "choose a file elsewhere")
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise ExportError(f"there is no folder {path.parent}")
    if path.exists() and not force:
        raise ExportError(f"{path} exists; use --force to overwrite it")
    return path


def write_file(export: Export, fmt: Format, target: str | os.PathLike[str],
               roots: Iterable[str | os.PathLike[str]], sources: Iterable[Source] = (), force: bool = False) -> Written:
    """Write `export` into a new file (or over one, with `force`), never inside the story. The file appears
    whole or not at all: it is written beside its place under a temporary name, then moved there."""
    path = check_target(target, roots, sources, force)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise ExportError(f"cannot write in {path.parent}: {error.strerror or error}") from None
    try:
        with open(handle, "w", encoding="utf-8", newline="") as stream:
            written = write(export, fmt, stream)
        os.chmod(temporary, 0o666 & ~_umask())
        if force:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if a file appeared there meanwhile: nothing is overwritten
            os.unlink(temporary)
    except FileExistsError:
        os.unlink(temporary)
        raise ExportError(f"{path} exists; use --force to overwrite it") from None
    except OSError as error:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return Written(written.rows, written.skipped, os.path.abspath(path))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- naming the entity ------------------------------------------------------------------------------------

def find_entity(entities: Sequence[Entity], ref: str) -> Entity | None:
    """The entity with this id, display name or spelling (exactly, then folded); the one with most mentions
    when several share a spelling. None when nothing is named so (the caller may search instead)."""
    from .names import fold

    by_mentions = sorted(entities, key=lambda e: -len(e.mentions))
    for same in (lambda a, b: a == b, lambda a, b: fold(a) == fold(b)):
        for entity in by_mentions:
            if same(entity.id, ref) or same(entity.name, ref):
                return entity
        for entity in by_mentions:
            if any(same(v.text, ref) for v in entity.variants):
                return entity
    return None


def default_name(kind: Kind, fmt: Format, entity: Entity | None = None) -> str:
    """A file name for an export: storyview-mentions-petro-vrublevsky.csv, storyview-timeline.ics."""
    stem = f"storyview-{kind}"
    if entity is not None:
        from .names import transliterate

        slug = re.sub(r"[^a-z0-9]+", "-", transliterate(entity.name).lower()).strip("-")[:40]
        if slug:
            stem += f"-{slug}"
    return stem + SUFFIX[fmt]
