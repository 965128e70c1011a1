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


def labsky(date: str, title: str, body: list[str]) -> str:
    # a site of the early 2000s: windows-1250, nothing but layout tables, no metadata; paragraphs are
    # <br><br> runs in one cell, the headline is bold text, comments sit in a table of their own
    year, month, day = date.split("-")
    cell = "<br><br>\n".join(html.escape(p) for p in body)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1250">
<title>{html.escape(title)} - Labský zpravodaj</title></head>
<body bgcolor="#ffffff"><table width="780" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="3"><img src="/img/logo.gif" alt="Labský zpravodaj" width="300" height="60"></td></tr>
<tr><td width="150" valign="top" bgcolor="#eeeeee"><a href="/">Úvod</a><br><a href="/zpravy">Zprávy</a><br>
<a href="/kultura">Kultura</a><br><a href="/sport">Sport</a><br><a href="/inzerce">Inzerce</a><br><a href="/archiv">Archiv</a></td>
<td width="480" valign="top"><font face="Arial" size="4"><b>{html.escape(title)}</b></font><br>
<font size="1">Přidáno: {day}.{month}.{year} | Přečteno 1873×</font><br><br>
{cell}
<br><br><table width="100%"><tr><td><b>Související články</b><br><a href="/c1">Povodeň zaplavila sklepy v Lovosicích</a><br>
<a href="/c2">Kraj chystá nové cyklostezky podél řeky</a></td></tr></table>
<table width="100%" class="diskuse"><tr><td><b>Názory čtenářů</b></td></tr>
<tr><td><b>Pepa z Lhoty</b> 12.03.2025 18:02<br>Konečně, už jsme na to čekali celou zimu.</td></tr>
<tr><td><b>Věra</b> 12.03.2025 19:40<br>A co lávka pro pěší, ta se opravovat nebude?</td></tr></table>
<form action="/pridat"><table><tr><td>Jméno:</td><td><input name="jmeno"></td></tr>
<tr><td>E-mail:</td><td><input name="email"></td></tr><tr><td>Text názoru:</td><td><textarea name="text"></textarea></td></tr>
<tr><td colspan="2"><input type="submit" value="Odeslat"></td></tr></table></form></td>
<td width="150" valign="top"><table><tr><td><b>Reklama</b><br><a href="/r"><img src="/ad.gif" alt="Stavebniny Kovář"></a></td></tr>
<tr><td><b>Odběr novinek</b><br>Zadejte svůj e-mail a my vám každý týden pošleme přehled zpráv z regionu.<br>
<input name="newsletter"></td></tr></table></td></tr>
<tr><td colspan="3" align="center"><font size="1">© 2003–2025 Labský zpravodaj | Všechna práva vyhrazena |
<a href="/kontakt">Kontakt</a></font></td></tr></table></body></html>
"""


def northbank(date: str, title: str, body: list[str]) -> str:
    # a photo gallery: readers' top comment teased above the story, captions under the photos, a
    # month-only date in JSON-LD, no og:site_name (the outlet is in the title, the logo and the © line)
    intro, first, second, *rest = body
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | Northbank Chronicle</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "ImageGallery",
 "headline": {json.dumps(title)}, "datePublished": "{date}"}}</script></head><body>
<header><a href="/" class="brand"><img src="/logo.svg" alt="Northbank Chronicle"></a>
<nav><a href="/news">News</a> <a href="/pictures">Pictures</a> <a href="/sport">Sport</a> <a href="/events">What's on</a></nav></header>
<div class="top-comment"><span class="user">riverrat22</span><p>My grandfather worked in those silos for thirty years,
sad to see them go.</p><button>Reply</button> <button>Report</button></div>
<main><div class="gallery-page"><h1>{html.escape(title)}</h1>
<p>{html.escape(intro)}</p>
<figure><img src="/g/1.jpg" alt=""><figcaption>{html.escape(first)}</figcaption></figure>
<figure><img src="/g/2.jpg" alt=""><figcaption>{html.escape(second)}</figcaption></figure>
{paras(rest)}
<div class="share-tools"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div></div>
<div class="more-galleries"><h3>More galleries</h3><ul><li><a href="/g2">Fireworks over the harbour</a></li>
<li><a href="/g3">The Northbank marathon in forty photos</a></li></ul></div></main>
<footer>© 2025 Northbank Chronicle. Part of Riverside Media Group.</footer></body></html>
"""


def kurier(date: str, title: str, body: list[str]) -> str:
    # a live blog: a lead paragraph in the article's header, updates newest first (the oldest is the
    # last timestamped block), a visible "Dodano:" label as the only date
    year, month, day = date.split("-")
    lead, *updates = body
    times = ["14:40", "12:15", "9:30", "7:05"]
    blocks = "\n".join(f'<div class="entry"><time>{at}</time><p>{html.escape(update)}</p></div>'
                       for at, update in zip(times, updates, strict=True))
    return f"""<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8"><title>{html.escape(title)} - Kurier Nadsański</title></head><body>
<nav class="top"><a href="/">Kurier Nadsański</a> <a href="/region">Region</a> <a href="/pogoda">Pogoda</a> <a href="/ogloszenia">Ogłoszenia</a></nav>
<main><article><header><h1>{html.escape(title)}</h1><p class="lead">{html.escape(lead)}</p>
<div class="info">Dodano: {day}.{month}.{year}, 07:05 · Aktualizacja: 14:40</div></header>
<div class="live-feed">
{blocks}
</div></article>
<aside class="newsletter"><h3>Newsletter</h3><p>Zapisz się, a najważniejsze wiadomości z regionu trafią do Ciebie każdego ranka.</p></aside>
</main><footer>© Kurier Nadsański 2025. Wszystkie prawa zastrzeżone.</footer></body></html>
"""


def elbbote(date: str, title: str, body: list[str]) -> str:
    # a standfirst as the first <p> of the header, a pull-quote repeating a sentence of the text, a
    # "Veröffentlicht am" label, the outlet only in the title and the © line
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember"]
    year, month, day = date.split("-")
    intro, first, quote_para, *rest = body
    quote = quote_para.split("“")[0] + "“"
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{html.escape(title)} | Elbbote</title></head><body>
<div class="navi"><a href="/">Startseite</a> <a href="/lokales">Lokales</a> <a href="/hafen">Hafen</a> <a href="/kontakt">Kontakt</a></div>
<main><article><header><h1>{html.escape(title)}</h1><p>{html.escape(intro)}</p>
<p class="dateline">Veröffentlicht am {int(day)}. {months[int(month) - 1]} {year}</p></header>
<div class="body-text"><p>{html.escape(first)}</p>
<blockquote class="pull">{html.escape(quote)}</blockquote>
<p>{html.escape(quote_para)}</p>
{paras(rest)}</div></article>
<div class="teaser"><h4>Auch interessant</h4><a href="/t1">Hafenfest in Brunsbüttel mit Rekordbesuch</a></div></main>
<footer>© 2025 Elbbote Verlag GmbH · Impressum · Datenschutz</footer></body></html>
"""


PAGES = {
    "01_en_harbourpost.txt": ("01_harbourpost_galati-barge.html", harbour_post, "utf-8"),
    "02_en_riverwire.txt": ("02_riverwire_dredging.html", river_wire, "utf-8"),
    "03_de_donaukurier.txt": ("03_donaukurier_getreidekahn.html", donaukurier, "utf-8"),
    "04_pl_gazetanadwislanska.txt": ("04_gazeta_barka.html", gazeta, "utf-8"),
    "05_uk_pivdennyivisnyk.txt": ("05_visnyk_barzha.html", visnyk, "utf-8"),
    "06_de_ostseeblatt.txt": ("06_ostseeblatt_baggern.htm", ostseeblatt, "cp1252"),
    "11_cs_labskyzpravodaj.txt": ("09_labsky_privoz.htm", labsky, "cp1250"),
    "12_en_northbank.txt": ("10_northbank_silos.html", northbank, "utf-8"),
    "13_pl_kuriernadsanski.txt": ("11_kurier_san.html", kurier, "utf-8"),
    "14_de_elbbote.txt": ("12_elbbote_faehre.html", elbbote, "utf-8"),
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


# A WordPress-style feed: full text in content:encoded, each item with the clutter such feeds carry — a
# share line, related headlines, a links-only line, the "appeared first on" footer in the item's language
CLUTTER_ITEMS = {
    "15_en_tidewire.txt": ("Mon, 10 Mar 2025 08:00:00 +0000",
                           '<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="#">Facebook</a></li>'
                           '<li><a href="#">X</a></li></ul></div>\n<p>Related: <a href="/k1">Ferry strike ends in '
                           'Cuxhaven</a> · <a href="/k2">New pilots for the Elbe</a></p>\n<p>The post <a href="/p/1">'
                           '{title}</a> appeared first on <a href="/">Tide Wire</a>.</p>'),
    "16_de_tidewire.txt": ("Tue, 11 Mar 2025 12:30:00 +0100",
                           '<p>Teilen mit: <a href="#">Facebook</a> <a href="#">WhatsApp</a> <a href="#">E-Mail</a></p>\n'
                           '<p>Mehr Nachrichten aus der Region auf <a href="/">tidewire.example</a>.</p>\n'
                           '<p>Der Beitrag <a href="/p/2">{title}</a> erschien zuerst auf <a href="/">Tide Wire</a>.</p>'),
    "17_pl_tidewire.txt": ("Wed, 12 Mar 2025 18:45:00 +0100",
                           '<div class="jp-relatedposts"><h3>Podobne</h3><a href="/k3">Remont śluzy w Gdańsku</a></div>\n'
                           '<p>Wpis <a href="/p/3">{title}</a> pojawił się pierwszy raz w <a href="/">Tide Wire</a>.</p>'),
}


def clutter_feed() -> str:
    items = []
    for n, (name, (when, clutter)) in enumerate(CLUTTER_ITEMS.items(), 1):
        _, title, body = article(name)
        content = paras(body) + "\n" + clutter.format(title=html.escape(title))
        items.append(f"""<item><title>{html.escape(title)}</title><link>https://tidewire.example/p/{n}</link>
<pubDate>{when}</pubDate><description>{html.escape(body[0][:60])} [&#8230;]</description>
<content:encoded><![CDATA[{content}]]></content:encoded></item>""")
    return ("""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Tide Wire</title>
<link>https://tidewire.example/</link><description>Ports and waterways</description>
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
    (WEB / "13_tidewire.rss").write_text(clutter_feed(), encoding="utf-8")


if __name__ == "__main__":
    main()
