"""Export (engine/export.py and `storyview export`): every format read back gives what was exported, hostile
article text obeys nothing in any format, and no file is written inside the story or over another."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.engine import export as ex
from tui.engine.model import Entity, Event, Mention, Source, TemporalExpression, Variant
from tui.textsafe import neutralise

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NOW = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)


def written(export: ex.Export, fmt: ex.Format) -> tuple[str, ex.Written]:
    stream = io.StringIO(newline="")
    result = ex.write_ics(export, stream, now=NOW) if fmt == "ics" else ex.write(export, fmt, stream)
    return stream.getvalue(), result


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def expected_cells(export: ex.Export) -> list[list[str]]:
    return [[str(ex.csv_safe(ex._cell(record, column))) for column in export.columns] for record in export.records]


# --- a small iCalendar reader: RFC 5545's rules, checked line by line ------------------------------------------

def parse_ics(text: str) -> list[dict[str, str]]:
    """The VEVENTs of `text` as {name(;params): unescaped value}; asserts the file's shape on the way."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in physical), "a line longer than 75 octets"
    assert "\n" not in "".join(physical) and "\r" not in "".join(physical)
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    stack: list[str] = []
    events: list[dict[str, str]] = []
    for line in logical:
        assert not re.search("[\x00-\x08\x0a-\x1f\x7f]", line), "a control character in a content line"
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append({})
        elif name == "END":
            assert stack and stack.pop() == value, f"END:{value} does not close what was begun"
        else:
            assert stack, "a property outside VCALENDAR"
            if stack[-1] == "VEVENT":
                events[-1][name] = ics_unescape(value)
    assert stack == [] and logical[0] == "BEGIN:VCALENDAR"
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY"} <= set(event)
        assert re.fullmatch(r"\d{8}", event["DTSTART;VALUE=DATE"])
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])
    return events


def ics_unescape(value: str) -> str:
    assert not re.search(r"(?<!\\)(?:\\\\)*[;,]", value.replace("\\;", "").replace("\\,", "")), \
        "an unescaped ; or , in a TEXT value"
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def markdown_cells(line: str) -> list[str]:
    """A Markdown table row's cells, split at the pipes that are not escaped (GFM: a backslash escapes the
    character after it, a backslash too), then unescaped."""
    assert line.startswith("| ") and line.endswith(" |")
    raw, cell = [], ""
    for token in re.findall(r"\\.|.", line[1:-1], flags=re.S):
        if token == "|":
            raw.append(cell)
            cell = ""
        else:
            cell += token
    raw.append(cell)
    assert all(c.startswith(" ") and c.endswith(" ") and len(c) >= 2 for c in raw), raw
    cells = [c[1:-1] for c in raw]
    return [re.sub(r"\\(.)", r"\1", c.replace("<br>", "\n")) for c in cells]


# --- on the sample story ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vrublevsky(seeds_story) -> Entity:
    entity = ex.find_entity(seeds_story.entities, "Vrublevsky")
    assert entity is not None and entity.name == "Petro Vrublevsky"
    return entity


def test_mentions_carry_their_source_sentence_and_offsets(seeds_story, vrublevsky):
    export = ex.mentions_export(seeds_story.sources, vrublevsky)
    assert len(export.records) == len(vrublevsky.mentions) == 10
    by_id = {s.id: s for s in seeds_story.sources}
    for record in export.records:
        source = by_id[record["source_id"]]
        assert source.text[record["start"]:record["end"]] == record["text"]
        assert source.text[record["sentence_start"]:].startswith(record["sentence"])
        assert record["text"] in record["sentence"] and "\n" not in record["sentence"]
        assert (record["title"], record["language"], record["date"]) == (source.title, source.language, source.date)
    first = export.records[0]["sentence"]
    assert first.startswith("Russia's Foreign Ministry had urged") and first.endswith("Russians.")


def test_json_fields_are_the_json_contracts_where_they_overlap(seeds_story, vrublevsky):
    mentions = json.loads(written(ex.mentions_export(seeds_story.sources, vrublevsky), "json")[0])
    assert mentions["entity"] == vrublevsky.ref_json()
    assert set(mentions["mentions"][0]) >= set(vrublevsky.mentions[0].to_json())
    contract = seeds_story.timeline_json()["events"]
    timeline = json.loads(written(ex.timeline_export(seeds_story.sources, seeds_story.events), "json")[0])["events"]
    assert len(timeline) == len(contract)
    for record in timeline:
        assert set(record) >= set(contract[0])
    assert sorted((r["source"], r["start"], r["event"]) for r in timeline) == \
        sorted((r["source"], r["start"], r["event"]) for r in contract)
    entities = json.loads(written(ex.entities_export(seeds_story.entities), "json")[0])["entities"]
    assert [e["id"] for e in entities] == [e.id for e in seeds_story.entities]
    assert entities[0]["mentions"] == len(seeds_story.entities[0].mentions)  # a count, as `suggestions` has it
    assert entities[0]["variants"] == [v.to_json() for v in seeds_story.entities[0].variants]


@pytest.mark.parametrize("kind", ["mentions", "timeline", "entities"])
def test_csv_reads_back_as_the_rows_exported(seeds_story, vrublevsky, kind):
    export = {"mentions": lambda: ex.mentions_export(seeds_story.sources, vrublevsky),
              "timeline": lambda: ex.timeline_export(seeds_story.sources, seeds_story.events),
              "entities": lambda: ex.entities_export(seeds_story.entities)}[kind]()
    text, result = written(export, "csv")
    rows = read_csv(text)
    assert rows[0] == list(export.columns)
    assert rows[1:] == expected_cells(export)
    assert result.rows == len(export.records) == len(rows) - 1
    # the sample's text has no formula-like cell: what is read back is the text itself
    if kind == "mentions":
        assert [r[export.columns.index("sentence")] for r in rows[1:]] == [r["sentence"] for r in export.records]


def test_entity_spellings_in_one_cell(seeds_story, vrublevsky):
    rows = read_csv(written(ex.entities_export([vrublevsky]), "csv")[0])
    assert rows[1][:5] == [vrublevsky.id, "Petro Vrublevsky", "PERSON", "10", "3"]
    assert rows[1][5].startswith("Vrublevskiy ×2; Vrublevsky ×2; Petr Vrublevsky ×1")


def test_markdown_is_one_table_row_per_record(seeds_story, vrublevsky):
    export = ex.mentions_export(seeds_story.sources, vrublevsky)
    text, result = written(export, "md")
    lines = text.splitlines()
    assert lines[0] == "# Mentions of Petro Vrublevsky"
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 2 + result.rows
    for line, record in zip(table[2:], export.records, strict=True):
        assert markdown_cells(line)[export.columns.index("sentence")] == record["sentence"]


def test_ics_has_an_all_day_event_per_event_dated_to_a_day(seeds_story):
    export = ex.timeline_export(seeds_story.sources, seeds_story.events)
    text, result = written(export, "ics")
    events = parse_ics(text)
    days = [e for e in seeds_story.events if e.precision == "day" and e.date and len(e.date) == 10]
    assert result.rows == len(events) == len(days) > 0
    assert result.skipped == len(seeds_story.events) - len(days) > 0
    assert [e["DTSTART;VALUE=DATE"] for e in events] == [d.date.replace("-", "") for d in days]
    assert len({e["UID"] for e in events}) == len(events)
    assert "without a day skipped" in result.describe(export, "ics")
    # the same export gives the same UIDs (a calendar that imports it twice updates, not duplicates)
    assert [e["UID"] for e in parse_ics(written(export, "ics")[0])] == [e["UID"] for e in events]


def test_ics_folds_multibyte_text_between_characters():
    line = "SUMMARY:" + "Żądania Rosji — 中文 " * 20
    folded = ex.ics_fold(line)
    assert all(len(part.encode()) <= 75 for part in folded[:-2].split("\r\n"))
    assert folded.replace("\r\n ", "")[:-2] == line


def test_only_the_chronology_is_a_calendar(seeds_story):
    with pytest.raises(ex.ExportError, match="cannot be written as iCalendar"):
        ex.write(ex.entities_export(seeds_story.entities), "ics", io.StringIO())


def test_an_entity_is_found_by_id_name_spelling_or_folded_spelling(seeds_story, vrublevsky):
    for ref in (vrublevsky.id, "Petro Vrublevsky", "Wrublewskiego", "petro wrublewski", "VRUBLEVSKIY"):
        assert ex.find_entity(seeds_story.entities, ref) is vrublevsky, ref
    assert ex.find_entity(seeds_story.entities, "Nobody Atall") is None


def test_format_and_default_names(vrublevsky):
    assert ex.format_of("a/b.ICS") == "ics" and ex.format_of("x.markdown") == "md" and ex.format_of("x.txt") == "csv"
    assert ex.default_name("mentions", "csv", vrublevsky) == "storyview-mentions-petro-vrublevsky.csv"
    assert ex.default_name("timeline", "ics") == "storyview-timeline.ics"


# --- hostile text, in every format ------------------------------------------------------------------------

PIECES = list("=+-@\t\r\n\"',;:|\\*_`[]<>&~$#!é中 ") + [
    "\x1b", "\x07", "\x9b", "\u202e", "\x00", "\x7f", "[bold]", "[/]", "[@click=app.quit]", "\x1b]52;c;ZXZpbA==\x07",
    "<br>", "=cmd|' /C calc'!A0", "ok"]
HOSTILE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join).filter(lambda t: t.strip())
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def hostile_story(name: str, sentence: str, title: str) -> tuple[Source, Entity, Event]:
    text = f"{title}\n{sentence} {name} {sentence}.\n"
    start = text.index(f" {name} ", len(title)) + 1
    source = Source(id=f"{title[:5]}.txt", path=f"{title[:5]}.txt", abspath="/nowhere/x.txt", text=text,
                    body_start=len(title) + 1, language="en", date="2022-10-19", date_precision="day",
                    title=title, words=5, encoding="utf-8")
    mention = Mention(source.path, source.id, start, start + len(name), name, "person-x")
    entity = Entity("person-x", name, "PERSON", (Variant(name, 1),), (mention,))
    expression = TemporalExpression(source.path, source.id, start, start + len(name), name, "2022-10-18", "day",
                                    sentence=f"{sentence} {name}", sentence_start=len(title) + 1, event="ev-1")
    return source, entity, Event("ev-1", "2022-10-18", "day", (expression,))


def exports_of(source: Source, entity: Entity, event: Event) -> list[ex.Export]:
    return [ex.mentions_export([source], entity), ex.timeline_export([source], [event], note=entity.name),
            ex.entities_export([entity])]


TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@SETTINGS
@given(name=HOSTILE, sentence=HOSTILE, title=HOSTILE)
def test_hostile_csv_reads_back_guarded(name, sentence, title):
    for export in exports_of(*hostile_story(name, sentence, title)):
        text, _ = written(export, "csv")
        rows = read_csv(text)
        assert rows[1:] == expected_cells(export)
        for cell in (c for row in rows[1:] for c in row):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
            assert not TERMINAL_CONTROLS.search(cell.replace("\r\n", "")), cell
        assert any(cell in (neutralise(name), "'" + neutralise(name)) for cell in rows[1])


@SETTINGS
@given(name=HOSTILE, sentence=HOSTILE, title=HOSTILE)
def test_hostile_json_is_exact_and_prints_nothing_a_terminal_obeys(name, sentence, title):
    for export in exports_of(*hostile_story(name, sentence, title)):
        text, _ = written(export, "json")
        assert not TERMINAL_CONTROLS.search(text)
        assert json.loads(text)[export.key] == json.loads(json.dumps(list(export.records)))
    mentions = json.loads(written(exports_of(*hostile_story(name, sentence, title))[0], "json")[0])
    assert mentions["mentions"][0]["text"] == name and mentions["entity"]["name"] == name


@SETTINGS
@given(name=HOSTILE, sentence=HOSTILE, title=HOSTILE)
def test_hostile_markdown_keeps_its_table(name, sentence, title):
    for export in exports_of(*hostile_story(name, sentence, title)):
        text, _ = written(export, "md")
        assert not TERMINAL_CONTROLS.search(text)
        lines = text.split("\n")
        assert lines[0] == "# " + ex.markdown_text(export.title)
        table = [line for line in lines if line.startswith("|")]
        assert len(table) == 2 + len(export.records)
        for line, record in zip(table[2:], export.records, strict=True):
            cells = markdown_cells(line)
            assert len(cells) == len(export.columns)
            for cell, column in zip(cells, export.columns, strict=True):
                value = ex._cell(record, column)
                assert cell == (str(value) if isinstance(value, int) else neutralise(value).replace("\r\n", "\n"))


@SETTINGS
@given(name=HOSTILE, sentence=HOSTILE, title=HOSTILE)
def test_hostile_ics_is_valid(name, sentence, title):
    source, entity, event = hostile_story(name, sentence, title)
    text, result = written(ex.timeline_export([source], [event]), "ics")
    events = parse_ics(text)
    assert result.rows == len(events) == 1
    assert neutralise(" ".join(sentence.split())) in events[0]["SUMMARY"] or events[0]["SUMMARY"].endswith("…")
    assert neutralise(" ".join(title.split())) in events[0]["DESCRIPTION"]


# --- files ------------------------------------------------------------------------------------------------

@pytest.fixture
def small_export(seeds_story) -> ex.Export:
    return ex.entities_export(seeds_story.entities[:3])


def test_a_file_is_never_written_inside_the_story(tmp_path, small_export):
    story = tmp_path / "story"
    (story / "sub").mkdir(parents=True)
    article = story / "a.txt"
    article.write_text("x")
    (tmp_path / "link").symlink_to(story / "sub")
    elsewhere = tmp_path / "outside.txt"
    elsewhere.symlink_to(article)
    source = Source("a.txt", "a.txt", str(article), "x", 0, "en", None, None, "x", 1, "utf-8")
    for target in (story / "out.csv", story / "sub" / "out.csv", tmp_path / "link" / "out.csv", article):
        with pytest.raises(ex.ExportError, match="inside the story"):
            ex.write_file(small_export, "csv", target, [story])
    with pytest.raises(ex.ExportError, match="inside the story"):  # a file given as the story, through a link
        ex.write_file(small_export, "csv", elsewhere, [article], force=True)
    with pytest.raises(ex.ExportError, match="inside the story"):  # a source reached by a followed link
        ex.write_file(small_export, "csv", elsewhere, [tmp_path / "other"], [source], force=True)
    assert sorted(p.name for p in story.rglob("*")) == ["a.txt", "sub"]


def test_a_file_is_new_or_forced_and_whole(tmp_path, small_export):
    target = tmp_path / "out.csv"
    result = ex.write_file(small_export, "csv", target, [SEEDS])
    assert result.path == str(target) and result.rows == 3
    assert read_csv(target.read_text(encoding="utf-8"))[1:] == expected_cells(small_export)
    with pytest.raises(ex.ExportError, match="exists; use --force"):
        ex.write_file(small_export, "json", target, [SEEDS])
    assert target.read_text(encoding="utf-8").startswith("id,name")  # untouched
    ex.write_file(small_export, "json", target, [SEEDS], force=True)
    assert json.loads(target.read_text(encoding="utf-8"))["entities"][0]["id"] == small_export.records[0]["id"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temporary file left
    with pytest.raises(ex.ExportError, match="there is no folder"):
        ex.write_file(small_export, "csv", tmp_path / "missing" / "x.csv", [SEEDS])
    with pytest.raises(ex.ExportError, match="is a folder"):
        ex.write_file(small_export, "csv", tmp_path, [SEEDS])


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_folder_that_cannot_be_written_is_said(tmp_path, small_export):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(ex.ExportError, match="cannot write in"):
        ex.write_file(small_export, "csv", locked / "x.csv", [SEEDS])


# --- the command ------------------------------------------------------------------------------------------

def storyview(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)})


def test_cli_mentions_to_stdout_and_timeline_to_a_file(tmp_path, seeds_story, vrublevsky):
    run = storyview("export", "mentions", "Wrublewskiego", "--format", "csv")
    assert run.returncode == 0, run.stderr
    rows = read_csv(run.stdout)
    assert rows[0] == list(ex.MENTION_COLUMNS) and len(rows) == 11
    assert "taken as" not in run.stderr  # a spelling of the story names the entity exactly
    target = tmp_path / "chronology.ics"
    run = storyview("export", "timeline", str(SEEDS), "-o", str(target))
    assert run.returncode == 0 and run.stdout == ""
    assert re.fullmatch(rf"storyview: wrote \d+ events \(\d+ without a day skipped\) to {re.escape(str(target))}\n",
                        run.stderr)
    parse_ics(target.read_bytes().decode("utf-8"))
    again = storyview("export", "timeline", str(SEEDS), "-o", str(target))
    assert again.returncode == 2 and again.stderr == f"storyview: {target} exists; use --force to overwrite it\n"
    forced = storyview("export", "entities", "-o", str(target), "--force", "--format", "md")
    assert forced.returncode == 0 and target.read_text(encoding="utf-8").startswith("# Entities")


def test_cli_errors_are_one_line(tmp_path):
    for args, message in (
            (("export",), "export what? one of mentions, timeline, entities"),
            (("export", "mentions", "Nobody Atall Zzz"), "no entity is named or spelled like"),
            (("export", "timeline", "-o", str(SEEDS / "x.csv")), "inside the story"),
            (("export", "timeline", "-o", str(tmp_path / "no" / "x.csv")), "there is no folder"),
            (("export", "entities", "-o", str(tmp_path / "x.ics")), "cannot be written as iCalendar")):
        run = storyview(*args)
        assert run.returncode == 2, args
        assert run.stderr.startswith("storyview: ") and message in run.stderr and run.stderr.count("\n") == 1, \
            run.stderr
        assert "Traceback" not in run.stderr
    assert not (SEEDS / "x.csv").exists()


def test_cli_a_search_match_is_said(tmp_path):
    run = storyview("export", "mentions", "Wrub", "--format", "json")
    assert run.returncode == 0
    assert run.stderr == "storyview: 'Wrub' taken as Petro Vrublevsky (the best search match)\n"
    assert json.loads(run.stdout)["entity"]["name"] == "Petro Vrublevsky"
