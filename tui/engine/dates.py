"""The chronology tagger's rules: where a temporal expression is written, and what it says, per language.

`tag(text, start, language)` scans `text[start:]` once with one compiled pattern per language (the rules
joined in priority order; at one position the first rule that matches wins, so longer forms come first)
and returns `Found` records: offsets into `text` and the literal content ("day 21 of month 9, no year",
"one day before the article", "a Wednesday, looking back"). Nothing here knows the article's date;
chronology.py resolves a `Found` against it.

Month and weekday names come from the Unicode CLDR (data/calendar_names.json, written by
scripts/build_calendar_names.py); the forms CLDR lacks (Polish locative and accusative...) are in the
language packs (languages/<code>/dates.toml) with everything that is a language's words: shift words, year
shifts, parts of a month, lead words, prepositions, relative and vague patterns, each with its meaning. This
module keeps the grammar: the table builder, and four hand-written grammars (english, polish, german, french)
that a pack chooses with rules.grammar and that read that pack's words. Precision over recall: a word is a
date only in a context that makes it one ("in May", "May 5", never "May said"), and CLDR's short forms ("nie",
"sie", "We") are never used.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from . import languages

# The languages whose pack has date rules: adding one is adding its folder.
LANGUAGES = tuple(code for code in languages.codes() if languages.has(code, "dates"))


@dataclass(frozen=True, slots=True)
class Found:
    """One expression as written, before it is resolved against the article's date."""

    start: int
    end: int
    kind: str  # day | month | year | weekday | relative | vague
    role: str = "point"  # point | since | until
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday, as date.weekday()
    part: str | None = None  # early | mid | late (of a month); "earlier" for "earlier this week"
    shift: str | None = None  # last | next | this: "last Tuesday", "next May"
    year_shift: int | None = None  # "in August last year" -> -1 (years from the article's)
    unit: str | None = None  # relative: day | week | month | year
    offset: int = 0  # relative: units from the article's date (yesterday = day -1)
    chained: bool = False  # relative: from the date before it in its paragraph, if any ("the day before")


# --- calendar arithmetic ----------------------------------------------------------------------------------
# Every date the chronology computes goes through these: an article dated 9999-12-31 says "tomorrow",
# one dated 0001-01-01 "in December". Python's dates (and ISO 8601 without extensions) stop at years
# 1 and 9999; beyond them the arithmetic raises OutsideCalendar, which the resolver turns into an
# unresolved expression with a note, never into an error.

MIN_YEAR, MAX_YEAR = dt.MINYEAR, dt.MAXYEAR


class OutsideCalendar(Exception):
    """A date that the calendar cannot write: its year is before 1 or after 9999."""


def calendar_year(year: int) -> int:
    """`year` itself, or OutsideCalendar."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise OutsideCalendar(f"year {year}")
    return year


def calendar_day(year: int, month: int, day: int) -> dt.date:
    """The date, OutsideCalendar for a year out of range, ValueError (as date()) for a day its month lacks."""
    return dt.date(calendar_year(year), month, day)


def add_days(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days` (negative: back), or OutsideCalendar."""
    ordinal = day.toordinal() + days
    if not 1 <= ordinal <= dt.date.max.toordinal():
        raise OutsideCalendar(f"{day.isoformat()} {days:+d} day(s)")
    return dt.date.fromordinal(ordinal)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by `months`, or OutsideCalendar."""
    index = year * 12 + (month - 1) + months
    shifted = index // 12
    if not MIN_YEAR <= shifted <= MAX_YEAR:
        raise OutsideCalendar(f"{year:04d}-{month:02d} {months:+d} month(s)")
    return shifted, index % 12 + 1


def add_years(year: int, years: int) -> int:
    """`year` moved by `years`, or OutsideCalendar."""
    if not MIN_YEAR <= year + years <= MAX_YEAR:
        raise OutsideCalendar(f"{year:04d} {years:+d} year(s)")
    return year + years


# --- names ------------------------------------------------------------------------------------------------

_DATA = Path(__file__).resolve().parent / "data" / "calendar_names.json"


@lru_cache(maxsize=1)
def calendar_names() -> dict:
    """CLDR month and weekday names per language (also read by lexicon.is_calendar_word)."""
    return json.loads(_DATA.read_text(encoding="utf-8"))


# Forms CLDR does not list are in the packs' [calendar] (languages/<code>/dates.toml), each with its number:
# Polish cases after "w" (locative months, accusative weekdays) and after "od"/"do" (genitive weekdays),
# Czech locatives ("v březnu") and cases ("ve středu"), "Sept", the Austrian "Jänner", "Sonnabend".


@cache
def _calendar(language: str) -> dict[str, dict[int, tuple[str, ...]]]:
    """The pack's extra calendar forms by kind ("extra_months"...), each number -> its forms."""
    data = languages.section(language, "dates") if language and languages.has(language, "dates") else None
    calendar = (data or {}).get("calendar", {})
    return {kind: _by_number(forms) for kind, forms in calendar.items()
            if kind not in ("short_weekday_preps", "undotted_abbreviations")}


def _forms(language: str, kind: str) -> tuple[str, ...]:
    """Every extra form of one kind, in number order ("locative_months": "styczniu", "lutym", ...)."""
    return tuple(form for _, forms in sorted(_calendar(language).get(kind, {}).items()) for form in forms)


@dataclass(frozen=True)
class _Names:
    months: dict[str, int]  # lowercased form (abbreviations without their dot) -> 1..12
    weekdays: dict[str, int]  # lowercased form -> 0..6
    month_forms: tuple[str, ...]  # wide forms as CLDR spells them (plus Polish locatives)
    abbr_forms: tuple[str, ...]  # abbreviations usable next to a day number, dot included where needed
    weekday_forms: tuple[str, ...]


@cache
def _names(language: str) -> _Names:
    data = calendar_names()[language]
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    month_forms: list[str] = []
    abbr_forms: list[str] = []
    weekday_forms: list[str] = []
    table = _table(language)
    undotted = languages.value(language, "dates", "calendar", "undotted_abbreviations", False)
    extra = _calendar(language)
    extra_months, extra_abbr = extra.get("extra_months", {}), extra.get("extra_month_abbr", {})
    extra_weekdays = {**extra.get("extra_weekdays", {})}
    for number, forms in extra.get("short_weekdays", {}).items():
        extra_weekdays[number] = (*extra_weekdays.get(number, ()), *forms)
    for number, forms in enumerate(data["months"], 1):
        for form in (*forms, *extra_months.get(number, ())):
            months[form.lower()] = number
            month_forms.append(form)
    for number, forms in enumerate(data["months_abbr"], 1):
        for form in (*forms, *extra_abbr.get(number, ())):
            # Outside English (undotted_abbreviations) an abbreviation counts only with its own full stop
            # ("Sept.", "févr."): an undotted Polish "sie" or "lis" is running text.
            # (the languages read from a table take them undotted too, but only next to a day number)
            if undotted or form.endswith(".") or table:
                months.setdefault(form.lower().rstrip("."), number)
                abbr_forms.append(form)
    for number, forms in enumerate(data["weekdays"]):
        for form in (*forms, *extra_weekdays.get(number, ())):
            weekdays[form.lower()] = number
            weekdays[form.lower().replace("'", "’")] = number  # the patterns read ' as either apostrophe
            weekday_forms.append(form)
            if len(form) > 3:  # a headline or a dateline in capitals: "DIENSTAG", "MONDAY"
                weekday_forms.append(form.upper())
    for number, forms in extra.get("locative_months", {}).items():  # Polish: read, not offered to CLDR's rules
        for form in forms:
            months[form] = number
    for kind in ("accusative_weekdays", "genitive_weekdays"):
        for number, forms in extra.get(kind, {}).items():
            for form in forms:
                weekdays[form] = number
    return _Names(months, weekdays, tuple(month_forms), tuple(abbr_forms), tuple(weekday_forms))


# --- pattern helpers --------------------------------------------------------------------------------------


def _alt(words: tuple[str, ...] | list[str], cap: bool = False) -> str:
    """A regex matching any of `words`, longest first; spaces match any whitespace, apostrophes both kinds.

    cap: also accept the first letter in upper case (a sentence may start with it). Built as a trie
    ("(?:J(?:anuary|u(?:ne|ly))|...)") so that a word that is none of them fails on its first letters:
    the scan tries these alternations at every word start, which is where its time goes.
    """
    trie: dict = {}
    for word in sorted(set(words)):  # sorted: the same pattern in every process
        node = trie
        for i, ch in enumerate(word):
            if ch == " ":
                atom = r"\s+"
            elif ch == "'":
                atom = "['’]"
            elif i == 0 and cap and ch.lower() != ch.upper():
                atom = f"[{ch.lower()}{ch.upper()}]"
            else:
                atom = re.escape(ch)
            node = node.setdefault(atom, {})
        node[""] = {}  # a word ends here
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = [atom + _trie_regex(child) for atom, child in node.items() if atom]
    if not branches:
        return ""
    # A word ending here makes the rest optional: "?" is greedy, so the longer words are tried first.
    if len(branches) == 1:
        return f"(?:{branches[0]})?" if ends else branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")


_DAY = r"(?<!\d)(?<!\d[.,])(?:3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)(?![.,]\d)"  # a year written with a month: 1800-2099
_BARE_YEAR = r"(?<!\d)(?<!\d[.,])(?:19\d\d|20\d\d)(?!\d)(?![.,]\d)"  # a year on its own: 1900-2099
# The shift words ("last", "zeszły", "dernier"), year shifts ("last year") and part words ("early", "Anfang")
# of the hand-written languages are in their packs (languages/<code>/dates.toml), each with its meaning, and
# so are the data pieces of their rules: lead words (since/until), count words after a number ("in 2000
# people" is no year), newspapers named after a weekday, prepositions before an ISO date.


# One relative phrase of a pack: (pattern, unit, offset, part, chained, counted). counted: the offset is per unit
# and the phrase's own number says how many ("10 days ago", "vor zwei Wochen", "hace tres años").
_RelRow = tuple[str, str, int, "str | Mapping[str, str] | None", bool, bool]


def _rel_rows(relative: Mapping[str, Mapping]) -> tuple[_RelRow, ...]:
    return tuple((pattern, e["unit"], e["offset"], e.get("parts") or e.get("part"), e.get("chained", False),
                  e.get("counted", False)) for pattern, e in relative.items())


@dataclass(frozen=True)
class _Words:
    shifts: Mapping[str, str]  # folded word -> last | next | this
    year_shifts: Mapping[str, int]  # folded phrase -> years from the article's
    parts: Mapping[str, str]  # folded word -> early | mid | late
    before: tuple[str, ...]  # the shift words as written, before a weekday or a month
    genitive: tuple[str, ...]  # Polish, after "od"/"do"
    year: tuple[str, ...]  # the year shifts as written
    role: tuple[re.Pattern[str], re.Pattern[str]] | None  # lead words: since, until
    count: str  # words after a number that make it a count
    newspapers: re.Pattern[str] | None  # "Mail on Sunday": before a weekday, no date
    iso_prepositions: tuple[str, ...]
    grammar: str  # the hand-written grammar the pack chooses (rules.grammar): english | polish | german | french
    preps: Mapping[str, tuple[str, ...]]  # [prepositions]: day, month, year, weekday, and a grammar's own sets
    relative_prep: str  # before a relative expression ("since yesterday")
    relative: tuple[_RelRow, ...]
    part: str  # before a month or a year: what part of it ("early", "Anfang")
    time_of_day: str  # after a weekday or "yesterday": "morning", "wieczorem"
    year_suffix: str  # after a year: "r.", "roku"
    vague: str
    vague_needs: tuple[tuple[re.Pattern[str], str], ...]  # a vague body that needs this lead word ("do niedawna")
    language: str = ""  # the pack's own code
    weekday_names_before: re.Pattern[str] | None = None  # "Good Friday", "Super Tuesday": a name, no date

    def prep(self, kind: str, cap: bool = True) -> str:
        """The pattern of one set of the pack's prepositions (any of them, longest first)."""
        return _alt(self.preps[kind], cap)


@cache
def _words(language: str) -> _Words:
    """The date words of `language`'s pack (none for a language without one)."""
    data = languages.section(language, "dates") if language and languages.has(language, "dates") else None
    data = data or {}
    sh, r = data.get("shifts", {}), data.get("rules", {})
    prep = data.get("prepositions", {}) if r else {}  # a table pack's prepositions are its _Table's
    every = {**sh.get("before", {}), **sh.get("genitive", {}), **sh.get("after", {})}
    return _Words(shifts={languages.fold(k): v for k, v in every.items()},
                  year_shifts={languages.fold(k): v for k, v in sh.get("year", {}).items()},
                  parts={languages.fold(k): v for k, v in data.get("part_words", {}).items()},
                  before=tuple(sh.get("before", ())), genitive=tuple(sh.get("genitive", ())),
                  year=tuple(sh.get("year", ())),
                  role=(re.compile(r["since"], re.I), re.compile(r["until"], re.I)) if r else None,
                  count=r.get("count", "(?!)"),
                  newspapers=re.compile(r["newspapers_before"]) if "newspapers_before" in r else None,
                  iso_prepositions=tuple(r.get("iso_prepositions", ())), grammar=r.get("grammar", ""),
                  preps={k: tuple(v) for k, v in prep.items() if k != "relative"},
                  relative_prep=prep.get("relative", "(?!)"),
                  relative=_rel_rows(data.get("relative", {})) if r else (),
                  part=r.get("part", "(?!)"), time_of_day=r.get("time_of_day", "(?!)"),
                  year_suffix=r.get("year_suffix", "(?!)"), vague=r.get("vague", "(?!)"),
                  vague_needs=tuple((re.compile(k), e["preposition"]) for k, e in r.get("vague_needs", {}).items()),
                  language=language,
                  weekday_names_before=re.compile(r["weekday_names_before"]) if "weekday_names_before" in r else None)


def _part(text: str | None, words: Mapping[str, str]) -> str | None:
    """The part of a month a text names: its first word that `words` gives a meaning."""
    if not text:
        return None
    for word in re.findall(r"\w+", text.lower()):
        if word in words:
            return words[word]
    return None


@cache
def _number_words(language: str) -> Mapping[str, int]:
    """The pack's [number_words] ("two" = 2, "zwei" = 2), folded."""
    data = languages.section(language, "dates") if language and languages.has(language, "dates") else None
    return {languages.fold(k): v for k, v in ((data or {}).get("number_words") or {}).items()}


def _count(text: str, language: str) -> int | None:
    """The number a counted phrase says: its first figure, else its first number word (None: neither)."""
    figure = re.search(r"\d+", text)
    if figure:
        return int(figure.group())
    words = _number_words(language)
    for word in re.findall(r"\w+", text):
        if languages.fold(word) in words:
            return words[languages.fold(word)]
    return None


@dataclass(frozen=True)
class _BareYears:
    """A pack's guards on a year written without a preposition ("his 1996 campaign", "2009 wurde", "el 2000"):
    what before or after a number makes it a count, not a year."""

    count_after: re.Pattern[str]  # "2000 people", "1500 GMT"
    count_before: re.Pattern[str]  # "some 2000", "rund 2000", "más de 1500": at the end of the text before
    plural: re.Pattern[str] | None  # a plural word after: "1500 soldiers", "2000 trabajadores"
    year_before: re.Pattern[str]  # words before that make it a year even so: "fiscal 1989 results", "its 2004 sales"
    nouns_capitalised: bool  # German: "2000 Menschen", a capitalised word after is the counted noun


@cache
def _bare_years(language: str) -> _BareYears | None:
    """The bare-year guards of `language`'s pack, or None (its pack does not enable bare years)."""
    data = languages.section(language, "dates") if language and languages.has(language, "dates") else None
    section = (data or {}).get("grammar") or (data or {}).get("rules") or {}
    if not section.get("bare_years"):
        return None
    return _BareYears(count_after=re.compile(r"\s*(?:%s)" % section.get("count", "(?!)")),
                      count_before=re.compile(r"(?:%s)\s+$" % section.get("count_before", "(?!)"), re.I),
                      plural=re.compile(r"\s+(?:%s)(?!\w)" % section["plural"]) if "plural" in section else None,
                      year_before=re.compile(r"(?<!\w)(?:%s)\s+$" % section.get("year_before", "(?!)"), re.I),
                      nouns_capitalised=languages.value(language, "names", "dictionary", "capitalises_nouns", False))


# A year on its own: 1800-2099, not part of a longer number ("1,998", "20.000", "2005.5").
_LONE_YEAR = r"(?<![\d/])(?<!\d[.,])(?:1[89]\d\d|20\d\d)(?!\d)(?![.,:/]\d)"
# after a year: another figure joined to it ("1985 and 1987", "1998-2001", "2005/06"): the guards read past it
_JOINED = re.compile(r"\s*(?:[-–/]|\s(?:and|or|to|und|oder|bis|y|o|a|al|e|et|ou|en|of|i|și|и|до)\s)\s*\d{2,4}(?!\d)")
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?)\]\n]|$)")


def _bare_year_rule(language: str) -> list[_Rule]:
    """The rule for a year with no preposition, where the pack enables it (bare_years)."""
    guards = _bare_years(language)
    if guards is None:
        return []

    def check(text: str, start: int, end: int, f: dict[str, str], floor: int) -> bool:
        before = text[max(floor, start - 40) : start]
        if re.search(r"(?:©|\([cC]\)|[Cc]opyright|\d[\d.,]*|[$€£¥]|#|[Nn]o\.|[Nn]r\.)\s*$", before):
            return False  # a copyright line, a table's run of figures, a price, a number ("No. 1999")
        if guards.count_before.search(before):
            return False  # "some 2000", "rund 2000", "más de 1500"
        joined = _JOINED.match(text, end)
        after_at = joined.end() if joined else end
        if re.match(r"\s*\d", text[after_at : after_at + 3]) or guards.count_after.match(text, after_at):
            return False  # "2005 1200 1300" (a table), "2000 people", "1500 GMT"
        if guards.plural and guards.plural.match(text, after_at) and not guards.year_before.search(before):
            return False  # "1500 soldiers", "2000 trabajadores"
        capital_after = re.match(r"\s+[A-ZÀ-ÖØ-ÞА-ЯЁЄІЇҐ]", text[after_at : after_at + 3]) is not None
        if guards.nouns_capitalised and capital_after:
            return False  # "2000 Menschen"
        word = re.search(r"([\w'’.-]+)\s*$", before)
        named = bool(word and word.group(1)[:1].isupper()
                     and not sentence_initial(text, start - len(before) + word.start(1), floor))
        if named and not guards.nouns_capitalised and not _CLAUSE_END.match(text, after_at):
            return False  # "Windows 2000 users", "Flight 1549 landed": a name's number ("WWDC 2005." is an edition)
        if capital_after and not named and re.search(r"(?:^|\s)(?:at|in|on|en|em|a)\s*$", before):
            return False  # "at 1600 Pennsylvania Avenue": a street number
        return True

    return [_Rule("byr", "year", rf"(?P<§y>{_LONE_YEAR})", check=check)]


# --- rules ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    name: str
    kind: str  # how its fields are read: day | month | year | weekday | relative | vague
    pattern: str  # group names start with "§" (replaced by the rule's own prefix: names must be unique)
    # relative rules: (unit, offset, part) for each branch, the branch named §tA, §tB, ...; part "from-text"
    # (hand-written rules: read from the match with the pack's part_words) or a pack's words with their meanings
    table: tuple[tuple[str, int, str | Mapping[str, str] | None, bool, bool], ...] = ()
    # extra guard on a match: (text, start, end, fields, body start) -> keep it?
    check: Callable[[str, int, int, dict[str, str], int], bool] | None = None


def _relative(table: list[_RelRow], prep: str) -> list[_Rule]:
    """One rule for a language's relative phrases: one alternation behind one optional preposition
    (a rule per phrase would make the scan try the preposition once per phrase at every word start)."""
    branches = "|".join(f"(?P<§t{_LETTERS[i]}>{row[0]})" for i, row in enumerate(table))
    return [_Rule("rel", "relative", rf"(?:(?P<§p>{prep})\s+)?(?:{branches})", table=tuple(row[1:] for row in table))]


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _rules_en(n: _Names, w: _Words) -> list[_Rule]:
    # A weekday joins the date after it on its own line only: "until Friday" ending a headline is no part of
    # the dateline "September 18, 2008" under it.
    c = {
        "DAY": _DAY, "YEAR": _YEAR, "BYEAR": _BARE_YEAR, "COUNT": w.count,
        "M": _alt(n.month_forms), "MD": f"(?:{_alt(n.month_forms)}|{_alt(n.abbr_forms)}\\.?)",
        "WD": _alt(n.weekday_forms),
        "PREP": w.prep("day"), "PREPM": w.prep("month"), "PREPY": w.prep("year"), "PREPWD": w.prep("weekday"),
        "PART": w.part, "TOD": w.time_of_day,
        "SH": _alt(list(w.before), True), "YS": _alt(list(w.year)),
    }
    rules = [
        _Rule("md", "day", r"(?:(?P<§p>%(PREP)s)\s+)?(?:(?P<§wd>%(WD)s),?[ \t]+)?(?P<§m>%(MD)s)\s+(?P<§d>%(DAY)s)"
              r"(?:st|nd|rd|th)?(?!\d)(?![.,]\d)(?:,?\s+(?P<§y>%(YEAR)s))?" % c),
        _Rule("dm", "day", r"(?:(?P<§p>%(PREP)s)\s+)?(?:(?P<§wd>%(WD)s),?[ \t]+)?(?:the\s+)?(?P<§d>%(DAY)s)"
              r"(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<§m>%(MD)s)(?:,?\s+(?P<§y>%(YEAR)s))?" % c),
        _Rule("my", "month", r"(?:(?P<§p>%(PREPM)s)\s+)?(?P<§part>%(PART)s)?(?P<§m>%(M)s),?\s+(?P<§y>%(YEAR)s)" % c),
    ]
    rules += _relative(list(w.relative), w.relative_prep)
    rules += [
        _Rule("mo", "month", r"(?:(?P<§p>%(PREPM)s)\s+)?(?:(?P<§sh>%(SH)s)\s+)?(?P<§part>%(PART)s)?"
              r"(?(§p)|(?(§sh)|(?(§part)|(?!))))(?P<§m>%(M)s)(?:\s+(?P<§ys>%(YS)s))?" % c,
              check=_may_en(w)),
        # a month's own figures: "December's figures" ("May's cabinet" is Theresa May: the guard)
        _Rule("mposs", "month", r"(?P<§m>%(M)s)(?=['’]s\s+[a-z])" % c, check=_not_may_the_name),
        _Rule("yr", "year", r"(?:(?P<§p>%(PREPY)s)\s+)?(?P<§part>%(PART)s)?(?(§p)|(?(§part)|(?!)))"
              r"(?:the\s+year\s+)?(?P<§y>%(BYEAR)s)(?!\s*%(COUNT)s)" % c),
        *_bare_year_rule(w.language),
        _Rule("wd", "weekday", r"(?:(?P<§p>%(PREPWD)s)\s+)?(?:(?P<§sh>%(SH)s)\s+)?(?P<§wd>%(WD)s)"
              r"%(TOD)s?" % c, check=_weekday_en(w)),
        _vague(w),
    ]
    return rules


def _rules_pl(n: _Names, w: _Words) -> list[_Rule]:
    cldr = calendar_names()["pl"]["months"]
    gen = [forms[0] for forms in cldr]  # CLDR's format form is the genitive: "21 września"
    nom = [forms[-1] for forms in cldr]  # the stand-alone form is the nominative: "wrzesień 2022"
    wd_nom = list(n.weekday_forms)
    c = {
        "DAY": _DAY, "YEAR": _YEAR, "BYEAR": _BARE_YEAR,
        "MGEN": _alt(gen), "MNOM": _alt(nom), "MLOC": _alt(_forms("pl", "locative_months")), "MABBR": _alt(n.abbr_forms) if n.abbr_forms else "(?!)",  # noqa: E501 (a regex or table row reads best whole)
        "WDACC": _alt(_forms("pl", "accusative_weekdays")), "WDGEN": _alt(_forms("pl", "genitive_weekdays")), "WDNOM": _alt(wd_nom, True),  # noqa: E501 (a regex or table row reads best whole)
        "PREP": w.prep("day"), "PREPM": w.prep("month"), "PREPY": w.prep("year"), "PART": w.prep("part"),
        "PWD": w.prep("weekday"), "PWDGEN": w.prep("weekday_genitive"), "PGEN": w.prep("genitive"),
        "PLOC": w.prep("locative"), "PBY": w.prep("bare_year"), "R": w.year_suffix,
        "YS": r"(?:\s+(?P<§ys>%s))" % _alt(list(w.year)),
        "SHACC": _alt(list(w.before)), "SHGEN": _alt(list(w.genitive)),
        "TOD": w.time_of_day,
    }
    rules = [
        _Rule("num", "day", r"(?:(?P<§p>%(PREP)s)\s+)?(?P<§d>%(DAY)s)\.(?P<§mo>0?[1-9]|1[0-2])\.(?P<§y>%(YEAR)s)%(R)s?" % c),  # noqa: E501 (a regex or table row reads best whole)
        _Rule("dm", "day", r"(?:(?P<§p>%(PREP)s)\s+)?(?:(?P<§wd>%(WDACC)s|%(WDNOM)s),?\s+)?(?P<§d>%(DAY)s)\s+"
              r"(?P<§m>%(MGEN)s|%(MABBR)s)(?:\s+(?P<§y>%(YEAR)s)%(R)s?|%(YS)s)?" % c),
        _Rule("my", "month", r"(?:(?P<§p>%(PREPM)s)\s+)?(?:(?P<§part>%(PART)s)\s+)?(?P<§m>%(MLOC)s|%(MGEN)s|%(MNOM)s)"
              r"\s+(?P<§y>%(YEAR)s)%(R)s?" % c),
    ]
    rules += _relative(list(w.relative), w.relative_prep)
    rules += [
        _Rule("mloc", "month", r"(?P<§p>%(PLOC)s)\s+(?P<§m>%(MLOC)s)%(YS)s?" % c),
        _Rule("mpart", "month", r"(?P<§part>%(PART)s)\s+(?P<§m>%(MGEN)s)%(YS)s?" % c),
        _Rule("mgen", "month", r"(?P<§p>%(PGEN)s)\s+(?P<§m>%(MGEN)s)%(YS)s?" % c),
        _Rule("yr", "year", r"(?:(?P<§p>%(PREPY)s)\s+)?(?:(?P<§part>%(PART)s)\s+)?(?P<§y>%(BYEAR)s)%(R)s" % c),
        _Rule("yr2", "year", r"(?P<§p>%(PLOC)s)\s+roku\s+(?P<§y>%(BYEAR)s)" % c),
        # "w 2022" without "roku" only where nothing follows the number in its clause ("w 1986 przypadkach")
        _Rule("yr3", "year", r"(?P<§p>%(PBY)s)\s+(?P<§y>%(BYEAR)s)(?=\s*[,.;:!?)]|\s*$)" % c),
        _Rule("wd", "weekday", r"(?:(?P<§p>%(PWD)s)\s+(?:(?P<§sh>%(SHACC)s)\s+)?(?P<§wd>%(WDACC)s)|"
              r"(?P<§p2>%(PWDGEN)s)\s+(?:(?P<§sh2>%(SHGEN)s)\s+)?(?P<§wd2>%(WDGEN)s))%(TOD)s?" % c),
        _vague(w),
    ]
    return rules


def _rules_de(n: _Names, w: _Words) -> list[_Rule]:
    dotted = [f for f in n.abbr_forms if f.endswith(".")]
    c = {
        "DAY": _DAY, "YEAR": _YEAR, "BYEAR": _BARE_YEAR, "COUNT": w.count,
        "M": _alt(n.month_forms), "MD": f"(?:{_alt(n.month_forms)}|{_alt(dotted)})", "WD": _alt(n.weekday_forms),
        "PREP": w.prep("day"), "PREPM": w.prep("month"), "PREPY": w.prep("year"), "PREPWD": w.prep("weekday"),
        "PART": w.part,
        "YS": r"(?:\s+(?P<§ys>%s))" % _alt(list(w.year)), "SH": _alt(list(w.before), True),
        "TOD": w.time_of_day,
    }
    rules = [
        _Rule("num", "day", r"(?:(?P<§p>%(PREP)s)\s+)?(?P<§d>%(DAY)s)\.\s?(?P<§mo>0?[1-9]|1[0-2])\.\s?(?P<§y>%(YEAR)s)" % c),  # noqa: E501 (a regex or table row reads best whole)
        _Rule("dm", "day", r"(?:(?P<§p>%(PREP)s)\s+)?(?:(?P<§wd>%(WD)s)(?:,\s*(?:den\s+|dem\s+)?|\s+(?:den|dem)\s+|\s+))?"  # noqa: E501 (a regex or table row reads best whole)
              r"(?:(?P<§dfirst>%(DAY)s)\.(?P<§djoin>\s*[-–]\s*|\s+(?:und|bis)\s+))?"  # "16. und 17. Jänner"
              r"(?P<§d>%(DAY)s)\.\s*(?P<§m>%(MD)s)(?:\s+(?P<§y>%(YEAR)s)|%(YS)s)?" % c),
        _Rule("my", "month", r"(?:(?P<§p>%(PREPM)s)\s+)?(?:(?P<§part>%(PART)s)\s+)?(?P<§m>%(M)s)\s+(?P<§y>%(YEAR)s)" % c),  # noqa: E501 (a regex or table row reads best whole)
    ]
    rules += _relative(list(w.relative), w.relative_prep)
    rules += [
        _Rule("mo", "month", r"(?:(?P<§p>%(PREPM)s)\s+)?(?:(?P<§part>%(PART)s)\s+)?(?(§p)|(?(§part)|(?!)))"
              r"(?P<§m>%(M)s)%(YS)s?" % c),
        _Rule("yr", "year", r"(?:(?P<§p>%(PREPY)s)\s+)?(?:(?P<§part>%(PART)s)\s+)?(?(§p)|(?(§part)|(?!)))"
              r"(?P<§y>%(BYEAR)s)(?!\s*%(COUNT)s)" % c),
        *_bare_year_rule(w.language),
        _Rule("wd", "weekday", r"(?:(?P<§p>%(PREPWD)s)\s+)?(?:(?P<§sh>%(SH)s)\s+)?(?(§p)|(?(§sh)|(?!)))"
              r"(?P<§wd>%(WD)s)%(TOD)s?" % c, check=_not_newspaper(w)),
        _vague(w),
    ]
    return rules


def _rules_fr(n: _Names, w: _Words) -> list[_Rule]:
    dotted = [f for f in n.abbr_forms if f.endswith(".")]
    c = {
        "DAY": _DAY, "YEAR": _YEAR, "BYEAR": _BARE_YEAR, "COUNT": w.count,
        "M": _alt(n.month_forms), "MD": f"(?:{_alt(n.month_forms)}|{_alt(dotted)})",
        "WD": _alt(n.weekday_forms), "WDC": _alt(n.weekday_forms, True),
        "PREP": w.prep("day"),
        "PREPM": r"(?:%s\s+|%s?mois\s+(?:de\s+|d['’]))" % (
            w.prep("month"), _alt([f"{word} " for word in w.preps["month_of"]], True)),
        # "début août", "fin du mois d'août", "à la mi-août": début/fin take a space, "mi" its hyphen.
        "PART": r"(?:%s\s+)?(?:(?P<§part>[Dd]ébut|[Ff]in)(?:\s+du\s+mois\s+(?:de\s+|d['’])|\s+(?:de\s+|d['’])?)|"
                r"(?P<§part2>[Mm]i)-\s*)" % w.prep("part"),
        "YS": r"(?:\s+(?P<§sh>%s))" % _alt(list(w.shifts)),
        "TOD": w.time_of_day,
    }
    rules = [
        _Rule("num", "day", r"(?:(?P<§p>%(PREP)s)\s+)?(?P<§d>%(DAY)s)[./](?P<§mo>0?[1-9]|1[0-2])[./](?P<§y>%(YEAR)s)" % c),  # noqa: E501 (a regex or table row reads best whole)
        _Rule("dm", "day", r"(?:(?P<§p>%(PREP)s)\s+)?(?:(?P<§wd>%(WDC)s)\s+)?(?P<§d>1er|%(DAY)s)\s+(?P<§m>%(MD)s)"
              r"(?:\s+(?P<§y>%(YEAR)s)|%(YS)s)?" % c),
        _Rule("my", "month", r"(?:%(PREPM)s|%(PART)s)?(?P<§m>%(M)s)\s+(?P<§y>%(YEAR)s)" % c),
        _Rule("mo", "month", r"(?:%(PREPM)s|%(PART)s)(?P<§m>%(M)s)%(YS)s?" % c),
    ]
    rules += _relative(list(w.relative), w.relative_prep)
    rules += [
        _Rule("yr", "year", r"(?:(?P<§p>%s)\s+|%s)(?P<§y>%s)(?!\s*%s)" % (
            w.prep("year"), c["PART"], _BARE_YEAR, c["COUNT"])),
        *_bare_year_rule(w.language),
        _Rule("wd", "weekday", r"(?:(?P<§p>%s)\s+)?(?P<§wd>%s)%s?%s?" % (
            w.prep("weekday"), c["WDC"], c["TOD"], c["YS"]), check=_weekday_fr),
        _vague(w),
    ]
    return rules


# --- more languages: one table each -------------------------------------------------------------------------
# Spanish, Italian, Portuguese, Dutch and Czech write dates with the same parts in much the same order (day,
# month, year; a preposition before; "last"/"next" around a weekday), so one builder reads them from a table
# of each language's words: its pack's dates.toml (tui/engine/languages/<code>/), every word with its
# meaning beside it. General vocabulary only: the words any newspaper in that language uses.


@dataclass(frozen=True)
class _Table:
    """A pack's dates.toml as the builder reads it (validated by the loader)."""

    day_month: str  # between the day number and the month name ("12 de marzo", "12. března", "12 maart")
    month_year: str  # between the month name and the year ("marzo de 2024", "marzo del 2024")
    prep_day: tuple[str, ...]  # before a full date
    prep_month: tuple[str, ...]  # before a month (a bare month is a date only after one of these or a part)
    prep_year: tuple[str, ...]  # before a bare year
    parts: Mapping[str, str]  # "a principios de" -> early, "koncem" -> late (of a month or year)
    prep_weekday: tuple[str, ...]  # before a weekday
    shift_before: Mapping[str, str]  # "el pasado", "lo scorso", "vorige", "minulý" -> last | next | this
    shift_after: Mapping[str, str]  # "martes pasado", "sabato scorso", "a marzo prossimo"
    shifts: Mapping[str, str]  # both, folded (languages.fold): what a matched shift word means
    year_shifts: Mapping[str, int]  # after a month, folded: "del año pasado" -> -1
    relative: tuple[_RelRow, ...]
    relative_prep: str
    vague: str
    count: str
    since: re.Pattern[str]
    until: re.Pattern[str]
    habitual: frozenset[str]  # before a bare weekday: "los martes" is every Tuesday
    weekday_needs_prep: bool  # Czech says "v úterý"; a bare "úterý" is rarely a date
    time_of_day: str  # after a weekday: "por la tarde", "večer"
    short_weekdays: frozenset[str]  # weekdays written short, also plain words: "a segunda vez"
    short_weekday_preps: frozenset[str]  # the only prepositions that make those a date: "na segunda"
    year_suffix: str  # after a year, the word that makes it one: "2022 г.", "2022 року", "2022. godine"
    day_pair: str  # between two day numbers of one month: "25-26 июля", "25 и 26 июля", "od 3. do 5. oktobra"
    months_capitalised: bool = False  # "en Febrero": a month may start with a capital (not "с Май", a name)


def _by_number(forms: Mapping[str, int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, tuple[str, ...]] = {}
    for form, number in forms.items():
        out[number] = (*out.get(number, ()), form)
    return out


@cache
def _table(language: str) -> _Table | None:
    """The date table of `language`'s pack, or None (no pack, or a pack without [grammar])."""
    if not languages.has(language, "dates"):
        return None
    data = languages.section(language, "dates")
    if data is None or "grammar" not in data:
        return None
    g, prep, sh, cal = data["grammar"], data["prepositions"], data["shifts"], data.get("calendar", {})
    relative = _rel_rows(data["relative"])
    short = cal.get("short_weekdays", {})
    return _Table(
        day_month=g["day_month"], month_year=g["month_year"], prep_day=tuple(prep["day"]),
        prep_month=tuple(prep["month"]), prep_year=tuple(prep["year"]),
        parts={languages.fold(k): v for k, v in data["parts"].items()}, prep_weekday=tuple(prep["weekday"]),
        shift_before=sh["before"], shift_after=sh["after"],
        shifts={languages.fold(k): v for k, v in (*sh["before"].items(), *sh["after"].items())},
        year_shifts={languages.fold(k): v for k, v in sh["year"].items()},
        relative=relative, relative_prep=prep["relative"], vague=g["vague"], count=g["count"],
        since=re.compile(g["since"], re.I), until=re.compile(g["until"], re.I),
        habitual=frozenset(g.get("habitual", ())), weekday_needs_prep=g.get("weekday_needs_prep", False),
        time_of_day=g.get("time_of_day", ""), short_weekdays=frozenset(short), short_weekday_preps=frozenset(cal.get("short_weekday_preps", ())),  # noqa: E501 (a regex or table row reads best whole)
        year_suffix=g.get("year_suffix", ""), day_pair=g.get("day_pair", ""),
        months_capitalised=g.get("months_capitalised", False),
    )


def _rules_table(language: str) -> Callable[[_Names], list[_Rule]]:
    t = _table(language)
    assert t is not None

    def build(n: _Names) -> list[_Rule]:
        # Next to a day number an abbreviation is a month with or without its full stop, in any case: a
        # dateline's "4 feb", "04 FEB", "05 fev 2025" (abbreviations are three or more letters here).
        abbreviations = {form.rstrip(".") for forms in calendar_names()[language]["months_abbr"]
                         for form in forms if len(form.rstrip(".")) >= 3}
        abbreviations |= {a.upper() for a in abbreviations}
        c = {
            "DAY": _DAY, "YEAR": _YEAR, "BYEAR": _BARE_YEAR, "COUNT": t.count, "DM": t.day_month,
            # months with a capital where the pack says writers do so ("en Febrero", "5 de Febrero")
            "MY": t.month_year, "M": _alt(n.month_forms, t.months_capitalised),
            "MD": rf"(?:{_alt(n.month_forms, t.months_capitalised)}|{_alt(sorted(abbreviations))}\.?)",
            "WD": _alt(n.weekday_forms, True), "PREP": _alt(t.prep_day, True), "PREPM": _alt(t.prep_month, True),
            "PREPY": _alt(t.prep_year, True), "PART": _alt(list(t.parts), True),
            "PREPWD": _alt(t.prep_weekday, True), "SHB": _alt(list(t.shift_before), True),
            "SHA": _alt(list(t.shift_after)) if t.shift_after else "(?!)",
            "YS": _alt(list(t.year_shifts)), "TOD": t.time_of_day or "(?!)",
            "YSUF": f"(?:{t.year_suffix})?" if t.year_suffix else "",
            # two days before one month: "25-26 июля", "25 и 26 июля", "od 3. do 5. oktobra"
            "PAIR": f"(?:(?P<§dfirst>{_DAY})(?P<§djoin>{t.day_pair}))?" if t.day_pair else "",
        }
        rules = [
            _Rule("num", "day", r"(?:(?P<§p>%(PREP)s)\s+)?(?P<§d>%(DAY)s)(?P<§sep>[./-])\s?(?P<§mo>0?[1-9]|1[0-2])"
                  r"(?P=§sep)\s?(?P<§y>%(YEAR)s)%(YSUF)s" % c),
            _Rule("dm", "day", r"(?:(?P<§p>%(PREP)s)\s+)?(?:(?P<§wd>%(WD)s),?[ \t]+)?%(PAIR)s"
                  r"(?P<§d>%(DAY)s)%(DM)s(?P<§m>%(MD)s)"
                  r"(?:%(MY)s(?P<§y>%(YEAR)s)%(YSUF)s|\s+(?P<§ys>%(YS)s)|\s+(?P<§sh2>%(SHA)s))?" % c),
            _Rule("my", "month", r"(?:(?P<§p>%(PREPM)s)\s+)?(?:(?P<§part>%(PART)s)\s+)?(?P<§m>%(M)s)%(MY)s"
                  r"(?P<§y>%(YEAR)s)%(YSUF)s" % c),
        ]
        rules += _relative(list(t.relative), t.relative_prep)
        rules += [
            # a year word makes a bare month a date: "marca lani", "в марте прошлого года" without its "в"
            _Rule("mys", "month", r"(?P<§m>%(M)s)\s+(?P<§ys>%(YS)s)" % c),
            _Rule("mo", "month", r"(?:(?P<§p>%(PREPM)s)\s+)?(?:(?P<§part>%(PART)s)\s+)?(?:(?P<§sh>%(SHB)s)\s+)?"
                  r"(?(§p)|(?(§part)|(?(§sh)|(?!))))(?P<§m>%(M)s)(?:\s+(?P<§ys>%(YS)s)|\s+(?P<§sh2>%(SHA)s))?" % c),
            _Rule("yr", "year", r"(?:(?P<§p>%(PREPY)s)\s+)?(?:(?P<§part>%(PART)s)\s+)?(?(§p)|(?(§part)|(?!)))"
                  r"(?P<§y>%(BYEAR)s)%(YSUF)s(?!\s*%(COUNT)s)" % c),
        ]
        if t.year_suffix:  # a year its word makes one needs no preposition: "осенью 2022 года"
            rules.append(_Rule("ysuf", "year", r"(?P<§y>%s)(?:%s)" % (_BARE_YEAR, t.year_suffix)))
        rules += _bare_year_rule(language)
        rules += [
            _Rule("wd", "weekday", r"(?:(?P<§p>%(PREPWD)s)\s+)?(?:(?P<§sh>%(SHB)s)\s+)?(?P<§wd>%(WD)s)(?:%(TOD)s)?"
                  r"(?:\s+(?P<§sh2>%(SHA)s))?" % c, check=_weekday_table(language)),
            _Rule("vague", "vague", f"(?:{t.vague})"),
        ]
        return rules

    return build


# --- guards -----------------------------------------------------------------------------------------------


def sentence_initial(text: str, pos: int, floor: int = 0) -> bool:
    """Nothing but space, quotes, brackets or a dash since the last sentence end (or the body start)."""
    i = pos - 1
    while i >= floor and text[i] in " \t\"'“”„«»‘’‚([–—-":
        i -= 1
    return i < floor or text[i] in ".!?…:;\n"


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"([\w'’.-]+)\s*$", text[max(0, pos - 40) : pos])
    return m.group(1) if m else ""


def _word_after(text: str, pos: int) -> str:
    m = re.match(r"\s*([\w'’-]+)", text[pos : pos + 40])
    return m.group(1) if m else ""


def _not_may_the_name(text: str, start: int, end: int, f: dict[str, str], floor: int) -> bool:
    """'in May' is a month, 'since May said' / 'in May's cabinet' are Theresa May."""
    if f.get("m") != "May" or f.get("ys"):
        return True
    if f.get("p", "").lower() in ("for", "by", "from", "at", "as of", "up to"):
        return False  # "voted for May", "defeated by May"
    rest = text[end : end + 30]
    return not re.match(r"(?:['’]s\b|\s+(?:said|says|told|has|had|was|is|will|would|herself|and\s+(?:her|the)\b))", rest)  # noqa: E501 (a regex or table row reads best whole)


def _may_en(w: _Words) -> Callable[[str, int, int, dict[str, str], int], bool]:
    """_not_may_the_name, but "by May" after a future in its clause ("will be finished by May") is a deadline."""
    future = languages.value(w.language, "dates", "tense", "future", None) if w.language else None
    future_re = re.compile(future) if future else None

    def check(text: str, start: int, end: int, f: dict[str, str], floor: int) -> bool:
        if f.get("m") == "May" and f.get("p", "").lower() == "by" and future_re is not None:
            clause = re.split(r"[.;!?\n]", text[max(floor, start - 100) : start])[-1]
            if future_re.search(clause):  # still Theresa May in "by May and her cabinet", "by May's team"
                return _not_may_the_name(text, start, end, {**f, "p": ""}, floor)
        return _not_may_the_name(text, start, end, f, floor)

    return check


def _weekday_en(w: _Words) -> Callable[[str, int, int, dict[str, str], int], bool]:
    newspaper = _not_newspaper(w)

    def check(text: str, start: int, end: int, f: dict[str, str], floor: int) -> bool:
        if f.get("p") and not newspaper(text, start, end, f, floor):
            return False  # "The Mail on Sunday"
        return _bare_weekday_en(text, start, end, f, floor, w.weekday_names_before)

    return check


def _bare_weekday_en(text: str, start: int, end: int, f: dict[str, str], floor: int,
                     names_before: re.Pattern[str] | None = None) -> bool:
    if f.get("p") or f.get("sh"):
        return True
    # A bare weekday ("said Tuesday") is a date unless it is part of a name: "The Sunday Times",
    # "Sunday Telegraph", "Good Friday", "Super Tuesday".
    before = _word_before(text, start)
    after = _word_after(text, end)
    if before.lower() in ("the", "a", "an", "every", "each"):
        return False
    # After a capitalised word ("World Court Friday rejected", "Also Sunday") it is a date, unless that word
    # makes a name with it ("Good Friday", "Super Tuesday": the pack's weekday_names_before).
    if before[:1].isupper() and names_before is not None and names_before.fullmatch(before.strip(".")):
        return False
    if text[start:end].isupper() and len(text[start:end]) > 3:
        return True  # a headline in capitals: the next word is in capitals too
    return not after[:1].isupper()


def _weekday_fr(text: str, start: int, end: int, f: dict[str, str], floor: int) -> bool:
    wd = f.get("wd", "")
    if not f.get("p"):
        if wd[:1].isupper() and not sentence_initial(text, start, floor):
            return False  # "Le Journal du Dimanche", "Vendredi" the character
        if _word_before(text, start).lower() in ("le", "les", "chaque", "tous", "du", "au", "un", "une", "des"):
            return False  # "le lundi" (habitual), "du lundi au vendredi"
    return _word_after(text, end).lower() not in ("gras", "saint")  # mardi gras, vendredi saint


def _weekday_table(language: str) -> Callable[[str, int, int, dict[str, str], int], bool]:
    t = _table(language)
    assert t is not None

    def check(text: str, start: int, end: int, f: dict[str, str], floor: int) -> bool:
        wd = f.get("wd", "")
        if wd.lower() in t.short_weekdays:  # "segunda" is also "second": "na segunda", not "a segunda vez"
            return bool(f.get("sh")) or f.get("p", "").lower() in t.short_weekday_preps
        if f.get("p") or f.get("sh"):
            return True
        if t.weekday_needs_prep:
            return False  # Czech says "v úterý"
        capitals = wd.isupper() and len(wd) > 3  # "MARTES": a headline, no name
        if not capitals and (wd[:1].isupper() and not sentence_initial(text, start, floor)
                             or _word_after(text, end)[:1].isupper()):
            return False  # a name: "Plácido Domingo", "Domenica Rossi"
        return _word_before(text, start).lower() not in t.habitual  # "los martes": every Tuesday

    return check


def _vague(w: _Words) -> _Rule:
    """A hand-written language's vague expressions ("recently"), behind its optional lead words ("until")."""
    lead = rf"(?:(?P<§p>{w.prep('vague')})\s+)?" if "vague" in w.preps else ""
    return _Rule("vague", "vague", f"{lead}(?:{w.vague})", check=_vague_needs(w) if w.vague_needs else None)


def _vague_needs(w: _Words) -> Callable[[str, int, int, dict[str, str], int], bool]:
    """The pack's vague_needs: a body that is vague only after its lead word ("do niedawna", "od kilku lat")."""

    def check(text: str, start: int, end: int, f: dict[str, str], floor: int) -> bool:
        body = text[start:end].lower()
        for pattern, preposition in w.vague_needs:
            if pattern.search(body):
                return f.get("p", "").lower() == preposition
        return True

    return check


def _not_newspaper(w: _Words) -> Callable[[str, int, int, dict[str, str], int], bool]:
    def check(text: str, start: int, end: int, f: dict[str, str], floor: int) -> bool:
        return not (w.newspapers and w.newspapers.search(text[max(0, start - 30) : start]))

    return check


# --- the compiled grammar ---------------------------------------------------------------------------------


_ISO = r"(?:(?P<§p>%s)\s+)?(?<![\d-])(?P<§y>\d{4})-(?P<§mo>0[1-9]|1[0-2])-(?P<§d>0[1-9]|[12]\d|3[01])(?![\d-])"
# The hand-written grammars, each chosen by a pack's rules.grammar and reading that pack's words.
_GRAMMARS: dict[str, Callable[[_Names, _Words], list[_Rule]]] = {
    "english": _rules_en, "polish": _rules_pl, "german": _rules_de, "french": _rules_fr}


def _builder(language: str) -> Callable[[_Names], list[_Rule]] | None:
    """The rule builder of `language`: hand-written, or the table builder over its pack, or None."""
    hand = _GRAMMARS.get(_words(language).grammar) if language else None
    if hand is not None:
        words = _words(language)
        return lambda names: hand(names, words)
    return _rules_table(language) if language and _table(language) else None


@dataclass(frozen=True)
class _Grammar:
    pattern: re.Pattern[str]
    rules: dict[str, tuple[_Rule, tuple[tuple[str, str], ...]]]  # wrapper group -> rule, (group, field)
    language: str


@cache
def grammar(language: str) -> _Grammar:
    """The compiled tagger for `language` (a language without rules gets ISO dates only)."""
    build = _builder(language)
    lang = language if build else ""
    table = _table(lang) if lang else None
    iso_prep = list(table.prep_day if table else _words(lang).iso_prepositions) or ["on"]
    rules = [_Rule("iso", "day", _ISO % _alt(iso_prep, True))]
    if build:
        rules += build(_names(lang))
    parts = []
    for i, rule in enumerate(rules):
        prefix = f"r{i}_"
        parts.append(f"(?P<r{i}>{rule.pattern.replace('§', prefix)}(?!\\w))")
    # Every rule starts a word: checked once per position, not once per rule (the scan's main cost).
    pattern = re.compile("(?<!\\w)(?=\\w)(?:" + "|".join(parts) + ")")
    index: dict[str, tuple[_Rule, tuple[tuple[str, str], ...]]] = {}
    for i, rule in enumerate(rules):
        prefix = f"r{i}_"
        groups = tuple((g, g[len(prefix) :].rstrip("0123456789")) for g in pattern.groupindex if g.startswith(prefix))
        index[f"r{i}"] = (rule, groups)
    return _Grammar(pattern, index, lang)


def tag(text: str, start: int, language: str, limit: int | None = None) -> list[Found]:
    """Every temporal expression in text[start:], in order, without overlaps (the first `limit` of them)."""
    g = grammar(language)
    names = _names(g.language) if g.language else None
    search = g.pattern.search
    out: list[Found] = []
    pos = start
    while True:
        m = search(text, pos)
        if m is None:
            return out
        assert m.lastgroup is not None  # every rule is a named group
        rule, groups = g.rules[m.lastgroup]  # the wrapper group closes last, so it is lastgroup
        fields: dict[str, str] = {}
        for group, name in groups:
            value = m.group(group)
            if value is not None and name not in fields:
                fields[name] = value
        found = _read(rule, fields, m.start(), m.end(), text, start, g.language, names)
        if found is None:  # a guard said no ("May said", "31 September"): no part of it is a date either
            pos = m.end()
            continue
        if "dfirst" in fields and found.kind == "day":
            out += _pair(found, m, groups, text, g.language)
        else:
            out.append(found)
        end = m.end()
        if found.kind == "month" and names is not None:
            second = _coordinated_month(found, text, start, g.language, names)
            if second is not None:  # "between April and June", "entre abril y junio"
                out.append(second)
                end = second.end
        if limit is not None and len(out) >= limit:
            return out[:limit]
        pos = end


@cache
def _coordination(language: str) -> re.Pattern[str] | None:
    """A month after the pack's coordination words ("and", "y", "bis"), as a pattern, or None."""
    data = languages.section(language, "dates") if language and languages.has(language, "dates") else None
    section = (data or {}).get("grammar") or (data or {}).get("rules") or {}
    if "coordination" not in section:
        return None
    return re.compile(r"(?:%s)(?P<m>%s)(?!\w)" % (section["coordination"], _alt(_names(language).month_forms, True)))


def _coordinated_month(first: Found, text: str, floor: int, language: str, names: _Names) -> Found | None:
    """The month written right after a month and a coordination word ("April and June"): a month of its own,
    in the first one's year; None where there is none, or it is Theresa May ("... and May said")."""
    pattern = _coordination(language)
    m = pattern.match(text, first.end) if pattern else None
    if m is None:
        return None
    if not _not_may_the_name(text, m.start("m"), m.end(), {"m": m.group("m")}, floor):
        return None
    return Found(m.start("m"), m.end(), "month", "point", year=first.year, month=names.months[m.group("m").lower()],
                 year_shift=first.year_shift)


def _pair(second: Found, m: re.Match[str], groups: tuple[tuple[str, str], ...], text: str, lang: str) -> list[Found]:
    """Two days of one month written as one ("25 и 26 июля", "od 3. do 5. oktobra"): the first day as far as
    its number, the second from its own lead word ("do 5. oktobra": until) or its number; one if the first
    is no day of that month."""
    span = {name: (m.start(group), m.end(group)) for group, name in groups if m.group(group) is not None}
    first_day = int(m.group(next(group for group, name in groups if name == "dfirst" and m.group(group) is not None)))
    if second.month is None or not _is_day(second.year, second.month, first_day) or first_day >= (second.day or 0):
        return [replace(second, start=span["d"][0])]
    table = _table(lang)
    role_words = _words(lang).role
    until = table.until if table else role_words[1] if role_words else None
    joint_start, joint_end = span["djoin"]
    joint = text[joint_start:joint_end]
    lead = len(joint) - len(joint.lstrip(" .-–—\t\n"))
    second_start = span["d"][0]
    role = "point"
    if until is not None and until.match(joint[lead:]):
        second_start, role = joint_start + lead, "until"
    first = replace(second, end=span["dfirst"][1], day=first_day, weekday=None)
    if role != "until" and first.role == "since":
        first = replace(first, role="point")
    return [first, replace(second, start=second_start, role=role)]


def _read(rule: _Rule, f: dict[str, str], start: int, end: int, text: str, floor: int, lang: str,
          names: _Names | None) -> Found | None:
    """What one match means, or None where a guard says it is no date ("May said", "31 September")."""
    if rule.check is not None and not rule.check(text, start, end, f, floor):
        return None
    # A capitalised word that only a sentence start explains ("Today" in "Russia Today"); German
    # capitalises its nouns ("Anfang des Monats") anywhere.
    if (rule.kind in ("relative", "vague") and text[start].isupper()
            and not languages.value(lang, "names", "dictionary", "capitalises_nouns", False)
            and not sentence_initial(text, start, floor)):
        return None
    table = _table(lang) if lang else None
    role = _role(text, start, end, (table.since, table.until) if table else _words(lang).role)
    if rule.kind == "relative":
        return _read_relative(rule, f, start, end, text, lang, role)
    if rule.kind == "vague":
        return Found(start, end, "vague", role)
    return _read_calendar(rule, f, start, end, role, lang, names, table)


def _role(text: str, start: int, end: int, since_until: tuple[re.Pattern[str], re.Pattern[str]] | None) -> str:
    """since / until / point, from the words the expression starts with."""
    if not since_until:
        return "point"
    lead = text[start : start + 24]
    if since_until[0].match(lead):
        return "since"
    if since_until[1].match(lead) and not (lead[:2].lower() == "by" and re.match(r"['’]s\b", text[end : end + 3])):
        return "until"  # "by Friday", but "hit by Monday's storm" is no deadline
    return "point"


def _read_relative(rule: _Rule, f: dict[str, str], start: int, end: int, text: str, lang: str,
                   role: str) -> Found | None:
    """"yesterday", "last week", "a finales del mes pasado": a unit and an offset from the article's date."""
    branch = next(name for name in f if name.startswith("t"))
    unit, offset, part, chained, counted = rule.table[_LETTERS.index(branch[1])]
    if counted:  # "10 days ago", "vor zwei Wochen": the phrase's number times the unit's offset
        count = _count(text[start:end], lang)
        if count is None:
            return None
        offset *= count
    if part == "from-text":  # "early/mid/late this month", "pod koniec miesiąca"
        part = _part(text[start:end], _words(lang).parts)
    elif isinstance(part, Mapping):  # a pack's words: "a finales del mes pasado"
        part = _part(text[start:end], part)
    return Found(start, end, "relative", role, unit=unit, offset=offset, part=part, chained=chained)


def _read_calendar(rule: _Rule, f: dict[str, str], start: int, end: int, role: str, lang: str,
                   names: _Names | None, table: _Table | None) -> Found | None:
    """A day, month, year or weekday written with calendar words or numbers."""
    month = None
    if "mo" in f:
        month = int(f["mo"])
    elif "m" in f and names is not None:
        month = names.months.get(f["m"].lower().rstrip("."))
        if month is None:
            return None
    weekday = names.weekdays.get(f["wd"].lower()) if "wd" in f and names else None
    year = int(f["y"]) if "y" in f else None
    # A shift word means what its own language's table says ("scorso" in Italian), never another's.
    words = table or _words(lang)
    shift = words.shifts.get(languages.fold(f["sh"])) if "sh" in f else None
    year_shift = words.year_shifts.get(languages.fold(f["ys"])) if "ys" in f else None
    day = None
    if "d" in f:
        day = 1 if f["d"] == "1er" else int(f["d"])
        if not _is_day(year, month, day):
            return None
    if table:  # a phrase before the month: "a principios de"
        part = table.parts.get(languages.fold(f["part"])) if "part" in f else None
    else:  # the words of a hand-written rule's match: "the end of"
        part = _part(f.get("part"), words.parts)
    if rule.kind == "day":
        return Found(start, end, "day", role, year=year, month=month, day=day, weekday=weekday, shift=shift,
                     year_shift=year_shift)
    if rule.kind == "month":
        return Found(start, end, "month", role, year=year, month=month, part=part, shift=shift,
                     year_shift=year_shift)
    if rule.kind == "year":
        return Found(start, end, "year", role, year=year, part=part)
    if rule.kind == "weekday":
        if weekday is None:
            return None
        return Found(start, end, "weekday", role, weekday=weekday, shift=shift)
    raise AssertionError(rule.kind)


def _is_day(year: int | None, month: int | None, day: int) -> bool:
    """Is `day` a day of that month (of that year, when it is written)?"""
    if month is None or day > _MAX_DAYS[month]:
        return False
    if year is not None:
        try:
            calendar_day(year, month, day)
        except ValueError:  # 29 February of a common year
            return False
        except OutsideCalendar:  # "0000-01-01" written in the text: no day of the calendar
            return False
    return True


_MAX_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
