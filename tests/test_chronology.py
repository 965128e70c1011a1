"""The chronology: finding temporal expressions in four languages, resolving them against the article's
own date, the traps that must not become dates, and grouping into events.

Sentences are written for these tests; the seed articles' gold (shared acceptance file, copied into
SEED_GOLD below so the suite runs without shared/) is checked at the end.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine import dates
from tui.engine.chronology import build_timeline, find_expressions, interval
from tui.engine.model import Source

THURSDAY = "2022-10-20"  # the article date most tests use: a Thursday


def make_source(body: str, language: str = "en", date: str | None = THURSDAY, sid: str = "s1",
                boilerplate: tuple[tuple[int, int], ...] = ()) -> Source:
    """A Source as the loader builds it: the ` date ` header (if any) before the body."""
    header = f" date {date} " if date else ""
    text = header + body
    precision = None if date is None else ("day" if len(date) == 10 else "month")
    return Source(id=sid, path=f"{sid}.txt", abspath=f"/tmp/{sid}.txt", text=text, body_start=len(header),
                  language=language, date=date, date_precision=precision, title="", words=len(body.split()),
                  encoding="utf-8", boilerplate=boilerplate)


def found(body: str, language: str = "en", date: str | None = THURSDAY) -> list[tuple[str, str | None, str, str]]:
    """(text, date, precision, role) of every expression, checking the offset contract on the way."""
    source = make_source(body, language, date)
    out = []
    for e in find_expressions(source):
        assert source.text[e.start : e.end] == e.text
        assert e.start >= source.body_start
        assert source.text[e.sentence_start : e.sentence_start + len(e.sentence)] == e.sentence
        assert e.sentence_start <= e.start and e.end <= e.sentence_start + len(e.sentence)
        assert e.entities == () and e.event == ""
        out.append((e.text, e.date, e.precision, e.role))
    return out


def one(body: str, language: str = "en", date: str | None = THURSDAY) -> tuple[str, str | None, str, str]:
    result = found(body, language, date)
    assert len(result) == 1, result
    return result[0]


# --- absolute dates ---------------------------------------------------------------------------------------

ABSOLUTE = [
    # English
    ("en", "On September 21, the embassy warned its citizens.", ("On September 21", "2022-09-21", "day", "point")),
    ("en", "The law took effect Sept 1 across the country.", ("Sept 1", "2022-09-01", "day", "point")),
    ("en", "The law took effect Sept. 1 across the country.", ("Sept. 1", "2022-09-01", "day", "point")),
    ("en", "The decree was signed on 1 September 2022 in Kyiv.", ("on 1 September 2022", "2022-09-01", "day", "point")),
    ("en", "It was signed on September 1, 2021, in Kyiv.", ("on September 1, 2021", "2021-09-01", "day", "point")),
    ("en", "It happened on the 21st of September, officials said.", ("on the 21st of September", "2022-09-21", "day", "point")),
    ("en", "The list was published on 2022-09-21 by the ministry.", ("on 2022-09-21", "2022-09-21", "day", "point")),
    ("en", "He was born in 1986 in Lviv.", ("in 1986", "1986", "year", "point")),
    ("en", "Talks stalled on Tuesday, October 18, after a row.", ("on Tuesday, October 18", "2022-10-18", "day", "point")),
    ("en", "The envoy was expelled on 29 February.", ("on 29 February", "2020-02-29", "day", "point")),
    # Polish
    ("pl", "Mobilizację ogłoszono 21 września w Moskwie.", ("21 września", "2022-09-21", "day", "point")),
    ("pl", "Ustawa weszła w życie w dniu 1 września 2022 r. w całym kraju.", ("w dniu 1 września 2022 r.", "2022-09-01", "day", "point")),
    ("pl", "Urodził się w 1986 roku we Lwowie.", ("w 1986 roku", "1986", "year", "point")),
    ("pl", "Było to w roku 1986, jak pisze autor.", ("w roku 1986", "1986", "year", "point")),
    ("pl", "Katastrofa z 1986 r. wciąż budzi emocje.", ("1986 r.", "1986", "year", "point")),
    ("pl", "Decyzję opublikowano 20.09.2022 r. na stronie.", ("20.09.2022 r.", "2022-09-20", "day", "point")),
    # German
    ("de", "Die Regierung entschied am 1. September über die Frage.", ("am 1. September", "2022-09-01", "day", "point")),
    ("de", "Das Gesetz trat am 1. September 2021 in Kraft.", ("am 1. September 2021", "2021-09-01", "day", "point")),
    ("de", "Er wurde im Jahr 1986 in Lwiw geboren.", ("im Jahr 1986", "1986", "year", "point")),
    ("de", "Die Liste erschien am 20.09.2022 im Amtsblatt.", ("am 20.09.2022", "2022-09-20", "day", "point")),
    ("de", "Am Dienstag, dem 18. Oktober, kam es zum Streit.", ("Am Dienstag, dem 18. Oktober", "2022-10-18", "day", "point")),
    # French
    ("fr", "La loi est entrée en vigueur le 1er septembre dans tout le pays.", ("le 1er septembre", "2022-09-01", "day", "point")),
    ("fr", "Le décret a été signé le 21 septembre 2022 à Kiev.", ("le 21 septembre 2022", "2022-09-21", "day", "point")),
    ("fr", "Il est né en 1986 à Lviv.", ("en 1986", "1986", "year", "point")),
    ("fr", "Le plan doit aboutir d'ici 2030, selon le ministre.", ("d'ici 2030", "2030", "year", "until")),
    ("fr", "Le texte a été publié le mercredi 19 octobre au Journal officiel.", ("le mercredi 19 octobre", "2022-10-19", "day", "point")),
    ("fr", "La liste a été publiée le 20/09/2022 par le ministère.", ("le 20/09/2022", "2022-09-20", "day", "point")),
]


@pytest.mark.parametrize("language,body,expected", ABSOLUTE)
def test_absolute_dates(language: str, body: str, expected: tuple) -> None:
    assert one(body, language) == expected


def test_a_date_with_its_year_needs_no_article_date() -> None:
    assert one("The decree was signed on 1 September 2022 in Kyiv.", date=None)[1:3] == ("2022-09-01", "day")
    assert one("Il est né en 1986 à Lviv.", "fr", date=None)[1:3] == ("1986", "year")
    assert one("Das Gesetz trat am 1. September 2021 in Kraft.", "de", date=None)[1:3] == ("2021-09-01", "day")


def test_the_year_of_a_day_is_the_most_recent_one_not_after_the_article() -> None:
    assert one("The talks took place on November 3 in Geneva.")[1] == "2021-11-03"
    assert one("The talks took place on October 20 in Geneva.")[1] == "2022-10-20"
    # ... but a future-tense clause looks ahead
    assert one("The ministers will meet on November 3 in Geneva.")[1] == "2022-11-03"
    assert one("Die Minister werden sich am 3. November in Genf treffen.", "de")[1] == "2022-11-03"
    assert one("Les ministres se rencontreront le 3 novembre à Genève.", "fr")[1] == "2022-11-03"
    assert one("Ministrowie będą rozmawiać 3 listopada w Genewie.", "pl")[1] == "2022-11-03"


def test_an_inferred_year_is_noted() -> None:
    e = find_expressions(make_source("On September 21, the embassy warned its citizens."))[0]
    assert "inferred" in e.note and THURSDAY in e.note


def test_an_impossible_date_is_not_a_date() -> None:
    assert found("The ceasefire of 31 September 2022 was a rumour.") == []
    assert found("It was signed on 29 February 2021, he claimed.") == []


# --- months and parts of months ---------------------------------------------------------------------------

MONTHS = [
    ("en", "He gave the interview in August, officials said.", ("in August", "2022-08", "month", "point")),
    ("en", "Prices rose in November, the bank said.", ("in November", "2021-11", "month", "point")),
    ("en", "The ministry will publish the plan in November.", ("in November", "2022-11", "month", "point")),
    ("en", "Prices rose in October, the bank said.", ("in October", "2022-10", "month", "point")),
    ("en", "In early October, the ministry summoned the envoy.", ("In early October", "2022-10", "early-month", "point")),
    ("en", "Fighting resumed in mid-September near Izium.", ("in mid-September", "2022-09", "mid-month", "point")),
    ("en", "The convoy left in late August, witnesses said.", ("in late August", "2022-08", "late-month", "point")),
    ("en", "The plan was drafted at the end of September.", ("at the end of September", "2022-09", "late-month", "point")),
    ("en", "Talks resumed at the beginning of October.", ("at the beginning of October", "2022-10", "early-month", "point")),
    ("en", "The strike began last May and never ended.", ("last May", "2022-05", "month", "point")),
    ("en", "It was first reported in May 2019 by the agency.", ("in May 2019", "2019-05", "month", "point")),
    ("en", "Exports fell in May last year, data showed.", ("in May last year", "2021-05", "month", "point")),
    ("pl", "Wywiad ukazał się w sierpniu na blogu.", ("w sierpniu", "2022-08", "month", "point")),
    ("pl", "Rozmowy podjęto na początku sierpnia w Astanie.", ("na początku sierpnia", "2022-08", "early-month", "point")),
    ("pl", "Konwój wyjechał pod koniec sierpnia z Charkowa.", ("pod koniec sierpnia", "2022-08", "late-month", "point")),
    ("pl", "Walki wznowiono w połowie września pod Iziumem.", ("w połowie września", "2022-09", "mid-month", "point")),
    ("pl", "Umowę podpisano w sierpniu 2021 roku w Kijowie.", ("w sierpniu 2021 roku", "2021-08", "month", "point")),
    ("pl", "Ceny wzrosły w sierpniu ubiegłego roku.", ("w sierpniu ubiegłego roku", "2021-08", "month", "point")),
    ("de", "Das Interview erschien im März auf einem Blog.", ("im März", "2022-03", "month", "point")),
    ("de", "Die Gespräche begannen Anfang August in Astana.", ("Anfang August", "2022-08", "early-month", "point")),
    ("de", "Die Kämpfe flammten Mitte August wieder auf.", ("Mitte August", "2022-08", "mid-month", "point")),
    ("de", "Der Konvoi brach Ende August auf.", ("Ende August", "2022-08", "late-month", "point")),
    ("de", "Das Interview erschien im Mai auf einem Blog.", ("im Mai", "2022-05", "month", "point")),
    ("de", "Die Preise stiegen im August letzten Jahres.", ("im August letzten Jahres", "2021-08", "month", "point")),
    ("fr", "L'entretien a été publié en mars sur un blog.", ("en mars", "2022-03", "month", "point")),
    ("fr", "Les pourparlers ont repris début août à Astana.", ("début août", "2022-08", "early-month", "point")),
    ("fr", "Les combats ont repris à la mi-août près d'Izioum.", ("à la mi-août", "2022-08", "mid-month", "point")),
    ("fr", "Le convoi est parti fin août de Kharkiv.", ("fin août", "2022-08", "late-month", "point")),
    ("fr", "Les prix ont augmenté au mois d'août selon la banque.", ("au mois d'août", "2022-08", "month", "point")),
    ("fr", "Les prix ont augmenté en août 2021 selon la banque.", ("en août 2021", "2021-08", "month", "point")),
]


@pytest.mark.parametrize("language,body,expected", MONTHS)
def test_months_and_parts_of_months(language: str, body: str, expected: tuple) -> None:
    assert one(body, language) == expected


# --- weekdays ---------------------------------------------------------------------------------------------

WEEKDAYS = [
    # past tense: the most recent such weekday before the (Thursday) article date
    ("en", "The decree was published on Tuesday evening.", ("on Tuesday evening", "2022-10-18")),
    ("en", "The spokesman said Tuesday that talks had stalled.", ("Tuesday", "2022-10-18")),
    ("en", "The ministry summoned the envoy on Friday.", ("on Friday", "2022-10-14")),
    ("en", "The envoy left last Thursday.", ("last Thursday", "2022-10-13")),
    ("en", "The ministers met on Monday, officials said.", ("on Monday", "2022-10-17")),
    # future tense looks forward
    ("en", "The ministers will meet on Monday in Astana.", ("on Monday", "2022-10-24")),
    ("en", "The envoy is expected to leave on Saturday.", ("on Saturday", "2022-10-22")),
    ("en", "The envoy leaves next Thursday.", ("next Thursday", "2022-10-27")),
    # the article's own weekday is the article's own day
    ("en", "The ministry said on Thursday that the envoy had left.", ("on Thursday", "2022-10-20")),
    ("pl", "Rzecznik MSZ powiedział w środę, że ambasador wyjedzie.", ("w środę", "2022-10-19")),
    ("pl", "Prezydent spotka się w poniedziałek z ambasadorem.", ("w poniedziałek", "2022-10-24")),
    ("pl", "Dokument opublikowano we wtorek wieczorem.", ("we wtorek wieczorem", "2022-10-18")),
    ("pl", "Rozmowy będą trwały do piątku.", ("do piątku", "2022-10-21")),
    ("de", "Der Sprecher sagte am Mittwoch, der Botschafter werde abberufen.", ("am Mittwoch", "2022-10-19")),
    ("de", "Der Minister wird am Montag nach Astana reisen.", ("am Montag", "2022-10-24")),
    ("de", "Das Dekret wurde am Dienstagabend veröffentlicht.", ("am Dienstagabend", "2022-10-18")),
    ("fr", "Le porte-parole a déclaré mercredi que l'ambassadeur partirait.", ("mercredi", "2022-10-19")),
    ("fr", "Le ministre rencontrera lundi son homologue.", ("lundi", "2022-10-24")),
    ("fr", "Le décret a été publié mardi soir.", ("mardi soir", "2022-10-18")),
    ("fr", "Mercredi, le ministère a convoqué l'ambassadeur.", ("Mercredi", "2022-10-19")),
]


@pytest.mark.parametrize("language,body,expected", WEEKDAYS)
def test_weekdays(language: str, body: str, expected: tuple) -> None:
    text, date, precision, _ = one(body, language)
    assert (text, date, precision) == (*expected, "day")


TENSE = [
    # a clause of its own: "said on Monday" looks back, "will travel on Friday" ahead
    ("en", "He said on Monday that he will travel on Friday.", [("on Monday", "2022-10-17"), ("on Friday", "2022-10-21")]),
    ("en", "The summit is scheduled for May 5 in Astana.", [("for May 5", "2023-05-05")]),
    # Polish: a perfective verb is future, an imperfective present with a weekday is a plan...
    ("pl", "Wybory odbędą się 15 października.", [("15 października", "2023-10-15")]),
    ("pl", "Prezydent przyjeżdża w poniedziałek do Astany.", [("w poniedziałek", "2022-10-24")]),
    ("pl", "Szczyt ma się odbyć w poniedziałek.", [("w poniedziałek", "2022-10-24")]),
    # ...but not with a date, nor with "since": the present then reports a state
    ("pl", "Po ogłoszeniu 21 września mobilizacji Rosjanie próbują uciec.", [("21 września", "2022-09-21")]),
    ("pl", "Od poniedziałku obowiązują nowe przepisy.", [("Od poniedziałku", "2022-10-17")]),
    ("de", "Er sagte am Montag, er werde am Freitag reisen.", [("am Montag", "2022-10-17"), ("am Freitag", "2022-10-21")]),
    ("fr", "L'élection aura lieu le 15 octobre.", [("le 15 octobre", "2023-10-15")]),
    ("fr", "Il a dit lundi qu'il partira vendredi.", [("lundi", "2022-10-17"), ("vendredi", "2022-10-21")]),
]


@pytest.mark.parametrize("language,body,expected", TENSE)
def test_tense_decides_the_direction(language: str, body: str, expected: list) -> None:
    assert [(text, day) for text, day, _, _ in found(body, language)] == expected


# Article dates for the tests below: Saturday 2024-03-16 and Tuesday 2024-03-19.
SAT, TUE = "2024-03-16", "2024-03-19"

NAMES_AND_IMPERSONAL = [
    # A capitalised word is no tense marker: "Odessie" is the city, not the perfective "odessać"...
    ("pl", "Zboże załadowano 2 marca w Odessie.", SAT, ("2 marca", "2024-03-02")),
    ("pl", "Ładunek sprzed 2 marca leży w Odessie.", SAT, ("2 marca", "2024-03-02")),
    # ... but a verb opening its sentence is still one
    ("pl", "Odbędą się 15 października wybory.", THURSDAY, ("15 października", "2023-10-15")),
    # the impersonal "-no/-to" is a past, and the nearest marker
    ("pl", "Minister spotka się z ambasadorem, jak poinformowano 2 marca.", SAT, ("2 marca", "2024-03-02")),
    ("pl", "Zatrzymano go 2 marca w porcie.", SAT, ("2 marca", "2024-03-02")),
    # "była" is a past before a participle, the title "former" before a noun
    ("pl", "Granica była zamknięta do piątku.", TUE, ("do piątku", "2024-03-15")),
    ("pl", "Była premier spotka się z nim w piątek.", TUE, ("w piątek", "2024-03-22")),
    # English: "May" is a month or a name, never the modal
    ("en", "Theresa May met him on Friday.", TUE, ("on Friday", "2024-03-15")),
]


@pytest.mark.parametrize("language,body,day,expected", NAMES_AND_IMPERSONAL)
def test_names_are_no_tense_markers_and_the_impersonal_is_past(language: str, body: str, day: str,
                                                                 expected: tuple) -> None:
    assert one(body, language, day)[:2] == expected


WEAK_FUTURE = [
    # A modal moves a weekday forward ...
    ("en", "The Czech inspector said results could be ready by Friday.", TUE, ("by Friday", "2024-03-22", "until")),
    ("en", "He said he would attend the summit on Friday.", TUE, ("on Friday", "2024-03-22", "point")),
    ("de", "Die Ergebnisse dürften am Freitag vorliegen.", TUE, ("am Freitag", "2024-03-22", "point")),
    ("de", "Er sagte, das Ergebnis solle am Freitag vorliegen.", TUE, ("am Freitag", "2024-03-22", "point")),
    ("de", "Sollte es am Freitag keine Einigung geben, drohen Strafen.", TUE, ("am Freitag", "2024-03-22", "point")),
    ("fr", "Les résultats pourraient être connus vendredi, selon l'inspecteur.", TUE, ("vendredi", "2024-03-22", "point")),
    ("fr", "Le ministre devrait se rendre vendredi à Bruxelles.", TUE, ("vendredi", "2024-03-22", "point")),
    ("pl", "Wyniki mogą być znane w piątek.", TUE, ("w piątek", "2024-03-22", "point")),
    ("pl", "Minister miałby przyjechać w piątek.", TUE, ("w piątek", "2024-03-22", "point")),
    # ... but a date without its year only to the nearer of its two readings: a year's jump needs "will"
    ("en", "Talks could resume on March 2.", SAT, ("on March 2", "2024-03-02", "point")),
    ("en", "Talks will resume on March 2.", SAT, ("on March 2", "2025-03-02", "point")),
    ("en", "Results could be ready by November 3.", THURSDAY, ("by November 3", "2022-11-03", "until")),
    ("de", "Die Ergebnisse dürften am 20. März vorliegen.", SAT, ("am 20. März", "2024-03-20", "point")),
    ("de", "Die Ergebnisse könnten am 2. März vorgelegen haben.", SAT, ("am 2. März", "2024-03-02", "point")),
    ("fr", "Les résultats pourraient être connus le 20 mars.", SAT, ("le 20 mars", "2024-03-20", "point")),
    ("fr", "Les résultats devraient être connus le 2 mars.", SAT, ("le 2 mars", "2024-03-02", "point")),
    ("pl", "Wyniki mogą być znane 2 marca.", SAT, ("2 marca", "2024-03-02", "point")),
    ("pl", "Wyniki powinny być znane 20 marca.", SAT, ("20 marca", "2024-03-20", "point")),
    ("en", "Prices could fall in November, the bank said.", THURSDAY, ("in November", "2022-11", "point")),
    ("en", "Prices could have fallen in November, the bank said.", THURSDAY, ("in November", "2021-11", "point")),
    # a modal with "have", and "could not", look back
    ("en", "The talks could have taken place on November 3.", THURSDAY, ("on November 3", "2021-11-03", "point")),
    ("en", "Officials said the ship may have sailed on Sunday.", TUE, ("on Sunday", "2024-03-17", "point")),
    ("en", "The minister, who could not be reached on Monday, issued a statement.", TUE, ("on Monday", "2024-03-18", "point")),
]


@pytest.mark.parametrize("language,body,day,expected", WEAK_FUTURE)
def test_a_modal_is_a_weak_future(language: str, body: str, day: str, expected: tuple) -> None:
    text, date, _, role = one(body, language, day)
    assert (text, date, role) == expected


DEADLINES = [
    # "by/until <weekday>" looks forward unless the clause has a past tense
    ("en", "The border stays closed until Friday.", ("until Friday", "2024-03-22")),
    ("en", "He has until Friday to respond.", ("until Friday", "2024-03-22")),
    ("en", "The deal must be signed by Friday, the EU said.", ("by Friday", "2024-03-22")),
    ("en", "The border was closed until Friday.", ("until Friday", "2024-03-15")),
    ("en", "He had until Friday to respond.", ("until Friday", "2024-03-15")),
    ("de", "Die Grenze bleibt bis Freitag geschlossen.", ("bis Freitag", "2024-03-22")),
    ("de", "Die Grenze war bis Freitag geschlossen.", ("bis Freitag", "2024-03-15")),
    ("fr", "La frontière reste fermée jusqu'à vendredi.", ("jusqu'à vendredi", "2024-03-22")),
    ("fr", "Les résultats sont attendus d'ici vendredi.", ("d'ici vendredi", "2024-03-22")),
    ("fr", "La frontière était fermée jusqu'à vendredi.", ("jusqu'à vendredi", "2024-03-15")),
    ("pl", "Granica jest zamknięta do piątku.", ("do piątku", "2024-03-22")),
    ("pl", "Granica była zamknięta do piątku.", ("do piątku", "2024-03-15")),
]


@pytest.mark.parametrize("language,body,expected", DEADLINES)
def test_a_deadline_looks_forward(language: str, body: str, expected: tuple) -> None:
    text, date, _, role = one(body, language, TUE)
    assert (text, date, role) == (*expected, "until")


def test_by_a_weekday_is_a_deadline_but_not_before_a_possessive() -> None:
    assert one("Officials want the report by Monday.", date=TUE)[3] == "until"
    assert one("Residents hit by Monday's storm remain homeless.", date=TUE) == ("by Monday", "2024-03-18", "day", "point")


def test_within_a_few_days_is_vague() -> None:
    assert one("Wyniki powinny być znane w ciągu kilku dni.", "pl", TUE) == ("w ciągu kilku dni", None, "vague", "point")


def test_weekday_notes_say_how_it_was_resolved() -> None:
    e = find_expressions(make_source("The decree was published on Tuesday evening."))[0]
    assert "Tuesday" in e.note and "before" in e.note
    e = find_expressions(make_source("The ministry said on Thursday that the envoy had left."))[0]
    assert "own day" in e.note


def test_weekday_under_a_month_only_header() -> None:
    for language, body in [("en", "The spokesman said on Wednesday that talks stalled."),
                           ("pl", "Rzecznik powiedział w środę, że rozmowy utknęły."),
                           ("de", "Der Sprecher sagte am Mittwoch, die Gespräche stockten."),
                           ("fr", "Le porte-parole a déclaré mercredi que les pourparlers étaient bloqués.")]:
        e = find_expressions(make_source(body, language, date="2022-10"))[0]
        assert (e.date, e.precision, e.note) == ("2022-10", "weekday-unresolved", "a Wednesday in 2022-10")


def test_a_written_weekday_that_does_not_match_its_date_is_noted() -> None:
    e = find_expressions(make_source("Talks stalled on Monday, October 18, after a row."))[0]
    assert e.date == "2022-10-18" and "Tuesday" in e.note


# --- relative words ---------------------------------------------------------------------------------------

RELATIVE = [
    ("en", "The envoy left yesterday, officials said.", ("yesterday", "2022-10-19", "day")),
    ("en", "The ministry confirmed the recall today.", ("today", "2022-10-20", "day")),
    ("en", "The envoy will leave tomorrow.", ("tomorrow", "2022-10-21", "day")),
    ("en", "The ministry summoned the envoy last week.", ("last week", "2022-10", "month")),
    ("en", "The envoy met the minister earlier this week.", ("earlier this week", "2022-10", "month")),
    ("en", "Earlier this month, the ministry summoned the envoy.", ("Earlier this month", "2022-10", "month")),
    ("en", "Prices rose this month, data showed.", ("this month", "2022-10", "month")),
    ("en", "Prices rose last month, data showed.", ("last month", "2022-09", "month")),
    ("en", "Prices rose last year, data showed.", ("last year", "2021", "year")),
    ("pl", "Ambasador wyjechał wczoraj z Astany.", ("wczoraj", "2022-10-19", "day")),
    ("pl", "Ministerstwo potwierdziło dziś odwołanie.", ("dziś", "2022-10-20", "day")),
    ("pl", "Ministerstwo potwierdziło dzisiaj odwołanie.", ("dzisiaj", "2022-10-20", "day")),
    ("pl", "Ambasadora wezwano w zeszłym tygodniu do MSZ.", ("w zeszłym tygodniu", "2022-10", "month")),
    ("pl", "Ceny wzrosły w zeszłym miesiącu.", ("w zeszłym miesiącu", "2022-09", "month")),
    ("pl", "Ceny wzrosły w tym miesiącu.", ("w tym miesiącu", "2022-10", "month")),
    ("pl", "Ambasadora wezwano na początku miesiąca do MSZ.", ("na początku miesiąca", "2022-10", "early-month")),
    ("de", "Der Botschafter reiste gestern ab.", ("gestern", "2022-10-19", "day")),
    ("de", "Das Ministerium bestätigte heute die Abberufung.", ("heute", "2022-10-20", "day")),
    ("de", "Der Botschafter wurde letzte Woche einbestellt.", ("letzte Woche", "2022-10", "month")),
    ("de", "Die Preise stiegen letzten Monat deutlich.", ("letzten Monat", "2022-09", "month")),
    ("de", "Der Botschafter wurde Anfang des Monats einbestellt.", ("Anfang des Monats", "2022-10", "early-month")),
    ("fr", "L'ambassadeur est parti hier de Astana.", ("hier", "2022-10-19", "day")),
    ("fr", "Le ministère a confirmé aujourd'hui le rappel.", ("aujourd'hui", "2022-10-20", "day")),
    ("fr", "L'ambassadeur a été convoqué la semaine dernière.", ("la semaine dernière", "2022-10", "month")),
    ("fr", "Les prix ont augmenté le mois dernier.", ("le mois dernier", "2022-09", "month")),
    ("fr", "Plus tôt ce mois-ci, le ministère a convoqué l'ambassadeur.", ("Plus tôt ce mois-ci", "2022-10", "month")),
]


@pytest.mark.parametrize("language,body,expected", RELATIVE)
def test_relative_words(language: str, body: str, expected: tuple) -> None:
    assert one(body, language)[:3] == expected


def test_a_week_is_a_month_only_when_it_lies_in_one() -> None:
    # Monday 2022-10-03: last week is 2022-09-26..10-02, across two months
    e = find_expressions(make_source("The envoy was summoned last week.", date="2022-10-03"))[0]
    assert (e.date, e.precision) == ("2022", "year") and "2022-09-26" in e.note and "2022-10-02" in e.note
    # across New Year there is nothing honest but "vague"
    e = find_expressions(make_source("The envoy was summoned last week.", date="2023-01-04"))[0]
    assert (e.date, e.precision) == (None, "vague") and "2022-12-26" in e.note


def test_relative_words_under_a_month_only_header() -> None:
    assert one("Prices rose last month, data showed.", date="2022-10")[1:3] == ("2022-09", "month")
    assert one("The envoy left yesterday.", date="2022-10")[1:3] == ("2022-10", "month")
    assert one("The envoy was summoned last week.", date="2022-10")[1:3] == (None, "unresolved")


# --- roles ------------------------------------------------------------------------------------------------

ROLES = [
    ("en", "Kazakhstan has kept its distance since 4 March.", ("since 4 March", "2022-03-04", "since")),
    # a deadline looks forward ("stays closed until"), a past one back ("was closed until")
    ("en", "The border stays closed until 4 March.", ("until 4 March", "2023-03-04", "until")),
    ("en", "The border was closed until 4 March.", ("until 4 March", "2022-03-04", "until")),
    ("en", "Prices have risen since March, data showed.", ("since March", "2022-03", "since")),
    ("pl", "Kazachstan dystansuje się od 4 marca.", ("od 4 marca", "2022-03-04", "since")),
    ("pl", "Od 24 lutego rząd zachowuje neutralność.", ("Od 24 lutego", "2022-02-24", "since")),
    ("pl", "Granica była zamknięta do 4 marca.", ("do 4 marca", "2022-03-04", "until")),
    ("de", "Kasachstan hält seit dem 4. März Abstand.", ("seit dem 4. März", "2022-03-04", "since")),
    ("de", "Die Grenze war bis zum 4. März geschlossen.", ("bis zum 4. März", "2022-03-04", "until")),
    ("de", "Die Grenze war bis 4. März geschlossen.", ("bis 4. März", "2022-03-04", "until")),
    ("fr", "Le Kazakhstan garde ses distances depuis le 4 mars.", ("depuis le 4 mars", "2022-03-04", "since")),
    ("fr", "La frontière était fermée jusqu'au 4 mars.", ("jusqu'au 4 mars", "2022-03-04", "until")),
    ("fr", "La frontière était fermée jusqu’au 4 mars.", ("jusqu’au 4 mars", "2022-03-04", "until")),
]


@pytest.mark.parametrize("language,body,expected", ROLES)
def test_since_and_until(language: str, body: str, expected: tuple) -> None:
    text, date, _, role = one(body, language)
    assert (text, date, role) == expected


# --- vague ------------------------------------------------------------------------------------------------

VAGUE = [
    ("en", "Relations between Russia and Kazakhstan deteriorated in recent months", "in recent months"),
    ("en", "The envoy recently gave an interview.", "recently"),
    ("en", "In the past few weeks, tensions have grown.", "In the past few weeks"),
    ("pl", "Relacje pogorszyły się w ostatnich miesiącach.", "w ostatnich miesiącach"),
    ("pl", "Ambasador niedawno udzielił wywiadu.", "niedawno"),
    ("de", "Die Beziehungen haben sich in den letzten Monaten verschlechtert.", "in den letzten Monaten"),
    ("de", "Der Botschafter gab kürzlich ein Interview.", "kürzlich"),
    ("fr", "Les relations se sont dégradées ces derniers mois.", "ces derniers mois"),
    ("fr", "L'ambassadeur a récemment accordé un entretien.", "récemment"),
]


@pytest.mark.parametrize("language,body,text", VAGUE)
def test_vague_phrases_get_no_date(language: str, body: str, text: str) -> None:
    assert one(body, language) == (text, None, "vague", "point")
    # vague is vague with or without an article date
    assert one(body, language, date=None)[1:3] == (None, "vague")


def test_until_recently_is_vague_with_a_role() -> None:
    assert one("Until recently, the envoy was popular.") == ("Until recently", None, "vague", "until")


# --- undated articles: never today's date ----------------------------------------------------------------

UNDATED = [
    ("en", "The decree published on Tuesday evening did not say why.", "on Tuesday evening"),
    ("en", "In early October, the ministry summoned the envoy.", "In early October"),
    ("en", "On September 21, the embassy warned its citizens.", "On September 21"),
    ("en", "The envoy left yesterday, officials said.", "yesterday"),
    ("en", "Prices rose last month, data showed.", "last month"),
    ("pl", "Rzecznik powiedział w środę, że rozmowy utknęły.", "w środę"),
    ("pl", "Wywiad ukazał się w sierpniu na blogu.", "w sierpniu"),
    ("de", "Der Botschafter reiste gestern ab.", "gestern"),
    ("de", "Das Interview erschien im März auf einem Blog.", "im März"),
    ("fr", "Le ministère a confirmé aujourd'hui le rappel.", "aujourd'hui"),
    ("fr", "Le décret a été publié le 21 septembre à Kiev.", "le 21 septembre"),
]


@pytest.mark.parametrize("language,body,text", UNDATED)
def test_undated_articles_leave_relative_expressions_unresolved(language: str, body: str, text: str) -> None:
    e = find_expressions(make_source(body, language, date=None))
    assert [(x.text, x.date, x.precision) for x in e] == [(text, None, "unresolved")]
    assert e[0].note  # says why


# --- traps ------------------------------------------------------------------------------------------------

TRAPS = [
    ("en", "We are facing unprecedented challenges. We, the journalists, refuse to be silenced."),
    ("en", "Theresa May said the deal was dead. May said it twice."),
    ("en", "Since May said so, nobody argued. Many voted for May in the end."),
    ("en", "The row split May's cabinet and worried the party."),
    ("en", "The Sunday Times reported the story first, and the Sunday Telegraph followed."),
    ("en", "The Mail on Sunday ran the interview on its front page."),
    ("en", "Sunday Telegraph reporters saw the convoy."),
    ("en", "The Good Friday agreement was signed long ago."),
    ("en", "At least 21 people were detained and 3,000 troops deployed."),
    ("en", "Some 1986 people signed the petition."),
    ("en", "In 2000 people fled the region, aid groups said."),
    ("en", "Protesters vowed to march on the capital."),
    ("en", "Jan Kowalski met Mar Roxas in the capital."),
    ("en", "The recent development worried the ministry."),
    ("en", "Russia Today and USA Today both covered it."),
    ("pl", "Nie wiadomo, czy ambasador spotka się z ministrem. Władze nie zdecydowały się na to."),
    ("pl", "Spotkali sie z nim, ale nie chcieli rozmawiać."),
    ("pl", "Władze wezwą szefa misji w tym kraju. Zginęło 21 osób."),
    ("pl", "Maja Kowalska spotkała się z ministrem."),
    ("pl", "Jak ocenił wówczas MSZ, słowa były niedopuszczalne. Prezydent zapowiedział wcześniej zmiany."),
    ("de", "Die Welt am Sonntag berichtete zuerst darüber."),
    ("de", "Am Morgen trafen sich die Minister in Astana."),
    ("de", "August Bebel war ein Sozialdemokrat."),
    ("fr", "La mission vers Mars a été reportée. Mars est une planète."),
    ("fr", "Le Journal du Dimanche a publié l'entretien."),
    ("fr", "Le carnaval de mardi gras a attiré la foule."),
    ("fr", "Il travaille du lundi au vendredi à Astana."),
]


@pytest.mark.parametrize("language,body", TRAPS)
def test_no_false_dates(language: str, body: str) -> None:
    assert found(body, language) == []


def test_the_date_header_itself_is_not_an_expression() -> None:
    source = make_source("The ministry said nothing more.", date="2022-10-20")
    assert find_expressions(source) == []
    source = make_source("Nothing more.", date="2022-10")
    assert find_expressions(source) == []


def test_cldr_short_forms_are_never_used() -> None:
    # CLDR's abbreviated/short names: Polish "sie", "lis", "nie", English "We", "Mo", "Sat"
    assert found("Wrzesień minął. 5 sie i 3 lis to nie daty.", "pl") == []
    assert found("We met Mo on the Sat bench, Wed or not.", "en") == []


# --- spans and sentences ----------------------------------------------------------------------------------


def test_spans_include_the_preposition_and_sentences_are_kept() -> None:
    body = ("Żądania Rosji są niezgodne z charakterem relacji - oświadczył rzecznik MSZ, cytowany w środę przez "
            "agencję Reutera.\n\nW środę rzecznik wyjaśnił, że ambasador wyjedzie.")
    source = make_source(body, "pl", date="2022-10")
    first, second = find_expressions(source)
    assert first.text == "w środę" and source.text[first.start - 9 : first.start] == "cytowany "
    assert first.sentence.startswith("Żądania Rosji") and first.sentence.endswith("agencję Reutera.")
    assert second.text == "W środę" and second.sentence == "W środę rzecznik wyjaśnił, że ambasador wyjedzie."
    assert second.sentence_start == source.text.index("W środę rzecznik")


def test_sentence_split_keeps_abbreviations_and_ordinals_together() -> None:
    body = "Dr. Smith said on Tuesday that the U.S. envoy left. Der Minister kam am 1. September an."
    exprs = find_expressions(make_source(body))
    assert exprs[0].sentence == "Dr. Smith said on Tuesday that the U.S. envoy left."
    (e,) = find_expressions(make_source("Am 3. Tag der Reise kam er am Montag an. Dann ging er.", "de"))
    assert e.sentence == "Am 3. Tag der Reise kam er am Montag an."
    (e,) = find_expressions(make_source("Zginęło ok. 20 osób 21 września. Potem było cicho.", "pl"))
    assert e.sentence == "Zginęło ok. 20 osób 21 września."


def test_a_heading_line_is_its_own_sentence() -> None:
    body = "Relations deteriorated in recent months\n\nKazakh ministry took the summon initiative."
    e = find_expressions(make_source(body))[0]
    assert e.sentence == "Relations deteriorated in recent months"


def test_offsets_count_a_bom_and_the_header() -> None:
    text = "\ufeff date 2022-10-20 The envoy left on Tuesday."
    source = Source(id="b", path="b.txt", abspath="/b.txt", text=text, body_start=len("\ufeff date 2022-10-20 "),
                    language="en", date="2022-10-20", date_precision="day", title="", words=6, encoding="utf-8-sig")
    (e,) = find_expressions(source)
    assert text[e.start : e.end] == "on Tuesday" == e.text


def test_unknown_language_gets_iso_dates_only() -> None:
    assert found("Am 2022-09-21 sa ministr v utorok povedal, ze nie.", "hu") == [
        ("2022-09-21", "2022-09-21", "day", "point")]


# --- events -----------------------------------------------------------------------------------------------


def spans_for(source: Source, *names: tuple[str, str]) -> list[tuple[int, int, str]]:
    """Entity spans for every occurrence of each (surface, entity id)."""
    out = []
    for surface, entity in names:
        out += [(m.start(), m.end(), entity) for m in re.finditer(re.escape(surface), source.text)]
    return out


def test_same_day_across_sources_sharing_an_entity_is_one_event() -> None:
    en = make_source("On September 21, Russia announced a partial mobilisation.", "en", sid="a")
    pl = make_source("Po ogłoszeniu w Rosji 21 września mobilizacji ludzie uciekają.", "pl", date="2022-10", sid="b")
    timeline, events = build_timeline([en, pl], {"a": spans_for(en, ("Russia", "russia")),
                                                 "b": spans_for(pl, ("Rosji", "russia"))})
    assert [e.id for e in events] == ["ev-2022-09-21-1"]
    assert events[0].source_ids == ("a", "b")
    assert [e.event for e in timeline] == ["ev-2022-09-21-1"] * 2
    assert all(e.entities == ("russia",) for e in timeline)


def test_same_day_with_disjoint_entities_stays_apart_but_an_entity_less_one_joins() -> None:
    a = make_source("On September 21, Russia announced a mobilisation.", sid="a")
    b = make_source("On September 21, Kyrgyzstan warned its citizens.", sid="b")
    c = make_source("On September 21, nothing else happened.", sid="c")
    spans = {"a": spans_for(a, ("Russia", "russia")), "b": spans_for(b, ("Kyrgyzstan", "kyrgyzstan"))}
    _, events = build_timeline([a, b, c], spans)
    assert [e.id for e in events] == ["ev-2022-09-21-1", "ev-2022-09-21-2"]
    assert sorted(len(e.expressions) for e in events) == [1, 2]


def test_partial_dates_join_compatible_events() -> None:
    a = make_source("On October 3, Tokayev met Smith. On October 18, Putin left for Astana.", sid="a")
    b = make_source("In early October, Tokayev summoned Smith.", sid="b")
    c = make_source("Putin travelled in October, his office said.", sid="c")
    names = (("Tokayev", "tokayev"), ("Smith", "smith"), ("Putin", "putin"), ("Astana", "astana"))
    timeline, events = build_timeline([a, b, c], {s.id: spans_for(s, *names) for s in (a, b, c)})
    by_text = {e.text: e.event for e in timeline}
    assert by_text["In early October"] == by_text["On October 3"] == "ev-2022-10-03-1"  # early October: the 3rd
    assert by_text["in October"] == by_text["On October 18"] == "ev-2022-10-18-1"  # 2022-10 takes the 18th
    assert [e.id for e in events] == ["ev-2022-10-03-1", "ev-2022-10-18-1"]
    assert set(events[0].source_ids) == {"a", "b"} and events[0].precision == "day"


def test_ubiquitous_entities_do_not_glue_partial_dates() -> None:
    body = ("Kazakhstan summoned the envoy earlier this month. Kazakhstan said on October 3 it would wait. "
            "Kazakhstan reacted on October 5. Kazakhstan met Russia on October 7. Kazakhstan spoke on October 9.")
    s = make_source(body, sid="a")
    timeline, _ = build_timeline([s], {"a": spans_for(s, ("Kazakhstan", "kz"), ("Russia", "ru"))})
    month = next(e for e in timeline if e.text == "earlier this month")
    assert all(e.event != month.event for e in timeline if e is not month)


def test_unresolved_and_vague_are_their_own_events_and_come_last() -> None:
    a = make_source("On Tuesday Tokayev spoke. Recently Tokayev spoke. In recent months Tokayev spoke.",
                    date=None, sid="a")
    b = make_source("In 1986 Tokayev studied. In August Tokayev spoke.", sid="b")
    timeline, events = build_timeline([a, b], {s.id: spans_for(s, ("Tokayev", "t")) for s in (a, b)})
    assert [e.precision for e in timeline] == ["year", "month", "unresolved", "vague", "vague"]
    assert [e.id for e in events] == ["ev-1986-1", "ev-2022-08-1", "ev-unresolved-1", "ev-vague-1", "ev-vague-2"]


def test_timeline_order_puts_a_partial_date_at_the_start_of_its_span() -> None:
    s = make_source("On October 1 they met. In early October they met. In October they met. "
                    "On September 30 they met. On October 2 they met.")
    timeline, _ = build_timeline([s], {})
    assert [e.text for e in timeline] == ["On September 30", "In October", "In early October", "On October 1",
                                          "On October 2"]


def test_event_ids_do_not_depend_on_source_order() -> None:
    a = make_source("On September 21, Russia announced a mobilisation.", sid="a")
    b = make_source("In August Vrublevsky gave an interview.", sid="b")
    spans = {"a": spans_for(a, ("Russia", "r")), "b": spans_for(b, ("Vrublevsky", "v"))}
    one_way = build_timeline([a, b], spans)
    other_way = build_timeline([b, a], spans)
    assert one_way == other_way


def test_boilerplate_expressions_stay_out_of_events() -> None:
    body = "On September 21, Russia acted. Donate before September 21, Russia readers!"
    start = body.index("Donate")
    s = make_source(body, sid="a")
    s = make_source(body, sid="a", boilerplate=((s.body_start + start, len(s.text)),))
    timeline, events = build_timeline([s], {"a": spans_for(s, ("Russia", "r"))})
    assert len(timeline) == 2 and len(events) == 2


def test_interval_of_partial_dates() -> None:
    assert interval("2022-10", "early-month") == (dt.date(2022, 10, 1), dt.date(2022, 10, 10))
    assert interval("2022-10", "late-month") == (dt.date(2022, 10, 21), dt.date(2022, 10, 31))
    assert interval("2022", "year") == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert interval(None, "vague") is None


# --- the seed articles ------------------------------------------------------------------------------------

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HEADER = re.compile(r"^\ufeff? date (\d{4}-\d{2}(?:-\d{2})?)(?: |\n|$)")
# The "dates" gold of shared/acceptance/seeds_gold.json: (doc, text, span, value, precision).
SEED_GOLD = [
    ("000_eb4f517ef54568b0.txt", "on Tuesday evening", None, None, "unresolved"),
    ("000_eb4f517ef54568b0.txt", "In early October", None, None, "unresolved"),
    ("001_a8dc976c1e203273.txt", "in August", None, "2022-08", "month"),
    ("001_a8dc976c1e203273.txt", "Earlier this month", None, "2022-10", "month"),
    ("001_a8dc976c1e203273.txt", "On September 21", None, "2022-09-21", "day"),
    ("002_f409f92c391b5b88.txt", "cytowany w środę", "w środę", "2022-10", "weekday-unresolved"),
    ("002_f409f92c391b5b88.txt", "W środę", None, "2022-10", "weekday-unresolved"),
    ("002_f409f92c391b5b88.txt", "w sierpniu", None, "2022-08", "month"),
    ("002_f409f92c391b5b88.txt", "Od 24 lutego", None, "2022-02-24", "day"),
    ("002_f409f92c391b5b88.txt", "21 września", None, "2022-09-21", "day"),
    ("002_f409f92c391b5b88.txt", "29 września", None, "2022-09-29", "day"),
]
SEED_OPTIONAL = {("001_a8dc976c1e203273.txt", "in recent months")}
SEED_LANGUAGES = {"000_eb4f517ef54568b0.txt": "en", "001_a8dc976c1e203273.txt": "en", "002_f409f92c391b5b88.txt": "pl"}


def seed_sources() -> list[Source]:
    out = []
    for name, language in SEED_LANGUAGES.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        m = HEADER.match(text)
        day = m.group(1) if m else None
        out.append(Source(id=name[:3], path=name, abspath=str(SEEDS / name), text=text,
                          body_start=m.end() if m else 0, language=language, date=day,
                          date_precision=None if day is None else ("day" if len(day) == 10 else "month"),
                          title="", words=len(text.split()), encoding="utf-8"))
    return out


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the repo's seeds/ folder is missing")
def test_seed_gold() -> None:
    sources = seed_sources()
    found_by_doc = {s.path: find_expressions(s) for s in sources}
    matched = set()
    for doc, text, span, value, precision in SEED_GOLD:
        source = next(s for s in sources if s.path == doc)
        at = source.text.index(text) + text.index(span or text)
        hits = [e for e in found_by_doc[doc] if e.start < at + len(span or text) and at < e.end]
        assert len(hits) == 1, (text, hits)
        e = hits[0]
        assert (e.start, e.end, e.date, e.precision) == (at, at + len(span or text), value, precision), text
        matched.add((doc, e.start))
    extra = [(doc, e.text) for doc, exprs in found_by_doc.items() for e in exprs if (doc, e.start) not in matched]
    assert set(extra) <= SEED_OPTIONAL, extra
    # The shared gold file, when it is there (beside the repo in CI), must say what SEED_GOLD says.
    shared = [Path(os.environ["STORYVIEW_SHARED"])] if "STORYVIEW_SHARED" in os.environ else []
    shared += [SEEDS.parent.parent / "shared", Path("/work/shared")]
    for gold_path in (d / "acceptance" / "seeds_gold.json" for d in shared):
        if not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["dates"]
        assert [(g["doc"], g["text"], g.get("span"), g["value"], g["precision"]) for g in gold] == SEED_GOLD
        break


# --- robustness and speed ---------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .,-/'’\nMayJunSeptwśęrdoaimlunAugEarlythsnceW")),
               max_size=200),
       st.sampled_from(["en", "pl", "de", "fr"]),
       st.sampled_from([None, "2022-10", "2022-10-20"]))
def test_any_text_gives_well_formed_expressions(body: str, language: str, day: str | None) -> None:
    source = make_source(body, language, day)
    previous_end = source.body_start
    for e in find_expressions(source):
        assert source.text[e.start : e.end] == e.text and e.start >= previous_end
        previous_end = e.end
        assert e.precision in {"day", "early-month", "mid-month", "late-month", "month", "year",
                               "weekday-unresolved", "unresolved", "vague"}
        assert (e.date is None) == (e.precision in ("unresolved", "vague"))
        assert e.role in ("point", "since", "until")
        if day is None and e.date is not None:  # never today's date: an undated article's years are written
            assert e.date[:4] in e.text


def test_no_pathological_backtracking() -> None:
    # Text made of the pieces the rules are built from, without ever completing one.
    nasty = ("in in on the 1 2 3 of of early mid- late the beginning of w we od do na początku 12. 13. am im "
             "seit dem bis zum début fin mi- jusqu'au le 1er 2022 2023 " * 400)
    start = time.perf_counter()
    for language in ("en", "pl", "de", "fr"):
        dates.tag(nasty, 0, language)
    assert time.perf_counter() - start < 10  # about 0.1 s in practice


@pytest.mark.benchmark
@pytest.mark.skipif(not os.environ.get("STORYVIEW_BENCH"), reason="set STORYVIEW_BENCH=1 for speed figures")
def test_tagging_speed() -> None:
    body = " ".join(b for _, b, _ in ABSOLUTE + MONTHS + ROLES) + " " + "Filler words of an ordinary report. " * 200
    texts = {lang: body * 40 for lang in ("en", "pl", "de", "fr")}
    size = sum(len(t.encode()) for t in texts.values())
    start = time.perf_counter()
    for lang, text in texts.items():
        find_expressions(make_source(text, lang))
    rate = size / 1e6 / (time.perf_counter() - start)
    print(f"find_expressions: {rate:.1f} MB/s")
    assert rate >= 1.0
