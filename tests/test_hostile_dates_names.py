"""Hostile input, round two (issue 10), classes 3 and 4: dates at the edges of the calendar, and names and
queries that are not valid UTF-8.

  * Date arithmetic that leaves years 1-9999 gives an unresolved expression with a note, never an error;
    one source that still fails leaves the chronology of the others (a warning on it), and nothing of the
    kind happens on a normal story.
  * Every JSON output is valid UTF-8 JSON whatever the file names (a name that is not UTF-8 is written with
    \\xNN escapes, and `path_bytes` gives its raw bytes in base64); tables never fail on such names; any
    str is a query (search never raises, its JSON is valid UTF-8).

Every test runs under a hang guard (SIGALRM, 60 s) or a subprocess timeout.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui
from tui.engine import chronology, dates
from tui.engine.chronology import OUTSIDE_CALENDAR, find_expressions, interval
from tui.engine.model import Source, json_text, path_bytes
from tui.engine.search import MAX_QUERY_CHARS, clean_query

ROOT = Path(__file__).resolve().parent.parent
HANG_GUARD_S = 60  # a hang fails the test instead of blocking the suite; no test asserts timings


@pytest.fixture(autouse=True)
def hang_guard():
    def hung(signum, frame):
        raise TimeoutError(f"no answer within {HANG_GUARD_S} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_GUARD_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def make_source(body: str, date: str | None, language: str = "en", sid: str = "s1") -> Source:
    header = f" date {date} " if date else ""
    precision = None if date is None else ("day" if len(date) == 10 else "month")
    return Source(id=sid, path=f"{sid}.txt", abspath=f"/tmp/{sid}.txt", text=header + body, body_start=len(header),
                  language=language, date=date, date_precision=precision, title="", words=len(body.split()),
                  encoding="utf-8")


def run_cli(*args: bytes | str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The CLI of this tree, arguments as bytes (a name that is not UTF-8 reaches argv as such)."""
    argv = [os.fsencode(sys.executable), b"-m", b"tui.cli", *(os.fsencode(a) for a in args)]
    full_env = {k: v for k, v in os.environ.items() if k != "STORYVIEW_DEBUG"}
    full_env.update(env or {})
    full_env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(argv, capture_output=True, cwd=cwd, env=full_env, timeout=120, check=False)


# --- class 3: dates at the edges of the calendar -------------------------------------------------------------

# (article date, sentence, language): every one of these resolves to a day, month or year before 0001 or
# after 9999; each raised OverflowError or ValueError before (and `timeline` exited 1).
OUTSIDE = [
    ("9999-12-31", "The summit will be held tomorrow.", "en"),
    ("0001-01-01", "They met in December.", "en"),
    ("9999-12", "They will meet next year.", "en"),
    ("9999-12", "They will meet next month.", "en"),
    ("0001-01", "They met last month.", "en"),
    ("9999-12-31", "They will meet next week.", "en"),
    ("9999-12-31", "They meet this week.", "en"),  # Monday 9999-12-27, Sunday would be 10000-01-02
    ("0001-01-01", "They met last week.", "en"),
    ("0001-01-01", "They met on Sunday.", "en"),  # 0001-01-01 is a Monday
    ("9999-12-31", "They will meet on Saturday.", "en"),  # 9999-12-31 is a Friday
    ("0001-01-01", "They met yesterday.", "en"),
    ("0001-01-01", "They met the day before yesterday.", "en"),
    ("9999-12-31", "They will meet on January 5.", "en"),
    ("9999-12-31", "They will meet on Friday, January 7.", "en"),
    ("0001-01-01", "They met on December 25.", "en"),
    ("0001-01-01", "They met in mid-December.", "en"),
    ("9999-12-15", "They could meet in January.", "en"),  # a modal: both readings are computed
    ("0001-03-10", "They met in February last year.", "en"),
    ("9998-03-01", "The vote will take place on February 29.", "en"),  # the next 29 February: 10000
    ("0001-01-01", "Spotkali się w grudniu.", "pl"),
    ("9999-12-31", "Sie treffen sich morgen.", "de"),
    ("0001-01-01", "Ils se sont rencontrés en décembre.", "fr"),
]


@pytest.mark.parametrize(("date", "body", "language"), OUTSIDE)
def test_date_arithmetic_outside_the_calendar_is_unresolved_with_a_note(date, body, language):
    (e,) = find_expressions(make_source(body, date, language))
    assert (e.date, e.precision) == (None, "unresolved")
    assert e.note.startswith(OUTSIDE_CALENDAR) and date in e.note
    json.dumps(e.to_json())


def test_the_edges_themselves_still_resolve():
    # not hostile: the last and first days of the calendar are dates like any other
    got = [(e.text, e.date, e.precision) for date, body in (
        ("9999-12-31", "They met last year."), ("9999-12-31", "They meet today."),
        ("0001-01-01", "They will meet tomorrow."), ("0001-01-01", "They will meet next month."))
        for e in find_expressions(make_source(body, date))]
    assert got == [("last year", "9998", "year"), ("today", "9999-12-31", "day"),
                   ("tomorrow", "0001-01-02", "day"), ("next month", "0001-02", "month")]


_PHRASES = ("yesterday", "today", "tomorrow", "the day before yesterday", "the day after tomorrow", "last week",
            "this week", "next week", "earlier this week", "last month", "next month", "late last month",
            "last year", "next year", "in January", "in December", "in August last year", "next May",
            "on Monday", "on Sunday", "last Friday", "next Saturday", "on January 1", "on December 31",
            "on February 29", "by Friday", "since March")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(year=st.sampled_from([1, 2, 3, 9997, 9998, 9999]), month=st.integers(1, 12), day=st.integers(1, 28),
       month_only=st.booleans(), phrase=st.sampled_from(_PHRASES),
       verb=st.sampled_from(["They met", "They will meet", "They could meet", "They meet"]))
def test_property_no_date_near_the_edges_raises(year, month, day, month_only, phrase, verb):
    date = f"{year:04d}-{month:02d}" + ("" if month_only else f"-{day:02d}")
    source = make_source(f"{verb} {phrase}. Then {phrase} again.", date)
    timeline, events = chronology.build_timeline([source], {})
    for e in timeline:
        if e.date is None:
            assert e.precision in ("unresolved", "vague")
        else:
            lo, hi = interval(e.date, e.precision)
            assert dates.MIN_YEAR <= lo.year <= hi.year <= dates.MAX_YEAR
    assert sum(len(ev.expressions) for ev in events) == len(timeline)


def edge_story(folder: Path) -> Path:
    """A story whose every file but one is dated at an edge of the calendar."""
    folder.mkdir(parents=True, exist_ok=True)
    filler = ("The ministers of both countries discussed trade, energy and the border. The talks were long "
              "and the statement that followed was short. ")
    for i, (date, body, _language) in enumerate(OUTSIDE[:8]):
        (folder / f"edge{i}.txt").write_text(f" date {date}\n{filler}{body}\n", encoding="utf-8")
    (folder / "normal.txt").write_text(f" date 2022-10-20\n{filler}Macron met Scholz in Paris yesterday.\n",
                                       encoding="utf-8")
    return folder


def test_cli_timeline_of_edge_dates_exits_0_with_every_file(tmp_path):
    folder = edge_story(tmp_path / "story")
    result = run_cli("timeline", folder, "--json")
    assert result.returncode == 0, result.stderr
    assert b"internal error" not in result.stderr
    payload = json.loads(result.stdout.decode("utf-8"))
    by_source = {}
    for row in payload["events"]:
        by_source.setdefault(row["source"], []).append(row)
    assert {"edge0.txt", "edge1.txt", "edge2.txt"} <= set(by_source)
    assert any(r["date"] == "2022-10-19" for r in by_source["normal.txt"])
    assert any(r["note"].startswith(OUTSIDE_CALENDAR) for r in by_source["edge0.txt"])
    assert "warnings" not in payload  # nothing failed: the dates are handled, not caught
    tables = run_cli("timeline", folder)
    assert tables.returncode == 0, tables.stderr


def test_one_failing_source_leaves_the_chronology_of_the_others(tmp_path, monkeypatch):
    folder = edge_story(tmp_path / "story")
    real = chronology.find_expressions

    def broken(source, limit=None):
        if source.path == "edge1.txt":
            raise RuntimeError("a bug in one file's dates")
        return real(source, limit)

    monkeypatch.setattr(chronology, "find_expressions", broken)
    monkeypatch.delenv("STORYVIEW_DEBUG", raising=False)
    story = tui.load(folder)
    sources = {e.source for e in story.timeline}
    assert "edge1.txt" not in sources and {"normal.txt", "edge0.txt"} <= sources
    warned = story.source("edge1.txt")
    assert warned is not None and any(w.startswith(chronology.CHRONOLOGY_FAILED) and "RuntimeError" in w
                                      for w in warned.warnings)
    assert not any(s.warnings for s in story.sources if s.id != "edge1.txt")
    payload = story.timeline_json()
    assert [w["source"] for w in payload["warnings"]] == ["edge1.txt"]
    assert any(s["warnings"] for s in story.sources_json()["sources"] if s["path"] == "edge1.txt")

    # with STORYVIEW_DEBUG the bug is not hidden
    monkeypatch.setenv("STORYVIEW_DEBUG", "1")
    with pytest.raises(RuntimeError, match="one file's dates"):
        _ = tui.load(folder).timeline


@pytest.mark.parametrize("folder", ["seeds", "tests/data/heldout", "tests/data/heldout2"])
def test_normal_stories_have_no_chronology_warning(folder, monkeypatch):
    monkeypatch.delenv("STORYVIEW_DEBUG", raising=False)
    if not (ROOT / folder).exists():
        pytest.skip(f"{folder} is not in this checkout")
    story = tui.load(ROOT / folder)
    assert story.timeline
    assert story.chronology_warnings == {}
    assert not any(w.startswith(chronology.CHRONOLOGY_FAILED) for s in story.sources for w in s.warnings)
    assert not any(e.note.startswith(OUTSIDE_CALENDAR) for e in story.timeline)


# --- class 4: names and queries that are not valid UTF-8 -----------------------------------------------------

GOOD = ("Ambasador Petro Wrublewski spotkał się wczoraj w Łodzi z prezydentem Andrzejem Dudą. Rozmawiali o handlu "
        "i o granicy, a potem wydali krótkie oświadczenie.\n")


def bad_names_story(folder: Path) -> Path:
    """A folder with files and a subfolder named with bytes that are not UTF-8, and one good file."""
    raw = os.fsencode(folder)
    os.makedirs(raw, exist_ok=True)
    with open(raw + b"/\xff.txt", "wb") as f:
        f.write(b" date 2022-10-20\n" + GOOD.encode())
    os.makedirs(raw + b"/caf\xe9", exist_ok=True)
    with open(raw + b"/caf\xe9/\xfe\xfd.txt", "wb") as f:
        f.write(b" date 2022-10-19\n" + GOOD.replace("Łodzi", "Warszawie").encode())
    with open(raw + b"/\xfe.pdf", "wb") as f:  # skipped: its name goes into "skipped"
        f.write(b"%PDF-1.4")
    (folder / "good.txt").write_text(" date 2022-10-18\n" + GOOD, encoding="utf-8")
    return folder


STRICT_ENVS = [{"LC_ALL": "C.UTF-8"}, {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"}]
RAW_NAMES = {b"\xff.txt", b"caf\xe9/\xfe\xfd.txt"}


def strict_json(result: subprocess.CompletedProcess) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.decode("utf-8", "strict"))


@pytest.mark.parametrize("env", STRICT_ENVS, ids=["C.UTF-8", "strict-stdout"])
def test_json_of_names_not_utf8_is_valid_utf8(tmp_path, env):
    folder = bad_names_story(tmp_path / "story")
    sources = strict_json(run_cli("sources", folder, "--json", env=env))
    by_path = {s["path"]: s for s in sources["sources"]}
    assert set(by_path) == {"\\xff.txt", "caf\\xe9/\\xfe\\xfd.txt", "good.txt"}
    assert "path_bytes" not in by_path["good.txt"]
    assert {base64.b64decode(s["path_bytes"]) for p, s in by_path.items() if p != "good.txt"} == RAW_NAMES
    assert all(s["id"] == s["path"] for s in sources["sources"])
    (skipped,) = sources["skipped"]
    assert skipped["path"] == "\\xfe.pdf" and base64.b64decode(skipped["path_bytes"]) == b"\xfe.pdf"
    # every file's bytes can be found again from path_bytes
    for s in sources["sources"]:
        raw = base64.b64decode(s["path_bytes"]) if "path_bytes" in s else s["path"].encode()
        assert os.path.isfile(os.fsencode(folder) + b"/" + raw)

    entities = strict_json(run_cli("entities", folder, "--json", env=env))
    mention_sources = {m["source"] for e in entities["entities"] for m in e["mentions"]}
    assert mention_sources == set(by_path)
    timeline = strict_json(run_cli("timeline", folder, "--json", env=env))
    assert {r["source"] for r in timeline["events"]} == set(by_path)
    search = strict_json(run_cli("search", "Wrublewski", folder, "--json", env=env))
    assert {m["source"] for m in search["results"][0]["mentions"]} == set(by_path)


@pytest.mark.parametrize("env", STRICT_ENVS, ids=["C.UTF-8", "strict-stdout"])
@pytest.mark.parametrize("command", ["sources", "entities", "timeline", "search"])
def test_tables_of_names_not_utf8(tmp_path, env, command):
    folder = bad_names_story(tmp_path / "story")
    args = ("search", "Wrublewski") if command == "search" else (command,)
    result = run_cli(*args, folder, env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8", "strict")
    if command in ("sources", "search", "timeline"):
        assert "\\xff.txt" in out


@pytest.mark.parametrize("env", STRICT_ENVS, ids=["C.UTF-8", "strict-stdout"])
@pytest.mark.parametrize("query", [b"\xff", b"Wrublewsk\xffi", b"\xffWrublewski", b"Wrublewski \xfe\xfd"])
def test_cli_query_not_utf8(tmp_path, env, query):
    folder = bad_names_story(tmp_path / "story")
    payload = strict_json(run_cli("search", query, folder, "--json", env=env))
    assert payload["query"] == json_text(os.fsdecode(query))
    if query != b"\xff":
        assert payload["results"] and payload["results"][0]["entity"]["name"].startswith("Petro")
    tables = run_cli("search", query, folder, env=env)
    assert tables.returncode == 0, tables.stderr
    tables.stdout.decode("utf-8", "strict")


@pytest.fixture(scope="module")
def small_story(tmp_path_factory):
    return tui.load(bad_names_story(tmp_path_factory.mktemp("names") / "story"))


ODD_QUERIES = ["", " ", "   \t\n  ", "x" * 10_000, "Wrublewski " * 1_000, "!!!?,.;", "\x00", "Wrub\x00lewski",
               "\u0301\u0301\u0301", "\u200fWrublewski\u200e", "\u202eikswelburW", "🙂", "👨‍👩‍👧", "\udcff",
               "Wrub\udcfflewski", "\ud800", "\udfff\ud800", "Врублевский Wrublewski", "ورובלבסקי", "\ufffd",
               "\U0010ffff", "\ufeffWrublewski", "Wrublewski\u2028Duda", "ǅ\u0345\u1e9e", "\x1b[2J\x1b]0;x\x07"]


@pytest.mark.parametrize("query", ODD_QUERIES, ids=range(len(ODD_QUERIES)))
def test_odd_queries_never_raise(small_story, query):
    results = small_story.search(query)
    payload = small_story.search_json(query)
    json.dumps(payload, ensure_ascii=False).encode("utf-8")  # valid UTF-8, or this raises
    assert len(payload["results"]) == len(results)


def test_query_is_cleaned_before_any_analyser():
    assert clean_query("Wrub\udcfflewski") == "Wrublewski"
    assert clean_query("\u200fWrublewski\u200e\x00Duda") == "Wrublewski Duda"
    assert clean_query("Cafe\u0301") == "Café"  # NFC
    assert len(clean_query("ab " * 10_000)) <= MAX_QUERY_CHARS
    assert clean_query("\ufffd\U0010ffff\ue000") == ""


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=()),
                     max_size=60))
def test_property_any_str_is_a_query(small_story, query):
    payload = small_story.search_json(query)
    json.loads(json.dumps(payload, ensure_ascii=False).encode("utf-8").decode("utf-8", "strict"))


@settings(max_examples=300, deadline=None)
@given(name=st.binary(min_size=1, max_size=24).filter(lambda b: b"/" not in b and b"\x00" not in b))
def test_property_any_name_is_written_as_valid_json_and_found_again(name):
    path = os.fsdecode(name)
    written = json_text(path)
    written.encode("utf-8", "strict")
    raw = path_bytes(path)
    if raw is None:
        assert written == path and name == path.encode("utf-8")
    else:
        assert base64.b64decode(raw) == name
    skipped = json.dumps(tui.engine.model.Skipped(path, f"same file as {path}").to_json(), ensure_ascii=False)
    skipped.encode("utf-8", "strict")


def test_api_source_with_surrogates_in_its_text_gives_valid_json():
    # a Source made by hand (the Python API) may hold lone surrogates in its text, not only in its path
    source = make_source("Petro Wrub\udcfflewski met Andrzej Duda in \udcffLodz yesterday.", "2022-10-20", sid="\udcff")
    story = tui.engine.story.build_story([source], [])
    for payload in (story.sources_json(), story.entities_json(), story.timeline_json(), story.search_json("Duda")):
        json.dumps(payload, ensure_ascii=False).encode("utf-8", "strict")
