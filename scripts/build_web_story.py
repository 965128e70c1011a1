"""Write tests/data/web/: the articles of tests/data/web_txt/ as people save them — web pages of six made-up
outlets (each with its own template: navigation, cookie banner, share buttons, related links, newsletter
box, comments, footer), an RSS feed and a JSON Lines export — so that a test can compare what storyview
reads from them with the same articles as .txt.

    python scripts/build_web_story.py

Every word here is our own; the outlets, their sites and their readers do not exist.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "tests" / "data"
TXT, WEB = HERE / "web_txt", HERE / "web"


def article(name: str) -> tuple[str, str, list[str]]:
    """(date, title, paragraphs) of a .txt article."""
    text = (TXT / name).read_text(encoding="utf-8")
    header, _, rest = text.partition("\n")
    paragraphs = [p.strip() for p in rest.split("\n\n") if p.strip()]
    return header.split()[1], paragraphs[0], paragraphs[1:]


def paras(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def harbour_post(date: str, title: str, body: list[str]) -> str:
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>{html.escape(title)} | The Harbour Post</title>
<meta property="og:site_name" content="The Harbour Post">
<meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="{date}T19:42:00+03:00">
<meta name="author" content="Elena Varga">
<link rel="canonical" href="https://harbourpost.example/world/2025/04/galati-barge">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": {json.dumps(title)},
 "datePublished": "{date}T19:42:00+03:00", "publisher": {{"@type": "Organization", "name": "The Harbour Post"}}}}</script>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "world"}});</script>
<style>.cookie{{position:fixed}}</style>
</head><body>
<div id="cookie-consent" class="cookie"><p>We use cookies and similar technologies to improve your experience,
measure traffic and show you personalised advertising. You can change your choices at any time in Privacy settings.</p>
<button>Accept all</button> <button>Manage preferences</button></div>
<header class="site-header"><a class="logo" href="/">The Harbour Post</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
<li><a href="/shipping">Shipping</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
</header>
<main><nav class="breadcrumb"><a href="/">Home</a> › <a href="/world">World</a> › Europe</nav>
<article class="story">
<h1>{html.escape(title)}</h1>
<div class="byline">By Elena Varga · <time datetime="{date}T19:42:00+03:00">7 April 2025</time></div>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Copy link</a></div>
{paras(body)}
<aside class="newsletter"><h3>Get the morning briefing</h3><p>The stories that matter to ports and
shipping, in your inbox every weekday before breakfast.</p><form><input placeholder="Email address"><button>Sign up</button></form></aside>
</article>
<section class="related"><h2>More from World</h2><ul>
<li><a href="/a1">Container rates climb for a third month as Red Sea detours continue</a></li>
<li><a href="/a2">Rotterdam unveils plan for hydrogen terminal by the end of the decade</a></li>
<li><a href="/a3">Opinion: why the lock keepers of Europe deserve a pay rise</a></li></ul></section>
<section id="comments" class="comments"><h2>Comments (3)</h2>
<div class="comment"><b>skipper_joe</b><p>Been saying this for years, the river needs proper dredging every autumn.</p></div>
<div class="comment"><b>AnnaK</b><p>Glad nobody was hurt. Good reporting as always.</p></div>
<div class="comment"><b>portwatcher</b><p>Eleven ships waiting is nothing, wait until the summer.</p></div>
</section></main>
<footer><p>© 2025 The Harbour Post Ltd. All rights reserved.</p><ul><li><a href="/about">About us</a></li>
<li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li><li><a href="/contact">Contact</a></li></ul></footer>
</body></html>
"""


def river_wire(date: str, title: str, body: list[str]) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} - River Wire</title>
<meta property="og:site_name" content="River Wire"><meta name="date" content="{date}">
<meta name="author" content="River Wire staff"></head>
<body class="article-page">
<div class="topbar"><span>Markets</span> <span>Commodities</span> <span>Logistics</span> <span>Energy</span> <a href="/login">Log in</a></div>
<div class="consent-banner">This website stores cookies on your computer. These cookies are used to collect information
about how you interact with our website. <a href="/cookies">Learn more</a> <a href="#">OK</a></div>
<div class="container"><div class="col-main">
<div class="story-header"><span class="kicker">LOGISTICS</span><h1 class="headline">{html.escape(title)}</h1>
<span class="dateline">Updated {date}</span></div>
<div class="story-body">
{paras(body)}
<p class="tags">Topics: <a href="/t/danube">Danube</a>, <a href="/t/romania">Romania</a>, <a href="/t/grain">Grain</a></p>
</div></div>
<div class="col-side"><h4>Most read</h4><ol><li><a href="/m1">Wheat futures slip on rain forecast for the plains</a></li>
<li><a href="/m2">Shipowners brace for new emissions levy in northern ports</a></li>
<li><a href="/m3">Barge freight index hits a two-year high</a></li></ol>
<div class="ad">Advertisement</div></div></div>
<div class="footer">River Wire is an independent newsroom covering trade and transport. Follow us on social media.
Copyright 2025 River Wire. <a href="/privacy">Privacy</a> | <a href="/imprint">Imprint</a></div>
</body></html>
"""


def donaukurier(date: str, title: str, body: list[str]) -> str:
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{html.escape(title)} | Donaukurier Online</title>
<meta property="og:site_name" content="Donaukurier Online">
<meta property="article:published_time" content="{date}T06:15:00+02:00"></head><body>
<div class="cmp-banner"><h2>Wir respektieren Ihre Privatsphäre</h2><p>Wir und unsere Partner verwenden Cookies und
ähnliche Technologien, um Inhalte und Anzeigen zu personalisieren und die Zugriffe auf unsere Website zu analysieren.</p>
<button>Alle akzeptieren</button><button>Einstellungen</button></div>
<header><nav class="hauptmenue"><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/wirtschaft">Wirtschaft</a>
<a href="/region">Region</a> <a href="/sport">Sport</a> <a href="/abo">Abo</a></nav></header>
<main><article>
<header><h1>{html.escape(title)}</h1><p class="meta">Von Katrin Moser | <time datetime="{date}">08.04.2025</time></p></header>
{paras(body)}
</article>
<aside class="weiterlesen"><h3>Das könnte Sie auch interessieren</h3><ul>
<li><a href="/x1">Hochwasserschutz in Passau: Stadtrat beschließt neue Mauer</a></li>
<li><a href="/x2">Schifffahrt auf dem Main wegen Schleusenarbeiten gesperrt</a></li></ul></aside>
<section class="kommentare"><h3>Kommentare</h3>
<div class="kommentar"><strong>Flussfreund</strong><p>Das Problem ist seit Jahren bekannt, passiert ist nichts.</p></div>
<div class="kommentar"><strong>M. Huber</strong><p>Danke für den ausführlichen Bericht aus Rumänien.</p></div></section></main>
<footer><p>© Donaukurier Online 2025 · Impressum · Datenschutz · Kontakt · Mediadaten</p></footer>
</body></html>
"""


def gazeta(date: str, title: str, body: list[str]) -> str:
    return f"""<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8"><title>{html.escape(title)} - Gazeta Nadwiślańska</title>
<meta property="og:site_name" content="Gazeta Nadwiślańska">
<meta itemprop="datePublished" content="{date}T08:00:00+02:00"></head><body>
<div id="rodo"><p>Szanowni Państwo, korzystamy z plików cookies, aby zapewnić prawidłowe działanie serwisu oraz
w celach statystycznych i marketingowych. Możesz zmienić ustawienia w swojej przeglądarce.</p><a href="#">Akceptuję</a> <a href="#">Ustawienia</a></div>
<nav class="menu"><a href="/">Strona główna</a> <a href="/kraj">Kraj</a> <a href="/swiat">Świat</a> <a href="/gospodarka">Gospodarka</a>
<a href="/sport">Sport</a> <a href="/prenumerata">Prenumerata</a></nav>
<div class="artykul"><h1>{html.escape(title)}</h1><div class="autor">Jan Wiśniewski, {date}</div>
<div class="tresc">
{paras(body)}
</div>
<div class="udostepnij">Udostępnij: Facebook · X · E-mail</div>
<div class="polecane"><h3>Polecamy</h3><ul><li><a href="/p1">Rekordowy rok w porcie w Gdańsku. Przeładunki rosną szósty rok z rzędu</a></li>
<li><a href="/p2">Susza na Wiśle. Żegluga w Warszawie wstrzymana</a></li></ul></div>
<div class="komentarze"><h3>Komentarze</h3><div class="kom"><b>czytelnik78</b><p>A u nas na Wiśle to samo co roku.</p></div></div>
</div>
<footer>Wszelkie prawa zastrzeżone © 2025 Gazeta Nadwiślańska. Regulamin. Polityka prywatności. Kontakt z redakcją.</footer>
</body></html>
"""


def visnyk(date: str, title: str, body: list[str]) -> str:
    return f"""<!DOCTYPE html>
<html lang="uk"><head><meta charset="utf-8"><title>{html.escape(title)} — Південний вісник</title>
<meta property="og:site_name" content="Південний вісник">
<meta property="article:published_time" content="{date}T21:05:00+03:00"></head><body>
<div class="cookies">Ми використовуємо файли cookie, щоб покращити роботу сайту та показувати вам цікаві матеріали.
<button>Погоджуюсь</button></div>
<header><nav><a href="/">Головна</a> <a href="/news">Новини</a> <a href="/economy">Економіка</a> <a href="/region">Регіон</a>
<a href="/video">Відео</a></nav></header>
<main><article class="post"><h1>{html.escape(title)}</h1><div class="post-meta"><time datetime="{date}">{date}</time> · Ірина Бондар</div>
<div class="post-content">
{paras(body)}
</div></article>
<div class="read-also"><h3>Читайте також</h3><ul><li><a href="/r1">В Одесі відкрили новий пасажирський термінал</a></li>
<li><a href="/r2">Ціни на пальне в області зросли втретє за місяць</a></li></ul></div>
<div class="comments"><h3>Коментарі</h3><div class="c"><b>Петро</b><p>Дякую за новину, чекаємо на продовження.</p></div></div></main>
<footer>© 2025 Південний вісник. Усі права захищено. Використання матеріалів дозволено лише з посиланням на джерело.</footer>
</body></html>
"""


def ostseeblatt(date: str, title: str, body: list[str]) -> str:
    # a legacy site: windows-1252, no semantic elements, layout tables
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>{html.escape(title)} - Ostsee-Blatt</title>
<meta property="og:site_name" content="Ostsee-Blatt"><meta name="date" content="{date}"></head><body>
<table width="100%"><tr><td class="nav"><a href="/">Start</a> | <a href="/nachrichten">Nachrichten</a> | <a href="/kultur">Kultur</a>
| <a href="/wetter">Wetter</a> | <a href="/anzeigen">Anzeigen</a></td></tr>
<tr><td><div class="hinweis">Diese Seite verwendet Cookies. Wenn Sie weiter surfen, stimmen Sie der Nutzung zu. <a href="#">Verstanden</a></div></td></tr>
<tr><td class="inhalt"><h2>{html.escape(title)}</h2><div class="datum">{date}</div>
<div class="text">
{paras(body)}
</div></td>
<td class="rechts"><b>Meistgelesen</b><br><a href="/m1">Neue Fähre nach Bornholm ab Mai</a><br><a href="/m2">Segelregatta vor Kiel abgesagt</a></td></tr>
<tr><td class="fuss">Ostsee-Blatt Verlag GmbH &middot; Alle Rechte vorbehalten &middot; Impressum</td></tr></table>
</body></html>
"""


PAGES = {
    "01_en_harbourpost.txt": ("01_harbourpost_galati-barge.html", harbour_post, "utf-8"),
    "02_en_riverwire.txt": ("02_riverwire_dredging.html", river_wire, "utf-8"),
    "03_de_donaukurier.txt": ("03_donaukurier_getreidekahn.html", donaukurier, "utf-8"),
    "04_pl_gazetanadwislanska.txt": ("04_gazeta_barka.html", gazeta, "utf-8"),
    "05_uk_pivdennyivisnyk.txt": ("05_visnyk_barzha.html", visnyk, "utf-8"),
    "06_de_ostseeblatt.txt": ("06_ostseeblatt_baggern.htm", ostseeblatt, "cp1252"),
}
FEED_ITEMS = ["07_en_danubedaily.txt", "08_en_danubedaily.txt"]
EXPORT_RECORDS = {"09_pl_agencjarzeczna.txt": "Agencja Rzeczna", "10_uk_richkovyi.txt": "Річковий портал"}
_RFC_DAYS = {"2025-04-09": "Wed, 09 Apr 2025 17:30:00 +0300", "2025-04-11": "Fri, 11 Apr 2025 09:10:00 +0300"}


def feed() -> str:
    items = []
    for n, name in enumerate(FEED_ITEMS, 1):
        date, title, body = article(name)
        items.append(f"""<item><title>{html.escape(title)}</title><link>https://danubedaily.example/n/{n}</link>
<pubDate>{_RFC_DAYS[date]}</pubDate><dc:creator>Danube Daily desk</dc:creator>
<description>{html.escape(paras(body))}</description></item>""")
    return ("""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Danube Shipping Daily</title>
<link>https://danubedaily.example/</link><description>News from the river</description><language>en</language>
""" + "\n".join(items) + "\n</channel></rss>\n")


def export() -> str:
    lines = []
    for name, outlet in EXPORT_RECORDS.items():
        date, title, body = article(name)
        lines.append(json.dumps({"title": title, "published": f"{date}T10:00:00Z", "body": "\n\n".join(body),
                                 "source": {"name": outlet}, "url": f"https://example.org/{name[:2]}"},
                                ensure_ascii=False))
    lines.insert(1, '{"title": "A record cut short by the export tool", "body": "Half a rec')  # a bad line
    return "\n".join(lines) + "\n"


def main() -> None:
    WEB.mkdir(exist_ok=True)
    for name, (page, template, encoding) in PAGES.items():
        date, title, body = article(name)
        (WEB / page).write_bytes(template(date, title, body).encode(encoding, "xmlcharrefreplace"))
    (WEB / "07_danubedaily.rss").write_text(feed(), encoding="utf-8")
    (WEB / "08_export.jsonl").write_text(export(), encoding="utf-8")


if __name__ == "__main__":
    main()
