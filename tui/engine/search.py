"""Search: any spelling of a name (another transliteration, a case form, no diacritics, a typo, Cyrillic)
finds the entity. The index holds the distinct names of the story, never the mentions, so a keystroke
costs the same whether the story has ten articles or ten thousand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from . import gazetteer, lexicon
from .model import Entity, SearchResult
from .linking import name_word_keys
from .names import KEY_LANGUAGES, fold, surname_ending, transliterations

MAX_QUERY_CHARS = 200
_ARTICLES = ("the ", "die ", "der ", "das ", "le ", "la ", "les ", "l'")


@dataclass(frozen=True)
class _Name:
    entity: int
    text: str
    tokens: tuple[frozenset[str], ...]  # per word, its keys


def _strip_article(folded: str) -> str:
    for article in _ARTICLES:
        if folded.startswith(article) and len(folded) > len(article) + 2:
            return folded[len(article):]
    return folded


def _word_keys(word: str, languages: Sequence[str]) -> frozenset[str]:
    """Every key of a word read in any of `languages` (a query's language is unknown) and any script."""
    keys: set[str] = set()
    for reading in transliterations(word):
        for language in languages:
            keys.update(name_word_keys(reading, language)[1])
    return frozenset(keys)


def _words(text: str) -> list[str]:
    return [w for w in _strip_article(fold(text)).replace("'s ", " ").split() if w not in lexicon.NAME_CONNECTORS]


def _surface_words(text: str) -> list[str]:
    """The words of a name as written (case and diacritics kept: keys depend on them)."""
    folded_words = _words(text)
    words = [w.strip(".,;:()\"'«»„“”") for w in text.split()]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    kept = [w for w in words if w and fold(w) in folded_words]
    return kept or words


class SearchIndex:
    """Distinct names of a story's entities, with exact, key and fuzzy look-ups."""

    def __init__(self, entities: Sequence[Entity], languages_by_source: dict[str, str]):
        self.entities = list(entities)
        self.names: list[_Name] = []
        self.by_fold: dict[str, set[int]] = defaultdict(set)
        self.by_full_key: dict[str, set[int]] = defaultdict(set)
        self.by_word_key: dict[str, set[int]] = defaultdict(set)
        for ei, entity in enumerate(self.entities):
            spellings: dict[str, set[str]] = defaultdict(set)  # text -> languages it is written in
            for mention in entity.mentions:
                spellings[mention.text].add(languages_by_source.get(mention.source_id, "en"))
            spellings[entity.name].add("en")
            if entity.type == "PLACE":
                place = gazetteer.lookup(entity.name)
                if place is not None:
                    for alias in place.names:
                        spellings[alias].update(KEY_LANGUAGES)
            for text, languages in spellings.items():
                self._add(ei, text, tuple(sorted(languages | {"en"})))
        self.word_keys = list(self.by_word_key)

    def _add(self, entity: int, text: str, languages: tuple[str, ...]) -> None:
        words = _surface_words(text)
        if not words:
            return
        tokens = tuple(_word_keys(w, languages) for w in words)
        name_index = len(self.names)
        self.names.append(_Name(entity, text, tokens))
        self.by_fold[" ".join(_words(text))].add(name_index)
        for full in _full_keys(tokens):
            self.by_full_key[full].add(name_index)
        for keys in tokens:
            for key in keys:
                self.by_word_key[key].add(name_index)

    def search(self, query: str, limit: int = 20) -> list[SearchResult]:
        query = " ".join(query.split())[:MAX_QUERY_CHARS]
        if not query or not any(ch.isalpha() for ch in query):
            return []
        best: dict[int, tuple[float, str]] = {}

        def offer(name_index: int, score: float) -> None:
            name = self.names[name_index]
            if score > best.get(name.entity, (0.0, ""))[0]:
                best[name.entity] = (score, name.text)

        folded = " ".join(_words(query))
        for reading in transliterations(query):
            for ni in self.by_fold.get(" ".join(_words(reading)), ()):
                offer(ni, 1.0)
        words = _surface_words(query)[:8]
        if words:
            q_tokens = tuple(_word_keys(w, KEY_LANGUAGES) for w in words)
            for full in _full_keys(q_tokens):
                for ni in self.by_full_key.get(full, ()):
                    offer(ni, 0.97)
            candidates = self._candidates(q_tokens)
            for ni in candidates:
                score = self._token_score(q_tokens, self.names[ni].tokens)
                if score > 0:
                    offer(ni, score)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -len(self.entities[kv[0]].mentions),
                                                        self.entities[kv[0]].name))
        del folded
        return [SearchResult(self.entities[ei], score, matched) for ei, (score, matched) in ranked[:limit]]

    def _candidates(self, q_tokens: tuple[frozenset[str], ...]) -> set[int]:
        out: set[int] = set()
        for keys in q_tokens:
            for key in keys:
                out.update(self.by_word_key.get(key, ()))
                if len(key) >= 3:
                    for match, _score, _i in process.extract(key, self.word_keys, scorer=JaroWinkler.normalized_similarity,
                                                             score_cutoff=0.84, limit=40):
                        out.update(self.by_word_key[match])
        return out

    @staticmethod
    def _token_score(q_tokens: tuple[frozenset[str], ...], n_tokens: tuple[frozenset[str], ...]) -> float:
        """How well a query's words cover a name's words: 1.0 for the same words, less for typos and
        for a name with more words than the query ('Moscow' against 'Moscow Times')."""
        used: set[int] = set()
        total = 0.0
        matched = 0
        for q in q_tokens:
            best_sim, best_j = 0.0, -1
            for j, n in enumerate(n_tokens):
                if j in used:
                    continue
                sim = _word_similarity(q, n)
                if sim > best_sim:
                    best_sim, best_j = sim, j
            if best_sim >= 0.8:
                used.add(best_j)
                total += best_sim
                matched += 1
        if not matched:
            return 0.0
        query_cover = matched / len(q_tokens)
        name_cover = len(used) / len(n_tokens)
        if query_cover < 0.5:
            return 0.0
        # squared: one exact word beats a near spelling of a longer name (Sacharowa -> Zacharowa over Smadijarow)
        return 0.95 * (total / matched) ** 2 * query_cover * (0.85 + 0.15 * name_cover)


def _full_keys(tokens: tuple[frozenset[str], ...], cap: int = 64) -> set[str]:
    keys = [""]
    for options in tokens:
        keys = [f"{k} {o}".strip() for k in keys for o in sorted(options)][:cap]
    return set(keys)


def _word_similarity(q: frozenset[str], n: frozenset[str]) -> float:
    if q & n:
        return 1.0
    best = 0.0
    for a in q:
        for b in n:
            if len(a) < 3 or len(b) < 3:
                continue
            sim = JaroWinkler.normalized_similarity(a, b)
            if (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) >= 3:
                sim *= 0.85  # Koval is not Kovalenko, only like it
            ea, eb = surname_ending(a), surname_ending(b)
            if ea and eb and ea != eb:
                sim *= 0.9
            best = max(best, sim)
    return best
