"""Guess the language of an article with CLD2 (Google's Compact Language Detector 2, through `pycld2`).

CLD2 knows 83 languages, every European one among them (Bulgarian, Macedonian, Serbian in both scripts,
Bosnian, Croatian, Slovene, Slovak, Romanian, the Baltic and Finnic languages, Greek, Albanian, Irish,
Maltese, Catalan, Basque, Galician...), where the stopword scorer it replaces knew 11 and read Bulgarian as
Russian and Slovene as Czech. It is a C++ library with its tables compiled in: importing it and the first
call cost about 2 ms together (the CLI is one process per command), and a 3,000-character sample takes
about 0.1 ms, less than the old scorer. It is imported on the first call, not when this module is.

Returns ISO 639-1 codes (the same ones as before for the languages we had: en pl de fr es it cs nl pt uk
ru be kk el ar he ka hy hi th ko ja zh), ISO 639-2/3 for the few CLD2 languages that have no 639-1 code,
or "und" when it cannot tell: CLD2 says "unknown" for text too short or too mixed to be reliable (a lone
name, "Министр заявил"); from BEST_EFFORT_WORDS words on we then take its best-effort guess, and below
that (or when it still has none) we fall back on the script alone where a script has one language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import cache
from typing import Any

UNDETERMINED = "und"
SAMPLE_CHARS = 3000
# Below this many words an "unknown" from CLD2 stays unknown; from it on we take CLD2's best-effort guess.
BEST_EFFORT_WORDS = 8

# A language without rules of its own for some step (phonetic keys of names, undoing case endings...) borrows
# those of a relative that has them, step by step: a pack says which languages without a pack read with it
# (names.toml [relatives] lend_to: Croatian's lends to Bosnian), and a language's own rules, where it has
# some, always come first.
_ISO_639_1 = re.compile(r"[a-z]{2}")
# CLD2's own codes that are not today's ISO 639-1 ones.
_CODES = {"iw": "he", "zh-Hant": "zh", "jw": "jv", "in": "id", "mo": "ro", "sh": "hr",
          # Montenegrin: no ISO 639-1 code, written as Serbian is (both scripts, the same dictionary): read as sr
          "sr-ME": "sr"}

# Serbian Cyrillic letters: ђ ћ are Serbian's alone; ј љ њ џ Serbian's and Macedonian's, which also writes
# ѓ ќ ѕ. No Russian, Ukrainian, Belarusian or Bulgarian word has any of them.
_SERBIAN_ONLY = frozenset("ђћЂЋ")
_SERBIAN_OR_MACEDONIAN = frozenset("јљњџЈЉЊЏ")
_MACEDONIAN_ONLY = frozenset("ѓќѕЃЌЅ")
_EAST_CYRILLIC = frozenset({"ru", "uk", "be", "bg", "kk", "ky", "tg", "mn", UNDETERMINED, "un"})
# Letters every Czech or Slovak text of a few words has and no Slovene one does (Slovene writes only č š ž):
# a short Slovene sentence CLD2 calls Slovak or Czech has none of them
_CZECH_SLOVAK_MARKS = frozenset("áäéíóôúýľĺŕťďňěřůÁÄÉÍÓÔÚÝĽĹŔŤĎŇĚŘŮ")
_SOUTH_SLAVIC_LATIN = frozenset("ćđĆĐ")  # Croatian, Serbian, Bosnian; not Slovene (nor Czech, Slovak)

# Code points CLD2 rejects as "invalid UTF-8" (C0 and C1 controls but tab, newlines and form feed; the
# noncharacters) and lone surrogates, which cannot be encoded at all: replaced by a space when CLD2 refuses.
_REJECTED_RE = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)

# When CLD2 cannot tell: scripts that (for us) are written in one language only.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
)


@cache
def _cld2() -> Any:
    import pycld2  # lazily: only a process that reads articles pays for it

    return pycld2


def known_languages() -> dict[str, str]:
    """ISO 639-1 code -> English name of every language the detector can answer (CLD2's list)."""
    out: dict[str, str] = {}
    pairs = [(name, code) for name, code in _cld2().LANGUAGES]
    for name, code in pairs:  # a language's own code first: Serbian is "sr", though Montenegrin reads as sr
        if len(code) == 2 and code not in _CODES and code not in out:
            out[code] = name.capitalize()
    for name, code in pairs:  # then old or stand-in codes for a language CLD2 names no other way (iw -> he)
        code = _CODES.get(code, code)
        if len(code) == 2 and code not in out:
            out[code] = name.capitalize()
    return out


def borrowed(language: str, have: Collection[str]) -> str | None:
    """`language` if a step has rules for it (`have`), else the first relative lending to it that does, else
    None."""
    if language in have:
        return language
    return next((relative for relative in relatives(language) if relative in have), None)


@cache
def relatives(language: str) -> tuple[str, ...]:
    """The languages whose rules `language` borrows where it has none of its own, in order: the packs that
    lend to it (names.toml [relatives] lend_to, in code order), then the Cyrillic ones above."""
    from . import languages  # lazily: detecting a language needs no pack

    lenders = [code for code, lent in languages.every("names", "relatives", "lend_to") if language in lent]
    return tuple(dict.fromkeys(lenders))


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language `text` is (mostly) written in, or "und" when it cannot tell."""
    sample = unicodedata.normalize("NFC", text[:SAMPLE_CHARS])
    code = _detect(sample)
    if code is None:  # rare: scanning for them costs more than detecting, so clean only when CLD2 refuses
        sample = _REJECTED_RE.sub(" ", sample)
        code = _detect(sample) or "un"  # nothing we know of still fails: never let one article fail loading
    if code == "un" and len(sample.split()) >= BEST_EFFORT_WORDS:
        # CLD2 withholds a guess it finds unreliable; a few sentences' guess is still right far more often
        # than not (short-article figures in the commit), a few words' is not ("Министр заявил" -> Abkhaz).
        code = _detect(sample, best_effort=True) or "un"
    code = _CODES.get(code, code)
    if code in _EAST_CYRILLIC and _serbian_cyrillic(sample):
        return "sr"  # a few words of Serbian Cyrillic ("Ђоковић је победио") are "unknown" or "Russian" to CLD2
    if code in ("sk", "cs") and not _CZECH_SLOVAK_MARKS.intersection(sample) and _SLOVENE_LETTERS.search(sample):
        return "hr" if _SOUTH_SLAVIC_LATIN.intersection(sample) else "sl"
    if code == "un" or not _ISO_639_1.fullmatch(code):  # "xx-Qaai": CLD2 names a script, not a language
        return _by_script(sample)
    return code


# A Latin text with č, š or ž: a Slavic one (a text CLD2 calls Slovak without any of these letters or the
# marks above is too short or not Slavic at all: left as CLD2 says)
_SLOVENE_LETTERS = re.compile("[čšžČŠŽ]")


def _serbian_cyrillic(sample: str) -> bool:
    """Serbian letters in a Cyrillic text, as often as Serbian writes them: ђ or ћ, or ј љ њ џ without
    Macedonian's ѓ ќ ѕ, at least one letter in 200 ("је", "који", "још" put ј in most Serbian sentences).

    A name quoted in its own spelling ("Инфраструктура железнице Србије" in a Bulgarian article) is one
    such letter in thousands, and leaves the language as CLD2 says.
    """
    # (str.count and one regex, not a Python loop over every letter: every Cyrillic article comes here)
    serbian = sum(sample.count(ch) for ch in _SERBIAN_ONLY) + (
        0 if any(ch in sample for ch in _MACEDONIAN_ONLY) else sum(sample.count(ch) for ch in _SERBIAN_OR_MACEDONIAN))
    return serbian > 0 and serbian * 200 >= len(_CYRILLIC_LETTER.findall(sample))


_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")


def _detect(sample: str, best_effort: bool = False) -> str | None:
    """CLD2's code for `sample` ("un": it cannot tell), or None when it refuses the input."""
    cld2 = _cld2()
    try:
        _reliable, _bytes, languages = cld2.detect(sample, isPlainText=True, bestEffort=best_effort)
    except (cld2.error, UnicodeEncodeError):
        return None
    # CLD2 ranks by share of bytes alone; a text about an English product ("iPod Software 1.1.1") in Spanish
    # prose can be 51% "English" by bytes while scoring far better as Spanish: weigh each share by how well
    # its text fits the language (CLD2's normalised score), and take the best
    known = [(percent * score, code) for _name, code, percent, score in languages if code != "un"]
    return max(known, key=lambda k: k[0])[1] if known else "un"


def _by_script(sample: str) -> str:
    best, best_count = UNDETERMINED, 0
    for lang, pattern in _SCRIPTS:
        count = len(pattern.findall(sample))
        if count > best_count:
            best, best_count = lang, count
    return best
