#!/usr/bin/env python3
"""Generate tui/engine/data/organisations.json, the organisation table read by tui/engine/knowledge.py.

Source: scripts/data/organisations.toml, written for storyview from general knowledge (the names and
acronyms bodies use for themselves); no published list was copied. Licence: the project's own.

Per body the file keeps its id, kind, whether it is scoped (a kind of body every country has: one body
only within one country), its fixed country if any, and per language its long names and its acronyms
apart. An acronym is a one-word spelling mostly in capitals ("NATO", "MSWiA", "EuGH") or one listed under
`exact` ("dpa"): matched as written, in articles of the languages that list it. Long names are matched in
any language, after folding (gazetteer.fold) and case endings (knowledge.py).

Run from the repository root:  python scripts/build_organisations.py
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tui.engine.gazetteer import FOLD_VERSION, fold  # noqa: E402  (the runtime's folding, so keys agree)

SOURCE = ROOT / "scripts" / "data" / "organisations.toml"
TARGET = ROOT / "tui" / "engine" / "data" / "organisations.json"
VERSION = 1
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sl", "hr", "sr", "ro", "ru", "uk", "bg")
FIELDS = {"id", "kind", "scoped", "country", "place", "exact", *LANGUAGES}
KINDS = {"international", "eu", "ministry", "parliament", "court", "agency", "government", "news", "ngo", "bank"}


def is_acronym(name: str, exact: set[str]) -> bool:
    """'NATO', 'МИД', 'MSWiA', 'EuGH', 'UN-a' (a Croatian case form): one word, mostly capitals."""
    if name in exact:
        return True
    if " " in name:
        return False
    letters = [ch for ch in name if ch.isalpha()]
    capitals = sum(ch.isupper() for ch in letters)
    return len(letters) >= 2 and capitals >= 2 and capitals * 2 >= len(letters)


def build(source: Path = SOURCE) -> dict:
    table = tomllib.loads(source.read_text(encoding="utf-8"))
    records, seen = [], set()
    for body in table["org"]:
        unknown = set(body) - FIELDS
        if unknown:
            raise SystemExit(f"{body.get('id')}: unknown keys {sorted(unknown)}")
        if body["id"] in seen or body["kind"] not in KINDS:
            raise SystemExit(f"{body['id']}: duplicate id or unknown kind {body['kind']!r}")
        seen.add(body["id"])
        exact = set(body.get("exact", ()))
        names: dict[str, list[str]] = {}
        acronyms: dict[str, list[str]] = {}
        for language in LANGUAGES:
            for name in (n.strip() for n in body.get(language, "").split("|")):
                if not name:
                    continue
                target = acronyms if is_acronym(name, exact) else names
                if name not in target.setdefault(language, []):
                    target[language].append(name)
        records.append({"id": body["id"], "kind": body["kind"], "scoped": bool(body.get("scoped", False)),
                        "country": body.get("country"), "place": body.get("place"),
                        "names": names, "acronyms": acronyms,
                        # each long name folded (gazetteer.fold), so loading does not fold ~1,500 names:
                        # all of them (the index), and per language in the order of `names`
                        "keys": sorted({fold(n) for ns in names.values() for n in ns} - {""}),
                        "folded": {language: [fold(n) for n in ns] for language, ns in names.items()}})
    return {"meta": {"source": "scripts/data/organisations.toml (written for storyview from general knowledge)",
                     "licence": "the project's own licence", "version": VERSION, "fold_version": FOLD_VERSION,
                     "languages": list(LANGUAGES),
                     "bodies": len(records)},
            "organisations": records}


def main() -> int:
    data = build()
    TARGET.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {data['meta']['bodies']} bodies, {TARGET.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
