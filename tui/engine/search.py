"""Search: any spelling of a name (another transliteration, a case form, no diacritics, a typo, Cyrillic)
finds the entity. The index holds the distinct names of the story, never the mentions, so a keystroke
costs the same whether the story has ten articles or ten thousand.
"""

from __future__ import annotations

import bisect
import time
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from . import gazetteer, given_names, knowledge, lexicon
from . import languages as packs
from .linking import ACROSS_SCRIPTS, keys_sound_alike, name_word_keys
from .model import Entity, SearchResult
from .names import KEY_LANGUAGES, fold, has_cyrillic, skeletons, spelling_keys, surname_ending, transliterations

MAX_QUERY_CHARS = 200
# Below this a result is noise: half of a two-word query matched only approximately (one exact word of two
# scores about 0.4). Measured on the three gold stories: every result under it was a wrong entity but one.
MIN_SCORE = 0.35
_ARTICLES = ("the ", "die ", "der ", "das ", "le ", "la ", "les ", "l'")
# A query word that is only the beginning of a name word ("Vrubl" while typing "Vrublevsky") matches it this
# much, however much of the word it covers (ties go to the entity the story names most): below every whole
# word matched (exact 1.0, another script by sound 0.925+), so the first letters list the entities without a
# full query ever losing its entity to one that merely starts like it.
_PREFIX_SIMILARITY = 0.85
_READING_PREFIX_LESS = 0.01  # a prefix in key space only (another reading of the letters), a little less
# A near key of a query word of at most _SHORT_NEAR_KEY letters, or of the last word typed when it begins a
# name and is shorter than _TYPED_LONGEST (a word as long as a whole name is more likely one misspelt), counts
# _SHORT_NEAR_SIMILARITY, just below a prefix: while a name is typed, "Krohe" is the beginning of Krohehienko
# before it is a misspelt Kroho (JaroWinkler's 0.9). Not a near key the word begins ("vlast" / "vlastkz").
_SHORT_NEAR_KEY = 5
_NEAR_CUTOFF = 0.84  # JaroWinkler: a near key (a typo, another transliteration)
_NEAR_PER_KEY = 50
_SHORT_NEAR_SIMILARITY = 0.84
_TYPED_LONGEST = 10
_SHORTEST_PREFIX = 3  # letters: "Vr" would list half the story
_PREFIX_SCAN = 2_000  # index words looked at per prefix, at most (a 3-letter prefix of a 10,000-article story)
# A query word and a spelling in the other script sharing a consonant skeleton of at least this many letters
# (and confirmed as the linker confirms: keys at least ACROSS_SCRIPTS alike, no two surname endings); as for a
# lone name in the linker, three: with two, "Tokay" (t-k) sounded like the word "Так" and lost Tokayev
_SHORTEST_SKELETON = 3
# A query word's key that is only that of a dictionary form it may be a case of (below an exact word, above
# every typo)
_LEMMA_SIMILARITY = 0.98
# A query's given name spelled as another language spells it (Włodzimierz for Володимир) by the given-name
# table: like a near spelling, below the same letters and a spelling by sound
_GIVEN_NAME_SIMILARITY = 0.9
# A state's formal name typed for its short one ("Republic of Kazakhstan" for Kazakhstan): just below the same words
_FORMAL_NAME_SIMILARITY = 0.99
# An organisation the query names by the table, with its owner ("MSZ Ukrainy" for "МЗС України"): below the
# same words, above a name that merely holds some of them
_CONCEPT_SIMILARITY = 0.98
_CONCEPT_LANGUAGES = tuple(code for code in packs.codes() if packs.has(code, "names"))
_WARMING_SECONDS = 1.0  # of CPU, while the index is built


# A near key (JaroWinkler) much shorter than the other is not a typo of it unless it begins it (an ending
# added: "kreml", "kremlin"): JaroWinkler rewards a shared beginning, so "petersbourg" was near "petru".
_SHORTEST_NEAR_SHARE = 0.6


def _lengths_alike(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a) or min(len(a), len(b)) >= _SHORTEST_NEAR_SHARE * max(len(a), len(b))


# what one query word matches: postings (name, word position), similarity, the script a name must be written
# in (None: any), whether a gazetteer alias counts
_Match = tuple[list[tuple[int, int]], float, bool | None, bool]
_MATCHES_CACHED = 2_048  # query words' matches kept per index (a few hundred keystrokes of typing)


@dataclass(frozen=True)
class _Name:
    entity: int
    text: str
    tokens: tuple[frozenset[str], ...]  # per word, its keys
    folds: tuple[str, ...]  # per word, its letters folded
    # a place's name in another language from the gazetteer, that the story never writes: it is found by its
    # keys and its beginning only; near keys and sounds of a hundred languages' names matched nearly any word
    # ("Merkel" was near the Azerbaijani "Mərkəzi Asiya" and a Sorbian "Amerike")
    alias: bool = False
    # an organisation's name from the table, that the story never writes: it counts only matched whole ("EU"
    # is no part of the table's "EU Commission" for the Commission)
    whole: bool = False


def letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


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


@lru_cache(maxsize=8192)
def _query_word_keys(word: str) -> frozenset[str]:
    """A query word's keys in every language (kept: each keystroke repeats the words typed before)."""
    return _word_keys(word, KEY_LANGUAGES)


@lru_cache(maxsize=4096)
def _written_keys(word: str) -> frozenset[str]:
    """The keys of a word as written (its readings in any language and script, no dictionary forms)."""
    return frozenset(k for reading in transliterations(word) for lang in KEY_LANGUAGES
                     for k in spelling_keys(reading, lang))


def _words(text: str) -> list[str]:
    return [w for w in _strip_article(fold(text)).replace("'s ", " ").split() if w not in lexicon.NAME_CONNECTORS]


def _surface_words(text: str) -> list[str]:
    """The words of a name as written (case and diacritics kept: keys depend on them)."""
    folded_words = _words(text)
    words = [w.strip(".,;:()\"'«»„“”") for w in text.split()]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    kept = [w for w in words if w and fold(w) in folded_words]
    return kept or words


# Dropped from a query: lone surrogates (a command-line byte that is not UTF-8 arrives as one, and the
# Polish analyser cannot take it), format characters (bidi marks, zero-width spaces, soft hyphens: invisible,
# never part of a name as indexed), private-use and unassigned code points, and U+FFFD (where something
# was lost already). Controls (NUL, ESC...) and line/paragraph separators become spaces: they separate words.
_QUERY_DROPPED = frozenset({"Cs", "Cf", "Co", "Cn"})
_QUERY_SPACE = frozenset({"Cc", "Zl", "Zp"})


def clean_query(query: str) -> str:
    """The query as the index reads it: whitespace collapsed, at most MAX_QUERY_CHARS, NFC, without
    characters no name holds. Every search goes through it (Story.search, the CLI, the TUI), so whatever
    str comes in, the analysers behind see only text they can take."""
    if not isinstance(query, str):
        raise TypeError(f"a query is a str, not {type(query).__name__}")
    # Bound the work first (a pasted book costs what MAX_QUERY_CHARS do); each character dropped below
    # shortens it, so a margin keeps what follows a run of marks.
    query = " ".join(query.split())[: 4 * MAX_QUERY_CHARS]
    if not query.isascii() or not query.isprintable():
        kept = []
        for ch in query:
            category = unicodedata.category(ch)
            if category in _QUERY_SPACE:
                kept.append(" ")
            elif category not in _QUERY_DROPPED and ch != "\ufffd":
                kept.append(ch)
        query = unicodedata.normalize("NFC", "".join(kept))
    return " ".join(query.split())[:MAX_QUERY_CHARS]


class SearchIndex:
    """Distinct names of a story's entities, with exact, key and fuzzy look-ups.

    Words are indexed by key with postings (name, word position); a query scores names by adding up the
    similarities of its words' matches over those postings, so a keystroke costs a few fuzzy scans of the
    distinct word keys (in C) plus work proportional to the names those words occur in.
    """

    def __init__(self, entities: Sequence[Entity], languages_by_source: dict[str, str]):
        self.entities = list(entities)
        self.names: list[_Name] = []
        self.by_fold: dict[str, set[int]] = defaultdict(set)
        self.by_full_key: dict[str, set[int]] = defaultdict(set)
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        # folded words as written (any script), for prefixes typed in the spelling's own letters
        self.fold_postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        # consonant skeleton -> keys of words written in Cyrillic (True) or Latin (False) letters holding it
        self.by_skeleton: dict[tuple[bool, str], set[str]] = defaultdict(set)
        self.name_cyrillic: list[bool] = []
        # (a body of the organisation table, its owner) -> a name of the entity that is that body
        self.by_concept: dict[tuple[str, str | None], set[int]] = defaultdict(set)
        for ei, entity in enumerate(self.entities):
            spellings: dict[str, set[str]] = defaultdict(set)  # text -> languages it is written in
            for mention in entity.mentions:
                spellings[mention.text].add(languages_by_source.get(mention.source_id, "en"))
            spellings[entity.name].add("en")
            written = set(spellings)
            body = None
            if entity.type == "PLACE":
                place = gazetteer.lookup(entity.name)
                if place is not None:
                    for alias in place.names:
                        spellings[alias].update(KEY_LANGUAGES)
                    concept = knowledge.concept_of_place(place.id)  # CLDR's EU and UN are bodies too
                    body = concept.organisation if concept is not None else None
            elif entity.type == "ORG":
                body = _table_body(spellings)
            if entity.type == "ORG":
                owned = _table_concept(spellings)
                if owned is not None:
                    self.by_concept[owned].add(len(self.names))  # the entity's first name, added below
            table = {alias for alias in knowledge.table_names(body) if alias not in spellings} if body else set()
            for alias in table:
                spellings[alias].update(KEY_LANGUAGES)
            for text, languages in spellings.items():
                self._add(ei, text, tuple(sorted(languages | {"en"})), alias=text not in written,
                          whole=text in table)
        self.word_keys = [k for k in self.postings if len(k) >= 3]
        self.sorted_keys = sorted(self.postings)
        self.sorted_folds = sorted(self.fold_postings)
        self._matches_cache: dict[tuple[str, bool], list[_Match]] = {}
        self._given_cache: dict[str, list[list[tuple[int, int]]]] = {}
        self._rows_cache: dict[tuple[str, bool], dict[int, tuple[float, set[int]]]] = {}
        self._given_positions_cache: dict[str, dict[int, int]] = {}
        # the given-name table is read on its first question: here, while the story loads, not on a keystroke
        given_names.groups_of("")

    def warm_given_names(self) -> None:
        """The keys of the table's spellings of the story's given names, most frequent first, for at most
        _WARMING_SECONDS: the first keystroke after a given name and a space ("Julia D") expands it to every
        spelling the table has (Юлія, Giulia...), each read in every language: 100-700 ms, on the keystroke
        that lists the most names. Only caches are filled: what a search finds does not depend on it."""
        started = time.thread_time()
        for _count, word in sorted(((len(p), w) for w, p in self.fold_postings.items() if given_names.variants(w)),
                                   reverse=True):
            for form in given_name_forms_of_query(word):
                _query_word_keys(form)
            if time.thread_time() - started > _WARMING_SECONDS:
                break

    def _add(self, entity: int, text: str, languages: tuple[str, ...], alias: bool, whole: bool = False) -> None:
        words = _surface_words(text)
        if not words:
            return
        tokens = tuple(_word_keys(w, languages) for w in words)
        name_index = len(self.names)
        self.names.append(_Name(entity, text, tokens, tuple(fold(w) for w in words), alias, whole))
        cyrillic = has_cyrillic(text)
        self.name_cyrillic.append(cyrillic)
        self.by_fold[" ".join(_words(text))].add(name_index)
        for full in _full_keys(tokens):
            self.by_full_key[full].add(name_index)
        for position, (word, keys) in enumerate(zip(words, tokens, strict=True)):
            self.fold_postings[fold(word)].append((name_index, position))
            for key in keys:
                self.postings[key].append((name_index, position))
                if len(key) > 1:
                    for skeleton in skeletons(key):
                        if len(skeleton) >= _SHORTEST_SKELETON:
                            self.by_skeleton[cyrillic, skeleton].add(key)

    def search(self, query: str, limit: int = 20) -> list[SearchResult]:
        query = clean_query(query)
        if not query or not any(ch.isalpha() for ch in query):
            return []
        # entity -> its best score and the names that have it (the spelling to report is chosen at the end,
        # for the results shown only: a common first name ties hundreds of names)
        best: dict[int, tuple[float, list[int]]] = {}

        def offer(name_index: int, score: float) -> None:
            entity = self.names[name_index].entity
            held = best.get(entity)
            if held is None or score > held[0]:
                best[entity] = (score, [name_index])
            elif score == held[0]:
                held[1].append(name_index)

        # a Cyrillic query is first itself (its own spelling is exact), then each Latin reading of it
        for reading in dict.fromkeys((query, *transliterations(query))):
            for ni in self.by_fold.get(" ".join(_words(reading)), ()):
                offer(ni, 1.0)
        words = _surface_words(query)[:8]
        core = knowledge.formal_name_core(words)
        if core:
            # "Republic of Kazakhstan" is the country, before any name that holds those words
            for ni in self.by_fold.get(" ".join(_words(" ".join(core))), ()):
                place = gazetteer.lookup(self.entities[self.names[ni].entity].name)
                if place is not None and place.kind == "country":
                    offer(ni, _FORMAL_NAME_SIMILARITY)
        for ni in self._concept_names(words):
            offer(ni, _CONCEPT_SIMILARITY)
        if words:
            q_tokens = tuple(_query_word_keys(w) for w in words)
            written = _full_keys(tuple(_written_keys(w) for w in words))
            for full in _full_keys(q_tokens):
                for ni in self.by_full_key.get(full, ()):
                    offer(ni, 0.97 if full in written else 0.96)
            typing = _typed_connector(query, words)
            if typing:
                # "Mykola Du" while typing Dunojuk: the beginning of a surname, not the French "du"
                words, q_tokens = [*words, typing], (*q_tokens, _query_word_keys(typing))
            for ni, score in self._scored_names(words, q_tokens).items():
                offer(ni, score)
        ranked = sorted(((ei, held) for ei, held in best.items() if held[0] >= MIN_SCORE),
                        key=lambda kv: (-kv[1][0], -len(self.entities[kv[0]].mentions), self.entities[kv[0]].name))
        folded_query = fold(query)
        return [SearchResult(self.entities[ei], score, self._closest(folded_query, tied))
                for ei, (score, tied) in ranked[:limit]]

    def _concept_names(self, words: list[str]) -> set[int]:
        """The organisation a query names by the table, with whose it is ("MSZ Ukrainy", "Ukrainian Foreign
        Ministry" -> Ukraine's foreign ministry): in whichever language the table reads it, one body and owner
        only. A query of one word is read so only as an acronym (a name word alone is the words' search)."""
        if not self.by_concept or not words or (len(words) == 1 and not words[0].isupper()):
            return set()
        tokens = tuple(words)
        found = {(c.organisation.id, c.owner) for language in _CONCEPT_LANGUAGES
                 if (c := knowledge.concept_of(tokens, language)) is not None}
        if len(found) != 1:
            return set()
        return self.by_concept.get(next(iter(found)), set())

    def _closest(self, folded_query: str, tied: list[int]) -> str:
        """Of names with the same score, the spelling closest to what was typed ("wrublewski" matched
        "Wrublewski"); the first offered on a tie."""
        texts = list(dict.fromkeys(self.names[ni].text for ni in tied))
        if len(texts) == 1:
            return texts[0]
        return max(texts, key=lambda text: _closeness(folded_query, text))

    def _word_matches(self, word: str, keys: frozenset[str], last: bool) -> list[_Match]:
        """What one query word matches: (postings, similarity, the script a name must be written in to count,
        None for any; whether a gazetteer alias counts). The same key is 1.0; a near key (a typo, another
        transliteration) its similarity; a spelling in the other script by sound (as the linker links them)
        0.925-0.95; a word the query word only begins, 0.84-0.85. Kept per word: while a name is typed, every
        keystroke repeats the words before the last one."""
        held = self._matches_cache.get((word, last))
        if held is None:
            if len(self._matches_cache) >= _MATCHES_CACHED:
                self._matches_cache.clear()
            held = self._matches_cache[word, last] = self._find_word_matches(word, keys, last)
        return held

    def _find_word_matches(self, word: str, keys: frozenset[str], last: bool) -> list[_Match]:
        written = _written_keys(word)
        # a key of the word as written is the word itself; one only of a dictionary form it may be a case of is
        # a little less ("Žuravljovová" is his wife before it is a case of "Žuravljov")
        exact = {key: 1.0 if key in written else _LEMMA_SIMILARITY for key in keys if key in self.postings}
        spellings = {k for k in written if len(k) >= 3}
        begun = self._prefix_candidates(word, spellings, exact)
        # a word that begins a name, typed last and shorter than a long name, is being typed: its near keys
        # rank below every name it begins ("Stunuchut" is Stunuchutschuk's beginning before it is a misspelt
        # Stunuchujuk), so only those it begins are scored as near keys ("vlast" all but "vlastkz") and the
        # scan of every key, a 10,000-article story's slowest step, is not made on each keystroke
        typing = last and bool(begun) and all(len(k) < _TYPED_LONGEST for k in spellings)
        candidates = sorted({c for in_folds, c in begun if not in_folds}) if typing else self.word_keys
        near: dict[str, float] = {}
        for key, match, sim in _near_keys(sorted(spellings), candidates):
            sim = _penalised(key, match, sim)
            if len(key) <= _SHORT_NEAR_KEY and not match.startswith(key):
                sim = min(sim, _SHORT_NEAR_SIMILARITY)
            if sim >= 0.8 and sim > max(exact.get(match, 0.0), near.get(match, 0.0)) and _lengths_alike(key, match):
                near[match] = sim
        out: list[_Match] = [(self.postings[key], sim, None, True) for key, sim in exact.items()]
        out.extend((self.postings[key], sim, None, False) for key, sim in near.items())
        out.extend(self._sound_matches(word, keys, exact | near))
        for in_folds, candidate in begun:
            # the letters as typed begin the name before a reading of them does ("Chuk" begins Chukochoin
            # before Kuyuk, where ch reads k)
            sim = _PREFIX_SIMILARITY if in_folds else _PREFIX_SIMILARITY - _READING_PREFIX_LESS
            out.append(((self.fold_postings if in_folds else self.postings)[candidate], sim, None, True))
        return out

    def given_name_matches(self, word: str) -> list[list[tuple[int, int]]]:
        """Postings of the spellings the given-name table says are one name with the query word
        (Włodzimierz -> Володимир, Wladimir): a query's given name in another language. The caller counts
        them only for a name that another query word (its surname) matched too, as the linker does."""
        held = self._given_cache.get(word)
        if held is None:
            if len(self._given_cache) >= _MATCHES_CACHED:
                self._given_cache.clear()
            out: list[list[tuple[int, int]]] = []
            for form in sorted(given_name_forms_of_query(word)):
                out.extend(self.postings[key] for key in sorted(_query_word_keys(form)) if key in self.postings)
            held = self._given_cache[word] = out
        return held

    def _sound_matches(self, word: str, keys: frozenset[str], matched: dict[str, float]):
        """Keys of spellings in the other script that sound like the query word (Trump / Трамп): a shared
        consonant skeleton confirmed by the keys' similarity, as linking.sounds_alike links spellings."""
        cyrillic = has_cyrillic(word)
        word_keys = frozenset(k for k in keys if len(k) > 1)
        word_skeletons = frozenset().union(*(skeletons(k) for k in word_keys))
        candidates: set[str] = set()
        for skeleton in word_skeletons:
            if len(skeleton) >= _SHORTEST_SKELETON:
                candidates |= self.by_skeleton.get((not cyrillic, skeleton), set())
        for key in sorted(candidates):
            if matched.get(key, 0.0) >= 1.0:
                continue
            alike = keys_sound_alike(word_keys, word_skeletons, frozenset((key,)), skeletons(key), _SHORTEST_SKELETON)
            if alike is not None and alike >= ACROSS_SCRIPTS:
                sim = 0.85 + 0.1 * alike
                yield self.postings[key], sim, not cyrillic, False

    def _prefix_candidates(self, word: str, spellings: set[str], matched: dict[str, float]) -> set[tuple[bool, str]]:
        """Index words the query word is the beginning of, in key space (any script: 'Vrubl' and 'Врубл' both
        begin 'vrublevski') and as folded letters ('kovalc' begins 'kovalchuk', whose key is 'kovalCuk'):
        (as letters, the word or key)."""
        best: set[tuple[bool, str]] = set()
        folded = fold(word)
        for prefixes, ordered, in_folds in ((spellings, self.sorted_keys, False),
                                            ({folded} if len(folded) >= _SHORTEST_PREFIX else set(),
                                             self.sorted_folds, True)):
            for prefix in prefixes:
                start = bisect.bisect_right(ordered, prefix)  # the word itself is not a prefix of itself
                for candidate in ordered[start:start + _PREFIX_SCAN]:
                    if not candidate.startswith(prefix):
                        break
                    if not in_folds and matched.get(candidate, 0.0) >= _PREFIX_SIMILARITY:
                        continue
                    best.add((in_folds, candidate))
        return best

    def _scored_names(self, words: list[str], q_tokens: tuple[frozenset[str], ...]) -> dict[int, float]:
        """How well the query's words cover each name's words: 1.0 for the same words, less for typos and
        for a name with more words than the query ('Moscow' against 'Moscow Times')."""
        n_query = len(q_tokens)
        sims: dict[int, list[float]] = {}
        positions: dict[int, set[int]] = defaultdict(set)
        for i, (word, keys) in enumerate(zip(words, q_tokens, strict=True)):
            last = i == n_query - 1
            for ni, (sim, at) in self._word_rows(word, keys, last).items():
                row = sims.get(ni)
                if row is None:
                    row = sims[ni] = [0.0] * n_query
                row[i] = max(row[i], sim)
                positions[ni].update(at)
        if n_query > 1:
            self._add_given_names(words, sims, positions)
            if letters(words[-1]) < _SHORTEST_PREFIX:
                self._add_short_prefix(words[-1], n_query - 1, sims, positions)
        out: dict[int, float] = {}
        for ni, row in sims.items():
            matched = [s for s in row if s >= 0.8]
            if len(matched) * 2 < n_query:
                continue
            average = sum(matched) / len(matched)
            name_cover = min(1.0, len(positions[ni]) / len(self.names[ni].tokens))
            if name_cover < 1.0 and self.names[ni].whole:
                continue
            # squared: one exact word beats a near spelling (Sacharowa -> Zacharowa over Smadijarow)
            out[ni] = 0.95 * average ** 3 * (len(matched) / n_query) * (0.85 + 0.15 * name_cover)
        return out


    def _word_rows(self, word: str, keys: frozenset[str], last: bool) -> dict[int, tuple[float, set[int]]]:
        """Per name one query word matches: its best similarity and the name's word positions it matched.
        Kept per word (and whether it is the last one typed), as its matches are."""
        held = self._rows_cache.get((word, last))
        if held is not None:
            return held
        if len(self._rows_cache) >= _MATCHES_CACHED:
            self._rows_cache.clear()
        rows: dict[int, tuple[float, set[int]]] = {}
        for postings, sim, script, aliases in self._word_matches(word, keys, last):
            for ni, position in postings:
                if script is not None and self.name_cyrillic[ni] != script:
                    continue
                if not aliases and self.names[ni].alias:
                    continue
                row = rows.get(ni)
                if row is None:
                    rows[ni] = (sim, {position})
                else:
                    row[1].add(position)
                    if sim > row[0]:
                        rows[ni] = (sim, row[1])
        self._rows_cache[word, last] = rows
        return rows

    def _add_short_prefix(self, word: str, i: int, sims: dict[int, list[float]],
                          positions: dict[int, set[int]]) -> None:
        """The last query word, one or two letters typed so far, narrows the names the words before it
        matched to those with another word it begins ("Petro K" -> Petro Kovalenko, not Petro Vroko), by its
        letters only: the readings of one or two letters ("ch": k, x, tsch) begin half the names."""
        folded = fold(word)
        for ni, row in sims.items():
            if row[i] >= _PREFIX_SIMILARITY or not any(s >= 0.8 for k, s in enumerate(row) if k != i):
                continue
            name = self.names[ni]
            taken = positions[ni]
            for position, word_fold in enumerate(name.folds):
                if position not in taken and word_fold.startswith(folded):
                    row[i] = _PREFIX_SIMILARITY
                    taken.add(position)
                    break

    def _add_given_names(self, words: list[str], sims: dict[int, list[float]],
                         positions: dict[int, set[int]]) -> None:
        """A query word that the given-name table says is one name with a word of a name that another query
        word already matched (Włodzimierz Putin -> Володимир Путін) counts as a near spelling of it."""
        for i, word in enumerate(words):
            for ni, position in self._given_name_positions(word).items():
                row = sims.get(ni)
                if row is None or row[i] >= _GIVEN_NAME_SIMILARITY:
                    continue
                if not any(s >= 0.8 for k, s in enumerate(row) if k != i):
                    continue
                row[i] = _GIVEN_NAME_SIMILARITY
                positions[ni].add(position)

    def _given_name_positions(self, word: str) -> dict[int, int]:
        """Per name, the first word position given_name_matches gives for the query word (kept per word)."""
        held = self._given_positions_cache.get(word)
        if held is None:
            if len(self._given_positions_cache) >= _MATCHES_CACHED:
                self._given_positions_cache.clear()
            held = {}
            for postings in self.given_name_matches(word):
                for ni, position in postings:
                    held.setdefault(ni, position)
            self._given_positions_cache[word] = held
        return held


# Candidates from which one cdist for all of a word's readings beats an extract per reading (and pays for
# importing numpy): a 3,000-key story's scan is about 1 ms a reading
_CDIST_FROM = 3_000


def _near_keys(keys: list[str], candidates: Sequence[str]) -> list[tuple[str, str, float]]:
    """(key, candidate, JaroWinkler similarity): each key's best _NEAR_PER_KEY candidates at or above
    _NEAR_CUTOFF (on a tie the earlier candidate), as process.extract lists them, for every key in one
    cdist: it reads the candidates once for all of a word's readings (reading 12,000 keys of a 10,000-article
    story cost more than comparing them, and extract read them again for each reading) and compares them in
    SIMD."""
    if not keys or not candidates:
        return []
    if len(candidates) < _CDIST_FROM:  # a small story: no numpy to import (0.18 s) for a first search
        return [(key, match, sim) for key in keys
                for match, sim, _i in process.extract(key, candidates, scorer=JaroWinkler.normalized_similarity,
                                                      score_cutoff=_NEAR_CUTOFF, limit=_NEAR_PER_KEY)]
    import numpy as np  # noqa: PLC0415 (cdist's scores are a numpy array; imported on a big story's first use)

    scores = process.cdist(candidates, keys, scorer=JaroWinkler.normalized_similarity, score_cutoff=_NEAR_CUTOFF,
                           dtype=np.float64)
    found: dict[int, list[tuple[float, int]]] = defaultdict(list)
    rows, columns = np.nonzero(scores)
    for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
        found[column].append((-float(scores[row, column]), row))
    return [(keys[column], candidates[row], -negated)
            for column, hits in sorted(found.items())
            for negated, row in sorted(hits)[:_NEAR_PER_KEY]]


def _table_concept(spellings: dict[str, set[str]]) -> tuple[str, str | None] | None:
    """The one (body, owner) of the organisation table an organisation's spellings name ("MSZ Rosji",
    "МИД России" -> the foreign ministry of Russia); None for none, two, or a body every country has whose
    owner its spellings do not say."""
    bodies: set[str] = set()
    owners: set[str] = set()
    scoped = False
    for text, languages in spellings.items():
        words = tuple(_surface_words(text))
        for language in languages:
            concept = knowledge.concept_of(words, language)
            if concept is not None:
                bodies.add(concept.organisation.id)
                scoped = scoped or concept.organisation.scoped
                if concept.owner:
                    owners.add(concept.owner)
    if len(bodies) != 1 or len(owners) > 1 or (scoped and not owners):
        return None
    return next(iter(bodies)), next(iter(owners), None)


def _table_body(spellings: dict[str, set[str]]) -> knowledge.Organisation | None:
    """The one body of the organisation table an organisation's spellings name (CSTO for "ОДКБ" and
    "Organizacji Układu o Bezpieczeństwie Zbiorowym"), so that it is found by the table's names in every
    language; None for none, for two, and for a body every country has ("MSZ": whose is the linker's to say)."""
    bodies = set()
    for text, languages in spellings.items():
        words = tuple(_surface_words(text))
        for language in languages:
            concept = knowledge.concept_of(words, language)
            if concept is not None:
                bodies.add(concept.organisation)
    if len(bodies) != 1:
        return None
    body = next(iter(bodies))
    return None if body.scoped else body


def _typed_connector(query: str, words: list[str]) -> str | None:
    """The query's last word when it is a short connector ("du", "vom", "di") dropped from `words` and
    nothing was typed after it: while a name is typed it is as likely the beginning of the next word."""
    raw = query.split()[-1] if query and not query[-1].isspace() else ""
    if (words and len(raw) <= _SHORTEST_PREFIX and raw.isalpha() and fold(raw) in lexicon.NAME_CONNECTORS
            and len(query.split()) > len(words)):
        return raw
    return None


def given_name_forms_of_query(word: str) -> frozenset[str]:
    """The spellings the given-name table joins to a query word (with its dictionary forms in any
    language: the query's language is unknown)."""
    folded = fold(word)
    forms = set(given_names.variants(folded))
    for language in KEY_LANGUAGES:
        for lemma in lexicon.lemma_candidates(word, language):
            forms |= given_names.variants(fold(lemma))
    forms.discard(folded)
    return frozenset(forms)


def _full_keys(tokens: tuple[frozenset[str], ...], cap: int = 64) -> set[str]:
    keys = [""]
    for options in tokens:
        keys = [f"{k} {o}".strip() for k in keys for o in sorted(options)][:cap]
    return set(keys)


def _closeness(folded_query: str, text: str) -> float:
    return Levenshtein.normalized_similarity(folded_query, fold(text))


def _penalised(a: str, b: str, similarity: float) -> float:
    """Koval is not Kovalenko, only like it; nor is -enko -chuk."""
    if (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) >= 3:
        similarity *= 0.85
    ea, eb = surname_ending(a), surname_ending(b)
    if ea and eb and ea != eb:
        similarity *= 0.9
    return similarity
