"""The organisation table in search and linking: a body is found by any of the table's names in any language,
a long name meets the table whatever little words the detector kept, and a state's formal name finds the
country (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui
from tui.engine import knowledge


def _story(tmp_path: Path, articles: dict[str, str]):
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tui.load(tmp_path)


def _mentions_of_top(story, query: str) -> set[str]:
    results = story.search(query)
    return {m.text for m in results[0].entity.mentions} if results else set()


@pytest.fixture
def alliance(tmp_path):
    return _story(tmp_path, {
        "pl.txt": "Ministrowie obrony spotkali się w Erywaniu na szczycie Organizacji Układu o Bezpieczeństwie "
                  "Zbiorowym. Rozmowy trwały dwa dni.\n",
        "ru.txt": "Министры обороны встретились в Ереване на саммите Организации Договора о коллективной "
                  "безопасности. Генсек ОДКБ выступил с речью.\n",
        "uk.txt": "Прем'єри обговорили мита Євразійського економічного союзу. Засідання ЄАЕС пройде у травні.\n",
        "ru2.txt": "Премьеры обсудили пошлины Евразийского экономического союза. Заседание ЕАЭС пройдет в мае.\n",
    })


def test_a_long_name_meets_the_table_whatever_little_words_it_kept():
    # the detector drops a capitalised run's lower-case "o"; the Russian span from the table keeps its "о"
    with_little = knowledge.concept_of(("Organizacji", "Układu", "o", "Bezpieczeństwie", "Zbiorowym"), "pl")
    without = knowledge.concept_of(("Organizacji", "Układu", "Bezpieczeństwie", "Zbiorowym"), "pl")
    assert with_little is not None and without is not None
    assert with_little.organisation.id == without.organisation.id == "csto"


def test_one_body_in_three_spellings_is_one_entity(alliance):
    texts = _mentions_of_top(alliance, "ОДКБ")
    assert {"ОДКБ", "Organizacji Układu o Bezpieczeństwie Zbiorowym"} <= texts
    assert any(t.startswith("Организации Договора") for t in texts)


@pytest.mark.parametrize("query", ["CSTO", "Collective Security Treaty Organization", "OTSC", "ODKB"])
def test_a_body_is_found_by_the_tables_names_the_story_never_writes(alliance, query):
    assert "ОДКБ" in _mentions_of_top(alliance, query)


@pytest.mark.parametrize("query", ["Eurasian Economic Union", "EAEU", "Eurazjatycka Unia Gospodarcza"])
def test_a_body_new_to_the_table_joins_its_languages(alliance, query):
    texts = _mentions_of_top(alliance, query)
    assert {"ЄАЕС", "ЕАЭС"} <= texts
    assert any(t.startswith("Євразійського") for t in texts) and any(t.startswith("Евразийского") for t in texts)


def test_a_tables_name_counts_only_whole(tmp_path):
    # "EU" is a word of the table's "EU Commission": the Commission is no answer to it
    story = _story(tmp_path, {
        "de.txt": "Die Europäische Kommission legte am Montag einen Entwurf vor. Brüssel wartet.\n",
        "pl.txt": "Komisja Europejska przedstawiła w poniedziałek projekt. Bruksela czeka.\n",
    })
    results = story.search("EU")
    assert all("Kommission" not in r.entity.name and "Komisja" not in r.entity.name for r in results)
    assert "Komisja Europejska" in _mentions_of_top(story, "European Commission")


def test_a_states_formal_name_finds_the_country(tmp_path):
    story = _story(tmp_path, {
        "en.txt": "The Ministry of Foreign Affairs of the Republic of Kazakhstan issued a note. Kazakhstan "
                  "said it would answer. Officials in Kazakhstan declined to comment.\n",
        "ru.txt": "Казахстан ответил на ноту. В Казахстане отказались от комментариев.\n",
    })
    for query in ("Republic of Kazakhstan", "Республика Казахстан"):
        results = story.search(query)
        assert results and results[0].entity.type == "PLACE"
        assert {"Kazakhstan", "Казахстан"} <= {m.text for m in results[0].entity.mentions}


@pytest.fixture
def ministries(tmp_path):
    return _story(tmp_path, {
        "uk.txt": "У МЗС України заявили, що посла викликали. Речник МЗС України не коментував.\n",
        "ru.txt": "В МИД России ответили на ноту. Представитель МИД России выступил в четверг.\n",
        "en.txt": "Russia's Foreign Ministry said the note was received. Kyiv waited for an answer.\n",
    })


@pytest.mark.parametrize("query, wanted", [
    ("MSZ Ukrainy", "МЗС України"),
    ("Ukrainian Foreign Ministry", "МЗС України"),
    ("МИД Украины", "МЗС України"),
    ("Russian Foreign Ministry", "МИД России"),
    ("MSZ Rosji", "МИД России"),
])
def test_a_ministry_is_found_by_its_portfolio_and_owner_in_any_language(ministries, query, wanted):
    results = ministries.search(query)
    assert results and wanted in {m.text for m in results[0].entity.mentions}
    other = "МИД России" if wanted == "МЗС України" else "МЗС України"
    assert other not in {m.text for m in results[0].entity.mentions}
