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


# --- the table's names found as mentions (our own sentences) -------------------------------------------------
@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Selon l'Office européen de lutte antifraude, le dossier est clos.", "fr",
     ["Office européen de lutte antifraude"]),
    ("Le Programme alimentaire mondial a livré du blé, écrit dpa.", "fr", ["Programme alimentaire mondial", "dpa"]),
    ("Ein Sprecher des Außenministeriums lobte das Welternährungsprogramm.", "de",
     ["Außenministeriums", "Welternährungsprogramm"]),
    ("Die Vereinten Nationen tagen.", "de", ["Vereinten Nationen"]),
    ("Secondo l'Unione europea il tribunale regionale ha deciso.", "it", ["Unione europea", "tribunale regionale"]),
    ("De regionale rechtbank oordeelde gisteren.", "nl", ["regionale rechtbank"]),
    ("Podle Evropské unie je to v pořádku.", "cs", ["Evropské unie"]),
    ("Wyrok Sądu Najwyższego zapadł w środę.", "pl", ["Sądu Najwyższego"]),
])
def test_the_table_names_are_found_in_their_language(text, language, expected):
    found = [text[start:end] for start, end in knowledge.find_names(text, language)]
    assert found == expected


@pytest.mark.parametrize(("text", "language"), [
    ("Der Rechtbank-Fall", "de"),  # a name of one language is not looked for in another's text
    ("La rechtbank e il radio", "it"),
    ("Die Radiostation der Stadt", "de"),  # a word that merely starts like a short name
])
def test_nothing_is_found_where_the_table_has_no_name(text, language):
    assert knowledge.find_names(text, language) == []


def test_a_found_name_is_a_mention_with_exact_offsets(tmp_path):
    story = _story(tmp_path, {
        "a_fr.txt": "PARIS - Le Programme alimentaire mondial a averti mardi que les stocks de blé baissent, et que "
                    "les prix des céréales vont encore augmenter dans les pays les plus pauvres du monde.\n",
        "b_de.txt": "BERLIN - Das Welternährungsprogramm warnte am Dienstag vor einer Krise, die nach Angaben der "
                    "Helfer in den kommenden Wochen noch schlimmer werden könnte.\n",
    })
    entity = _entity_of(story, "Programme alimentaire mondial")
    assert {m.text for m in entity.mentions} >= {"Programme alimentaire mondial", "Welternährungsprogramm"}
    for mention in entity.mentions:
        source = next(s for s in story.sources if s.path == mention.source)
        assert source.text[mention.start:mention.end] == mention.text


def test_a_name_inside_a_longer_one_is_not_found_again(tmp_path):
    story = _story(tmp_path, {"a_it.txt": "ROMA - La Corte di giustizia dell'Unione europea ha deciso oggi che "
                                          "la legge non è valida, e il governo dovrà cambiarla entro un anno.\n"})
    texts = [m.text for e in story.entities for m in e.mentions]
    assert "Corte di giustizia dell'Unione europea" in texts
    # the Union inside the court's name may be a mention of the Union (a place named inside an organisation's
    # name is one, as "Kazakhstan" in "Kazakhstan Embassy"), never a second organisation found again
    assert not any(m.text == "Unione europea" for e in story.entities if e.type == "ORG" for m in e.mentions)


# --- a body the table lacks, by its translated content words -----------------------------------------------
@pytest.mark.parametrize(("name", "language"), [
    ("Ministry of Agrarian Policy and Food", "en"), ("Ministerstwo Polityki Agrarnej i Żywności", "pl"),
    ("Ministerium für Agrarpolitik und Ernährung", "de"),
    ("ministère de la Politique agraire et de l'Alimentation", "fr"),
    ("Министерство аграрной политики и продовольствия", "ru"),
])
def test_content_words_translate_one_to_one(name, language):
    gloss = knowledge.gloss_of(tuple(name.split()), language)
    assert gloss is not None and gloss[0] == ("agrarian", "food", "ministry", "policy")


def test_a_name_with_a_word_the_pack_lacks_has_no_gloss():
    assert knowledge.gloss_of(("Ministry", "of", "Quantum", "Policy", "and", "Food"), "en") is None
    assert knowledge.gloss_of(("Food", "Policy"), "en") is None  # too few words to say which body


def test_an_untabled_body_links_across_languages_by_its_translated_words(tmp_path):
    story = _story(tmp_path, {
        "a_en.txt": "KYIV - The Ministry of Transport and Infrastructure Development said on Monday it would act.\n",
        "b_pl.txt": "KIJÓW - Ministerstwo Transportu i Rozwoju Infrastruktury poinformowało w poniedziałek o decyzji.\n",
    })
    entity = _entity_of(story, "Ministry of Transport and Infrastructure Development")
    assert any(m.text == "Ministerstwo Transportu i Rozwoju Infrastruktury" for m in entity.mentions)
    assert dict(entity.joined_by).get("Ministerstwo Transportu i Rozwoju Infrastruktury") == knowledge.GLOSS_REASON


def test_two_countries_bodies_of_the_same_words_stay_apart():
    a = knowledge.gloss_of(("Ukrainian", "Ministry", "of", "Agrarian", "Policy", "and", "Food"), "en")
    b = knowledge.gloss_of(("Ministerstwo", "Polityki", "Agrarnej", "i", "Żywności", "Polski"), "pl")
    assert a is not None and b is not None and a[0] == b[0] and a[1] != b[1]


# --- acronyms of the same letters reordered ------------------------------------------------------------------
def test_reordered_acronyms_join_across_languages_when_one_is_defined(tmp_path):
    story = _story(tmp_path, {
        "a_en.txt": "KYIV - The Grain Corridor Liaison Office (GCLO) said on Monday that ships moved. GCLO staff agreed.\n",
        "b_fr.txt": "KIEV - Le CLGO a confirmé lundi que les navires passaient toujours par le détroit. Selon le "
                    "CLGO, tout va bien et les exportations de céréales vont continuer.\n",
    })
    entity = _entity_of(story, "GCLO")
    assert any(m.text == "CLGO" for m in entity.mentions)
    assert "reordered" in dict(entity.joined_by)["CLGO"]


def test_reordered_acronyms_stay_apart_in_one_language_or_undefined(tmp_path):
    story = _story(tmp_path, {
        "a_en.txt": "KYIV - The Grain Corridor Liaison Office (GCLO) said on Monday. The CLGO disagreed.\n",
        "b_fr.txt": "KIEV - Le RTDF a confirmé lundi que les navires passaient toujours par le détroit. Selon le "
                    "DRTF, ce n'est pas le cas et les exportations de céréales vont cesser.\n",
    })
    assert _entity_of(story, "GCLO") != _entity_of(story, "CLGO")
    assert _entity_of(story, "RTDF") != _entity_of(story, "DRTF")
