"""Corrections that stick: a user's judgements about the entities of one story, kept in one file per story
and applied after linking every time the story opens.

A judgement is keyed by what survives re-indexing: spellings as printed in the articles, and for a single
mention its source path, offsets and text; never an entity id, which a new article or a new engine version
renumbers. Pairs of spellings are judged as OpenSanctions' nomenklatura judges pairs of records: positive
(the same), negative (not the same), unsure; one judgement per pair, the latest wins. Besides those, an
entity (named by one of its spellings) may be renamed or retyped, and a spelling or one mention split off.

The file is written atomically (a temporary file beside it, fsync, rename), so a crash never leaves half a
file and never loses what was saved before; it is read defensively (size, version, shape, types, control
characters), and a file that fails is named in one message and ignored: the story still opens.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, cast

from .model import Entity, EntityType, Mention, Source, Variant, json_path, json_text
from .names import fold, transliterate

FORMAT = "storyview-judgements"
VERSION = 1
SUFFIX = ".storyview-judgements.json"
ENV_FILE = "STORYVIEW_JUDGEMENTS"  # the file to use for every story (an absolute path), as --judgements does

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_JUDGEMENTS = 100_000
MAX_TEXT = 1_000
MAX_OFFSET = 2**40

Op = Literal["match", "split", "rename", "retype"]
Verdict = Literal["positive", "negative", "unsure"]
VERDICTS: tuple[Verdict, ...] = ("positive", "negative", "unsure")
TYPES: tuple[EntityType, ...] = ("PERSON", "PLACE", "ORG", "OTHER")
# what a user may type for a type
TYPE_NAMES: dict[str, EntityType] = {"person": "PERSON", "per": "PERSON", "place": "PLACE", "loc": "PLACE",
                                     "location": "PLACE", "org": "ORG", "organisation": "ORG",
                                     "organization": "ORG", "other": "OTHER", "misc": "OTHER"}
_TYPE_WORDS = {"PERSON": "a person", "PLACE": "a place", "ORG": "an organisation", "OTHER": "something else"}
Status = Literal["applied", "holds", "stale", "conflict"]

# C0/C1 controls (a newline too: every text here is one line), bidi overrides, lone surrogates
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class JudgementError(ValueError):
    """A judgement that cannot be recorded (no such spelling, a bad type, a file that cannot be written):
    something the user can fix, said in one line."""


@dataclass(frozen=True)
class Judgement:
    """One correction. `op` says which fields count:
    match: `left`, `right` (spellings), `verdict`, and, for two entities spelled exactly alike,
    `left_source` / `right_source` (the path of a source where that side has a mention so spelled);
    split: `spelling` (and `entity`, a spelling of the entity to split it from), or one mention: `source`,
    `start`, `end`, `spelling` (its text); rename: `entity`, `name`; retype: `entity`, `type`."""

    op: Op
    verdict: Verdict | None = None
    left: str | None = None
    right: str | None = None
    spelling: str | None = None
    entity: str | None = None
    name: str | None = None
    type: EntityType | None = None
    source: str | None = None
    start: int | None = None
    end: int | None = None
    at: str | None = None  # when it was made (UTC, ISO 8601): for the user, not for applying
    left_source: str | None = None
    right_source: str | None = None

    @property
    def pair(self) -> frozenset[str] | None:
        return frozenset((self.left, self.right)) if self.op == "match" and self.left and self.right else None

    @property
    def sides(self) -> frozenset[tuple[str | None, str | None]]:
        """A match's two sides, each a spelling and (for entities spelled alike) a source."""
        return frozenset(((self.left, self.left_source), (self.right, self.right_source)))

    def same_target(self, other: Judgement) -> bool:
        """Does `other` judge the same thing (so that the newer replaces the older)?"""
        if self.op != other.op:
            return False
        if self.op == "match":
            return self.sides == other.sides
        if self.op == "split":
            return (self.spelling, self.entity, self.source, self.start) == \
                (other.spelling, other.entity, other.source, other.start)
        return self.entity == other.entity

    def describe(self) -> str:
        if self.op == "match":
            relation = {"positive": "is the same as", "negative": "is not the same as",
                        "unsure": "may be the same as"}[self.verdict or "unsure"]
            left = f"'{self.left}'" + (f" (in {self.left_source})" if self.left_source else "")
            right = f"'{self.right}'" + (f" (in {self.right_source})" if self.right_source else "")
            return f"{left} {relation} {right}"
        if self.op == "split":
            if self.source is not None:
                return f"the mention '{self.spelling}' at {self.source}:{self.start} is its own entity"
            where = f" from '{self.entity}'" if self.entity else ""
            return f"'{self.spelling}' split off{where}"
        if self.op == "rename":
            return f"'{self.entity}' is named '{self.name}'"
        return f"'{self.entity}' is {_TYPE_WORDS[self.type or 'OTHER']}"

    def to_json(self) -> dict:
        out: dict = {"op": self.op}
        for name in ("verdict", "left", "right", "left_source", "right_source", "spelling", "entity", "name", "type",
                     "source", "start", "end", "at"):
            value = getattr(self, name)
            if value is not None:
                out[name] = json_text(value) if isinstance(value, str) else value
        return out


# -- making judgements (checked as the file reader checks them) -----------------------------------------------
def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def checked_text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise JudgementError(f"{what} must be text, not {type(value).__name__}")
    if not value.strip():
        raise JudgementError(f"{what} is empty")
    if len(value) > MAX_TEXT:
        raise JudgementError(f"{what} is longer than {MAX_TEXT} characters")
    if _UNSAFE.search(value):
        raise JudgementError(f"{what} holds a control character")
    return value


def entity_type(value: str) -> EntityType:
    kind = TYPE_NAMES.get(value.strip().lower()) or (value.strip().upper() if value.strip().upper() in TYPES
                                                     else None)
    if kind is None:
        raise JudgementError(f"unknown type {value!r} (person, place, org or other)")
    return cast(EntityType, kind)


# -- where the file is ---------------------------------------------------------------------------------------
def xdg_dir(variable: str, *fallback: str) -> Path | None:
    """$`variable`/storyview (or ~/`fallback`/storyview), as the XDG base directories say; None without an
    absolute place for it (a relative value is ignored, as the specification asks)."""
    base = os.environ.get(variable) or ""
    if not os.path.isabs(base):
        home = os.environ.get("HOME") or ""
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, *fallback)
    return Path(base) / "storyview"


def data_dir() -> Path | None:
    """$XDG_DATA_HOME/storyview (or ~/.local/share/storyview); None without an absolute place for it."""
    return xdg_dir("XDG_DATA_HOME", ".local", "share")


def default_file(paths: Sequence[str | os.PathLike], bundled: str | os.PathLike | None = None) -> Path | None:
    """The judgement file of the story read from `paths`.

    One folder or file: `<it>.storyview-judgements.json` beside it when that already exists or its folder is
    writable (never inside the story: nothing is written under a story folder), else the user's data
    folder, under a name made from the absolute path. Several paths, and the bundled sample story (the
    package is not the user's), always go to the data folder."""
    override = os.environ.get(ENV_FILE) or ""
    if os.path.isabs(override):
        return Path(override)
    absolute = sorted(os.path.abspath(os.fsdecode(os.fspath(p))) for p in paths)
    if not absolute or any("\0" in p for p in absolute):
        return None
    keyed = _in_data_dir(absolute)
    is_bundled = bundled is not None and len(absolute) == 1 and \
        os.path.realpath(absolute[0]) == os.path.realpath(os.fspath(bundled))
    if len(absolute) == 1 and not is_bundled:
        target = absolute[0].rstrip(os.sep) or os.sep
        parent = os.path.dirname(target)
        beside = Path(target + SUFFIX) if os.path.basename(target) else None
        if beside is not None:
            if beside.exists():
                return beside
            if keyed is not None and keyed.exists():
                return keyed
            if os.access(parent, os.W_OK | os.X_OK):
                return beside
    return keyed


def _in_data_dir(absolute: list[str]) -> Path | None:
    base = data_dir()
    if base is None:
        return None
    digest = hashlib.sha256("\0".join(absolute).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", os.path.basename(absolute[0].rstrip(os.sep)))[:60] or "story"
    return base / "judgements" / f"{stem}-{digest}.json"


# -- reading ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class JudgementFile:
    """What was read from a judgement file: its judgements, or why it cannot be used (`problem`)."""

    path: Path | None
    judgements: tuple[Judgement, ...] = ()
    problem: str | None = None
    exists: bool = False


def read_file(path: Path | None) -> JudgementFile:
    if path is None:
        return JudgementFile(None)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return JudgementFile(path)
    except IsADirectoryError:
        return JudgementFile(path, problem="is a folder, not a judgement file", exists=True)
    except OSError as error:
        return JudgementFile(path, problem=f"cannot be read ({error.strerror or error})", exists=True)
    try:
        return JudgementFile(path, parse(raw), exists=True)
    except JudgementError as error:
        return JudgementFile(path, problem=str(error), exists=True)


def parse(raw: bytes) -> tuple[Judgement, ...]:
    """The judgements of a file's bytes; JudgementError says what is wrong with them."""
    if len(raw) > MAX_FILE_BYTES:
        raise JudgementError(f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise JudgementError("is not UTF-8 text") from None
    try:
        payload = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise JudgementError("is nested too deeply to be a judgement file") from None
    except ValueError as error:  # json.JSONDecodeError, and the constants refused above
        raise JudgementError(f"is not valid JSON (truncated?): {error}") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise JudgementError(f"is not a storyview judgement file (no \"format\": \"{FORMAT}\")")
    version = payload.get("version")
    if type(version) is not int or version != VERSION:
        raise JudgementError(f"has version {version!r}; this storyview reads version {VERSION}")
    items = payload.get("judgements")
    if not isinstance(items, list):
        raise JudgementError("has no list of \"judgements\"")
    if len(items) > MAX_JUDGEMENTS:
        raise JudgementError(f"holds more than {MAX_JUDGEMENTS} judgements")
    judgements = []
    for number, item in enumerate(items, 1):
        try:
            judgements.append(from_json(item))
        except JudgementError as error:
            raise JudgementError(f"judgement {number}: {error}") from None
    return tuple(judgements)


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


_FIELDS = {"match": {"verdict", "left", "right", "left_source", "right_source"},
           "split": {"spelling", "entity", "source", "start", "end"},
           "rename": {"entity", "name"}, "retype": {"entity", "type"}}


def from_json(item: object) -> Judgement:
    if not isinstance(item, dict):
        raise JudgementError(f"is a {type(item).__name__}, not an object")
    op = item.get("op")
    if not isinstance(op, str) or op not in _FIELDS:
        raise JudgementError(f"unknown op {str(op)[:40]!r}")
    unknown = set(item) - _FIELDS[op] - {"op", "at"}
    if unknown:
        raise JudgementError(f"unknown field {sorted(map(str, unknown))[0][:40]!r}")
    values: dict = {}
    for name in _FIELDS[op] | {"at"}:
        if name not in item or item[name] is None:
            continue
        value = item[name]
        if name in ("start", "end"):
            if type(value) is not int or not 0 <= value <= MAX_OFFSET:
                raise JudgementError(f"{name} must be a whole number from 0")
            values[name] = value
        else:
            values[name] = checked_text(value, name)
    if op == "match":
        if values.get("verdict") not in VERDICTS:
            raise JudgementError("verdict must be positive, negative or unsure")
        _require(values, "left", "right")
    elif op == "split":
        _require(values, "spelling")
        if ("source" in values) != ("start" in values) or ("end" in values and "start" not in values):
            raise JudgementError("a mention is split by source and start together")
        if "start" in values and values.get("end", values["start"] + 1) <= values["start"]:
            raise JudgementError("end must come after start")
    elif op == "rename":
        _require(values, "entity", "name")
    else:
        _require(values, "entity", "type")
        if values["type"] not in TYPES:
            raise JudgementError(f"type must be one of {', '.join(TYPES)}")
    return Judgement(cast(Op, op), **values)


def _require(values: dict, *names: str) -> None:
    for name in names:
        if name not in values:
            raise JudgementError(f"has no {name}")


# -- writing ---------------------------------------------------------------------------------------------
# The temporary files save_file writes (tempfile.mkstemp: the prefix, eight of its letters, the suffix): one
# left by a process killed mid-save is removed by the next save, and nothing else ever is.
_TEMP_LETTERS = "[a-z0-9_]{8}"
STALE_TEMP_SECONDS = 600  # without a lock (no fcntl), a temporary file this old is no save in progress


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def lock_file(path: Path) -> Path:
    """The sidecar file whose lock says a process is changing `path` (the judgement file itself is replaced
    by every save, so it cannot carry the lock)."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[bool]:
    """Hold the judgement file's lock (fcntl.flock on its sidecar, blocking) while the block runs; yields
    whether it is held. Where there is no fcntl (Windows), or the file system refuses locks, it yields False
    and saves are as safe as one process at a time makes them: atomic, but the last of two at once wins."""
    try:
        import fcntl
    except ImportError:
        yield False
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock_file(path), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise JudgementError(f"cannot save the judgements to {path}: {error.strerror or error}") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            held = True
        except OSError:  # a file system without locks (some network mounts): as without fcntl
            held = False
        yield held
    finally:
        os.close(descriptor)  # closing releases the lock


def save_changes(path: Path, base: Sequence[Judgement], new: Sequence[Judgement], story: str = ""
                 ) -> tuple[Judgement, ...]:
    """Save the change from `base` (the judgements this process read) to `new`, into the file as it is now:
    under the file's lock it is read again, what another process saved meanwhile is kept, this change is
    made on top of it (judgements added, replaced or taken back), and the result written and returned."""
    added = [j for j in new if j not in base]
    removed = {j for j in base if j not in new}
    with locked(path) as held:
        current = read_file(path)
        if current.problem is not None:
            raise JudgementError(f"{path} {current.problem}: it is left as it is and nothing is saved; move it "
                                 f"away or choose another file")
        merged = [j for j in current.judgements if j not in removed]
        for judgement in added:
            merged = recorded(merged, judgement)
        save_file(path, merged, story, remove_stale=True, stale_after=0 if held else STALE_TEMP_SECONDS)
    return tuple(merged)


def save_file(path: Path, judgements: Iterable[Judgement], story: str = "", remove_stale: bool = False,
              stale_after: float = STALE_TEMP_SECONDS) -> None:
    """Write the whole file atomically: a temporary file in the same folder, flushed to disk, renamed over
    the old one, and the folder synced. Killed at any moment, the old file or the new one is there, whole.
    Raises JudgementError (with the path) when it cannot be written; the old file is then untouched.
    `remove_stale`: first remove temporary files of earlier saves that were killed (older than
    `stale_after` seconds: 0 under the lock, when no other save can be running)."""
    payload = {"format": FORMAT, "version": VERSION, "story": json_path(story),
               "judgements": [j.to_json() for j in judgements]}
    data = (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    folder = path.parent
    temp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if remove_stale:
            remove_stale_temps(path, stale_after)
        descriptor, temp = tempfile.mkstemp(dir=folder, prefix=_temp_prefix(path), suffix=".tmp")
        os.fchmod(descriptor, 0o644)  # a file to read, back up and send, not a secret (mkstemp makes it 0600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        temp = None
        _sync_folder(folder)
    except OSError as error:
        raise JudgementError(f"cannot save the judgements to {path}: {error.strerror or error}") from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):  # cleaning up after a failure already being reported
                os.unlink(temp)


def remove_stale_temps(path: Path, older_than: float = 0) -> list[Path]:
    """Remove the temporary files a killed save of `path` left beside it (our own name pattern only, only
    in its folder, only regular files); the ones removed."""
    pattern = re.compile(re.escape(_temp_prefix(path)) + _TEMP_LETTERS + r"\.tmp")
    removed = []
    now_seconds = time.time()
    for entry in os.scandir(path.parent):
        if not pattern.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
            continue
        if older_than and now_seconds - entry.stat(follow_symlinks=False).st_mtime < older_than:
            continue
        with contextlib.suppress(FileNotFoundError):  # another process removed it first
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX: the folder's entry is what a crash would lose)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # a platform that cannot open folders (Windows): the rename is as durable as it gets
        return
    try:
        os.fsync(descriptor)
    except OSError:  # some file systems refuse fsync on a folder; the data itself is already synced
        pass
    finally:
        os.close(descriptor)


def recorded(judgements: Sequence[Judgement], new: Judgement) -> list[Judgement]:
    """The list with `new` appended, replacing an older judgement of the same thing."""
    return [j for j in judgements if not j.same_target(new)] + [new]


# -- applying --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """What one judgement did on this story: applied (it changed the entities), holds (the entities already
    agreed), stale (a spelling or mention it names is no longer in the story), conflict (it contradicts an
    earlier judgement, e.g. a merge across a "not the same")."""

    number: int  # 1-based, in the file's order
    judgement: Judgement
    status: Status
    detail: str = ""
    entity_id: str | None = None

    def to_json(self) -> dict:
        return {"number": self.number, "judgement": self.judgement.to_json(), "status": self.status,
                "detail": json_text(self.detail), "entity": json_text(self.entity_id) if self.entity_id else None,
                "description": json_text(self.judgement.describe())}


class _Group:
    """An entity while judgements reshape it."""

    __slots__ = ("base", "mentions", "name", "type", "renamed", "retyped", "judgements", "joined", "changed", "id")

    def __init__(self, base: Entity | None, mentions: list[Mention], name: str, kind: EntityType, entity_id: str):
        self.base = base
        self.mentions = mentions
        self.name = name
        self.type: EntityType = kind
        self.renamed = self.retyped = False
        self.judgements: list[Judgement] = []
        self.joined: dict[str, str] = dict(base.joined_by) if base is not None else {}
        self.changed = base is None
        self.id = entity_id

    def texts(self) -> Counter[str]:
        return Counter(m.text for m in self.mentions)


class _Applier:
    def __init__(self, entities: Sequence[Entity], sources: Sequence[Source]):
        self.groups = [_Group(e, list(e.mentions), e.name, e.type, e.id) for e in entities]
        self.sources = sources
        self.used_ids = {e.id for e in entities}
        self.negative: list[frozenset[str]] = []

    # finding the entity a spelling names: the one with most mentions so spelled; failing that, written
    # alike (case, marks), so a judgement survives a detector that now cuts "Trumpa," as "Trumpa"
    def find(self, spelling: str, source: str | None = None) -> _Group | None:
        if source is not None:
            # two entities spelled alike: the one with a mention so spelled in that source (failing that,
            # the source is gone or re-cut: by spelling alone, as any judgement)
            held = [g for g in self.groups if any(m.text == spelling and m.source == source for m in g.mentions)]
            if held:
                return max(held, key=lambda g: sum(1 for m in g.mentions if m.text == spelling))
        best, best_count = None, 0
        for group in self.groups:
            count = sum(1 for m in group.mentions if m.text == spelling)
            if count > best_count:
                best, best_count = group, count
        if best is not None:
            return best
        key = fold(spelling)
        for group in self.groups:
            count = sum(1 for m in group.mentions if fold(m.text) == key)
            if count > best_count:
                best, best_count = group, count
        return best

    def apply(self, number: int, judgement: Judgement) -> Outcome:
        op = judgement.op
        if op == "match":
            return self._match(number, judgement)
        if op == "split":
            return self._split(number, judgement)
        group = self.find(judgement.entity or "")
        if group is None:
            return Outcome(number, judgement, "stale", f"no entity is spelled '{judgement.entity}' any more")
        if op == "rename":
            if group.name == judgement.name:
                return Outcome(number, judgement, "holds", "already so named", group.id)
            group.name, group.renamed = judgement.name or group.name, True
        else:
            if group.type == judgement.type:
                return Outcome(number, judgement, "holds", "already of that type", group.id)
            group.type, group.retyped = judgement.type or group.type, True
        group.changed = True
        group.judgements.append(judgement)
        return Outcome(number, judgement, "applied", "", group.id)

    def _match(self, number: int, judgement: Judgement) -> Outcome:
        left = self.find(judgement.left or "", judgement.left_source)
        right = self.find(judgement.right or "", judgement.right_source)
        missing = [s for s, g in ((judgement.left, left), (judgement.right, right)) if g is None]
        if missing or left is None or right is None:
            return Outcome(number, judgement, "stale", f"no entity is spelled '{missing[0]}' any more")
        if judgement.verdict == "unsure":
            return Outcome(number, judgement, "holds", "recorded as unsure", left.id)
        if judgement.verdict == "negative":
            self.negative.append(judgement.pair or frozenset())
            if left is not right:
                return Outcome(number, judgement, "holds", "already apart", left.id)
            moved = self._move_out(right, lambda m: m.text == judgement.right and
                                   judgement.right_source in (None, m.source), judgement)
            return Outcome(number, judgement, "applied", f"'{judgement.right}' split off as {moved.id}", moved.id)
        if left is right:
            return Outcome(number, judgement, "holds", "already one entity", left.id)
        for pair in self.negative:
            a, b = tuple(pair) if len(pair) == 2 else (next(iter(pair)),) * 2
            lt, rt = left.texts(), right.texts()
            if (a in lt and b in rt) or (b in lt and a in rt):
                return Outcome(number, judgement, "conflict",
                               f"an earlier judgement says '{a}' is not the same as '{b}'", left.id)
        kept = self._merge(left, right, judgement)
        return Outcome(number, judgement, "applied", "", kept.id)

    def _merge(self, left: _Group, right: _Group, judgement: Judgement) -> _Group:
        keep, gone = (left, right) if len(left.mentions) >= len(right.mentions) else (right, left)
        if gone.renamed and not keep.renamed:
            keep.name, keep.renamed = gone.name, True
        if gone.retyped and not keep.retyped:
            keep.type, keep.retyped = gone.type, True
        keep.mentions.extend(gone.mentions)
        for text, reason in gone.joined.items():
            keep.joined.setdefault(text, reason)
        for text in gone.texts():
            keep.joined.setdefault(text, f"joined by the judgement {judgement.describe()}")
        keep.judgements.extend(gone.judgements)
        keep.judgements.append(judgement)
        keep.changed = True
        self.groups.remove(gone)
        return keep

    def _split(self, number: int, judgement: Judgement) -> Outcome:
        if judgement.source is not None:
            for group in self.groups:
                for mention in group.mentions:
                    if mention.source == judgement.source and mention.start == judgement.start and \
                            mention.text == judgement.spelling and \
                            (judgement.end is None or mention.end == judgement.end):
                        if len(group.mentions) == 1:
                            return Outcome(number, judgement, "holds", "already its own entity", group.id)
                        moved = self._move_out(group, lambda m, hit=mention: m is hit, judgement)
                        return Outcome(number, judgement, "applied", "", moved.id)
            return Outcome(number, judgement, "stale",
                           f"no mention '{judgement.spelling}' at {judgement.source}:{judgement.start} any more")
        spelling = judgement.spelling or ""
        owner = self.find(judgement.entity) if judgement.entity else self.find(spelling)
        if owner is None:
            return Outcome(number, judgement, "stale", f"no entity is spelled '{judgement.entity}' any more")
        key = fold(spelling)
        exact = any(m.text == spelling for m in owner.mentions)

        def spelled(m: Mention) -> bool:
            return m.text == spelling if exact else fold(m.text) == key

        if not any(spelled(m) for m in owner.mentions):
            return Outcome(number, judgement, "holds", f"'{spelling}' is not in that entity", owner.id)
        if all(spelled(m) for m in owner.mentions):
            return Outcome(number, judgement, "holds", "already an entity of its own", owner.id)
        moved = self._move_out(owner, spelled, judgement)
        return Outcome(number, judgement, "applied", "", moved.id)

    def _move_out(self, group: _Group, which, judgement: Judgement) -> _Group:
        out = [m for m in group.mentions if which(m)]
        group.mentions = [m for m in group.mentions if not which(m)]
        group.changed = True
        group.judgements.append(judgement)
        for text in {m.text for m in out} - set(group.texts()):
            group.joined.pop(text, None)
        name = Counter(m.text for m in out).most_common(1)[0][0]
        new = _Group(None, out, name, group.type, self._new_id(group.type, name))
        new.judgements.append(judgement)
        self.groups.append(new)
        return new

    def _new_id(self, kind: EntityType, name: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", fold(transliterate(name))).strip("-") or "entity"
        base = f"{kind.lower()}-{slug}"
        entity_id, n = base, 1
        while entity_id in self.used_ids:
            n += 1
            entity_id = f"{base}-{n}"
        self.used_ids.add(entity_id)
        return entity_id

    def entities(self) -> list[Entity]:
        order = {s.id: i for i, s in enumerate(self.sources)}
        language = {s.id: s.language for s in self.sources}
        out = []
        for group in self.groups:
            if not group.mentions:
                continue
            if not group.changed and group.base is not None:
                out.append(group.base)
                continue
            out.append(_built(group, order, language))
        out.sort(key=lambda e: (-len(e.mentions), e.name))
        return out


def _built(group: _Group, order: dict[str, int], language: dict[str, str]) -> Entity:
    from .linking import script_of

    mentions = sorted(group.mentions, key=lambda m: (order.get(m.source_id, 0), m.start, m.end))
    mentions = [m if m.entity_id == group.id else m._replace(entity_id=group.id) for m in mentions]
    counts = Counter(m.text for m in mentions)
    variants = tuple(Variant(t, n) for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    per_language: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        per_language[language.get(m.source_id, "")][m.text] += 1
    scripts: Counter[str] = Counter()
    for text, n in counts.items():
        scripts[script_of(text)] += n
    spellings = tuple((lang, tuple(Variant(t, n) for t, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))))
                      for lang, c in sorted(per_language.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])))
    texts = set(counts)
    joined = tuple(sorted((t, r) for t, r in group.joined.items() if t in texts and fold(t) != fold(group.name)))
    judgements = tuple(dict.fromkeys(group.judgements))
    return Entity(group.id, group.name, group.type, variants, tuple(mentions), spellings,
                  tuple(sorted(scripts.items(), key=lambda kv: (-kv[1], kv[0]))), joined, judgements)


def apply(entities: Sequence[Entity], sources: Sequence[Source], judgements: Sequence[Judgement]
          ) -> tuple[list[Entity], list[Outcome]]:
    """The entities as the judgements (in order) reshape them, and what each judgement did. With no
    judgement the very same entity objects come back."""
    if not judgements:
        return list(entities), []
    applier = _Applier(entities, sources)
    outcomes = [applier.apply(n, j) for n, j in enumerate(judgements, 1)]
    return applier.entities(), outcomes
