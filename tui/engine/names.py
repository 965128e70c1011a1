"""Name keys: how one name written by different languages' habits becomes one comparable string.

A key is built per language because the same letters mean different sounds: Polish `w` and German `w`
are English `v`; English `j` is Polish `dż`; German `z` is `ts` and German `s` before a vowel is `z`;
French `ch` is English `sh`. Each language's rewrites map onto shared symbols (S = sh/zh, C = ch, X = kh,
c = ts), then vowels/glides and doubled letters are evened out, so Vrublevsky, Vrublevskyi, Wrublewski and
Vroublevski all meet at `vrublevski`. Queries, whose language is unknown, get one key per language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from . import languages
from .language import borrowed

# --- folding ---------------------------------------------------------------------------------------

_FOLD_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i", "ß": "ss",
                             "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d",
                             "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'",
                             "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"})


class _CharFold(dict):
    """Each character's folding, worked out on first sight: the mapping, then casefolding, NFKD and the
    dropping of combining marks all act on one character at a time (NFKD's reordering moves only marks,
    which go), so a text folds as its characters do, in one str.translate."""

    def __missing__(self, code: int) -> str:
        text = chr(code).translate(_FOLD_EXTRA).casefold()
        folded = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
        self[code] = folded
        return folded


_CHAR_FOLD = _CharFold()


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Casefold and strip diacritics: 'Kijów' -> 'kijow', 'Łódź' -> 'lodz'. Whitespace collapsed."""
    if text.isascii():  # (of ASCII, only the backquote is mapped, and casefolding is lower-casing)
        return " ".join(text.replace("`", "'").lower().split())
    return " ".join(text.translate(_CHAR_FOLD).split())


def fold_each(texts: list[str]) -> list[str]:
    """[fold(t) for t in texts], in one str.translate over them all (a table of thousands of names): characters
    fold one at a time, so the texts joined by a character that folds to itself fold to the folded texts
    joined by it."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != max(0, len(texts) - 1):  # a text holds the joiner itself
        return [fold(text) for text in texts]
    return [" ".join(part.split()) for part in joined.translate(_CHAR_FOLD).split("\x00")] if texts else []


# --- Cyrillic ---------------------------------------------------------------------------------------
# Each Cyrillic language's own system lives in its pack (languages/<code>/script.toml [transliteration]):
# Ukrainian the national 2010 system, Russian BGN/PCGN-like, Bulgarian the Streamlined System, Serbian its
# own Latin alphabet, Macedonian the official romanisation. A language without a table reads with its
# relative's (language.RELATIVES); Cyrillic of an unknown language with the table whose marks it holds
# (Ukrainian і є ї ґ), else with the default pack's.

CYRILLIC_TABLES = tuple(code for code in languages.codes() if languages.has(code, "script"))
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff'’ʼ]+")


_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    # (one regex search in C: the linker asks it of tens of thousands of words)
    return _CYRILLIC_LETTER.search(text) is not None


def _script(code: str, key: str, default=None):
    return languages.value(code, "script", "transliteration", key, default)


@dataclass(frozen=True)
class _Table:
    letters: dict[str, str]  # with the fallback pack's letters this one lacks
    initial: dict[str, str]
    final: tuple[tuple[str, str], ...]  # (ending, Latin), longest first


@cache
def _table(code: str) -> _Table:
    chain: list[str] = []  # the pack, its fallback, the fallback's fallback...
    while code and code not in chain:
        chain.append(code)
        code = _script(code, "fallback")
    letters: dict[str, str] = {}
    for pack in reversed(chain):  # a pack's own letters win over its fallback's
        letters.update(_script(pack, "other_alphabets") or {})
        letters.update(_script(pack, "letters") or {})
    final = sorted((_script(chain[0], "word_final") or {}).items(), key=lambda kv: -len(kv[0]))
    return _Table(letters, dict(_script(chain[0], "word_initial") or {}), tuple(final))


@lru_cache(maxsize=1)
def _marked() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((code, frozenset(_script(code, "marks"))) for code in CYRILLIC_TABLES if _script(code, "marks"))


@lru_cache(maxsize=1)
def _default_table() -> str:
    return next(code for code in CYRILLIC_TABLES if _script(code, "default", False))


def _reading_of(text: str) -> str:
    """The table for Cyrillic whose language is unknown: the first pack whose marks it holds, else the default."""
    lowered = set(text.lower())
    return next((code for code, marks in _marked() if marks & lowered), _default_table())


def _transliterate_word(word: str, table: _Table) -> str:
    out: list[str] = []
    end = len(word)
    tail = ""
    if table.final:
        lowered = word.lower()
        for ending, final in table.final:
            if lowered.endswith(ending) and len(word) > len(ending):
                end, tail = len(word) - len(ending), final
                if word[end] != lowered[end] and tail:
                    tail = tail[0].upper() + tail[1:]
                break
    for i, ch in enumerate(word[:end]):
        lower = ch.lower()
        initial = table.initial.get(lower) if i == 0 else None
        latin = table.letters.get(lower, lower) if initial is None else initial
        if ch != lower and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    out.append(tail)
    return "".join(out)


def transliterate(text: str, language: str | None = None) -> str:
    """Cyrillic to Latin ('Врублевський' -> 'Vrublevskyi', 'Москва' -> 'Moskva'); Latin passes through.

    The table of `language` (or of its relative, language.borrowed) applies; without one, the table of the
    pack whose marks the text holds (Ukrainian і є ї ґ), else the default pack's (Russian).
    """
    if not has_cyrillic(text):
        return text
    code = (borrowed(language, CYRILLIC_TABLES) if language else None) or _reading_of(text)
    table = _table(code)
    return _CYRILLIC_WORD.sub(lambda m: _transliterate_word(m.group(0), table), text)


@lru_cache(maxsize=1)
def _query_tables() -> tuple[str, ...]:
    """Every table, those with marks first, then the default, then the rest: the readings a query gets."""
    marked = tuple(code for code, _marks in _marked())
    default = _default_table()
    return (*marked, default, *(c for c in CYRILLIC_TABLES if c not in marked and c != default))


def transliterations(text: str) -> list[str]:
    """Every reading of a Cyrillic string worth trying (its own reading, then every pack's table)."""
    if not has_cyrillic(text):
        return [text]
    return list(dict.fromkeys([transliterate(text), *(transliterate(text, code) for code in _query_tables())]))


# --- phonetic keys ----------------------------------------------------------------------------------

# Per-language rewrites (languages/<code>/names.toml [keys] rewrites), longest first, applied left to right on
# the lowercased word (diacritics kept, because they carry the sound: Polish ż, German ü). Upper-case letters
# are shared symbols. A language without a pack (Cyrillic is transliterated to the English-style national
# system first) is read with the international pack's (the one marked `international = true`: English).
KEY_LANGUAGES = tuple(code for code in languages.codes() if languages.has(code, "names"))

_COMPILED: dict[str, tuple[re.Pattern[str], dict[str, str]]] = {}


@lru_cache(maxsize=1)
def international() -> str:
    """The language whose spelling any paper may print ("Kolkhida Shipping" in a Polish text): English."""
    return next(code for code, flag in languages.every("names", "keys", "international") if flag)


def _compiled(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    if language not in _COMPILED:
        # a language without rules of its own reads as its closest relative that has some (language.borrowed)
        code = borrowed(language, KEY_LANGUAGES) or international()
        mapping = dict(languages.value(code, "names", "keys", "rewrites")
                       or languages.value(international(), "names", "keys", "rewrites"))
        pattern = re.compile("|".join(re.escape(a) for a in sorted(mapping, key=lambda a: -len(a))))
        _COMPILED[language] = (pattern, mapping)
    return _COMPILED[language]


@lru_cache(maxsize=64)
def _flag(language: str, key: str) -> bool:
    return bool(languages.value(language, "names", "keys", key, False))


_VOWELS = "aeiou"
# and after d: German writes дз as ds (Kiknadse = Kiknadze, Dserschinski = Dzerzhinsky)
_GERMAN_SOFT_S = re.compile(r"(?:(?<=^)|(?<=[aeiouyd]))s(?=[aeiouyäöü])")
_GLIDE = re.compile(r"(?<=[aeou])i(?=[aeou])")
# Russian ё after a consonant: "lyo", "ljo", "lio" in one spelling, "lo" in another (Zhuravlyov, Żurawlow)
_SOFT_O = re.compile(r"(?<=[b-df-hj-np-tv-zBCSX])i(?=o)")
_DOUBLE = re.compile(r"(.)\1+")
_NON_KEY = re.compile(r"[^a-zA-Z]")


@lru_cache(maxsize=400_000)
def token_key(token: str, language: str = "en", soft_s: bool = False) -> str:
    """The phonetic key of one name word as written in `language` ('Wrublewski', 'pl' -> 'vrublevski').

    soft_s: read a German s before a vowel as z (Sacharowa = Zakharova); German also writes с as s, so
    both readings are needed and `spelling_keys` gives both.
    """
    word = transliterate(token, language).lower()
    if len(word) > 4 and word.endswith("e") and word[-2] not in _VOWELS and _flag(language, "mute_final_e"):
        word = word[:-1]  # French adds a mute e (Poutine, Zelensky -> Zelenski stays)
    pattern, mapping = _compiled(language)
    word = pattern.sub(lambda m: mapping[m.group(0)], word)
    if soft_s:
        word = _GERMAN_SOFT_S.sub("z", word)
    if not word.isascii():
        word = _strip_marks(word)
    return _finish(word)


def _strip_marks(word: str) -> str:
    """Diacritics off, case kept (the upper-case letters are our symbols)."""
    word = word.translate(_FOLD_EXTRA)
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def _first_of_run(match: re.Match[str]) -> str:
    return match.group(1)


def _finish(word: str) -> str:
    # "dzh", "dž", "dż", "dsch" are English j, which is already S: Dzhaparidze = Japaridze = Džaparidze
    word = word.replace("y", "i").replace("'", "").replace("dS", "S")
    if word.startswith("ie") or word.startswith("io"):
        word = word[1:]  # Yevhen / Jewhen / Evgueni; Yolanda / Jolanta: the initial glide is optional
    word = _NON_KEY.sub("", word)
    word = _GLIDE.sub("", word)
    word = _SOFT_O.sub("", word)
    word = _DOUBLE.sub(_first_of_run, word)
    return word


@lru_cache(maxsize=400_000)
def spelling_keys(word: str, language: str) -> tuple[str, ...]:
    """Keys of a name word as written, the usual reading first; hyphenated parts keyed one by one
    ('Kassym-Jomart' -> 'kasim-Somart')."""
    parts = [p for p in word.replace("‐", "-").split("-") if p]
    if not parts:
        return ()
    keys = ["-".join(token_key(p, language) for p in parts)]
    if _flag(language, "soft_s"):
        keys.append("-".join(token_key(p, language, soft_s=True) for p in parts))
    if "ё" in word or "Ё" in word:
        # Russian prints ё as е in most texts, so that reading comes first (Горбачёв is Горбачев, Gorbachev;
        # Пётр is Петр, Petr); the ё reading stays a key (Pyotr, Gorbachov)
        plain = word.replace("ё", "е").replace("Ё", "Е")
        keys = [*spelling_keys(plain, language), *keys]
    return tuple(dict.fromkeys(k for k in keys if k))


def key_variants(token: str) -> set[str]:
    """Keys of a word under every language's habits: for a query whose language is unknown."""
    keys: set[str] = set()
    for reading in transliterations(token):
        for language in KEY_LANGUAGES:
            keys.update(spelling_keys(reading, language))
    return {k for k in keys if k}


# Slavic surname and name endings, in key spelling. Two surnames with one stem but different endings
# (Koval / Kovalenko / Kovalchuk) are different families, however close the strings are.
_SURNAME_ENDINGS = tuple(sorted({
    "enko", "ienko", "chuk", "Cuk", "iuk", "uk", "ko", "ovic", "evic", "ovoC", "oviC", "eviC", "iC", "ic",
    "ovna", "evna", "ova", "eva", "ina", "ov", "ev", "in", "ski", "ska", "cki", "cka", "ak", "ek", "ec",
    "enk", "iak", "ian", "ishin",
}, key=len, reverse=True))


# Endings that are one ending spelled two ways: Russian writes ё as е in most texts, so -ёв/-ёва (Zhuravlyov,
# Žuravljov, Żurawlow) is also printed -ев/-ева (Zhuravlev), and -ев/-ов, -евич/-ович are one suffix after
# soft and hard stems. Comparing surnames, they count as one ending (Koval / Kovalenko stay apart).
_ENDING_CLASS = {"ev": "ov", "eva": "ova", "evic": "ovic", "eviC": "oviC", "evna": "ovna"}


@lru_cache(maxsize=200_000)
def surname_ending(key: str) -> str:
    """The Slavic surname ending of a key, as its class (-ev is -ov): '' when it has none."""
    for ending in _SURNAME_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 2:
            return _ENDING_CLASS.get(ending, ending)
    return ""


# --- across scripts ---------------------------------------------------------------------------------------
# A foreign name written in Cyrillic is written by its sound, not its letters (Trump -> Трамп, Ryanair ->
# Райънеър, Leary -> Лири), so its transliteration differs from the Latin spelling in the vowels (English u
# is said a, ea is said i, ai is said ei) and in sounds Cyrillic has no letter for (h -> г or х). The
# skeleton keeps what survives: the consonants, with s/z and g/h/kh as one, and whether the name starts with
# a vowel. It is far looser than a key, so it is only compared between spellings in different scripts, and
# only together with a string similarity of the keys (linking.sounds_alike).

_SKELETON_CLASSES = str.maketrans({"z": "s", "h": "g", "X": "g", "i": "", "a": "", "e": "", "o": "", "u": ""})
# a Latin h may be silent (Johnson -> Джонсън) and a Latin ch may be k (Michael -> Майкл): both readings
_SILENT_H = str.maketrans({"h": ""})
_CH_AS_K = str.maketrans({"C": "k"})


def _skeleton(key: str) -> str:
    if not key:
        return ""
    head = "a" if key[0] in "aeiou" else key[0].translate(_SKELETON_CLASSES)
    return _DOUBLE.sub(_first_of_run, head + key[1:].translate(_SKELETON_CLASSES))


@lru_cache(maxsize=200_000)
def skeletons(key: str) -> frozenset[str]:
    """The consonant skeletons of a key ('trump' and 'tramp' -> 'trmp'; 'oleari' -> 'alr'; 'Sohnson' ->
    'Sgnsn' and 'Snsn')."""
    readings = {key, key.translate(_SILENT_H)}
    readings |= {r.translate(_CH_AS_K) for r in readings}
    return frozenset(sk for r in readings if (sk := _skeleton(r)))
