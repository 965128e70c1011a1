"""What a day or month without its year means against the article's date (issue 16), per class and per
pack language: unmarked tense takes the nearer reading (the coming one only when it is much nearer), a past
form used as an adjective or a passive is no past, a reporting verb away from the date does not outweigh a
"will", a deadline looks forward, a weekday written with the date fixes the year, and the same fact told
by two sources is one event. Sentences written for these tests."""

from __future__ import annotations

import pytest
from test_chronology import found, make_source

from tui.engine.chronology import build_timeline

LATE, EARLY = "2022-11-20", "2022-01-20"  # a Sunday late in the year, a Thursday early in it

# --- no tense marker: the nearer reading, the coming one only when it is much nearer ----------------------

UNMARKED = [
    # a late-year article: "payable Jan. 2" and "record Dec. 15" are the coming ones ...
    ("en", "The dividend is payable Jan. 2 to holders of record Dec. 15.", LATE, ["2023-01-02", "2022-12-15"]),
    ("en", "Its annual meeting is Dec. 3 in Newark.", LATE, ["2022-12-03"]),
    ("de", "Die Hauptversammlung ist am 3. Dezember in Köln.", LATE, ["2022-12-03"]),
    ("es", "La junta de accionistas es el 3 de diciembre en Sevilla.", LATE, ["2022-12-03"]),
    ("pt", "A assembleia de acionistas é a 3 de dezembro no Porto.", LATE, ["2022-12-03"]),
    ("fr", "L'assemblée des actionnaires est le 3 décembre à Lyon.", LATE, ["2022-12-03"]),
    ("it", "L'assemblea degli azionisti è il 3 dicembre a Torino.", LATE, ["2022-12-03"]),
    ("pl", "Walne zgromadzenie akcjonariuszy 3 grudnia w Gdańsku.", LATE, ["2022-12-03"]),
    ("cs", "Valná hromada akcionářů je 3. prosince v Brně.", LATE, ["2022-12-03"]),
    ("ru", "Собрание акционеров 3 декабря в Казани.", LATE, ["2022-12-03"]),
    ("uk", "Збори акціонерів 3 грудня у Львові.", LATE, ["2022-12-03"]),
    # ... but a reading only a little nearer ahead is not enough against the usual past of reports
    ("en", "The report on the floods of August 3 is out.", EARLY, ["2021-08-03"]),
    ("de", "Der Bericht über das Hochwasser vom 3. August liegt vor.", EARLY, ["2021-08-03"]),
    ("es", "El informe sobre las inundaciones del 3 de agosto ya está disponible.", EARLY, ["2021-08-03"]),
]


@pytest.mark.parametrize("language,body,day,expected", UNMARKED)
def test_an_unmarked_date_is_the_nearer_one(language: str, body: str, day: str, expected: list) -> None:
    assert [date for _, date, _, _ in found(body, language, day)] == expected


# --- past forms that are no past: adjectives, passives, "than planned" -------------------------------------

NOT_PAST = [
    ("en", "The reduced dividend is payable Jan. 5.", LATE, "2023-01-05"),
    ("en", "The N.J.-based company holds its meeting Dec. 3.", LATE, "2022-12-03"),
    ("en", "The long-delayed ship arrives Dec. 3, later than originally planned.", LATE, "2022-12-03"),
    ("en", "The company announced a concert to be held on Dec. 3 in the arena.", LATE, "2022-12-03"),
    ("it", "Resta in vigore l'annunciata chiusura del 3 gennaio.", LATE, "2023-01-03"),
    # a past form that is one still looks back
    ("en", "The company announced its results on Dec. 3.", "2022-11-30", "2021-12-03"),
    ("en", "Shareholders approved the plan Dec. 3.", "2022-11-30", "2021-12-03"),
]


@pytest.mark.parametrize("language,body,day,expected", NOT_PAST)
def test_a_past_form_used_as_an_adjective_is_no_past(language: str, body: str, day: str, expected: str) -> None:
    assert [date for _, date, _, _ in found(body, language, day)] == [expected]


# --- a reporting verb away from the date does not outweigh a future ---------------------------------------

REPORTING = [
    ("en", "The new plant will open its gates to visitors March 2, the company said.", "2022-10-20", "2023-03-02"),
    ("de", "Das neue Werk wird nach Angaben des Konzerns erst am 2. März eröffnet, sagte ein Sprecher.",
     "2022-10-20", "2023-03-02"),
    ("es", "La planta abrirá sus puertas al público el 2 de marzo, dijo la empresa.", "2022-10-20", "2023-03-02"),
    ("pt", "A fábrica abrirá as portas ao público a 2 de março, disse a empresa.", "2022-10-20", "2023-03-02"),
    ("ru", "Новый завод будет открыт только 2 марта, сообщили в компании.", "2022-10-20", "2023-03-02"),
    ("uk", "Новий завод буде відкрито лише 2 березня, повідомили в компанії.", "2022-10-20", "2023-03-02"),
    # next to the date, the reporting verb dates the statement
    ("en", "The company said March 2 that it will open a plant.", "2022-10-20", "2022-03-02"),
]


@pytest.mark.parametrize("language,body,day,expected", REPORTING)
def test_a_reporting_verb_away_from_the_date_does_not_outweigh_a_future(language: str, body: str, day: str,
                                                                         expected: str) -> None:
    assert [date for _, date, _, _ in found(body, language, day)] == [expected]


# --- deadlines look forward -------------------------------------------------------------------------------

DEADLINES = [
    ("en", "The offer expires Aug. 1.", "2022-08-01"),
    ("en", "Ballots are due Aug. 1.", "2022-08-01"),
    ("en", "The offer runs through Aug. 1.", "2022-08-01"),
    ("en", "The firm faces an Aug. 1 deadline.", "2022-08-01"),
    ("de", "Die Zahlung ist fällig am 1. August.", "2022-08-01"),
    ("de", "Die Anträge sind spätestens am 1. August einzureichen.", "2022-08-01"),
    ("es", "El plazo vence el 1 de agosto.", "2022-08-01"),
    ("es", "La audiencia quedó fijada para el 1 de agosto.", "2021-08-01"),  # a past tense still looks back
    ("es", "La audiencia es para el 1 de agosto.", "2022-08-01"),
    ("pt", "O prazo vence a 1 de agosto.", "2022-08-01"),
    ("fr", "La date limite est le 1er août.", "2022-08-01"),
    ("it", "Il termine del 1° agosto resta valido.", "2022-08-01"),
    ("pl", "Termin upływa 1 sierpnia.", "2022-08-01"),
    ("cs", "Lhůta vyprší 1. srpna.", "2022-08-01"),
    ("ru", "Срок истекает 1 августа.", "2022-08-01"),
    ("uk", "Термін спливає 1 серпня.", "2022-08-01"),
    # "until" with a month too; the end of a range is none
    ("en", "The border stays closed until August.", "2022-08"),
    ("en", "The exhibition was open until August.", "2021-08"),
]


@pytest.mark.parametrize("language,body,expected", DEADLINES)
def test_a_deadline_looks_forward(language: str, body: str, expected: str) -> None:
    assert [date for _, date, _, _ in found(body, language, EARLY)][-1:] == [expected]


@pytest.mark.parametrize("language,body", [
    ("hr", "Sajam je održan od 7. do 9. rujna."),
    ("uk", "Ярмарок з 7 до 9 вересня у Львові."),
])
def test_the_end_of_a_range_is_no_deadline(language: str, body: str) -> None:
    assert [date for _, date, _, _ in found(body, language, "2022-10-20")] == ["2022-09-07", "2022-09-09"]


# --- a weekday written with the date fixes the year -------------------------------------------------------
# 25 April was a Saturday in 2015, a Monday in 2016: in an article of January 2016 the nearer reading
# would be April 2016.

WEEKDAY_AND_DATE = [
    ("en", "The outcome of the vote on Saturday, April 25, is disputed."),
    ("de", "Das Ergebnis der Wahl am Samstag, 25. April, ist umstritten."),
    ("es", "El resultado de la votación del sábado 25 de abril sigue en disputa."),
    ("fr", "Le résultat du vote du samedi 25 avril reste contesté."),
    ("pl", "Wynik głosowania w sobotę 25 kwietnia jest sporny."),
    ("cs", "Výsledek hlasování v sobotu 25. dubna je sporný."),
    ("ru", "Итоги голосования в субботу, 25 апреля, оспариваются."),
    ("uk", "Підсумки голосування в суботу, 25 квітня, оскаржуються."),
]


@pytest.mark.parametrize("language,body", WEEKDAY_AND_DATE)
def test_a_weekday_with_the_date_fixes_the_year(language: str, body: str) -> None:
    assert [date for _, date, _, _ in found(body, language, "2016-01-10")] == ["2015-04-25"]


def test_a_weekday_with_the_date_leaves_the_tense_when_it_fits_neither_reading() -> None:
    # 18 October 2022 is a Tuesday, 2023's a Wednesday, 2021's a Monday: "Thursday" fits neither near one
    assert [d for _, d, _, _ in found("Talks will resume on Thursday, October 18.", "en", "2022-10-10")] == [
        "2022-10-18"]


# --- modals: a weak future for a weekday ------------------------------------------------------------------


@pytest.mark.parametrize("language,body", [
    ("en", "The wreck could be located Wednesday, officials said."),
    ("es", "El barco podría llegar al puerto el miércoles."),
    ("pt", "O navio poderia chegar ao porto na quarta-feira."),
    ("it", "La nave potrebbe arrivare in porto mercoledì."),
])
def test_a_past_modal_is_a_weak_future_for_a_weekday(language: str, body: str) -> None:
    assert [d for _, d, _, _ in found(body, language, "2024-03-19")] == ["2024-03-20"]


# --- one fact told by two sources is one event ------------------------------------------------------------


def _events_of(bodies: list[tuple[str, str, list[tuple[str, str]]]]) -> dict[str, str]:
    """source id -> event id of its one expression, for sources (id, body, [(name as written, entity id)])."""
    sources, spans = [], {}
    for sid, body, names in bodies:
        source = make_source(body, "en" if sid.startswith("en") else "de", "2022-10-20", sid)
        sources.append(source)
        spans[sid] = [(source.text.index(name), source.text.index(name) + len(name), entity)
                      for name, entity in names]
    expressions, _ = build_timeline(sources, spans)
    assert len(expressions) == len(bodies)
    return {e.source_id: e.event for e in expressions}


def test_a_sentence_referring_back_joins_the_source_that_names_the_person() -> None:
    events = _events_of([
        ("en1", "Ukraine recalled its envoy Olena Marchuk. The diplomat had spoken to a Latvian reporter, "
                "Ilze Berzina, in August.", [("Olena Marchuk", "person-marchuk"), ("Ilze Berzina", "person-berzina")]),
        ("de1", "Die Botschafterin Olena Martschuk hatte sich im August geäußert.", [("Olena Martschuk", "person-marchuk")]),
        ("de2", "Die Inflation stieg im August.", []),
    ])
    assert events["en1"] == events["de1"] != events["de2"]


def test_referring_back_does_not_join_another_fact_of_a_day() -> None:
    # a day has many facts in a big story: its events still need an entity of their own sentences
    events = _events_of([
        ("en2", "Ukraine recalled its envoy Olena Marchuk. The freighter Aurora sank on 3 September.",
         [("Olena Marchuk", "person-marchuk"), ("Aurora", "ship-aurora")]),
        ("de2", "Olena Martschuk sprach am 3. September mit Rostow.", [("Olena Martschuk", "person-marchuk"),
                                                                       ("Rostow", "person-rostow")]),
    ])
    assert events["en2"] != events["de2"]
