"""Organisations named in another language, by acronym or by a translated long name, are one entity; a
body every country has is one per country; and the entity says why knowledge joined it (our own sentences)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tui
from tui.engine import knowledge


def _story(tmp_path: Path, articles: dict[str, str]) -> tui.Story:
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tui.load(tmp_path)


def _entity_of(story, text: str):
    found = [e for e in story.entities if any(m.text == text for m in e.mentions)]
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.mark.parametrize(("tokens", "language", "body"), [
    (("NATO",), "en", "nato"), (("OTAN",), "fr", "nato"), (("NAVO",), "nl", "nato"), (("НАТО",), "ru", "nato"),
    (("UE",), "pl", "eu"), (("ЄС",), "uk", "eu"), (("ЕС",), "bg", "eu"), (("Evropské", "unii"), "cs", "eu"),
    (("Komisji", "Europejskiej"), "pl", "european-commission"), (("Europäische", "Kommission"), "de",
                                                                 "european-commission"),
    (("Vereinten", "Nationen"), "de", "un"), (("OBWE",), "pl", "osce"), (("ОБСЕ",), "ru", "osce"),
    (("Welternährungsprogramm",), "de", "wfp"), (("Programme", "alimentaire", "mondial"), "fr", "wfp"),
    (("Rady", "Najwyższej"), "pl", "verkhovna-rada"), (("Верховна", "Рада"), "uk", "verkhovna-rada"),
    (("Außenministeriums",), "de", "ministry-foreign"), (("Krajský", "soud"), "cs", "regional-court"),
])
def test_a_spelling_finds_its_body_in_the_table(tokens, language, body):
    concept = knowledge.concept_of(tokens, language)
    assert concept is not None and concept.organisation.id == body


@pytest.mark.parametrize(("tokens", "language"), [
    (("EU",), "pt"),  # "eu" is "I" in Portuguese: the acronym is looked up only where it is the Union's
    (("EU",), "ro"),  # Romanian writes UE
    (("Europa",), "pl"),  # a word that merely starts a body's name (Europol) is not that body
    (("Austria",), "de"), (("Australia",), "en"),  # places, not bodies
    (("Nato",), "it"),  # not all-caps: an acronym is matched as written
])
def test_words_and_places_are_no_body(tokens, language):
    assert knowledge.concept_of(tokens, language) is None


def test_whose_ministry_the_words_around_it_say():
    russian = knowledge.concept_of(("MSZ", "Rosji"), "pl")
    english = knowledge.concept_of(("Russian", "Foreign", "Ministry"), "en")
    polish = knowledge.concept_of(("MSZ", "Polski"), "pl")
    assert russian is not None and english is not None and polish is not None
    assert russian.organisation == english.organisation == polish.organisation
    assert russian.owner == english.owner == "RU" and polish.owner == "PL"


def test_an_alliance_named_in_four_languages_is_one_entity_and_says_why(tmp_path):
    story = _story(tmp_path, {
        "en.txt": "Leaders of NATO met in Vilnius on Tuesday to discuss the eastern flank and new budgets.\n",
        "fr.txt": "Les dirigeants de l'OTAN se sont réunis mardi à Vilnius pour parler du flanc oriental.\n",
        "nl.txt": "De leiders van de NAVO kwamen dinsdag in Vilnius bijeen om over de oostflank te praten.\n",
        "ru.txt": "Лидеры НАТО встретились во вторник в Вильнюсе, чтобы обсудить восточный фланг.\n",
    })
    entity = _entity_of(story, "NATO")
    assert {"OTAN", "NAVO", "НАТО"} <= {m.text for m in entity.mentions}
    reasons = dict(entity.joined_by)
    assert reasons and all(reason == knowledge.TABLE_REASON for reason in reasons.values())
    assert json.loads(json.dumps(entity.to_json()))["joined_by"]


def test_the_commission_in_case_forms_and_the_union_by_acronym(tmp_path):
    story = _story(tmp_path, {
        "pl.txt": "Wniosek trafił do Komisji Europejskiej w poniedziałek. Rzecznik UE nie skomentował sprawy.\n",
        "de.txt": "Die Europäische Kommission erhielt den Antrag am Montag. Ein Sprecher der EU schwieg.\n",
        "uk.txt": "Заявку в понеділок отримала Європейська комісія. Речник ЄС не коментував.\n",
    })
    commission = _entity_of(story, "Komisji Europejskiej")
    assert {"Europäische Kommission", "Європейська комісія"} <= {m.text for m in commission.mentions}
    union = _entity_of(story, "UE")
    assert {"EU", "ЄС"} <= {m.text for m in union.mentions}
    assert union.id != commission.id


def test_two_countries_ministries_stay_apart_and_a_bare_one_goes_to_the_one_named(tmp_path):
    story = _story(tmp_path, {
        "pl.txt": "Wczoraj MSZ Rosji wezwało ambasadora. Później MSZ Polski odpowiedziało krótkim komunikatem.\n",
        "en.txt": "The Russian Foreign Ministry summoned the envoy on Monday, officials said.\n",
    })
    russian = _entity_of(story, "MSZ Rosji")
    assert "Russian Foreign Ministry" in {m.text for m in russian.mentions}
    assert "MSZ Polski" not in {m.text for m in russian.mentions}

    other = tmp_path / "one"
    other.mkdir()
    (other / "pl.txt").write_text("W czwartek rzecznik MSZ odmówił komentarza w sprawie noty.\n", encoding="utf-8")
    (other / "en.txt").write_text("The Russian Foreign Ministry issued a note on Thursday.\n", encoding="utf-8")
    story2 = tui.load(other)
    assert "MSZ" in {m.text for m in _entity_of(story2, "Russian Foreign Ministry").mentions}


def test_a_place_says_it_is_one_record_of_the_gazetteer(tmp_path):
    story = _story(tmp_path, {
        "en.txt": "The delegation travelled to Germany on Friday and met ministers there.\n",
        "pl.txt": "Delegacja pojechała w piątek do Niemiec. Niemcy przyjęły ją chłodno.\n",
    })
    germany = _entity_of(story, "Germany")
    reasons = dict(germany.joined_by)
    assert "Niemcy" in reasons and "CLDR" in reasons["Niemcy"]
    assert "Niemiec" not in reasons  # a case form met by its ending, not by the record


def test_the_entity_detail_has_one_line_of_why():
    from tui.app.widgets.spellings import detail_lines
    from tui.engine.model import Entity, Variant

    entity = Entity("org-nato", "NATO", "ORG", (Variant("NATO", 2), Variant("OTAN", 1)), (),
                    (("en", (Variant("NATO", 2),)), ("fr", (Variant("OTAN", 1),))), (("Latn", 3),),
                    (("OTAN", knowledge.TABLE_REASON),))
    lines = [line.plain for line in detail_lines(entity, 100, 1)]
    assert lines[-1].startswith("joined: OTAN — same organisation")
