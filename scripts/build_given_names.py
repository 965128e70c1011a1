#!/usr/bin/env python3
"""Generate tui/engine/data/given_names.json, the given-name equivalences read by tui/engine/given_names.py.

Source: the person-name table of OpenSanctions' `rigour` package (code MIT; the name data is derived from
Wikidata, CC0 1.0). Each line of that table is one Wikidata name item (or one of rigour's own groups) with
its spellings in many languages and scripts: "vladimir, wladimir, władimir, владимир, володимир, ... =>
Q2253934". rigour 2.6.1 keeps the table zstd-compressed inside its compiled module; this script reads it
out of the wheel (never imports rigour, which costs ~7 s and ~390 MB on first use) and refuses any wheel
but the pinned one, so the output is reproducible.

What is kept, per group:
  * one-word spellings written only in Latin or Cyrillic letters (the scripts of storyview's packs),
    folded as the engine folds (tui.engine.names.fold: case and diacritics gone), of at least 3 letters;
  * minus spellings that are ordinary words in a pack language with a simplemma dictionary ("vera",
    "roman", "mark": lower case listed and the capitalised form not, as scripts/build_gazetteer.py judges);
  * minus outliers: a spelling whose Latin reading is alike (JaroWinkler >= OUTLIER_SIMILARITY) to fewer
    than a third of the other spellings of its group (and to at least one) is a different name that slipped
    into the item ("pablo" in a group of "juan" and "хуан"; "джон" among Yevgeny's spellings) or a pet
    form ("вова") and would join two names; measured on a list of common given names in ten languages,
    "any one" left 16 false joins of ~1,200 pairs (John / Yevgeny, Juan / Pablo), "a third" none;
  * groups left with fewer than two spellings are dropped (they join nothing), and so are groups whose
    spellings all stand in one larger group (they join nothing that one does not).
The table is gzipped JSON (2.4 MB plain, ~0.7 MB gzipped); its lookup index, data/given_names.keys, is
plain sorted text.
The ambiguity of a spelling (how many groups hold it) is decided at run time, see given_names.py.

Run from the repository root (needs the zstd command-line tool and simplemma):
    pip download --no-deps rigour==2.6.1 -d /tmp/dl
    python scripts/build_given_names.py /tmp/dl/rigour-2.6.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

from rapidfuzz.distance import JaroWinkler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.engine import languages  # noqa: E402  (the repository's own package, found through ROOT)
from tui.engine.lexicon import SIMPLEMMA_LANGUAGES, simplemma_code  # noqa: E402
from tui.engine.names import fold, transliterate  # noqa: E402

RIGOUR_VERSION = "2.6.1"
WHEEL_SHA256 = "b2e19a4da4f047fb780d5075b036099fe9a9b2a6e0ff1c18de1bf4826103d3f8"
OUT = ROOT / "tui" / "engine" / "data" / "given_names.json.gz"
KEYS = ROOT / "tui" / "engine" / "data" / "given_names.keys"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_LINE = re.compile(r"^(?P<forms>.+) => (?P<id>[QX]\d+)$")
SHORTEST = 3
OUTLIER_SIMILARITY = 0.7
OUTLIER_SHARE = 1 / 3


def read_table(wheel: Path) -> list[tuple[str, list[str]]]:
    """(group id, spellings) of every line of rigour's person-name table, out of the pinned wheel."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel}: sha256 {digest} is not that of rigour {RIGOUR_VERSION} ({WHEEL_SHA256})")
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if re.fullmatch(r"rigour/_core\..*\.so", n))
        binary = archive.read(name)
    start = 0
    while (start := binary.find(_ZSTD_MAGIC, start)) >= 0:
        # zstd stops at the end of the first frame; what follows it in the module is not zstd
        done = subprocess.run(["zstd", "-d", "-c", "-q"], input=binary[start:], capture_output=True, check=False)
        start += len(_ZSTD_MAGIC)
        text = done.stdout.decode("utf-8", errors="strict") if done.stdout else ""
        first = text.split("\n", 1)[0]
        if _LINE.match(first):
            rows = []
            for line in text.splitlines():
                match = _LINE.match(line)
                if match is None:
                    raise SystemExit(f"unexpected line in rigour's person-name table: {line[:80]!r}")
                rows.append((match["id"], match["forms"].split(", ")))
            return rows
    raise SystemExit(f"no person-name table found in {name}")


def _latin_or_cyrillic(word: str) -> bool:
    return all(unicodedata.name(ch, "").startswith(("LATIN", "CYRILLIC")) for ch in word if ch.isalpha()) \
        and all(ch.isalpha() or ch in "'-" for ch in word)


def ordinary_words() -> set[str]:
    """Folded words that are ordinary (not names) in a pack language simplemma has a dictionary for."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory  # build time only

    factory = DefaultDictionaryFactory()
    codes = sorted({simplemma_code(code) for code in languages.codes() if code in SIMPLEMMA_LANGUAGES})
    out: set[str] = set()
    for code in codes:
        dictionary = factory.get_dictionary(code)
        for word in dictionary:
            if word.islower() and word.capitalize() not in dictionary:
                out.add(fold(word))
    return out


def _reading(form: str) -> str:
    return fold(transliterate(form)) if any("\u0400" <= ch <= "\u04ff" for ch in form) else form


def without_outliers(forms: set[str]) -> set[str]:
    readings = {form: _reading(form) for form in forms}
    kept = set()
    for form in forms:
        others = [other for other in forms if other != form]
        alike = sum(JaroWinkler.normalized_similarity(readings[form], readings[other]) >= OUTLIER_SIMILARITY
                    for other in others)
        if alike >= max(1.0, OUTLIER_SHARE * len(others)):
            kept.add(form)
    return kept


def without_subsets(groups: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """The groups that are not within another (larger, or equal and earlier) group."""
    ordered = sorted(groups)
    by_form: dict[str, set[int]] = defaultdict(set)
    for index, group in enumerate(ordered):
        for form in group:
            by_form[form].add(index)
    kept = set()
    for index, group in enumerate(ordered):
        holders = set.intersection(*(by_form[form] for form in group)) - {index}
        if not any(len(ordered[j]) > len(group) or j < index for j in holders):
            kept.add(group)
    return kept


def build(wheel: Path) -> dict:
    rows = read_table(wheel)
    ordinary = ordinary_words()
    groups: set[tuple[str, ...]] = set()
    dropped_ordinary: set[str] = set()
    outliers = 0
    for _gid, spellings in rows:
        forms = {fold(s) for s in spellings if " " not in s and _latin_or_cyrillic(s)}
        forms = {f for f in forms if sum(ch.isalpha() for ch in f) >= SHORTEST}
        dropped_ordinary |= forms & ordinary
        forms -= ordinary
        kept = without_outliers(forms)
        outliers += len(forms) - len(kept)
        if len(kept) >= 2:
            groups.add(tuple(sorted(kept)))
    groups = without_subsets(groups)
    membership: dict[str, int] = defaultdict(int)
    for group in groups:
        for form in group:
            membership[form] += 1
    return {
        "meta": {
            "source": "OpenSanctions rigour, person-name table (rigour/_core, resource person_names.txt), "
                      "derived from Wikidata name items",
            "version": f"rigour {RIGOUR_VERSION}",
            "wheel_sha256": WHEEL_SHA256,
            "licence": "rigour: MIT; the name data: Wikidata, CC0 1.0",
            "generated_by": "scripts/build_given_names.py",
            "kept": "one-word Latin or Cyrillic spellings, folded, of 3+ letters; no ordinary words "
                    "(simplemma); no outliers (JaroWinkler >= 0.7 to under a third of the group)",
            "groups": len(groups),
            "spellings": len(membership),
            "ordinary_words_dropped": len(dropped_ordinary),
            "outliers_dropped": outliers,
        },
        "groups": [" ".join(group) for group in sorted(groups)],
    }


def index_lines(groups: list[str]) -> str:
    """The lookup index written beside the table (data/given_names.keys): one sorted "spelling<TAB>group,group"
    line per spelling, so the run-time module finds a spelling by binary search instead of filing 190k
    spellings on first use."""
    held: dict[str, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        for form in group.split():
            held[form].append(index)
    return "".join(f"{form}\t{','.join(map(str, indices))}\n" for form, indices in sorted(held.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("wheel", type=Path, help=f"rigour-{RIGOUR_VERSION} wheel (pip download --no-deps)")
    args = parser.parse_args()
    data = build(args.wheel)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    KEYS.write_text(index_lines(data["groups"]), encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {data['meta']['groups']} groups, {data['meta']['spellings']} spellings, "
          f"{OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
