"""What a user gains by accepting suggestions (issue 14): B³ before, after accepting the top N suggestions in
rank order, and after accepting only the ones the gold says are right; the share of the top N that are right;
and whether accepting the right ones ever joins two gold entities.

  PYTHONPATH=. python tests/benchmarks/suggestions.py slavic ../shared/dev/slavicner/ryanair [--top 20]
  PYTHONPATH=. python tests/benchmarks/suggestions.py story tests/data/heldout       (gold.json inside)
  PYTHONPATH=. python tests/benchmarks/suggestions.py corpus /tmp/gc1500              (gen_corpus.py output)
  PYTHONPATH=. python tests/benchmarks/suggestions.py all [--corpus /tmp/gc1500]     (every story: a table)

The Slavic set is scored with its scorer's own code (../shared/acceptance/slavicner_score.py, score_topic on the
entities JSON); the others with B³ as ../shared/tools/linking.py computes it. Nothing of the sets is copied:
they are read where they are, at run time. Judgements go to a temporary file, never beside the story.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import tui

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- gold: doc -> [(start, end, gold id)] --------------------------------------------------------------------
def slavic_gold(folder: Path) -> dict[str, list[tuple[int, int, str]]]:
    scorer = _module(SHARED / "acceptance" / "slavicner_score.py", "slavicner_score")
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return {doc: [(s, e, gid) for s, e, _t, _l, cat, gid in d["spans"] if not scorer.is_demonym(cat, gid)]
            for doc, d in gold["docs"].items()}


def story_gold(folder: Path) -> dict[str, list[tuple[int, int, str]]]:
    score = _module(ROOT / "tests" / "data" / "acceptance" / "score.py", "acceptance_score")
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    texts = {d: (folder / d).read_text(encoding="utf-8") for d in gold["docs"]}
    out: dict[str, list[tuple[int, int, str]]] = {}
    for eid, docs in score.gold_spans(gold, texts).items():
        for doc, spans in docs.items():
            out.setdefault(doc, []).extend((s, e, eid) for s, e in spans["mentions"])
    return out


def corpus_gold(folder: Path) -> dict[str, list[tuple[int, int, str]]]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return {doc: [(s, e, str(pid)) for s, e, pid in spans] for doc, spans in gold["docs"].items()}


# -- B³ ------------------------------------------------------------------------------------------------------
def b3_linking(entities: list, gold: dict[str, list[tuple[int, int, str]]]) -> float:
    """B³ F1 as ../shared/tools/linking.py computes it (an unfound gold mention: its own singleton)."""
    by_doc: dict[str, list[tuple[int, int, int]]] = {}
    for ci, entity in enumerate(entities):
        for m in entity.mentions:
            by_doc.setdefault(os.path.basename(m.source), []).append((m.start, m.end, ci))
    rows = []
    for doc, spans in gold.items():
        candidates = sorted(by_doc.get(doc, []))
        for s, e, gid in spans:
            rows.append((gid, next((ci for ps, pe, ci in candidates if ps < e and s < pe), None)))
    gold_n = Counter(g for g, _ in rows)
    pred_n = Counter(c for _, c in rows if c is not None)
    both = Counter((g, c) for g, c in rows if c is not None)
    p = sum(1 if c is None else both[(g, c)] / pred_n[c] for g, c in rows) / len(rows)
    r = sum(0 if c is None else both[(g, c)] / gold_n[g] for g, c in rows) / len(rows)
    return 2 * p * r / (p + r) if p + r else 0.0


def b3_slavic(story, folder: Path) -> float:
    """B³ F1 by the Slavic scorer's own score_topic, fed this story's entities JSON."""
    scorer = _module(SHARED / "acceptance" / "slavicner_score.py", "slavicner_score")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(story.entities_json(), handle, ensure_ascii=False)
    try:
        # the scorer runs `SV entities DIR --json`: this "SV" prints the JSON just written
        sv = [sys.executable, "-c", f"import sys; sys.stdout.write(open({handle.name!r}, encoding='utf-8').read())"]
        res, tally, _ = scorer.score_topic(str(folder), sv, 0, 600, 60, lambda _msg: None, None)
        n = tally.b3["n"]  # the sums, not the figure rounded to three places
        precision, recall = tally.b3["P"] / n, tally.b3["R"] / n
        return 2 * precision * recall / (precision + recall)
    finally:
        os.unlink(handle.name)


# -- which gold entity an entity is ---------------------------------------------------------------------------
def gold_ids(entities: list, gold: dict[str, list[tuple[int, int, str]]]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    for entity in entities:
        counts: Counter[str] = Counter()
        for m in entity.mentions:
            for s, e, gid in gold.get(os.path.basename(m.source), ()):
                if s < m.end and m.start < e:
                    counts[gid] += 1
                    break
        out[entity.id] = counts
    return out


def correct(suggestion, ids: dict[str, Counter[str]]) -> bool | None:
    a, b = ids.get(suggestion.left_entity.id), ids.get(suggestion.right_entity.id)
    if not a or not b:
        return None  # one side is no gold entity at all (a detection error): neither right nor wrong
    return a.most_common(1)[0][0] == b.most_common(1)[0][0]


def joined_gold_pairs(entities: list, ids_of) -> set[tuple[str, str]]:
    """The pairs of gold entities some entity holds mentions of both of (each with 2+ mentions there)."""
    pairs = set()
    for counts in ids_of(entities).values():
        held = sorted(g for g, n in counts.items() if n >= 2)
        pairs.update((a, b) for i, a in enumerate(held) for b in held[i + 1:])
    return pairs


def simulate(articles: Path, gold, b3, top: int) -> dict:
    """The user of the top N accepts the list's first suggestion N times (the list refreshes after each); the
    user who is always right accepts every right one and rejects the others, until nothing is left."""
    with tempfile.TemporaryDirectory() as scratch:
        story = tui.load(articles, judgements=Path(scratch) / "top.json")
        before = b3(story)
        first = story.suggestions()
        ids = gold_ids(story.entities, gold)
        verdicts = [correct(s, ids) for s in first]
        taken = []
        for _ in range(top):
            shown = story.suggestions(1)
            if not shown:
                break
            taken.append((shown[0], correct(shown[0], gold_ids(story.entities, gold))))
            story.accept(shown[0])
        after_top = b3(story)
        right = tui.load(articles, judgements=Path(scratch) / "right.json")
        pairs_before = joined_gold_pairs(right.entities, lambda es: gold_ids(es, gold))
        accepted = 0
        for _round in range(10):
            shown = right.suggestions()
            if not shown:
                break
            now = gold_ids(right.entities, gold)
            good = [s for s in shown if correct(s, now)]
            accepted += len(good)
            right.accept(*good)
            right.reject_suggestions(*[s for s in right.suggestions() if not correct(s, gold_ids(right.entities,
                                                                                                  gold))])
        after_right = b3(right)
        new_pairs = joined_gold_pairs(right.entities, lambda es: gold_ids(es, gold)) - pairs_before
    kinds: dict[str, Counter[str]] = {}
    for s, verdict in zip(first, verdicts, strict=True):
        kinds.setdefault(s.kind, Counter())[{True: "right", False: "wrong", None: "no gold"}[verdict]] += 1
    return {"suggestions": len(first), "right": sum(1 for v in verdicts if v),
            "wrong": sum(1 for v in verdicts if v is False), "b3_before": round(before, 4),
            f"b3_top{top}": round(after_top, 4), f"top{top}_right": sum(1 for _s, v in taken if v),
            f"top{top}_wrong": sum(1 for _s, v in taken if v is False), "b3_all_right": round(after_right, 4),
            "accepted_right": accepted, "gold_pairs_joined_by_right": sorted(new_pairs)[:10],
            "by_kind": {k: dict(c) for k, c in kinds.items()},
            "top": [f"{'+' if v else '-' if v is False else '?'} {s.kind}: {s.reason}" for s, v in taken]}


def measure(kind: str, folder: Path, top: int) -> dict:
    if kind == "slavic":
        gold, articles = slavic_gold(folder), folder / "articles"
        return simulate(articles, gold, lambda story: b3_slavic(story, folder), top)
    gold = story_gold(folder) if kind == "story" else corpus_gold(folder)
    articles = folder if kind == "story" else folder / "articles"
    return simulate(articles, gold, lambda story: b3_linking(story.entities, gold), top)


# every story with gold we measure by: the Slavic development topics, the held-out stories, and (optional)
# a generated corpus
def every_story(corpus: Path | None) -> list[tuple[str, str, Path]]:
    slavic = SHARED / "dev" / "slavicner"
    stories = [("slavic", f"slavic {t.name}", t) for t in sorted(slavic.iterdir()) if (t / "gold.json").is_file()]
    stories += [("story", d.name, d) for d in sorted((ROOT / "tests" / "data").glob("heldout*"))
                if (d / "gold.json").is_file()]
    if corpus is not None:
        stories.append(("corpus", f"corpus {corpus.name}", corpus))
    return stories


def table(top: int, corpus: Path | None) -> None:
    print(f"{'story':22} {'before':>7} {'top' + str(top):>7} {'right-wrong':>11} {'all right':>9}  joined")
    for kind, name, folder in every_story(corpus):
        r = measure(kind, folder.resolve(), top)
        marks = f"{r[f'top{top}_right']}-{r[f'top{top}_wrong']}"
        print(f"{name:22} {r['b3_before']:7.4f} {r[f'b3_top{top}']:7.4f} {marks:>11} {r['b3_all_right']:9.4f}  "
              f"{len(r['gold_pairs_joined_by_right'])}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("slavic", "story", "corpus", "all"))
    parser.add_argument("folder", type=Path, nargs="?")
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--corpus", type=Path, help="with 'all': a gen_corpus.py folder to measure too")
    args = parser.parse_args()
    if args.kind == "all":
        table(args.top, args.corpus)
        return
    if args.folder is None:
        parser.error(f"{args.kind} needs a folder")
    print(json.dumps(measure(args.kind, args.folder.resolve(), args.top), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
