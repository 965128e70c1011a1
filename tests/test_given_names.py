"""Given names across languages and scripts (the table from Wikidata's name items): one person's given name
in other languages links where the surnames already align; people who share a surname stay apart; a query
in one spelling finds the name written in another. Our own sentences."""

import gzip
import json

import pytest

import tui
from tui.engine import given_names
from tui.engine.given_names import DATA_FILE, same_name, variants
from tui.engine.linking import _make_form, names_match
from tui.engine.names import fold


def _form(text: str, language: str):
    return _make_form(tuple(text.split()), language)


@pytest.mark.parametrize(("a", "b"), [
    ("vladimir", "wlodzimierz"), ("wladimir", "wlodzimierz"),
    ("владимир", "wlodzimierz"), ("володимир", "vladimir"),
    ("sergei", "siergiej"), ("serhiy", "sergej"), ("сергей", "serhii"), ("сергій", "serguei"),
    ("yulia", "julia"), ("julija", "юлия"),
    ("piotr", "pyotr"),
])
def test_one_name_in_other_languages(a, b):
    assert same_name(fold(a), fold(b))
    assert same_name(fold(b), fold(a))


@pytest.mark.parametrize(("a", "b"), [
    ("vitali", "wladimir"), ("vladimir", "oleg"), ("sergei", "yulia"), ("valentina", "valentin"),
    ("aleksandra", "aleksandr"), ("john", "eugene"), ("juan", "pablo"), ("julia", "julian"),
])
def test_different_names_stay_apart(a, b):
    assert not same_name(fold(a), fold(b))


@pytest.mark.parametrize(("a", "la", "b", "lb"), [
    ("Włodzimierz Putin", "pl", "Vladimir Putin", "en"),
    ("Włodzimierza Putina", "pl", "Vladimir Putin", "en"),  # a case form: its dictionary form is asked
    ("Володимир Путін", "uk", "Włodzimierz Putin", "pl"),
    ("Siergiej Ławrow", "pl", "Serhiy Lavrov", "en"),
])
def test_surnames_aligned_given_names_link(a, la, b, lb):
    assert names_match(_form(a, la), _form(b, lb))


@pytest.mark.parametrize(("a", "la", "b", "lb"), [
    ("Vladimir Petrov", "en", "Oleg Petrov", "en"),
    ("Vitali Klitschko", "en", "Wladimir Klitschko", "de"),
    ("Włodzimierz Putin", "pl", "Vladimir Kowalski", "en"),  # one name, other surnames: not one person
])
def test_shared_surnames_or_names_alone_do_not_link(a, la, b, lb):
    assert not names_match(_form(a, la), _form(b, lb))


EN = (" date 2024-03-04 Vitali Klitschko, the mayor, said his brother Wladimir Klitschko would stay. Later "
      "Vladimir Putin spoke in Moscow, and Vladimir Putin left.\n")
PL = (" date 2024-03-04 Włodzimierz Putin przemawiał w Moskwie. Jak powiedział Włodzimierz Putin, nic się nie "
      "zmieni.\n")
UK = (" date 2024-03-04 Володимир Путін виступив у Москві. Потім Володимир Путін поїхав.\n")


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("given")
    for name, text in (("en.txt", EN), ("pl.txt", PL), ("uk.txt", UK)):
        (folder / name).write_text(text, encoding="utf-8")
    return tui.load(folder)


def _entity_of(story, text):
    found = [e for e in story.entities if any(m.text == text for m in e.mentions)]
    assert len(found) == 1, (text, [e.name for e in found])
    return found[0]


def test_one_person_across_three_languages(story):
    putin = _entity_of(story, "Vladimir Putin")
    assert putin is _entity_of(story, "Włodzimierz Putin")
    assert putin is _entity_of(story, "Володимир Путін")


def test_brothers_stay_apart(story):
    assert _entity_of(story, "Vitali Klitschko") is not _entity_of(story, "Wladimir Klitschko")


@pytest.mark.parametrize("query", ["Wladimir Putin", "Włodzimierz Putin", "Volodymyr Putin"])
def test_a_query_in_another_spelling_finds_the_name(story, query):
    results = story.search(query)
    assert results and results[0].entity is _entity_of(story, "Володимир Путін")


def test_a_given_name_query_does_not_find_another_surname(story):
    results = story.search("Wladimir Putin")
    assert all(r.entity is not _entity_of(story, "Wladimir Klitschko") or r.score < results[0].score
               for r in results)


def test_variants_exclude_other_gender():
    forms = variants("aleksandr")
    assert "aleksandra" not in forms


def test_table_records_its_source():
    meta = json.loads(gzip.decompress(DATA_FILE.read_bytes()))["meta"]
    assert meta["version"].startswith("rigour ")
    assert "CC0" in meta["licence"] and "MIT" in meta["licence"]
    assert len(meta["wheel_sha256"]) == 64


def test_the_table_is_read_only_when_asked():
    assert hasattr(given_names._table, "cache_info")
