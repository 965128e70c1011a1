"""Issue 16's classes of temporal expressions, per pack language: bare years (and the counts that are not years),
counted and anaphoric relative phrases, weekdays, coordinated months. Our own sentences; each row says what the
tagger must find (its text and kind, and what it carries) or that it must find nothing."""

from __future__ import annotations

import pytest

from tui.engine import dates
from tui.engine.chronology import find_expressions
from tui.engine.model import Source


def _found(language: str, text: str) -> list[tuple[str, str]]:
    return [(text[f.start : f.end], f.kind) for f in dates.tag(text, 0, language)]


# (language, sentence, the year expression it holds)
BARE_YEARS = [
    ("en", "His 1996 campaign was run from a garage.", "1996"),
    ("en", "Profits fell in the first nine months of 1997, the bank said.", "1997"),
    ("en", "The bonds due 1993 were repaid early.", "1993"),
    ("en", "Fiscal 1989 results beat forecasts.", "1989"),
    ("en", "She ruled between 1985 and 1987 without a parliament.", "1985"),
    ("en", "She ruled between 1985 and 1987 without a parliament.", "1987"),
    ("en", "The 2011 edition of the fair drew crowds.", "2011"),
    ("de", "2009 wurde das Werk geschlossen.", "2009"),
    ("de", "Die Brücke stand von 1985 bis 1987 leer.", "von 1985"),
    ("es", "El 2000 fue un año difícil para la empresa.", "2000"),
    ("es", "Gobernó entre 1987 y 1998 sin oposición.", "1998"),
    ("es", "El acuerdo de 1991 sigue vigente.", "1991"),
    ("pt", "O acordo de 1991 continua em vigor.", "1991"),
    ("pt", "Governou entre 1987 e 1998 sem oposição.", "1987"),
    ("it", "Il 1991 fu un anno difficile per la società.", "1991"),
    ("fr", "Il a régné entre 1985 et 1987 sans parlement.", "1987"),
    ("ro", "A condus între 1985 și 1987 fără parlament.", "1985"),
]


@pytest.mark.parametrize(("language", "text", "expected"), BARE_YEARS)
def test_a_bare_year_is_a_year(language: str, text: str, expected: str) -> None:
    found = dates.tag(text, 0, language)
    years = {text[f.start : f.end]: f for f in found if f.kind == "year"}
    assert expected in years, _found(language, text)
    assert years[expected].year == int(expected[-4:])


# (language, sentence): a four-digit number that is a count, a time, a price, a name's number or a table's figure
NOT_YEARS = [
    ("en", "Some 2000 people marched through the town."),
    ("en", "About 1500 troops crossed the river."),
    ("en", "1500 soldiers were sent north."),
    ("en", "The ceasefire starts at 1500 GMT."),
    ("en", "Copyright 2005 The Daily Example. All rights reserved."),
    ("en", "The embassy is at 1600 Pennsylvania Avenue."),
    ("en", "Windows 2000 users must update."),
    ("en", "Scores: 2005 1200 1310 980"),
    ("en", "It costs $1999 in the shops."),
    ("de", "Rund 2000 Menschen demonstrierten."),
    ("de", "Über 1500 Soldaten wurden verlegt."),
    ("de", "Es kamen 2000 Menschen zur Kundgebung."),
    ("es", "Unos 2000 trabajadores perdieron su empleo."),
    ("es", "Más de 1500 personas fueron evacuadas."),
    ("es", "Llegaron 2000 soldados a la frontera."),
    ("pt", "Cerca de 2000 pessoas protestaram."),
    ("pt", "Chegaram 1500 soldados à fronteira."),
    ("it", "Circa 2000 persone hanno protestato."),
    ("it", "Sono arrivati 1500 soldati al confine."),
    ("fr", "Quelque 2000 personnes ont manifesté."),
    ("ro", "Au venit 2000 de oameni la miting."),
]


@pytest.mark.parametrize(("language", "text"), NOT_YEARS)
def test_a_count_is_no_year(language: str, text: str) -> None:
    assert [f for f in dates.tag(text, 0, language) if f.kind == "year"] == [], _found(language, text)


# (language, sentence, the phrase, unit, offset from the article's date)
RELATIVE = [
    ("en", "The plant closed two weeks ago.", "two weeks ago", "day", -14),
    ("en", "He left 10 days ago for Rome.", "10 days ago", "day", -10),
    ("en", "A year ago the shop was empty.", "A year ago", "year", -1),
    ("en", "Sales rose from the year-ago quarter.", "year-ago", "year", -1),
    ("en", "A year earlier the bank had lost money.", "A year earlier", "year", -1),
    ("en", "Revenue for the current year will fall.", "the current year", "year", 0),
    ("en", "The merger should close by year-end.", "by year-end", "year", 0),
    ("en", "Prices will rise at the end of the year.", "the end of the year", "year", 0),
    ("en", "Shares ended the day lower.", "ended the day", "day", 0),
    ("de", "Vor zwei Wochen brannte die Halle.", "Vor zwei Wochen", "day", -14),
    ("de", "Vor zehn Jahren kam er an.", "Vor zehn Jahren", "year", -10),
    ("de", "Der Umsatz stieg heuer deutlich.", "heuer", "year", 0),
    ("de", "Der Umsatz lag über dem Vorjahr.", "Vorjahr", "year", -1),
    ("de", "Bis Ende des laufenden Jahres soll es fertig sein.", "des laufenden Jahres", "year", 0),
    ("es", "La fábrica cerró hace tres días.", "hace tres días", "day", -3),
    ("es", "Llegó hace 20 años al país.", "hace 20 años", "year", -20),
    ("es", "Las ventas del año en curso caen.", "año en curso", "year", 0),
    ("es", "Ganó menos que el año anterior.", "el año anterior", "year", -1),
    ("pt", "A fábrica fechou há dois dias.", "há dois dias", "day", -2),
    ("pt", "As vendas superaram as do ano anterior.", "ano anterior", "year", -1),
    ("pt", "Chegou no início deste mês.", "no início deste mês", "month", 0),
    ("it", "La fabbrica ha chiuso tre giorni fa.", "tre giorni fa", "day", -3),
    ("it", "Le vendite superano quelle dell'anno precedente.", "anno precedente", "year", -1),
    ("fr", "L'usine a fermé il y a deux semaines.", "il y a deux semaines", "day", -14),
    ("fr", "Les ventes de l'année en cours baissent.", "l'année en cours", "year", 0),
    ("nl", "De fabriek sloot drie dagen geleden.", "drie dagen geleden", "day", -3),
    ("pl", "Fabrykę zamknięto dwa lata temu.", "dwa lata temu", "year", -2),
    ("pl", "Fabrykę zamknięto rok temu.", "rok temu", "year", -1),
    ("cs", "Továrna zavřela před třemi dny.", "před třemi dny", "day", -3),
    ("cs", "Továrna zavřela před rokem.", "před rokem", "year", -1),
    ("ro", "Fabrica s-a închis acum două săptămâni.", "acum două săptămâni", "day", -14),
    ("ru", "Завод закрылся три дня назад.", "три дня назад", "day", -3),
    ("ru", "Завод закрылся год назад.", "год назад", "year", -1),
    ("uk", "Завод закрився два роки тому.", "два роки тому", "year", -2),
    ("bg", "Заводът затвори преди два дни.", "преди два дни", "day", -2),
    ("sl", "Tovarna se je zaprla pred tremi dnevi.", "pred tremi dnevi", "day", -3),
    ("sk", "Továreň zatvorili pred dvoma rokmi.", "pred dvoma rokmi", "year", -2),
    ("hr", "Tvornica je zatvorena prije tri dana.", "prije tri dana", "day", -3),
    ("sr", "Fabrika je zatvorena pre dve godine.", "pre dve godine", "year", -2),
    ("sr", "Фабрика је затворена пре три дана.", "пре три дана", "day", -3),
]


@pytest.mark.parametrize(("language", "text", "phrase", "unit", "offset"), RELATIVE)
def test_relative_phrases(language: str, text: str, phrase: str, unit: str, offset: int) -> None:
    found = {text[f.start : f.end]: f for f in dates.tag(text, 0, language) if f.kind == "relative"}
    hit = next((f for written, f in found.items() if phrase in written), None)
    assert hit is not None, _found(language, text)
    assert (hit.unit, hit.offset) == (unit, offset)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "A few days ago the shop reopened."),  # no number: vague, not a date
    ("es", "Hace unos días reabrió la tienda."),
    ("de", "Vor einigen Tagen öffnete der Laden."),
])
def test_an_uncounted_ago_is_no_date(language: str, text: str) -> None:
    assert [f for f in dates.tag(text, 0, language) if f.kind == "relative"] == []


def _resolved(language: str, body: str, day: str) -> list[tuple[str, str | None]]:
    header = f" date {day} "
    src = Source(id="s", path="s.txt", abspath="/tmp/s.txt", text=header + body, body_start=len(header),
                 language=language, date=day, date_precision="day", title="", words=len(body.split()),
                 encoding="utf-8", boilerplate=())
    return [(e.text, e.date) for e in find_expressions(src)]


def test_counted_phrases_resolve_against_the_article() -> None:
    assert ("two weeks ago", "2021-03-01") in _resolved("en", "The plant closed two weeks ago.", "2021-03-15")
    assert ("hace 20 años", "2001") in _resolved("es", "Llegó hace 20 años al país.", "2021-03-15")
    assert ("Vor einem Monat", "2021-02") in _resolved("de", "Vor einem Monat brannte die Halle.", "2021-03-15")


# --- weekdays ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "text", "phrase", "weekday"), [
    ("en", "The Appeals Court Friday rejected the plea.", "Friday", 4),
    ("en", "Also Sunday, the police made arrests.", "Sunday", 6),
    ("en", "PARIS, MONDAY (Wire) - Talks resumed.", "MONDAY", 0),
    ("de", "DIENSTAG, 5. Mai: Die Gespräche beginnen.", "DIENSTAG, 5. Mai", 1),
    ("es", "El MARTES se reanudan las conversaciones.", "El MARTES", 1),
])
def test_weekdays_after_a_capitalised_word_or_in_capitals(language: str, text: str, phrase: str,
                                                           weekday: int) -> None:
    found = {text[f.start : f.end]: f for f in dates.tag(text, 0, language)}
    assert phrase in found, _found(language, text)
    assert found[phrase].weekday == weekday


@pytest.mark.parametrize("text", [
    "They met on Good Friday in the square.",
    "Voters turned out on Super Tuesday in big numbers.",
    "The Sunday Times printed the letter.",
])
def test_a_weekday_in_a_name_is_no_date(text: str) -> None:
    assert [f for f in dates.tag(text, 0, "en") if f.kind == "weekday"] == [], _found("en", text)


def test_a_weekday_written_with_its_date_is_one_expression() -> None:
    text = "The vote was held Saturday, April 25, in the capital."
    found = dates.tag(text, 0, "en")
    assert [(text[f.start : f.end], f.kind, f.month, f.day, f.weekday) for f in found] == [
        ("Saturday, April 25", "day", 4, 25, 5)]


# --- coordinated days, ranges, months ------------------------------------------------------------------

@pytest.mark.parametrize(("language", "text", "days"), [
    ("de", "Die Messe findet am 16. und 17. Jänner statt.", [(1, 16), (1, 17)]),
    ("de", "Die Messe läuft vom 3. bis 5. Mai.", [(5, 3), (5, 5)]),
    ("es", "El congreso será del 7 al 11 de septiembre.", [(9, 7), (9, 11)]),
    ("es", "Habrá huelga el 5 y el 6 de junio.", [(6, 5), (6, 6)]),
    ("pt", "O congresso será de 5 a 7 de junho.", [(6, 5), (6, 7)]),
    ("it", "Lo sciopero sarà il 5 e il 6 giugno.", [(6, 5), (6, 6)]),
    ("nl", "De staking is op 5 en 6 juni.", [(6, 5), (6, 6)]),
    ("cs", "Stávka bude 5. a 6. června.", [(6, 5), (6, 6)]),
    ("ro", "Greva va fi pe 5 și 6 iunie.", [(6, 5), (6, 6)]),
])
def test_two_days_of_one_month(language: str, text: str, days: list[tuple[int, int]]) -> None:
    found = [(f.month, f.day) for f in dates.tag(text, 0, language) if f.kind == "day"]
    assert found == days, _found(language, text)


@pytest.mark.parametrize(("language", "text", "months"), [
    ("en", "The economy shrank between April and June.", [4, 6]),
    ("es", "La economía cayó entre abril y junio.", [4, 6]),
    ("es", "Las obras siguen en mayo y junio.", [5, 6]),
    ("pt", "A economia caiu entre abril e junho.", [4, 6]),
    ("de", "Die Wirtschaft schrumpfte zwischen März und Mai.", [3, 5]),
    ("es", "En Febrero llovió poco.", [2]),
    ("en", "December's figures were weak.", [12]),
    ("en", "The bridge will be finished by May.", [5]),
])
def test_months_coordinated_capitalised_possessive(language: str, text: str, months: list[int]) -> None:
    assert [f.month for f in dates.tag(text, 0, language) if f.kind == "month"] == months, _found(language, text)


@pytest.mark.parametrize("text", [
    "The motion was defeated by May.",
    "The plan will be backed by May and her cabinet.",
    "May's cabinet met on the terrace.",
    "Talks between Corbyn and May said little.",
])
def test_theresa_may_is_still_no_month(text: str) -> None:
    assert [f for f in dates.tag(text, 0, "en") if f.kind == "month"] == [], _found("en", text)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_weekday_ending_a_line_is_no_part_of_the_date_under_it(language: str) -> None:
    text = {"en": "Markets closed until Friday\nSeptember 18, 2008", "es": "Cerrado hasta el viernes\n18 de septiembre de 2008"}[language]  # noqa: E501 (a table row reads best whole)
    found = dates.tag(text, 0, language)
    assert [f.kind for f in found] == ["weekday", "day"], _found(language, text)
