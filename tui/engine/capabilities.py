"""What storyview can do in each language: the matrix `storyview languages` prints and the README shows.

Each step's knowledge lives in the language's pack (tui/engine/languages/<code>/); a language without a pack
of its own for a step may borrow a relative's (language.borrowed), and gets the language-independent steps
(capitalised runs, the gazetteer, transliteration, linking) in any case.
"""

from __future__ import annotations

from functools import cache

from . import languages
from .chronology import reads_tense
from .dates import calendar_names
from .language import UNDETERMINED, borrowed, known_languages
from .lexicon import FUNCTION_WORDS, dictionary_backend, inflecting_languages
from .names import CYRILLIC_TABLES, KEY_LANGUAGES

# The languages of Europe and of the Cyrillic script the matrix lists, whatever their packs.
EUROPEAN = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sl", "hr", "bs", "sr", "mk", "bg", "ru",
            "uk", "be", "ro", "hu", "fi", "et", "lv", "lt", "el", "sq", "ga", "mt", "ca", "eu", "gl", "da", "sv",
            "no", "is", "cy", "lb", "tr", "ka", "hy")

COLUMNS = ("detect", "transliteration", "name keys", "dictionary", "function words", "inflection",
           "calendar names", "date rules", "tense")


def _own_or_borrowed(code: str, have: set[str] | frozenset[str] | tuple[str, ...]) -> str | None:
    """"yes" (its own), "as xx" (a relative's), or None."""
    source = borrowed(code, have)
    if source is None:
        return None
    return "yes" if source == code else f"as {source}"


@cache
def reading_note(code: str) -> str | None:
    """What a source in `code` is read without, said out loud on the source ("read as hu — no name or date
    rules for it yet"), or None when its pack has both (or the language is undetermined)."""
    if code == UNDETERMINED:
        return None
    missing = [what for what, section in (("name", "names"), ("date", "dates")) if not languages.has(code, section)]
    if not missing:
        return None
    note = f"read as {code} ({known_languages().get(code, code)}) — no {' or '.join(missing)} rules for it yet"
    relative = borrowed(code, KEY_LANGUAGES) if "name" in missing else None
    return note + (f"; names read with the {relative} rules" if relative else "")


def language_matrix() -> list[dict[str, object]]:
    """One row per language: its code, English name and, per column of COLUMNS, what it has ("yes", "as xx"
    where a relative's rules serve, a dictionary's name, or None); `pack`: whether it has a folder of its own."""
    known = known_languages()
    packs = set(languages.codes())
    calendars = {code for code in calendar_names() if not code.startswith("_")}
    dated = {code for code in packs if languages.has(code, "dates")}
    with_words = {code for code, words in FUNCTION_WORDS.items() if words}
    rows: list[dict[str, object]] = []
    for code in sorted(set(EUROPEAN) | packs, key=lambda c: (c not in packs, known.get(c, c))):
        rows.append({
            "language": code,
            "name": known.get(code, code),
            "detect": "yes" if code in known else None,
            "transliteration": _own_or_borrowed(code, CYRILLIC_TABLES),
            "name keys": _own_or_borrowed(code, KEY_LANGUAGES),
            "dictionary": dictionary_backend(code),
            "function words": "yes" if code in with_words else None,
            "inflection": _own_or_borrowed(code, inflecting_languages()),
            "calendar names": "yes" if code in calendars else None,
            "date rules": "yes" if code in dated else None,
            "tense": "yes" if reads_tense(code) else None,
            "pack": code in packs,
        })
    return rows
