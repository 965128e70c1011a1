"""What a page or feed item carries besides its article, read apart from it: feed-item clutter in any
language, an outlet named only in the title, a partial or visible date, a pull-quote, a data table."""

from __future__ import annotations

import tui
from tui.engine import formats
from tui.engine.loading import _decode


def page(html: str) -> formats.Record:
    record = formats._read_page(html)
    assert isinstance(record, formats.Record), record
    return record


BODY = ("<p>The harbour master of Porto Vell, Inés Roca, said on Tuesday that the new breakwater had held through "
        "the first winter storm without damage.</p><p>Fishing boats stayed in port for two days while waves reached "
        "six metres, she told reporters at the quay.</p><p>The works cost eleven million euros and were finished "
        "in October after three years.</p>")


def test_an_atom_item_in_french_loses_its_share_line_and_footer_but_keeps_a_link_inside_a_sentence():
    content = ("<p>Le port de Sète a rouvert jeudi après la tempête, a indiqué la capitaine Claire Martin.</p>"
               "<p>Les chiffres sont publiés sur <a href='/x'>le site de la région</a> chaque lundi matin.</p>"
               "<p>Partager : <a href='#'>Facebook</a> <a href='#'>Twitter</a></p>"
               "<p>L’article <a href='/a'>Le port de Sète rouvre</a> est apparu en premier sur "
               "<a href='/'>Gazette du Golfe</a>.</p>")
    feed = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette du Golfe</title>'
            '<entry><title>Le port de Sète rouvre</title><updated>2024-02-01T09:00:00+01:00</updated>'
            '<content type="html">' + content.replace("&", "&amp;").replace("<", "&lt;") + "</content></entry></feed>")
    record = formats.read_records(formats.FEED, feed.encode("utf-8"), _decode).records[0]
    assert isinstance(record, formats.Record)
    assert "le site de la région chaque lundi matin." in record.text
    assert "Partager" not in record.text and "apparu en premier" not in record.text


def test_the_outlet_from_the_title_suffix_and_the_title_without_it():
    record = page("<html><head><title>Breakwater holds in first storm – Costa Ledger</title></head><body>"
                  "<nav><a href='/'>Home</a></nav><article><h1>Breakwater holds in first storm</h1>" + BODY
                  + "</article></body></html>")
    assert (record.title, record.outlet) == ("Breakwater holds in first storm", "Costa Ledger")
    assert record.text.count("Breakwater holds") == 1


def test_the_outlet_from_the_copyright_line_when_the_title_has_none():
    record = page("<html><head><title>Breakwater holds in first storm</title></head><body><article>"
                  "<h1>Breakwater holds in first storm</h1>" + BODY + "</article>"
                  "<footer>Copyright © 2024 Costa Ledger Media Group. All rights reserved.</footer></body></html>")
    assert record.outlet == "Costa Ledger"


def test_a_month_only_json_ld_date_and_a_visible_published_label():
    month = page('<html><head><script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
                 '"headline": "Breakwater holds", "datePublished": "2023-11"}]}</script></head><body><article>'
                 "<h1>Breakwater holds</h1>" + BODY + "</article></body></html>")
    assert (month.date, month.date_precision) == ("2023-11", "month")
    label = page('<html lang="en"><head><title>Breakwater holds</title></head><body><article><h1>Breakwater holds'
                 "</h1><div class='meta'>Published: 14 January 2024</div>" + BODY + "</article></body></html>")
    assert (label.date, label.date_precision) == ("2024-01-14", "day")
    assert "Published" not in label.text


def test_a_dateline_gives_the_date_and_stays_in_the_text():
    record = page('<html lang="en"><body><article><h1>Breakwater holds</h1><p>PORTO VELL, 3 March 2024 – The '
                  "harbour master said the new breakwater had held through the storm without damage.</p>"
                  + BODY + "</article></body></html>")
    assert record.date == "2024-03-03" and "PORTO VELL, 3 March 2024" in record.text


def test_a_pull_quote_repeating_the_text_is_dropped():
    record = page("<html><body><article><h1>Breakwater holds</h1>" + BODY.replace(
        "<p>Fishing", "<aside class='pullquote'><p>the new breakwater had held through the first winter storm "
        "without damage</p></aside><p>Fishing") + "</article></body></html>")
    assert record.text.count("without damage") == 1


def test_a_data_table_is_still_read_as_a_table():
    record = page("<html><body><article><h1>Storm readings</h1>" + BODY + "<table><tr><th>Port</th><th>Waves</th>"
                  "</tr><tr><td>Porto Vell</td><td>six metres</td></tr><tr><td>Cala Nova</td><td>four metres</td>"
                  "</tr></table></article></body></html>")
    assert "Cala Nova" in record.text and "four metres" in record.text


def test_a_page_library_that_cannot_be_imported_skips_the_file_with_a_reason(tmp_path, monkeypatch):
    # a broken install (as lxml 6 without lxml_html_clean made trafilatura): the page is named, nothing raises
    import builtins

    real_import = builtins.__import__

    def failing(name, *args, **kwargs):
        if name == "trafilatura":
            raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean.\nInstall it.")
        return real_import(name, *args, **kwargs)

    (tmp_path / "page.html").write_text("<html><body><article><p>Ein Text über den Hafen in Galați und "
                                        "die Schiffe, die dort am Montag lagen.</p></article></body></html>",
                                        encoding="utf-8")
    (tmp_path / "note.txt").write_text("The port of Galați reopened on Monday.\n", encoding="utf-8")
    monkeypatch.setattr(builtins, "__import__", failing)
    story = tui.load(tmp_path)
    assert [s.path for s in story.sources] == ["note.txt"]
    reasons = [s.reason for s in story.skipped]
    assert any("library it needs is missing" in r and "lxml_html_clean" in r for r in reasons), reasons
