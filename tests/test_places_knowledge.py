"""Places named in another language's words link through link-only knowledge (scripts/build_place_links.py:
a feature table of seas and rivers, CLDR subdivisions, GeoNames cities) — our own sentences. The table only
joins spellings a story holds: it never makes a word a place, and keeps apart places that share a name."""

import json

import tui
from tui.engine import gazetteer


def _story(tmp_path, articles: dict[str, str]):
    for name, text in articles.items():
        (tmp_path / f"{name}.txt").write_text(f" date 2024-03-05 {text}\n", encoding="utf-8")
    return tui.load(tmp_path)


def _entity_of(story, text: str):
    owners = [e for e in story.entities if any(m.text == text for m in e.mentions)]
    assert len(owners) == 1, (text, owners)
    return owners[0]


def test_the_table_names_seas_cities_and_regions_in_many_languages():
    assert gazetteer.link_lookup("Morze Czarne").id == gazetteer.link_lookup("Чорне море").id == "feature:black_sea"
    assert gazetteer.link_lookup("Zwarte Zee").id == "feature:black_sea"
    assert gazetteer.link_lookup("Janov").id == gazetteer.link_lookup("Genua").id
    assert gazetteer.link_lookup("Charków").id == gazetteer.link_lookup("Харків").id
    assert gazetteer.link_lookup("Obwód charkowski").id == gazetteer.link_lookup("Oblast Charkiw").id
    assert gazetteer.link_lookup("Obwód charkowski").id != gazetteer.link_lookup("Charków").id  # oblast / city
    assert gazetteer.link_lookup("Schwarzen Meer", stem=True).id == "feature:black_sea"  # a declined form


def test_a_geonames_spelling_of_a_cldr_city_joins_the_cldr_record():
    assert gazetteer.link_lookup("Řím").id == gazetteer.lookup("Rome").id


def test_names_shared_by_two_places_link_neither():
    # the river and the city of Dnipro; Vladimir the city shares its name with the given name and another town
    for name in ("Dnipro", "Dniepr", "Днепр", "Vladimir"):
        assert gazetteer.link_lookup(name) is None, name
    assert gazetteer.link_lookup("Dnieper").id == "feature:dnipro_river"


def test_acronyms_short_words_and_common_words_are_not_in_the_table():
    for name in ("NATO", "MSZ", "OMS", "UN", "Мид", "Adam", "Alice"):
        assert gazetteer.link_lookup(name) is None, name


def test_the_table_is_never_used_for_detection():
    # the gazetteer that detection reads does not know the link-only names
    for name in ("Janov", "Morze Czarne", "Obwód charkowski"):
        assert gazetteer.lookup(name) is None


def test_source_of_says_which_knowledge_joined_a_place():
    assert gazetteer.source_of("feature:black_sea") == "feature table"
    assert gazetteer.source_of(gazetteer.link_lookup("Janov").id) == "GeoNames"
    assert gazetteer.source_of(gazetteer.link_lookup("Obwód charkowski").id) == "CLDR subdivision"
    assert gazetteer.source_of("PL") == "CLDR territory"
    assert gazetteer.source_of(gazetteer.lookup("Moskwa").id) == "CLDR time-zone city"
    assert gazetteer.source_of(gazetteer.lookup("Rome").id, "Řím") == "GeoNames"
    assert gazetteer.source_of("nothing:here") == ""


def test_the_data_file_records_its_sources_and_licences():
    meta = json.loads(gazetteer.LINKS_FILE.read_text(encoding="utf-8"))["meta"]
    licences = " ".join(s["license"] for s in meta["sources"])
    assert "CC BY 4.0" in licences and "Unicode" in licences
    assert meta["generator"] == "scripts/build_place_links.py"


def test_a_sea_named_in_four_languages_is_one_entity(tmp_path):
    story = _story(tmp_path, {
        "en": "Two tankers collided in the Black Sea on Monday, the port authority of Constanta said.",
        "pl": "Dwa tankowce zderzyły się na Morzu Czarnym, poinformowały władze portu w Konstancy.",
        "fr": "Deux pétroliers se sont heurtés en mer Noire lundi, selon le port de Constanta.",
        "cs": "Dva tankery se v pondělí srazily v Černém moři, uvedl přístav Konstanca.",
    })
    sea = _entity_of(story, "Black Sea")
    texts = {m.text for m in sea.mentions}
    assert sea.type == "PLACE"
    assert any("Czarn" in t for t in texts) and any("Noire" in t for t in texts)


def test_a_city_by_its_exonyms_is_one_entity(tmp_path):
    story = _story(tmp_path, {
        "it": "La nave è stata fermata a Genova dalla Guardia di Finanza martedì mattina.",
        "nl": "Het schip werd dinsdag in Genua door de Italiaanse financiële politie vastgehouden.",
        "cs": "Loď zadržela finanční policie v úterý v Janově.",
    })
    genoa = _entity_of(story, "Genova")
    assert {"Genua", "Janově"} <= {m.text for m in genoa.mentions}


def test_a_given_name_that_is_also_a_city_stays_a_person(tmp_path):
    # "Vladimir" and "Владимир" both name the city of Vladimir in GeoNames; here they are a man's first name
    story = _story(tmp_path, {
        "en": "Vladimir Sorokin, a novelist, spoke in Berlin. Vladimir said he would return.",
        "ru": "Писатель Владимир Сорокин выступил в Берлине. Владимир сказал, что вернётся.",
    })
    assert _entity_of(story, "Vladimir Sorokin").type == "PERSON"
    assert _entity_of(story, "Vladimir").type == "PERSON"


def test_one_spelling_alone_is_not_turned_into_a_place(tmp_path):
    # "Haag" is a GeoNames name of The Hague, but nothing else in the story names that place
    story = _story(tmp_path, {"en": "The businessman Markus Haag said on Monday that Haag would sell the plant."})
    assert _entity_of(story, "Markus Haag").type == "PERSON"
