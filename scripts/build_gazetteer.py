#!/usr/bin/env python3
"""Generate tui/engine/data/places.json, the place-name gazetteer read by tui/engine/gazetteer.py.

Source: Unicode CLDR (Common Locale Data Repository), read through babel (babel 2.18.0 ships CLDR 47; the
versions actually used are written into the file's "meta"). Optionally, the alternative names that babel
drops ("UK", "US", "Turkey", "Czech Republic", "Hong Kong", "Palestine": CLDR's alt="short"/"variant"
territory names) are added from the same CLDR release in its official JSON form, the npm package
cldr-localenames-full; the script refuses a JSON release whose major version differs from babel's.
Licence of the data: Unicode License v3 (SPDX: Unicode-3.0), https://www.unicode.org/license.txt.

What goes in, per place:
  * territory names (countries, dependencies, UN M49 regions such as "Central Asia" / "Azja Środkowa",
    and the European Union) in the locales of LANGUAGES below, including their regional sub-locales
    (de_CH, pt_PT, es_419...): only Latin- or Cyrillic-script spellings are kept;
  * time-zone exemplar cities in the same locales (Moskwa, Moskau, Moscou), keyed by CLDR's zone ids,
    which are often the old IANA ids (Kijów lives under Europe/Kiev), mapped to the current IANA id with
    babel's zone aliases, so Europe/Kiev and Europe/Kyiv are one record;
  * the English city name spelled by the zone ids themselves (Europe/Kiev -> "Kiev", Asia/Calcutta ->
    "Calcutta", America/New_York -> "New York"), unless it merely truncates CLDR's English name
    (Pacific/Easter -> "Easter" of "Easter Island", America/North_Dakota/Center -> "Center" of
    "Center, North Dakota"): those truncations are ordinary words;
  * spellings derived by rule: "Myanmar (Burma)" also gives "Myanmar" and "Burma" (a parenthesis is kept
    as a name only if it is one proper word found nowhere else: not "(Republik)", not "(Chiny)"), and
    "Bosnia & Herzegovina" also gives "Bosnia and Herzegovina" with the locale's own "and" (CLDR list
    patterns);
  * country abbreviations CLDR lacks ("ФРГ", "ČR"), from the hand-written table
    scripts/data/country_abbreviations.toml (its source is noted there), kept even when two letters long;
  * the territory a locale names inside its names of regional languages, where that is not its territory
    name: Czech CLDR calls GB "Spojené království" but British English "angličtina (Velká Británie)", so
    "Velká Británie" is Czech for GB too (capitalised words only, no abbreviation or all-caps code, and no
    other place's spelling: "Evropa" in "portugalština (Evropa)" is Europe's).
Left out: the world (001), Eurozone, United Nations, Unknown Region and the pseudo-locale codes (they are
not places); Antarctic research stations and Etc/ zones; spellings of fewer than 3 letters unless they
are all-caps short forms ("UK", "US"; two-letter ones only from en/pl/de/fr), which the runtime matches
case-sensitively; one-word spellings that only other languages use and that are ordinary words in
English, Polish, German or French (Albanian "Man" for the Isle of Man, Portuguese "Omã" ~ Polish "oma"),
judged with simplemma's dictionaries (see drop_common_words).

Zones that are a territory ("Asia/Singapore", "Asia/Kuwait", "Europe/Monaco", "Asia/Hong_Kong",
"Indian/Christmas") are folded into the territory record: a zone is merged when its English name is a
country's English name, whole or cut short ("Vatican" of "Vatican City", "Canary" of "Canary Islands").

Collisions: after merging, a folded spelling still claimed by two records goes to exactly one of them,
ranked by (1) how many of storyview's core languages (en, pl, de, fr) use it for the record ("Tunis" is
the city in all four, though Croatian and Russian call the country so too); (2) kind: country, then
region, then city ("Mexico" is the country in English, the city in French: the country wins); (3) a
spelling CLDR gives outright over one derived here by rule; (4) the number of languages that use it;
(5) the id. The loser keeps its other spellings; a record left with none is dropped. Every collision is
printed and stored under meta["collisions"].

Run from the repository root, with babel installed (`pip install -e .[data]`):
    python scripts/build_gazetteer.py [--cldr-json DIR] [--report FILE]
where DIR is an unpacked cldr-localenames-full of the same CLDR major version, e.g.
    npm pack cldr-localenames-full@47.0.0 && tar xzf cldr-localenames-full-47.0.0.tgz  # DIR = ./package
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import babel
from babel import Locale
from babel.core import get_global, parse_locale
from babel.localedata import locale_identifiers

ROOT = Path(__file__).resolve().parent.parent


def _runtime_module() -> ModuleType:
    """tui/engine/gazetteer.py, loaded by path: its folding decides what "the same spelling" is, so build
    and lookup agree. Loaded alone because importing the tui.engine package pulls in the whole engine."""
    path = ROOT / "tui" / "engine" / "gazetteer.py"
    spec = importlib.util.spec_from_file_location("_storyview_gazetteer", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is being made
    spec.loader.exec_module(module)
    return module


_runtime = _runtime_module()
FOLD_VERSION: int = _runtime.FOLD_VERSION
acronym_key = _runtime.acronym_key
fold = _runtime.fold

OUTPUT = ROOT / "tui" / "engine" / "data" / "places.json"
ABBREVIATIONS = ROOT / "scripts" / "data" / "country_abbreviations.toml"

# Languages whose names are collected (with every regional sub-locale babel has for them). Latin-script
# languages of Europe and Central Asia that news in storyview's languages quote, plus the Cyrillic ones
# whose names are stored as written (the engine also transliterates Cyrillic queries itself).
LANGUAGES = frozenset({
    "en", "pl", "de", "fr", "es", "it", "pt", "nl", "cs", "sk", "sl", "hr", "bs", "sr", "ro", "hu", "sv",
    "da", "no", "nb", "fi", "tr", "lt", "lv", "et", "uz", "az", "ca", "sq", "is",
    "ru", "uk", "be", "bg", "mk", "kk",
})
# Territory codes that are not places one reads about as places.
SKIP_TERRITORIES = frozenset({"001", "EZ", "UN", "ZZ", "XA", "XB"})
# Non-numeric codes that are groupings rather than countries.
REGION_CODES = frozenset({"EU", "QO"})
# Zone areas that hold no towns: research stations named after people (Casey, Davis) and UTC offsets.
SKIP_ZONE_AREAS = ("Etc/", "Antarctica/")
KIND_RANK = {"country": 0, "region": 1, "city": 2}
# The languages storyview reads most: a spelling they use for a place outranks the same spelling used by
# other languages for another place ("Tunis" is the city in English, Polish, German and French, though
# Croatian and Russian name the country so too).
CORE_LANGUAGES = frozenset({"en", "pl", "de", "fr"})
MIN_LETTERS = 3


@dataclass
class Spelling:
    """How one spelling of one place was attested."""

    languages: set[str] = field(default_factory=set)  # languages whose CLDR data gives it outright
    derived_from: set[str] = field(default_factory=set)  # languages where a rule here produced it


@dataclass
class Record:
    """A place being assembled: its spellings and where each came from."""

    id: str
    kind: str
    name: str = ""
    territory: str | None = None  # for zones: the territory the zone lies in
    spellings: dict[str, Spelling] = field(default_factory=dict)

    def add(self, text: str, language: str, derived: bool = False, listed: bool = False) -> None:
        """listed: an abbreviation the table of country abbreviations gives, kept however short."""
        text = " ".join(text.split())
        if not text or not _script_ok(text) or not _long_enough(text):
            return
        acronym = acronym_key(text)
        if acronym and len(acronym) < MIN_LETTERS and language not in CORE_LANGUAGES and not listed:
            return  # Dutch "VS", Albanian "MB", Bulgarian "ОК": in core-language text these are other things
        entry = self.spellings.setdefault(text, Spelling())
        (entry.derived_from if derived else entry.languages).add(language)

    def keys(self) -> set[str]:
        return {_key(s) for s in self.spellings}


def _key(spelling: str) -> str:
    """The namespace-qualified key a spelling claims: all-caps short forms are compared apart."""
    acronym = acronym_key(spelling)
    return "=" + acronym if acronym else fold(spelling)


def _script_ok(text: str) -> bool:
    """Only Latin or only Cyrillic letters (the engine reads these scripts); modifier letters (ʻ) allowed."""
    scripts: set[str] = set()
    for ch in text:
        if ch.isalpha() and unicodedata.category(ch) != "Lm":
            script = unicodedata.name(ch, "").split(" ", 1)[0]
            if script not in ("LATIN", "CYRILLIC"):
                return False
            scripts.add(script)
    return len(scripts) == 1


def _long_enough(text: str) -> bool:
    # Two-letter words ("Ý", "Úc") are everyday words somewhere; CLDR's all-caps short forms are kept.
    return sum(ch.isalpha() for ch in text) >= MIN_LETTERS or acronym_key(text) is not None


def _selected_locales() -> list[str]:
    return sorted(lid for lid in locale_identifiers() if parse_locale(lid)[0] in LANGUAGES)


def _conjunction(locale: Locale) -> str | None:
    """The locale's word for 'and', from its CLDR list pattern "{0} and {1}"."""
    pattern = locale.list_patterns.get("standard", {}).get("2", "")
    word = pattern.replace("{0}", "").replace("{1}", "").strip()
    return word if word.isalpha() else None


_PAREN = re.compile(r"\s*\(([^()]*)\)")


def _paren_parts(name: str) -> tuple[str, list[str]]:
    """'Myanmar (Burma)' -> ('Myanmar', ['Burma']); 'Cocos (Keeling) Islands' -> ('Cocos Islands', []).

    Only a closing parenthesis can be another name for the whole; one inside the name is part of it.
    """
    inner = _PAREN.findall(name) if name.endswith(")") else []
    base = " ".join(_PAREN.sub(" ", name).split())
    return base, inner[-1:]


# --- collecting -------------------------------------------------------------------------------------------


def collect_territories(locales: list[str], cldr_json: Path | None, pending_parens: list[tuple[str, str, str]],
                        pending_languages: list[tuple[str, str, str]]) -> dict[str, Record]:
    records: dict[str, Record] = {}
    english = Locale("en").territories
    for code, name in english.items():
        if code in SKIP_TERRITORIES:
            continue
        kind = "region" if code.isdigit() or code in REGION_CODES else "country"
        records[code] = Record(code, kind, name)

    for lid in locales:
        locale = Locale.parse(lid)
        language = locale.language
        names = dict(locale.territories)
        alternatives = _json_alternatives(cldr_json, lid) if cldr_json else {}
        conjunction = _conjunction(locale)
        for code, record in records.items():
            for text in filter(None, (names.get(code), *alternatives.get(code, ()))):
                record.add(text, language)
                base, inner = _paren_parts(text)
                if base != text:
                    record.add(base, language, derived=True)
                # Judged once every record is known: is the parenthesis another name or a qualifier?
                pending_parens.extend((code, part.strip(), language) for part in inner)
                if conjunction and " & " in base:
                    record.add(base.replace(" & ", f" {conjunction} "), language, derived=True)
        for code, text in _regional_language_territories(locale, names):
            if code in records:
                pending_languages.append((code, text, language))
    for language, table in tomllib.loads(ABBREVIATIONS.read_text(encoding="utf-8")).items():
        for code, abbreviations in table.items():
            if code not in records:
                sys.exit(f"{ABBREVIATIONS}: [{language}] {code} is no CLDR territory")
            for text in abbreviations:
                records[code].add(text, language, listed=True)
    return records


_IN_PARENS = re.compile(r".*\(([^()]+)\)")


def _regional_language_territories(locale: Locale, names: dict[str, str]) -> list[tuple[str, str]]:
    """(territory code, name) from the locale's names of regional languages ("angličtina (Velká Británie)"
    for en_GB) whose parenthesis is not the locale's territory name, capitalised words only, no abbreviation
    ("Брит.") and no all-caps code ("GB")."""
    out = []
    for key, value in locale.languages.items():
        code = key.rsplit("_", 1)[-1] if "_" in key else ""
        match = _IN_PARENS.fullmatch(value)
        if not code or match is None or match.group(1) == names.get(code):
            continue
        text = match.group(1).strip()
        words = text.split()
        if all(w[:1].isupper() and not w.isupper() and w.isalpha() for w in words):
            out.append((code, text))
    return out


def judge_regional_language_names(records: dict[str, Record], pending: list[tuple[str, str, str]]) -> list[str]:
    """Keep the territory names found in regional languages' names that no other place spells so."""
    owners: dict[str, set[str]] = defaultdict(set)
    for rec in records.values():
        for text in rec.spellings:
            owners[fold(text)].add(rec.id)
    kept = []
    for code, text, language in pending:
        if owners[fold(text)] - {code}:
            continue  # "Evropa" (Europe), "Kongo" (both Congos)
        if text not in records[code].spellings:
            kept.append(f"{code}: {text} ({language})")
        records[code].add(text, language, derived=True)
    return sorted(set(kept))


def _json_alternatives(root: Path, lid: str) -> dict[str, list[str]]:
    """CLDR's alt="short"/"variant" territory names for one locale, from cldr-localenames-full."""
    path = root / "main" / lid.replace("_", "-") / "territories.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    territories = next(iter(data["main"].values()))["localeDisplayNames"]["territories"]
    out: dict[str, list[str]] = defaultdict(list)
    for key, value in territories.items():
        if "-alt-" in key:
            out[key.split("-alt-", 1)[0]].append(value)
    return out


def _zone_city(zone_id: str) -> str:
    """Europe/Kiev -> 'Kiev', America/Argentina/Buenos_Aires -> 'Buenos Aires'."""
    return zone_id.rsplit("/", 1)[-1].replace("_", " ")


def _is_word_prefix(short: str, long: str) -> bool:
    """'easter' of 'easter island', 'center' of 'center north dakota' (folded, whole words, shorter)."""
    return long != short and long.startswith(short + " ")


def collect_zones(locales: list[str]) -> dict[str, Record]:
    zone_territories: dict[str, str] = get_global("zone_territories")
    aliases: dict[str, str] = get_global("zone_aliases")

    def canonical(zone_id: str) -> str | None:
        zone_id = zone_id if zone_id in zone_territories else aliases.get(zone_id, "")
        if not zone_id or zone_id.startswith(SKIP_ZONE_AREAS):
            return None
        return zone_id if zone_territories.get(zone_id) not in (None, "001", "ZZ") else None

    records: dict[str, Record] = {}
    data_ids: dict[str, set[str]] = defaultdict(set)  # canonical id -> CLDR ids holding its data
    own_word: dict[str, set[str]] = defaultdict(set)  # canonical id -> languages with their own exemplar
    for zone_id in zone_territories:
        if canonical(zone_id) == zone_id:
            records[zone_id] = Record(zone_id, "city", territory=zone_territories[zone_id])
            data_ids[zone_id].add(zone_id)

    for lid in locales:
        locale = Locale.parse(lid)
        for zone_id, info in locale.time_zones.items():
            target = canonical(zone_id)
            if target is None or "city" not in info:
                continue
            data_ids[target].add(zone_id)
            own_word[target].add(locale.language)
            records[target].add(info["city"], locale.language)

    english = Locale("en").time_zones
    for zone_id, record in records.items():
        # Prefer CLDR's English exemplar (Kyiv, Kolkata); a zone without one is named by its id.
        english_names = [english[d]["city"] for d in sorted(data_ids[zone_id], key=lambda d: d != zone_id)
                         if "city" in english.get(d, {})]
        record.name = english_names[0] if english_names else _zone_city(zone_id)
        # CLDR lists an exemplar only where a language differs from the id's own spelling, which every
        # other language uses (babel falls back to it): "Tunis" is Polish, German and French CLDR too.
        falls_back = sorted(LANGUAGES - own_word[zone_id])
        for data_id in sorted(data_ids[zone_id]):
            spelled = _zone_city(data_id)
            if any(_is_word_prefix(fold(spelled), fold(e)) for e in english_names):
                continue  # "Easter" of "Easter Island": a truncation, and an everyday word
            for language in falls_back:
                record.add(spelled, language)
            if not falls_back:
                record.add(spelled, "en", derived=True)  # "Kiev": no language's word any more, still used
    return records


# --- merging and resolving --------------------------------------------------------------------------------


def merge_zones_into_territories(territories: dict[str, Record], zones: dict[str, Record]) -> list[str]:
    """Fold zones that are a territory into it; returns one line per merge for the report.

    The test is the zone's English name: equal to a country's English name (Kuwait, Singapore, Monaco) or
    that name cut short (Vatican of Vatican City, Canary of Canary Islands). Sharing spellings in other
    languages is not enough: Russian, Croatian and Spanish call Tunis and Tunisia alike, English does not.
    """
    english_names: dict[str, set[str]] = {
        code: {fold(s) for s, a in rec.spellings.items() if "en" in a.languages}
        for code, rec in territories.items() if rec.kind == "country"
    }
    log: list[str] = []
    for zone_id in sorted(zones):
        zone = zones[zone_id]
        short = fold(zone.name)
        # The zone's own territory first: America/Antigua belongs to Antigua & Barbuda whatever else matches.
        codes = sorted(english_names, key=lambda c: (c != zone.territory, c))
        target = next((territories[c] for c in codes
                       if any(short == n or _is_word_prefix(short, n) for n in english_names[c])), None)
        if target is None:
            continue
        for text, spelling in zone.spellings.items():
            entry = target.spellings.setdefault(text, Spelling())
            entry.languages |= spelling.languages
            entry.derived_from |= spelling.derived_from
        del zones[zone_id]
        log.append(f"{zone_id} ({zone.name}) -> {target.id} ({target.name})")
    return log


def judge_parentheses(records: dict[str, Record], pending: list[tuple[str, str, str]]) -> list[str]:
    """Keep '(Burma)' as a name; drop qualifiers such as '(Republik)', '(miasto)', '(Chiny)', '(USA, Kanada)'."""
    owners: dict[str, set[str]] = defaultdict(set)  # folded word / spelling -> records using it
    for rec in records.values():
        for text in rec.spellings:
            owners["=" + fold(text)].add(rec.id)
            for word in fold(text).split():
                owners[word].add(rec.id)
    kept: list[str] = []
    for code, part, language in pending:
        key = fold(part)
        if not part[:1].isupper() or " " in key or not key:
            continue  # lower-case qualifiers, or several words: a description, not a name
        other_place = owners["=" + key] - {code}
        common_word = owners[key] - {code}
        if other_place or common_word:
            continue
        if acronym_key(part) and len(key) < MIN_LETTERS:
            continue  # "(DR)", "(RC)": too short to mean the place on its own
        if part not in records[code].spellings:
            kept.append(f"{code}: {part}")
        records[code].add(part, language, derived=True)
    return sorted(set(kept))


def _rank(record: Record, key: str) -> tuple:
    attested = [s for t, s in record.spellings.items() if _key(t) == key]
    outright = set().union(*(s.languages for s in attested))
    derived = set().union(*(s.derived_from for s in attested))
    return (-len(outright & CORE_LANGUAGES), KIND_RANK[record.kind], not outright, -len(outright | derived),
            record.id)


def drop_common_words(records: list[Record], local: list[list] | None = None) -> list[str]:
    """Drop one-word spellings that are ordinary words of a core language, unless a core language itself
    names the place so.

    A place name of one language can be an everyday word of another: Portuguese "Omã" folds to Polish
    "oma", Croatian "Beč" (Vienna) to French "bec", Albanian "Man" (Isle of Man) is English "man", and
    the zone id Asia/Oral spells English "oral". storyview trusts a gazetteer hit over its common-word
    test, so such spellings would turn ordinary words into places. simplemma's dictionaries (a storyview
    dependency) decide: a word is ordinary in a language if its lower-case form is listed and its
    capitalised form is not (the lists also hold lower-cased proper nouns, such as "italia", next to
    "Italia"). German nouns, always capitalised, cannot be told from names this way and are not tested.
    The test is per folded key: "Berlín" is never dropped while "Berlin" is German, and "Kijów" stays
    although Polish "kijów" means "sticks", because Polish itself names Kyiv so.
    """
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory  # build time only

    factory = DefaultDictionaryFactory()
    dictionaries = [factory.get_dictionary(lang) for lang in sorted(CORE_LANGUAGES)]

    def ordinary(text: str) -> bool:
        for form in {text.lower(), fold(text)}:
            if any(form in d and form.capitalize() not in d for d in dictionaries):
                return True
        return False

    dropped: list[str] = []
    for record in records:
        protected = {_key(t) for t, s in record.spellings.items() if s.languages & CORE_LANGUAGES}
        for text in list(record.spellings):
            key = _key(text)
            if key in protected or key.startswith("=") or " " in key:
                continue
            if ordinary(text):
                spelling = record.spellings.pop(text)
                dropped.append(f"{text} ({record.id})")
                if local is not None:
                    local.append([text, record.id, sorted(spelling.languages | spelling.derived_from)])
    return sorted(dropped, key=str.casefold)


def resolve_collisions(records: list[Record]) -> dict[str, list[str]]:
    """Give every key to one record; returns {key: [winner id, loser ids...]}."""
    claims: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        for key in record.keys():
            claims[key].append(record)
    collisions: dict[str, list[str]] = {}
    for key, claimants in sorted(claims.items()):
        if len(claimants) < 2:
            continue
        claimants.sort(key=lambda r: _rank(r, key))
        collisions[key] = [r.id for r in claimants]
        for loser in claimants[1:]:
            loser.spellings = {t: s for t, s in loser.spellings.items() if _key(t) != key}
    return collisions


# --- output -----------------------------------------------------------------------------------------------


def build(cldr_json: Path | None, json_release: str | None = None) -> tuple[dict, list[str]]:
    locales = _selected_locales()
    pending: list[tuple[str, str, str]] = []
    pending_languages: list[tuple[str, str, str]] = []
    territories = collect_territories(locales, cldr_json, pending, pending_languages)
    zones = collect_zones(locales)
    merges = merge_zones_into_territories(territories, zones)
    # After the zones are known, so that "Congo (Kinshasa)" does not make the city a name of the country.
    parens = judge_parentheses({**territories, **zones}, pending)
    regional = judge_regional_language_names({**territories, **zones}, pending_languages)
    records = sorted([*territories.values(), *zones.values()], key=lambda r: (KIND_RANK[r.kind], r.id))
    local: list[list] = []
    common = drop_common_words(records, local)
    collisions = resolve_collisions(records)
    dropped = [f"{r.id} ({r.name})" for r in records if not r.spellings]
    nameless = [f"{r.id} ({r.name})" for r in records
                if r.spellings and _key(r.name) not in r.keys()]
    records = [r for r in records if r.spellings]

    places = []
    for r in records:
        names = sorted(r.spellings)
        keys = sorted({fold(n) for n in names if not acronym_key(n)})
        acronyms = sorted({a for a in map(acronym_key, names) if a})
        places.append([r.id, r.kind, r.name, names, keys, acronyms])

    cldr_version = get_global("cldr")["version"]
    meta = {
        "source": f"Unicode CLDR {cldr_version} via babel {babel.__version__}"
                  + (f", alt names from {json_release}" if json_release else ""),
        "license": "Unicode License v3 (Unicode-3.0), https://www.unicode.org/license.txt",
        "generator": "scripts/build_gazetteer.py",
        "fold_version": FOLD_VERSION,
        "languages": sorted(LANGUAGES),
        "collisions": collisions,
    }
    report = [f"{len(locales)} locales; {len(places)} places "
              f"({', '.join(f'{k}: {sum(p[1] == k for p in places)}' for k in KIND_RANK)}); "
              f"{sum(len(p[3]) for p in places)} spellings",
              f"zones merged into their territory ({len(merges)}):", *("  " + m for m in merges),
              f"parenthesised names kept ({len(parens)}):", *("  " + p for p in parens),
              f"names from regional languages' names kept ({len(regional)}):", *("  " + r for r in regional),
              f"spellings dropped as ordinary words of a core language ({len(common)}):",
              *("  " + c for c in common),
              f"collisions ({len(collisions)}), winner first:",
              *(f"  {k!r}: {' > '.join(v)}" for k, v in collisions.items()),
              f"records left without spellings, dropped ({len(dropped)}):", *("  " + d for d in dropped),
              f"records whose English name is not theirs to look up ({len(nameless)}):",
              *("  " + n for n in nameless)]
    # a dropped spelling stays the place's in the languages that name it so, if the record survived
    survivors = {r.id for r in records}
    local = sorted((entry for entry in local if entry[1] in survivors), key=lambda e: (fold(e[0]), e[1]))
    return {"meta": meta, "places": places, "local": local}, report


def _check_json_release(root: Path) -> str:
    """'cldr-localenames-full 47.0.0', or exit if DIR is not that package for babel's CLDR version."""
    package = json.loads((root / "package.json").read_text(encoding="utf-8"))
    ours = get_global("cldr")["version"].split(".")[0]
    theirs = str(package.get("version", "")).split(".")[0]
    if package.get("name") != "cldr-localenames-full" or theirs != ours:
        sys.exit(f"{root}: need cldr-localenames-full of CLDR {ours}, found "
                 f"{package.get('name')} {package.get('version')}")
    return f"{package['name']} {package['version']}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cldr-json", type=Path, help="unpacked cldr-localenames-full, for alt names")
    parser.add_argument("--report", type=Path, help="write the full report here (default: stdout)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    json_release = _check_json_release(args.cldr_json) if args.cldr_json else None
    data, report = build(args.cldr_json, json_release)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    if args.report:
        args.report.write_text("\n".join(report) + "\n", encoding="utf-8")
        print(report[0])
    else:
        print("\n".join(report))
    print(f"wrote {args.output} ({len(text.encode()) // 1024} KiB)")


if __name__ == "__main__":
    main()
