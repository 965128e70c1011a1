"""Dictionary word lists that open in no time: simplemma's dictionaries, flattened once into sorted files in
the user's cache directory and searched in place through mmap.

Why: decoding simplemma's German dictionary takes about a second in every process, and storyview's CLI
is one process per command. A sorted file needs no loading at all; a lookup is a binary search of ~20
steps. The files are derived data: versioned by simplemma's version, safe to delete, rebuilt on demand,
and never written inside a story folder. If the cache cannot be written, the dictionary is used in memory.
"""

from __future__ import annotations

import mmap
import os
import tempfile
import threading
from pathlib import Path

FORMAT_VERSION = 1
_lock = threading.Lock()
_lists: dict[str, "WordList"] = {}


def cache_dir() -> Path:
    base = os.environ.get("STORYVIEW_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "storyview")
    return Path(base)


class WordList:
    """Word forms of one language with one flag each: is its lemma lower-case (a common word)."""

    def __init__(self, language: str):
        self.language = language
        self._mm: mmap.mmap | None = None
        self._memory: dict[str, bool] | None = None
        path = self._path()
        try:
            if not path.exists():
                self._build(path)
            with open(path, "rb") as handle:
                self._mm = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            self._memory = dict(_entries(language))

    def _path(self) -> Path:
        import simplemma

        version = getattr(simplemma, "__version__", "0")
        return cache_dir() / f"words-v{FORMAT_VERSION}-simplemma{version}" / f"{self.language}.txt"

    def _build(self, path: Path) -> None:
        lines = sorted(f"{form}\t{int(common)}".encode("utf-8") for form, common in _entries(self.language)
                       if "\n" not in form and "\t" not in form)
        path.parent.mkdir(parents=True, exist_ok=True)
        # written aside and renamed: another storyview process may be reading or building the same file
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{self.language}-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(b"\n".join(lines) + b"\n")
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def get(self, form: str) -> bool | None:
        """None if `form` is not in the dictionary; else whether its lemma is lower-case."""
        if self._memory is not None:
            return self._memory.get(form)
        mm = self._mm
        if mm is None or not form:
            return None
        target = form.encode("utf-8")
        lo, hi = 0, len(mm)
        while lo < hi:  # lo is always the start of a line
            mid = (lo + hi) // 2
            start = mm.rfind(b"\n", lo, mid)
            start = lo if start == -1 else start + 1
            end = mm.find(b"\n", start)
            end = len(mm) if end == -1 else end
            tab = mm.find(b"\t", start, end)
            key = mm[start:tab]
            if key < target:
                lo = end + 1
            elif key > target:
                hi = start
            else:
                return mm[tab + 1 : tab + 2] == b"1"
        return None


def _entries(language: str):
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    dictionary = DefaultDictionaryFactory().get_dictionary(language)
    for form, lemma in dictionary.items():
        if isinstance(lemma, bytes):
            lemma = lemma.decode("utf-8")
        yield form, not lemma[:1].isupper()


def word_list(language: str) -> WordList:
    with _lock:
        if language not in _lists:
            _lists[language] = WordList(language)
        return _lists[language]
