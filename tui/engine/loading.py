"""Turn the PATH arguments into Sources: find article files, decode them, read the date header.

This is the trust boundary of the app: whatever is on disk (legacy encodings, BOMs, CRLF, binary files,
escape sequences, huge lines, symlink loops) either becomes a Source whose `text` is exactly what Python's
text mode would read, or a Skipped entry saying why. Nothing here writes to disk or raises for bad input;
only a PATH that does not exist raises PathNotFound.
"""

from __future__ import annotations

import calendar
import os
import re
import stat
import unicodedata
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .boilerplate import RepeatedParagraphs, find_boilerplate
from .language import detect_language
from .model import DatePrecision, Skipped, Source

TEXT_SUFFIXES = frozenset({".txt", ".md", ""})
MAX_FILE_BYTES = 20 * 1024 * 1024
TITLE_MAX_CHARS = 120

# Single-byte encodings we consider when a file is not UTF-8 (charset-normalizer's names = Python codecs).
LEGACY_ENCODINGS = ["cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u", "cp1252", "latin_1"]

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
_UTF16_32_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Control characters that do not occur in text files. ESC, tab, newlines and form feed are left out:
# terminal escapes are text-ish, and the renderer neutralises them.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f\x80-\x9f]")
_MAX_CONTROL_SHARE = 0.10

_ESCAPED_BYTE_RE = re.compile("[\udc80-\udcff]")
_VALID_NON_ASCII_RE = re.compile("[^\x00-\x7f\udc80-\udcff]")

_HEADER_RE = re.compile(r"\ufeff? date (\S*)(?:\s|\Z)")
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_WHITESPACE_RE = re.compile(r"\s+")
_TITLE_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'»”’)\]]*(?=\s|$)")
_TITLE_SCAN_CHARS = 600


class PathNotFound(Exception):
    """A PATH argument that does not exist."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(f"no such file or folder: {os.fspath(path)}")
        self.path = os.fspath(path)


@dataclass
class _Candidate:
    abspath: str
    relpath: str  # as the user sees it: relative to its PATH argument, forward slashes


@dataclass
class Article:
    """A decoded file with its header read: everything about one file that needs no other file.

    It becomes a Source once the story's repeated paragraphs (boilerplate compares every body) are known.
    """

    candidate: _Candidate
    text: str
    encoding: str
    warnings: list[str]
    body_start: int
    date: str | None
    date_precision: DatePrecision | None
    language: str
    title: str
    words: int

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


class _Skip(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def load_sources(
    paths: Sequence[str | os.PathLike[str]],
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Source], list[Skipped]]:
    """Load every article under `paths` (files or folders), in a stable order.

    Returns the loaded sources and the files that were found but not loaded. `progress(done, total)` is
    called once before reading and after each file read.
    """
    candidates, skipped = find_articles(paths)
    if progress is not None:
        progress(0, len(candidates))
    articles: list[Article] = []
    for done, candidate in enumerate(candidates, 1):
        outcome = read_article(candidate)
        if isinstance(outcome, Skipped):
            skipped.append(outcome)
        else:
            articles.append(outcome)
        if progress is not None:
            progress(done, len(candidates))
    repeated = RepeatedParagraphs.from_bodies(article.body for article in articles)
    sources = make_sources(articles, source_ids([a.candidate.relpath for a in articles]), repeated)
    skipped.sort(key=lambda s: s.path)
    return sources, skipped


def find_articles(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[_Candidate], list[Skipped]]:
    """The files under `paths` to read as articles, in a stable order, and what was passed over.

    Raises PathNotFound, before any work, if a path does not exist.
    """
    for path in paths:
        if not os.path.exists(path):
            raise PathNotFound(path)

    candidates: list[_Candidate] = []
    skipped: list[Skipped] = []
    seen_files: dict[tuple[int, int], str] = {}
    for path in paths:
        found, skips = _collect(os.fspath(path))
        skipped.extend(skips)
        for candidate in found:
            identity = _file_identity(candidate.abspath)
            if identity is not None and identity in seen_files:
                # The same file reached twice (overlapping PATHs, a symlink to a file): load it once.
                skipped.append(Skipped(candidate.relpath, f"same file as {seen_files[identity]}"))
                continue
            if identity is not None:
                seen_files[identity] = candidate.relpath
            candidates.append(candidate)
    return candidates, skipped


def read_article(candidate: _Candidate) -> Article | Skipped:
    """Read, decode and describe one file, or say why it is skipped."""
    try:
        text, encoding, warnings = _read(candidate)
    except _Skip as skip:
        return Skipped(candidate.relpath, skip.reason)
    body_start, date, precision, header_warning = _parse_header(text)
    if header_warning:
        warnings.append(header_warning)
    body = text[body_start:]
    if not body.strip():
        return Skipped(candidate.relpath, "no text after the date header")
    return Article(candidate, text, encoding, warnings, body_start, date, precision, detect_language(body),
                   make_title(body), len(body.split()))


def make_sources(articles: Sequence[Article], ids: Sequence[str], repeated: RepeatedParagraphs) -> list[Source]:
    """Sources from read articles, with their ids (see source_ids) and boilerplate marked."""
    return [
        Source(
            id=source_id,
            path=article.candidate.relpath,
            abspath=article.candidate.abspath,
            text=article.text,
            body_start=article.body_start,
            language=article.language,
            date=article.date,
            date_precision=article.date_precision,
            title=article.title,
            words=article.words,
            encoding=article.encoding,
            warnings=tuple(article.warnings),
            boilerplate=tuple(find_boilerplate(article.body, article.body_start, repeated=repeated)),
        )
        for article, source_id in zip(articles, ids, strict=True)
    ]


def source_ids(paths: Sequence[str]) -> list[str]:
    """A unique id per article, in story order: its path, or "path#2"… when two PATHs hold the same one."""
    used: set[str] = set()
    ids = []
    for path in paths:
        candidate, n = path, 1
        while candidate in used:
            n += 1
            candidate = f"{path}#{n}"
        used.add(candidate)
        ids.append(candidate)
    return ids


# ------------------------------------------------------------------------------------------ finding files


def _collect(path: str) -> tuple[list[_Candidate], list[Skipped]]:
    """Article candidates under one PATH argument, sorted by relative path, and what was passed over."""
    if os.path.isfile(path):
        # Named explicitly: try it whatever its name; the content checks still apply.
        return [_Candidate(os.path.abspath(path), os.path.basename(path))], []
    if not os.path.isdir(path):
        return [], [Skipped(path, "not a regular file or folder")]

    candidates: list[_Candidate] = []
    skipped: list[Skipped] = []
    root_stat = os.stat(path)
    seen_dirs = {(root_stat.st_dev, root_stat.st_ino)}  # real identities: symlinked dirs never loop
    queue: deque[tuple[str, str]] = deque([(path, "")])  # breadth-first: the shortest route to a folder wins
    while queue:
        dirpath, relprefix = queue.popleft()
        try:
            with os.scandir(dirpath) as it:
                # Sorted, so that when two routes reach one folder (a symlink), the same one wins everywhere.
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(relprefix.rstrip("/") or path, f"unreadable folder: {_os_reason(exc)}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden: .git, .DS_Store, editor swap files
            relpath = relprefix + entry.name
            try:
                if entry.is_dir():
                    st = entry.stat()
                    identity = (st.st_dev, st.st_ino)
                    if identity not in seen_dirs:
                        seen_dirs.add(identity)
                        queue.append((entry.path, relpath + "/"))
                    continue
                if not entry.is_file():
                    reason = "broken symlink" if entry.is_symlink() else "not a regular file"
                    skipped.append(Skipped(relpath, reason))
                    continue
            except OSError as exc:
                skipped.append(Skipped(relpath, f"unreadable: {_os_reason(exc)}"))
                continue
            suffix = os.path.splitext(entry.name)[1].lower()
            if suffix not in TEXT_SUFFIXES:
                skipped.append(Skipped(relpath, f"not a text article ({suffix})"))
                continue
            candidates.append(_Candidate(os.path.abspath(entry.path), relpath))
    candidates.sort(key=lambda c: c.relpath)
    return candidates, skipped


def _file_identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


# ----------------------------------------------------------------------------------------------- decoding


def _read(candidate: _Candidate) -> tuple[str, str, list[str]]:
    """Read and decode one file: (text, encoding, warnings), or raise _Skip with the reason."""
    try:
        with open(candidate.abspath, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise _Skip("not a regular file")  # a FIFO would block forever
            if st.st_size > MAX_FILE_BYTES:
                raise _Skip(f"too large ({_megabytes(st.st_size)} MB; the limit is {_megabytes(MAX_FILE_BYTES)} MB)")
            data = f.read(MAX_FILE_BYTES + 1)  # the file may grow after the stat
    except OSError as exc:
        raise _Skip(f"unreadable: {_os_reason(exc)}") from None
    if len(data) > MAX_FILE_BYTES:
        raise _Skip(f"too large (over {_megabytes(MAX_FILE_BYTES)} MB)")
    if not data:
        raise _Skip("empty file")

    text, encoding, warnings = _decode(data)
    controls = _CONTROL_RE.subn("", text)[1]  # a count without building a list of matches
    if controls >= 4 and controls > _MAX_CONTROL_SHARE * len(text):
        raise _Skip("binary file (control characters)")
    if not text.lstrip("\ufeff").strip():
        raise _Skip("no text (blank file)")
    return text, encoding, warnings


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    """(text as Python's text mode would read it, encoding, warnings); raises _Skip for binary data."""
    kind = _binary_kind(data)
    if kind is not None:
        raise _Skip(f"binary file ({kind})")
    for bom, codec in _UTF16_32_BOMS:
        if data.startswith(bom):
            try:
                return _universal_newlines(data.decode(codec)), codec, []
            except UnicodeDecodeError:
                continue  # not UTF-16/32 after all (a UTF-16 BOM is also "яю" in cp1251): try the rest
    if b"\x00" in data:
        raise _Skip("binary file (contains NUL bytes)")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Kept as U+FEFF, exactly as open(encoding="utf-8") reads it; "utf-8-sig" records that it was there.
        return _universal_newlines(text), "utf-8-sig" if text.startswith("\ufeff") else "utf-8", []

    escaped = data.decode("utf-8", "surrogateescape")  # each invalid byte becomes one lone surrogate
    invalid = _ESCAPED_BYTE_RE.subn("", escaped)[1]
    valid_multibyte = _VALID_NON_ASCII_RE.subn("", escaped)[1]
    replaced = (
        _universal_newlines(data.decode("utf-8", "replace")),
        "utf-8",
        [f"{invalid} invalid UTF-8 byte(s) replaced"],
    )
    if valid_multibyte >= invalid:
        return replaced  # UTF-8 text with a few broken bytes: a legacy codec would garble the good part
    legacy = _detect_legacy(data)
    if legacy is None:
        return replaced
    text, codec = legacy
    return _universal_newlines(text), codec, [f"not UTF-8; decoded as {codec}"]


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    return None


def _universal_newlines(text: str) -> str:
    # What io.TextIOWrapper(newline=None) does: CRLF and lone CR become LF (and nothing else, e.g. not U+2028).
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect_legacy(data: bytes) -> tuple[str, str] | None:
    """Decode with the legacy encoding charset-normalizer ranks best among those that read plausibly."""
    from charset_normalizer import from_bytes  # imported lazily: it is only needed for non-UTF-8 files

    for match in from_bytes(data, cp_isolation=LEGACY_ENCODINGS):
        try:
            text = data.decode(match.encoding)  # strict: open(encoding=...) would fail where this does
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            return text, match.encoding
    return None


_TYPOGRAPHY = frozenset("“”„‘’‚«»‹›–—…•·€£°§©®™±×\u00a0\u00ad")
_TOKEN_RE = re.compile(r"[^\W\d_]+")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _plausible(text: str, sample: int = 65536) -> bool:
    """Does a legacy decoding read like a language rather than mojibake ("˙ţú", "Ă(")?

    Its non-ASCII characters must be letters or common typography, and the words holding them must be
    ordinary: one script, Cyrillic only where Cyrillic is the main script, and a Latin word with
    accented letters also has plain ones (Polish "Łodzi", French "été").
    """
    text = text[:sample]
    odd = [ch for ch in _NON_ASCII_RE.findall(text) if not ch.isalpha() and ch not in _TYPOGRAPHY]
    tokens = [t for t in _TOKEN_RE.findall(text) if not t.isascii()]
    if not tokens:
        return not odd
    cyrillic_main = len(_CYRILLIC_RE.findall(text)) > len(_LATIN_RE.findall(text)) * 0.3
    bad = 0
    for token in tokens:
        cyr, lat = bool(_CYRILLIC_RE.search(token)), bool(_LATIN_RE.search(token))
        if cyr and lat or cyr and not cyrillic_main:
            bad += 1
        elif lat and not cyr:
            has_ascii = any(ch.isascii() for ch in token)
            if not has_ascii and (len(token) > 1 or token.isupper()):
                bad += 1
        elif not cyr and not lat:
            bad += 1  # letters of a third script out of a single-byte codec: mojibake
    return bad <= 0.1 * len(tokens) and len(odd) <= 0.1 * (len(tokens) + len(odd))


# ---------------------------------------------------------------------------------------- headers and titles


def _parse_header(text: str) -> tuple[int, str | None, DatePrecision | None, str | None]:
    """(body_start, date, precision, warning) for the ` date YYYY-MM[-DD]` header at the start of `text`."""
    match = _HEADER_RE.match(text)
    if match is None:
        return (1 if text.startswith("\ufeff") else 0), None, None, None
    token = match.group(1)
    body_start = match.end()
    problem = _date_problem(token)
    if problem is not None:
        shown = token if len(token) <= 40 else token[:40] + "…"
        return body_start, None, None, f"malformed date header {shown!r}: {problem}"
    precision: DatePrecision = "day" if len(token) == 10 else "month"
    return body_start, token, precision, None


def _date_problem(token: str) -> str | None:
    """Why `token` is not a valid YYYY-MM-DD or YYYY-MM date, or None if it is."""
    match = _ISO_DATE_RE.fullmatch(token)
    if match is None:
        return "not an ISO date (YYYY-MM-DD or YYYY-MM)" if token else "no date after 'date'"
    year, month = int(match.group(1)), int(match.group(2))
    if year < 1:
        return f"year {year} is out of range"
    if not 1 <= month <= 12:
        return f"month {month} is out of range"
    if match.group(3) is not None:
        day = int(match.group(3))
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"day {day} is out of range for {year:04d}-{month:02d}"
    return None


def make_title(body: str) -> str:
    """The body's first sentence (or first line), whitespace-collapsed, at most TITLE_MAX_CHARS."""
    first = re.search(r"\S", body)
    if first is None:
        return ""
    start = first.start()
    end = body.find("\n", start, start + _TITLE_SCAN_CHARS)
    line = body[start : end if end != -1 else start + _TITLE_SCAN_CHARS]
    for match in _SENTENCE_END_RE.finditer(line):
        if not _ends_sentence(line, match):
            continue
        line = line[: match.end()]
        break
    # The title is a label, not text offsets point into: neutralise control characters here.
    title = _WHITESPACE_RE.sub(" ", _TITLE_CONTROL_RE.sub(" ", unicodedata.normalize("NFC", line))).strip()
    if len(title) <= TITLE_MAX_CHARS:
        return title
    cut = title[: TITLE_MAX_CHARS - 1]
    space = cut.rfind(" ")
    if space >= TITLE_MAX_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def _ends_sentence(line: str, match: re.Match[str]) -> bool:
    """Is this terminator the end of the first sentence, rather than "m.in. …", "Dr. Smith", "U.S. envoy"?"""
    rest = line[match.end() :].lstrip()
    if rest and rest[0].islower():
        return False
    if line[match.start()] != ".":
        return True
    word = line[: match.start()].rsplit(None, 1)[-1] if line[: match.start()].strip() else ""
    if "." in word or (len(word) <= 3 and word[:1].isupper()):
        return False  # an initialism or a title like "Dr"
    return match.start() >= 3


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
