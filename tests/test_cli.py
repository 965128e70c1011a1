"""The CLI contract: exact JSON shapes, exit codes, messages on stderr, no tracebacks, quiet broken pipes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def storyview(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=timeout,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "250"})


def decoded(path: Path) -> str:
    with open(path, encoding="utf-8") as handle:  # the contract: offsets into Python's text-mode reading
        return handle.read()


def check_mention(mention: dict, root: Path) -> None:
    assert set(mention) >= {"source", "start", "end", "text"}
    assert isinstance(mention["start"], int) and isinstance(mention["end"], int)
    assert decoded(root / mention["source"])[mention["start"]:mention["end"]] == mention["text"]


def test_search_json_shape_and_offsets():
    result = storyview("search", "Wrublewski", "seeds", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"query", "results"} and payload["query"] == "Wrublewski"
    top = payload["results"][0]
    assert set(top) >= {"entity", "score", "matched", "variants", "mentions"}
    assert set(top["entity"]) == {"id", "name", "type"}
    assert top["entity"]["type"] in ("PERSON", "PLACE", "ORG", "OTHER")
    assert 0 <= top["score"] <= 1 and isinstance(top["matched"], str)
    assert all(isinstance(v, str) for v in top["variants"])
    assert {m["source"] for m in top["mentions"]} == {p.name for p in (ROOT / "seeds").glob("*.txt")}
    for mention in top["mentions"]:
        check_mention(mention, ROOT / "seeds")
    scores = [r["score"] for r in payload["results"]]
    assert scores == sorted(scores, reverse=True)


def test_entities_json_shape():
    payload = json.loads(storyview("entities", "seeds", "--json").stdout)
    assert set(payload) == {"entities"}
    for entity in payload["entities"]:
        assert set(entity) >= {"id", "name", "type", "variants", "mentions"}
        assert all(set(v) == {"text", "count"} for v in entity["variants"])
        assert sum(v["count"] for v in entity["variants"]) == len(entity["mentions"])
        for mention in entity["mentions"]:
            check_mention(mention, ROOT / "seeds")
    assert len({e["id"] for e in payload["entities"]}) == len(payload["entities"])


def test_sources_json_shape():
    payload = json.loads(storyview("sources", "seeds", "--json").stdout)
    assert set(payload) == {"sources", "skipped"}
    by_path = {s["path"]: s for s in payload["sources"]}
    assert set(by_path) == {p.name for p in (ROOT / "seeds").glob("*.txt")}
    for source in payload["sources"]:
        assert set(source) >= {"id", "path", "language", "date", "date_precision", "title", "words", "encoding",
                               "warnings"}
    assert by_path["001_a8dc976c1e203273.txt"]["date"] == "2022-10-20"
    assert by_path["001_a8dc976c1e203273.txt"]["date_precision"] == "day"
    assert by_path["002_f409f92c391b5b88.txt"]["date_precision"] == "month"
    assert by_path["002_f409f92c391b5b88.txt"]["language"] == "pl"
    assert by_path["000_eb4f517ef54568b0.txt"]["date"] is None


def test_timeline_json_shape():
    payload = json.loads(storyview("timeline", "seeds", "--json").stdout)
    assert set(payload) == {"events"}
    keys = {"source", "start", "end", "text", "date", "precision", "role", "sentence", "entities", "event"}
    for row in payload["events"]:
        assert set(row) >= keys
        check_mention(row, ROOT / "seeds")
    assert any(row["date"] == "2022-09-21" for row in payload["events"])


def test_no_path_means_the_bundled_seeds(tmp_path):
    result = storyview("search", "Wrublewski", "--json", cwd=tmp_path)
    assert result.returncode == 0
    assert len({m["source"] for m in json.loads(result.stdout)["results"][0]["mentions"]}) == 3


def test_a_missing_path_is_one_line_and_exit_2(tmp_path):
    missing = tmp_path / "no such folder"
    for args in (("search", "x", str(missing), "--json"), ("entities", str(missing)), (str(missing),)):
        result = storyview(*args)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(missing) in lines[0] and "Traceback" not in result.stderr


def test_skipped_files_are_named_on_stderr(write_story):
    folder = write_story({"good.txt": " date 2022-10-19 Petro Wrublewski spoke.\n", "empty.txt": "",
                          "pic.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256))})
    result = storyview("entities", str(folder), "--json")
    assert result.returncode == 0
    json.loads(result.stdout)
    assert "empty.txt" in result.stderr and "pic.png" in result.stderr
    assert "Traceback" not in result.stderr


def test_tables_without_json_print_article_text_literally(write_story):
    folder = write_story({"a.txt": " date 2022-10-19 Petro Wrublewski [bold red]ALERT[/bold red] \x1b]0;pwned\x07.\n"})
    result = storyview("sources", str(folder))
    assert result.returncode == 0
    assert "[bold red]ALERT[/bold red]" in result.stdout
    assert "\x1b]0;" not in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_piping_into_head_ends_quietly():
    command = f"{sys.executable} -m tui.cli entities seeds --json | head -c 100"
    result = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "BrokenPipe" not in result.stderr and "Traceback" not in result.stderr


def test_engine_imports_without_textual():
    code = ("import sys, tui, tui.engine, tui.cli\n"
            "story = tui.load()\n"
            "story.search('Wrublewski'); story.timeline\n"
            "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
            "print(','.join(bad))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
