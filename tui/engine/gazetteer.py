"""Place-name gazetteer: every spelling of a place, in many languages, resolved to one record.

Fuzzy matching is wrong for places (Austria ~ Australia, Guinea ~ Equatorial Guinea), so place names are
looked up exactly, after folding away case, diacritics and punctuation habits, in a table generated from
Unicode CLDR by `scripts/build_gazetteer.py` (territory names and time-zone exemplar cities in 36
languages). That table is `data/places.json`; this module only reads it (stdlib `json`, no babel at run
time), once, on first use.

Each spelling belongs to exactly one record: the build script settles spellings shared by two places
(country before region before city, see its docstring), so a lookup never has to choose.

All-caps short forms ("UK", "USA", "EE.UU.") are matched case-sensitively, so that "US" finds the United
States while the pronoun "us" finds nothing.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "places.json"

# Bumped whenever fold() or acronym_key() changes, so a data file built with other rules is noticed.
FOLD_VERSION = 1


@dataclass(frozen=True)
class Place:
    """One place: `id` is an ISO 3166 / UN M49 code ("KZ", "143") or an IANA zone id ("Europe/Kyiv")."""

    id: str
    kind: str  # "country" | "region" | "city"
    name: str  # English display name
    names: tuple[str, ...]  # every spelling this place owns, across languages


# --- folding ---------------------------------------------------------------------------------------------

# Letters that NFKD does not decompose into base letter + mark.
_LETTERS = str.maketrans({"ł": "l", "ø": "o", "ß": "ss", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i",
                          "ħ": "h", "þ": "th", "ð": "d", "ŀ": "l"})
# Apostrophe look-alikes are deleted, so "N’Djamena", "N'Djamena" and "Ndjamena" meet; Uzbek uses ʻ inside
# words ("Oʻzbekiston"). The acute accent ´ must go before NFKD turns it into a space plus a mark.
_DELETE = frozenset("'’‘ʼʻʹ`´′.")
# Word joiners become a space, so "Guinea-Bissau" = "Guinea Bissau" and "Addis-Abeba" = "Addis Abeba".
_SPACE = frozenset("-‐‑‒–—―−/_")


def _folded_characters(text: str) -> str:
    """fold() before whitespace is collapsed."""
    # Casefold again after NFKD: compatibility forms can decompose to capitals ('ℌ' -> 'H').
    text = unicodedata.normalize("NFKD", text.casefold()).casefold().translate(_LETTERS)
    out: list[str] = []
    for ch in text:
        if ch in _DELETE:
            continue
        if ch in _SPACE or ch.isspace():
            out.append(" ")
            continue
        category = unicodedata.category(ch)
        if category in ("Mn", "Me", "Cf", "Sk") or (category[0] == "P" and ch != "&"):
            continue
        out.append(ch)
    return "".join(out)


class _CharFold(dict):
    """Each character's _folded_characters, worked out on first sight. Every step acts on one character at a
    time but NFKD's reordering of combining marks; the marks it drops do not matter, so a text folds as its
    characters do unless it holds a mark that is kept (a few spacing marks of Indic, Tagalog or musical
    scripts): characters that fold to one are noted in `reordered`, and a text holding one is folded whole."""

    def __init__(self) -> None:
        super().__init__()
        self.reordered: set[str] = set()

    def __missing__(self, code: int) -> str:
        folded = _folded_characters(chr(code))
        if any(unicodedata.combining(ch) for ch in folded):
            self.reordered.add(chr(code))
        self[code] = folded
        return folded


_CHAR_FOLD = _CharFold()


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """The comparison form of a name: 'Kijów' -> 'kijow', 'Côte d’Ivoire' -> 'cote divoire'.

    Casefolded; diacritics stripped (NFKD, combining marks dropped); ł ø ß đ æ œ ı mapped to ASCII;
    apostrophes and full stops deleted ('St. John’s' -> 'st johns'); hyphens, dashes and slashes made
    spaces; other punctuation and invisible format characters (soft hyphens) dropped; whitespace collapsed.
    '&' is kept: it is a word in "Bosnia & Herzegovina".
    """
    folded = text.translate(_CHAR_FOLD)
    if _CHAR_FOLD.reordered and not _CHAR_FOLD.reordered.isdisjoint(text):
        folded = _folded_characters(text)
    return " ".join(folded.split())


def acronym_key(text: str) -> str | None:
    """'UK' -> 'UK', 'EE. UU.' -> 'EEUU', 'É.-U.' -> 'ÉU'; None unless an all-caps short form.

    Two to five capital letters, with only full stops, hyphens and spaces between them. Case and accents
    are kept: the short forms are compared exactly, since lower-cased they are everyday words.
    """
    letters: list[str] = []
    for ch in text:
        if ch.isalpha():
            if not ch.isupper():
                return None
            letters.append(ch)
        elif ch not in ". -":
            return None
    return "".join(letters) if 2 <= len(letters) <= 5 else None


# --- the table -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Index:
    places: tuple[Place, ...]
    by_key: dict[str, Place]  # fold(name) -> place
    by_acronym: dict[str, Place]  # acronym_key(name) -> place
    first_words: frozenset[str]  # folded first word of every multi-word key
    first_acronyms: frozenset[str]  # all-caps first words ("U.S." of "U.S. Virgin Islands"), kept apart
    sorted_keys: tuple[str, ...]  # for prefix queries
    local: dict[str, tuple[Place, frozenset[str]]]  # fold(name) -> place, the languages that alone name it so


_lock = threading.Lock()
_cache: _Index | None = None


def _load() -> _Index:
    """Read data/places.json once; later calls get the cached index."""
    global _cache
    if _cache is not None:
        return _cache
    with _lock:
        if _cache is None:
            _cache = _build_index(json.loads(DATA_FILE.read_text(encoding="utf-8")))
    return _cache


def _build_index(data: dict) -> _Index:
    # The file carries each record's folded keys so loading does not fold ~11k names (~50 ms); a file
    # built with different folding rules is re-folded here instead of being trusted.
    trust_keys = data.get("meta", {}).get("fold_version") == FOLD_VERSION
    places: list[Place] = []
    by_key: dict[str, Place] = {}
    by_acronym: dict[str, Place] = {}
    for pid, kind, name, names, keys, acronyms in data["places"]:
        place = Place(pid, kind, name, tuple(names))
        places.append(place)
        if not trust_keys:
            acronyms = [a for a in map(acronym_key, names) if a]
            keys = [fold(n) for n in names if not acronym_key(n)]
        for key in keys:
            by_key.setdefault(key, place)
        for acronym in acronyms:
            by_acronym.setdefault(acronym, place)
    # "U.S. Virgin Islands" folds to "us virgin islands", but its first word is the short form "US", not
    # the pronoun "us": such heads are matched case-sensitively like the short forms themselves.
    heads = Counter(key.split(" ", 1)[0] for key in by_key if " " in key)
    first_acronyms: set[str] = set()
    for place in places:
        for name in place.names:
            head = name.split(" ", 1)[0]
            if head != name and head.upper() == head and (acronym := acronym_key(head)):
                first_acronyms.add(acronym)
                heads[fold(name).split(" ", 1)[0]] -= 1
    first_words = frozenset(word for word, count in heads.items() if count > 0)
    by_id = {place.id: place for place in places}
    local = {fold(text): (by_id[pid], frozenset(languages))
             for text, pid, languages in data.get("local", ()) if pid in by_id}
    return _Index(tuple(places), by_key, by_acronym, first_words, frozenset(first_acronyms),
                  tuple(sorted(by_key)), local)


# --- queries ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def lookup(name: str) -> Place | None:
    """The place spelled `name` in any covered language ('Kijów', 'Azja Środkowa', 'New York', 'UK')."""
    index = _load()
    acronym = acronym_key(name)
    if acronym is not None and acronym in index.by_acronym:
        return index.by_acronym[acronym]
    # An all-caps word that is no known short form may still be a shouted name ("KYIV"): fall through.
    return index.by_key.get(fold(name))


@lru_cache(maxsize=100_000)
def lookup_local(name: str, language: str) -> Place | None:
    """The place `name` is in `language` alone: a spelling left out of lookup() because it is an ordinary
    word of a core language (Czech "Portugalsko", Slovene "Portugalska" are Polish adjectives), found only
    when the text is in a language that names the place so."""
    entry = _load().local.get(fold(name))
    if entry is None or language.split("-", 1)[0] not in entry[1]:
        return None
    return entry[0]


@lru_cache(maxsize=100_000)
def is_place_word(token: str) -> bool:
    """True if `token` is a whole place name or the first word of one ('New', 'Azja', 'Kyiv', 'UK').

    Used to decide whether a capitalised run may be a place and is worth extending.
    """
    index = _load()
    acronym = acronym_key(token)
    if acronym is not None and (acronym in index.by_acronym or acronym in index.first_acronyms):
        return True
    key = fold(token)
    return bool(key) and (key in index.first_words or key in index.by_key)


def has_prefix(text: str) -> bool:
    """True if some place spelling starts with `text` once folded ('kazakh' -> Kazakhstan).

    Lets the caller recognise derived words (demonyms, adjectives) by their stem.
    """
    index = _load()
    key = fold(text)
    if not key:
        return False
    i = bisect.bisect_left(index.sorted_keys, key)
    return i < len(index.sorted_keys) and index.sorted_keys[i].startswith(key)


def all_places() -> list[Place]:
    """Every record in the table, in file order (countries, regions, then cities)."""
    return list(_load().places)


# --- link-only names ---------------------------------------------------------------------------------------
#
# data/place_links.* (scripts/build_place_links.py) hold names that may JOIN two spellings a story already
# has, never make a word a place: seas, rivers and mountains (a hand-written table), CLDR subdivisions and
# GeoNames cities. Detection never reads them; the linker does (linking.Linker._forms). Its ~160k spellings
# are in data/place_links.keys, sorted 'key<TAB>offset' lines of UTF-8 searched by bisection over the raw
# bytes (UTF-8 sorts as code points do); the offset is where the place's row starts in data/place_links.txt
# ('id<TAB>kind<TAB>English name<TAB>source' lines). Loading them is two file reads, with no decoding or
# parsing of 160k names or 30k rows; place_links.json holds only what they were built with.

LINKS_FILE = Path(__file__).parent / "data" / "place_links.json"
LINK_ROWS_FILE = Path(__file__).parent / "data" / "place_links.txt"
LINK_KEYS_FILE = Path(__file__).parent / "data" / "place_links.keys"
# Bumped whenever stem_key() changes, like FOLD_VERSION.
STEM_VERSION = 1
_STEM_LETTERS = 4
_BLOCK = 2048  # bytes of the keys file per entry of its sparse index (_Links.blocks)


def stem_key(name: str) -> str:
    """'Schwarzen Meer' -> 'schw meer', 'Schwarzes Meer' -> 'schw meer': each folded word cut to its first four
    letters, so a declined multi-word name the language pack has no lemma for still meets its nominative."""
    return " ".join(word[:_STEM_LETTERS] for word in fold(name).split())


@dataclass(frozen=True)
class _Links:
    rows: bytes  # 'id<TAB>kind<TAB>name<TAB>source<LF>' lines, UTF-8
    keys: bytes  # sorted 'key<TAB>offset of its row<LF>' lines

    def row(self, offset: int) -> str:
        """The row starting at byte `offset` of the rows file."""
        return self.rows[offset:self.rows.index(b"\n", offset)].decode("utf-8")

    @functools.cached_property
    def records(self) -> tuple[str, ...]:
        """Every row (source_of's last resort)."""
        return tuple(self.rows.decode("utf-8").split("\n")[:-1])

    @functools.cached_property
    def blocks(self) -> tuple[list[int], list[bytes], bytes]:
        """A sparse index of the keys: the start of the first line at or after every _BLOCK bytes, that line,
        and the keys with a newline before them (so every line, the first too, follows one). A key is then
        one bisection over ~1,600 lines in C and one find within two blocks, not a bisection over the bytes
        in Python (~20 steps; a big story asks ~5,000 keys)."""
        keys = self.keys
        starts = [0]
        for pos in range(_BLOCK, len(keys), _BLOCK):
            start = keys.find(b"\n", pos) + 1
            if 0 < start < len(keys) and start != starts[-1]:
                starts.append(start)
        lines = []
        for start in starts:
            end = keys.find(b"\n", start)
            lines.append(keys[start:len(keys) if end == -1 else end])
        return starts, lines, b"\n" + keys

    def line_at(self, probe: bytes) -> int:
        """Where (in `blocks`' newline-led keys) a line starting with `probe` (no newline in it) begins, the
        newline before it included, or -1. Such a line, if any, is the first line not below `probe` (sorted
        lines), which is in the block whose first line is the last not above `probe`, or first in the next."""
        starts, lines, led = self.blocks
        j = max(0, bisect.bisect_right(lines, probe) - 1)
        end = starts[j + 2] + 1 if j + 2 < len(starts) else len(led)
        return led.find(b"\n" + probe, starts[j], end)


_links: _Links | None = None


def _load_links() -> _Links:
    global _links
    if _links is not None:
        return _links
    with _lock:
        if _links is None:
            data = json.loads(LINKS_FILE.read_text(encoding="utf-8"))
            meta = data["meta"]
            if meta.get("fold_version") != FOLD_VERSION or meta.get("stem_version") != STEM_VERSION:
                raise RuntimeError(f"{LINKS_FILE.name} was built with other folding rules: "
                                   "run scripts/build_place_links.py")
            _links = _Links(LINK_ROWS_FILE.read_bytes(), LINK_KEYS_FILE.read_bytes())
    return _links


def _link_row(key: str) -> str | None:
    """The record row filed under `key` (the line 'key<TAB>offset' of the keys file)."""
    head, space, _rest = key.partition(" ")
    if space and not _link_prefix(head + space):
        # Most keys asked for are a name and the word beside it ('said putin'): one look-up per first word
        # tells that no spelling starts so (on 1,500 articles 1,700 first words answer 42,000 such keys).
        return None
    links = _load_links()
    probe = key.encode("utf-8") + b"\t"  # the tab sorts before every letter: 'key<TAB>' < 'key more<TAB>'
    if b"\n" in probe:
        return None  # no line holds a newline
    at = links.line_at(probe)
    if at == -1:
        return None
    led = links.blocks[2]
    start = at + 1 + len(probe)
    end = led.find(b"\n", start)
    return links.row(int(led[start:len(led) if end == -1 else end]))


@lru_cache(maxsize=50_000)
def _link_prefix(prefix: str) -> bool:
    """True if some key of the keys file starts with `prefix` (then the first line not below it does)."""
    probe = prefix.encode("utf-8")
    return b"\n" not in probe and _load_links().line_at(probe) != -1  # (no line holds a newline)


@lru_cache(maxsize=100_000)
def may_begin_link_phrase(word: str) -> bool:
    """False when no link-only spelling of several words begins with `word`: then link_lookup(word + " " +
    more) is None for every `more` that folds to something (link_lookup's own first test, asked once per word
    instead of once per phrase)."""
    if " " in word:
        return True  # the phrase's first word would be only a part of it
    head = fold(word).partition(" ")[0]
    return not head or _link_prefix(head + " ")


@lru_cache(maxsize=100_000)
def begins_no_link_phrase(word: str) -> bool:
    """link_lookup(word + " " + more) is None whatever `more` is: no link-only spelling of several words begins
    with the word, nor is the word one by itself (what the phrase is looked up as when `more` folds to nothing:
    folding works character by character, so a phrase folds to its words' foldings joined)."""
    if " " in word:
        return False
    folded = fold(word)
    head = folded.partition(" ")[0]
    if not head or _link_prefix(head + " "):
        return False
    return " " in folded or link_lookup(word) is None


@lru_cache(maxsize=100_000)
def ends_no_link_phrase(word: str) -> bool:
    """link_lookup(more + " " + word) is None whatever `more` is: no link-only spelling of several words ends
    with the word's last word once folded, nor is the folded word one by itself (when `more` folds to nothing)."""
    folded = fold(word)
    if not folded or folded.rpartition(" ")[2].encode("utf-8") in _link_last_words():
        return False
    return " " in folded or _link_row(folded) is None


@functools.lru_cache(maxsize=1)
def _link_last_words() -> frozenset[bytes]:
    """The last word of every key of several words in the keys file (stem keys too: a few more words than
    needed, never fewer), read from the raw bytes in one pass (~30 ms: asked only for a big story)."""
    return frozenset(re.findall(rb" ([^ \t\n]*)\t", _load_links().keys))


@lru_cache(maxsize=100_000)
def link_lookup(name: str, stem: bool = False) -> Place | None:
    """The place a link-only name spells ('Janov', 'Morze Czarne', 'Obwód charkowski'); with `stem`, a
    multi-word name of a sea or region by its stem key ('Schwarzen Meer'). Never for detection: these names
    may be ordinary words or given names; the caller joins only spellings a story already holds."""
    if not stem and " " in name:
        # A phrase no spelling starts like ('said Putin') is told by its first word, whose folding is cached:
        # folding works character by character, so fold(name) begins with fold(first)'s first word.
        first, _space, rest = name.partition(" ")
        folded_first = fold(first)
        head = folded_first.partition(" ")[0]
        if head and (" " in folded_first or fold(rest)) and not _link_prefix(head + " "):
            return None
    key = fold(name)
    if not key:
        return None
    row = _link_row("~" + stem_key(name) if stem else key)
    if row is None:
        return None
    pid, kind, english, _source = row.split("\t")
    place = _load().by_key.get(fold(english))
    if place is not None and place.id == pid:
        return place  # a CLDR city's GeoNames spelling: the gazetteer's own record
    return Place(pid, kind, english, ())


def source_of(place_id: str, spelling: str | None = None) -> str:
    """Which knowledge joined spellings under `place_id`: 'CLDR territory', 'CLDR time-zone city',
    'CLDR subdivision', 'GeoNames' or 'feature table'. With `spelling`, the source of that spelling's link
    (a GeoNames name of a CLDR city, 'Řím' of Europe/Rome, says 'GeoNames'). '' for an unknown id."""
    index = _load()
    if spelling is not None and lookup(spelling) is None:
        row = _link_row(fold(spelling))
        if row is None and " " in fold(spelling):
            row = _link_row("~" + stem_key(spelling))
        if row is not None and row.split("\t", 1)[0] == place_id:
            return row.rsplit("\t", 1)[1]
    for place in index.places:
        if place.id == place_id:
            return "CLDR time-zone city" if place.kind == "city" else "CLDR territory"
    prefix = place_id + "\t"
    return next((row.rsplit("\t", 1)[1] for row in _load_links().records if row.startswith(prefix)), "")
