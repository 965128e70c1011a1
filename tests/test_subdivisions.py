"""A place right after a subdivision classifier ("the state of Georgia", "w stanie Georgia", "штат
Джорджия") is a state, not the country spelled alike (our own sentences)."""

from __future__ import annotations

from pathlib import Path

import tui
from tui.engine import lexicon


def _story(tmp_path: Path, articles: dict[str, str]) -> tui.Story:
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tui.load(tmp_path)


def test_a_state_named_like_a_country_is_its_own_place(tmp_path):
    story = _story(tmp_path, {
        "a_en.txt": "TBILISI - Georgia signed a trade deal on Monday. A delegation from the US state of Georgia "
                    "visited Tbilisi as well, and Georgia welcomed it.\n",
        "b_pl.txt": "TBILISI - Gruzja podpisała w poniedziałek umowę handlową. Delegacja z Atlanty w stanie "
                    "Georgia także przyjechała do Tbilisi.\n",
    })
    by_text = {m.text: e for e in story.entities for m in e.mentions}
    country, state = by_text["Gruzja"], by_text["state of Georgia"]
    assert country is not state and state.type == country.type == "PLACE"
    assert by_text["Georgia"] is country  # the bare name stays the country
    assert by_text["stanie Georgia"] is state  # one state across languages that write it alike
    assert story.search("state of Georgia")[0].entity is state


def test_the_classifier_is_read_as_written():
    text = "the State of Qatar and the state of Georgia; w stanie Georgia; штат Джорджия; im US-Bundesstaat Ohio"
    assert lexicon.subdivision_classifier_start(text, text.index("Qatar"), "en") is None  # a country's own name
    assert lexicon.subdivision_classifier_start(text, text.index("Georgia"), "en") == text.index("state of")
    assert lexicon.subdivision_classifier_start(text, text.index("Georgia;", 40), "pl") == text.index("stanie")
    assert lexicon.subdivision_classifier_start(text, text.index("Джорджия"), "ru") == text.index("штат")
    assert lexicon.subdivision_classifier_start(text, text.index("Ohio"), "de") == text.index("Bundesstaat")
    assert lexicon.subdivision_classifier_start("the interstate of Georgia", 18, "en") is None
