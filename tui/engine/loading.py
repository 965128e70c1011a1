"""Turn the PATH arguments into Sources: find article files, decode them, read the date header.

A file of text (.txt, .md) is one source, its `text` the file's; a saved page, a feed or an export
(formats.py) is read into one source per article, its `text` the extracted article (`extracted`), with
the page's or record's own title, date and outlet. `read_articles` turns one file into its articles.

This is the trust boundary of the app: whatever is on disk (legacy encodings, BOMs, CRLF, binary files,
escape sequences, huge lines, symlink loops, links out of the folder, FIFOs, devices, files that never end)
either becomes a Source whose `text` is exactly what Python's text mode reads with the reported encoding,
or a Skipped entry saying why. Nothing here writes to disk, blocks for ever or raises for bad input; only a
PATH that cannot be used raises PathError (PathNotFound when it does not exist).

By default nothing outside the given PATHs is read (as ripgrep and git): the roots are the PATHs resolved
(a PATH that is itself a link is followed: the user named it), and a link whose target is outside every
root is skipped as "link leads outside the story". `follow_links=True` lifts that.
"""

from __future__ import annotations

import calendar
import errno
import os
import re
import stat
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import formats
from .boilerplate import RepeatedParagraphs, find_boilerplate
from .capabilities import reading_note
from .language import UNDETERMINED, detect_language
from .model import DatePrecision, Skipped, Source

TEXT_SUFFIXES = frozenset({".txt", ".md", ""})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | frozenset(formats.SUFFIX_FORMATS)
MAX_FILE_BYTES = 20 * 1024 * 1024
# The whole story, by the sizes found when scanning, in story order: files past it are skipped. 1 GiB is
# ~100 times the largest story measured (10,000 articles, 9 MB) and still bounds memory and time.
MAX_STORY_BYTES = 1024 * 1024 * 1024
# A read that has not finished in this long is given up (a FUSE or network file, a /proc file that never ends).
READ_SECONDS = 5.0
_READ_CHUNK = 4 * 1024 * 1024
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
# ASCII digits only: \d would take Arabic-Indic or full-width digits, which int() reads but the JSON
# contract's dates must never carry.
_ISO_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")
_WHITESPACE_RE = re.compile(r"\s+")
_TITLE_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'»”’)\]]*(?=\s|$)")
_TITLE_SCAN_CHARS = 600


class PathError(Exception):
    """A PATH argument that cannot be used; `reason` says why ("permission denied", ...)."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{reason}: {os.fspath(path)}")
        self.path = os.fspath(path)
        self.reason = reason


class PathNotFound(PathError):
    """A PATH argument that does not exist."""

    def __init__(self, path: str | os.PathLike[str], reason: str = "no such file or directory") -> None:
        super().__init__(path, reason)


@dataclass
class _Candidate:
    abspath: str
    relpath: str  # as the user sees it: relative to its PATH argument, forward slashes
    realpath: str = ""  # resolved when scanning: what is opened (never through a link)
    size: int = 0  # st_size when scanning
    identity: tuple[int, int] | None = None  # (st_dev, st_ino) when scanning
    roots: tuple[str, ...] | None = None  # the resolved PATHs it must stay in; None: --follow-links


@dataclass
class Article:
    """A decoded file with its header read, or one article read out of a page, feed or export: everything
    about it that needs no other file.

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
    outlet: str = ""
    outlet_from: str = ""  # where the outlet was read: page, feed, record, dateline, folder ("" for none)
    format: str = formats.TEXT
    item: str = ""  # a feed item's or export record's number in its file ("" for a whole file)
    url: str = ""
    author: str = ""

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def path(self) -> str:
        """The path as the user sees it; an item of a feed or export: "export.jsonl#17"."""
        return f"{self.candidate.relpath}#{self.item}" if self.item else self.candidate.relpath

    @property
    def boilerplate_outlet(self) -> str:
        """The outlet whose repeated lines are this article's boilerplate: not a folder's name, a guess that
        may well be the whole story's ("articles/"), where one repeat would be too little."""
        return self.outlet if self.outlet_from != "folder" else ""


class _Skip(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def load_sources(
    paths: Sequence[str | os.PathLike[str]],
    progress: Callable[[int, int], None] | None = None,
    follow_links: bool = False,
) -> tuple[list[Source], list[Skipped]]:
    """Load every article under `paths` (files or folders), in a stable order.

    Returns the loaded sources and the files that were found but not loaded. `progress(done, total)` is
    called once before reading and after each file read.
    """
    candidates, skipped = find_articles(paths, follow_links=follow_links)
    if progress is not None:
        progress(0, len(candidates))
    articles: list[Article] = []
    for done, candidate in enumerate(candidates, 1):
        read, unread = read_articles(candidate)
        articles.extend(read)
        skipped.extend(unread)
        if progress is not None:
            progress(done, len(candidates))
    repeated = RepeatedParagraphs.from_bodies([article.body for article in articles],
                                              [article.boilerplate_outlet for article in articles])
    sources = make_sources(articles, source_ids([a.path for a in articles]), repeated)
    skipped.sort(key=lambda s: s.path)
    return sources, skipped


def check_path(path: str | os.PathLike[str]) -> None:
    """Raise PathError (PathNotFound if it does not exist) for a PATH argument that cannot be used."""
    try:
        os.stat(path)
    except ValueError:  # an embedded NUL: no file can have that name
        raise PathNotFound(path) from None
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise PathNotFound(path) from None
        raise PathError(path, _os_reason(exc)) from None


def find_articles(
    paths: Sequence[str | os.PathLike[str]], follow_links: bool = False
) -> tuple[list[_Candidate], list[Skipped]]:
    """The files under `paths` to read as articles, in a stable order, and what was passed over.

    Raises PathError (PathNotFound if it does not exist), before any work, for a path that cannot be used.
    Unless `follow_links`, links whose targets are outside every PATH are skipped, not followed.
    """
    for path in paths:
        check_path(path)
    roots = None if follow_links else tuple(os.path.realpath(path) for path in paths)

    candidates: list[_Candidate] = []
    skipped: list[Skipped] = []
    seen_files: dict[tuple[int, int], str] = {}
    story_bytes = 0
    for path in paths:
        found, skips = _collect(os.fspath(path), roots)
        skipped.extend(skips)
        for candidate in found:
            identity = candidate.identity
            if identity is not None and identity in seen_files:
                # The same file reached twice (overlapping PATHs, a symlink to a file): load it once.
                skipped.append(Skipped(candidate.relpath, f"same file as {seen_files[identity]}"))
                continue
            if identity is not None:
                seen_files[identity] = candidate.relpath
            if candidate.size <= MAX_FILE_BYTES:  # a bigger one is skipped when read, and costs nothing
                story_bytes += candidate.size
            if story_bytes > MAX_STORY_BYTES:
                # Once reached, every later file is skipped too: the story is a prefix, not a lottery.
                skipped.append(Skipped(candidate.relpath, f"story size limit reached ({_size(MAX_STORY_BYTES)})"))
                continue
            candidates.append(candidate)
    return candidates, skipped


def read_articles(candidate: _Candidate) -> tuple[list[Article], list[Skipped]]:
    """Read, decode and describe one file: its articles (one for a text file or a page, one per item of a
    feed or record of an export, in file order) and the parts skipped, each saying why (a bad record is
    named "export.jsonl#17" with its line). This is the one place a file becomes articles."""
    fmt = formats.format_of(candidate.relpath)
    if fmt == formats.TEXT:
        outcome = read_article(candidate)
        return ([], [outcome]) if isinstance(outcome, Skipped) else ([outcome], [])
    try:
        data = _read_bytes(candidate)
        if not data.strip():
            raise _Skip("empty file")
        kind = _binary_kind(data)
        if kind is not None:
            raise _Skip(f"binary file ({kind})")
        found = formats.read_records(fmt, data, _decode_text)
    except _Skip as skip:
        return [], [Skipped(candidate.relpath, skip.reason)]
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for record in found.records:
        path = f"{candidate.relpath}#{record.item}" if record.item else candidate.relpath
        if isinstance(record, formats.BadRecord):
            skipped.append(Skipped(path, record.reason))
        else:
            articles.append(_record_article(candidate, fmt, found, record))
    return articles, skipped


_OUTLET_FROM = {formats.PAGE: "page", formats.MHTML: "page", formats.FEED: "feed", formats.JSONL: "record",
                formats.CSV: "record"}


def _record_article(candidate: _Candidate, fmt: str, found: formats.FileRecords, record: formats.Record) -> Article:
    """An Article of an extracted text: no header (the page or record carries its own date)."""
    text = record.text
    warnings = [*found.warnings, *record.warnings]
    language = detect_language(text)
    if language == UNDETERMINED and re.fullmatch("[a-z]{2}", record.language):
        language = record.language  # too little text to tell: the page's own word stands
    note = reading_note(language)
    if note:
        warnings.append(note)
    outlet, outlet_from = (record.outlet, _OUTLET_FROM[fmt]) if record.outlet else _folder_outlet(candidate)
    return Article(candidate, text, found.encoding, warnings, 0, record.date, record.date_precision, language,
                   _title_label(record.title) or make_title(text), len(text.split()), outlet, outlet_from, fmt,
                   record.item, record.url, record.author)


def read_article(candidate: _Candidate) -> Article | Skipped:
    """One file read as text (.txt, .md; read_articles reads every format): the ` date` header, the text as
    read, the outlet from a wire dateline or its folder."""
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
    language = detect_language(body)
    note = reading_note(language)
    if note:
        warnings.append(note)
    outlet = dateline_outlet(body)
    outlet, outlet_from = (outlet, "dateline") if outlet else _folder_outlet(candidate)
    return Article(candidate, text, encoding, warnings, body_start, date, precision, language,
                   make_title(body), len(body.split()), outlet, outlet_from)


# A wire dateline opening a paragraph: "KYIV, Sept 15 (Reuters) - …", "Berlin/Kiew (dpa) – …",
# "МОСКВА, 19 сентября. /ТАСС/. …": the agency is named in brackets or slashes before the first dash.
_DATELINE_RE = re.compile(
    r"^[^\n()!?]{0,60}?(?:\((?P<paren>[^\W\d_][^()\n]{0,29})\)\s*[-–—]\s"
    r"|[.,]\s/(?P<slash>[^\W\d_][^/\n]{0,29})/[.,]?\s)",
    re.MULTILINE,
)
_DATELINE_LINES = 3


def dateline_outlet(body: str) -> str:
    """The agency a wire dateline names in one of the first few paragraphs, or ""."""
    paragraphs = [line for line in body.split("\n", 40)[:40] if line.strip()][:_DATELINE_LINES]
    for paragraph in paragraphs:
        match = _DATELINE_RE.match(paragraph.strip())
        if match is not None:
            return _title_label(match.group("paren") or match.group("slash"))
    return ""


def _folder_outlet(candidate: _Candidate) -> tuple[str, str]:
    """(the folder holding the file within its PATH, "folder"), or ("", "") for a file at the top."""
    folder = candidate.relpath.rpartition("/")[0]
    if not folder:
        return "", ""
    return _title_label(folder.rpartition("/")[2]), "folder"


def _title_label(text: str) -> str:
    """A label (title, outlet) from text: control characters neutralised, whitespace collapsed, bounded."""
    label = _WHITESPACE_RE.sub(" ", _TITLE_CONTROL_RE.sub(" ", unicodedata.normalize("NFC", text))).strip()
    return label if len(label) <= TITLE_MAX_CHARS else label[: TITLE_MAX_CHARS - 1].rstrip() + "…"


def make_sources(articles: Sequence[Article], ids: Sequence[str], repeated: RepeatedParagraphs) -> list[Source]:
    """Sources from read articles, with their ids (see source_ids) and boilerplate marked."""
    return [
        Source(
            id=source_id,
            path=article.path,
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
            boilerplate=tuple(find_boilerplate(article.body, article.body_start, repeated=repeated,
                                               outlet=article.boilerplate_outlet)),
            outlet=article.outlet,
            outlet_from=article.outlet_from,
            format=article.format,
            extracted=article.format != formats.TEXT,
            url=article.url,
            author=article.author,
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


def _collect(path: str, roots: tuple[str, ...] | None) -> tuple[list[_Candidate], list[Skipped]]:
    """Article candidates under one PATH argument, sorted by relative path, and what was passed over.

    Every folder is listed, and every file recorded, by its resolved path: what is read later is what was
    checked here, never a route through a link.
    """
    root_real = os.path.realpath(path)
    try:
        root_stat = os.stat(root_real)
    except OSError as exc:  # checked by find_articles; gone or changed since
        return [], [Skipped(path, f"unreadable: {_os_reason(exc)}")]
    if stat.S_ISREG(root_stat.st_mode):
        # Named explicitly: try it whatever its name; the content checks still apply.
        return [_Candidate(os.path.abspath(path), os.path.basename(path), root_real, root_stat.st_size,
                           (root_stat.st_dev, root_stat.st_ino), roots)], []
    if not stat.S_ISDIR(root_stat.st_mode):
        return [], [Skipped(path, f"not a regular file or folder ({_file_kind(root_stat.st_mode)})")]

    candidates: list[_Candidate] = []
    skipped: list[Skipped] = []
    seen_dirs = {(root_stat.st_dev, root_stat.st_ino)}  # real identities: symlinked dirs never loop
    # (shown path, resolved path, relative prefix); breadth-first: the shortest route to a folder wins
    queue: deque[tuple[str, str, str]] = deque([(path, root_real, "")])
    while queue:
        dirpath, realdir, relprefix = queue.popleft()
        try:
            with os.scandir(realdir) as it:
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
                found = _resolve_entry(entry, roots)
            except _Skip as skip:
                skipped.append(Skipped(relpath, skip.reason))
                continue
            except OSError as exc:
                skipped.append(Skipped(relpath, f"unreadable: {_os_reason(exc)}"))
                continue
            real, st = found
            shown = os.path.join(dirpath, entry.name)
            if stat.S_ISDIR(st.st_mode):
                identity = (st.st_dev, st.st_ino)
                if identity not in seen_dirs:
                    seen_dirs.add(identity)
                    queue.append((shown, real, relpath + "/"))
                continue
            if not stat.S_ISREG(st.st_mode):
                skipped.append(Skipped(relpath, f"not a regular file ({_file_kind(st.st_mode)})"))
                continue
            suffix = os.path.splitext(entry.name)[1].lower()
            if suffix not in ARTICLE_SUFFIXES:
                skipped.append(Skipped(relpath, f"not a text article ({suffix})"))
                continue
            candidates.append(_Candidate(os.path.abspath(shown), relpath, real, st.st_size,
                                         (st.st_dev, st.st_ino), roots))
    candidates.sort(key=lambda c: c.relpath)
    return candidates, skipped


def _resolve_entry(entry: os.DirEntry[str], roots: tuple[str, ...] | None) -> tuple[str, os.stat_result]:
    """(resolved path, its stat) of a folder entry; raises _Skip for a link that must not be followed."""
    if not entry.is_symlink():
        return entry.path, entry.stat(follow_symlinks=False)
    target = os.path.realpath(entry.path)
    try:
        st = os.stat(entry.path)
    except FileNotFoundError:
        raise _Skip("broken symlink") from None
    if roots is not None and not _within(target, roots):
        kind = "" if stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode) else f" (to a {_file_kind(st.st_mode)})"
        raise _Skip(f"link leads outside the story{kind}")
    return target, st


def _within(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def _file_kind(mode: int) -> str:
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "folder"
    return "unknown file type"


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


# ----------------------------------------------------------------------------------------------- decoding


# Never blocks in open() (a FIFO waits for a writer, a tty would become ours), never leaks into children.
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC


def _read(candidate: _Candidate) -> tuple[str, str, list[str]]:
    """Read and decode one file: (text, encoding, warnings), or raise _Skip with the reason."""
    data = _read_bytes(candidate)
    if not data:
        raise _Skip("empty file")
    return _decode_text(data)


def _decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """_decode, and _Skip for data that decodes but is no text (control characters, blank)."""
    text, encoding, warnings = _decode(data)
    controls = _CONTROL_RE.subn("", text)[1]  # a count without building a list of matches
    if controls >= 4 and controls > _MAX_CONTROL_SHARE * len(text):
        raise _Skip("binary file (control characters)")
    if not text.lstrip("\ufeff").strip():
        raise _Skip("no text (blank file)")
    return text, encoding, warnings


def _read_bytes(candidate: _Candidate) -> bytes:
    """The file's bytes, checked on the open descriptor (not the path, which may have changed since the
    scan) and bounded in size and time; raises _Skip."""
    if candidate.realpath:
        # The resolved path: its last part is no link, unless it was swapped for one since the scan.
        path, flags = candidate.realpath, _OPEN_FLAGS | os.O_NOFOLLOW
    else:
        path, flags = candidate.abspath, _OPEN_FLAGS
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and flags & os.O_NOFOLLOW:
            raise _Skip("became a link after the scan") from None
        raise _Skip(f"unreadable: {_os_reason(exc)}") from None
    handed_over = False
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _Skip(f"not a regular file ({_file_kind(st.st_mode)})")
        if candidate.roots is not None and not _opened_within(fd, candidate.roots):
            raise _Skip("link leads outside the story")  # a folder on the way was swapped for a link
        if st.st_size > MAX_FILE_BYTES:
            raise _Skip(f"too large ({_megabytes(st.st_size)} MB; the limit is {_megabytes(MAX_FILE_BYTES)} MB)")
        if st.st_size > 0 and not _may_block(st.st_dev):
            data = _read_fd(fd, st.st_size, time.monotonic() + READ_SECONDS)
        else:
            # Files that say they are empty (/proc, /sys) or live where a read can wait for ever (FUSE, NFS):
            # read in a thread that owns the descriptor, and give up on it after READ_SECONDS.
            handed_over = True
            data = _read_in_thread(fd, st.st_size)
    except OSError as exc:
        raise _Skip(f"unreadable: {_os_reason(exc)}") from None
    finally:
        if not handed_over:
            os.close(fd)
    return data


def _read_fd(fd: int, size: int, deadline: float) -> bytes:
    """At most MAX_FILE_BYTES (+1 to see it is over), and no more than `size` (+1 to see it grew) when the
    size is known; raises _Skip for a file that grows, would block, or does not end by `deadline`."""
    limit = (min(size, MAX_FILE_BYTES) if size > 0 else MAX_FILE_BYTES) + 1
    chunks: list[bytes] = []
    got = 0
    while got < limit:
        try:
            chunk = os.read(fd, min(limit - got, max(_READ_CHUNK, size + 1 - got)))
        except BlockingIOError:
            raise _Skip("read would block (not a plain file)") from None
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        if time.monotonic() > deadline:
            raise _Skip(f"read did not finish within {READ_SECONDS:g} s")
    if got > MAX_FILE_BYTES:
        raise _Skip(f"too large (over {_megabytes(MAX_FILE_BYTES)} MB, the limit)")
    if 0 < size < got:
        raise _Skip(f"changed while being read (grew past its size of {size} bytes)")
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _read_in_thread(fd: int, size: int) -> bytes:
    """_read_fd in a daemon thread that closes `fd` when its read returns, however late; raises _Skip if
    it has not finished within READ_SECONDS (a read blocked in the kernel cannot be interrupted)."""
    outcome: list[bytes | BaseException] = []

    def run() -> None:
        try:
            outcome.append(_read_fd(fd, size, time.monotonic() + READ_SECONDS))
        except BaseException as exc:  # handed to the caller below, not swallowed
            outcome.append(exc)
        finally:
            os.close(fd)

    reader = threading.Thread(target=run, name="storyview-read", daemon=True)
    reader.start()
    reader.join(READ_SECONDS + 1.0)
    if not outcome:
        raise _Skip(f"read did not finish within {READ_SECONDS:g} s")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _opened_within(fd: int, roots: tuple[str, ...]) -> bool:
    """Is the opened file under a root? Linux names it in /proc/self/fd; elsewhere the scan's check stands."""
    try:
        opened = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return True
    return _within(opened.removesuffix(" (deleted)"), roots)


# Filesystems where a read of a regular file can wait for ever: network, FUSE, kernel pseudo-files.
_MAY_BLOCK_FS = ("fuse", "nfs", "cifs", "smb", "9p", "ceph", "afs", "gluster", "virtiofs", "lustre",
                 "proc", "sysfs", "debugfs", "tracefs", "securityfs", "configfs", "efivarfs")


def _may_block(device: int) -> bool:
    fstype = _filesystem_types().get(device)
    return fstype is not None and fstype.startswith(_MAY_BLOCK_FS)


@lru_cache(maxsize=1)
def _filesystem_types() -> dict[int, str]:
    """st_dev -> filesystem type of every mount this process sees ({} where /proc is not there)."""
    types: dict[int, str] = {}
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return types
    for line in lines:
        fields = line.split()
        try:
            major, minor = fields[2].split(":")
            fstype = fields[fields.index("-") + 1]
        except (IndexError, ValueError):
            continue
        types[os.makedev(int(major), int(minor))] = fstype
    return types


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
        if text.startswith("\ufeff"):
            # The BOM is not text: dropped, as open(encoding="utf-8-sig") drops it, so that offsets count
            # what a reader with the reported encoding gets (the UTF-16/32 codecs drop theirs too).
            return _universal_newlines(text[1:]), "utf-8-sig", []
        return _universal_newlines(text), "utf-8", []

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


def _size(size: int) -> str:
    if size >= 1024**3 and size % 1024**3 == 0:
        return f"{size // 1024**3} GiB"
    return f"{_megabytes(size)} MB"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
