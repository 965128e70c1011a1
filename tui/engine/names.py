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
from functools import lru_cache

from . import languages
from .language import borrowed

# --- folding ---------------------------------------------------------------------------------------

_FOLD_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i", "ß": "ss",
                             "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d",
                             "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'",
                             "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"})


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Casefold and strip diacritics: 'Kijów' -> 'kijow', 'Łódź' -> 'lodz'. Whitespace collapsed."""
    text = text.translate(_FOLD_EXTRA).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


# --- Cyrillic ---------------------------------------------------------------------------------------
# Ukrainian: the official national transliteration (Cabinet of Ministers resolution 55, 2010);
# Russian: BGN/PCGN-like. Word-initial forms differ for the iotated letters in the Ukrainian table.

_UK = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
       "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
       "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
       "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": ""}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_RU = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
       "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
       "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
       "ь": "", "э": "e", "ю": "yu", "я": "ya",
       # letters of other Cyrillic alphabets, so Kazakh/Belarusian/Serbian names do not vanish
       "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ў": "u",
       "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "g", "ќ": "k", "ѕ": "dz"}
_UK_ONLY = set("ієїґ")
# The languages with a Cyrillic transliteration table of their own (the tables above); they move into the
# uk/ru packs with those packs.
CYRILLIC_TABLES = ("uk", "ru")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff'’ʼ]+")


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _transliterate_word(word: str, ukrainian: bool) -> str:
    out: list[str] = []
    for i, ch in enumerate(word):
        lower = ch.lower()
        if ukrainian:
            latin = _UK_INITIAL.get(lower) if i == 0 else None
            latin = latin if latin is not None else _UK.get(lower, _RU.get(lower, lower))
        else:
            latin = _RU.get(lower, lower)
        if ch != lower and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


def transliterate(text: str, language: str | None = None) -> str:
    """Cyrillic to Latin ('Врублевський' -> 'Vrublevskyi', 'Москва' -> 'Moskva'); Latin passes through.

    Ukrainian rules apply when `language` is 'uk' or the text has Ukrainian-only letters (but not in Russian
    or in a language that borrows its rules, language.borrowed).
    """
    if not has_cyrillic(text):
        return text
    reading = borrowed(language, CYRILLIC_TABLES) if language else None  # Bulgarian reads as Russian
    ukrainian = reading == "uk" or (reading != "ru" and any(ch in _UK_ONLY for ch in text.lower()))
    return _CYRILLIC_WORD.sub(lambda m: _transliterate_word(m.group(0), ukrainian), text)


def transliterations(text: str) -> list[str]:
    """Every reading of a Cyrillic string worth trying (Ukrainian and Russian tables)."""
    if not has_cyrillic(text):
        return [text]
    return list(dict.fromkeys([transliterate(text), transliterate(text, "uk"), transliterate(text, "ru")]))


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
_GERMAN_SOFT_S = re.compile(r"(?:(?<=^)|(?<=[aeiouy]))s(?=[aeiouyäöü])")
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


@lru_cache(maxsize=200_000)
def surname_ending(key: str) -> str:
    for ending in _SURNAME_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 2:
            return ending
    return ""
