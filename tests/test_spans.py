"""Where a name begins and ends (issue 12, spans): airlines named "Air X", model numbers, web domains, one
script per name, datelines and stamps (our own sentences, written for these tests)."""

from __future__ import annotations

import pytest

from tui.engine.detection import NameDetector
from tui.engine.model import Source


def _detector(texts: list[str], language: str) -> NameDetector:
    sources = [Source(id=str(i), path="", abspath="", text=t, body_start=0, language=language, date=None,
                      date_precision=None, title="", words=len(t.split()), encoding="utf-8")
               for i, t in enumerate(texts)]
    return NameDetector(sources)


def _names(text: str, language: str) -> list[str]:
    detector = _detector([text], language)
    return [o.text for o in detector.detect(0) if not o.nested]


# 1. "Air X" is an airline: the place after "Air" is part of its name, not a mention of the place
@pytest.mark.parametrize(("language", "text", "expected"), [
    ("cs", "Cestující přestoupili do letadla Air Serbia v Bělehradě.", "Air Serbia"),
    ("pl", "Pasażerowie linii Air Malta czekali na lotnisku.", "Air Malta"),
    ("sl", "Potniki družbe Air Canada so čakali.", "Air Canada"),
    ("ru", "Пассажиры авиакомпании Air India ждали вылета.", "Air India"),
    ("en", "Air Astana cancelled two flights.", "Air Astana"),
])
def test_an_airline_named_air_and_a_place_is_one_organisation(language, text, expected):
    detector = _detector([text], language)
    found = detector.detect(0)
    assert expected in [o.text for o in found]
    assert all(not (o.kind == "PLACE" and not o.nested) for o in found if o.text in expected)


def test_air_in_an_airline_name_after_the_name():
    assert "Sky Blue Air" in _names("Dopravce Sky Blue Air zrušil lety.", "cs")


# 2. a model number belongs to the product's name; days, years and quantities do not
@pytest.mark.parametrize(("language", "text", "expected"), [
    ("cs", "Aerolinka nasadila letadla Airbus A330 na delší trasy.", ["Airbus A330"]),
    ("pl", "Przewoźnik kupił samoloty Embraer 195 w zeszłym roku.", ["Embraer 195"]),
    ("pl", "Przewoźnik kupił samoloty Embraer 190-E2.", ["Embraer 190-E2"]),
    ("ru", "Компания заказала самолеты Embraer 175 Max. Однако сделка сорвалась.", ["Embraer 175 Max"]),
    ("en", "The airline grounded its Bombardier 200. Officials agreed.", ["Bombardier 200"]),
])
def test_a_model_number_is_part_of_the_name(language, text, expected):
    assert _names(text, language) == expected


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("ru", "Переговоры прошли в Варшаве 14 марта.", ["Варшаве"]),
    ("pl", "Protest w Gdańsku 2021 roku zgromadził wielu ludzi.", ["Gdańsku"]),
    ("cs", "Podle Petrova 300 lidí čekalo.", ["Petrova"]),
    ("uk", "У Львові 250 осіб чекали на рейс.", ["Львові"]),
    ("en", "In Lisbon 120,000 people marched.", ["Lisbon"]),
])
def test_a_number_that_counts_or_dates_is_no_model_number(language, text, expected):
    assert _names(text, language) == expected


def test_a_model_number_never_stands_alone():
    assert _names("Pondělí 737 a další.", "cs") == []


# 3. a web domain is one name, not the name before its dot
@pytest.mark.parametrize(("language", "text", "expected"), [
    ("cs", "Podle serveru Novinky.cz se let zpozdil.", ["Novinky.cz"]),
    ("pl", "Bilety sprzedaje portal Skyscanner.net od wczoraj.", ["Skyscanner.net"]),
    ("ru", "Об этом сообщает сайт Lenta.ru сегодня.", ["Lenta.ru"]),
    ("uk", "Київ. 3 травня. УКРІНФОРМ.UA - Пілоти оголосили страйк.", ["Київ", "УКРІНФОРМ.UA"]),
])
def test_a_web_domain_is_one_name(language, text, expected):
    assert _names(text, language) == expected


def test_a_sentence_end_is_no_domain():
    assert _names("Letadlo přistálo v Praze. Cestující vystoupili.", "cs") == ["Praze"]


# 4. a word of the text's language before a name in another script is not part of it
@pytest.mark.parametrize(("language", "text", "expected"), [
    ("uk", "Вчора перевізник Wizzair оголосив. Стюардеси Wizzair страйкують.", ["Wizzair", "Wizzair"]),
    ("bg", "Приложението My Wizzair е безплатно.", ["Wizzair"]),
    ("ru", "Стюардессы Lufthansa бастуют.", ["Lufthansa"]),
])
def test_a_name_is_written_in_one_script(language, text, expected):
    assert _names(text, language) == expected


# 5. after a dateline's dash or a date stamp a word starts a sentence: an ordinary word there is no name,
# and it is no evidence that the word is a name elsewhere
@pytest.mark.parametrize(("language", "texts"), [
    ("cs", ["Brno - Maďarská společnost zrušila lety.", "Ostrava - Maďarská vláda jednala.",
            "Maďarská letiště stávkují."]),
    ("ru", ["Минск. 5 мая. БЕЛТА - Венгерская компания отменила рейсы.", "Гомель - Венгерская делегация.",
            "Венгерская авиакомпания бастует."]),
    ("cs", ["Plzeň 9:15 3. května 2021 Upravená verze textu.", "Kladno 3. května 2021 Upravená zpráva.",
            "Upravená trasa vede jinudy."]),
])
def test_a_word_after_a_dateline_or_a_stamp_starts_a_sentence(language, texts):
    detector = _detector(texts, language)
    common = texts[-1].split()[0]
    for k in range(len(texts)):
        assert common not in [o.text for o in detector.detect(k)]


def test_a_spaced_dash_inside_a_sentence_is_no_dateline():
    detector = _detector(["Letadlo odletělo do Prahy - Ryanair to potvrdil."], "cs")
    detector.collect_evidence()
    assert detector.evidence["ryanair"] == 1


def test_a_number_with_a_unit_is_no_model_number():
    assert _names("The 240-km pipeline runs from Odesa. Officials agreed.", "en") == ["Odesa"]


def test_an_agency_in_brackets_after_a_date_is_still_a_name():
    # "(Agência)" after the stamp: a bracket opens a credit, not a sentence
    assert "Lusa" in _names("Porto, 12 mar 2024 (Lusa) - O navio partiu.", "pt")


def test_after_a_locative_two_names_the_story_writes_alone_are_two():
    text = "Samoloty latają do Kortrijk, a Wizzair tam zarabia. W Kortrijk Wizzair zatrudnia pilotów."
    assert _names(text, "pl") == ["Kortrijk", "Wizzair", "Kortrijk", "Wizzair"]


def test_after_a_locative_a_full_name_stays_whole():
    text = "Mieszkał w Kortrijk. Spotkanie w Marii Nowak domu."
    assert "Marii Nowak" in _names(text, "pl")


# A brand written in camel case is one word: its inner capital opens no name ("Jet" out of "easyJet")
@pytest.mark.parametrize(("language", "text", "expected", "not_expected"), [
    ("en", "Flights by easyJet and Wizz Air were cancelled.", "easyJet", "Jet"),
    ("ru", "Рейсы отменили авиакомпании easyJet и Lufthansa.", "easyJet", "Jet"),
    ("pl", "Nowy iPhone trafił do sklepów w Warszawie.", "iPhone", "Phone"),
    ("de", "Die Fluglinie airBaltic fliegt nach Riga.", "airBaltic", "Baltic"),
])
def test_a_camel_case_brand_is_one_name(language, text, expected, not_expected):
    names = _names(text, language)
    assert expected in names
    assert not_expected not in names


def test_lower_case_units_and_codes_stay_out():
    names = _names("The plant made 5 kWh of power; the mRNA vaccine and pH tests followed in Berlin.", "en")
    assert names == ["Berlin"]


# A lone word in capitals is a little word only in its article's own language: another pack's "ke", "who",
# "es" is an acronym here; the article's own little words in capitals still are none
@pytest.mark.parametrize(("language", "text", "expected"), [
    ("pl", "Związkowcy czekają na apel KE do przewoźnika.", ["KE"]),
    ("de", "Die Experten der WHO warnten am Montag.", ["WHO"]),
    ("sl", "Poročilo agencije STA je bilo kratko.", ["STA"]),
    ("cs", "Cestující přišli KE stanici.", []),
])
def test_capitals_are_a_little_word_only_in_their_own_language(language, text, expected):
    assert _names(text, language) == expected
