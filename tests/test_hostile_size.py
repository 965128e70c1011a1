"""Hostile input, size: a huge one-line article costs what its text costs (linear), pathological texts
(one giant capitalised run, a megabyte of letters, megabytes of dates without a full stop) give sensible
results, and the reader opens a huge article without freezing. Timings are figures for
tests/benchmarks/run.py --huge, never assertions here; each test runs under a generous hang guard."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from app_support import create_app, settle

import tui
from tui.app.widgets.reader import LAZY_WRAP_CHARS, ArticleView
from tui.engine.chronology import MAX_SENTENCE_CHARS
from tui.engine.detection import MAX_RUN_WORDS

ROOT = Path(__file__).resolve().parents[1]
HANG_GUARD = 60  # seconds: a hang fails the test instead of blocking the suite


def _cli(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "tui.cli", *args, "--json"], capture_output=True, text=True,
                         cwd=ROOT, timeout=HANG_GUARD)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _seed_paragraphs() -> list[str]:
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return lines


def test_a_one_line_article_gets_the_mentions_of_the_same_text_in_lines(tmp_path):
    # Paragraphs that end a sentence, joined by "\n" or by " ": the same offsets, the same sentences.
    paragraphs = [p for p in _seed_paragraphs() if p.endswith((".", "!", "?", '"', "”"))]
    lines, size = [], 0
    while size < 2_500_000:
        lines += paragraphs
        size += sum(len(p) + 1 for p in paragraphs)
    (tmp_path / "lines").mkdir()
    (tmp_path / "one").mkdir()
    (tmp_path / "lines" / "a.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "one" / "a.txt").write_text(" ".join(lines) + "\n", encoding="utf-8")
    split, single = _cli("entities", str(tmp_path / "lines")), _cli("entities", str(tmp_path / "one"))

    def mentions(result: dict) -> list[tuple]:
        return sorted((m["start"], m["end"], m["text"]) for e in result["entities"] for m in e["mentions"])

    assert mentions(single) == mentions(split)
    assert len(mentions(single)) > 10_000


def test_a_giant_capitalised_run_gives_no_endless_name(tmp_path):
    words = [chr(65 + i % 26) + "abcdefghijklmnopqrstuvwxyz"[i % 7 : i % 7 + 2 + i % 5] for i in range(120_000)]
    text = "Officials met in Kyiv. " + " ".join(words) + ". Later Petro Vrublevsky spoke in Astana.\n"
    (tmp_path / "caps.txt").write_text(text, encoding="utf-8")
    result = _cli("entities", str(tmp_path / "caps.txt"))
    names = {e["name"] for e in result["entities"]}
    assert max(len(m["text"].split()) for e in result["entities"] for m in e["mentions"]) <= MAX_RUN_WORDS
    assert {"Kyiv", "Petro Vrublevsky", "Astana"} <= names  # the prose around the run still has its names


def test_letters_without_a_space_are_no_name(tmp_path):
    (tmp_path / "word.txt").write_text("Kyiv said " + "Abcdefghij" * 300_000 + " yesterday.\n", encoding="utf-8")
    result = _cli("entities", str(tmp_path / "word.txt"))
    assert [e["name"] for e in result["entities"]] == ["Kyiv"]


def test_dates_without_a_full_stop_keep_sentences_bounded(tmp_path):
    (tmp_path / "dates.txt").write_text(" date 2024-03-01 " + "on 2023-01-05 and 12 March 2024 " * 3_000 + "\n",
                                        encoding="utf-8")
    events = _cli("timeline", str(tmp_path / "dates.txt"))["events"]
    assert len(events) >= 6_000
    assert max(len(e["sentence"]) for e in events) <= MAX_SENTENCE_CHARS
    assert all(e["text"] in e["sentence"] for e in events[:: 997])


def test_a_short_article_keeps_its_whole_sentence(tmp_path):
    sentence = "Officials said on 5 January 2023 that talks " + "would go on and on " * 60 + "in Astana."
    (tmp_path / "a.txt").write_text(" date 2023-01-06 " + sentence + "\n", encoding="utf-8")
    events = _cli("timeline", str(tmp_path / "a.txt"))["events"]
    assert events and events[0]["sentence"] == sentence


async def test_the_reader_opens_a_huge_article_and_keys_are_processed(tmp_path):
    await asyncio.wait_for(_open_huge_article(tmp_path), HANG_GUARD)


async def _open_huge_article(tmp_path: Path) -> None:
    paragraphs = _seed_paragraphs()
    text = " ".join(paragraphs * (3 * LAZY_WRAP_CHARS // sum(len(p) + 1 for p in paragraphs) + 1))
    (tmp_path / "huge.txt").write_text(" date 2022-10-16 " + text + "\n", encoding="utf-8")
    app = create_app([str(tmp_path / "huge.txt")])
    async with app.run_test(size=(120, 40)) as pilot:
        while app.story is None:
            await pilot.pause(0.05)
        article = app.query_one(ArticleView)
        assert article.visible_text().strip()  # something to read at once, whole or windowed
        await pilot.press("pagedown")
        assert app.is_running
        await settle(pilot)
        assert not article.wrapping
        await pilot.press("end")
        await pilot.pause()
        assert article.visible_text().strip().endswith(text.split()[-1])  # the whole article is reachable


def test_a_source_of_endless_dates_keeps_the_first_ones_and_says_so(tmp_path):
    from tui.engine.chronology import MAX_EXPRESSIONS_PER_SOURCE

    (tmp_path / "dates.txt").write_text(" date 2022-10-20 " + "On 12 May 2021 it rained. " * (MAX_EXPRESSIONS_PER_SOURCE + 50),
                                        encoding="utf-8")
    (tmp_path / "a.txt").write_text(" date 2022-10-20 Petro Vrublevsky left Astana on 18 October.\n", encoding="utf-8")
    story = tui.load(tmp_path)
    payload = story.timeline_json()
    by_source: dict[str, int] = {}
    for expression in payload["events"]:  # the timeline: one entry per expression
        by_source[expression["source"]] = by_source.get(expression["source"], 0) + 1
    assert by_source == {"dates.txt": MAX_EXPRESSIONS_PER_SOURCE, "a.txt": 1}
    assert [w["source"] for w in payload["warnings"]] == ["dates.txt"]
    assert "only the first" in payload["warnings"][0]["warning"]
    assert any("only the first" in w for w in story.source("dates.txt").warnings)
