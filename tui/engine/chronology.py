"""The chronology: temporal expressions found in every source, resolved against that article's own date,
and grouped into events across sources.

Rules of resolution (each one is what a careful reader would do, and no more):
  * An expression is resolved against its article's ` date ` header, never against today. Without a
    header, anything that needs one (a weekday, "yesterday", "September 21", "in August") is
    "unresolved" with date None and a note saying why; a date with its year ("1 September 2022") or a
    year ("in 1986") needs no header.
  * A month-only header ("2022-10") resolves months and years ("last month" = 2022-09) but not days: a
    weekday is "weekday-unresolved" with the header's month as date ("a Wednesday in 2022-10"),
    "yesterday"/"today" get the header's month with precision "month", and week phrases are unresolved.
  * Missing years: "September 21" / "in August" in a past-tense clause is the most recent such day or
    month not after the article's date; in a future-tense clause ("will meet in December") the next one
    on or after it. A modal only ("could", "dürfte", "pourrait", "może") says too little for a year's
    jump: whichever of the two lies nearer the article's date. No tense at all: the past one, unless the
    coming one is twice as near ("payable Jan. 2" in November). A deadline ("until", "payable", "expire",
    "fällig", "para") looks forward unless its clause has a past tense. A weekday written with the date
    ("Saturday, April 25") takes whichever of the two readings falls on that weekday. "last"/"next" make
    it strictly before/after.
  * Weekdays: past tense (the default) is the most recent such weekday on or before the article's date,
    future tense (a modal is enough) the next one on or after it. A deadline ("by Friday", "bis Freitag",
    "do piątku", "d'ici vendredi") looks forward unless its clause has a past tense. A weekday naming the
    article's own weekday is that same day in either tense: news says "on Thursday" for today.
    "last/next Thursday" are strictly before/after.
  * Tense markers: the nearest in the expression's clause; a capitalised word is none ("w Odessie" is the
    city, not a form of "odessać"), except a Polish verb opening its clause that is no name.
  * Weeks ("last week") have no precision of their own: a week inside one month gets that month with
    precision "month", a week across two months of one year gets the year, across New Year "vague"; the
    note always gives the exact Monday–Sunday range.
  * Parts of a month: early = days 1–10, mid = 11–20, late = 21–end (used for ordering and grouping).
  * Vague phrases ("in recent months", "recently") are precision "vague", date None, always.

Ordering: by the first day a date can mean, coarser before finer at the same start (October 2022, then
early October, then 1 October); then source id and offset; unresolved, then vague, last.

Events: see `build_timeline`.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Generic, TypeVar

from . import dates, languages
from .model import Event, Source, TemporalExpression
from .names import fold

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_LEVEL = frozenset({"month", "early-month", "mid-month", "late-month", "weekday-unresolved"})
_UNDATED = frozenset({"unresolved", "vague"})


# --- the article's date -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Anchor:
    """The article's own date: a day, or only a month."""

    year: int
    month: int
    day: int | None

    @property
    def date(self) -> dt.date | None:
        return dates.calendar_day(self.year, self.month, self.day) if self.day else None

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


def _anchor(source: Source) -> _Anchor | None:
    if not source.date:
        return None
    # ASCII digits only: int() would read Arabic-Indic or full-width ones too
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?", source.date)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    day = int(m.group(3)) if m.group(3) and source.date_precision != "month" else None
    try:
        dates.calendar_day(year, month, day or 1)
    except (ValueError, dates.OutsideCalendar):  # loading warns of a malformed header; a Source made by hand
        return None
    return _Anchor(year, month, day)


# --- sentences --------------------------------------------------------------------------------------------

# Candidate ends: a line break, or .!?… (with closing quotes/brackets) before a space or the text's end.
_END = re.compile(r"\n|[.!?…]+[\"'”’»)\]]*(?=\s|$)")
# Words a full stop does not end a sentence after (lower case, without their dot).
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st gen sen rep gov lt col sgt capt cpt jr sr no nos vs etc inc ltd co corp dept approx est
fig jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
np tzw tj ok ul al płk gen hab inż mgr ks św im ws wg godz br pt ppłk kpt min ang ros ukr
nr bzw ca evtl ggf inkl vgl usw hr str abs
mme mlle mm av env cf éd
""".split())


class _Sentences:
    """Sentence spans of a text from `start` on, computed once; `around(pos)` finds one by bisection."""

    def __init__(self, text: str, start: int):
        self.text = text
        spans: list[tuple[int, int]] = []
        begin = start
        for m in _END.finditer(text, start):
            if m.group() == "\n":
                end = m.start()
            elif self._is_end(m):
                end = m.end()
            else:
                continue
            spans.append(self._trim(begin, end))
            begin = m.end()
        spans.append(self._trim(begin, len(text)))
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def _is_end(self, m: re.Match[str]) -> bool:
        if m.group()[0] != ".":
            return True
        text = self.text
        i = j = m.start()
        while j > 0 and i - j < 40 and not text[j - 1].isspace():
            j -= 1
        token = text[j:i].lstrip("\"'“„«([")
        if not token:
            return True
        if token.lower() in _ABBREVIATIONS or "." in token:  # "Dr.", "U.S.", "m.in.", "z.B."
            return False
        if len(token) == 1 and token.isalpha():  # an initial: "J. Smith"
            return False
        if token.isdigit() and len(token) <= 2:  # a German ordinal: "am 1. September"
            return False
        k, n = m.end(), min(len(text), m.end() + 12)
        while k < n and (text[k].isspace() or text[k] in "\"'“„«(["):
            k += 1
        return not (k < n and text[k].islower())  # "ok. 20 osób" / "r. w" go on

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def around(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.starts, pos) - 1)
        start, end = self.spans[i]
        return (start, end) if start <= pos else (pos, pos)


def sentence_around(text: str, start: int, end: int, floor: int = 0) -> tuple[int, int]:
    """(start, end) of the sentence holding text[start:end], split as the chronology splits them (so a
    quote copied from the reader is the chronology's sentence), never before `floor` (the article body).
    Only the paragraph around it is split; a sentence too long to be one becomes a window of words."""
    lo = max(floor, start - MAX_SENTENCE_CHARS)
    lo = max(lo, text.rfind("\n", lo, start) + 1)
    hi = min(len(text), end + MAX_SENTENCE_CHARS)
    cut = text.find("\n", end, hi)
    hi = cut if cut != -1 else hi
    sentences = _Sentences(text[lo:hi], 0)  # a line break ends a sentence: the paragraph is enough
    first = sentences.around(start - lo)
    last = sentences.around(max(start, end - 1) - lo)
    return _bounded(text, (first[0] + lo, max(last[1] + lo, end)), start, end)


# --- tense ------------------------------------------------------------------------------------------------
# Only a weekday or a date without its year needs it. The clause around the expression (split at
# "that"/"że"/"dass"/"que", semicolons, colons, quotes) is searched for tense markers; the nearest wins;
# none means past for a weekday (the usual tense of reports), the nearer reading for a date (see _nearer).
#
# A marker is strong ("will", "będzie", "wird", "rencontrera", a past form) or weak: a modal ("could",
# "may", "dürfte", "pourrait", "może", "powinien", a conditional "miałby") looks ahead without saying how
# far, and so does a Polish perfective form that is also a noun ("uda": "udo"/"udać"). A weak future
# moves a weekday forward (a few days), but a date or a month without its year only to whichever of its
# past and next occurrence lies nearer the article's date: a year's jump needs a strong marker.
# A deadline ("by Friday", "bis Freitag", "do piątku", "d'ici vendredi") looks forward when nothing in
# its clause says otherwise.

# The punctuation that ends a clause; the words that start one (each pack's [tense] clause_words, after a
# space, and clause_words_after_comma: "..., which", "..., gdy") are pooled: a Polish "że" in an English
# article still starts a clause.
_CLAUSE_PUNCTUATION = "[;:()\"“”„«»]"


@lru_cache(maxsize=1)
def _clause_break() -> re.Pattern[str]:
    def words(key: str) -> str:
        pooled = {word for _, found in languages.every("dates", "tense", key) for word in found}
        return "|".join(re.escape(w).replace("'", "['’]") for w in sorted(pooled, key=lambda w: (-len(w), w)))

    after_space, after_comma = words("clause_words"), words("clause_words_after_comma")
    return re.compile(rf"{_CLAUSE_PUNCTUATION}|\s(?:{after_space})\b|,\s*(?:{after_comma})\b")


# The markers themselves are each language's: its pack's [tense] (languages/<code>/dates.toml), regexes
# matched in the clause (future, weak_future, past) and the reporting verbs that date a statement.
_TENSE_KINDS = (("future", "future"), ("weak-future", "weak_future"), ("past", "past"))


@cache
def _tense_markers(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) for each tense marker `language`'s pack writes (none without a pack)."""
    out = []
    for kind, key in _TENSE_KINDS:
        pattern = languages.value(language, "dates", "tense", key)
        if pattern is not None:
            out.append((kind, re.compile(pattern)))
    return tuple(out)


@cache
def _reporting_pattern(language: str) -> re.Pattern[str] | None:
    pattern = languages.value(language, "dates", "tense", "reporting")
    return re.compile(pattern) if pattern is not None else None


@cache
def _pack_pattern(language: str, key: str, template: str) -> re.Pattern[str] | None:
    """The pack's [tense] `key` (a regex written without flags) placed in `template`, case aside."""
    pattern = languages.value(language, "dates", "tense", key)
    return re.compile(template.format(pattern), re.IGNORECASE) if pattern is not None else None


def _not_past(text: str, lo: int, start: int, language: str) -> bool:
    """Is the past form at text[start:] no past tense, by what its pack's [tense] not_past_after says comes
    right before it: an adjective ("the reduced dividend", "N.J.-based"), a passive ("to be held")?"""
    pattern = _pack_pattern(language, "not_past_after", "(?:{})$")
    return bool(pattern and pattern.search(text, max(lo, start - 40), start))


def is_deadline(text: str, f: dates.Found, lo: int, hi: int, language: str) -> bool:
    """A date or weekday that is a deadline and looks forward: "until"/"by" (its role) or a word of its
    pack's [tense] deadline right before it ("payable Jan. 2", "expire Nov. 6") or deadline_after right
    after it ("a June 1 deadline"), inside its sentence text[lo:hi]."""
    if f.role == "until":
        return True
    before = _pack_pattern(language, "deadline", r"\b(?:{})\W*$")
    if before and before.search(text, max(lo, f.start - 40), f.start):
        return True
    leading = _pack_pattern(language, "deadline", r"(?:{})\W")  # "para el 3 de junio": the word is in it
    if leading and leading.match(text, f.start, f.end):
        return True
    after = _pack_pattern(language, "deadline_after", r"\W*(?:{})\b")
    return bool(after and after.match(text, f.end, hi))


# A reporting verb right before its expression, a short word at most between ("said Monday", "dijo el
# lunes", "said on Monday"), or right after it with no comma ("on Monday said"), dates the statement, and
# the statement is what the date is about; "..., the company said" after it only attributes the sentence.
_REPORTING_BEFORE = re.compile(r"\s*(?:\w{1,3}\s+)?")
_REPORTING_AFTER = re.compile(r"\s+")


def reads_tense(language: str) -> bool:
    """Does the chronology read the tense of `language`'s sentences (to place a date without a year)?"""
    return bool(_tense_markers(language)) or _morfeusz(language)


def _morfeusz(language: str) -> bool:
    """Polish: tense, aspect and reporting verbs come from morfeusz's tags, not from word patterns."""
    return languages.value(language, "names", "dictionary", "backend") == "morfeusz"


def _reporting(text: str, start: int, end: int, language: str) -> bool:
    word = text[start:end]
    if _morfeusz(language):
        from .lexicon import polish_tags

        reporting = frozenset(languages.value(language, "dates", "tense", "reporting_lemmas", ()))
        return any(lemma.split(":")[0] in reporting for lemma, _ in polish_tags(word.lower()))
    pattern = _reporting_pattern(language)
    return bool(pattern and pattern.fullmatch(word))


def _clause(text: str, s_start: int, s_end: int, start: int, end: int) -> tuple[int, int]:
    lo, hi = s_start, s_end
    for m in _clause_break().finditer(text, s_start, s_end):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


@lru_cache(maxsize=50_000)
def _polish_kind(word: str) -> str | None:
    """past | future | weak-future | present | weak-past | copula-past | None for a lower-case Polish word
    form, from morfeusz's tags. copula-past ("była", "były") is a past unless a noun follows: "była
    premier" is "the former prime minister"."""
    from .lexicon import polish_tags

    # "jest", "ma" are the present of "to be"/"to have": they say nothing of a plan ("będzie" does)
    tags = [tag for lemma, tag in polish_tags(word)
            if not (tag.startswith("fin") and lemma.split(":")[0] in ("być", "mieć"))]
    lemmas = {lemma.split(":")[0] for lemma, _ in polish_tags(word)}
    pos = {tag.split(":", 1)[0] for tag in tags}
    if "praet" in pos and "part" in pos and "by" in lemmas:  # the conditional: "miałby", "mogłaby"
        return "weak-future"
    if "imps" in pos and "subst" not in pos:  # the impersonal past: "załadowano", "poinformowano"
        return "past"
    if "praet" in pos and "subst" not in pos:
        return "past"
    if any(tag.startswith("praet") and lemma.split(":")[0] in ("być", "mieć") for lemma, tag in polish_tags(word)):
        # "był", "miał" (not the noun "miał"); "była"/"były" are as well "the former" ("była premier")
        return "copula-past" if "adj" in pos else "past"
    if "bedzie" in pos:
        return "future"
    if "winien" in pos:  # "powinien", "powinny być znane"
        return "weak-future"
    if "fin" in pos and lemmas & {"móc", "musieć"}:  # "może", "mogą", "musi"
        return "weak-future"
    if "fin" in pos and any(t.startswith("fin") and t.endswith(":perf") for t in tags):
        # perfective non-past is the future: "spotka", "odbędą się"; a weak one if the word is as well a
        # noun or an adjective ("uda" is "udać" and "udo", "minie" "minąć" and "mina")
        return "weak-future" if pos & {"subst", "adj", "depr"} else "future"
    if "fin" in pos and "adj" not in pos:
        return "present"
    if pos == {"ppas"}:
        return "weak-past"
    return None


@lru_cache(maxsize=50_000)
def _polish_proper(word: str) -> bool:
    """A capitalised word that morfeusz knows as a name ("Odessie": Odessa, not "odessać")."""
    from .lexicon import polish_tags

    return any(lemma[:1].isupper() for lemma, _ in polish_tags(word))


@lru_cache(maxsize=50_000)
def _polish_noun(word: str) -> bool:
    """Only a noun (or a gerund): "premier", "ostrzeżenia"."""
    from .lexicon import polish_tags

    pos = {tag.split(":", 1)[0] for _, tag in polish_tags(word)}
    return bool(pos) and pos <= {"subst", "ger", "depr"}


_POLISH_MODAL = re.compile(r"\b(?:ma|mają)\s+(?:się\s+)?\w+ć\b", re.I)


def _polish_markers(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Tense markers by morphology: the l-participle and the impersonal "-no/-to" are past; "będzie" and
    perfective finite verbs are future; imperfective finite verbs are present; a passive participle
    ("cytowany w środę") a weak past; modals and the conditional a weak future.

    A capitalised word is a marker only at the start of its clause and only if morfeusz knows no name of
    that form: "w Odessie" is the city, not the verb "odessać"."""
    out: list[tuple[int, int, str]] = []
    words = list(re.finditer(r"\w+", text[lo:hi]))
    for i, m in enumerate(words):
        word = m.group()
        if word[:1].isupper() and (not dates.sentence_initial(text, lo + m.start(), lo) or _polish_proper(word)):
            continue
        kind = _polish_kind(word.lower())
        if kind == "copula-past":  # "była zamknięta", "była w Astanie" are past; "była premier" a title
            after = words[i + 1].group() if i + 1 < len(words) else ""
            kind = None if not after or after[:1].isupper() or _polish_noun(after.lower()) else "past"
        if kind:
            out.append((lo + m.start(), lo + m.end(), kind))
    # "ma się odbyć", "mają zostać": mieć + infinitive is a plan
    out += [(lo + m.start(), lo + m.end(), "future") for m in _POLISH_MODAL.finditer(text[lo:hi])]
    if any(m[2] == "future" and text[m[0] : m[1]].lower().startswith("będ") for m in out):
        # the compound future "będą trwały" carries an l-participle: the clause is future
        return [m for m in out if m[2] == "future"]
    return out


def _tense(text: str, sentence: tuple[int, int], start: int, end: int, language: str,
           present_is_future: bool, deadline: bool = False, unmarked: str = "past") -> str:
    """'past', 'future', 'weak-future' or 'nearest' for the expression at text[start:end]; 'nearest' in a
    language whose tense is not read.

    present_is_future: a weekday in the present tense is a plan ("przyjeżdża w poniedziałek", "meets on
    Monday"); a date in the present tense ("21 września ... Rosjanie próbują uciec") is a report.
    deadline: a deadline ("by Friday", "do piątku", "payable Jan. 2") looks forward unless a marker of
    its clause says otherwise; a passive participle ("zamknięta do piątku") is a state that lasts, and a
    reporting verb ("must be signed by Friday, the EU said") dates the statement: neither is one.
    unmarked: what a clause without markers says: 'past' for a weekday (reports tell of the days just
    gone), 'nearest' for a date without its year (nothing says which of its two readings is meant).
    A past form used as an adjective ("the reduced dividend", "N.J.-based") is no marker, and a reporting
    verb ("..., the company said") counts only next to the expression or alone: "will open March 2, the
    company said" is the future.
    """
    if not reads_tense(language):
        # no tense markers for this language: nothing says past or future, so the nearest such date
        return "future" if deadline else "nearest"
    lo, hi = _clause(text, sentence[0], sentence[1], start, end)
    markers: list[tuple[int, int, str]] = []
    if _morfeusz(language):
        markers = _polish_markers(text, lo, hi)
    else:
        for kind, pattern in _tense_markers(language):
            markers += [(m.start(), m.end(), kind) for m in pattern.finditer(text, lo, hi)
                        if not (kind == "past" and _not_past(text, lo, m.start(), language))]
    if not present_is_future:
        markers = [m for m in markers if m[2] != "present"]
    reporting = {m for m in markers if _reporting(text, m[0], m[1], language)}
    if deadline:
        markers = [m for m in markers if m[2] != "weak-past" and m not in reporting]
    futures = [m for m in markers if m[2] in ("future", "weak-future")]
    markers = [m for m in markers
               if (m[0] < start or m[0] >= end)  # "next" inside the expression is not one
               and not (m[2] not in ("future", "weak-future")  # "scheduled", "pourrait"
                        and any(f[0] <= m[0] and m[1] <= f[1] for f in futures))]
    others = [m for m in markers if m not in reporting]
    if others:  # a reporting verb away from the expression dates the statement, not the fact
        markers = others + [m for m in markers if m in reporting and (
            _REPORTING_BEFORE.fullmatch(text, m[1], start) if m[1] <= start
            else _REPORTING_AFTER.fullmatch(text, end, m[0]))]
    strong = [m for m in markers if m[2] != "weak-past"] or markers
    if not strong:
        return "future" if deadline else unmarked
    # distance to the expression; a marker running into it ("is scheduled for" + "for May 5") is nearest
    nearest = min(strong, key=lambda m: max(0, start - m[1]) if m[0] < start else m[0] - end)
    if nearest[2] == "weak-future":
        return "weak-future"
    return "future" if nearest[2] in ("future", "present") else "past"


# --- resolution -------------------------------------------------------------------------------------------


def _ym(year: int, month: int) -> str:
    return f"{dates.calendar_year(year):04d}-{month:02d}"


def _y(year: int) -> str:
    return f"{dates.calendar_year(year):04d}"


def _year_for_month(month: int, a: _Anchor, direction: str, strict: bool) -> int:
    if direction == "future":
        return a.year if (month > a.month if strict else month >= a.month) else a.year + 1
    return a.year if (month < a.month if strict else month <= a.month) else a.year - 1


def _year_for_day(month: int, day: int, a: _Anchor, direction: str, strict: bool) -> int:
    here = (month, day) if a.day else (month, 0)
    ref = (a.month, a.day or 0)
    if direction == "future":
        year = a.year if (here > ref if strict else here >= ref) else a.year + 1
    else:
        year = a.year if (here < ref if strict else here <= ref) else a.year - 1
    step = 1 if direction == "future" else -1
    while month == 2 and day == 29 and not calendar.isleap(year):  # the nearest 29 February that exists
        year += step
    return year


def _day_ordinal(year: int, month: int, day: int) -> int:
    return dates.calendar_day(year, month, min(day, calendar.monthrange(year, month)[1])).toordinal()


# With no tense at all, a report is most likely about the past: the coming reading of a date without its
# year wins only when it is this many times nearer than the past one ("payable Jan. 2" in November, not
# "im März" in October). A modal leans ahead already: there the nearer one wins.
_UNMARKED_FUTURE_NEARER = 2


def _nearer(a: _Anchor, ordinal: Callable[[str], int], direction: str) -> str:
    """'past' or 'future', whichever reading (ordinal(direction): its day's ordinal) lies nearer the
    article's date (the middle of its month under a month-only header); the past on a tie. `direction`
    'nearest' (no tense) asks the future to be _UNMARKED_FUTURE_NEARER times nearer, 'weak-future' not."""
    here = _day_ordinal(a.year, a.month, a.day or 15)
    factor = _UNMARKED_FUTURE_NEARER if direction == "nearest" else 1
    return "future" if factor * abs(ordinal("future") - here) < abs(here - ordinal("past")) else "past"


def _week(a: dt.date, offset: int, earlier: bool) -> tuple[str | None, str, str]:
    monday = dates.add_days(a, 7 * offset - a.weekday())
    last = a if earlier and offset == 0 else dates.add_days(monday, 6)
    note = f"the week of {monday.isoformat()} to {last.isoformat()}"
    if (monday.year, monday.month) == (last.year, last.month):
        return _ym(monday.year, monday.month), "month", note
    if monday.year == last.year:
        return _y(monday.year), "year", note + " (across two months)"
    return None, "vague", note + " (across New Year)"


_Resolved = tuple[str | None, str, str]  # (date, precision, note)


def _resolve(f: dates.Found, a: _Anchor | None, tense: Callable[[], str]) -> _Resolved:
    """(date, precision, note) for one found expression: one step per kind of expression."""
    if f.kind == "vague":
        return None, "vague", "no date is given"
    if f.kind == "year":
        assert f.year is not None
        return _y(f.year), "year", f"{f.part} in the year" if f.part else ""
    if f.kind == "day":
        return _resolve_day(f, a, tense)
    if f.kind == "month":
        return _resolve_month(f, a, tense)
    if f.kind == "weekday":
        return _resolve_weekday(f, a, tense)
    return _resolve_relative(f, a)


def _direction(f: dates.Found, tense: Callable[[], str]) -> str:
    """past / future / weak-future: what a shift word says, else the tense of the sentence."""
    direction = {"last": "past", "next": "future"}.get(f.shift or "") or tense()
    if direction == "nearest" and f.role == "since":  # no tense to go by: "since" still looks back ("until"
        return "past"  # ahead is the tense's own: a deadline, but not the end of a range)
    return direction


def _resolve_day(f: dates.Found, a: _Anchor | None, tense: Callable[[], str]) -> _Resolved:
    """A day and month, with or without a year ("21 September", "Saturday, April 25")."""
    assert f.month is not None and f.day is not None
    fm, fd = f.month, f.day  # narrowed here; a lambda would see the Optional fields
    inferred = ""
    year = f.year
    if year is None:
        if a is None:
            return None, "unresolved", "a day without a year, in an article without a date"
        if f.year_shift is not None:
            year = dates.add_years(a.year, f.year_shift)
        elif (by_weekday := _year_of_weekday(fm, fd, f.weekday, a)) is not None:
            year = by_weekday  # "Saturday, April 25": the year near the article whose 25 April is a Saturday
        else:
            direction = _direction(f, tense)
            if direction in ("weak-future", "nearest"):  # a modal, or no tense: the nearer such day
                direction = _nearer(a, lambda d: _day_ordinal(_year_for_day(fm, fd, a, d, strict=False), fm, fd),
                                    direction)
            year = _year_for_day(fm, fd, a, direction, strict=f.shift in ("last", "next"))
        inferred = f"year inferred from the article's date {a.label}"
    day = dates.calendar_day(year, fm, fd)
    note = inferred
    if f.weekday is not None and f.weekday != day.weekday():
        note = "; ".join(filter(None, [note, f"written as a {_WEEKDAY_NAMES[f.weekday]}, but "
                                              f"{day.isoformat()} is a {_WEEKDAY_NAMES[day.weekday()]}"]))
    return day.isoformat(), "day", note


def _year_of_weekday(month: int, day: int, weekday: int | None, a: _Anchor) -> int | None:
    """Of the two readings of `day` `month` (the last one on or before the article's date, the next one on
    or after it), the year of the one that falls on `weekday`; None without a weekday or when neither
    or both do (the article's own day)."""
    if weekday is None:
        return None
    fits = set()
    for direction in ("past", "future"):
        year = _year_for_day(month, day, a, direction, strict=False)
        try:
            if dates.calendar_day(year, month, day).weekday() == weekday:
                fits.add(year)
        except (ValueError, dates.OutsideCalendar):  # beyond year 9999: the resolver says so
            continue
    return fits.pop() if len(fits) == 1 else None


def _resolve_month(f: dates.Found, a: _Anchor | None, tense: Callable[[], str]) -> _Resolved:
    """A month, with or without a year or a part ("in October", "early March 2022", "next May")."""
    assert f.month is not None
    fm = f.month  # narrowed here; a lambda would see the Optional field
    precision = f"{f.part}-month" if f.part else "month"
    if f.year is not None:
        return _ym(f.year, fm), precision, ""
    if a is None:
        return None, "unresolved", "a month without a year, in an article without a date"
    if f.year_shift is not None:
        year = dates.add_years(a.year, f.year_shift)
    elif f.shift == "this":
        year = a.year
    else:
        direction = _direction(f, tense)
        if direction in ("weak-future", "nearest"):  # a modal, or no tense: the nearer such month
            direction = _nearer(a, lambda d: _day_ordinal(_year_for_month(fm, a, d, strict=False), fm, 15),
                                direction)
        year = _year_for_month(fm, a, direction, strict=f.shift in ("last", "next"))
    return _ym(year, fm), precision, f"year inferred from the article's date {a.label}"


def _resolve_weekday(f: dates.Found, a: _Anchor | None, tense: Callable[[], str]) -> _Resolved:
    """A weekday: the nearest such day before or after the article's date, as the tense says."""
    assert f.weekday is not None
    name = _WEEKDAY_NAMES[f.weekday]
    if a is None:
        return None, "unresolved", f"a {name}, in an article without a date"
    if a.date is None:
        return _ym(a.year, a.month), "weekday-unresolved", f"a {name} in {_ym(a.year, a.month)}"
    own = a.date
    direction = _direction(f, tense)
    ahead = (f.weekday - own.weekday()) % 7 or (7 if f.shift == "next" else 0)
    behind = (own.weekday() - f.weekday) % 7 or (7 if f.shift == "last" else 0)
    if direction == "nearest":  # no tense to go by: the nearer one, the past one on a tie
        direction = "future" if ahead < behind else "past"
    if direction in ("future", "weak-future"):  # a weekday is days away: a modal is enough
        day = dates.add_days(own, ahead)
    else:
        day = dates.add_days(own, -behind)
    if day == own:
        note = f"the article's own day ({name} {a.label})"
    else:
        side = "after" if day > own else "before"
        note = f"the {name} {side} the article's date ({_WEEKDAY_NAMES[own.weekday()]} {a.label})"
    return day.isoformat(), "day", note


def _resolve_relative(f: dates.Found, a: _Anchor | None) -> _Resolved:
    """Relative words ("yesterday", "last week", "next month", "a year ago"), counted from the article's date."""
    unit, offset = f.unit, f.offset
    if a is None:
        return None, "unresolved", "relative to the article's date, and the article has no date"
    if unit == "day":
        if a.date is None:
            return (_ym(a.year, a.month), "month",
                    f"{_day_phrase(offset)} in an article dated only {_ym(a.year, a.month)}")
        return dates.add_days(a.date, offset).isoformat(), "day", ""
    if unit == "week":
        if a.date is None:
            return None, "unresolved", f"a week relative to an article dated only {_ym(a.year, a.month)}"
        return _week(a.date, offset, f.part == "earlier")
    if unit == "month":
        year, month = dates.add_months(a.year, a.month, offset)
        part = f.part if f.part in ("early", "mid", "late") else None
        return _ym(year, month), f"{part}-month" if part else "month", ""
    if unit == "year":
        return _y(dates.add_years(a.year, offset)), "year", ""
    raise AssertionError(unit)


def _resolve_in_calendar(f: dates.Found, a: _Anchor | None,
                         tense: Callable[[], str]) -> tuple[str | None, str, str]:
    """`_resolve`, with a date outside years 1-9999 turned into an unresolved expression with a note.

    The date it gives is checked by `interval` here, so that ordering and grouping, which read every
    date's interval, never meet one they cannot compute."""
    try:
        date, precision, note = _resolve(f, a, tense)
        interval(date, precision)
    except dates.OutsideCalendar as error:
        against = f" (against the article's date {a.label})" if a is not None else ""
        return None, "unresolved", f"{OUTSIDE_CALENDAR}: {error}{against}"
    return date, precision, note


# The start of the note of an expression whose date would lie before year 1 or after year 9999.
OUTSIDE_CALENDAR = f"outside the calendar (years {dates.MIN_YEAR}-{dates.MAX_YEAR})"


def _day_phrase(offset: int) -> str:
    return {-2: "two days before", -1: "the day before", 0: "the day of", 1: "the day after",
            2: "two days after"}.get(offset, f"{offset:+d} days")


def _needs_tense(f: dates.Found) -> bool:
    if f.kind == "weekday":
        return f.shift not in ("last", "next")
    if f.kind in ("day", "month"):
        return f.year is None and f.year_shift is None and f.shift is None
    return False


# --- public API -------------------------------------------------------------------------------------------


def find_expressions(source: Source, limit: int | None = None) -> list[TemporalExpression]:
    """Every temporal expression in the body of `source` (the first `limit`), resolved against its own date,
    in text order.

    `entities` and `event` are left empty: `build_timeline` fills them.
    """
    text = source.text
    found = dates.tag(text, source.body_start, source.language, limit)
    if not found:
        return []
    anchor = _anchor(source)
    sentences = _Sentences(text, source.body_start)
    out: list[TemporalExpression] = []
    previous: dates.Found | None = None
    for f in found:
        # "od 7. do 9. rujna", "from 7 to 9 September": the end of a range is no deadline
        range_end = (f.role == "until" and previous is not None and previous.role == "since"
                     and f.start - previous.end <= 3)
        previous = f
        sentence = sentences.around(f.start)
        if sentence[1] < f.end:  # an expression across a line break: its sentence runs on
            sentence = (sentence[0], sentences.around(f.end - 1)[1])
        sentence = _bounded(text, sentence, f.start, f.end)

        def tense(f: dates.Found = f, sentence: tuple[int, int] = sentence, range_end: bool = range_end) -> str:
            # "since Monday" with a present tense ("obowiązują od poniedziałku") is an ongoing state
            weekday = f.kind == "weekday"
            return _tense(text, sentence, f.start, f.end, source.language, weekday and f.role != "since",
                          deadline=f.role != "since" and not range_end
                          and is_deadline(text, f, *sentence, source.language),
                          unmarked="past" if weekday else "nearest")

        before = _day_before_it(text, f.start, out) if f.chained else None
        date: str | None
        if before is not None and dt.date.min + dt.timedelta(days=7) < before < dt.date.max - dt.timedelta(days=7):
            # "the day before" after "on 3 March" in its paragraph: counted from that date, not the article's
            date, precision, note = (dates.add_days(before, f.offset).isoformat(), "day",
                                     "counted from the date before it in its paragraph")
        else:
            date, precision, note = _resolve_in_calendar(f, anchor, tense)
        out.append(TemporalExpression(
            source=source.path, source_id=source.id, start=f.start, end=f.end, text=text[f.start : f.end],
            date=date, precision=precision, role=f.role, sentence=text[sentence[0] : sentence[1]],
            sentence_start=sentence[0], note=note,
        ))
    return out


def _day_before_it(text: str, start: int, earlier: list[TemporalExpression]) -> dt.date | None:
    """The day of the last expression before `start` in its paragraph, if that one is a day (None otherwise:
    "Накануне" with nothing before it is the day before the article's date)."""
    paragraph = text.rfind("\n", 0, start)
    for e in reversed(earlier):
        if e.start <= paragraph:
            return None
        if e.date is not None and e.precision == "day":
            try:
                return dt.date.fromisoformat(e.date)
            except ValueError:
                return None
        return None
    return None


# A "sentence" longer than this is no sentence (a megabyte without a full stop, 19 MB of dates): each
# expression would copy all of it and search it for tense markers, a cost of the square of the text.
# Such an expression gets a window of its surroundings instead; real sentences are far shorter.
MAX_SENTENCE_CHARS = 2000
_WINDOW_CHARS = 400


def _bounded(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """`sentence`, or a window of whole words around text[start:end] when the sentence is too long."""
    lo, hi = sentence
    if hi - lo <= MAX_SENTENCE_CHARS:
        return sentence
    window_lo, window_hi = max(lo, start - _WINDOW_CHARS), min(hi, end + _WINDOW_CHARS)
    if window_lo > lo:
        cut = text.find(" ", window_lo, start)
        window_lo = cut + 1 if cut != -1 else start
    if window_hi < hi:
        cut = text.rfind(" ", end, window_hi)
        window_hi = cut if cut != -1 else end
    return window_lo, window_hi


@lru_cache(maxsize=4096)
def interval(date: str | None, precision: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a (partial) date can mean; None for an unresolved or vague one."""
    if date is None or precision in _UNDATED:
        return None
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        day = dates.calendar_day(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        last = calendar.monthrange(year, month)[1]
        first_day, last_day = {"early-month": (1, 10), "mid-month": (11, 20), "late-month": (21, last)}.get(
            precision, (1, last))
        return dates.calendar_day(year, month, first_day), dates.calendar_day(year, month, last_day)
    return dates.calendar_day(parts[0], 1, 1), dates.calendar_day(parts[0], 12, 31)


def _sort_key(date: str | None, precision: str) -> tuple:
    span = interval(date, precision)
    if span is None:
        return (1 if precision == "unresolved" else 2,)
    return (0, span[0].toordinal(), -(span[1] - span[0]).days)


def _expression_key(e: TemporalExpression) -> tuple:
    return (*_sort_key(e.date, e.precision), e.source_id, e.start)


def _sentence_entities(spans: Sequence[tuple[int, int, str]], starts: list[int], lo: int, hi: int) -> tuple[str, ...]:
    ids: dict[str, None] = {}
    for i in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)):
        start, end, entity = spans[i]
        if end <= hi and entity:
            ids[entity] = None
    return tuple(ids)


@dataclass
class _Group:
    members: list[int]
    lo: dt.date
    hi: dt.date
    date: str | None
    precision: str
    entities: set[str]
    closed: bool = False  # boilerplate, year-level, unresolved: nothing else joins it


# The start of the warning a source gets when reading its dates failed (see `build_timeline`).
CHRONOLOGY_FAILED = "dates not read"
# An article has tens of dates, a long report a few hundred. Past this many, a source is no article (19 MB of
# dates: 660,000 expressions, 2.6 GB and 98 s): the chronology keeps the first ones and says so.
MAX_EXPRESSIONS_PER_SOURCE = 10_000

# failed(source, warning): reading the dates of `source` raised; its expressions are left out.
SourceFailure = Callable[[Source, str], None]


def build_timeline(
    sources: Sequence[Source], entity_spans: Mapping[str, Sequence[tuple[int, int, str]]],
    failed: SourceFailure | None = None,
) -> tuple[list[TemporalExpression], list[Event]]:
    """Every expression of every source, chronologically (unresolved, then vague, last), and the events.

    entity_spans: source id -> [(start, end, entity_id), ...]; an expression's `entities` are the entities
    mentioned inside its sentence.

    failed: given, an unexpected error while reading one source's dates (a bug: dates outside the
    calendar are handled) leaves that source out, reported through failed(source, warning), and the
    chronology of the rest is built; not given, or with STORYVIEW_DEBUG set, the error propagates.
    It is also told of a source whose dates were cut at MAX_EXPRESSIONS_PER_SOURCE.

    Grouping into events (deterministic, whatever the order of `sources`):
      1. Expressions of the same exact day whose sentences share an entity are one event, across sources.
         An expression of that day whose sentence names no entity joins the largest event of that day:
         nothing says it is a different happening. Same day, disjoint named entities: separate events.
      2. Month-level expressions (a month, early/mid/late month, a weekday under a month-only header),
         narrowest first, join the event they share most entities with among those lying inside their
         span ("2022-10" takes "2022-10-18"; early October takes "2022-10-03"), else start their own.
         A partial date is weak evidence, so here the story's ubiquitous entities do not count: those
         named in the sentences of more than half of all expressions (with four or more expressions),
         e.g. "Kazakhstan" in a story about Kazakhstan. The same weekday twice under one month-only
         header is the same (unknown) day, and one event.
      3. Years join only the same year, with a shared entity (ubiquitous ones aside): a year says too
         little to merge with a day.
      4. Unresolved and vague expressions, and anything in a source's boilerplate, are events on their own.
      5. Month-level events of the same date where one sentence names the entity named last before the
         other's sentence (its "the diplomat", "the company") are one (`join_told_back`).
    Across 1–3, the same words say the same fact: expressions of the same date and precision whose sentences
    read the same once the date itself is taken out (`wording`: case, accents and punctuation aside), or
    near copies naming the same entities (eight words or more, nine in ten of the shorter one's words in
    the other, and six in ten of all), are one event. Most
    of a big story's events were such copies, one source each ("Ties have been strained since January" in
    185 sources).
    Event ids are "ev-<date>-<n>" ("ev-2022-09-21-1"), n counting events of that date in timeline order;
    "ev-unresolved-<n>" / "ev-vague-<n>" for those without a date.
    """
    exprs: list[TemporalExpression] = []
    boiler: set[int] = set()
    before: dict[int, str] = {}  # expression -> the entity named last before its sentence (see _group)
    for source in sorted(sources, key=lambda s: s.id):
        try:
            found = _source_expressions(source, entity_spans.get(source.id, ()), MAX_EXPRESSIONS_PER_SOURCE + 1)
        except Exception as error:
            # One file must not take down the chronology of the whole story; STORYVIEW_DEBUG (and a
            # caller without `failed`, e.g. a test) gets the error itself.
            if failed is None or os.environ.get("STORYVIEW_DEBUG"):
                raise
            failed(source, f"{CHRONOLOGY_FAILED} (internal error: {type(error).__name__}: {error})")
            continue
        if len(found) > MAX_EXPRESSIONS_PER_SOURCE:
            found = found[:MAX_EXPRESSIONS_PER_SOURCE]
            if failed is not None:
                failed(source, f"only the first {MAX_EXPRESSIONS_PER_SOURCE:,} dates are in the chronology "
                               "(the limit per source)")
        for e, in_boilerplate, named_before in found:
            if in_boilerplate:
                boiler.add(len(exprs))
            if named_before:
                before[len(exprs)] = named_before
            exprs.append(e)
    order = sorted(range(len(exprs)), key=lambda i: _expression_key(exprs[i]))
    counts: dict[str, int] = {}
    for e in exprs:
        for entity in e.entities:
            counts[entity] = counts.get(entity, 0) + 1
    ubiquitous = {x for x, n in counts.items() if 2 * n > len(exprs)} if len(exprs) >= 4 else set()
    groups = _group(exprs, order, boiler, ubiquitous, before)

    groups.sort(key=lambda g: (_sort_key(g.date, g.precision), min(_expression_key(exprs[i]) for i in g.members)))
    counters: dict[str, int] = {}
    final: dict[int, TemporalExpression] = {}
    events: list[Event] = []
    for g in groups:
        label = g.date or g.precision
        counters[label] = counters.get(label, 0) + 1
        event_id = f"ev-{label}-{counters[label]}"
        for i in g.members:
            final[i] = replace(exprs[i], event=event_id)
        members = sorted(g.members, key=lambda i: _expression_key(exprs[i]))
        events.append(Event(event_id, g.date, g.precision, tuple(final[i] for i in members)))
    return [final[i] for i in order], events


def _source_expressions(source: Source, entity_spans: Sequence[tuple[int, int, str]], limit: int | None = None
                        ) -> list[tuple[TemporalExpression, bool, str | None]]:
    """The expressions of one source with their entities, whether each lies in its boilerplate, and the
    entity named last before its sentence (`_named_before`)."""
    spans = sorted(entity_spans)
    starts = [s for s, _, _ in spans]
    out = []
    for e in find_expressions(source, limit):
        hi = e.sentence_start + len(e.sentence)
        e = replace(e, entities=_sentence_entities(spans, starts, e.sentence_start, hi))
        out.append((e, bool(source.boilerplate) and source.in_boilerplate(e.start),
                    _named_before(spans, starts, e.sentence_start, e.entities)))
    return out


def _named_before(spans: Sequence[tuple[int, int, str]], starts: list[int], lo: int,
                  own: tuple[str, ...]) -> str | None:
    """The entity named last before text[lo:] (a sentence), within MAX_SENTENCE_CHARS, unless the sentence
    names it itself: whom "the diplomat", "he" or "the company" of that sentence most likely is."""
    for i in range(bisect.bisect_left(starts, lo) - 1, -1, -1):
        start, end, entity = spans[i]
        if start < lo - MAX_SENTENCE_CHARS:
            return None
        if end <= lo and entity:
            return None if entity in own else entity
    return None


def _group(exprs: list[TemporalExpression], order: list[int], boiler: set[int], ubiquitous: set[str],
           before: Mapping[int, str] | None = None) -> list[_Group]:
    """The events of `exprs` (see build_timeline for the rules), in the order they were started."""
    grouping = _Grouping(exprs)
    days, coarse, years = grouping.sort_by_precision(order, boiler)
    grouping.join_days(days)
    grouping.join_month_level(coarse, order, ubiquitous)
    grouping.join_years(years, ubiquitous)
    grouping.join_told_back(before or {}, ubiquitous)
    return grouping.groups


class _Grouping:
    """The events being built, one step per precision; `groups` in the order they were started."""

    def __init__(self, exprs: list[TemporalExpression]) -> None:
        self.exprs = exprs
        self.groups: list[_Group] = []

    def new(self, i: int, closed: bool = False) -> _Group:
        e = self.exprs[i]
        span = interval(e.date, e.precision) or (dt.date.min, dt.date.min)
        g = _Group([i], span[0], span[1], e.date, e.precision, set(e.entities), closed)
        self.groups.append(g)
        return g

    def sort_by_precision(self, order: list[int], boiler: set[int]
                          ) -> tuple[dict[str, list[int]], list[int], list[int]]:
        """(days by date, month-level, years), each in `order`; boilerplate and undated ones are events of
        their own at once."""
        days: dict[str, list[int]] = {}
        coarse: list[int] = []
        years: list[int] = []
        for i in order:
            e = self.exprs[i]
            if i in boiler or e.precision in _UNDATED:
                self.new(i, closed=True)
            elif e.precision == "day":
                days.setdefault(e.date or "", []).append(i)
            elif e.precision in _MONTH_LEVEL:
                coarse.append(i)
            else:
                years.append(i)
        return days, coarse, years

    def join_days(self, days: dict[str, list[int]]) -> None:
        """1. The same day: connected components of "shares an entity", then the entity-less join the largest."""
        exprs = self.exprs
        for members in days.values():
            named = [i for i in members if exprs[i].entities]
            parent = {i: i for i in named}

            def root(i: int, parent: dict[int, int] = parent) -> int:
                while parent[i] != i:
                    parent[i] = parent[parent[i]]
                    i = parent[i]
                return i

            first_with: dict[str, int] = {}
            same_words: _SameWords[int] = _SameWords()
            for i in named:
                for entity in exprs[i].entities:
                    if entity in first_with:
                        parent[root(i)] = root(first_with[entity])
                    else:
                        first_with[entity] = i
                twin = same_words.find(exprs[i])
                if twin is None:
                    same_words.add(exprs[i], i)
                else:
                    parent[root(i)] = root(twin)
            components: dict[int, _Group] = {}
            for i in named:
                r = root(i)
                if r in components:
                    components[r].members.append(i)
                    components[r].entities.update(exprs[i].entities)
                else:
                    components[r] = self.new(i)
            unnamed = [i for i in members if not exprs[i].entities]
            if unnamed:
                target = (max(components.values(), key=lambda g: len(g.members), default=None)
                          or self.new(unnamed.pop(0)))
                target.members.extend(unnamed)

    def join_month_level(self, coarse: list[int], order: list[int], ubiquitous: set[str]) -> None:
        """2. Month-level, narrowest first: join the best event inside the span, or start one."""
        exprs = self.exprs
        months = _MonthIndex(self.groups)
        rank = {i: r for r, i in enumerate(order)}
        same_day: dict[tuple[str, str], _Group] = {}  # (source, "a Wednesday in 2022-10") -> its event
        same_words: _SameWords[_Group] = _SameWords()
        for i in sorted(coarse, key=lambda i: (_width(exprs[i]), rank[i])):
            e = exprs[i]
            span = interval(e.date, e.precision)
            assert span is not None
            lo, hi = span
            best = same_day.get((e.source_id, e.note)) if e.precision == "weekday-unresolved" else None
            specific = set(e.entities) - ubiquitous
            if best is None and specific:
                best = months.best_inside(lo, hi, specific)
            if best is None:
                best = same_words.find(e)
            if best is None:
                best = self.new(i)
                months.add(best)
            else:
                best.members.append(i)
                best.entities.update(e.entities)
                months.reindex(best)
            same_words.add(e, best)
            if e.precision == "weekday-unresolved":
                same_day.setdefault((e.source_id, e.note), best)

    def join_years(self, years: list[int], ubiquitous: set[str]) -> None:
        """3. Years: the same year with a shared entity."""
        by_year: dict[str | None, list[_Group]] = {}
        same_words: _SameWords[_Group] = _SameWords()
        for i in years:
            e = self.exprs[i]
            specific = set(e.entities) - ubiquitous
            group = next((g for g in by_year.get(e.date, []) if g.entities & specific), None) or same_words.find(e)
            if group is None:
                group = self.new(i)
                by_year.setdefault(e.date, []).append(group)
            else:
                group.members.append(i)
                group.entities.update(e.entities)
            same_words.add(e, group)


    def join_told_back(self, before: Mapping[int, str], ubiquitous: set[str]) -> None:
        """5. Events of the same month (the same date and precision) where one sentence names whom
        the other refers back to ("the diplomat" after "Petro Vrublevskiy", in one source; "ambassador
        Petro Vrublevskiy" in another) are one: the entity named last before a sentence that does not
        name it itself, the story's ubiquitous entities aside."""
        exprs = self.exprs
        # months only: a day has many facts in a big story, and a day's event needs a shared entity of its
        # own sentences ("repeated on Wednesday" after the Rada's vote is another fact of that Wednesday)
        open_groups = [g for g in self.groups if not g.closed and g.precision in _MONTH_LEVEL and g.date]
        naming: dict[tuple[str | None, str, str], list[int]] = {}  # (date, precision, entity) -> groups
        for k, g in enumerate(open_groups):
            for entity in g.entities - ubiquitous:
                naming.setdefault((g.date, g.precision, entity), []).append(k)
        parent = list(range(len(open_groups)))

        def root(k: int) -> int:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for k, g in enumerate(open_groups):
            for i in g.members:
                named = before.get(i)
                if named is None or named in ubiquitous or named in g.entities:
                    continue
                for other in naming.get((exprs[i].date, exprs[i].precision, named), ()):
                    parent[root(other)] = root(k)
        gone: set[int] = set()
        for k, g in enumerate(open_groups):
            r = root(k)
            if r == k:
                continue
            target = open_groups[r]
            target.members.extend(g.members)
            target.entities.update(g.entities)
            gone.add(id(g))
        if gone:
            self.groups = [g for g in self.groups if id(g) not in gone]


def wording(e: TemporalExpression) -> str:
    """What `e`'s sentence says besides the date: its words folded (case and accents aside, punctuation
    gone), the expression itself a placeholder. Two sources printing one agency line share it."""
    at = e.start - e.sentence_start
    sentence = e.sentence
    if 0 <= at and sentence[at:at + len(e.text)] == e.text:
        sentence = sentence[:at] + " \x00 " + sentence[at + len(e.text):]
    return " ".join(_WORD.findall(fold(sentence))) or fold(e.text)


_WORD = re.compile(r"\w+|\x00")
# Near copies: sentences this long, nine in ten of the shorter one's words in the other, and most words of
# both shared (an edited agency line: a clause cut, "поднятия" for "повышения"; not a short sentence inside
# a long one). Shorter sentences must read the same: "prices rose in May" / "prices fell in May" share
# three words of four.
_NEAR_COPY_WORDS = 8
_NEAR_COPY_SHARE = 0.9
_NEAR_COPY_OVERLAP = 0.6


_T = TypeVar("_T")


class _SameWords(Generic[_T]):
    """The events (or anything) already holding a sentence of each wording, by date and precision.

    A near copy must name the same entities: "Neither A nor B attended the meeting on 18 January" is a
    template, and with C and D another fact, though it shares nine words in ten."""

    def __init__(self) -> None:
        self.exact: dict[tuple[str | None, str, str], _T] = {}
        # (date, precision, entities) -> [(words, value)] of the long sentences, for near copies
        self.long: dict[tuple[str | None, str, frozenset[str]], list[tuple[frozenset[str], _T]]] = {}

    def find(self, e: TemporalExpression) -> _T | None:
        if not e.sentence:
            return None
        words = wording(e)
        found = self.exact.get((e.date, e.precision, words))
        if found is not None:
            return found
        split = words.split()
        if len(split) < _NEAR_COPY_WORDS:
            return None
        mine = frozenset(split)
        for theirs, value in self.long.get((e.date, e.precision, frozenset(e.entities)), ()):
            shared = len(mine & theirs)
            if (shared >= _NEAR_COPY_SHARE * min(len(mine), len(theirs))
                    and shared >= _NEAR_COPY_OVERLAP * len(mine | theirs)):
                return value
        return None

    def add(self, e: TemporalExpression, value: _T) -> None:
        if not e.sentence:
            return
        words = wording(e)
        key = (e.date, e.precision, words)
        if key in self.exact:
            return
        self.exact[key] = value
        split = words.split()
        if len(split) >= _NEAR_COPY_WORDS:
            self.long.setdefault((e.date, e.precision, frozenset(e.entities)), []).append((frozenset(split), value))


def _width(e: TemporalExpression) -> int:
    span = interval(e.date, e.precision)
    assert span is not None
    return (span[1] - span[0]).days


class _MonthIndex:
    """The events a month-level expression may join, by the month they start in and by the entities they
    name, so that an expression looks only at events sharing an entity with it (a big story has thousands
    of events a month). Each keeps its place in its month, the order ties go by."""

    def __init__(self, groups: list[_Group]) -> None:
        self.by_month: dict[tuple[int, int], list[_Group]] = {}
        self.by_entity: dict[tuple[int, int], dict[str, list[tuple[int, _Group]]]] = {}
        self.indexed: dict[int, set[str]] = {}  # id(group) -> entities it is indexed under
        self.positions: dict[int, tuple[tuple[int, int], int]] = {}
        for g in groups:
            if not g.closed:
                self.add(g)

    def add(self, g: _Group) -> None:
        month = (g.lo.year, g.lo.month)
        members = self.by_month.setdefault(month, [])
        members.append(g)
        self.positions[id(g)] = (month, len(members) - 1)
        self._index(g, month, len(members) - 1)

    def reindex(self, g: _Group) -> None:
        """`g` took an expression (and perhaps new entities)."""
        if id(g) in self.positions:
            self._index(g, *self.positions[id(g)])

    def _index(self, g: _Group, month: tuple[int, int], position: int) -> None:
        done = self.indexed.setdefault(id(g), set())
        for entity in g.entities - done:
            self.by_entity.setdefault(month, {}).setdefault(entity, []).append((position, g))
        done.update(g.entities)

    def best_inside(self, lo: dt.date, hi: dt.date, specific: set[str]) -> _Group | None:
        """The event inside [lo, hi] sharing most of `specific`, then the narrowest, then the earliest."""
        month_index = self.by_entity.get((lo.year, lo.month), {})
        candidates = {id(g): (position, g) for entity in specific for position, g in month_index.get(entity, ())}
        best, best_key = None, None
        for _position, g in sorted(candidates.values(), key=lambda pg: pg[0]):
            if not (lo <= g.lo and g.hi <= hi):
                continue
            key = (-len(g.entities & specific), (g.hi - g.lo).days, g.lo)
            if best_key is None or key < best_key:
                best, best_key = g, key
        return best
