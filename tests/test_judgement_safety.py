"""The judgement file under concurrency and crashes (issue 14): two processes saving at once never lose a
judgement (a sidecar lock, the file read again and merged under it), a temporary file left by a killed save
is removed by the next save (ours only), a platform without fcntl still saves; and a judgement file made on
a story still applies after 100 articles are added, the ones that no longer apply listed."""

from __future__ import annotations

import multiprocessing
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import tui
from tui.engine import judgements as judging

ROOT = Path(__file__).resolve().parent.parent


def _writer(path: str, worker: int, count: int, start) -> None:
    start.wait()
    for n in range(count):
        new = judging.Judgement("rename", entity=f"entity {worker}-{n}", name=f"name {worker}-{n}")
        base = judging.read_file(Path(path)).judgements
        judging.save_changes(Path(path), base, (*base, new))


def test_processes_saving_at_once_lose_no_judgement(tmp_path):
    path = tmp_path / "story.storyview-judgements.json"
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    start = context.Barrier(4)
    workers = [context.Process(target=_writer, args=(str(path), w, 15, start)) for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    saved = judging.read_file(path)
    assert saved.problem is None
    assert sorted(j.entity for j in saved.judgements) == sorted(f"entity {w}-{n}" for w in range(4) for n in range(15))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_story_saves_on_top_of_what_another_process_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(judging.ENV_FILE, raising=False)
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("Marta Kowalewska met Tomasz Zielinski and the BSU in Gdansk.\n", encoding="utf-8")
    first, second = tui.load(folder), tui.load(folder)  # two sessions on one story
    first.rename("Marta Kowalewska", "M. Kowalewska")
    second.retype("BSU", "org")
    assert [j.op for j in second.judgements] == ["rename", "retype"]
    assert [j.op for j in tui.load(folder).judgements] == ["rename", "retype"]
    second.undo()  # takes back its own retype only
    assert [j.op for j in tui.load(folder).judgements] == ["rename"]


def test_two_cli_merges_at_once_both_stick(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("Marta Kowalewska met Tomasz Zielinski. The BSU and the Baltic Shipping Union "
                                  "agreed. Anna Nowak and Jan Nowak left.\n", encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    runs = [subprocess.Popen([sys.executable, "-m", "tui.cli", *args, str(folder)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for args in (["merge", "BSU", "Baltic Shipping Union"], ["rename", "Tomasz Zielinski", "T. Zielinski"])]
    for run in runs:
        assert run.wait(120) == 0, run.stderr.read() if run.stderr else ""
    assert sorted(j.op for j in tui.load(folder).judgements) == ["match", "rename"]


def test_a_temporary_file_left_by_a_killed_save_is_removed_by_the_next(tmp_path):
    path = tmp_path / "story.storyview-judgements.json"
    judging.save_changes(path, (), (judging.Judgement("rename", entity="a", name="b"),))
    ours = tmp_path / f".{path.name}.ab_12xyz.tmp"
    not_ours = [tmp_path / f".{path.name}.toolongname.tmp", tmp_path / "other.tmp",
                tmp_path / ".other.json.ab_12xyz.tmp"]
    for leftover in (ours, *not_ours):
        leftover.write_text("{half a file", encoding="utf-8")
    judging.save_changes(path, judging.read_file(path).judgements,
                         (*judging.read_file(path).judgements, judging.Judgement("rename", entity="c", name="d")))
    assert not ours.exists()
    assert all(p.exists() for p in not_ours)
    assert len(judging.read_file(path).judgements) == 2


def test_killed_during_a_save_then_reopened_and_saved_again(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("Marta Kowalewska met the BSU. The Baltic Shipping Union agreed.\n",
                                  encoding="utf-8")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop(judging.ENV_FILE, None)
    script = textwrap.dedent(f"""
        import os, signal, tui
        from tui.engine import judgements
        story = tui.load({str(folder)!r})
        story.merge("BSU", "Baltic Shipping Union")
        judgements.os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)
        story.rename("BSU", "The Union")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=120, env=env)
    assert done.returncode == -9
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers
    story = tui.load(folder)
    assert story.judgement_file.problem is None and [j.op for j in story.judgements] == ["match"]
    story.retype("Marta Kowalewska", "person")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert [j.op for j in tui.load(folder).judgements] == ["match", "retype"]


def test_without_fcntl_or_without_locks_it_still_saves(tmp_path, monkeypatch):
    path = tmp_path / "j.json"
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl raises ImportError, as on Windows
    with judging.locked(path) as held:
        assert held is False
    judging.save_changes(path, (), (judging.Judgement("rename", entity="a", name="b"),))
    assert len(judging.read_file(path).judgements) == 1


def test_a_lock_the_file_system_refuses_is_not_an_error(tmp_path, monkeypatch):
    import fcntl

    def refuse(fd, operation):
        raise OSError(37, "No locks available")

    monkeypatch.setattr(fcntl, "flock", refuse)
    path = tmp_path / "j.json"
    judging.save_changes(path, (), (judging.Judgement("rename", entity="a", name="b"),))
    assert len(judging.read_file(path).judgements) == 1


# -- a judgement file outlives a growing story ----------------------------------------------------------------
PEOPLE = ["Marta Kowalewska", "Tomasz Zielinski", "Anna Nowak", "Piotr Wisniewski", "Ewa Lewandowska"]
PLACES = ["Gdansk", "Warsaw", "Berlin", "Prague", "Vienna"]


def _article(rng: random.Random, n: int) -> str:
    a, b = rng.sample(PEOPLE, 2)
    place = rng.choice(PLACES)
    return (f"{a} met {b} in {place} on day {n}. The Baltic Shipping Union (BSU) asked {a.split()[-1]} about "
            f"the port. Later the BSU said {b.split()[-1]} agreed.\n")


def test_a_judgement_file_still_applies_after_100_articles_are_added(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(judging.ENV_FILE, raising=False)
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("Marta Kowalewska met Tomasz Zielinski in Gdansk. The union BSU agreed with "
                                  "the Baltic Shipping Union.\n", encoding="utf-8")
    (folder / "gone.txt").write_text("Karol Gorecki spoke for Harbourline Ventures.\n", encoding="utf-8")
    story = tui.load(folder)
    story.rename("Marta Kowalewska", "Mayor Kowalewska")
    story.retype("Tomasz Zielinski", "org")
    story.rename("Karol Gorecki", "K. Gorecki")
    story.split("Gdansk")
    (folder / "gone.txt").unlink()
    rng = random.Random(14)
    for n in range(100):
        (folder / f"new_{n:03}.txt").write_text(_article(rng, n), encoding="utf-8")
    grown = tui.load(folder)
    assert len(grown.sources) == 101
    statuses = {o.judgement.describe(): o.status for o in grown.judgement_outcomes}
    kowalewska = next(e for e in grown.entities if any(v.text == "Marta Kowalewska" for v in e.variants))
    assert kowalewska.name == "Mayor Kowalewska" and kowalewska.curated
    assert len(kowalewska.mentions) > 20  # the new articles' mentions are in the curated entity
    zielinski = next(e for e in grown.entities if any(v.text == "Tomasz Zielinski" for v in e.variants))
    assert zielinski.type == "ORG"
    [stale] = grown.stale_judgements
    assert "Karol Gorecki" in stale.judgement.describe() and stale.status == "stale"
    assert statuses[stale.judgement.describe()] == "stale"
    assert [j["status"] for j in grown.judgements_json()["judgements"]].count("stale") == 1
