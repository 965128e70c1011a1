"""Search while typing and across scripts: the first letters of a name word find the entity (ranked below
whole-word matches), a Latin query finds spellings written only in Cyrillic and back, by the same sound
comparison the linker uses; entities carry their spellings per language and script, and are named in the
script most of their full names use. Our own sentences."""

import json

import pytest

import tui
from tui.cli import main
from tui.engine.names import has_cyrillic


@pytest.mark.parametrize("prefix, name", [
    ("Vrub", "Petro Vrublevsky"), ("Vrublev", "Petro Vrublevsky"), ("Врубл", "Petro Vrublevsky"),
    ("wrublew", "Petro Vrublevsky"), ("Kuzai", "Dias Kuzairov"), ("Smadi", "Ajbek Smadijarow"),
])
def test_the_first_letters_of_a_name_find_it(seeds_story, prefix, name):
    results = seeds_story.search(prefix)
    assert results and results[0].entity.name == name, [(r.entity.name, r.score) for r in results[:3]]


def test_a_prefix_scores_below_the_whole_word(seeds_story):
    whole = seeds_story.search("Vrublevsky")[0]
    prefix = seeds_story.search("Vrublev")[0]
    assert whole.entity == prefix.entity and prefix.score < whole.score


def test_two_letters_are_not_a_prefix(seeds_story):
    assert all(r.score < 0.6 for r in seeds_story.search("Vr"))


KOVAL = (" date 2024-03-11 x\n\nThe mayor Ivan Koval met the engineer Olena Kovalenko and the driver Taras Kovalchuk "
         "at the depot. Koval thanked Kovalenko; Kovalchuk said nothing.\n")


@pytest.fixture(scope="module")
def koval_story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("koval")
    (folder / "en.txt").write_text(KOVAL, encoding="utf-8")
    return tui.load(folder)


@pytest.mark.parametrize("query, name", [("Koval", "Ivan Koval"), ("Kovalenko", "Olena Kovalenko"),
                                         ("Kovalchuk", "Taras Kovalchuk"), ("Ivan Koval", "Ivan Koval")])
def test_a_whole_name_keeps_its_entity_first_beside_longer_names(koval_story, query, name):
    assert koval_story.search(query)[0].entity.name == name


def test_a_short_prefix_lists_every_entity_it_begins(koval_story):
    names = {r.entity.name for r in koval_story.search("Kova")}
    assert {"Ivan Koval", "Olena Kovalenko", "Taras Kovalchuk"} <= names


def test_a_prefix_and_a_whole_first_name(koval_story):
    assert koval_story.search("Olena Koval")[0].entity.name == "Olena Kovalenko"
    assert koval_story.search("Taras Kovalc")[0].entity.name == "Taras Kovalchuk"


# Cyrillic only (Russian, Bulgarian): the Latin spelling is nowhere in the story
RU = (" date 2024-06-20 x\n\nДональд Трамп прилетел вчера в Варшаву. Журналисты спросили Дональда Трампа о "
      "пошлинах, но Трамп промолчал. Дональд Трамп встретился вечером с министрами.\n")
BG = (" date 2024-06-20 x\n\nДоналд Тръмп пристигна вчера във Варшава. Журналистите попитаха Доналд Тръмп за "
      "митата, но Тръмп не отговори.\n")
# Latin only
EN = (" date 2024-06-20 x\n\nOn Thursday the British envoy Gordon Whitfield opened the talks in Warsaw. Whitfield "
      "said the tariffs would stay. Gordon Whitfield left in the evening.\n")


@pytest.fixture(scope="module")
def two_scripts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scripts")
    for name, text in (("ru.txt", RU), ("bg.txt", BG), ("en.txt", EN)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def scripts_story(two_scripts):
    return tui.load(two_scripts)


def _top_texts(story, query):
    results = story.search(query)
    assert results, query
    return {m.text for m in results[0].entity.mentions}


@pytest.mark.parametrize("query", ["Trump", "Donald Trump", "trump"])
def test_a_latin_query_finds_a_name_written_only_in_cyrillic(scripts_story, query):
    texts = _top_texts(scripts_story, query)
    assert any("Трамп" in t or "Тръмп" in t for t in texts), texts


@pytest.mark.parametrize("query", ["Уитфилд", "Гордон Уитфилд"])
def test_a_cyrillic_query_finds_a_name_written_only_in_latin(scripts_story, query):
    assert any("Whitfield" in t for t in _top_texts(scripts_story, query))


def test_a_sound_alike_in_the_same_script_is_not_enough(scripts_story):
    # "Tramp" and "Trump" share a skeleton, but a Latin query is compared by sound only with Cyrillic spellings
    assert not any("Whitfield" in m.text for r in scripts_story.search("Trump") for m in r.entity.mentions)


def test_a_look_alike_of_another_sound_finds_nothing(scripts_story):
    assert all(r.score < 0.6 for r in scripts_story.search("Thompson"))


def test_a_name_written_mostly_in_cyrillic_is_named_in_cyrillic(scripts_story):
    trump = scripts_story.search("Трамп")[0].entity
    assert has_cyrillic(trump.name) and len(trump.name.split()) == 2, trump.name
    assert trump.id.startswith("person-d") and "tr" in trump.id  # an id in Latin letters, not "person-entity"
    whitfield = scripts_story.search("Whitfield")[0].entity
    assert whitfield.name == "Gordon Whitfield"


def test_spellings_per_language_and_script(scripts_story):
    trump = scripts_story.search("Трамп")[0].entity
    by_language = dict(trump.spellings)
    assert set(by_language) <= {"ru", "bg"} and by_language
    assert all(v.count > 0 for variants in by_language.values() for v in variants)
    assert sum(v.count for variants in by_language.values() for v in variants) == len(trump.mentions)
    assert dict(trump.scripts) == {"Cyrl": len(trump.mentions)}
    whitfield = scripts_story.search("Whitfield")[0].entity
    assert dict(whitfield.scripts) == {"Latn": len(whitfield.mentions)}


def test_the_json_adds_spellings_and_scripts(two_scripts, capsys):
    assert main(["entities", str(two_scripts), "--json"]) == 0
    entities = json.loads(capsys.readouterr().out)["entities"]
    for entity in entities:
        assert {"id", "name", "type", "variants", "mentions"} <= set(entity)  # the contract as before
        assert sum(entity["scripts"].values()) == len(entity["mentions"])
        assert sum(s["count"] for texts in entity["spellings"].values() for s in texts) == len(entity["mentions"])
    assert main(["search", "Trump", str(two_scripts), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)["results"][0]
    assert {"entity", "score", "matched", "variants", "mentions"} <= set(result)
    assert "Cyrl" in result["scripts"] and set(result["spellings"]) & {"ru", "bg"}
