"""How dates, precisions, entity types and sizes are written for people: one wording everywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine.model import Source

TYPE_ORDER = ("PERSON", "PLACE", "ORG", "OTHER")
TYPE_GROUP = {"PERSON": "People", "PLACE": "Places", "ORG": "Organisations", "OTHER": "Other names"}
TYPE_BADGE = {"PERSON": "person", "PLACE": "place", "ORG": "org", "OTHER": "other"}

_PART_OF_MONTH = {"early-month": "early", "mid-month": "mid", "late-month": "late"}


def source_date(source: Source) -> str:
    """The article's own date as its header gives it: a day, a month, or nothing."""
    return source.date or "undated"


def source_date_detail(source: Source) -> str:
    if source.date is None:
        return "undated"
    return f"{source.date} ({source.date_precision or 'day'})"


def when(date: str | None, precision: str, note: str = "") -> str:
    """A date with no more precision than it has: "2022-10-18", "early 2022-10", "a Wednesday in 2022-10"."""
    if precision in _PART_OF_MONTH and date:
        return f"{_PART_OF_MONTH[precision]} {date}"
    if precision == "weekday-unresolved":
        return note or (f"a weekday in {date}" if date else "a weekday")
    if date is None:
        return {"vague": "vague", "unresolved": "unresolved"}.get(precision, "undated")
    return date


def words(count: int) -> str:
    if count >= 10_000:
        return f"{count / 1000:.0f}k w"
    return f"{count} w"



def plural(count: int, word: str, many: str | None = None) -> str:
    """"1 mention", "2 mentions", "1,500 sources": a count with its noun, singular for one."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"
