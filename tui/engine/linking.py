"""Linking: every spelling of one name becomes one entity, and different people stay apart.

Places link through the gazetteer id. Other names link through name keys (see names.py) with a name-aware
comparison: each word of the shorter name must align with a distinct word of the longer one, surnames must
align, and two surnames with one stem but different Slavic endings (Koval / Kovalenko) never match.
Clustering is complete-link against a cluster's full names (no single-link chaining), blocked by surname
key so it is not N×N. A bare surname goes to the one person it can mean; if several people share it
(the Klitschko brothers), each mention goes to the one last named in full in the same article.
"""

from __future__ import annotations

import bisect
import copy
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from rapidfuzz.distance import JaroWinkler, Levenshtein

from . import gazetteer, given_names, knowledge, languages, lexicon
from .detection import Occurrence
from .model import Entity, EntityType, Mention, Source, Variant
from .names import fold, has_cyrillic, international, skeletons, spelling_keys, surname_ending, transliterate

SUBDIVISION = "subdivision:"  # the place id of a state or province named after its classifier (no gazetteer's)
_SURNAME_LIKE = re.compile(r"(ski|ska|cki|cka|ov|ova|ev|eva|in|ina|enko|Cuk|iuk|uk|ic|iC|vic|viC|ko|ak|ec)$")


@dataclass
class Form:
    """All occurrences of one spelling (in one language), with what is known about it."""

    tokens: tuple[str, ...]
    language: str
    occurrences: list[Occurrence] = field(default_factory=list)
    keys: tuple[frozenset[str], ...] = ()  # per word: key of the spelling and of its possible lemmas
    primary: tuple[str, ...] = ()  # per word: key of the spelling as written
    best: tuple[str, ...] = ()  # per word: key of the most likely lemma
    place_id: str | None = None
    kind_votes: Counter = field(default_factory=Counter)
    acronym_of: str | None = None
    cyrillic: bool = False  # written in Cyrillic: compared with Latin spellings by sound too (sounds_alike)
    cyrillic_words: tuple[bool, ...] = ()  # per word: written in Cyrillic (sounds_alike asks it of every pair)
    skeletons: tuple[frozenset[str], ...] = ()  # per word: the consonant skeletons of its keys
    spelling_is_org: bool | None = None  # decided by the votes of these letters in every language's articles

    @property
    def count(self) -> int:
        return len(self.occurrences)

    @property
    def is_org(self) -> bool:
        if self.spelling_is_org is not None:
            return self.spelling_is_org
        return self.kind_votes["ORG"] > 0 and self.kind_votes["ORG"] >= self.kind_votes["PERSON"]


_DOUBLY_FEMALE = ("ovova", "evova", "inova")


@lru_cache(maxsize=200_000)
def name_word_keys(word: str, language: str) -> tuple[str, frozenset[str], str]:
    """(key as written, every key it may have, key of its most likely dictionary form) for one name word.

    Every key: the spelling's readings and those of its possible lemmas (Wrublewskiego -> Wrublewski),
    and a compass word's meaning ('Południowej', 'South' -> SOUTH).
    """
    readings = spelling_keys(word, language)
    if not readings:
        return "", frozenset(), ""
    primary = best = readings[0]
    keys = set(readings)
    # the same Latin spelling may stand in articles of different languages ("Kolkhida Shipping" in a Polish
    # text is still spelled the English way): its English reading is one of its keys too
    if language != international():
        keys.update(spelling_keys(word, international()))
    for n, lemma in enumerate(lexicon.lemma_candidates(word, language)):
        lemma_keys = spelling_keys(lemma, language)
        keys.update(lemma_keys)
        if n == 0 and lemma_keys:
            best = lemma_keys[0]
    # a woman's surname that is already female (-ova, -eva, -ina) takes Czech/Slovak -ová on top of it:
    # Ivanovová is Ivanova, never her husband Ivanov, though the ending cut off once leaves his name (a
    # Ukrainian -uk, -enko, -ko is one name for both: Kovalčuková is Koval'chuk)
    for key in [k for k in keys if k.endswith(_DOUBLY_FEMALE)]:
        keys.discard(key[:-3])
    keys.update(_other_readings(word, language))
    if best not in keys:
        best = primary
    direction = lexicon.DIRECTIONS.get(fold(word))
    if direction:
        keys.add(direction)
        primary = best = direction
    return primary, frozenset(keys), best


@lru_cache(maxsize=1)
def _foreign_sounds() -> tuple[tuple[str, str], ...]:
    """Every Cyrillic pack's spellings of foreign sounds (уэ = we), longest first."""
    table = {cyrillic: latin for _code, sounds in languages.every("script", "transliteration", "foreign_sounds")
             for cyrillic, latin in sounds.items()}
    return tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))


def _other_readings(word: str, language: str) -> set[str]:
    """Keys of a name word read as a foreign name would be: Cyrillic that spells an English sound by its own
    letters (Холлоуэй: уэ = we, Holloway), a French name without the final letter French does not say
    (Dumont, Дюмон)."""
    out: set[str] = set()
    if has_cyrillic(word):
        lowered = word.lower()
        sounds = [(c, latin) for c, latin in _foreign_sounds() if c in lowered]
        if sounds:
            for cyrillic, latin in sounds:
                lowered = lowered.replace(cyrillic, latin)
            out.update(spelling_keys(lowered, language))
        return out
    mute = languages.value(language, "names", "keys", "mute_finals", ())
    if mute and len(word) > 4 and word[-1].lower() in mute and word[-2].lower() not in mute:
        out.update(spelling_keys(word[:-1], language))
    return out


def _make_form(tokens: tuple[str, ...], language: str) -> Form:
    primaries, keysets, bests = [], [], []
    for word in tokens:
        primary, keys, best = name_word_keys(word, language)
        primaries.append(primary)
        keysets.append(keys)
        bests.append(best)
    word_skeletons = tuple(frozenset().union(*(skeletons(k) for k in keys if len(k) > 1)) for keys in keysets)
    cyrillic_words = tuple(has_cyrillic(word) for word in tokens)
    return Form(tokens, language, keys=tuple(keysets), primary=tuple(primaries), best=tuple(bests),
                cyrillic=any(cyrillic_words), cyrillic_words=cyrillic_words, skeletons=word_skeletons)


# How alike two keys with one skeleton must be to be one name across scripts: Trump/Трамп 0.89, Biden/Байдън
# 0.84, Ryanair/Райънеър 0.86, Johnson/Джонсън 0.78; Raines/Райънеър has another skeleton.
ACROSS_SCRIPTS = 0.75


def sounds_alike(a: Form, i: int, b: Form, j: int, shortest: int, alike: float = ACROSS_SCRIPTS) -> bool:
    """Word i of `a` and word j of `b`, one Cyrillic and one Latin, spell one sound: a skeleton of at least
    `shortest` letters in common and keys at least `alike` (JaroWinkler), and no two different Slavic surname
    endings. (A given name beside surnames that met needs the skeleton only: Michael / Майкл.) The scripts
    are the two words', not the forms': "Бортпровідники Ryanair" ends in a Latin word that "Райънеър" sounds
    like."""
    if a.cyrillic_words[i] == b.cyrillic_words[j]:
        return False
    if (a.kind_votes["LOCATIVE"] and b.is_org) or (b.kind_votes["LOCATIVE"] and a.is_org):
        return False  # "в Бельгии" (a place, in a case form) is not the agency Belga, however alike
    similarity = keys_sound_alike(a.keys[i], a.skeletons[i], b.keys[j], b.skeletons[j], shortest)
    return similarity is not None and similarity >= alike


def keys_sound_alike(a_keys: frozenset[str], a_skeletons: frozenset[str], b_keys: frozenset[str],
                     b_skeletons: frozenset[str], shortest: int) -> float | None:
    """How alike two words' keys are by sound (the best JaroWinkler of two keys sharing a skeleton of at least
    `shortest` letters and no two different Slavic surname endings); None without a common skeleton. What
    sounds_alike decides by, and what search confirms a query against another script's spellings with."""
    common = {sk for sk in a_skeletons & b_skeletons if len(sk) >= shortest}
    if not common:
        return None
    best = 0.0
    for ka in a_keys:
        if not skeletons(ka) & common:
            continue
        for kb in b_keys:
            if not skeletons(kb) & common:
                continue
            ea, eb = surname_ending(ka), surname_ending(kb)
            if ea and eb and ea != eb:
                continue
            best = max(best, JaroWinkler.normalized_similarity(ka, kb))
    return best


@lru_cache(maxsize=400_000)
def words_match(a_keys: frozenset[str], a_primary: str, b_keys: frozenset[str], b_primary: str,
                surname: bool) -> bool:
    """Do two name words (by their keys) spell the same name?"""
    if a_primary == b_primary or a_primary in b_keys or b_primary in a_keys:
        return True
    if not surname and (len(a_primary) == 1 or len(b_primary) == 1):
        return a_primary[:1] == b_primary[:1]  # an initial: "P. Vrublevsky"
    # (each spelling against every reading of the other, which would meet an Italian paper's "Zhuravlev",
    # cost B3 precision on the 1,500 synthetic articles: 0.9981 -> 0.9973; not done)
    a, b = a_primary, b_primary
    if len(a) < 4 or len(b) < 4:
        return False
    if a.lower() == b.lower():
        # one name whose marks a paper dropped: Romanian "Sevciuk" (ș, č as s, ci) is Ukrainian Ševčuk
        # (key S for sh), Czech "Stanojevićová" (ć as c) is Serbian Stanojević (ć as ch)
        return True
    if abs(len(a) - len(b)) > 2:
        return False  # more than two edits apart (and Koval / Kovalenko: one name inside another is another)
    # the cheap tests first: a miss (most pairs asked) is told before any similarity is computed
    distance = Levenshtein.distance(a, b, score_cutoff=2)  # (3: more than two)
    if a[:1].lower() != b[:1].lower() and not (len(a) > 6 and distance <= 1):
        return False
    ending_a, ending_b = surname_ending(a), surname_ending(b)
    if ending_a != ending_b and ending_a and ending_b:
        return False
    return distance <= (1 if min(len(a), len(b)) < 7 else 2) and JaroWinkler.normalized_similarity(a, b) >= 0.9


@lru_cache(maxsize=100_000)
def given_name_forms(word: str, language: str) -> tuple[str, ...]:
    """A name word folded as written and as its possible dictionary forms ("Włodzimierza" ->
    "wlodzimierz"), the spellings the given-name table is asked about."""
    return tuple(dict.fromkeys(fold(w) for w in (word, *lexicon.lemma_candidates(word, language))))


def names_match(a: Form, b: Form) -> bool:
    """Name-aware comparison: the shorter name's words align, in order, with distinct words of the longer;
    the last words (surnames) must align. Only then may two given names be one by the given-name table
    (Włodzimierz / Vladimir / Володимир Путін), so a shared surname never joins Vitali and Wladimir."""
    short, long_ = (a, b) if len(a.tokens) <= len(b.tokens) else (b, a)
    if not short.tokens:
        return False
    n, m = len(short.tokens), len(long_.tokens)
    # the same letters are the same name, whichever language's habits read them ("Javier" in a Spanish
    # and in a Czech article)
    if fold(short.tokens[-1]) != fold(long_.tokens[-1]) and \
            not words_match(short.keys[-1], short.best[-1], long_.keys[-1], long_.best[-1], surname=True) and \
            not words_match(short.keys[-1], short.primary[-1], long_.keys[-1], long_.primary[-1], surname=True) and \
            not sounds_alike(short, n - 1, long_, m - 1, 1):
        return False
    j = 0
    for i in range(n - 1):
        while j < m - 1 and not _first_names_agree(short, i, long_, j):
            j += 1
        if j >= m - 1:
            return False
        j += 1
    return True


def _first_names_agree(a: Form, i: int, b: Form, j: int) -> bool:
    """Word i of `a` and word j of `b` may be one given name (their surnames, where they have them, being
    compared elsewhere): one spelling, one key, one sound across scripts, or one name by the table."""
    return (fold(a.tokens[i]) == fold(b.tokens[j])
            or words_match(a.keys[i], a.primary[i], b.keys[j], b.primary[j], surname=False)
            or words_match(a.keys[i], a.best[i], b.keys[j], b.best[j], surname=False)
            or sounds_alike(a, i, b, j, 1, 0.0)
            or given_names.any_same_name(given_name_forms(a.tokens[i], a.language),
                                         given_name_forms(b.tokens[j], b.language)))


def _patronymic_reading(form: Form, i: int) -> tuple[str, ...]:
    """Word i of `form` folded as written and as its dictionary forms, read with its article's language and
    with each language that makes patronymics (an article too short to tell its language, a Russian name
    quoted in a Bulgarian text)."""
    return _patronymic_forms(form.tokens[i], form.language)


@lru_cache(maxsize=100_000)
def _patronymic_forms(word: str, language: str) -> tuple[str, ...]:
    """_patronymic_reading of a word in an article of `language`: asked once per spelling, not once per pair
    of forms compared (each reading asks the dictionaries of every patronymic language)."""
    forms = dict.fromkeys(given_name_forms(word, language))
    for code in given_names.patronymic_languages():
        forms.update(dict.fromkeys(given_name_forms(word, code)))
    return tuple(forms)


def _patronymic(form: Form, i: int) -> frozenset[str]:
    """The given names word i of `form` is the patronymic of (Михайловичу -> михаил), or none."""
    return given_names.patronymic_bases(_patronymic_forms(form.tokens[i], form.language))


def _addressed(form: Form) -> bool:
    """A given name and a patronymic, no surname: "Петр Михайлович", the polite way to name someone."""
    return len(form.tokens) == 2 and not form.is_org and bool(_patronymic(form, 1))


def _patronymics_agree(a: Form, i: int, b: Form, j: int) -> bool:
    return words_match(a.keys[i], a.best[i], b.keys[j], b.best[j], surname=True) or \
        given_names.any_same_name(_patronymic(a, i), _patronymic(b, j))


class Linker:
    """Builds entities from the occurrences of one story."""

    def __init__(self, sources: Sequence[Source], occurrences: Sequence[Occurrence]):
        self.sources = sources
        self.occurrences = occurrences
        self._positions: dict[int, tuple] = {}
        self._first_names: dict[str, set[int]] | None = None
        self._clusters: list[list[Form]] = []
        # cluster index -> spelling -> why knowledge (not spelling rules) put it there (Entity.joined_by)
        self._joined: dict[int, dict[str, str]] = defaultdict(dict)

    def link(self) -> list[Entity]:
        forms = self._forms()
        clusters: list[list[Form]] = []
        by_place: dict[str, list[Form]] = {}
        multi: list[Form] = []
        single: list[Form] = []
        demonyms: dict[str, list[Form]] = defaultdict(list)
        for form in sorted(forms.values(), key=lambda f: (-len(f.tokens), -f.count, f.tokens)):
            if form.place_id:
                by_place.setdefault(form.place_id, []).append(form)
            elif form.kind_votes["OTHER"] and all(o.demonym for o in form.occurrences):
                demonyms[form.best[0] if form.best else fold(" ".join(form.tokens))].append(form)
            elif len(form.tokens) >= 2:
                multi.append(form)
            else:
                single.append(form)
        clusters.extend(by_place.values())
        clusters.extend(demonyms.values())
        name_clusters = self._cluster_multi(multi)
        clusters.extend(name_clusters)
        self._clusters = clusters
        addressed = self._attach_addressed(name_clusters, len(clusters) - len(name_clusters), single)
        split_singles = self._attach_single(single, name_clusters, clusters)
        for ci, moved in addressed.items():
            split_singles.setdefault(ci, []).extend(moved)
        _merge_shared_acronyms(clusters, split_singles, self._joined)
        _merge_by_concept(clusters, split_singles, self._joined)
        _merge_reordered_acronyms(clusters, split_singles, self._joined)
        return self._entities(clusters, split_singles)

    def _forms(self) -> dict[tuple[tuple[str, ...], str] | tuple[tuple[str, ...], str, str], Form]:
        forms: dict[tuple[tuple[str, ...], str] | tuple[tuple[str, ...], str, str], Form] = {}
        sources = self.sources
        # per (source, language): whether the source's text holds a classifier of that language at all (most
        # hold none: their names are not asked one by one)
        classified: dict[tuple[int, str], bool] = {}
        for occ in self.occurrences:
            # "the state of Georgia", "w stanie Georgia": a subdivision, a form apart from the country spelled
            # alike, placed under its own spelling (one across languages that write it alike); its mention
            # holds the classifier, as a reader names it ("state of Georgia")
            text = sources[occ.source_index].text if occ.source_index < len(sources) else ""
            here = (occ.source_index, occ.language)
            may = classified.get(here)
            if may is None:
                may = classified[here] = lexicon.may_hold_subdivision_classifier(text, occ.language)
            classifier = lexicon.subdivision_classifier_start(text, occ.start, occ.language) if may else None
            subdivision = classifier is not None
            key: tuple[tuple[str, ...], str] | tuple[tuple[str, ...], str, str] = (occ.tokens, occ.language)
            if classifier is not None:
                occ = copy.copy(occ)  # the detector's own stays as found (it may serve another story)
                occ.start, occ.text = classifier, text[classifier:occ.end]
                key = (occ.tokens, occ.language, SUBDIVISION)
            form = forms.get(key)
            if form is None:
                form = forms[key] = _make_form(occ.tokens, occ.language)
            form.occurrences.append(occ)
            if subdivision:
                form.place_id = SUBDIVISION + fold(transliterate(" ".join(occ.tokens)))
            elif occ.place_id:
                form.place_id = occ.place_id
            if occ.kind:
                form.kind_votes[occ.kind] += 1
            if occ.locative:
                form.kind_votes["LOCATIVE"] += 1
            if occ.after_title:
                form.kind_votes["TITLED"] += 1
            if occ.acronym_of:
                form.acronym_of = occ.acronym_of
        # The same letters in articles of several languages are one kind of name: "Vereinigung Cockpit",
        # an organisation by a Czech article's votes and a person by a Ukrainian one's, is one name.
        pooled: dict[str, Counter[str]] = defaultdict(Counter)
        for form in forms.values():
            if len(form.tokens) >= 2:
                pooled[fold(" ".join(form.tokens))].update(
                    {kind: form.kind_votes[kind] for kind in ("ORG", "PERSON")})
        for form in forms.values():
            if len(form.tokens) >= 2:
                votes = pooled[fold(" ".join(form.tokens))]
                form.spelling_is_org = votes["ORG"] > 0 and votes["ORG"] >= votes["PERSON"]
        # A form that is not in the gazetteer but whose lemma is ("Kijowa" if the detector missed it)
        for form in forms.values():
            if form.place_id is None and not form.is_org and len(form.tokens) <= 3:
                from .detection import place_for

                place = place_for(form.tokens, form.language) or _local_place(form)
                if place is not None:
                    form.place_id = place.id
        _link_known_places(list(forms.values()), self.sources)
        return forms

    def _cluster_multi(self, forms: list[Form]) -> list[list[Form]]:
        """Complete-link clustering of multi-word names, blocked by surname key."""
        clusters: list[list[Form]] = []
        block: dict[str, list[int]] = defaultdict(list)
        for form in forms:
            candidates: dict[int, None] = {}
            for key in sorted(_block_keys(form)):
                for ci in block.get(key, ()):
                    # by sound, a Latin form looks only for a cluster in Cyrillic (a Latin-only story blocks
                    # as without skeletons)
                    if key[0] != "~" or form.cyrillic or clusters[ci][0].cyrillic:
                        candidates[ci] = None
            chosen = None
            for ci in sorted(candidates):  # oldest (largest) cluster first: the result must not depend on hashing
                members = clusters[ci]
                if members[0].is_org != form.is_org:
                    continue
                if form.is_org:
                    if all(_org_match(form, other) for other in members[:5]):
                        chosen = ci
                        break
                elif all(names_match(form, other) for other in members[:8]):
                    chosen = ci
                    break
            _join_cluster(form, chosen, clusters, block)
        return clusters

    def _attach_addressed(self, name_clusters: list[list[Form]], offset: int,
                          singles: list[Form]) -> dict[int, list[Occurrence]]:
        """A given name with a patronymic and no surname ("Петру Михайловичу") to the person it names: the
        one whose full name carries that given name and patronymic, else, when no full name of a person of
        that given name carries a patronymic, the one person of the story with that given name and a
        surname (the one named in the same source first). Returns cluster index -> occurrences moved there;
        what finds no one stays a person of its own.

        A word seen as a surname elsewhere in the story (alone, or last in a longer name) is read as one
        ("Роман Абрамович"), never as a patronymic."""
        moved: dict[int, list[Occurrence]] = defaultdict(list)
        groups = [(offset + ci, members, all(_addressed(form) for form in members))
                  for ci, members in enumerate(name_clusters) if not members[0].is_org]
        lone = [members for _ci, members, addressed in groups if addressed]
        if not lone:
            return moved
        people = [(ci, members) for ci, members, addressed in groups if not addressed]
        surnames = {key for form in singles for key in form.keys[0]}
        surnames.update(key for _ci, members in people for form in members for key in form.keys[-1])
        for members in lone:
            for form in members:
                if form.best[1] in surnames or form.primary[1] in surnames:
                    continue
                candidates = _addressed_candidates(form, people)
                if not candidates:
                    continue
                kept = []
                for occ in form.occurrences:
                    chosen = self._named_here(occ, candidates)
                    if chosen is None:
                        kept.append(occ)
                    else:
                        moved[chosen].append(occ)
                form.occurrences = kept
        return moved

    def _named_here(self, occ: Occurrence, candidates: list[int]) -> int | None:
        """The one candidate named in the source of `occ`, else the only candidate if none is named there."""
        here = [ci for ci in candidates if self._cluster_positions(ci, self._clusters)[1].get(occ.source_index)]
        if len(here) == 1:
            return here[0]
        return candidates[0] if not here and len(candidates) == 1 else None

    def _attach_single(self, singles: list[Form], name_clusters: list[list[Form]],
                       clusters: list[list[Form]]) -> dict[int, list[Occurrence]]:
        """Bare surnames and one-word names: to the person they can mean, or to a cluster of their own.

        Returns, for clusters that received some occurrences of an ambiguous surname one by one, those
        occurrences (cluster index in `clusters` -> occurrences).
        """
        offset = len(clusters) - len(name_clusters)
        surname_block = _surname_block(name_clusters, offset)
        acronym_owner = _acronym_owners(clusters)
        per_occurrence: dict[int, list[Occurrence]] = defaultdict(list)
        single_clusters: list[list[Form]] = []
        single_block: dict[str, list[int]] = defaultdict(list)
        for form in singles:
            if form.acronym_of:
                owner = acronym_owner.get(fold(form.acronym_of))
                if owner is not None:
                    clusters[owner].append(form)
                    defined = next((o for o in form.occurrences if o.acronym_of), form.occurrences[0])
                    self._joined[owner][form.occurrences[0].text] = knowledge.acronym_reason(defined.source_index + 1)
                    continue
            candidates = _surname_candidates(form, surname_block, clusters)
            if len(candidates) == 1:
                clusters[candidates[0]].append(form)
                continue
            if len(candidates) > 1:
                for occ in form.occurrences:
                    per_occurrence[self._nearest_full_name(occ, candidates, clusters)].append(occ)
                continue
            # a first name alone ("son frère Vakhtang"): the one person of that first name in the article
            form.occurrences = [o for o in form.occurrences
                                if not self._attach_first_name(o, form, name_clusters, offset, per_occurrence)]
            if form.occurrences:
                _cluster_lone_name(form, single_clusters, single_block)
        clusters.extend(single_clusters)
        return per_occurrence

    def _attach_first_name(self, occ: Occurrence, form: Form, name_clusters: list[list[Form]], offset: int,
                           per_occurrence: dict[int, list[Occurrence]]) -> bool:
        if form.is_org or not form.primary or len(form.primary[0]) < 3:
            return False
        if self._first_names is None:
            self._first_names = defaultdict(set)
            for ci, members in enumerate(name_clusters):
                if members[0].is_org:
                    continue
                for member in members:
                    if len(member.tokens) >= 2 and member.occurrences:  # (a patronymic's form may have left)
                        for key in member.keys[0]:
                            self._first_names[key].add(offset + ci)
        candidates = sorted(set().union(*(self._first_names.get(key, set()) for key in form.keys[0])))
        here = [ci for ci in candidates if self._cluster_positions(ci, self._clusters)[1].get(occ.source_index)]
        if len(here) == 1:
            per_occurrence[here[0]].append(occ)
            return True
        # no one of that first name in this article: the one person of that name in the story, if only one
        if not here and len(candidates) == 1 and not lexicon.is_dictionary_word(form.tokens[0], form.language):
            per_occurrence[candidates[0]].append(occ)
            return True
        return False

    def _nearest_full_name(self, occ: Occurrence, candidates: list[int], clusters: list[list[Form]]) -> int:
        """The candidate person last named in full before `occ` in the same source, else the one most
        mentioned in that source, else the most mentioned."""
        best, best_start = None, -1
        for ci in candidates:
            full_starts, _counts, _total = self._cluster_positions(ci, clusters)
            starts = full_starts.get(occ.source_index)
            if starts:
                k = bisect.bisect_left(starts, occ.start) - 1
                if k >= 0 and starts[k] > best_start:
                    best, best_start = ci, starts[k]
        if best is not None:
            return best
        in_source = {ci: self._cluster_positions(ci, clusters)[1].get(occ.source_index, 0) for ci in candidates}
        if max(in_source.values()) > 0:
            return max(candidates, key=lambda ci: in_source[ci])
        return max(candidates, key=lambda ci: self._cluster_positions(ci, clusters)[2])

    def _cluster_positions(self, ci: int, clusters: list[list[Form]]):
        """Per cluster (memoised): source -> sorted starts of full names; source -> mentions; total."""
        cached = self._positions.get(ci)
        if cached is None:
            full: dict[int, list[int]] = defaultdict(list)
            counts: Counter[int] = Counter()
            for form in clusters[ci]:
                for o in form.occurrences:
                    counts[o.source_index] += 1
                    if len(form.tokens) >= 2:
                        full[o.source_index].append(o.start)
            for starts in full.values():
                starts.sort()
            cached = self._positions[ci] = (full, counts, sum(counts.values()))
        return cached

    def _entities(self, clusters: list[list[Form]], extra: dict[int, list[Occurrence]]) -> list[Entity]:
        entities: list[Entity] = []
        used_ids: Counter[str] = Counter()
        in_story_order = attrgetter("source_index", "start", "end")
        paths = [source.path for source in self.sources]
        ids = [source.id for source in self.sources]
        source_languages = [source.language for source in self.sources]
        for ci, members in enumerate(clusters):
            occurrences = [o for form in members for o in form.occurrences] + extra.get(ci, [])
            if not occurrences:
                continue
            occurrences.sort(key=in_story_order)
            kind = _entity_type(members, occurrences)
            name = _display_name(members, kind, occurrences)
            # in Latin letters whatever the name's script ("person-donald-tramp", not "person-entity-7")
            slug = re.sub(r"[^a-z0-9]+", "-", fold(transliterate(name))).strip("-") or "entity"
            base = f"{kind.lower()}-{slug}"
            used_ids[base] += 1
            entity_id = base if used_ids[base] == 1 else f"{base}-{used_ids[base]}"
            variant_counts = Counter(map(_text, occurrences))
            variants = tuple(Variant(text, count) for text, count in
                             sorted(variant_counts.items(), key=lambda kv: (-kv[1], kv[0])))
            spellings, scripts = _spellings(occurrences, source_languages)
            # tuple.__new__ directly (what Mention._make does, less a Python call): half a million of these
            mentions = tuple(tuple.__new__(Mention, (paths[o.source_index], ids[o.source_index], o.start, o.end,
                                                     o.text, entity_id, o.boilerplate)) for o in occurrences)
            entities.append(Entity(entity_id, name, kind, variants, mentions, spellings, scripts,
                                   _joined_by(members, name, self._joined.get(ci, {}))))
        entities.sort(key=lambda e: (-len(e.mentions), e.name))
        return entities


def _addressed_candidates(form: Form, people: list[tuple[int, list[Form]]]) -> list[int]:
    """The people a given name and patronymic may name: those whose full name has that given name and that
    patronymic if any has, else those of that given name whose full names carry no other patronymic."""
    carrying, plain = [], []
    for ci, members in people:
        same_given = [m for m in members if _first_names_agree(form, 0, m, 0) or given_names.any_same_name(
            _patronymic_reading(form, 0), _patronymic_reading(m, 0))]
        if not same_given:
            continue
        with_patronymic = [m for m in same_given if len(m.tokens) >= 3 and _patronymic(m, len(m.tokens) - 2)]
        if any(_patronymics_agree(form, 1, m, len(m.tokens) - 2) for m in with_patronymic):
            carrying.append(ci)
        elif not with_patronymic:
            plain.append(ci)
    return carrying or plain


def _joined_by(members: list[Form], name: str, joined: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Why knowledge made these spellings one entity: the reasons recorded while linking, and for a place
    each spelling other than its name (they met through the place's record)."""
    reasons = dict(joined)
    for form in members:
        if form.place_id:
            place = _place_by_id(form.place_id)
            text = form.occurrences[0].text if form.occurrences else " ".join(form.tokens)
            # a spelling the record itself holds ("Kijów" of Kyiv), not a case form of one ("Kijowa")
            if place is not None and fold(text) != fold(name) and fold(text) in _place_keys(place.id):
                reasons.setdefault(text, knowledge.place_reason(place))
    return tuple(sorted((text, reason) for text, reason in reasons.items() if fold(text) != fold(name)))


@lru_cache(maxsize=4096)
def _place_keys(place_id: str) -> frozenset[str]:
    place = _place_by_id(place_id)
    return frozenset(fold(n) for n in place.names) if place is not None else frozenset()


def _surname_block(name_clusters: list[list[Form]], offset: int) -> dict[str, list[int]]:
    """Surname key (and its first four letters) -> the person clusters (index in all clusters) holding it."""
    block: dict[str, list[int]] = defaultdict(list)
    for ci, members in enumerate(name_clusters):
        if members[0].is_org:
            continue
        for form in members:
            for key in form.keys[-1] | {form.best[-1][:4].lower()} | {"~" + sk for sk in form.skeletons[-1]}:
                if offset + ci not in block[key]:
                    block[key].append(offset + ci)
    return block


def _acronym_owners(clusters: list[list[Form]]) -> dict[str, int]:
    """A spelling (folded) -> the cluster holding it: where an acronym's expansion lives."""
    owner: dict[str, int] = {}
    for ci, members in enumerate(clusters):
        for form in members:
            owner[fold(" ".join(form.tokens))] = ci
    return owner


def _surname_candidates(form: Form, surname_block: dict[str, list[int]], clusters: list[list[Form]]) -> list[int]:
    """The person clusters a one-word name can be the surname of, in cluster order."""
    candidates: list[int] = []
    by_sound = {"~" + sk for sk in form.skeletons[0]} if form.cyrillic else set()
    for key in sorted(form.keys[0] | {form.best[0][:4].lower()} | by_sound):
        for ci in surname_block.get(key, ()):
            if ci not in candidates and any(
                    words_match(form.keys[0], form.primary[0], other.keys[-1], other.primary[-1], True)
                    or words_match(form.keys[0], form.best[0], other.keys[-1], other.best[-1], True)
                    or sounds_alike(form, 0, other, len(other.tokens) - 1, 3)
                    for other in clusters[ci]):
                candidates.append(ci)
    candidates.sort()
    if len(candidates) > 1:
        # one of them spelled exactly as this word's likeliest lemma: a Czech "Žuravljovem" is the man
        # Žuravljov, though his wife Žuravljovová's forms also have that key among their candidates
        exact = [ci for ci in candidates if any(other.best[-1] == form.best[0] for other in clusters[ci])]
        if len(exact) == 1:
            return exact
    return candidates


# --- link-only place names (gazetteer.link_lookup: seas, regions, GeoNames cities) -----------------------------


# one-word mentions: ~8 µs each to read the neighbours of, against ~30 ms for gazetteer._link_last_words
_PROOF_PAYS = 4000


def _link_known_places(forms: Sequence[Form], sources: Sequence[Source]) -> None:
    """Give forms the place a link-only name table knows them by, where two spellings of that place occur.

    These names ("Janov", "Genua", "Morze Czarne", "Obwód charkowski") never detect anything: a place joins only
    spellings the story already holds, and only if at least two different ones name it (counting the forms
    the gazetteer already placed). A one-word form stays a name if it is a word of a full name in the story
    ("Vladimir" of "Vladimir Putin"), follows a title, or is a person in the language's dictionary; a
    one-word form not found by itself may be found with the word beside it ("mer" + "Noire", "La" + "Haya"),
    which detection leaves outside the name when it is lower case or an article."""
    name_words = {fold(word) for form in forms if len(form.tokens) >= 2 and form.place_id is None
                  and not form.is_org for word in form.tokens}
    found: dict[str, list[Form]] = defaultdict(list)
    reversed_texts: dict[int, str] = {}  # source index -> its text reversed (_neighbours)
    # a story with many one-word mentions pays for reading which words end a link-only name, to pass over
    # most mentions without reading their neighbours (the answer is the same either way)
    prove = sum(form.count for form in forms if len(form.tokens) == 1) >= _PROOF_PAYS
    for form in forms:
        if form.place_id is not None or len(form.tokens) > 4:
            continue
        place = _linked_place(form.tokens, form.language)
        if place is not None and len(form.tokens) == 1 and not _may_be_place(form, name_words):
            place = None
        if place is None and len(form.tokens) == 1:
            place = _place_by_neighbours(form, sources, reversed_texts, prove)
        if place is not None:
            found[place.id].append(form)
    if not found:
        return
    spellings: dict[str, set[str]] = defaultdict(set)
    for form in forms:
        if form.place_id in found:
            spellings[form.place_id].add(fold(" ".join(form.tokens)))
    pull: _PullIn | None = None
    for place_id, members in found.items():
        spellings[place_id].update(fold(" ".join(f.tokens)) for f in members)
        if len(spellings[place_id]) >= 2:
            for form in members:
                form.place_id = place_id
            if pull is None:
                pull = _PullIn(forms, name_words)
            pull.into(place_id, members)


class _PullIn:
    """One-word forms the table lacks but that spell a member the way names are matched ("Mykolajiw" beside
    "Mykolaiv"): they would have clustered with it as names, so they follow it to the place. The forms that
    may be places are found once, and filed by what _single_match needs in common (a key's first letter, or a
    consonant skeleton of three letters across scripts), so a member is compared only with the forms that
    could match it, not with every form of the story."""

    def __init__(self, forms: Sequence[Form], name_words: set[str]):
        self.candidates = [form for form in forms if len(form.tokens) == 1 and not form.is_org
                           and _may_be_place(form, name_words)]
        self.block: dict[str, list[int]] = defaultdict(list)
        for i, form in enumerate(self.candidates):
            for key in _pull_keys(form):
                self.block[key].append(i)

    def into(self, place_id: str, members: list[Form]) -> None:
        singles = [m for m in members if len(m.tokens) == 1]
        near: set[int] = set()
        for member in singles:
            for key in _pull_keys(member):
                near.update(self.block.get(key, ()))
        for i in sorted(near):
            form = self.candidates[i]
            if form.place_id is None and any(_single_match(form, member) for member in singles):
                form.place_id = place_id


def _pull_keys(form: Form) -> set[str]:
    """What two one-word forms share if _single_match may take them for one name: a key's first letter (a
    near spelling keeps it; words_match then only lets a word of 7+ letters change it within one edit, which
    the words' other keys mostly still share), or a consonant skeleton of three letters (sounds_alike)."""
    keys = {"^" + key[:1].lower() for key in (*form.keys[0], form.primary[0], form.best[0]) if key}
    keys.update("~" + sk for sk in form.skeletons[0] if len(sk) >= 3)
    return keys


def _may_be_place(form: Form, name_words: set[str]) -> bool:
    word = form.tokens[0]
    if form.kind_votes["TITLED"] or fold(word) in name_words:
        return False
    return lexicon.proper_kind(word, form.language) != "PERSON"


@lru_cache(maxsize=100_000)
def _linked_place(words: tuple[str, ...], language: str, stem: bool = True) -> gazetteer.Place | None:
    """The link-only place these words name, as written, through their lemmas, or (several words, `stem`) by
    stem key. A form's own words only are matched by stem: a word and its neighbour are not a name's words."""
    if not (len(words) == 2 and _begins_no_link_phrase(words[0], language) and _folds_to_letters(words[1], language)):
        # (a name and its neighbour mostly begin no link-only spelling in any of their forms: not asked)
        place = gazetteer.link_lookup(" ".join(words))
        if place is not None:
            return place
        options = [_lemma_options(w, language) for w in words]
        for combo in itertools.islice(itertools.product(*options), 64):
            place = gazetteer.link_lookup(" ".join(combo))
            if place is not None:
                return place
    return gazetteer.link_lookup(" ".join(words), stem=True) if stem and len(words) > 1 else None


@lru_cache(maxsize=100_000)
def _alone_in_links(word: str, language: str) -> bool:
    """No link-only spelling of several words begins or ends with the word in any of its forms, nor is one
    (gazetteer.begins_no_link_phrase, ends_no_link_phrase): then the word and a neighbour name no place."""
    return all(gazetteer.begins_no_link_phrase(option) and gazetteer.ends_no_link_phrase(option)
               for option in _lemma_options(word, language))


@lru_cache(maxsize=100_000)
def _lemma_options(word: str, language: str) -> tuple[str, ...]:
    """A word as written and its first four possible lemmas: the spellings _linked_place tries for it."""
    return (word, *lexicon.lemma_candidates(word, language)[:4])


@lru_cache(maxsize=100_000)
def _begins_no_link_phrase(word: str, language: str) -> bool:
    """No link-only spelling of several words begins with the word in any of its forms (_lemma_options)."""
    return not any(gazetteer.may_begin_link_phrase(option) for option in _lemma_options(word, language))


@lru_cache(maxsize=100_000)
def _folds_to_letters(word: str, language: str) -> bool:
    """Every form of the word folds to something (what gazetteer.may_begin_link_phrase needs of a phrase's rest)."""
    return all(gazetteer.fold(option) for option in _lemma_options(word, language))


def _place_by_neighbours(form: Form, sources: Sequence[Source], reversed_texts: dict[int, str],
                         prove: bool = False) -> gazetteer.Place | None:
    """The place every occurrence of a one-word form names together with the word before or after it, if the
    occurrences that have such a neighbour agree on one. With `prove`, an occurrence whose word can make no
    link-only name with a neighbour (_alone_in_links) is passed over without reading its neighbours."""
    chosen: gazetteer.Place | None = None
    language = form.language
    known: dict[tuple, dict[str, gazetteer.Place]] = {}  # the places of each distinct neighbourhood, asked once
    for occ in form.occurrences:
        if prove and _alone_in_links(occ.text, language) and not (
                occ.start and sources[occ.source_index].text[occ.start - 1] in "'’\n"):
            continue  # no neighbour but one elided before it ("dell'Aia") can make a link-only name of it
        neighbourhood = (occ.text, *_neighbours(sources, reversed_texts, occ))
        places = known.get(neighbourhood)
        if places is None:
            word, before, after = neighbourhood
            phrases = []
            if before:
                elided = before[1] in "'’"  # "L'Aia", "dell'Aia": one word with its article
                phrases.append((before[0] + "'" + word,) if elided else (before[0], word))
            if after:
                phrases.append((word, after))
            places = known[neighbourhood] = {
                p.id: p for words in phrases if (p := _linked_place(words, language, False)) is not None}
        if len(places) > 1 or (chosen is not None and places and chosen.id not in places):
            return None
        if places and chosen is None:
            chosen = next(iter(places.values()))
    return chosen


# The neighbours are the word before an occurrence and its gap, r"(\w+)(['’]|[^\S\n]+)$" searched for in the
# 30 characters before it, and the word after it, r"^[^\S\n]+(\w+)" in the 30 after. The word before is read
# from the source's text reversed: one anchored match at the occurrence, not a search trying each of the 30
# characters as the word's beginning. Reversed, the pattern reads: at most one newline ('$' matches before a
# final one), the gap, the word (its letters reversed).
_WORD_BEFORE_REVERSED = re.compile(r"\n?(['’]|[^\S\n]+)(\w+)").match
_WORD_AFTER = re.compile(r"[^\S\n]+(\w+)").match  # at a position of the text, up to a bound
_NEIGHBOURHOOD = 30


def _neighbours(sources: Sequence[Source], reversed_texts: dict[int, str], occ: Occurrence
                ) -> tuple[tuple[str, str] | None, str | None]:
    """(the word before `occ` and the gap after it, or None; the word after it, or None), each within 30
    characters (see above)."""
    index = occ.source_index
    text = sources[index].text
    backwards = reversed_texts.get(index)
    if backwards is None:
        backwards = reversed_texts[index] = text[::-1]
    at = len(text) - occ.start
    before = _WORD_BEFORE_REVERSED(backwards, at, at + _NEIGHBOURHOOD)
    after = _WORD_AFTER(text, occ.end, occ.end + _NEIGHBOURHOOD)
    return ((before[2][::-1], before[1]) if before else None), (after[1] if after else None)


def _local_place(form: Form) -> gazetteer.Place | None:
    """A one-word place in a spelling only its own language reads as one ('Portugalsku', a case of Czech
    'Portugalsko'), through the word or its lemmas."""
    if len(form.tokens) != 1:
        return None
    word = form.tokens[0]
    for option in (word, *lexicon.lemma_candidates(word, form.language)[:4]):
        place = gazetteer.lookup_local(option, form.language)
        if place is not None:
            return place
    return None


def _cluster_lone_name(form: Form, single_clusters: list[list[Form]], single_block: dict[str, list[int]]) -> None:
    """A one-word name with no full name to lean on: into the first cluster of one-word names it matches
    every member of (complete link), else a cluster of its own."""
    chosen = None
    for key in sorted(_block_keys(form, lookup=True)):
        for si in single_block.get(key, ()):
            if all(_single_match(form, other) for other in single_clusters[si][:8]):
                chosen = si
                break
        if chosen is not None:
            break
    _join_cluster(form, chosen, single_clusters, single_block)


def _join_cluster(form: Form, chosen: int | None, clusters: list[list[Form]], block: dict[str, list[int]]) -> None:
    """Put `form` into the chosen cluster (None: a new one) and file that cluster under the form's block keys."""
    if chosen is None:
        clusters.append([form])
        chosen = len(clusters) - 1
    else:
        clusters[chosen].append(form)
    for key in _block_keys(form):
        if chosen not in block[key]:
            block[key].append(chosen)


def _merge_shared_acronyms(clusters: list[list[Form]], extra: dict[int, list[Occurrence]],
                           joined: dict[int, dict[str, str]]) -> None:
    """One acronym defined in several languages ("World Food Programme (WFP)", "Światowy Program
    Żywnościowy (WFP)") names one organisation: their clusters become one."""
    owners: dict[str, list[int]] = defaultdict(list)
    defined: dict[str, int] = {}  # acronym -> the source (numbered from 1) that first defines it
    for ci, members in enumerate(clusters):
        for form in members:
            if len(form.tokens) == 1 and form.tokens[0].isupper() and form.is_org:
                if ci not in owners[form.tokens[0]]:
                    owners[form.tokens[0]].append(ci)
                if form.acronym_of:
                    first = min(o.source_index for o in form.occurrences if o.acronym_of) + 1
                    defined[form.tokens[0]] = min(first, defined.get(form.tokens[0], first))
    for acronym, indices in owners.items():
        if acronym not in defined or len(indices) < 2:
            continue
        target = indices[0]
        for ci in indices[1:]:
            for form in clusters[ci]:
                if len(form.tokens) >= 2:
                    joined[target][form.occurrences[0].text] = knowledge.acronym_reason(defined[acronym])
            _move_cluster(clusters, extra, joined, ci, target)


def _move_cluster(clusters: list[list[Form]], extra: dict[int, list[Occurrence]],
                  joined: dict[int, dict[str, str]], ci: int, target: int) -> None:
    """Cluster `ci` becomes part of cluster `target` (its forms, its one-by-one occurrences, its reasons)."""
    clusters[target].extend(clusters[ci])
    clusters[ci] = []
    extra.setdefault(target, []).extend(extra.pop(ci, []))
    joined[target].update(joined.pop(ci, {}))


def _cluster_concept(members: list[Form]) -> tuple[str, str | None, bool] | None:
    """The one organisation of the table a cluster's spellings name: (body id, owner place or None, scoped);
    None when they name none, or two bodies, or two owners (a conflict keeps the cluster apart), or when the
    cluster is a place or a person named after a title."""
    bodies: set[str] = set()
    owners: set[str] = set()
    scoped = False
    for form in members:
        if form.kind_votes["TITLED"]:
            return None
        if form.place_id:
            concept = knowledge.concept_of_place(form.place_id)
            if concept is None:
                return None  # a place, and no body
        else:
            concept = knowledge.concept_of(form.tokens, form.language)
        if concept is None:
            continue
        bodies.add(concept.organisation.id)
        scoped = concept.organisation.scoped
        if concept.owner:
            owners.add(concept.owner)
    if not bodies:
        return _cluster_gloss(members)
    if len(bodies) != 1 or len(owners) > 1:
        return None
    return next(iter(bodies)), next(iter(owners), None), scoped


def _cluster_gloss(members: list[Form]) -> tuple[str, str | None, bool] | None:
    """An organisation the table lacks, as what its long name's content words mean (knowledge.gloss_of):
    ("gloss:agrarian food ministry policy", owner, True); None when its spellings mean two things."""
    if not any(form.is_org for form in members):
        return None
    found: set[tuple[str, ...]] = set()
    owners: set[str] = set()
    for form in members:
        gloss = knowledge.gloss_of(form.tokens, form.language) if form.is_org else None
        if gloss is not None:
            found.add(gloss[0])
            if gloss[1]:
                owners.add(gloss[1])
    if len(found) != 1 or len(owners) > 1:
        return None
    return "gloss:" + " ".join(next(iter(found))), next(iter(owners), None), True


def _merge_by_concept(clusters: list[list[Form]], extra: dict[int, list[Occurrence]],
                      joined: dict[int, dict[str, str]]) -> None:
    """Clusters naming one body of the organisation table become one ("NATO" / "OTAN" / "НАТО", "Komisja
    Europejska" / "European Commission"). A body every country has is one only per owner: "MSZ Rosji" and
    the Russian Foreign Ministry meet, Poland's MSZ stays apart; a bare "MSZ" goes to the one owner the story
    names, and stays apart when it names several."""
    by_body: dict[str, list[tuple[int, str | None]]] = defaultdict(list)
    for ci, members in enumerate(clusters):
        if members:
            found = _cluster_concept(members)
            if found is not None:
                by_body[found[0]].append((ci, found[1]))
    for indices in by_body.values():
        if len(indices) < 2:
            continue
        owners = sorted({owner for _ci, owner in indices if owner})
        groups: dict[str | None, list[int]] = defaultdict(list)
        for ci, owner in indices:
            if owner is None and len(owners) == 1:
                owner = owners[0]  # the one owner the story names for this body
            groups[owner].append(ci)
        for owner, group in groups.items():
            if owner is None and owners:
                continue  # a bare name of a body several owners have: whose, the story does not say
            target = group[0]
            for ci in group if len(group) > 1 else ():  # every side's spellings (the entity's name is dropped)
                for form in clusters[ci]:
                    if knowledge.concept_of(form.tokens, form.language) is not None:
                        joined[target][form.occurrences[0].text] = knowledge.TABLE_REASON
                    elif knowledge.gloss_of(form.tokens, form.language) is not None:
                        joined[target][form.occurrences[0].text] = knowledge.GLOSS_REASON
            for ci in group[1:]:
                _move_cluster(clusters, extra, joined, ci, target)


def _merge_reordered_acronyms(clusters: list[list[Form]], extra: dict[int, list[Occurrence]],
                              joined: dict[int, dict[str, str]]) -> None:
    """An acronym whose letters are another's reordered (NATO / OTAN, EU / UE) names the same body when the
    two stand in articles of different languages only, one at least is defined in the story, and, both
    defined, their long forms mean the same (knowledge.gloss_of); an acronym with two such partners, or in
    two clusters, is left alone."""
    where: dict[str, set[int]] = defaultdict(set)
    languages_of: dict[str, set[str]] = defaultdict(set)
    long_forms: dict[str, tuple[tuple[str, ...], str, int]] = {}  # acronym -> its long form, language, source
    for ci, members in enumerate(clusters):
        for form in members:
            word = form.tokens[0] if len(form.tokens) == 1 else ""
            if len(word) < 2 or not word.isupper() or not word.isalpha() or not form.is_org:
                continue
            where[word].add(ci)
            languages_of[word].update(o.language.split("-", 1)[0] for o in form.occurrences)
            for occ in form.occurrences:
                if occ.acronym_of and word not in long_forms:
                    long_forms[word] = (tuple(occ.acronym_of.split()), occ.language, occ.source_index + 1)
    by_letters: dict[str, list[str]] = defaultdict(list)
    for acronym in where:
        by_letters["".join(sorted(acronym))].append(acronym)
    for group in by_letters.values():
        if len(group) != 2:
            continue  # one acronym, or three that could pair two ways
        a, b = sorted(group)
        if len(where[a]) != 1 or len(where[b]) != 1 or languages_of[a] & languages_of[b]:
            continue
        if a not in long_forms and b not in long_forms:
            continue
        if a in long_forms and b in long_forms:
            meant = [knowledge.gloss_of(long_forms[x][0], long_forms[x][1]) for x in (a, b)]
            if meant[0] is None or meant[1] is None or meant[0][0] != meant[1][0]:
                continue
        ca, cb = next(iter(where[a])), next(iter(where[b]))
        if ca == cb:
            continue
        concepts = [_cluster_concept(clusters[ca]), _cluster_concept(clusters[cb])]
        if concepts[0] is not None and concepts[1] is not None and concepts[0][:2] != concepts[1][:2]:
            continue  # the table (or the packs) say they are two bodies
        target, moved = min(ca, cb), max(ca, cb)
        defined, other = (a, b) if a in long_forms else (b, a)
        moved_word = b if moved == cb else a
        joined[target][moved_word] = knowledge.reordered_reason(
            defined if moved_word != defined else other, long_forms[defined][2])
        _move_cluster(clusters, extra, joined, moved, target)


def _block_keys(form: Form, lookup: bool = False) -> set[str]:
    """A form's blocking keys; the skeleton keys ('~...') are indexed for every form but looked up only by a
    Cyrillic one, so a story in Latin letters alone blocks (and links) exactly as without them."""
    last = len(form.tokens) - 1
    keys = set(form.keys[last]) | {form.best[last]}
    keys |= {k[:4].lower() for k in list(keys) if len(k) >= 4}  # lower: Sevciuk (s) may be Shevchuk (S)
    if form.is_org:
        # (and as written: "Adria" may be read as a case of "Adri", while its case "Adrie" is read as Adria)
        keys = {" ".join(form.best), " ".join(form.primary), "=" + fold(" ".join(form.tokens))}
    if (not form.is_org or len(form.tokens) == 1) and (form.cyrillic or not lookup):
        keys |= {"~" + sk for sk in form.skeletons[last] if len(sk) >= 2}  # across scripts (sounds_alike)
    return {k for k in keys if k}


def _org_match(a: Form, b: Form) -> bool:
    ka, kb = " ".join(a.best), " ".join(b.best)
    if ka == kb or " ".join(a.primary) == " ".join(b.primary) or fold(" ".join(a.tokens)) == fold(" ".join(b.tokens)):
        return True  # (the same letters in articles of two languages are keyed by two languages' habits)
    return len(ka) > 8 and Levenshtein.normalized_similarity(ka, kb) >= 0.92


def _single_match(a: Form, b: Form) -> bool:
    return words_match(a.keys[0], a.primary[0], b.keys[0], b.primary[0], surname=True) or \
        words_match(a.keys[0], a.best[0], b.keys[0], b.best[0], surname=True) or sounds_alike(a, 0, b, 0, 3)


def _entity_type(members: list[Form], occurrences: list[Occurrence]) -> EntityType:
    if any(f.place_id for f in members):
        return "PLACE"
    votes: Counter[str] = Counter()
    for form in members:
        votes.update(form.kind_votes)
    if votes["OTHER"] and all(o.demonym for o in occurrences):
        return "OTHER"
    if votes["ORG"] > votes["PERSON"] or _classified_org(votes, occurrences):
        return "ORG"
    if any(len(f.tokens) >= 2 for f in members) and votes["PERSON"]:
        return "PERSON"
    if votes["PLACE"]:
        return "PLACE"
    if votes["PERSON"] or votes["TITLED"]:
        return "PERSON"
    surname_like = any(_SURNAME_LIKE.search(f.best[0]) for f in members if f.best)
    if votes["LOCATIVE"] > (2 if surname_like else 0):
        return "PLACE"
    if surname_like:
        return "PERSON"
    return "OTHER"


def _classified_org(votes: Counter[str], occurrences: list[Occurrence]) -> bool:
    """Named an organisation by the story's own words: "the airline X", "společnosti X", "авиакомпании X"
    at least twice and before one mention in ten, more often than after a person's title. (Every bare name
    gets a person's vote, so a company mostly named bare would otherwise be a person.) Counted over the
    mentions, which include a bare name's given to the cluster one by one."""
    classified = sum(1 for o in occurrences if o.classified)
    titled = max(votes["TITLED"], sum(1 for o in occurrences if o.after_title))
    return classified >= 2 and classified * 10 >= len(occurrences) and classified > titled


_places_by_id: dict[str, gazetteer.Place] = {}


def _place_by_id(place_id: str) -> gazetteer.Place | None:
    if not _places_by_id:
        _places_by_id.update((p.id, p) for p in gazetteer.all_places())
    return _places_by_id.get(place_id)


def _display_name(members: list[Form], kind: str, occurrences: Sequence[Occurrence] = ()) -> str:
    """The entity's name: a place's English gazetteer name; otherwise the fullest spelling, each word in
    its most used form, in the dictionary form where the story only has inflected ones, written in the script
    most of its full names are written in (Петро Врублевський in a story told mostly in Ukrainian, Petro
    Vrublevsky in one told mostly in English and Polish)."""
    for form in members:
        if form.place_id:
            place = _place_by_id(form.place_id)
            if place is not None:
                return place.name
    word_use: Counter[str] = Counter()
    for form in members:
        for word in form.tokens:
            word_use[word] += form.count

    # a person is named in full; an organisation by a spelling of several words only if it is a common one
    # (not "V Ryanairu", a heading's preposition stuck to the name once, over "Ryanair" named a thousand times)
    most = max(form.count for form in members)

    def preference(form: Form) -> tuple:
        full = len(form.tokens) >= 2 and (kind == "PERSON" or form.count * 4 >= most)
        return (full, _nominative(form), sum(word_use[w] for w in form.tokens) / len(form.tokens),
                form.language == international(), form.count, len(form.tokens))

    best = max(_in_main_script(members), key=preference)
    if kind != "PERSON" and occurrences:
        # bare mentions given to the cluster one by one are no member form, yet may be most of its mentions
        # ("Ryanair" a thousand times beside "Bożym Narodzeniem Ryanair" twice): the commonest spelling wins
        spelled = Counter(o.tokens for o in occurrences)
        top, top_count = max(spelled.items(), key=lambda item: (item[1], item[0]))
        if top_count >= 4 * best.count and top != best.tokens:
            return next(o.text for o in occurrences if o.tokens == top)
    if kind == "PLACE" and lexicon.inflection_rule(best.language) == "polish" and not _nominative(best):
        return " ".join(_polish_nominative(word) for word in best.tokens)
    return best.occurrences[0].text if len(best.tokens) > 1 else best.tokens[0]


def _in_main_script(members: list[Form]) -> list[Form]:
    """The spellings in the script of most full names (several words, each in its dictionary form), by
    mentions; all of them when no script has more than the others."""
    votes: Counter[str] = Counter()
    for form in members:
        if len(form.tokens) >= 2 and _nominative(form) and _looks_nominative(form):
            votes[script_of(form.tokens[-1])] += form.count
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return members
    return [form for form in members if script_of(form.tokens[-1]) == ranked[0][0]] or members


def _looks_nominative(form: Form) -> bool:
    """Is each word its own likeliest dictionary form (by key: 'Кузаиров', not 'Кузаирову')?"""
    return form.primary == form.best


# ISO 15924 codes of the scripts names are written in, by the Unicode name of their letters ("CYRILLIC
# CAPITAL LETTER A")
_SCRIPT_CODES = {"LATIN": "Latn", "CYRILLIC": "Cyrl", "GREEK": "Grek", "ARMENIAN": "Armn", "GEORGIAN": "Geor",
                 "HEBREW": "Hebr", "ARABIC": "Arab", "DEVANAGARI": "Deva", "HANGUL": "Hang", "HIRAGANA": "Jpan",
                 "KATAKANA": "Jpan", "CJK": "Hani", "THAI": "Thai"}


@lru_cache(maxsize=65_536)
def script_of(text: str) -> str:
    """The script of a name: that of its first letter ('Zzzz' when it has none or an unlisted one)."""
    for ch in text:
        if ch.isalpha():
            return _SCRIPT_CODES.get(unicodedata.name(ch, "").split(" ", 1)[0], "Zzzz")
    return "Zzzz"


def _spellings(occurrences: list[Occurrence], source_languages: Sequence[str]
               ) -> tuple[tuple[tuple[str, tuple[Variant, ...]], ...], tuple[tuple[str, int], ...]]:
    """Per source language its spellings (most used first), the languages by mentions; mentions per script.
    (`source_languages`: each source's language, by source index.) The mentions are counted in C, by pair
    of language and spelling; the orders are by count, then by name, so they do not depend on the counting."""
    languages_here = [source_languages[i] for i in map(_source_index, occurrences)]
    pairs = Counter(zip(languages_here, map(_text, occurrences), strict=True))
    per_language: dict[str, list[tuple[str, int]]] = defaultdict(list)
    totals: Counter[str] = Counter()
    scripts: Counter[str] = Counter()
    for (language, text), count in pairs.items():
        per_language[language].append((text, count))
        totals[language] += count
        scripts[script_of(text)] += count
    spellings = tuple((language, tuple(Variant(text, n) for text, n in sorted(per_language[language],
                                                                                key=lambda kv: (-kv[1], kv[0]))))
                      for language in sorted(per_language, key=lambda language: (-totals[language], language)))
    return spellings, tuple(sorted(scripts.items(), key=lambda kv: (-kv[1], kv[0])))


_source_index = attrgetter("source_index")
_text = attrgetter("text")


def _nominative(form: Form) -> bool:
    """Is this spelling a dictionary form (not a Polish case form)?"""
    return _nominative_words(form.tokens, form.language)


@lru_cache(maxsize=100_000)
def _nominative_words(tokens: tuple[str, ...], language: str) -> bool:
    """_nominative by a spelling's words (asked of each form once per display name it may give)."""
    if lexicon.inflection_rule(language) == "polish":
        return all(_polish_nominative(word) == word for word in tokens)
    # another language: each word may be its dictionary form (pymorphy3, the pack's case endings): 'Диас
    # Кузаиров' and 'Milica Jovanović' are, 'Диасу Кузаирову' and 'Milicom Jovanović' are not
    return all(lexicon.is_nominative_form(word, language) for word in tokens)


@lru_cache(maxsize=100_000)
def _polish_nominative(word: str) -> str:
    dictionary = [lemma for lemma in lexicon.polish_lemma_candidates(word)
                  if any(lemma == known for known, _pos, _labels in lexicon.polish_analyses(word))]
    if dictionary:
        return dictionary[0]
    if lexicon.polish_analyses(word) and all(pos == "ign" for _, pos, _ in lexicon.polish_analyses(word)):
        return word  # an unknown name: its ending is a guess, keep it as written
    candidates = [c for c in lexicon.lemma_candidates(word, "pl") if c[:1].isupper()]
    return candidates[0] if candidates else word
