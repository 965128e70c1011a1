"""A story built in several processes is the same story as one built in one; a failing worker loses nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import tui
from tui.engine import shards

ROOT = Path(__file__).resolve().parent.parent
FOOTER = ("Copyright Example Wire Service. All rights reserved. Republication without written permission "
          "is prohibited.")

pytestmark = pytest.mark.skipif(not shards._can_fork(), reason="shards run in forked workers (Linux only)")


@pytest.fixture(scope="module")
def mixed_story(tmp_path_factory) -> Path:
    """Seeds and held-out articles twice (once with a shared footer), a date-only file, a binary file."""
    folder = tmp_path_factory.mktemp("mixed")
    articles = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "heldout").glob("*.txt"))
    for copy in range(2):
        for article in articles:
            text = article.read_text(encoding="utf-8")
            if copy == 1:
                text = text.rstrip("\n") + "\n\n" + FOOTER + "\n"
            (folder / f"{copy}_{article.name}").write_text(text, encoding="utf-8")
    (folder / "zz_header_only.txt").write_text(" date 2024-05-01\n\n", encoding="utf-8")
    (folder / "zz_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    nested = folder / "more"
    nested.mkdir()
    (nested / "brief.txt").write_text(" date 2024-05-02\n\nKyiv: Minister Olena Hrytsenko met Jan Kowalski.\n",
                                      encoding="utf-8")
    return folder


def _story_json(story) -> dict:
    return {"sources": story.sources_json(), "entities": story.entities_json(), "timeline": story.timeline_json(),
            "search": [story.search_json(q) for q in ("Wrublewskiego", "Kiev", "ministry")]}


@pytest.fixture(scope="module")
def one_process(mixed_story) -> dict:
    return _story_json(tui.load(mixed_story, workers=1))


@pytest.mark.parametrize("workers", [2, 3, 5])
def test_the_story_does_not_depend_on_the_number_of_workers(mixed_story, one_process, workers):
    built = _story_json(tui.load(mixed_story, workers=workers))
    assert built == one_process


def test_the_shared_footer_is_boilerplate_across_shards(mixed_story, one_process):
    sources = one_process["sources"]["sources"]
    with_footer = [s for s in sources if s["path"].startswith("1_")]
    assert len(with_footer) == 11  # dealt round-robin to different shards
    for source in with_footer:
        text = (mixed_story / source["path"]).read_text(encoding="utf-8")
        start, end = source["boilerplate"][-1]
        assert start <= text.index(FOOTER) and end >= text.index(FOOTER) + len(FOOTER), source["path"]
    assert [s["path"] for s in one_process["sources"]["skipped"]] == ["zz_header_only.txt", "zz_image.txt"]


def _dies(connection, candidates):
    os._exit(3)


def _fails(connection, candidates):
    connection.recv()
    connection.send(("error", "RuntimeError('out of luck')"))


def _dies_later(connection, candidates):
    work = shards._shard(candidates, None)
    connection.send(("ok", work.send(connection.recv())))
    connection.recv()
    os._exit(3)  # after the first step: the replay must resend what the worker was told


@pytest.mark.parametrize("worker", [_dies, _fails, _dies_later])
def test_a_failing_worker_is_replayed_in_process(monkeypatch, mixed_story, one_process, worker):
    monkeypatch.setattr(shards, "_serve", worker)
    replays = []
    replay = shards._Forked._replay
    monkeypatch.setattr(shards._Forked, "_replay", lambda self: (replays.append(self), replay(self)))
    assert _story_json(tui.load(mixed_story, workers=3)) == one_process
    assert len(replays) == 2  # both workers failed, both shards were done here


def test_small_stories_stay_in_one_process(monkeypatch):
    monkeypatch.delenv("STORYVIEW_WORKERS", raising=False)
    assert shards.shards_for(3) == 1
    assert shards.shards_for(shards.MIN_FILES_PER_SHARD - 1) == 1
    assert shards.shards_for(10_000, requested=1) == 1
    assert shards.shards_for(2, requested=4) == 2  # never more shards than files


def test_workers_can_be_set_from_the_environment(monkeypatch):
    monkeypatch.setenv("STORYVIEW_WORKERS", "1")
    assert shards.shards_for(10_000) == 1
    monkeypatch.setenv("STORYVIEW_WORKERS", "2")
    assert shards.shards_for(10_000) == 2
    monkeypatch.setenv("STORYVIEW_WORKERS", "many")  # not a number: the automatic choice
    assert shards.shards_for(3) == 1


def test_progress_reaches_every_file_with_workers(mixed_story):
    reports: list[tuple[str, int, int]] = []
    tui.load(mixed_story, workers=2, progress=lambda stage, done, total: reports.append((stage, done, total)))
    reading = [r for r in reports if r[0] == "reading"]
    assert reading[0][1] == 0 and reading[-1][1] == reading[-1][2] == 25
    assert all(done <= total for _, done, total in reports)
    assert reports[-1] == ("indexing", 1, 1)


def test_words_written_in_lower_case_count_story_wide(tmp_path):
    # a sentence-start word is no name when the story writes it in lower case far more often; those lower-case
    # uses may all be in other shards' files (files are dealt round-robin): the story must not depend on it
    import tui

    for n in range(320):
        if n % 2:  # the odd files, all in the second shard of two
            text = " date 2024-03-01 Notes\n\nThe pilots said the walkout would go on. Another walkout is planned.\n"
        elif n < 4:  # twice capitalised mid-sentence, as a name would be
            text = " date 2024-03-01 Notes\n\nWalkout at the airport. Mira Kallas spoke to Walkout reporters.\n"
        else:
            text = " date 2024-03-01 Notes\n\nWalkout at the airport. Mira Kallas spoke to reporters.\n"
        (tmp_path / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    names = {workers: sorted((e.name, len(e.mentions)) for e in tui.load(tmp_path, workers=workers).entities)
             for workers in (1, 2)}
    assert names[1] == names[2]
