"""Articles as people save them: web pages, feeds and exports, read into plain text and metadata.

loading.py reads a file's bytes within its bounds (size, time, the story's folders); this room turns the
bytes of a page (.html .htm .xhtml, .mhtml .mht), a feed (.rss .atom .xml: RSS 0.9x/1.0/2.0, Atom) or an
export (.jsonl .ndjson, .csv .tsv) into Records: one for a page, one per feed item or export record. A
Record's `text` is what the source's offsets point into; markup is never obeyed (no script is run, no
link, frame, stylesheet or entity outside the file is fetched: trafilatura and lxml parse, never load).

Fields recognised in a feed item or an export record (names case-insensitive, the first non-empty wins):

    title     title, headline
    date      date, published, pubDate, published_at, publishedAt, datePublished, updated, created
              ("YYYY-MM-DD[Thh:mm…]", "YYYY-MM", RFC 2822 "Tue, 05 Mar 2024 …", "05.03.2024", "2024/03/05",
              a Unix timestamp; the date as written, in the writer's own time zone)
    text      text, body, content, description, summary (HTML in it is read as text)
    url       url, link
    outlet    source, outlet, site_name, sitename, publisher (an object's "name" or "title" too)
    author    author, byline, creator
    language  language, lang (used only when the text's own language cannot be told)

A feed's outlet is its channel title; a page's its og:site_name (else its host name). The parsers are
imported when such a file is read, never before: a story of .txt files does not pay for them.
"""

from __future__ import annotations

import csv
import datetime
import email.utils
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from .model import DatePrecision

PAGE, MHTML, FEED, JSONL, CSV, TEXT = "html", "mhtml", "feed", "jsonl", "csv", "text"
SUFFIX_FORMATS = {
    ".html": PAGE, ".htm": PAGE, ".xhtml": PAGE, ".mhtml": MHTML, ".mht": MHTML,
    ".rss": FEED, ".atom": FEED, ".xml": FEED, ".jsonl": JSONL, ".ndjson": JSONL, ".csv": CSV, ".tsv": CSV,
}
# One file may hold a whole archive: beyond this many records the rest is named as skipped, which bounds
# the time one file can take (10,000 feed items read in about 10 s on one core).
MAX_RECORDS = 20_000
FIELD_CHARS = 1_000  # a title, outlet, author or URL longer than this is cut (they are labels)

TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date", "published", "pubdate", "published_at", "publishedat", "datepublished", "updated",
               "created")
TEXT_FIELDS = ("text", "body", "content", "description", "summary")
URL_FIELDS = ("url", "link")
OUTLET_FIELDS = ("source", "outlet", "site_name", "sitename", "publisher")
AUTHOR_FIELDS = ("author", "byline", "creator")
LANGUAGE_FIELDS = ("language", "lang")

Decode = Callable[[bytes], tuple[str, str, list[str]]]  # loading._decode: (text, encoding, warnings)


@dataclass(frozen=True)
class Record:
    """One article read out of a file: the whole page, or one feed item or export record."""

    item: str  # "" for a page; a feed item's number, a JSONL line's number, a CSV record's number
    text: str
    title: str = ""
    date: str | None = None
    date_precision: DatePrecision | None = None
    outlet: str = ""
    url: str = ""
    author: str = ""
    language: str = ""  # as the page or record declares it ("" if it does not)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class BadRecord:
    """A part of a file that could not be read as an article, and why (the reason names its line or item)."""

    item: str
    reason: str


@dataclass
class FileRecords:
    """What one file holds: its encoding, its records in file order, and warnings about the whole file."""

    encoding: str
    records: list[Record | BadRecord]
    warnings: list[str] = field(default_factory=list)


def format_of(name: str) -> str:
    """The format a file name says ("text" for .txt, .md and anything not listed in SUFFIX_FORMATS)."""
    dot = name.rfind(".")
    return SUFFIX_FORMATS.get(name[dot:].lower(), TEXT) if dot > 0 else TEXT


def read_records(fmt: str, data: bytes, decode: Decode) -> FileRecords:
    """The records of a file of format `fmt` (not TEXT). Never raises for bad content: a broken part is a
    BadRecord, a file with nothing readable has only BadRecords; so is a file whose library cannot be
    imported (a broken install: the file is skipped and named, the rest of the story loads)."""
    try:
        return _read_records(fmt, data, decode)
    except ImportError as exc:
        first = (str(exc).splitlines() or ["import failed"])[0]
        return FileRecords("", [BadRecord("", f"cannot read this format: a library it needs is missing ({first})")])


def _read_records(fmt: str, data: bytes, decode: Decode) -> FileRecords:
    if fmt == FEED:
        return _read_feed(data)
    if fmt == MHTML:
        html, problem = _mhtml_page(data)
        if html is None:
            return FileRecords("", [BadRecord("", problem)])
        data = html
    if fmt in (PAGE, MHTML):
        text, encoding, warnings = _decode_page(data, decode)
        return FileRecords(encoding, [_read_page(text)], warnings)
    text, encoding, warnings = decode(data)
    records = _read_jsonl(text) if fmt == JSONL else _read_csv(text)
    return FileRecords(encoding, records, warnings)


# ----------------------------------------------------------------------------------------------- pages

_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_HTML_LANG_RE = re.compile(r"""<html\b[^>]{0,500}?\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.IGNORECASE)
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_XML_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _decode_page(data: bytes, decode: Decode) -> tuple[str, str, list[str]]:
    """A page's text: UTF-8 (or a BOM) first, as every file; else the charset the page declares, if it
    decodes; else what loading's detection finds."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        match = _META_CHARSET_RE.search(data[:4096])
        if match is not None:
            try:
                return data.decode(match.group(1).decode("ascii")).replace("\r\n", "\n"), \
                    match.group(1).decode("ascii").lower(), []
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong or unknown declaration: detect, as for any file
    return decode(data)


def _read_page(html: str) -> Record | BadRecord:
    """The article of a saved page (trafilatura: main text without navigation, comments, related links;
    htmldate for the date) with its title, date, site name, author, URL and declared language."""
    import trafilatura  # lazily: 1.3-2 s to import (measured), paid only by a story that has pages

    # lxml refuses a str that carries its own encoding declaration (the text is already decoded), and
    # cannot hold C0 controls in a tree: an ESC or BEL in a page's text becomes U+FFFD, not a lost page
    html = _XML_CONTROL_RE.sub("\ufffd", _XML_DECLARATION_RE.sub("", html, count=1))
    if "<" not in html:
        return BadRecord("", "not an HTML page (no markup)")
    try:
        tree = _pruned_tree(html)
        if tree is None:
            return BadRecord("", "page could not be parsed (no document in it)")
        # what trafilatura's reading loses (the page's order, its dates as written, its outlet's other
        # names), read from the tree before trafilatura takes it apart
        tree_facts, blocks = _facts(tree), _blocks(tree)
        document = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
            include_links=False, favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, RecursionError) as exc:  # lxml on markup it cannot build a tree of
        return BadRecord("", f"page could not be parsed ({type(exc).__name__}: {str(exc)[:80]})")
    if document is None:
        return BadRecord("", "no article text found in the page")
    meta = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    extracted = [line.strip() for line in (meta.get("text") or "").split("\n")]
    lines = _in_page_order([line for line in extracted if line], blocks)
    if not lines:
        return BadRecord("", "no article text found in the page")
    outlet = _outlet(meta, tree_facts)
    title = _strip_outlet(_label(meta.get("title")) or tree_facts.headline, outlet, tree_facts.headline)
    lines = _without_repeats(_from_title(lines, title))
    declared = _HTML_LANG_RE.search(html[:20000])
    language = declared.group(1).lower() if declared else ""
    date, precision = parse_date(meta.get("date"))
    if date is None:
        date, precision = tree_facts.declared_date
    if date is None:
        date, precision, lines = _visible_date(lines, tree_facts.labels, language or _language_of(lines))
    if not lines:
        return BadRecord("", "no article text found in the page")
    if title and _squash(lines[0]) != _squash(title):
        lines.insert(0, title)
    return Record("", "\n\n".join(lines) + "\n", title=title or _label(lines[0]), date=date,
                  date_precision=precision, outlet=outlet, url=_label(meta.get("url")),
                  author=_label(meta.get("author")), language=language)


# Blocks trafilatura's own rules miss because they are named in the page's language: comments
# ("Kommentare", "komentarze", "comentarios", "коментарі"; discussions, replies, talkbacks) and consent
# banners named after the law that asks for them (GDPR; RODO in Polish, DSGVO in German, RGPD in French,
# Spanish, Portuguese).
_COMMENTS_NAME_RE = re.compile(r"comment|komment|komentar|comentar|коммент|комент|discus|diskus|dyskus|обсужд|"
                               r"обговор|talkback|repl(?:y|ies)(?:$|[\W_])", re.IGNORECASE)
_CONSENT_NAME_RE = re.compile(r"(?:^|[\W_])(?:gdpr|rodo|dsgvo|rgpd)(?:$|[\W_])", re.IGNORECASE)
_NEVER_PRUNED = frozenset({"html", "body", "main", "article"})
# Controls are the page's machinery, never its text ("Reply", "Report", "Send", a form's labels)
_CONTROL_TAGS = ("button", "input", "select", "textarea", "label", "option")
# Two line breaks in a row are how pages before CSS wrote a paragraph break
_BR_RUN_RE = re.compile(r"(?:<br\s*/?>\s*){2,}", re.IGNORECASE)
_CELL_BLOCKS = ".//table|.//p|.//div|.//h1|.//h2|.//h3|.//ul|.//ol|.//form|.//img|.//font"


def _pruned_tree(html: str) -> Any:
    """The page's tree (lxml) without the comment and consent blocks named as _COMMENTS_NAME_RE and
    _CONSENT_NAME_RE say, nor forms and controls; a block holding the headline or an <article> is kept
    whatever its name. Layout tables become blocks (trafilatura would read them as data tables, a row
    of cells per line), a caption a paragraph, an article's own <header> part of its text."""
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(_BR_RUN_RE.sub("<p>", html))
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):  # empty, or no tree to build
        return None
    doomed = [element for element in tree.iter(*_CONTROL_TAGS)]
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _NEVER_PRUNED:
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        pruned = element.tag == "form" or (names.strip() and (_COMMENTS_NAME_RE.search(names)
                                                               or _CONSENT_NAME_RE.search(names)))
        if pruned and not element.xpath(".//h1|.//article"):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    layout = [table for table in tree.iter("table") if _layout_table(table)]
    for table in layout:
        for part in [table, *table.iterchildren("tbody", "thead", "tfoot")]:
            for row in [part, *part.iterchildren("tr")]:
                for cell in row.iterchildren("td", "th"):
                    cell.tag = "div"
                row.tag = "div"
    for element in tree.iter("figcaption", "figure", "header"):
        if element.tag == "figcaption":
            element.tag = "p"
        elif element.tag == "figure" or next(element.iterancestors("article"), None) is not None:
            element.tag = "div"
    return tree


def _layout_table(table: Any) -> bool:
    """A table that lays out a page (cells holding blocks or long text) rather than holding data."""
    if (table.get("role") or "").lower() == "presentation":
        return True
    if table.xpath("./caption|./thead|./tr/th|./tbody/tr/th"):
        return False
    rows = table.xpath("./tr|./tbody/tr")
    if all(len(row.xpath("./td")) <= 1 for row in rows):
        return True  # one column: a stack of boxes, not a grid of data
    cells = table.xpath("./tr/td|./tbody/tr/td")
    return any(cell.xpath(_CELL_BLOCKS) or len(cell.text_content().split()) > 40 for cell in cells)


# ------------------------------------------------------------------------ what the page says beside its text

_BLOCK_XPATH = ("//p|//h1|//h2|//h3|//h4|//h5|//h6|//li|//blockquote|//pre|//dd|//dt|//td|//th|//div|//section"
                "|//article|//header|//footer|//aside|//main|//time")
_LEAF_BLOCKS = frozenset(_BLOCK_XPATH.replace("//", "").split("|")) - {"time"}
_OFF_TEXT_TAGS = frozenset({"nav", "footer", "aside", "form", "header", "menu"})
_OFF_TEXT_NAME_RE = re.compile(r"share|social|relat|newsletter|promo|advert|(?:^|[\W_])ads?(?:$|[\W_])|teaser|"
                               r"sidebar|widget|cookie|consent|banner|subscri|recommend|popular|most-|tags?(?:$|[\W_])"
                               r"|breadcrumb|footer|menu|navi", re.IGNORECASE)
_PROSE_END_RE = re.compile(r"[.!?…\"”“»«'’)]$")
_TITLE_SEPARATORS_RE = re.compile(r"\s+(?:[|–—·•:/»«]|-|::)\s+")
_COPYRIGHT_RE = re.compile(r"(?:©|\(c\)|copyright)\s*(?:[0-9]{4}(?:\s*[–-]\s*[0-9]{4})?\s*)?"
                           r"([^\n|·•.,;©]{2,60}?)\s*(?:[0-9]{4}\s*)?(?:[|·•.,;]|$)", re.IGNORECASE | re.MULTILINE)
# The legal form after a publisher's name ("… Ltd", "… GmbH", "… sp. z o.o."): the outlet is the name
_LEGAL_FORM_RE = re.compile(r"\s+(?:ltd|limited|llc|inc|plc|gmbh|ag|kg|s\.?a|s\.?r\.?o|a\.?s|sp\.? z o\.?o|"
                            r"verlag(?: gmbh)?|media group|group|spa|srl|bv|nv|oy|ab)\.?$", re.IGNORECASE)
_LOGO_NAME_RE = re.compile(r"logo|brand|masthead|site-?name", re.IGNORECASE)


@dataclass(frozen=True)
class _PageFacts:
    """What a page's tree says besides its article text: the names its outlet goes by, its dates as
    declared, and the short lines that may be its visible date label."""

    headline: str = ""
    page_title: str = ""
    site_name: str = ""  # og:site_name, application-name or JSON-LD publisher
    logo: str = ""
    copyright: str = ""
    host: str = ""
    declared_date: tuple[str | None, DatePrecision | None] = (None, None)
    labels: tuple[str, ...] = ()


def _facts(tree: Any) -> _PageFacts:
    def meta(*names: str) -> str:
        for name in names:
            for value in tree.xpath(f"//meta[@property='{name}' or @name='{name}' or @itemprop='{name}']/@content"):
                if str(value).strip():
                    return _label(str(value))
        return ""

    ld = _json_ld(tree)
    publisher = ld.get("publisher")
    site_name = meta("og:site_name", "application-name") or _label(publisher)
    declared: tuple[str | None, DatePrecision | None] = (None, None)
    for value in (ld.get("datePublished"), ld.get("dateCreated"),
                  meta("article:published_time", "datePublished", "date", "pubdate", "DC.date.issued")):
        declared = parse_date(value)
        if declared[0] is not None:
            break
    headlines = [_label(h.text_content()) for h in tree.iter("h1")]
    logo = ""
    for image in tree.iter("img"):
        holders = [image, *list(image.iterancestors())[:3]]
        names = " ".join(f"{e.get('class', '')} {e.get('id', '')} {e.get('src', '')}" for e in holders)
        if image.get("alt", "").strip() and _LOGO_NAME_RE.search(names):
            logo = _LOGO_WORD_RE.sub("", _label(image.get("alt"))).strip()
            break
    body = tree.find("body")
    copyright = ""
    if body is not None:
        for found in _COPYRIGHT_RE.finditer(body.text_content()):
            name = _LEGAL_FORM_RE.sub("", found.group(1).strip())
            if name and re.search(r"[^\W\d_]", name):
                copyright = _label(name)
        # the last © on the page is the footer's
    url = meta("og:url") or next(iter(tree.xpath("//link[@rel='canonical']/@href")), "")
    host = re.sub(r"^www\.", "", re.sub(r"^[a-z]+://([^/:]+).*", r"\1", str(url).lower())) if url else ""
    labels: list[str] = []
    started = not headlines
    for element in tree.xpath(_BLOCK_XPATH):
        if element.tag == "h1":
            started = True
        if not started or (element.tag in _LEAF_BLOCKS and element.xpath(_BLOCK_XPATH.replace("//", ".//"))):
            continue
        text = _label(element.text_content())
        if text and len(text.split()) <= 12:
            labels.append(text)
        if len(labels) >= 40:
            break
    title = next(iter(tree.xpath("//title")), None)
    return _PageFacts(headlines[0] if headlines else "", _label(title.text_content()) if title is not None else "",
                      site_name, logo, copyright, host, declared, tuple(labels))


_LOGO_WORD_RE = re.compile(r"\blogo\b|[-–|:]\s*$", re.IGNORECASE)


def _json_ld(tree: Any) -> dict[str, Any]:
    """The page's JSON-LD article object (the first with a headline or a date), {} if none."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            value = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue  # a page's broken JSON-LD is no reason to lose its text
        stack = [value]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if any(key in item for key in ("datePublished", "headline")):
                    return item
                stack.extend(v for v in item.values() if isinstance(v, list | dict))
    return {}


@dataclass(frozen=True)
class _Block:
    element: Any
    text: str  # squashed
    prose: bool  # a paragraph of running text, not in a page's furniture


def _blocks(tree: Any) -> list[_Block]:
    """The page's innermost text blocks in document order."""
    out = []
    for element in tree.xpath(_BLOCK_XPATH):
        if element.tag == "time" or element.xpath(_BLOCK_XPATH.replace("//", "./")):
            continue
        text = _squash(element.text_content())
        if not text:
            continue
        words = len(text.split())
        linked = sum(len(_squash(a.text_content()).split()) for a in element.iter("a"))
        furniture = any(a.tag in _OFF_TEXT_TAGS or _OFF_TEXT_NAME_RE.search(f"{a.get('class', '')} {a.get('id', '')}")
                        for a in [element, *element.iterancestors()] if isinstance(a.tag, str))
        prose = words >= 8 and bool(_PROSE_END_RE.search(text)) and linked < 0.3 * words and not furniture
        out.append(_Block(element, text, prose))
    return out


def _in_page_order(lines: list[str], blocks: list[_Block]) -> list[str]:
    """trafilatura's lines in the order the page has them, with the paragraphs of running text it dropped
    from the part of the page its lines come from (a lead in the article's header, an update of a live
    blog). When its lines cannot be found in the page, they are taken as they are."""
    where: list[int | None] = []
    for line in lines:
        key = _squash(line)
        index = next((i for i, b in enumerate(blocks) if b.text == key), None)
        if index is None:
            index = next((i for i, b in enumerate(blocks) if key in b.text or (len(b.text) > 20 and b.text in key)),
                         None)
        where.append(index)
    found = [i for i in where if i is not None]
    if len(found) < max(1, 0.7 * len(lines)):
        return lines
    container = _common_ancestor([blocks[i].element for i in found])
    # the article runs from its headline: a lead in its header belongs to it, unless the headline is
    # so far from the text that only the whole page holds both
    headline = next((b.element for b in blocks if b.element.tag == "h1"), None)
    if headline is not None and container is not None:
        wider = _common_ancestor([container, headline])
        if wider is not None and wider.tag not in ("body", "html"):
            container = wider
    used = set(found)
    placed: list[tuple[float, int, str]] = []
    last = -1.0
    for order, (line, index) in enumerate(zip(lines, where, strict=True)):
        last = float(index) if index is not None else last + 0.001
        placed.append((last, order, line))
    if container is not None:
        for i, block in enumerate(blocks):
            if block.prose and i not in used and container in set(block.element.iterancestors()):
                placed.append((float(i), len(lines) + i, " ".join(block.element.text_content().split())))
    placed.sort()
    out: list[str] = []
    for _, _, line in placed:
        if not out or _squash(out[-1]) != _squash(line):
            out.append(line)
    return out


def _common_ancestor(elements: list[Any]) -> Any:
    """The innermost element holding all of `elements` (None when they share none)."""
    common = set.intersection(*(set(e.iterancestors()) | {e} for e in elements))
    return max(common, key=lambda e: len(list(e.iterancestors())), default=None)


def _outlet(meta: Mapping[str, Any], facts: _PageFacts) -> str:
    """The page's outlet: its declared site name; else the part of its <title> that is not the headline
    (confirmed by the headline, the logo, the © line or the host); else the logo's name, the © line's,
    trafilatura's guess (when it is not the title), the host name."""
    if facts.site_name:
        return facts.site_name
    headline = _squash(facts.headline or _label(meta.get("title")))
    others = [_squash(n) for n in (facts.logo, facts.copyright, facts.host.split(".")[0]) if n]
    parts = _TITLE_SEPARATORS_RE.split(facts.page_title)
    if len(parts) > 1:
        title = facts.page_title
        for outlet, rest in ((parts[-1], title[: -len(parts[-1])]), (parts[0], title[len(parts[0]):])):
            name, rest_key = _squash(outlet), _squash(_TITLE_SEPARATORS_RE.sub(" ", rest))
            if name and name != headline and (
                    (headline and (rest_key.strip(" |-–—·:") == headline or headline in rest_key))
                    or any(name in o or o in name for o in others)):
                return _label(outlet)
    guess = _label(meta.get("sitename"))
    for name in (facts.logo, facts.copyright):
        if name:
            return name
    if guess and _squash(guess) not in _squash(facts.page_title):
        return guess
    return _label(meta.get("hostname")) or facts.host


def _strip_outlet(title: str, outlet: str, headline: str) -> str:
    """The title without the outlet's name before or after it ("Headline | Outlet" -> "Headline")."""
    if not title or not outlet:
        return title
    if headline and _squash(headline) != _squash(title) and _squash(headline) in _squash(title):
        return headline
    parts = _TITLE_SEPARATORS_RE.split(title)
    if len(parts) > 1:
        if _squash(parts[-1]) == _squash(outlet):
            return title[: title.rfind(parts[-1])].rstrip(" |-–—·•:/»«")
        if _squash(parts[0]) == _squash(outlet):
            return title[len(parts[0]):].lstrip(" |-–—·•:/»«")
    return title


def _from_title(lines: list[str], title: str) -> list[str]:
    """The lines from the headline on, once: what comes before a page's own headline is not its article."""
    key = _squash(title)
    if not key:
        return lines
    first = next((i for i, line in enumerate(lines[:8]) if _squash(line) == key), None)
    if first is None:
        return lines
    return [lines[first], *(line for line in lines[first + 1:] if _squash(line) != key)]


_QUOTES = "\"'“”„«»‘’‚‹› "


def _without_repeats(lines: list[str]) -> list[str]:
    """Lines without a pull-quote or teaser: a line of five words or more that another line holds verbatim."""
    keys = [_squash(line) for line in lines]
    out = []
    for i, line in enumerate(lines):
        core = keys[i].strip(_QUOTES)
        if len(core.split()) >= 5 and any(j != i and len(k) > len(keys[i]) and core in k for j, k in enumerate(keys)):
            continue
        out.append(line)
    return out


def _language_of(lines: list[str]) -> str:
    from .language import detect_language

    return detect_language("\n\n".join(lines))


_NUMERIC_DATE_RE = re.compile(r"\b([0-9]{1,2}\.\s?[0-9]{1,2}\.\s?[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}|"
                              r"[0-9]{4}/[0-9]{1,2}/[0-9]{1,2})\b")


def _visible_date(lines: list[str], labels: tuple[str, ...], language: str,
                  ) -> tuple[str | None, DatePrecision | None, list[str]]:
    """A page's date as its reader sees it, for a page that declares none: a short label line holding a
    date ("Dodano: 12.03.2025", "Published 12 March 2025") — the line is then not article text — else a
    dateline at the head of the first paragraphs ("Tarnobrzeg, 12 marca 2025 r. – …")."""
    for label in labels:
        date, precision = _date_in(label, language)
        if date is not None:
            key = _squash(label)
            return date, precision, [line for line in lines if _squash(line) != key]
    for line in lines[:4]:
        head = line[:150]
        date, precision = _date_in(head, language, dateline=True)
        if date is not None:
            return date, precision, lines
    return None, None, lines


def _date_in(text: str, language: str, dateline: bool = False) -> tuple[str | None, DatePrecision | None]:
    from . import dates

    found: list[tuple[int, str | None, DatePrecision | None]] = []
    if language in dates.LANGUAGES:
        for expression in dates.tag(text, 0, language, limit=3):
            if expression.year is not None and expression.month is not None and expression.kind in ("day", "month"):
                found.append((expression.start, *_checked(expression.year, expression.month, expression.day)))
                break
    for match in _NUMERIC_DATE_RE.finditer(text):
        found.append((match.start(), *parse_date(match.group(1).replace(" ", ""))))
        break
    found = [f for f in found if f[1] is not None]
    if not found:
        return None, None
    start, date, precision = min(found, key=lambda f: f[0])
    if dateline:  # only a place before it: "Nové Mlýny, 12. března 2025 –"
        before = text[:start].strip()
        if before and (not before.endswith(",") or len(before.split()) > 4):
            return None, None
    return date, precision


def _mhtml_page(data: bytes) -> tuple[bytes | None, str]:
    """The HTML part of a saved MHTML archive (a MIME message), or None and why."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                return payload, ""
    return None, "no HTML part in the MHTML archive"


# ----------------------------------------------------------------------------------------------- feeds


def _read_feed(data: bytes) -> FileRecords:
    """Each item of an RSS or Atom feed, its channel's title as the outlet."""
    import feedparser  # lazily: 0.2-1 s to import (measured)

    # A stream, never a str: feedparser.parse would take a str naming a file or URL as one to open.
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=False)
    warnings: list[str] = []
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a feed ({_feed_problem(problem)})" if problem else "a feed with no items"
        return FileRecords(parsed.get("encoding", "") or "", [BadRecord("", reason)])
    if parsed.get("bozo"):
        warnings.append(f"feed is not well-formed ({_feed_problem(parsed.get('bozo_exception'))}); read what could be")
    channel = parsed.feed
    outlet = _label(channel.get("title"))
    feed_language = channel.get("language", "") or ""
    records: list[Record | BadRecord] = []
    for number, entry in enumerate(parsed.entries, 1):
        if number > MAX_RECORDS:
            records.append(BadRecord(str(number), f"items {number}–{len(parsed.entries)} not read "
                                                  f"(the limit is {MAX_RECORDS} per file)"))
            break
        records.append(_feed_record(str(number), entry, outlet, feed_language))
    return FileRecords(parsed.get("encoding", "") or "utf-8", records, warnings)


def _feed_problem(exc: object) -> str:
    text = " ".join(str(exc).split())
    return text[:100] or type(exc).__name__


def _feed_record(item: str, entry: Mapping[str, Any], outlet: str, feed_language: str) -> Record | BadRecord:
    fields = {
        "title": entry.get("title"),
        "text": _entry_text(entry),
        "date": entry.get("published") or entry.get("updated") or entry.get("created"),
        "url": entry.get("link"),
        "author": entry.get("author"),
        "language": entry.get("language") or feed_language,
        "outlet": (entry.get("source") or {}).get("title") or outlet,
    }
    return _record(item, fields, f"item {item}")


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The fullest text an item carries: its content, else its summary (both may be HTML)."""
    for content in entry.get("content") or ():
        value = content.get("value") if isinstance(content, Mapping) else None
        if value and value.strip():
            return html_text(value) if "html" in (content.get("type") or "html") else value
    summary = entry.get("summary") or ""
    return html_text(summary) if summary else ""


# --------------------------------------------------------------------------------------------- exports


def _read_jsonl(text: str) -> list[Record | BadRecord]:
    """One record per non-blank line (a JSON object); numbered by line."""
    records: list[Record | BadRecord] = []
    read = 0
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        read += 1
        if read > MAX_RECORDS:
            records.append(BadRecord(str(number), f"lines from {number} on not read "
                                                  f"(the limit is {MAX_RECORDS} records per file)"))
            break
        try:
            value = json.loads(line)
        except RecursionError:
            records.append(BadRecord(str(number), f"line {number}: JSON nested too deeply"))
            continue
        except ValueError as exc:
            records.append(BadRecord(str(number), f"line {number}: not valid JSON ({_json_problem(exc)})"))
            continue
        if not isinstance(value, dict):
            records.append(BadRecord(str(number), f"line {number}: a JSON {type(value).__name__}, "
                                                  "not an object with fields"))
            continue
        records.append(_record(str(number), _fields(value), f"line {number}"))
    return records


def _json_problem(exc: ValueError) -> str:
    message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
    column = f", column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
    return f"{message[:80]}{column}"


def _read_csv(text: str) -> list[Record | BadRecord]:
    """One record per row under a header row; numbered by record (1 = the first row after the header)."""
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=False)
    records: list[Record | BadRecord] = []
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        return [BadRecord("", f"no header row ({exc})" if str(exc) else "no header row")]
    names = [name.strip().lstrip("\ufeff").casefold() for name in header]
    if not any(name in TEXT_FIELDS for name in names):
        return [BadRecord("", "no text column in the header (one of: " + ", ".join(TEXT_FIELDS) + ")")]
    for number, row in enumerate(_rows(reader, records), 1):
        if number > MAX_RECORDS:
            records.append(BadRecord(str(number), f"records from {number} on not read "
                                                  f"(the limit is {MAX_RECORDS} per file)"))
            break
        if row is None:
            records.append(BadRecord(str(number), f"record {number} (line {reader.line_num}): not valid CSV"))
            continue
        if not any(cell.strip() for cell in row):
            continue
        values = dict(zip(names, row, strict=False))
        records.append(_record(str(number), _fields(values), f"record {number} (line {reader.line_num})"))
    return records


def _rows(reader: Iterator[list[str]], records: list[Record | BadRecord]) -> Iterator[list[str] | None]:
    """The reader's rows, None for one it cannot parse (a field past csv's size limit, a NUL)."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield None


# -------------------------------------------------------------------------------------- fields of records


def _fields(value: Mapping[str, Any]) -> dict[str, Any]:
    """A record's recognised fields by what they mean, from its own field names."""
    by_name = {str(name).casefold(): v for name, v in value.items()}

    def first(names: tuple[str, ...]) -> Any:
        for name in names:
            v = by_name.get(name)
            if v not in (None, "", [], {}):
                return v
        return None

    return {"title": first(TITLE_FIELDS), "date": first(DATE_FIELDS), "text": first(TEXT_FIELDS),
            "url": first(URL_FIELDS), "outlet": first(OUTLET_FIELDS), "author": first(AUTHOR_FIELDS),
            "language": first(LANGUAGE_FIELDS)}


def _record(item: str, fields: Mapping[str, Any], where: str) -> Record | BadRecord:
    """A Record from recognised fields, or a BadRecord when there is no text."""
    raw_text = fields.get("text")
    text = raw_text if isinstance(raw_text, str) else ""
    if _LOOKS_LIKE_HTML_RE.search(text):
        text = html_text(text)
    title = _label(fields.get("title"))
    body = text.strip()
    if not body:
        return BadRecord(item, f"{where}: no text (none of the fields {', '.join(TEXT_FIELDS)})")
    warnings: list[str] = []
    date, precision = parse_date(fields.get("date"))
    if fields.get("date") not in (None, "") and date is None:
        warnings.append(f"{where}: date {_label(fields.get('date'))[:40]!r} not understood")
    full = f"{title}\n\n{body}\n" if title and not body.startswith(title) else body + "\n"
    language = _label(fields.get("language")).lower()[:3].rstrip("-_")
    return Record(item, full, title=title, date=date, date_precision=precision,
                  outlet=_label(fields.get("outlet")), url=_label(fields.get("url")),
                  author=_label(fields.get("author")), language=language, warnings=tuple(warnings))


def _label(value: Any) -> str:
    """A field as a one-line label: a string, an object's name or title, a list's strings joined."""
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("title") or ""
    elif isinstance(value, list | tuple):
        value = ", ".join(_label(v) for v in value if _label(v))
    elif isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return " ".join(str(value).split())[:FIELD_CHARS]


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


# ------------------------------------------------------------------------------------------------ dates

_ISO_RE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?(?:[T ][0-9:.,]*(?:Z|[+-][0-9:]+)?)?\s*")
_SLASHED_RE = re.compile(r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})(?:[T ].*)?")
_DOTTED_RE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})(?:[ ,].*)?")


def parse_date(value: Any) -> tuple[str | None, DatePrecision | None]:
    """("YYYY-MM-DD", "day") or ("YYYY-MM", "month") from a field, or (None, None) when it is no date.

    The date is the one written, in the writer's own zone ("Mon, 16 Sep 2025 00:30 +0300" is the 16th):
    that is the article's date as its readers saw it."""
    if isinstance(value, bool) or value is None:
        return None, None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds, as JavaScript writes them
        try:
            when = datetime.datetime.fromtimestamp(seconds, datetime.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None, None
        return when.isoformat(), "day"
    if not isinstance(value, str):
        return None, None
    token = value.strip()[:100]
    match = _ISO_RE.fullmatch(token)
    if match is not None:
        year, month, day = match.group(1), match.group(2), match.group(3)
        return _checked(int(year), int(month), int(day) if day else None)
    match = _SLASHED_RE.fullmatch(token)
    if match is not None:
        return _checked(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _DOTTED_RE.fullmatch(token)
    if match is not None:
        return _checked(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    parts = email.utils.parsedate_tz(token)
    if parts is not None:
        return _checked(parts[0], parts[1], parts[2])
    return None, None


def _checked(year: int, month: int, day: int | None) -> tuple[str | None, DatePrecision | None]:
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        return None, None
    if year < 1000:
        return None, None
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


# ---------------------------------------------------------------------------------------- HTML fragments

_LOOKS_LIKE_HTML_RE = re.compile(r"</?(?:p|br|div|span|a|b|i|em|strong|li|ul|ol|h[1-6]|blockquote|img|figure)\b[^<>]*>",
                                 re.IGNORECASE)
_BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                         "section", "article", "figure", "figcaption", "table", "tr", "pre", "header", "footer"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})


class _TextOfHtml(HTMLParser):
    """Text of an HTML fragment (a feed item's content): blocks become paragraphs, scripts are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


_ITEM_FURNITURE_RE = re.compile(r"share|sharing|social|relat|yarpp|newsletter|subscri|(?:^|[\W_])ads?(?:$|[\W_])",
                                re.IGNORECASE)
_FRAGMENT_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "footer", "aside")


def _item_without_clutter(fragment: str) -> str:
    """A feed item's or record's HTML without the clutter publishing tools append to it: share and
    related-post blocks (by their class), and the links-only lines at its end — a share line, related
    headlines, "More at site.tld", the "The post X appeared first on Y." footer in any language, whose
    last words are a link."""
    if "<a" not in fragment.lower() and "class=" not in fragment.lower():
        return fragment
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return fragment  # html_text reads what lxml cannot build a tree of
    for element in list(root.iter(*_FRAGMENT_BLOCKS)):
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if element.getparent() is not None and names.strip() and _ITEM_FURNITURE_RE.search(names):
            element.drop_tree()
    while len(root) and _clutter_line(root[-1]):
        root[-1].drop_tree()
    return str(lxml.html.tostring(root, encoding="unicode"))


def _clutter_line(element: Any) -> bool:
    """A short block at an item's end that is mostly links, ends with one, or is a heading of nothing."""
    if not isinstance(element.tag, str) or (element.tail or "").strip():
        return False
    text = " ".join(element.text_content().split())
    words = len(text.split())
    if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or not text:
        return True
    links = list(element.iter("a"))
    if not links or words > 30:
        return False
    linked = sum(len(a.text_content().split()) for a in links)
    last = links[-1]
    after = [last]  # the link and each of its parents inside the block: nothing but punctuation after them
    for parent in last.iterancestors():
        if parent is element:
            break
        after.append(parent)
    ends_with_link = not any((e.tail or "").strip(" .!…·|") for e in after)
    return linked >= 0.5 * words or ends_with_link


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment, paragraphs separated by a blank line, spaces within them collapsed."""
    parser = _TextOfHtml()
    parser.feed(_item_without_clutter(fragment))
    parser.close()
    paragraphs = ("".join(parser.parts)).split("\n\n")
    lines = [" ".join(p.split()) for p in paragraphs]
    return "\n\n".join(line for line in lines if line)
