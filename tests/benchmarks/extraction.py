"""How well saved pages are read: per page of tests/data/web/, the share of the page's boilerplate words
(navigation, cookie banner, related links, comments, footer) kept in the extracted text, and the share of
the article's words (its .txt twin in tests/data/web_txt/) lost — for storyview's reader (trafilatura)
and, where installed, readability-lxml and jusText.

    PYTHONPATH=. python tests/benchmarks/extraction.py [--check]

Words are counted as a multiset of lower-cased letter runs: "kept" counts page words beyond the article's
own that the extraction holds; "lost" counts article words the extraction lacks. --check exits 1 when
storyview's figures are over the issue's bounds (2 % each, over all pages).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
PAGES = {
    "01_harbourpost_galati-barge.html": "01_en_harbourpost.txt",
    "02_riverwire_dredging.html": "02_en_riverwire.txt",
    "03_donaukurier_getreidekahn.html": "03_de_donaukurier.txt",
    "04_gazeta_barka.html": "04_pl_gazetanadwislanska.txt",
    "05_visnyk_barzha.html": "05_uk_pivdennyivisnyk.txt",
    "06_ostseeblatt_baggern.htm": "06_de_ostseeblatt.txt",
    "09_labsky_privoz.htm": "11_cs_labskyzpravodaj.txt",
    "10_northbank_silos.html": "12_en_northbank.txt",
    "11_kurier_san.html": "13_pl_kuriernadsanski.txt",
    "12_elbbote_faehre.html": "14_de_elbbote.txt",
}
# Feed items with their clutter (share lines, related links, "appeared first on"): item number -> twin
FEED_ITEMS = {("13_tidewire.rss", 1): "15_en_tidewire.txt", ("13_tidewire.rss", 2): "16_de_tidewire.txt",
              ("13_tidewire.rss", 3): "17_pl_tidewire.txt"}
BOUND = 0.02
_WORD_RE = re.compile(r"[^\W\d_]+")


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD_RE.findall(text))


def page_html(name: str) -> str:
    from tui.engine.formats import _decode_page
    from tui.engine.loading import _decode

    return _decode_page((DATA / "web" / name).read_bytes(), _decode)[0]


def visible_words(html: str) -> Counter[str]:
    """Every word a reader of the page sees (scripts, styles and metadata left out)."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//head"):
        bad.drop_tree()
    return words(tree.text_content())


def storyview(html: str) -> str:
    from tui.engine.formats import _read_page

    record = _read_page(html)
    return getattr(record, "text", "")


def readability(html: str) -> str:
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    import lxml.html

    return str(lxml.html.fromstring(summary).text_content()) + "\n" + Document(html).short_title()


def justext(html: str) -> str:
    import justext as jt

    # jusText wants a stop-word list per language: its own, for the page's language
    lang = {"en": "English", "de": "German", "pl": "Polish", "uk": "Ukrainian"}
    code = re.search(r'lang="([a-z]{2})', html)
    stoplist = jt.get_stoplist(lang.get(code.group(1) if code else "en", "English"))
    return "\n".join(p.text for p in jt.justext(html.encode("utf-8"), stoplist) if not p.is_boilerplate)


EXTRACTORS: dict[str, Callable[[str], str]] = {"storyview": storyview, "readability-lxml": readability,
                                                "jusText": justext}


def measure(extract: Callable[[str], str]) -> tuple[int, int, int, int, list[str]]:
    kept = boiler = lost = article_total = 0
    rows = []
    for page, txt in PAGES.items():
        html = page_html(page)
        text = (DATA / "web_txt" / txt).read_text(encoding="utf-8").split("\n", 1)[1]
        article, seen, got = words(text), visible_words(html), words(extract(html))
        boilerplate = seen - article
        page_kept = sum(((got - article) & boilerplate).values())
        page_lost = sum((article - got).values())
        kept, boiler = kept + page_kept, boiler + sum(boilerplate.values())
        lost, article_total = lost + page_lost, article_total + sum(article.values())
        rows.append(f"  {page:36} boilerplate kept {page_kept:3}/{sum(boilerplate.values()):3}  "
                    f"article lost {page_lost:3}/{sum(article.values()):3}")
    return kept, boiler, lost, article_total, rows


def measure_feed() -> tuple[int, int, int, int, list[str]]:
    """storyview's reading of feed items: the item's content words beyond the article's are its clutter."""
    import html as html_module

    import feedparser

    from tui.engine.formats import read_records
    from tui.engine.loading import _decode

    kept = boiler = lost = article_total = 0
    rows = []
    for (feed, number), txt in FEED_ITEMS.items():
        data = (DATA / "web" / feed).read_bytes()
        entry = feedparser.parse(data).entries[number - 1]
        raw = entry.get("content", [{}])[0].get("value", "") or entry.get("summary", "")
        seen = words(entry.get("title", "")) + visible_words("<html><body>" + html_module.unescape(raw) + "</body></html>")
        record = read_records("feed", data, _decode).records[number - 1]
        text = (DATA / "web_txt" / txt).read_text(encoding="utf-8").split("\n", 1)[1]
        article, got = words(text), words(getattr(record, "text", ""))
        boilerplate = seen - article
        item_kept, item_lost = sum(((got - article) & boilerplate).values()), sum((article - got).values())
        kept, boiler = kept + item_kept, boiler + sum(boilerplate.values())
        lost, article_total = lost + item_lost, article_total + sum(article.values())
        rows.append(f"  {feed + '#' + str(number):36} boilerplate kept {item_kept:3}/{sum(boilerplate.values()):3}  "
                    f"article lost {item_lost:3}/{sum(article.values()):3}")
    return kept, boiler, lost, article_total, rows


def main(argv: list[str]) -> int:
    failed = False
    for name, extract in EXTRACTORS.items():
        try:
            kept, boiler, lost, total, rows = measure(extract)
        except ImportError as exc:
            print(f"{name}: not installed ({exc.name})")
            continue
        print(f"{name}: boilerplate words kept {kept}/{boiler} = {kept / boiler:.1%}, "
              f"article words lost {lost}/{total} = {lost / total:.1%}")
        print("\n".join(rows))
        if name == "storyview" and (kept > BOUND * boiler or lost > BOUND * total):
            failed = True
    kept, boiler, lost, total, rows = measure_feed()
    print(f"storyview, feed items: boilerplate words kept {kept}/{boiler} = {kept / boiler:.1%}, "
          f"article words lost {lost}/{total} = {lost / total:.1%}")
    print("\n".join(rows))
    if kept > BOUND * boiler or lost > BOUND * total:
        failed = True
    return 1 if failed and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
