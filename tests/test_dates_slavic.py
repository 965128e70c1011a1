"""Dates in Russian, Ukrainian, Bulgarian, Slovene, Slovak, Croatian and Serbian (both scripts): each language's
rules are its pack (languages/<code>/dates.toml), read by dates.py's table builder. The language is given
explicitly (identifying it is language.py's job). Sentences written for these tests; the article is dated
Thursday 2022-10-20 (test_chronology.THURSDAY)."""

from __future__ import annotations

import pytest
from test_chronology import found

from tui.engine import chronology, dates

# (language, sentence, [(text, date, precision, role)]); an empty list is a trap: no date in it
CASES = [
('ru', '21 сентября 2022 г. посол прибыл в Астану.', [('21 сентября 2022 г.', '2022-09-21', 'day', 'point')]),
('ru', 'Министр заявил об этом вчера вечером.', [('вчера вечером', '2022-10-19', 'day', 'point')]),
('ru', 'Позавчера делегация вернулась.', [('Позавчера', '2022-10-18', 'day', 'point')]),
('ru', 'На прошлой неделе посла вызвали в МИД.', [('На прошлой неделе', '2022-10', 'month', 'point')]),
('ru', 'Переговоры пройдут в среду.', [('в среду', '2022-10-26', 'day', 'point')]),
('ru', 'Посол встретился с министром в среду.', [('в среду', '2022-10-19', 'day', 'point')]),
('ru', 'Встреча состоится 25 октября.', [('25 октября', '2022-10-25', 'day', 'point')]),
('ru', 'Посол прибыл 25 октября.', [('25 октября', '2021-10-25', 'day', 'point')]),
('ru', 'В марте прошлого года посольство закрыли.', [('В марте прошлого года', '2021-03', 'month', 'point')]),
('ru', 'Соглашение подписали в 2021 году.', [('в 2021 году', '2021', 'year', 'point')]),
('ru', 'Тереза Май заявила журналистам о своём решении.', []),
('ru', 'Премьер Тереза Май прилетела в г. Москва.', []),
('ru', 'В акции участвовали около 2000 человек.', []),
('ru', 'Завтра он будет в Алматы.', [('Завтра', '2022-10-21', 'day', 'point')]),
('ru', 'Забастовка продлится до пятницы.', [('до пятницы', '2022-10-21', 'day', 'until')]),
('uk', '24 лютого 2022 року посол повернувся до Києва.', [('24 лютого 2022 року', '2022-02-24', 'day', 'point')]),
('uk', 'Посол повідомив про це 24 лютого.', [('24 лютого', '2022-02-24', 'day', 'point')]),
('uk', 'У березні посольство відновило роботу.', [('У березні', '2022-03', 'month', 'point')]),
('uk', 'Вчора посол зустрівся з міністром.', [('Вчора', '2022-10-19', 'day', 'point')]),
('uk', 'Минулого тижня посла викликали до МЗС.', [('Минулого тижня', '2022-10', 'month', 'point')]),
('uk', 'Переговори відбудуться у середу.', [('у середу', '2022-10-26', 'day', 'point')]),
('uk', 'У п’ятницю посол виступив у парламенті.', [('У п’ятницю', '2022-10-14', 'day', 'point')]),
('uk', 'Сьогодні міністр заявив про відкликання посла.', [('Сьогодні', '2022-10-20', 'day', 'point')]),
('uk', 'У 2021 році в акції взяли участь 2000 людей.', [('У 2021 році', '2021', 'year', 'point')]),
('uk', 'Він прийде завтра.', [('завтра', '2022-10-21', 'day', 'point')]),
('bg', 'На 20 октомври 2022 г. министърът заяви, че ще подаде оставка.', [('На 20 октомври 2022 г.', '2022-10-20', 'day', 'point')]),
('bg', 'Миналата седмица посланикът беше извикан.', [('Миналата седмица', '2022-10', 'month', 'point')]),
('bg', 'Посланикът ще пристигне в сряда.', [('в сряда', '2022-10-26', 'day', 'point')]),
('bg', 'Вчера премиерът заяви, че ще подаде оставка.', [('Вчера', '2022-10-19', 'day', 'point')]),
('bg', 'През октомври посолството беше затворено.', [('През октомври', '2022-10', 'month', 'point')]),
('bg', 'Тереза Мей се срещна с Борис Джонсън.', []),
('bg', 'Заседанието ще бъде в края на март.', [('в края на март', '2023-03', 'late-month', 'point')]),
('sl', '20. oktobra 2022 je minister odstopil.', [('20. oktobra 2022', '2022-10-20', 'day', 'point')]),
('sl', 'Včeraj je veleposlanik obiskal ministrstvo.', [('Včeraj', '2022-10-19', 'day', 'point')]),
('sl', 'Prejšnji teden so podpisali sporazum.', [('Prejšnji teden', '2022-10', 'month', 'point')]),
('sl', 'Veleposlanik bo prispel v sredo.', [('v sredo', '2022-10-26', 'day', 'point')]),
('sl', 'V oktobru je bilo več stavk.', [('V oktobru', '2022-10', 'month', 'point')]),
('sl', 'Maja Novak je dejala, da bo letos drugače.', [('letos', '2022', 'year', 'point')]),
('sk', '20. októbra 2022 minister odstúpil.', [('20. októbra 2022', '2022-10-20', 'day', 'point')]),
('sk', 'Včera veľvyslanec navštívil ministerstvo.', [('Včera', '2022-10-19', 'day', 'point')]),
('sk', 'Veľvyslanec príde v stredu.', [('v stredu', '2022-10-26', 'day', 'point')]),
('sk', 'V októbri bolo viac štrajkov.', [('V októbri', '2022-10', 'month', 'point')]),
('sk', 'Minulý týždeň podpísali dohodu.', [('Minulý týždeň', '2022-10', 'month', 'point')]),
('hr', 'Ministar je 20. listopada 2022. podnio ostavku.', [('20. listopada 2022', '2022-10-20', 'day', 'point')]),
('hr', 'Jučer je veleposlanik posjetio ministarstvo.', [('Jučer', '2022-10-19', 'day', 'point')]),
('hr', 'Prošlog tjedna potpisan je sporazum.', [('Prošlog tjedna', '2022-10', 'month', 'point')]),
('hr', 'Veleposlanik će doputovati u srijedu.', [('u srijedu', '2022-10-26', 'day', 'point')]),
('hr', 'Sporazum je potpisan 2021. godine.', [('2021. godine', '2021', 'year', 'point')]),
('hr', 'Sutradan je otputovao.', []),
('sr', 'Ministar je 20. oktobra 2022. podneo ostavku.', [('20. oktobra 2022', '2022-10-20', 'day', 'point')]),
('sr', 'Министар је 20. октобра 2022. поднео оставку.', [('20. октобра 2022', '2022-10-20', 'day', 'point')]),
('sr', 'Juče je ambasador posetio ministarstvo.', [('Juče', '2022-10-19', 'day', 'point')]),
('sr', 'Јуче је амбасадор посетио министарство.', [('Јуче', '2022-10-19', 'day', 'point')]),
('sr', 'Ambasador će doputovati u sredu.', [('u sredu', '2022-10-26', 'day', 'point')]),
('sr', 'Амбасадор ће допутовати у среду.', [('у среду', '2022-10-26', 'day', 'point')]),
('sr', 'Prošle nedelje potpisan je sporazum.', [('Prošle nedelje', '2022-10', 'month', 'point')]),
('sr', 'Sastanak je održan u nedelju.', [('u nedelju', '2022-10-16', 'day', 'point')]),
]


@pytest.mark.parametrize("language,body,expected", CASES)
def test_slavic_dates(language: str, body: str, expected: list) -> None:
    assert found(body, language) == expected


@pytest.mark.parametrize("language", ["ru", "uk", "bg", "sl", "sk", "hr", "sr"])
def test_every_slavic_pack_has_date_rules_and_reads_tense(language: str) -> None:
    assert language in dates.LANGUAGES
    assert chronology.reads_tense(language)


TRAPS = [
    ("ru", "Встреча с Май прошла в г. Новосибирске."),  # "Май" the name; "г." is город, no year before it
    ("ru", "Тираж 2022 экземпляра, цена 25 руб."),  # a number that is no year (no preposition, no "года")
    ("ru", "Проблемы окружающей среды обсуждали долго."),  # "среда" the environment
    ("uk", "Охорона навколишнього середовища важлива."),
    ("uk", "Близько 2000 людей вийшли на протест."),  # 2000 people
    ("bg", "Около 2000 души протестираха."),
    ("sl", "Sreda mesta je bila zaprta."),  # "sreda" as the middle, no preposition
    ("hr", "Sutradan je otputovao kući."),  # "sutradan": the next day of the story, not tomorrow
    ("sr", "Maja je došla kući."),  # the name Maja, not the month (lower case "maja")
]


@pytest.mark.parametrize("language,body", TRAPS)
def test_slavic_traps(language: str, body: str) -> None:
    assert found(body, language) == []


def test_month_names_are_lower_case_only() -> None:
    """Russian, Ukrainian and Bulgarian write months in lower case: "Май" is Theresa May."""
    assert [f.month for f in dates.tag("в мае", 0, "ru")] == [5]
    assert dates.tag("с Май", 0, "ru") == []
    assert dates.tag("от Май", 0, "bg") == []


def test_year_words_end_the_expression() -> None:
    for language, text, span in [("ru", "21 сентября 2022 г. он", "21 сентября 2022 г."),
                                 ("ru", "осенью 2023 года", "2023 года"),
                                 ("uk", "наприкінці 2022 року", "наприкінці 2022 року"),
                                 ("bg", "през 2022 година", "през 2022 година"),
                                 ("hr", "u 2022. godini", "u 2022. godini"),
                                 ("sr", "2022. године", "2022. године")]:
        (f,) = dates.tag(text, 0, language)
        assert (text[f.start:f.end], f.year) == (span, 2022 if "2022" in span else 2023)


def test_shifts_and_parts() -> None:
    (f,) = dates.tag("в марте прошлого года", 0, "ru")
    assert (f.month, f.year_shift) == (3, -1)
    (f,) = dates.tag("в прошлую пятницу", 0, "ru")
    assert (f.weekday, f.shift) == (4, "last")
    (f,) = dates.tag("в конце марта", 0, "ru")
    assert (f.month, f.part) == (3, "late")
    (f,) = dates.tag("krajem ožujka", 0, "hr")
    assert (f.month, f.part) == (3, "late")
    (f,) = dates.tag("з понеділка", 0, "uk")
    assert (f.weekday, f.role) == (0, "since")
    (f,) = dates.tag("do sobote", 0, "sl")
    assert (f.weekday, f.role) == (5, "until")


def test_apostrophe_spellings_of_friday() -> None:
    for spelling in ("п'ятницю", "п’ятницю", "пʼятницю"):
        (f,) = dates.tag(f"у {spelling}", 0, "uk")
        assert f.weekday == 4


# --- round two: pairs of days, a month with its year word, parts of a week, weekends, plans in the present,
# the day before (own sentences; the article is dated Thursday 2022-10-20)

ROUND_TWO = [
    ('ru', 'Учения прошли 12-13 августа.', [('12', '2022-08-12', 'day', 'point'), ('13 августа', '2022-08-13', 'day', 'point')]),  # noqa: E501
    ('ru', 'Забастовки прошли 3 и 4 сентября.', [('3', '2022-09-03', 'day', 'point'), ('4 сентября', '2022-09-04', 'day', 'point')]),  # noqa: E501
    ('uk', 'Навчання тривали з 5 до 9 вересня.', [('з 5', '2022-09-05', 'day', 'since'), ('до 9 вересня', '2022-09-09', 'day', 'until')]),  # noqa: E501
    ('hr', 'Sajam je održan od 7. do 9. rujna.', [('od 7', '2022-09-07', 'day', 'since'), ('do 9. rujna', '2022-09-09', 'day', 'until')]),  # noqa: E501
    ('sk', 'Rokovania boli 6. a 7. septembra.', [('6', '2022-09-06', 'day', 'point'), ('7. septembra', '2022-09-07', 'day', 'point')]),  # noqa: E501
    ('sl', 'Volitve so bile aprila lani.', [('aprila lani', '2021-04', 'month', 'point')]),
    ('hr', 'Most je otvoren svibnja prošle godine.', [('svibnja prošle godine', '2021-05', 'month', 'point')]),
    ('uk', 'На початку тижня делегація була у Варшаві.', [('На початку тижня', '2022-10', 'month', 'point')]),
    ('bg', 'В края на седмицата делегацията беше във Варна.', [('В края на седмицата', '2022-10', 'month', 'point')]),
    ('sr', 'Delegacija je provela kraj nedelje u Nišu.', [('kraj nedelje', '2022-10', 'month', 'point')]),
    ('ru', 'В прошлые выходные в городе прошёл фестиваль.', [('В прошлые выходные', '2022-10', 'month', 'point')]),
    ('uk', 'Минулих вихідних у місті пройшов фестиваль.', [('Минулих вихідних', '2022-10', 'month', 'point')]),
    ('sk', 'Minulý víkend sa v meste konal festival.', [('Minulý víkend', '2022-10', 'month', 'point')]),
    # a plan in the present tense: the month ahead is the nearer one (as a modal: no year's jump is forced)
    ('sr', 'Izgradnja mosta počinje u januaru.', [('u januaru', '2023-01', 'month', 'point')]),
    ('ru', 'Ремонт дороги начинается в декабре.', [('в декабре', '2022-12', 'month', 'point')]),
    ('uk', 'Опалювальний сезон починається у листопаді.', [('у листопаді', '2022-11', 'month', 'point')]),
    # the day before: the article's when nothing before it in its paragraph is a day
    ('ru', 'Накануне вечером мэр подписал указ.', [('Накануне', '2022-10-19', 'day', 'point')]),
    ('uk', 'Напередодні, за даними поліції, затримали двох людей.', [('Напередодні', '2022-10-19', 'day', 'point')]),
    ('ru', 'Мэр прибыл 14 октября. Накануне новый губернатор подписал указ.',
     [('14 октября', '2022-10-14', 'day', 'point'), ('Накануне', '2022-10-13', 'day', 'point')]),
    ('hr', 'Ministar je stigao 14. listopada. Dan ranije sastao se s premijerom.',
     [('14. listopada', '2022-10-14', 'day', 'point'), ('Dan ranije', '2022-10-13', 'day', 'point')]),
]

ROUND_TWO_TRAPS = [
    ('ru', 'Накануне выборов мэр подписал указ.'),  # on the eve of an event: no date of its own
    ('uk', 'Напередодні візиту міністр дав інтерв’ю.'),
    ('hr', 'Dan ranije nego lani stigla je zima.'),
    ('ru', 'Счёт матча 2-1, июля не ждали.'),
    ('sl', 'Maja lani ni bila doma.'),  # Maja the name, capitalised
]


@pytest.mark.parametrize(("language", "body", "expected"), ROUND_TWO)
def test_round_two(language: str, body: str, expected: list) -> None:
    assert found(body, language) == expected


@pytest.mark.parametrize(("language", "body"), ROUND_TWO_TRAPS)
def test_round_two_traps(language: str, body: str) -> None:
    assert [e for e in found(body, language) if e[1] is not None and len(e[1]) == 10] == [], body
