"""Co-occurrence (engine/cooccurrence.py): who is named with an entity, counted by shared sentences and
shared sources; the sentence around a mention; Story.cooccurrence and `storyview cooccurrence`."""

from __future__ import annotations

import json

import pytest

from tui.cli import main
from tui.engine.cooccurrence import SentenceIndex, cooccurrences
from tui.engine.model import Entity, Mention, Source, Variant


def _source(source_id: str, text: str) -> Source:
    return Source(id=source_id, path=source_id, abspath="/" + source_id, text=text, body_start=0, language="en",
                  date="2022-10-16", date_precision="day", title=source_id, words=len(text.split()),
                  encoding="utf-8")


def _story(texts: dict[str, str], names: dict[str, str], boilerplate_after: int | None = None):
    """Sources from `texts`; every occurrence of each name in `names` (name -> entity id) is a mention."""
    sources = [_source(sid, text) for sid, text in texts.items()]
    by_entity: dict[str, list[Mention]] = {}
    by_source: dict[str, list[Mention]] = {s.id: [] for s in sources}
    for source in sources:
        for name, entity_id in names.items():
            at = source.text.find(name)
            while at >= 0:
                late = boilerplate_after is not None and at >= boilerplate_after
                mention = Mention(source.path, source.id, at, at + len(name), name, entity_id, late)
                by_entity.setdefault(entity_id, []).append(mention)
                by_source[source.id].append(mention)
                at = source.text.find(name, at + 1)
    for mentions in by_source.values():
        mentions.sort(key=lambda m: m.start)
    entities = {eid: Entity(eid, eid.title(), "PERSON", (Variant(eid, len(ms)),), tuple(ms))
                for eid, ms in by_entity.items()}
    return sources, by_source, entities


def test_same_sentence_outranks_same_source_and_boilerplate_is_left_out():
    sources, by_source, entities = _story(
        {"a": "Alice met Bob. Carol stayed home. Dave wrote it.",
         "b": "Carol saw Dave. Alice spoke later.",
         "c": "Bob and Alice agreed."},
        {"Alice": "alice", "Bob": "bob", "Carol": "carol", "Dave": "dave"})
    found = cooccurrences(entities["alice"], by_source, entities, SentenceIndex(sources))
    counts = {c.entity.id: (c.sentences, c.sources) for c in found}
    assert counts == {"bob": (2, 2), "carol": (0, 2), "dave": (0, 2)}
    assert found[0].entity.id == "bob"
    assert "alice" not in counts  # never named with itself


def test_a_name_only_in_boilerplate_does_not_count():
    text = "Alice met Bob. Subscribe to Carol's newsletter."
    sources, by_source, entities = _story({"a": text}, {"Alice": "alice", "Bob": "bob", "Carol": "carol"},
                                          boilerplate_after=text.index("Subscribe"))
    found = cooccurrences(entities["alice"], by_source, entities, SentenceIndex(sources))
    assert [(c.entity.id, c.sentences, c.sources) for c in found] == [("bob", 1, 1)]


def test_the_sentence_around_a_mention_is_the_chronologys_and_holds_the_mention():
    text = "Dr. Alice Smith met Bob on Monday. Then she left.\nA new line with Bob."
    sources, _, entities = _story({"a": text}, {"Alice Smith": "alice", "Bob": "bob"})
    index = SentenceIndex(sources)
    alice = entities["alice"].mentions[0]
    start, end = index.around(alice)
    assert text[start:end] == "Dr. Alice Smith met Bob on Monday."  # "Dr." does not end it
    second_bob = entities["bob"].mentions[1]
    assert text[slice(*index.around(second_bob))] == "A new line with Bob."
    assert index.number("a", alice.start) == index.number("a", entities["bob"].mentions[0].start)


def test_a_runaway_sentence_is_cut_to_a_window_around_the_mention():
    text = "word " * 2000 + "Alice " + "word " * 2000
    sources, _, entities = _story({"a": text}, {"Alice": "alice"})
    mention = entities["alice"].mentions[0]
    start, end = SentenceIndex(sources).around(mention)
    assert start <= mention.start and mention.end <= end and end - start < 1000


def test_story_api_on_the_sample(seeds_story):
    found = seeds_story.cooccurrence("Wrublewski")  # a spelling names the entity
    assert found and found[0].entity.name == "Kazakhstan"
    assert all(a.sentences >= b.sentences for a, b in zip(found, found[1:], strict=False))
    assert all(c.entity.name != "Petro Vrublevsky" for c in found)
    assert seeds_story.cooccurrence("Petro Vrublevsky", limit=3) == found[:3]
    with pytest.raises(LookupError):
        seeds_story.cooccurrence("Zzzzqx")
    vrublevsky = seeds_story.find_entity("Wrublewskiego")
    assert vrublevsky is not None and vrublevsky.name == "Petro Vrublevsky"
    assert seeds_story.find_entity(vrublevsky.id) is vrublevsky


def test_cli_json_and_text(capsys):
    assert main(["cooccurrence", "Vrublevsky", "--json", "--limit", "2"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["entity"]["name"] == "Petro Vrublevsky"
    assert payload["mentions"] == 10 and payload["sources"] == 3
    assert len(payload["cooccurrences"]) == 2
    assert set(payload["cooccurrences"][0]) == {"entity", "sentences", "sources", "mentions"}
    assert payload["cooccurrences"][0]["entity"]["name"] == "Kazakhstan"
    assert main(["cooccurrence", "Vrublevsky", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "Petro Vrublevsky" in out and "Kazakhstan" in out


def test_cli_unknown_entity_is_a_one_line_usage_error(capsys):
    assert main(["cooccurrence", "Zzzzqx"]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "no entity is named or spelled 'Zzzzqx'" in err
