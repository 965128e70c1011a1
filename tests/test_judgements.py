"""Corrections that stick (issue 14): judgements recorded through the API and the CLI, saved atomically in
one file beside the story, applied every time it opens, reported when they no longer apply, and a bad file
named and ignored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui
from tui.engine import judgements as judging

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "a.txt": "Marta Kowalewska, the mayor of Gdansk, spoke on Monday. Kowalewska said the port of Gdansk "
             "would open.\nThe Baltic Shipping Union welcomed it.\n",
    "b.txt": "Mayor Marta Kowalewska opened the port. The union BSU said Kowalewska was right. "
             "Tomasz Zielinski disagreed.\n",
}


@pytest.fixture
def story_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(judging.ENV_FILE, raising=False)
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def entity_of(story, spelling: str):
    return next(e for e in story.entities if any(v.text == spelling for v in e.variants))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_merge_quit_reopen_still_merged_and_nothing_written_inside(story_dir):
    before = snapshot(story_dir)
    story = tui.load(story_dir)
    assert entity_of(story, "BSU") is not entity_of(story, "Baltic Shipping Union")
    [outcome] = story.merge("Baltic Shipping Union", "BSU")
    assert outcome.status == "applied"
    merged = entity_of(story, "BSU")
    assert merged is entity_of(story, "Baltic Shipping Union") and merged.curated
    assert story.search("BSU", 1)[0].entity.id == merged.id  # the search index sees it at once
    assert all(m.entity_id == merged.id for m in merged.mentions)
    assert {m.entity_id for ms in story.mentions_by_source.values() for m in ms} == {e.id for e in story.entities}

    file = story_dir.parent / f"story{judging.SUFFIX}"
    assert story.judgement_file.path == file and file.exists()
    assert snapshot(story_dir) == before  # no article changed, nothing new inside the story folder

    again = tui.load(story_dir)
    reopened = entity_of(again, "BSU")
    assert reopened is entity_of(again, "Baltic Shipping Union")
    assert reopened.to_json()["curated"] is True
    assert reopened.to_json()["judgements"][0]["op"] == "match"


def test_without_judgements_entities_are_the_linkers_own(story_dir):
    plain = tui.load(story_dir, judgements=False)
    story = tui.load(story_dir)
    assert story.entities_json() == plain.entities_json()
    assert all("curated" not in e for e in story.entities_json()["entities"])


def test_split_rename_retype_and_a_single_mention(story_dir):
    story = tui.load(story_dir)
    person = entity_of(story, "Marta Kowalewska")
    story.split("Kowalewska")
    assert entity_of(story, "Kowalewska") is not entity_of(story, "Marta Kowalewska")
    story.rename("Marta Kowalewska", "Mayor Kowalewska")
    story.retype("Gdansk", "place")
    gdansk = entity_of(story, "Gdansk")
    assert gdansk.type == "PLACE"
    first = gdansk.mentions[0]
    story.split_mention(first)
    assert len(entity_of(story, "Gdansk").mentions) == 1
    reopened = tui.load(story_dir)
    assert entity_of(reopened, "Marta Kowalewska").name == "Mayor Kowalewska"
    assert entity_of(reopened, "Marta Kowalewska").id == person.id
    assert sorted(len(e.mentions) for e in reopened.entities if e.variants[0].text == "Gdansk") == [1, 1]
    assert all(e.type == "PLACE" for e in reopened.entities if e.variants[0].text == "Gdansk")
    assert len({e.id for e in reopened.entities}) == len(reopened.entities)
    assert [o.status for o in reopened.judgement_outcomes] == ["applied"] * 4


def test_a_rejected_pair_is_kept_apart_and_a_later_merge_through_it_is_a_conflict(story_dir):
    story = tui.load(story_dir)
    story.merge("Marta Kowalewska", "Tomasz Zielinski")
    assert entity_of(story, "Tomasz Zielinski") is entity_of(story, "Kowalewska")
    story.reject("Marta Kowalewska", "Tomasz Zielinski")  # the same pair: the newer judgement wins
    assert entity_of(story, "Tomasz Zielinski") is not entity_of(story, "Kowalewska")
    assert len(story.judgements) == 1 and story.judgements[0].verdict == "negative"
    story.merge("Tomasz Zielinski", "Gdansk")
    [outcome] = story.merge("Kowalewska", "Gdansk")
    assert outcome.status == "conflict" and outcome in story.stale_judgements
    assert entity_of(story, "Tomasz Zielinski") is not entity_of(story, "Kowalewska")


def test_undo_and_redo(story_dir):
    story = tui.load(story_dir)
    story.merge("BSU", "Baltic Shipping Union")
    story.rename("BSU", "The Union")
    assert story.undo().op == "rename"
    assert entity_of(story, "BSU").name != "The Union"
    assert entity_of(tui.load(story_dir), "BSU").name != "The Union"  # the undo is saved too
    assert story.redo().op == "rename"
    assert entity_of(tui.load(story_dir), "BSU").name == "The Union"


def test_still_applies_after_articles_are_added_and_stale_ones_are_listed(story_dir):
    story = tui.load(story_dir)
    story.merge("BSU", "Baltic Shipping Union")
    story.split("Kowalewska")
    story.rename("Tomasz Zielinski", "T. Zielinski")
    for n in range(5):
        (story_dir / f"new{n}.txt").write_text(f"Marta Kowalewska met the BSU board for the {n}th time.\n",
                                               encoding="utf-8")
    (story_dir / "b.txt").write_text("Mayor Marta Kowalewska opened the port. The union BSU agreed.\n",
                                     encoding="utf-8")
    grown = tui.load(story_dir)
    assert entity_of(grown, "BSU") is entity_of(grown, "Baltic Shipping Union")
    assert len(entity_of(grown, "BSU").mentions) == 7
    [stale] = grown.stale_judgements
    assert stale.judgement.op == "rename" and "Tomasz Zielinski" in stale.detail
    listed = grown.judgements_json()["judgements"]
    assert [j["status"] for j in listed] == ["applied", "applied", "stale"]


def test_a_failed_save_leaves_the_earlier_file_and_the_entities_as_they_were(story_dir, monkeypatch):
    story = tui.load(story_dir)
    story.merge("BSU", "Baltic Shipping Union")
    file = story.judgement_file.path
    saved = file.read_bytes()

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(judging.os, "replace", refuse)
    with pytest.raises(judging.JudgementError, match="cannot save"):
        story.rename("BSU", "Something")
    assert file.read_bytes() == saved
    assert entity_of(story, "BSU").name != "Something"  # a change that cannot be saved is not made
    assert not [p for p in file.parent.iterdir() if p.name.endswith(".tmp")]  # the temporary file is gone


def test_killed_during_a_save_the_earlier_judgements_are_intact(story_dir):
    tui.load(story_dir).merge("BSU", "Baltic Shipping Union")
    file = story_dir.parent / f"story{judging.SUFFIX}"
    saved = file.read_bytes()
    # a process killed (SIGKILL) after writing its temporary file and before the rename
    script = textwrap.dedent(f"""
        import os, signal, tui
        from tui.engine import judgements
        story = tui.load({str(story_dir)!r})
        judgements.os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)
        story.split("Kowalewska")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=120,
                          env={**os.environ, "XDG_DATA_HOME": str(story_dir.parent / "data")})
    assert done.returncode == -9
    assert file.read_bytes() == saved
    assert [p for p in file.parent.iterdir() if p.name.endswith(".tmp")]  # what it was writing: left aside
    story = tui.load(story_dir)
    assert story.judgement_file.problem is None
    assert entity_of(story, "BSU") is entity_of(story, "Baltic Shipping Union")


def test_a_story_folder_that_cannot_be_written_beside_uses_the_data_folder(story_dir, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(judging.os, "access", lambda path, mode: False if str(path) == str(story_dir.parent)
                        else real_access(path, mode))
    story = tui.load(story_dir)
    story.merge("BSU", "Baltic Shipping Union")
    path = story.judgement_file.path
    assert path is not None and path.is_relative_to(story_dir.parent / "data" / "storyview")
    assert not (story_dir.parent / f"story{judging.SUFFIX}").exists()
    reopened = tui.load(story_dir)
    assert entity_of(reopened, "BSU") is entity_of(reopened, "Baltic Shipping Union")


def test_the_environment_and_the_argument_choose_the_file(story_dir, monkeypatch, tmp_path):
    chosen = tmp_path / "mine.json"
    tui.load(story_dir, judgements=chosen).merge("BSU", "Baltic Shipping Union")
    assert chosen.exists() and not (story_dir.parent / f"story{judging.SUFFIX}").exists()
    monkeypatch.setenv(judging.ENV_FILE, str(chosen))
    assert entity_of(tui.load(story_dir), "BSU").curated


def test_unknown_spellings_and_types_are_refused_with_a_message(story_dir):
    story = tui.load(story_dir)
    with pytest.raises(judging.JudgementError, match="no entity"):
        story.merge("BSU", "Nobody Here")
    with pytest.raises(judging.JudgementError, match="unknown type"):
        story.retype("BSU", "planet")
    with pytest.raises(judging.JudgementError, match="control character"):
        story.rename("BSU", "\x1b]0;owned\x07")
    assert story.judgements == ()


BAD_FILES = {
    "truncated": b'{"format": "storyview-judgements", "version": 1, "judgements": [{"op": "ma',
    "wrong version": b'{"format": "storyview-judgements", "version": 99, "judgements": []}',
    "not ours": b'{"judgements": []}',
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "wrong types": b'{"format": "storyview-judgements", "version": 1, "judgements": [{"op": "match", '
                   b'"verdict": "positive", "left": 3, "right": ["x"]}]}',
    "control characters": b'{"format": "storyview-judgements", "version": 1, "judgements": [{"op": "rename", '
                          b'"entity": "BSU", "name": "\\u001b[2J"}]}',
    "not utf-8": b"\xff\xfe{}",
    "huge": b" " * (judging.MAX_FILE_BYTES + 10),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_file_is_named_and_ignored_and_never_overwritten(story_dir, kind):
    file = story_dir.parent / f"story{judging.SUFFIX}"
    file.write_bytes(BAD_FILES[kind])
    story = tui.load(story_dir)
    assert story.judgement_file.problem and story.judgements == ()
    assert story.entities_json() == tui.load(story_dir, judgements=False).entities_json()
    with pytest.raises(judging.JudgementError, match="nothing is saved"):
        story.merge("BSU", "Baltic Shipping Union")
    assert file.read_bytes() == BAD_FILES[kind]


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=4), max_leaves=20)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode()),
                 st.lists(st.dictionaries(st.sampled_from(["op", "verdict", "left", "right", "spelling", "entity",
                                                           "name", "type", "source", "start", "end", "at", "x"]),
                                          json_values, max_size=6), max_size=4)
                 .map(lambda items: json.dumps({"format": judging.FORMAT, "version": 1,
                                                "judgements": items}).encode())))
def test_the_reader_takes_any_bytes_and_either_reads_them_or_says_why(raw):
    try:
        judgements = judging.parse(raw)
    except judging.JudgementError as error:
        assert str(error)
        return
    for judgement in judgements:  # what it accepts, it can write and read back the same
        assert judging.from_json(judgement.to_json()) == judgement


def test_a_file_written_then_read_gives_the_same_judgements(tmp_path):
    made = (judging.Judgement("match", verdict="unsure", left="Łódź", right="Лодзь", at=judging.now()),
            judging.Judgement("split", spelling="X Y", source="sub/a.txt", start=3, end=6),
            judging.Judgement("retype", entity="Reutera", type="ORG"))
    path = tmp_path / "j.json"
    judging.save_file(path, made)
    assert judging.read_file(path).judgements == made


# -- the CLI ---------------------------------------------------------------------------------------------
def storyview(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8", **env})


def test_cli_merge_split_rename_retype_and_the_judgements_list(story_dir):
    env = {"XDG_DATA_HOME": str(story_dir.parent / "data")}
    folder = str(story_dir)
    merged = storyview("merge", "BSU", "Baltic Shipping Union", folder, "--json", env=env)
    assert merged.returncode == 0, merged.stderr
    assert json.loads(merged.stdout)["outcomes"][0]["status"] == "applied"
    assert storyview("split", "Kowalewska", folder, env=env).returncode == 0
    assert storyview("rename", "Tomasz Zielinski", "T. Z.", folder, env=env).returncode == 0
    assert storyview("retype", "Gdansk", "place", folder, env=env).returncode == 0
    assert storyview("merge", "Gdansk", "Tomasz Zielinski", "--not", folder, env=env).returncode == 0
    entities = json.loads(storyview("entities", folder, "--json", env=env).stdout)["entities"]
    union = next(e for e in entities if any(v["text"] == "BSU" for v in e["variants"]))
    assert union["curated"] is True and {v["text"] for v in union["variants"]} == {"BSU", "Baltic Shipping Union"}
    assert next(e for e in entities if e["name"] == "T. Z.")["curated"] is True
    plain = json.loads(storyview("entities", folder, "--json", "--no-judgements", env=env).stdout)["entities"]
    assert all("curated" not in e for e in plain)
    listed = json.loads(storyview("judgements", folder, "--json", env=env).stdout)
    assert listed["file"] == str(story_dir.parent / f"story{judging.SUFFIX}")
    assert [j["judgement"]["op"] for j in listed["judgements"]] == ["match", "split", "rename", "retype", "match"]
    undone = storyview("judgements", folder, "--undo", env=env)
    assert "took back" in undone.stderr and len(undone.stdout.splitlines()) == 5


def test_cli_errors_are_one_line_and_a_stale_judgement_is_named(story_dir):
    env = {"XDG_DATA_HOME": str(story_dir.parent / "data")}
    folder = str(story_dir)
    missing = storyview("rename", "Nobody", "X", folder, env=env)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "Nobody" in missing.stderr
    storyview("rename", "Tomasz Zielinski", "T. Z.", folder, env=env)
    (story_dir / "b.txt").write_text("Nobody else is named here.\n", encoding="utf-8")
    shown = storyview("entities", folder, "--json", env=env)
    assert shown.returncode == 0 and "judgement 1" in shown.stderr and "does not apply" in shown.stderr
    (story_dir.parent / f"story{judging.SUFFIX}").write_text("{", encoding="utf-8")
    broken = storyview("entities", folder, "--json", env=env)
    assert broken.returncode == 0 and "its judgements are ignored" in broken.stderr
    assert storyview("merge", "BSU", "Gdansk", folder, env=env).returncode == 2
