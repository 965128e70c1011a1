"""A judgement file made by an earlier engine still applies after a re-index with today's engine.

tests/data/judgements/heldout_uk_f08bb03.json was written by `storyview merge/split/rename/retype` of commit
f08bb03 (2026-12-01) on the held-out Ukrainian/Russian story; since then detection, linking and the knowledge
tables changed. Judgements name spellings and sources, never ids, so each must still apply (or hold, where the
engine now agrees by itself) and shape the entities as the user said."""

import shutil
from pathlib import Path

import tui

DATA = Path(__file__).resolve().parent / "data"


def _story(tmp_path):
    folder = tmp_path / "heldout_uk"
    shutil.copytree(DATA / "heldout_uk", folder, ignore=shutil.ignore_patterns("*.json"))
    file = tmp_path / "judgements.json"
    shutil.copy(DATA / "judgements" / "heldout_uk_f08bb03.json", file)
    return tui.load(str(folder), judgements=str(file))


def _entity(story, spelling):
    found = [e for e in story.entities if any(v.text == spelling for v in e.variants)]
    assert len(found) == 1, (spelling, [e.name for e in found])
    return found[0]


def test_every_judgement_of_an_earlier_engine_still_applies(tmp_path):
    story = _story(tmp_path)
    states = [(o.number, o.status, o.detail) for o in story.judgement_outcomes]
    assert len(states) == 9
    assert all(status in ("applied", "holds") for _, status, _ in states), states


def test_what_the_judgements_said_is_what_the_story_shows(tmp_path):
    story = _story(tmp_path)
    assert _entity(story, "МИД РК") is _entity(story, "МИД Казахстана")
    assert _entity(story, "Петр Михайлович") is _entity(story, "Врублевський")
    assert _entity(story, "Врублевський").name == "Petro Vrublevsky"
    assert _entity(story, "MSZ") is _entity(story, "МЗС")
    assert _entity(story, "РФ") is _entity(story, "Russia")
    assert _entity(story, "Нур-Султан") is not _entity(story, "Астана")
    assert _entity(story, "Kyrgyzstan") is not _entity(story, "Kazakhstan")
    assert _entity(story, "Reuters").type == "ORG"
    assert _entity(story, "Укрінформ").type == "ORG"
    assert all(e.curated for e in (_entity(story, "МИД РК"), _entity(story, "Reuters"), _entity(story, "Нур-Султан")))
