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
from tui.engine.suggestions import suggest

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "a.txt": "Marta Kowalewska, the mayor of Gdansk, spoke on Monday. Kowalewska said the port would open.\n"
             "The Baltic Shipping Union welcomed it.\n",
    "b.txt": "Mayor Marta Kowalewska opened the port. The union BSU said Kowalewska was right. Tomasz Zielinski "
             "disagreed, and his brother Piotr Zielinski too.\n",
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


def test_an_acronym_and_a_shared_surname_are_suggested_with_reasons(story_dir):
    story = tui.load(story_dir)
    shown = story.suggestions()
    assert pairs(story) == [("acronym", frozenset(("BSU", "Baltic Shipping Union"))),
                            ("same-surname", frozenset(("Tomasz Zielinski", "Piotr Zielinski")))]
    assert "initials of Baltic Shipping Union" in shown[0].reason
    assert shown[1].reason.startswith("the same surname, other given names ") and "Tomasz" in shown[1].reason
    assert shown[0].score > shown[1].score
    assert story.suggestions(limit=1) == shown[:1]


def test_accepting_merges_and_the_merge_sticks(story_dir):
    story = tui.load(story_dir)
    [outcome] = story.accept(story.suggestions()[0])
    assert outcome.status == "applied"
    reopened = tui.load(story_dir)
    assert [e for e in reopened.entities if {"BSU", "Baltic Shipping Union"} <= {v.text for v in e.variants}]
    assert [p[0] for p in pairs(reopened)] == ["same-surname"]


def test_a_rejected_suggestion_never_comes_back(story_dir):
    story = tui.load(story_dir)
    brothers = story.suggestions()[1]
    story.reject_suggestions(brothers)
    assert [p[0] for p in pairs(story)] == ["acronym"]  # at once, though the entities did not change
    assert [p[0] for p in pairs(tui.load(story_dir))] == ["acronym"]  # and after reopening
    entity_a, entity_b = brothers.left_entity, brothers.right_entity
    story.reject(entity_a, entity_b)  # the same judgement again (through reject): still one
    assert [j.op for j in story.judgements] == ["match"]


def test_an_unsure_judgement_is_not_suggested_either(story_dir):
    story = tui.load(story_dir)
    story.merge("Tomasz Zielinski", "Piotr Zielinski", verdict="unsure")
    assert [p[0] for p in pairs(story)] == ["acronym"]


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


def test_entities_spelled_exactly_alike_cannot_be_judged_apart_so_are_not_suggested(story_dir):
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
    assert set(first["left"]) == {"id", "name", "type", "spelling", "mentions", "sources", "key"}
    assert json.loads(run_cli("suggestions", str(story_dir), "--json", "--limit", "1",
                              env_home=home).stdout)["suggestions"] == [first]
    rejected = json.loads(run_cli("suggestions", str(story_dir), "--reject", "2", "--json", env_home=home).stdout)
    assert rejected["outcomes"][0]["judgement"]["verdict"] == "negative"
    accepted = run_cli("suggestions", str(story_dir), "--accept", "1", env_home=home)
    assert accepted.returncode == 0 and accepted.stdout.startswith("applied: 'BSU' is the same as")
    assert run_cli("suggestions", str(story_dir), env_home=home).stdout == "no suggestions\n"
    missing = run_cli("suggestions", str(story_dir), "--accept", "3", env_home=home)
    assert missing.returncode == 2 and missing.stderr.strip() == "storyview: there is no suggestion 3 (there are 0)"
