"""The chronology in Spanish, Italian, Portuguese, Dutch and Czech: one table of words per language
(languages/<code>/dates.toml, read by dates.py's table builder), resolved like the others. Sentences written
for these tests; the article date is a Thursday, 20 October 2022."""

from __future__ import annotations

import pytest
from test_chronology import found, one

CASES = [
    # Spanish
    ("es", "El decreto se firmó el martes 18 de octubre de 2022 en Madrid.", ("el martes 18 de octubre de 2022", "2022-10-18", "day", "point")),
    ("es", "Madrid, 20 oct (EFE).- El ministro habló.", ("20 oct", "2022-10-20", "day", "point")),
    ("es", "La carga llegó el pasado 3 de septiembre al puerto.", ("el pasado 3 de septiembre", "2022-09-03", "day", "point")),
    ("es", "La investigación comenzó a finales de agosto.", ("a finales de agosto", "2022-08", "late-month", "point")),
    ("es", "El juez lo interrogó ayer por la tarde.", ("ayer por la tarde", "2022-10-19", "day", "point")),
    ("es", "La policía registró la sede el martes.", ("el martes", "2022-10-18", "day", "point")),
    ("es", "El tribunal decidirá el lunes sobre la extradición.", ("el lunes", "2022-10-24", "day", "point")),
    ("es", "La empresa opera en el país desde 2019.", ("desde 2019", "2019", "year", "since")),
    ("es", "Las exportaciones crecieron el año pasado.", ("el año pasado", "2021", "year", "point")),
    ("es", "El buque zarpó el 15/10/2022 de Valencia.", ("el 15/10/2022", "2022-10-15", "day", "point")),
    # Italian
    ("it", "Il sequestro è avvenuto martedì nel porto.", ("martedì", "2022-10-18", "day", "point")),
    ("it", "Il carico era partito lo scorso 3 settembre.", ("lo scorso 3 settembre", "2022-09-03", "day", "point")),
    ("it", "L'indagine è iniziata il 1° ottobre 2022.", ("il 1° ottobre 2022", "2022-10-01", "day", "point")),
    ("it", "Il capitano è stato fermato ieri sera.", ("ieri sera", "2022-10-19", "day", "point")),
    ("it", "La procura conta di chiudere l'indagine entro dicembre.", ("entro dicembre", "2022-12", "month", "until")),
    ("it", "L'anno scorso la società ha esportato macchinari.", ("L'anno scorso", "2021", "year", "point")),
    # Portuguese
    ("pt", "A carga foi apreendida na terça-feira em Génova.", ("na terça-feira", "2022-10-18", "day", "point")),
    ("pt", "O navio partiu a 12 de outubro de 2022 de Valência.", ("a 12 de outubro de 2022", "2022-10-12", "day", "point")),
    ("pt", "Lisboa, 20 out 2022 (Lusa) - O governo reagiu.", ("20 out 2022", "2022-10-20", "day", "point")),
    ("pt", "O ministro falou ontem aos jornalistas.", ("ontem", "2022-10-19", "day", "point")),
    ("pt", "O navio chegou ao porto na quinta, disse a polícia.", ("na quinta", "2022-10-20", "day", "point")),
    # Dutch
    ("nl", "Het schip werd op dinsdag 18 oktober in beslag genomen.", ("op dinsdag 18 oktober", "2022-10-18", "day", "point")),
    ("nl", "De kapitein werd dinsdagavond aangehouden.", ("dinsdagavond", "2022-10-18", "day", "point")),
    ("nl", "Het onderzoek begon eind september.", ("eind september", "2022-09", "late-month", "point")),
    ("nl", "De minister sprak gisteren met de pers.", ("gisteren", "2022-10-19", "day", "point")),
    ("nl", "De lading vertrok op 12-10-2022 uit Valencia.", ("op 12-10-2022", "2022-10-12", "day", "point")),
    # Czech
    ("cs", "Policie muže zadržela v úterý 18. října 2022 v Ostravě.", ("v úterý 18. října 2022", "2022-10-18", "day", "point")),
    ("cs", "Soud o vydání rozhodne v prosinci.", ("v prosinci", "2022-12", "month", "point")),
    ("cs", "Loď vyplula 12. 10. 2022 z Valencie.", ("12. 10. 2022", "2022-10-12", "day", "point")),
    ("cs", "Muž byl zadržen ve středu večer.", ("ve středu večer", "2022-10-19", "day", "point")),
    ("cs", "Vyšetřování začalo koncem září.", ("koncem září", "2022-09", "late-month", "point")),
    ("cs", "Firma vyvážela stroje už loni.", ("loni", "2021", "year", "point")),
    ("cs", "Ve vazbě zůstane nejméně do pátku.", ("do pátku", "2022-10-21", "day", "until")),
]


@pytest.mark.parametrize("language,body,expected", CASES)
def test_dates_in_more_languages(language: str, body: str, expected: tuple) -> None:
    assert one(body, language) == expected


TRAPS = [
    ("es", "Plácido Domingo cantó en Madrid y los martes hay mercado."),
    ("es", "Trabaja en el turno de mañana desde hace años."),
    ("es", "En 2000 personas se manifestaron."),
    ("it", "Domenica Rossi ha parlato con i giornalisti."),
    ("pt", "Foi a segunda vez que o navio foi retido."),
    ("nl", "De Morgen en De Standaard schreven erover."),
    ("cs", "Středa je pro obchod důležitá, řekl Pavel."),
]


@pytest.mark.parametrize("language,body", TRAPS)
def test_no_false_dates_in_more_languages(language: str, body: str) -> None:
    assert found(body, language) == []
