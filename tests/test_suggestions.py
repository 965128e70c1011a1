"""Suggestions (issue 14): pairs of entities that may be one, with a reason, accepted (merged), rejected (never
suggested again, across reopening), through the API and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import tui
from tui.engine import judgements as judging
from tui.engine.suggestions import FLOOR, suggest

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "a.txt": "Marta Kowalewska, the mayor of Gdansk, spoke on Monday. Kowalewska said the port would open.\n"
             "The Baltic Shipping Union welcomed it. The Northern Grain Company did not.\n",
    "b.txt": "Mayor Marta Kowalewska opened the port. The Baltic Shipping Union agreed, and the BSU said Kowalewska "
             "was right. Tomasz Zielinski disagreed, and his brother Piotr Zielinski too.\n",
    "c.txt": "The Northern Grain Company wrote to the mayor. The NGC said prices would fall.\n",
}


@pytest.fixture
def story_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(judging.ENV_FILE, raising=False)
    (tmp_path / "story").mkdir()
    for name, text in ARTICLES.items():
        (tmp_path / "story" / name).write_text(text, encoding="utf-8")
    return tmp_path / "story"


def pairs(story) -> list[tuple[str, frozenset[str]]]:
    return [(s.kind, frozenset((s.left_entity.name, s.right_entity.name))) for s in story.suggestions()]


def test_acronyms_named_with_their_long_form_are_suggested_with_reasons(story_dir):
    story = tui.load(story_dir)
    shown = story.suggestions()
    assert pairs(story) == [("acronym", frozenset(("BSU", "Baltic Shipping Union"))),
                            ("acronym", frozenset(("NGC", "Northern Grain Company")))]
    assert "initials of Baltic Shipping Union" in shown[0].reason
    assert all(s.score >= FLOOR for s in shown)
    assert story.suggestions(limit=1) == shown[:1]


def test_two_people_sharing_a_surname_are_below_the_floor(story_dir):
    # brothers: other given names, one surname; weighed, never offered
    story = tui.load(story_dir, judgements=False)
    below = [s for s in suggest(story.entities, floor=0.0) if s.score < FLOOR]
    assert [(s.kind, frozenset((s.left_entity.name, s.right_entity.name))) for s in below] == \
        [("same-surname", frozenset(("Tomasz Zielinski", "Piotr Zielinski")))]
    assert below[0].reason.startswith("the same surname, other given names ") and "Tomasz" in below[0].reason


def test_accepting_merges_and_the_merge_sticks(story_dir):
    story = tui.load(story_dir)
    [outcome] = story.accept(story.suggestions()[0])
    assert outcome.status == "applied"
    reopened = tui.load(story_dir)
    assert [e for e in reopened.entities if {"BSU", "Baltic Shipping Union"} <= {v.text for v in e.variants}]
    assert pairs(reopened) == [("acronym", frozenset(("NGC", "Northern Grain Company")))]


def test_a_rejected_suggestion_never_comes_back(story_dir):
    story = tui.load(story_dir)
    grain = story.suggestions()[1]
    story.reject_suggestions(grain)
    left = [("acronym", frozenset(("BSU", "Baltic Shipping Union")))]
    assert pairs(story) == left  # at once, though the entities did not change
    assert pairs(tui.load(story_dir)) == left  # and after reopening
    entity_a, entity_b = grain.left_entity, grain.right_entity
    story.reject(entity_a, entity_b)  # the same judgement again (through reject): still one
    assert [j.op for j in story.judgements] == ["match"]


def test_an_unsure_judgement_is_not_suggested_either(story_dir):
    story = tui.load(story_dir)
    story.merge("NGC", "Northern Grain Company", verdict="unsure")
    assert pairs(story) == [("acronym", frozenset(("BSU", "Baltic Shipping Union")))]


def test_what_the_linker_joined_is_not_suggested(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "en.txt").write_text("Oleksandra Hrytsenko spoke on Monday.\n", encoding="utf-8")
    (folder / "uk.txt").write_text("Олександра Гриценко виступила.\n", encoding="utf-8")
    story = tui.load(folder, judgements=False)
    assert not story.suggestions()


def test_two_places_of_the_gazetteer_are_never_suggested_however_alike(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "a.txt").write_text("Flights to Austria and to Australia were cancelled.\n", encoding="utf-8")
    story = tui.load(folder, judgements=False)
    assert not story.suggestions()


def test_suggestions_are_computed_on_demand_and_refreshed_after_a_change(story_dir, monkeypatch):
    from tui.engine import suggestions as module

    calls = []
    real = module.suggest
    monkeypatch.setattr(module, "suggest", lambda *a, **k: calls.append(1) or real(*a, **k))
    story = tui.load(story_dir)
    assert not calls  # loading never computes them
    story.suggestions()
    story.suggestions()
    assert len(calls) == 1
    story.rename("BSU", "The Union")
    story.suggestions()
    assert len(calls) == 2


def test_entities_spelled_exactly_alike_in_one_source_cannot_be_judged_apart_so_are_not_suggested(story_dir):
    story = tui.load(story_dir, judgements=False)
    base = story.entities[0]
    twin = type(base)(base.id + "-2", base.name, base.type, base.variants, base.mentions)
    assert not [s for s in suggest([base, twin]) if s.kind == "same-letters"]


def run_cli(*args: str, env_home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(env_home),
                                            "HOME": str(env_home)})


def test_cli_lists_accepts_and_rejects_by_rank(story_dir):
    home = story_dir.parent / "data"
    listed = json.loads(run_cli("suggestions", str(story_dir), "--json", env_home=home).stdout)
    first = listed["suggestions"][0]
    assert set(first) == {"rank", "kind", "reason", "score", "left", "right"}
    assert set(first["left"]) == {"id", "name", "type", "spelling", "mentions", "sources", "key", "key_source"}
    assert json.loads(run_cli("suggestions", str(story_dir), "--json", "--limit", "1",
                              env_home=home).stdout)["suggestions"] == [first]
    rejected = json.loads(run_cli("suggestions", str(story_dir), "--reject", "2", "--json", env_home=home).stdout)
    assert rejected["outcomes"][0]["judgement"]["verdict"] == "negative"
    accepted = run_cli("suggestions", str(story_dir), "--accept", "1", env_home=home)
    assert accepted.returncode == 0 and accepted.stdout.startswith("applied: 'BSU' is the same as")
    assert run_cli("suggestions", str(story_dir), env_home=home).stdout == "no suggestions\n"
    missing = run_cli("suggestions", str(story_dir), "--accept", "3", env_home=home)
    assert missing.returncode == 2 and missing.stderr.strip() == "storyview: there is no suggestion 3 (there are 0)"


# -- weighing, on entities built by hand (the linker's output, whatever it would make of the text) ----------
def entity(name: str, kind: str, *spelled: tuple[str, str]):
    """An entity named `name` with one mention per (text, source) and English spellings."""
    from collections import Counter

    from tui.engine.model import Entity, Mention, Variant

    entity_id = f"{kind.lower()}-{name.lower().replace(' ', '-')}"
    mentions = tuple(Mention(source, source, n * 10, n * 10 + len(text), text, entity_id)
                     for n, (text, source) in enumerate(spelled))
    variants = tuple(Variant(t, c) for t, c in Counter(m.text for m in mentions).most_common())
    return Entity(entity_id, name, kind, variants, mentions, (("en", variants),))


def test_a_place_and_its_demonym_or_a_body_named_after_it_are_never_offered(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "a.txt").write_text("Flights to Lithuania resumed on Monday. The Lithuanian minister of transport "
                                  "welcomed it.\nAir France said it would add flights. France had asked for them.\n",
                                  encoding="utf-8")
    story = tui.load(folder, judgements=False)
    assert not story.suggestions()
    weak = {frozenset((s.left_entity.name, s.right_entity.name)): s.score for s in suggest(story.entities, floor=0)}
    assert weak.get(frozenset(("Lithuania", "Lithuanian")), 0.0) == 0.0
    assert weak.get(frozenset(("France", "Air France")), 0.0) < 0.1


def test_a_bare_surname_is_offered_for_its_one_person_and_halved_when_two_share_it():
    bare = entity("Nowicki", "PERSON", ("Nowicki", "c.txt"), ("Nowicki", "c.txt"))
    adam = entity("Adam Nowicki", "PERSON", ("Adam Nowicki", "a.txt"), ("Adam Nowicki", "b.txt"))
    [one] = suggest([adam, bare])
    assert one.kind == "surname" and one.score >= FLOOR
    jan = entity("Jan Nowicki", "PERSON", ("Jan Nowicki", "d.txt"), ("Jan Nowicki", "e.txt"))
    weighed = suggest([adam, jan, bare], floor=0.0)
    assert {s.kind for s in weighed} == {"surname", "same-surname"}
    assert all(s.score < FLOOR for s in weighed)  # Adam's or Jan's: no reader can say
    # ... unless the bare surname stands in a source that names one of them in full
    near = entity("Nowicki", "PERSON", ("Nowicki", "a.txt"), ("Nowicki", "c.txt"))
    [offered] = suggest([adam, jan, near])
    assert {offered.left_entity.name, offered.right_entity.name} == {"Nowicki", "Adam Nowicki"}


def test_an_acronym_needs_a_source_naming_both_and_is_never_a_persons_initials():
    union = entity("Baltic Shipping Union", "ORG", ("Baltic Shipping Union", "a.txt"))
    apart = entity("BSU", "ORG", ("BSU", "b.txt"), ("BSU", "c.txt"))
    assert not suggest([union, apart])
    assert suggest([union, apart], floor=0.0)[0].kind == "acronym"
    together = entity("BSU", "ORG", ("BSU", "a.txt"), ("BSU", "c.txt"))
    assert [s.kind for s in suggest([union, together])] == ["acronym"]
    person = entity("Karol Wadowski", "PERSON", ("Karol Wadowski", "a.txt"))
    initials = entity("KW", "ORG", ("KW", "a.txt"))
    assert not [s for s in suggest([person, initials], floor=0.0) if s.score > 0]


def test_names_one_classifier_word_apart_are_offered_other_words_not():
    bare = entity("Amberline", "ORG", ("Amberline", "a.txt"), ("Amberline", "b.txt"))
    company = entity("Společnost Amberline", "ORG", ("Společnost Amberline", "c.txt"))
    [offered] = suggest([bare, company])
    assert offered.kind == "one-word-apart"
    other = entity("Sunday Amberline", "ORG", ("Sunday Amberline", "c.txt"))
    assert not suggest([bare, other])


def test_one_given_name_with_surnames_apart_inside_is_below_the_floor_an_ending_is_not():
    krochuk = entity("Andriy Krochuk", "PERSON", ("Andriy Krochuk", "a.txt"), ("Andriy Krochuk", "b.txt"))
    krachuk = entity("Andriy Krachuk", "PERSON", ("Andriy Krachuk", "c.txt"), ("Andriy Krachuk", "d.txt"))
    assert all(s.score < FLOOR for s in suggest([krochuk, krachuk], floor=0.0))
    lako = entity("Serhij Horodko", "PERSON", ("Serhij Horodko", "a.txt"), ("Serhij Horodko", "b.txt"))
    laki = entity("Serhij Horodki", "PERSON", ("Serhij Horodki", "a.txt"))
    [offered] = suggest([lako, laki])
    assert offered.kind == "same-name"


def test_entities_spelled_exactly_alike_are_judged_by_spelling_and_source(tmp_path):
    from tui.engine.model import Source

    sources = [Source(id=name, path=name, abspath=str(tmp_path / name), text="Harbourline " * 3, body_start=0,
                      language="en", date=None, date_precision=None, title=name, words=3, encoding="utf-8")
               for name in ("a.txt", "b.txt", "c.txt")]
    one = entity("Harbourline", "ORG", ("Harbourline", "a.txt"), ("Harbourline", "b.txt"))
    two = entity("Harbourline", "ORG", ("Harbourline", "c.txt"), ("Harbourline", "c.txt"))
    two = type(two)(two.id + "-2", two.name, two.type, two.variants,
                    tuple(m._replace(entity_id=two.id + "-2") for m in two.mentions), two.spellings)
    [offered] = suggest([one, two])
    assert offered.kind == "same-letters" and offered.left_key == offered.right_key == "Harbourline"
    assert {offered.left_source, offered.right_source} in ({"a.txt", "c.txt"}, {"b.txt", "c.txt"})
    assert offered.to_json(1)["left"]["key_source"] == offered.left_source
    judgement = judging.Judgement("match", verdict="positive", left=offered.left_key, right=offered.right_key,
                                  left_source=offered.left_source, right_source=offered.right_source)
    assert judging.from_json(json.loads(json.dumps(judgement.to_json()))) == judgement  # saved and read back
    merged, [outcome] = judging.apply([one, two], sources, [judgement])
    assert outcome.status == "applied" and len(merged) == 1 and len(merged[0].mentions) == 4
    assert not suggest(merged)
    # a "not the same" of the two is kept apart and never suggested again
    negative = judging.Judgement("match", verdict="negative", left=offered.left_key, right=offered.right_key,
                                 left_source=offered.left_source, right_source=offered.right_source)
    apart, [held] = judging.apply([one, two], sources, [negative])
    assert held.status == "holds" and len(apart) == 2
    assert not suggest([one, two], [negative])
