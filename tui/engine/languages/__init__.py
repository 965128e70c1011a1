"""Language packs: one folder per language (`es/`, `it/`...), each holding TOML sections (`dates.toml`,
`names.toml`) read with the standard library's tomllib, validated when loaded, cached.

    from tui.engine import languages
    languages.section("it", "dates")      # the validated dict, or None when the pack has no such section
    languages.codes()                     # ("cs", "es", ...): every folder holding a section
    languages.capabilities("it")          # ("date rules", "shift words", ...): what the pack can do
    languages.matrix()                    # {code: capabilities} for every pack (`storyview languages`)
    languages.value("de", "names", "dictionary", "capitalises_nouns", False)   # one value, cached
    languages.every("names", "words", "titles")                                # [(code, value)]: for unions

A file is checked against `SCHEMAS` (what each section may hold): an unknown key, a value of the wrong type,
a duplicate in a list (after folding case and spacing), a word without a meaning, a regex that does not compile
or an ending shadowed by an earlier one raises PackError naming the file and the key. Only the files a caller
asks for are parsed (nothing at import: the CLI's start-up does not pay for packs it does not use).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent


class PackError(ValueError):
    """A language pack that does not hold what its schema says: names the file and the key."""

    def __init__(self, path: Path | str, key: str, problem: str):
        self.path, self.key, self.problem = str(path), key, problem
        super().__init__(f"{path}: {key}: {problem}" if key else f"{path}: {problem}")


def fold(word: str) -> str:
    """A word as looked up: lower case, one space for any run of whitespace, one kind of apostrophe (the date
    patterns accept "lo  scorso" and "dell’anno" for "lo scorso" and "dell'anno")."""
    return " ".join(word.lower().split()).replace("’", "'")  # str.split: the whitespace \s matches


# --- the schema language ----------------------------------------------------------------------------------
# A schema is a dict key -> Spec (a table with exactly these keys, none required unless `required`), or one
# of the leaf specs below. Each check gets (value, where) and raises PackError through `fail`.


class Spec:
    """One key's value: `check(value, fail)` raises through fail(key, problem) when the value is wrong.
    (A plain class, as Registry: a dataclass costs its definition's time at every start-up.)"""

    __slots__ = ("check", "describe", "required")

    def __init__(self, check: Callable[[Any, Callable[[str], None]], None], describe: str, required: bool = False):
        self.check, self.describe, self.required = check, describe, required


def _words(value: Any, fail: Callable[[str], None]) -> None:
    if not isinstance(value, list):
        fail(f"expected a list of words, got {type(value).__name__}")
    _distinct_words(value, fail)


def _distinct_words(words: Iterable[Any], fail: Callable[[str], None]) -> None:
    """Each a word, and no two the same once folded (case, spaces, apostrophes)."""
    seen: dict[str, str] = {}
    for word in words:
        _word(word, fail)
        folded = fold(word)
        if folded in seen:
            fail(f"duplicate entry {word!r}" + (f" (same as {seen[folded]!r})" if seen[folded] != word else ""))
        seen[folded] = word


def _word(word: Any, fail: Callable[[str], None]) -> None:
    if not isinstance(word, str) or not word.strip():
        fail(f"expected a word, got {word!r}")
    if word != word.strip():
        fail(f"{word!r} has spaces around it")


def _language_codes(value: Any, fail: Callable[[str], None]) -> None:
    _words(value, fail)
    for code in value:
        if not re.fullmatch(r"[a-z]{2,3}", code):
            fail(f"{code!r} is not a language code (two or three lower-case letters)")


def _regex(value: Any, fail: Callable[[str], None]) -> None:
    if not isinstance(value, str):
        fail(f"expected a regular expression (a string), got {type(value).__name__}")
    try:
        re.compile(value)
    except re.error as error:
        fail(f"regular expression {value!r} does not compile: {error}")


def _bool(value: Any, fail: Callable[[str], None]) -> None:
    if not isinstance(value, bool):
        fail(f"expected true or false, got {value!r}")


def _word_keys(value: Any, fail: Callable[[str], None]) -> None:
    """A table word -> meaning: the words themselves must be words, and distinct once folded."""
    if not isinstance(value, dict):
        fail(f"expected a table of words and their meanings, got {type(value).__name__}")
    _distinct_words(value, fail)


def meanings(*allowed: str, required: bool = False) -> Spec:
    """A table word -> one of `allowed` ("pasado" = "last")."""

    def check(value: Any, fail: Callable[[str], None]) -> None:
        _word_keys(value, fail)
        for word, meaning in value.items():
            if meaning not in allowed:
                fail(f"{word!r} has no meaning: {meaning!r} is not one of {', '.join(allowed)}")

    return Spec(check, "words and their meanings (" + " | ".join(allowed) + ")", required)


def glosses(required: bool = False) -> Spec:
    """A table word -> what it means, as one lower-case English word ("żywnościowy" = "food")."""

    def check(value: Any, fail: Callable[[str], None]) -> None:
        _word_keys(value, fail)
        for word, meaning in value.items():
            if not isinstance(meaning, str) or not re.fullmatch(r"[a-z]+", meaning):
                fail(f"{word!r}: its meaning must be one lower-case English word, got {meaning!r}")

    return Spec(check, "words and what they mean (one lower-case English word)", required)


def numbers(low: int, high: int, required: bool = False) -> Spec:
    """A table word -> a whole number in [low, high] ("del año pasado" = -1, "lednu" = 1)."""

    def check(value: Any, fail: Callable[[str], None]) -> None:
        _word_keys(value, fail)
        for word, number in value.items():
            if isinstance(number, bool) or not isinstance(number, int) or not low <= number <= high:
                fail(f"{word!r} has no meaning: {number!r} is not a whole number from {low} to {high}")

    return Spec(check, f"words and numbers ({low}..{high})", required)


def endings(required: bool = False) -> Spec:
    """An ordered list of word endings scanned first to last: one that ends with an earlier one can never be
    reached (the earlier, shorter ending stops the scan), and a repeat is a mistake."""

    def check(value: Any, fail: Callable[[str], None]) -> None:
        _words(value, fail)
        for i, ending in enumerate(value):
            for earlier in value[:i]:
                if ending.endswith(earlier):
                    fail(f"ending {ending!r} is shadowed by the earlier {earlier!r} (it can never match)")

    return Spec(check, "word endings, in the order they are tried", required)


def case_endings(required: bool = False) -> Spec:
    """A table ending -> the endings it may stand for, tried in order ("skiego" = ["ski"]): each ending needs
    at least one meaning, distinct. (Which earlier endings stop the scan, and so shadow later ones, is checked
    with the section's `keep_scanning`: see `validate`.)"""

    def check(value: Any, fail: Callable[[str], None]) -> None:
        _word_keys(value, fail)
        for ending, replacements in value.items():
            if not isinstance(replacements, list) or not replacements:
                fail(f"{ending!r} has no meaning: expected a list of the endings it stands for, got {replacements!r}")
            if any(not isinstance(r, str) or r != r.strip() for r in replacements):
                fail(f"{ending!r}: expected endings (strings without spaces around them), got {replacements!r}")
            if len(set(replacements)) != len(replacements):
                fail(f"{ending!r}: duplicate entry in {replacements!r}")

    return Spec(check, "case endings and the nominative endings each stands for, in the order they are tried",
                required)


def _letters(value: Any, fail: Callable[[str], None]) -> None:
    """A table letters -> letters: each side one or more letters, nothing mapped to nothing."""
    if not isinstance(value, dict) or not value:
        fail("must be a table of letters")
        return
    for letters, spelled in value.items():
        if not isinstance(spelled, str) or not spelled or not letters:
            fail(f"{letters!r} has no meaning: {spelled!r} is not letters")


def rewrites(required: bool = False) -> Spec:
    """A table letters -> key symbols ("shch" = "SC"): every rewrite says what it becomes."""

    def check(value: Any, fail: Callable[[str], None]) -> None:
        _word_keys(value, fail)
        for letters, symbols in value.items():
            if not isinstance(symbols, str) or not symbols or not symbols.isascii() or not symbols.isalpha():
                fail(f"{letters!r} has no meaning: {symbols!r} is not a string of key letters")

    return Spec(check, "letters and the key letters they become", required)


WORDS = Spec(_words, "a list of words")
REGEX = Spec(_regex, "a regular expression")
BOOL = Spec(_bool, "true or false")


def ordered_patterns(entry: dict[str, Spec], required: bool = False) -> Spec:
    """A table regex -> a table of `entry` keys, in order (at one position the first that matches wins)."""

    def check(value: Any, fail: Callable[[str], None]) -> None:
        if not isinstance(value, dict):
            fail(f"expected a table of patterns, got {type(value).__name__}")
        for pattern, fields in value.items():
            _regex(pattern, fail)
            if not isinstance(fields, dict):
                fail(f"{pattern!r}: expected a table such as {{ unit = 'day', offset = -1 }}")

            def fail_in(problem: str, p: str = pattern) -> None:
                fail(f"{p!r}: {problem}")

            _check_table(fields, entry, fail_in)

    return Spec(check, "patterns in order, each with " + ", ".join(entry), required)


def one_of(*allowed: str, required: bool = False) -> Spec:
    def check(value: Any, fail: Callable[[str], None]) -> None:
        if value not in allowed:
            fail(f"{value!r} is not one of {', '.join(allowed)}")

    return Spec(check, " | ".join(allowed), required)


def integer(required: bool = False) -> Spec:
    def check(value: Any, fail: Callable[[str], None]) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            fail(f"expected a whole number, got {value!r}")

    return Spec(check, "a whole number", required)


def _check_table(value: dict, schema: dict[str, Any], fail: Callable[[str], None], path: str = "") -> None:
    """`value` against `schema` (key -> Spec or nested schema dict); fail(problem) with the key in it."""
    for key in value:
        if key not in schema:
            fail(f"{path}{key}: unknown key (expected one of: {', '.join(schema)})")
    for key, spec in schema.items():
        where = f"{path}{key}"
        if key not in value:
            if isinstance(spec, Spec) and spec.required:
                fail(f"{where}: missing ({spec.describe})")
            continue
        if isinstance(spec, dict):
            if not isinstance(value[key], dict):
                fail(f"{where}: expected a table [{where}], got {type(value[key]).__name__}")
            _check_table(value[key], spec, fail, f"{where}.")
        else:
            spec.check(value[key], lambda problem, w=where: fail(f"{w}: {problem}"))


# --- what each section may hold ---------------------------------------------------------------------------

def _cyrillic_letter(letter: Any, fail: Callable[[str], None]) -> None:
    if not isinstance(letter, str) or not all("\u0400" <= ch <= "\u04ff" or ch in "'’ʼ" for ch in letter) \
            or not letter or letter != letter.lower():
        fail(f"{letter!r} is not a lower-case Cyrillic letter (or letters, or an apostrophe)")


def letters(required: bool = False, single: bool = True) -> Spec:
    """A table Cyrillic letter -> its Latin spelling ("щ" = "shch"; "" for a letter not written)."""

    def check(value: Any, fail: Callable[[str], None]) -> None:
        if not isinstance(value, dict):
            fail(f"expected a table of letters and their Latin spellings, got {type(value).__name__}")
        for letter, latin in value.items():
            _cyrillic_letter(letter, fail)
            if single and len(letter) != 1:
                fail(f"{letter!r} is more than one letter")
            if not isinstance(latin, str) or any("\u0400" <= ch <= "\u04ff" for ch in latin) or latin != latin.lower():
                fail(f"{letter!r} has no meaning: {latin!r} is not lower-case Latin")

    return Spec(check, "Cyrillic letters and their Latin spellings", required)


def _language_code(value: Any, fail: Callable[[str], None]) -> None:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z]{2,3}", value):
        fail(f"expected a language code, got {value!r}")



LAST_NEXT_THIS = ("last", "next", "this")
PARTS = ("early", "mid", "late")
DIRECTIONS = ("NORTH", "SOUTH", "EAST", "WEST", "CENTRAL")
# the code beside the data: dates._GRAMMARS (hand-written date grammars)
GRAMMARS = ("english", "polish", "german", "french")
# the code beside the data: lexicon.lemma_candidates
INFLECTION_RULES = ("polish", "czech", "genitive_s", "endings", "pymorphy")

SCHEMAS: dict[str, dict[str, Any]] = {
    # Read by dates.py's table builder (languages that write dates with the same parts in the same order).
    "dates": {
        "grammar": {
            "day_month": Spec(_regex, "between the day number and the month name", True),
            "month_year": Spec(_regex, "between the month name and the year", True),
            "count": Spec(_regex, "words after a number that make it a count, not a year", True),
            "since": Spec(_regex, "a lead word that makes a date a start (since)", True),
            "until": Spec(_regex, "a lead word that makes a date an end (until)", True),
            "time_of_day": REGEX,
            "vague": Spec(_regex, "vague expressions (recently...)", True),
            "weekday_needs_prep": BOOL,
            "habitual": WORDS,
            "year_suffix": REGEX,  # after a year, the word that makes it one: "2022 г.", "2022. godine"
            "day_pair": REGEX,  # between two day numbers of one month: "25-26 июля", "od 3. do 5. oktobra"
            # a year with no preposition ("his 1996 campaign", "el 2000"): on where the pack says so, with its
            # guards: words before a number that make it a count ("some", "rund"), a plural word after it
            "months_capitalised": BOOL,  # writers give a month a capital at times ("en Febrero")
            "bare_years": BOOL,
            "count_before": REGEX,
            "plural": REGEX,
            "year_before": REGEX,  # words before a number that make it a year even with a plural after it
            "coordination": REGEX,  # between a month and the next one: "April and June", "abril y junio"
        },
        "prepositions": {
            "day": Spec(_words, "before a full date", True),
            "month": Spec(_words, "before a month", True),
            "year": Spec(_words, "before a bare year", True),
            "weekday": Spec(_words, "before a weekday", True),
            "relative": Spec(_regex, "before a relative expression", True),
            # the sets a hand-written grammar needs besides (rules.grammar): Polish cases, French "mois de"
            "part": WORDS,  # before a part word: "pod koniec", "à la" (mi-août)
            "genitive": WORDS,  # before a genitive month: "od marca"
            "weekday_genitive": WORDS,  # before a genitive weekday: "do środy"
            "locative": WORDS,  # before a locative month: "w marcu"
            "bare_year": WORDS,  # before a year without its word, at a clause's end: "w 2022."
            "month_of": WORDS,  # before "mois de": "au mois d'août"
            "vague": WORDS,  # before a vague expression: "until recently", "do niedawna"
        },
        "parts": meanings(*PARTS),
        "shifts": {
            "before": meanings(*LAST_NEXT_THIS, required=True),
            "after": meanings(*LAST_NEXT_THIS, required=True),
            "genitive": meanings(*LAST_NEXT_THIS),  # Polish: "od zeszłego poniedziałku"
            "year": numbers(-1, 1, required=True),
        },
        # hand-written rules: the words of a match that say which part of a month ("the end of last month")
        "part_words": meanings(*PARTS),
        # hand-written rules: the pieces of their patterns that are data
        "rules": {
            "grammar": one_of(*GRAMMARS, required=True),  # the hand-written grammar that reads this pack
            "part": REGEX,  # before a month or a year, what part of it: "early", "Anfang"
            "time_of_day": REGEX,  # after a weekday: "morning", "wieczorem"
            "year_suffix": REGEX,  # after a year, the word that makes it one: "r.", "roku"
            "vague": REGEX,  # vague expressions ("recently")
            # a vague body that counts only after one lead word ("niedawna" only in "do niedawna")
            "vague_needs": ordered_patterns({"preposition": Spec(_word, "the lead word it needs", True)}),
            "since": Spec(_regex, "a lead word that makes a date a start (since)", True),
            "until": Spec(_regex, "a lead word that makes a date an end (until)", True),
            "count": REGEX,
            "newspapers_before": REGEX,
            "weekday_names_before": REGEX,  # a capitalised word that makes a name with a weekday: "Good Friday"
            "iso_prepositions": Spec(_words, "before an ISO date", True),
            "bare_years": BOOL,  # as in [grammar]
            "count_before": REGEX,
            "plural": REGEX,
            "year_before": REGEX,  # words before a number that make it a year even with a plural after it
            "coordination": REGEX,  # between a month and the next one: "April and June", "abril y junio"
        },
        "relative": ordered_patterns({
            "unit": one_of("day", "week", "month", "year", required=True),
            "offset": integer(required=True),
            "part": one_of(*PARTS, "earlier"),
            "parts": meanings(*PARTS),
            "chained": BOOL,  # counted from the date before it in its paragraph, if any ("the day before")
            "counted": BOOL,  # offset per unit, times the phrase's own number ("10 days ago"): [number_words]
        }),
        # the number words a counted relative phrase may hold ("two" = 2): its figures are read as they are
        "number_words": numbers(1, 1000),
        # read by chronology.py: the markers of a clause's tense (a date without its year is placed by them)
        "tense": {
            "future": REGEX,
            "weak_future": REGEX,  # modals: ahead, without saying how far
            "past": REGEX,
            "reporting": REGEX,  # the verbs that report a statement ("..., the EU said")
            # right before a past form, what makes it none: a determiner or hyphen ("the reduced dividend",
            # "N.J.-based": an adjective), a "be" ("to be held": a passive); written without flags
            "not_past_after": REGEX,
            # right before a date or weekday (or opening it), a word making it a deadline that looks
            # forward ("payable Jan. 2", "expire Nov. 6", "para el 3 de junio"); after it ("a June 1
            # deadline"); written without flags, matched case aside
            "deadline": REGEX,
            "deadline_after": REGEX,
            "reporting_lemmas": WORDS,  # the same as lemmas, where a dictionary tags the words (Polish)
            "clause_words": WORDS,  # after a space, they start a clause ("that", "że"): pooled
            "clause_words_after_comma": WORDS,  # after a comma ("..., which"): pooled
        },
        "calendar": {
            "extra_months": numbers(1, 12),
            "extra_month_abbr": numbers(1, 12),
            "extra_weekdays": numbers(0, 6),
            "locative_months": numbers(1, 12),  # Polish: "w marcu"
            "accusative_weekdays": numbers(0, 6),  # Polish: "w środę"
            "genitive_weekdays": numbers(0, 6),  # Polish: "do środy"
            "short_weekdays": numbers(0, 6),
            "short_weekday_preps": WORDS,
            "undotted_abbreviations": BOOL,  # English: "Sept 3" (elsewhere an abbreviation needs its dot)
        },
    },
    # Read by lexicon.py (words, dictionary, inflection) and names.py (keys): what a language says about names.
    "names": {
        # Languages without a pack of their own that read with this one, step by step (language.borrowed):
        # Bosnian with Croatian's. A language's own pack, where it has one for a step, always comes first.
        "relatives": {
            "lend_to": Spec(_language_codes, "language codes (ISO 639-1) read with this pack", True),
        },
        "dictionary": {
            "backend": one_of("simplemma", "morfeusz", required=True),
            "simplemma": Spec(_word, "simplemma's code of the dictionary, when not the language's own (hbs)"),
            "capitalises_nouns": BOOL,  # German: a capitalised dictionary noun is a noun until the story says
            "proper_forms": BOOL,  # the dictionary lists a proper noun's forms capitalised ("Германии": Германия)
            # letters written two ways, as the dictionary spells them (Romanian cedilla ş ţ -> comma ș ț)
            "spelling": Spec(_letters, "letters and how the dictionary spells them"),
        },
        "words": {
            "function": WORDS,
            "common_everywhere": WORDS,
            "titles": WORDS,
            "title_compounds": WORDS,
            "org_heads": WORDS,
            "org_head_stems": WORDS,
            "opaque_org_heads": WORDS,
            "geo_heads": WORDS,
            "place_heads": WORDS,
            "connectors": WORDS,
            "conjunctions": WORDS,  # join a run; kept only inside an organisation's name ("... Policy and Food")
            # after these a capitalised word is a common noun (German: "den Gebieten"); pooled
            "noun_determiners": WORDS,
            # tokens that stand alone capitalised and are no entity: units, currency signs, time zones
            # ("Kč", "SEČ", "SMS") and the labels of news pages ("Foto:", "Zdroj:"); pooled
            "units": WORDS,
            "labels": WORDS,
            "locative_prepositions": WORDS,
            # lower-case nouns that, right before a name, say it is an organisation ("the airline Ryanair",
            # "společnosti Ryanair", "авиакомпании Ryanair"); an entry of five letters or more also matches
            # with up to three more letters (its case endings); per language, not pooled
            "org_classifiers": WORDS,
            # nouns (matched as written) that, right before a place name, say it is a subdivision of some
            # country ("the state of Georgia", "w stanie Georgia", "штат Джорджия"): a place of its own, never
            # the country spelled alike; a word ending a hyphenated one counts ("US-Bundesstaat"); per language
            "subdivision_classifiers": WORDS,
            "directions": meanings(*DIRECTIONS),
            "titles_name_organisations": BOOL,  # English: "General Assembly", "Supreme Court"
            # which lower-case words may follow an organisation's head inside its name ("Министерство
            # иностранных дел России"): "genitive" (the analyser reads them as genitive nouns/adjectives) or
            # "dictionary" (any dictionary word, the name then needs a place or acronym at its end)
            "org_modifiers": one_of("genitive", "dictionary"),
            # little words that may stand inside an organisation's name after its head (Bulgarian "на",
            # Russian "по", "и"); this language's own
            "org_inner_words": WORDS,
            # endings that make a patronymic of a given name, and the endings of the given name each stands for
            # (Михайлович -> Михаил, Сергеевна -> Сергей, Петрівна -> Петро), read on the dictionary forms of a
            # word; pooled (a Russian patronymic quoted in a Bulgarian text is one)
            "patronymic_endings": case_endings(),
        },
        # the content words of organisations' long names, by meaning: a body the organisation table lacks
        # is one across languages when its content words translate one to one ("Ministry of Agrarian
        # Policy and Food" / "Ministerium für Agrarpolitik und Ernährung"; knowledge.gloss_of). Dictionary
        # forms; case endings are undone as for the table's names. `compounds`: the language writes them as
        # one word ("Agrarpolitik"), read as its known parts
        "glosses": {
            "words": glosses(required=True),
            "compounds": BOOL,
        },
        "keys": {
            "rewrites": rewrites(required=True),
            "international": BOOL,
            "mute_final_e": BOOL,
            "soft_s": BOOL,
            # final letters the language does not say in a name, so other scripts write it without them
            # (French Dumont, Dupont: Дюмон, Дюпон): a second key without one
            "mute_finals": WORDS,
        },
        "inflection": {
            "rule": one_of(*INFLECTION_RULES, required=True),
            "keep_scanning": WORDS,
            "endings": case_endings(),
            # a vowel the nominative has and the other cases drop before the stem's last consonant
            # (Slovene Bruselj / Bruslja, Croatian Karlovac / Karlovca, Czech Havlíček / Havlíčka), tried
            # in order, only between two consonants, and only before these last consonants
            "fleeting_vowels": WORDS,
            "fleeting_before": WORDS,
        },
    },    # Read by names.py: how the language writes Cyrillic in Latin letters (its national or official system).
    "script": {
        "transliteration": {
            "system": Spec(_word, "the published system the table follows", True),
            "letters": letters(required=True),
            "other_alphabets": letters(),  # letters the language does not write, met in names it quotes
            "word_initial": letters(),  # Ukrainian є ї й ю я at the start of a word: ye yi y yu ya
            "word_final": letters(single=False),  # Bulgarian -ия at the end of a word: ia (България -> Bulgaria)
            "fallback": Spec(_language_code, "the pack whose table reads the letters this one lacks"),
            "marks": WORDS,  # letters only this language writes: Cyrillic of an unknown language holding one
            "default": BOOL,  # Cyrillic of an unknown language, without any pack's marks, reads with this table
            # how the language writes sounds of names it takes from others, read as a second reading of a name
            # (Russian уэ for English we: Холлоуэй, Holloway); pooled
            "foreign_sounds": letters(single=False),
        },
    },
}

# (section, top-level key) -> what a pack holding it can do: the columns of `storyview languages`.
CAPABILITIES: dict[tuple[str, str], str] = {
    ("dates", "grammar"): "date rules",
    ("dates", "rules"): "date rules",  # with the hand-written grammar in dates.py
    ("dates", "relative"): "relative dates",
    ("dates", "shifts"): "shift words",
    ("dates", "parts"): "month parts",
    ("dates", "part_words"): "month parts",
    ("dates", "calendar"): "calendar forms",
    ("names", "keys"): "name keys",
    ("names", "dictionary"): "dictionary",
    ("names", "words"): "name words",
    ("names", "inflection"): "inflection",
    ("script", "transliteration"): "transliteration",
}

# A section whose first key needs the others (the table builder reads them all).
_NEEDS = {("dates", "grammar"): ("prepositions", "parts", "shifts", "relative"), ("names", "words"): ("keys",)}


# --- the registry -----------------------------------------------------------------------------------------


class Registry:
    """The packs under `root` (tests point one at a temporary folder)."""

    def __init__(self, root: Path = ROOT, schemas: dict[str, dict[str, Any]] | None = None):
        self.root = Path(root)
        self.schemas = SCHEMAS if schemas is None else schemas
        self.section = lru_cache(maxsize=None)(self._load)  # type: ignore[method-assign]
        self._compiled_cache: dict[str, Any] | None = None

    def codes(self) -> tuple[str, ...]:
        """Every language with a folder holding at least one section, sorted."""
        return tuple(sorted(p.name for p in self.root.iterdir()
                            if p.is_dir() and any((p / f"{name}.toml").is_file() for name in self.schemas)))

    def has(self, code: str, name: str) -> bool:
        """Whether the pack holds the section (without reading it)."""
        return (self.root / code / f"{name}.toml").is_file()

    def section(self, code: str, name: str) -> dict[str, Any] | None:  # replaced by a cached _load
        raise NotImplementedError

    def _load(self, code: str, name: str) -> dict[str, Any] | None:
        if name not in self.schemas:
            raise KeyError(f"no such section: {name!r} (known: {', '.join(self.schemas)})")
        path = self.root / code / f"{name}.toml"
        if not path.is_file():
            return None
        raw = path.read_bytes()
        compiled = self._compiled().get(f"{code}/{name}")
        if compiled is not None and compiled["sha256"] == _digest(raw):
            return compiled["data"]  # this very text, parsed and validated when compiled
        return self.parse(path, name, raw)

    def _compiled(self) -> dict[str, Any]:
        if self._compiled_cache is None:
            import json

            path = self.root / COMPILED
            self._compiled_cache = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        return self._compiled_cache

    def parse(self, path: Path, name: str, raw: bytes | None = None) -> dict[str, Any]:
        """Read and validate one TOML file (no compiled copy)."""
        import tomllib  # here, not at import: only a caller that reads a pack pays for it

        try:
            data = tomllib.loads((path.read_bytes() if raw is None else raw).decode("utf-8"))
        except tomllib.TOMLDecodeError as error:  # a duplicate key, a quote left open...
            raise PackError(path, "", f"not valid TOML: {error}") from None
        validate(data, name, path, self.schemas)
        return data

    def capabilities(self, code: str) -> tuple[str, ...]:
        """What the pack can do, in the order of CAPABILITIES (reads and validates its sections)."""
        out = []
        for (name, key), label in CAPABILITIES.items():
            data = self.section(code, name) if self.has(code, name) else None
            if data is not None and key in data and label not in out:
                out.append(label)
        return tuple(out)

    def matrix(self) -> dict[str, tuple[str, ...]]:
        return {code: self.capabilities(code) for code in self.codes()}

    def validate_all(self) -> None:
        """Parse and validate every section of every pack from its TOML (PackError at the first wrong one)."""
        self.compile()

    def compile(self) -> dict[str, Any]:
        """Every section of every pack, parsed and validated from its TOML, with its text's digest: what
        COMPILED holds (`python -m tui.engine.languages` writes it; a test checks it is current)."""
        out: dict[str, Any] = {}
        for code in self.codes():
            for name in self.schemas:
                path = self.root / code / f"{name}.toml"
                if path.is_file():
                    raw = path.read_bytes()
                    out[f"{code}/{name}"] = {"sha256": _digest(raw), "data": self.parse(path, name, raw)}
        return out


# The packs compiled to one JSON file: parsing and validating the TOML costs start-up some 30 ms, reading
# this costs about one. A section whose TOML text differs from the one compiled is read from the TOML.
COMPILED = "compiled.json"


def _digest(raw: bytes) -> str:
    import hashlib

    return hashlib.sha256(raw).hexdigest()


def write_compiled(root: Path = ROOT) -> Path:
    import json

    path = root / COMPILED
    text = json.dumps(Registry(root).compile(), ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path


def validate(data: dict[str, Any], name: str, path: Path | str, schemas: dict[str, dict[str, Any]] = SCHEMAS) -> None:
    """`data` (one parsed file of section `name`) against its schema; PackError naming the file and key."""

    def fail(problem: str) -> None:
        key, _, rest = problem.partition(": ")
        raise PackError(path, key, rest)

    _check_table(data, schemas[name], fail)
    for (section, first), needed in _NEEDS.items():
        if section == name and first in data:
            for key in needed:
                if key not in data:
                    raise PackError(path, key, f"missing (a pack with [{first}] needs [{key}] too)")
    if name == "dates" and "shifts" in data:  # a word before and after a month means one thing
        before = {**data["shifts"].get("genitive", {}), **data["shifts"]["before"]}
        after = data["shifts"]["after"]
        for word, meaning in after.items():
            if word in before and before[word] != meaning:
                raise PackError(path, "shifts.after", f"{word!r} means {meaning!r} here but {before[word]!r} "
                                                      "in shifts.before")
    if name == "names" and "endings" in data.get("inflection", {}):
        _check_shadowed(data["inflection"], path)


def _check_shadowed(inflection: dict[str, Any], path: Path | str) -> None:
    """An ending that ends with an earlier one that stops the scan can never match (a repeat is a TOML error)."""
    going_on = {fold(e) for e in inflection.get("keep_scanning", ())}
    stops: list[str] = []
    for ending in inflection["endings"]:
        for earlier in stops:
            if fold(ending).endswith(earlier):
                raise PackError(path, "inflection.endings", f"ending {ending!r} is shadowed by the earlier "
                                                            f"{earlier!r} (it can never match)")
        if fold(ending) not in going_on:
            stops.append(fold(ending))
    for ending in going_on - {fold(e) for e in inflection["endings"]}:
        raise PackError(path, "inflection.keep_scanning", f"{ending!r} is not one of the endings")


REGISTRY = Registry()
codes = REGISTRY.codes
has = REGISTRY.has
capabilities = REGISTRY.capabilities
matrix = REGISTRY.matrix
validate_all = REGISTRY.validate_all


def section(code: str, name: str) -> dict[str, Any] | None:
    """The validated section `name` of the pack for `code`, or None (cached: read once per process)."""
    return REGISTRY.section(code, name)


def value(code: str, name: str, group: str, key: str, default: Any = None) -> Any:
    """One value of a pack (`value("de", "names", "dictionary", "capitalises_nouns", False)`), or `default`
    when the language has no pack, no such section or no such key. Cached: callers ask per word."""
    found = _value(code, name, group, key)
    return default if found is None else found


@lru_cache(maxsize=4096)
def _value(code: str, name: str, group: str, key: str) -> Any:
    data = REGISTRY.section(code, name) if code and REGISTRY.has(code, name) else None
    return (data or {}).get(group, {}).get(key)


def every(name: str, group: str, key: str) -> list[tuple[str, Any]]:
    """(code, value) for every pack holding the key, in code order: what pooled lists are built from."""
    return [(code, found) for code in codes() if (found := value(code, name, group, key)) is not None]
