"""Saved web pages, feeds and exports: each read into sources with their own text, title, date and outlet;
bad parts named with their line or item; the same articles found as in their .txt twins."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

import tui
from tui.engine import formats
from tui.engine.loading import load_sources

ROOT = Path(__file__).resolve().parent.parent
WEB, WEB_TXT = ROOT / "tests" / "data" / "web", ROOT / "tests" / "data" / "web_txt"


@pytest.fixture(scope="module")
def web_story():
    return tui.load(WEB, judgements=False)


@pytest.fixture(scope="module")
def txt_story():
    return tui.load(WEB_TXT, judgements=False)


def test_every_page_feed_item_and_record_is_a_source_with_its_date_and_outlet(web_story):
    got = {s.id: (s.language, s.date, s.date_precision, s.outlet, s.format, s.extracted) for s in web_story.sources}
    assert got == {
        "01_harbourpost_galati-barge.html": ("en", "2025-04-07", "day", "The Harbour Post", "html", True),
        "02_riverwire_dredging.html": ("en", "2025-04-08", "day", "River Wire", "html", True),
        "03_donaukurier_getreidekahn.html": ("de", "2025-04-08", "day", "Donaukurier Online", "html", True),
        "04_gazeta_barka.html": ("pl", "2025-04-09", "day", "Gazeta Nadwiślańska", "html", True),
        "05_visnyk_barzha.html": ("uk", "2025-04-07", "day", "Південний вісник", "html", True),
        "06_ostseeblatt_baggern.htm": ("de", "2025-04-10", "day", "Ostsee-Blatt", "html", True),
        "07_danubedaily.rss#1": ("en", "2025-04-09", "day", "Danube Shipping Daily", "feed", True),
        "07_danubedaily.rss#2": ("en", "2025-04-11", "day", "Danube Shipping Daily", "feed", True),
        "08_export.jsonl#1": ("pl", "2025-04-10", "day", "Agencja Rzeczna", "jsonl", True),
        "08_export.jsonl#3": ("uk", "2025-04-12", "day", "Річковий портал", "jsonl", True),
        # no metadata: the date from a dateline or a visible label, the outlet from the title, logo or ©
        "09_labsky_privoz.htm": ("cs", "2025-03-12", "day", "Labský zpravodaj", "html", True),
        "10_northbank_silos.html": ("en", "2025-03", "month", "Northbank Chronicle", "html", True),
        "11_kurier_san.html": ("pl", "2025-03-12", "day", "Kurier Nadsański", "html", True),
        "12_elbbote_faehre.html": ("de", "2025-03-12", "day", "Elbbote", "html", True),
        "13_tidewire.rss#1": ("en", "2025-03-10", "day", "Tide Wire", "feed", True),
        "13_tidewire.rss#2": ("de", "2025-03-11", "day", "Tide Wire", "feed", True),
        "13_tidewire.rss#3": ("pl", "2025-03-12", "day", "Tide Wire", "feed", True),
    }
    assert [(s.path, s.reason[:27]) for s in web_story.skipped] == [("08_export.jsonl#2", "line 2: not valid JSON (Unt")]


def test_the_extracted_text_is_the_article_without_the_page_around_it(web_story):
    twins = dict(zip([s.id for s in web_story.sources], sorted(WEB_TXT.glob("*.txt")), strict=True))
    for source in web_story.sources:
        if source.format not in ("html", "feed"):
            continue
        twin = twins[source.id].read_text(encoding="utf-8").split("\n", 1)[1]
        assert source.text.split() == twin.split(), source.id  # every word, in order, and no other
        for boilerplate in ("cookie", "Cookies", "Komentarze", "Kommentare", "Share on", "©", "Flussfreund",
                            "czytelnik78", "Погоджуюсь", "Meistgelesen",
                            # a table layout's menu, counter, comments, form and newsletter box
                            "Archiv", "Přečteno", "Pepa", "Jméno", "Odběr", "|",
                            # a comment teased above a gallery; a pull-quote; a feed item's share line,
                            # related links, "more at" line and "appeared first on" footer
                            "riverrat22", "Reply", "Share this", "Related", "Teilen", "Podobne",
                            "appeared first", "erschien zuerst", "pojawił się", "tidewire.example"):
            assert boilerplate not in source.text, (source.id, boilerplate)


def test_names_and_dates_are_found_as_in_the_same_articles_as_txt(web_story, txt_story):
    def found(story, by_number):
        mentions = {(by_number[m.source_id], m.text) for e in story.entities for m in e.mentions}
        dates = {(by_number[t.source_id], t.text, t.date) for t in story.timeline}
        return mentions, dates

    web_numbers = {s.id: n for n, s in enumerate(web_story.sources, 1)}
    txt_numbers = {s.id: n for n, s in enumerate(txt_story.sources, 1)}
    assert [s.title for s in web_story.sources] == [s.title for s in txt_story.sources]
    assert found(web_story, web_numbers) == found(txt_story, txt_numbers)


def test_offsets_point_into_the_text_that_storyview_text_prints(web_story):
    for entity in web_story.entities:
        for mention in entity.mentions:
            source = next(s for s in web_story.sources if s.id == mention.source_id)
            assert source.text[mention.start:mention.end] == mention.text
    out = subprocess.run([sys.executable, "-m", "tui.cli", "text", "07_danubedaily.rss#2", str(WEB)],
                         capture_output=True, cwd=ROOT, timeout=120)
    source = next(s for s in web_story.sources if s.id == "07_danubedaily.rss#2")
    assert out.returncode == 0 and out.stdout.decode("utf-8") == source.text
    listed = subprocess.run([sys.executable, "-m", "tui.cli", "sources", "--json", str(WEB)], capture_output=True,
                            cwd=ROOT, timeout=120)
    first = json.loads(listed.stdout)["sources"][0]
    assert (first["outlet"], first["format"], first["extracted"]) == ("The Harbour Post", "html", True)
    missing = subprocess.run([sys.executable, "-m", "tui.cli", "text", "no-such-id", str(WEB)], capture_output=True,
                             cwd=ROOT, timeout=120)
    assert missing.returncode == 2 and b"Traceback" not in missing.stderr and b"no-such-id" in missing.stderr


def test_markup_and_escapes_in_a_page_are_text_never_obeyed(tmp_path):
    (tmp_path / "evil.html").write_text(
        "<html><head><title>Evil</title><meta http-equiv='refresh' content='0;url=file:///etc/passwd'>"
        "<link rel='stylesheet' href='file:///etc/passwd'></head><body><article><h1>Quiet harbour</h1>"
        "<p>The mayor, Jonas Petrauskas, said [bold red]nothing[/] happened \x1b]0;pwned\x07 at all today.</p>"
        "<script>document.write('Injected paragraph from a script')</script>"
        "<iframe src='file:///etc/passwd'></iframe><p>The port stays open through the whole of the winter.</p>"
        "</article></body></html>", encoding="utf-8")
    sources, skipped = load_sources([tmp_path])
    text = sources[0].text
    assert "[bold red]nothing[/]" in text and "Injected" not in text and "root:" not in text
    assert "\x1b" not in text and "\ufffd]0;pwned\ufffd" in text


def test_a_feed_in_rfc_dates_and_atom(tmp_path):
    (tmp_path / "a.atom").write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Kyiv Ledger</title>'
        '<entry><title>Ferry resumes</title><updated>2024-11-03T23:30:00-05:00</updated>'
        '<content type="html">&lt;p&gt;The ferry to Tulcea ran again on Sunday, said Ana Popa.&lt;/p&gt;</content>'
        '</entry><entry><title>Only a title</title></entry></feed>', encoding="utf-8")
    sources, skipped = load_sources([tmp_path])
    assert [(s.id, s.date, s.outlet) for s in sources] == [("a.atom#1", "2024-11-03", "Kyiv Ledger")]
    assert sources[0].text == "Ferry resumes\n\nThe ferry to Tulcea ran again on Sunday, said Ana Popa.\n"
    assert [s.path for s in skipped] == ["a.atom#2"] and "item 2: no text" in skipped[0].reason


def test_a_csv_export_with_semicolons_a_month_date_and_a_broken_record(tmp_path):
    (tmp_path / "export.csv").write_text(
        "Headline;Date;Body;Outlet\n"
        "Bridge reopens;2023-07;The bridge over the Prut reopened, the mayor Ion Rusu said.;Prut Weekly\n"
        ";;;\n"
        "No text here;2023-07-02;;Prut Weekly\n", encoding="utf-8")
    sources, skipped = load_sources([tmp_path])
    assert [(s.id, s.date, s.date_precision, s.outlet, s.title) for s in sources] == [
        ("export.csv#1", "2023-07", "month", "Prut Weekly", "Bridge reopens")]
    assert [(s.path, s.reason.split(":")[0]) for s in skipped] == [("export.csv#3", "record 3 (line 4)")]


@pytest.mark.parametrize("value, expected", [
    ("2024-03-05", ("2024-03-05", "day")), ("2024-03", ("2024-03", "month")),
    ("2024-03-05T23:59:00+05:00", ("2024-03-05", "day")), ("Tue, 05 Mar 2024 08:00:00 GMT", ("2024-03-05", "day")),
    ("05.03.2024", ("2024-03-05", "day")), ("2024/3/5", ("2024-03-05", "day")), (1709596800, ("2024-03-05", "day")),
    ("2024-02-30", (None, None)), ("yesterday", (None, None)), (True, (None, None)), ("١٢٣٤-٠١-٠١", (None, None)),
])
def test_record_dates(value, expected):
    assert formats.parse_date(value) == expected


def test_a_jsonl_export_full_of_bad_lines_names_each_and_loads_the_rest(tmp_path):
    lines = ['{"title": "Good", "text": "The port of Reni reopened on Monday, officials said."}', "[1, 2]", "{bad",
             "[" * 100_000, '{"title": "No text"}', '"just a string"', "",
             '{"content": "<p>Second <b>good</b> one about the Danube delta.</p>", "site_name": "Delta News"}']
    (tmp_path / "x.jsonl").write_text("\n".join(lines), encoding="utf-8")
    sources, skipped = load_sources([tmp_path])
    assert [s.id for s in sources] == ["x.jsonl#1", "x.jsonl#8"]
    assert sources[1].text == "Second good one about the Danube delta.\n" and sources[1].outlet == "Delta News"
    assert [s.path for s in skipped] == [f"x.jsonl#{n}" for n in (2, 3, 4, 5, 6)]
    assert all(s.reason.startswith(f"line {s.path.split('#')[1]}:") for s in skipped)


@pytest.mark.parametrize("name, content, reason", [
    ("broken.html", b"<html><body><div><p>\x00\x00\x00", "binary"),
    ("empty.html", b"<html><head><title></title></head><body><script>var a = 1;</script></body></html>",
     "no article text"),
    ("blank.htm", b"   \n", "empty file"),
    ("notes.xml", b"<?xml version='1.0'?><notes><note>hi</note></notes>", "a feed with no items"),
    ("broken.rss#1", b"<rss><channel><title>T</title><item><title>A", "item 1: no text"),
    ("page.mhtml", b"From: nobody\nMIME-Version: 1.0\nContent-Type: text/plain\n\nno html", "no HTML part"),
    ("image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (PNG image)"),
    ("nohead.csv", b"a,b,c\n1,2,3\n", "no text column"),
])
def test_a_bad_file_is_skipped_with_a_reason_and_the_rest_loads(tmp_path, name, content, reason):
    (tmp_path / name.split("#")[0]).write_bytes(content)
    (tmp_path / "good.txt").write_text("The ferry crossed the Danube at Isaccea on Monday.\n", encoding="utf-8")
    sources, skipped = load_sources([tmp_path])
    assert [s.id for s in sources] == ["good.txt"]
    assert len(skipped) == 1 and skipped[0].path == name and reason in skipped[0].reason, skipped


def test_a_saved_mhtml_page_is_read(tmp_path):
    html = ("<html lang='en'><head><meta property='og:site_name' content='Delta Times'></head><body><article>"
            "<h1>Pelicans return to the delta</h1><p>Ornithologist Maria Lungu counted four hundred pelicans near "
            "Sulina this week, twice as many as last spring.</p></article></body></html>")
    (tmp_path / "saved.mhtml").write_text(
        "From: <Saved by a browser>\nMIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"XX\"\n\n"
        "--XX\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        + html.replace("=", "=3D") + "\n--XX--\n", encoding="utf-8")
    sources, _ = load_sources([tmp_path])
    assert [(s.outlet, s.format, s.title) for s in sources] == [("Delta Times", "mhtml", "Pelicans return to the delta")]
    assert "Maria Lungu" in sources[0].text


def test_a_feed_of_ten_thousand_items_loads_every_item(tmp_path):
    items = "".join(f"<item><title>Item {n}</title><description>Barge {n} passed Galati on the river."
                    "</description></item>" for n in range(10_000))
    (tmp_path / "big.rss").write_text(f"<rss><channel><title>Big</title>{items}</channel></rss>", encoding="utf-8")
    started = time.monotonic()
    sources, skipped = load_sources([tmp_path])
    assert len(sources) == 10_000 and not skipped and sources[-1].id == "big.rss#10000"
    print(f"10,000 feed items read in {time.monotonic() - started:.1f} s")  # a figure, not an assertion


def test_outlets_of_text_files_from_a_dateline_or_the_folder(tmp_path):
    (tmp_path / "wire.txt").write_text("Barge freed\n\nGALATI, April 7 (Riverside Wire) - A barge was freed.\n",
                                       encoding="utf-8")
    (tmp_path / "tass.txt").write_text("МОСКВА, 7 апреля. /Агентство Х/. Баржу сняли с мели.\n", encoding="utf-8")
    (tmp_path / "delta_weekly").mkdir()
    (tmp_path / "delta_weekly" / "a.txt").write_text("Pelicans came back to Sulina this spring.\n", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("The mayor (who spoke briefly) said little about it.\n", encoding="utf-8")
    sources, _ = load_sources([tmp_path])
    assert {s.id: (s.outlet, s.outlet_from) for s in sources} == {
        "delta_weekly/a.txt": ("delta_weekly", "folder"), "plain.txt": ("", ""),
        "tass.txt": ("Агентство Х", "dateline"), "wire.txt": ("Riverside Wire", "dateline")}


def test_a_footer_repeated_by_one_outlet_is_its_boilerplate(tmp_path):
    footer = "Subscribers of the Delta Courier can read every article in the archive from 1990 onwards."
    bodies = ["The ferry to Sulina ran again on Monday after a week of storms on the coast.\n\nThe harbour master "
              "said the crossing had been calm and that the timetable would hold for the rest of the month.",
              "Fishermen in Jurilovca said the catch of carp this spring was the best in years.\n\nThey sold most "
              "of it at the market in Tulcea, where prices rose for the first time since the autumn."]
    for outlet in ("Delta Courier", ""):  # the same two articles, with and without their outlet
        folder = tmp_path / (outlet or "none")
        folder.mkdir()
        for n, body in enumerate(bodies):
            (folder / f"{n}.jsonl").write_text(json.dumps({"text": f"{body}\n\n{footer}", "outlet": outlet}) + "\n",
                                               encoding="utf-8")
        sources, _ = load_sources([folder])
        marked = [any(s.text[a:b].strip() == footer for a, b in s.boilerplate) for s in sources]
        assert marked == [bool(outlet)] * 2, outlet


def test_the_parsers_are_imported_only_when_a_story_has_such_a_file():
    code = ("import sys, tui; tui.load(judgements=False); "
            "print(sorted(m for m in ('trafilatura', 'feedparser', 'htmldate') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr
