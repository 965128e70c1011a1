"""Dictionary word lists that open in no time: simplemma's dictionaries, flattened once into sorted files in
the user's cache directory, checked and read whole, then searched by bisection.

Why: decoding simplemma's German dictionary takes about two seconds in every process, and storyview's CLI is
one process per command. A sorted file needs no decoding; a lookup is a binary search of ~20 steps. The files
are derived data: versioned, checksummed, safe to delete, rebuilt when missing or damaged, and never written
inside a story folder or under a relative path. If no cache location can be written, the sorted list is
built once in memory for the process.
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import stat
import struct
import threading
import time
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

FORMAT_VERSION = 2
_FENCE = 4096  # bytes of the list between two lines whose keys WordList.get bisects (see _fences)
# magic, format version, language (NUL-padded), payload size, CRC-32 of the payload. CRC-32 guards against
# damage (a cut, a crash, random bytes), not against forgery: whoever can forge the file runs as us anyway.
# It costs ~13 ms on the 17.6 MB German list (sha256 ~19 ms, blake2b ~46 ms on the development machine).
_HEADER = struct.Struct("<8sI8sQI")
_MAGIC = b"SVWORDS\0"
_MAX_PAYLOAD = 256 << 20  # the largest list (German) is 17.6 MB; a bigger file is not one of ours
_STALE_SECONDS = 3600  # a temp file this old is abandoned even if its pid now belongs to someone else
_TEMP_NAME = re.compile(r"\.[a-z]{2,3}\.(\d+)\.[0-9a-f]{8}\.tmp")

_lock = threading.Lock()
_lists: dict[str, WordList] = {}
_roots: set[str] = set()
_swept: set[str] = set()


def add_story_roots(paths: Iterable[str | os.PathLike]) -> None:
    """Name folders and files being read as a story: no cache file is ever written under them.

    Roots add up for the life of the process, so a story loaded earlier is protected from a later build.
    """
    names = [os.fsdecode(os.fspath(path)) for path in paths]
    with _lock:
        # a name with a NUL names no file (the loader says so); realpath would raise on it
        _roots.update(os.path.realpath(name) for name in names if "\0" not in name)


def cache_dir() -> Path | None:
    """The first cache folder storyview would use (created on demand), or None if none is allowed."""
    return next(_candidate_bases(), None)


def _candidate_bases() -> Iterator[Path]:
    """Cache folders in order of preference, each absolute and outside every story root.

    A relative setting is ignored, as the XDG spec says of XDG_CACHE_HOME: resolved against the current
    folder it would land wherever storyview happens to run, often inside the corpus. The per-user folder in
    the temp directory comes last and is only created when it is reached.
    """
    seen: set[str] = set()
    for base in _configured_bases():
        key = os.path.realpath(base)
        if key not in seen and not _inside_roots(key):
            seen.add(key)
            yield Path(base)
    private = _private_temp_base()
    if private is not None and os.path.realpath(private) not in seen:
        yield private


def _configured_bases() -> Iterator[str]:
    env = os.environ.get
    if os.path.isabs(env("STORYVIEW_CACHE") or ""):
        yield env("STORYVIEW_CACHE", "")
    if os.path.isabs(env("XDG_CACHE_HOME") or ""):
        yield os.path.join(env("XDG_CACHE_HOME", ""), "storyview")
    # not os.path.expanduser: without HOME and a passwd entry it returns "~", a folder in the current one
    if os.path.isabs(env("HOME") or ""):
        yield os.path.join(env("HOME", ""), ".cache", "storyview")
    try:
        home = pwd.getpwuid(os.getuid()).pw_dir
    except KeyError:  # a uid without a passwd entry (containers): there is no home to use
        home = ""
    if os.path.isabs(home):
        yield os.path.join(home, ".cache", "storyview")


def _private_temp_base() -> Path | None:
    """/tmp/storyview-UID (or under $TMPDIR), made 0700 and accepted only if it is our own real folder."""
    temp = next((d for d in _temp_dirs() if os.path.isdir(d)), None)
    if temp is None:
        return None
    base = os.path.join(temp, f"storyview-{os.getuid()}")
    if _inside_roots(os.path.realpath(base)):
        return None
    try:
        os.mkdir(base, 0o700)
    except FileExistsError:
        pass  # made by an earlier run, or planted by someone else: the lstat below tells which
    except OSError:  # read-only, full or not a folder: no disk cache from here
        return None
    try:
        info = os.lstat(base)
    except OSError:  # removed meanwhile (a /tmp cleaner): no disk cache this time
        return None
    # in a shared /tmp anyone may have made the name first, as a link or an open folder
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
        return None
    return Path(base)


def _temp_dirs() -> Iterator[str]:
    # tempfile.gettempdir() would end with the current folder when nothing else works: never that
    for name in ("TMPDIR", "TEMP", "TMP"):
        value = os.environ.get(name) or ""
        if os.path.isabs(value):
            yield value
    yield from ("/tmp", "/var/tmp", "/usr/tmp")


def _inside_roots(real: str) -> bool:
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in _roots)


def _folder(base: Path) -> Path:
    return base / f"words-v{FORMAT_VERSION}-simplemma{_simplemma_version()}"


_versions: list[str] = []


def _simplemma_version() -> str:
    """simplemma's version, from its installed metadata: importing simplemma to read __version__ costs half a
    second (it loads its language detector), and a story whose lists are cached never needs simplemma itself."""
    if not _versions:
        from importlib import metadata

        try:
            version = metadata.version("simplemma")
        except metadata.PackageNotFoundError:  # not installed as a distribution (vendored): ask the module
            import simplemma

            version = getattr(simplemma, "__version__", "0")
        _versions.append(version)
    return _versions[0]


class WordList:
    """Word forms of one language with one flag each: is its lemma lower-case (a common word).

    `_data` is the whole sorted list, b"form\\tF\\n" lines, held in memory rather than mapped: a mapped file
    that someone truncates kills the process with SIGBUS at the next lookup, and the checksum reads every
    page anyway (German: 17.6 MB read and checked in ~30 ms). `path` is where it was read from or written
    to; None when no cache location could be written, and then simplemma's own dictionary answers: loading
    it costs what building the list would (German: 2.6 s, 120 MB) without the sorting (4.7 s more, 300 MB peak).
    """

    def __init__(self, language: str):
        self.language = language
        self.path: Path | None = None
        self._data = b""
        self._fence_lists: tuple[list[int], list[bytes]] | None = None
        self._dictionary: Mapping[str, str] | None = None
        built: list[bytes] = []

        def payload() -> bytes:  # built at most once, and only once a place to write it is open
            if not built:
                built.append(_payload(language))
            return built[0]

        for base in _candidate_bases():
            path = _folder(base) / f"{language}.words"
            _sweep(path.parent)
            data = _read_valid(path, language)
            if data is None:
                try:
                    data = _write(path, language, payload)
                except OSError:  # read-only, full, a file in place of the folder...: try the next place
                    continue
            self.path, self._data = path, data
            return
        if built:
            self._data = built[0]
        else:
            self._dictionary = _dictionary(language)

    def get(self, form: str) -> bool | None:
        """None if `form` is not in the dictionary; else whether its lemma is lower-case."""
        if not form or "\n" in form or "\t" in form:  # no such form is listed (see _payload)
            return None
        if self._dictionary is not None:
            lemma = self._dictionary.get(form)
            return None if lemma is None else not lemma[:1].isupper()
        try:
            target = form.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no dictionary word has one
            return None
        data = self._data
        starts, keys = self._fences()
        at = bisect_right(keys, target) - 1
        if at < 0:
            return None  # before the first line
        # the line, if listed, starts between this fence and the next (the lines are sorted by key: a tab
        # sorts before every character of a form), and is the only one there that begins "target<tab>"
        lo = starts[at]
        hi = starts[at + 1] if at + 1 < len(starts) else len(data)
        line = target + b"\t"
        if data.startswith(line, lo):
            found = lo
        else:
            found = data.find(b"\n" + line, lo, hi + len(line) + 1)
            if found < 0:
                return None
            found += 1
        return data[found + len(line) : found + len(line) + 1] == b"1"

    def _fences(self) -> tuple[list[int], list[bytes]]:
        """The start and key of the first line at or after every _FENCE bytes of the list, worked out on the
        first look-up: a look-up is then one bisection of these in C and one search of a few kilobytes,
        not twenty steps of bisection in Python."""
        if self._fence_lists is None:
            data = self._data
            starts: list[int] = []
            keys: list[bytes] = []
            at = 0
            while at < len(data):
                tab = data.find(b"\t", at)
                end = data.find(b"\n", at)
                if tab < 0 or end < 0:
                    break
                starts.append(at)
                keys.append(data[at:tab])
                next_fence = data.find(b"\n", at + _FENCE)
                at = len(data) if next_fence < 0 else next_fence + 1
            self._fence_lists = (starts, keys)
        return self._fence_lists


def _payload(language: str) -> bytes:
    lines = sorted(f"{form}\t{int(common)}\n".encode() for form, common in _entries(language)
                   if "\n" not in form and "\t" not in form)
    return b"".join(lines)


def _dictionary(language: str) -> Mapping[str, str]:
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    return DefaultDictionaryFactory().get_dictionary(language)


def _entries(language: str) -> Iterator[tuple[str, bool]]:
    for form, lemma in _dictionary(language).items():
        if isinstance(lemma, bytes):
            lemma = lemma.decode("utf-8")
        yield form, not lemma[:1].isupper()


def _header(language: str, payload: bytes) -> bytes:
    return _HEADER.pack(_MAGIC, FORMAT_VERSION, language.encode("ascii"), len(payload), zlib.crc32(payload))


def _read_valid(path: Path, language: str) -> bytes | None:
    """The payload of a cache file that is ours and intact; None if it is missing or must be rebuilt."""
    try:
        # no O_NOFOLLOW, O_NONBLOCK: a link is not followed out of the cache, a FIFO does not block the open
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:  # missing, a link (ELOOP), unreadable, a socket (ENXIO): rebuilt in its place
        return None
    try:
        info = os.fstat(fd)  # the descriptor, not the path: what was opened is what is checked
        size = info.st_size - _HEADER.size
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or not 0 <= size <= _MAX_PAYLOAD:
            return None
        header = _read_exactly(fd, _HEADER.size)
        payload = _read_exactly(fd, size)
    finally:
        os.close(fd)
    if header is None or payload is None or header != _header(language, payload):
        return None
    return payload


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks = []
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:  # cut shorter since the fstat
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)  # one chunk (the usual case) is returned as is, not copied


def _write(path: Path, language: str, payload: Callable[[], bytes]) -> bytes:
    """Write aside, fsync, rename: another storyview process may be reading or building the same file, and a
    crash or a kill must leave either the old file or the complete new one. Returns the payload written."""
    folder = path.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # the pid in the name lets a later run tell an abandoned temp file (its builder is dead) from a live one
    temp = folder / f".{language}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            data = payload()
            handle.write(_header(language, data))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return data


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return  # the file is complete and in place; only the rename's durability is at stake
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems (FUSE, network) cannot fsync a folder: same as above
    finally:
        os.close(fd)


def _sweep(folder: Path) -> None:
    """Remove temp files left by builds that were killed (once per folder and process)."""
    key = str(folder)
    if key in _swept:
        return
    _swept.add(key)
    try:
        entries = list(os.scandir(folder))
    except OSError:  # not made yet, or not a folder we can list: nothing of ours to clean
        return
    now = time.time()
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match is None:
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS
            if old or not _alive(int(match.group(1))):
                os.unlink(entry.path)
        except OSError:  # gone meanwhile (another run swept it) or read-only: harmless either way
            continue


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def word_list(language: str) -> WordList:
    with _lock:
        if language not in _lists:
            _lists[language] = WordList(language)
        return _lists[language]
