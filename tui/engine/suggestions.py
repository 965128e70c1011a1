"""Suggestions: pairs of entities that may be one, for a user to accept (a positive judgement) or reject (a
negative one), as OpenRefine's cluster-and-edit offers its clusters.

They are the near misses of linking (linking.py), found again after it from the entities alone, so loading
a story never pays for them: two spellings written alike once transliterated; full names the name-aware
comparison takes for one that complete-link clustering kept apart; a bare surname that may be a person's;
the same surname with other given names; two words that sound alike across scripts, below the linker's
threshold; names one word apart; an acronym whose letters are another organisation's initials or another
acronym's reordered. Each carries a reason a person can read and a score: how often a careful reader would
accept such a pair (0..1), from the class of the evidence and what the two entities as wholes say for or
against it (their types, their full names, whether one source names both, how much of each the spelling
that matched is). Below FLOOR nothing is offered: an honest short list beats a long wrong one."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler, Levenshtein

from . import gazetteer, lexicon
from .detection import is_demonym
from .given_names import groups_of, same_name
from .judgements import Judgement
from .linking import Form, _make_form, keys_sound_alike, names_match, script_of, words_match
from .model import Entity, json_path, json_text
from .names import fold, transliterate

# the evidence classes, with how often (roughly, measured on every story with gold we have) a pair of the
# class is one entity before the entities as wholes are weighed (_weighed)
KINDS: dict[str, float] = {
    "same-letters": 0.92,  # one spelling in both, or written alike once transliterated (Dublin / Дублин)
    "same-name": 0.85,  # full names whose every word agrees (given names by the table: Donald / Дональд)
    "surname": 0.75,  # a bare surname and the one full name of a person it matches
    "near-spelling": 0.65,  # one or two letters apart (by key): an inflection, a typo
    "acronym": 0.6,  # WFP / World Food Programme named apart (more when one source names both)
    "one-word-apart": 0.45,  # names one word longer (Ryanair Holdings / Ryanair); a classifier word: more
    "near-surname": 0.4,  # one given name, surnames a few letters apart in one script: often two people
    "sound": 0.35,  # alike across scripts, below linking.ACROSS_SCRIPTS
    "reordered": 0.35,  # two acronyms with the same letters in another order (NATO / OTAN, or two bodies)
    "same-surname": 0.2,  # other given names with one surname: kin far more often than one person
}
# Below this a pair is not offered at all: a user accepting the list's top should gain, not undo.
FLOOR = 0.5
# A spelling that is less than this share of its entity's mentions in its language is a stray of that
# entity (often one the linker put there wrongly): what it matches says little about the entity.
STRAY_SHARE = 0.15
# Forms compared per entity (its most used spellings): a few hundred variants of a big entity add nothing
# the first ones do not, and pairs are compared form by form.
FORMS_PER_ENTITY = 12
# A block holding more entities than this is a key too common to say anything ("ministry", a one-letter
# initial): its members are not paired by it.
MAX_BLOCK = 40
SOUND_FLOOR = 0.62  # below this, two words sharing a skeleton are too unlike to suggest
_WORDS = re.compile(r"[\s\-‐‑–—]+")
_TRIM = re.compile(r"^[\W_]+|[\W_]+$")
_LINKER_SOUND = 0.75  # linking.ACROSS_SCRIPTS: at or above it the linker would have taken them


@dataclass(frozen=True)
class Suggestion:
    """Two entities that may be one. `left`/`right`: the spellings that made the suggestion (one of each);
    accepting it is Story.merge(left_entity, right_entity), rejecting it Story.reject(...)."""

    left_entity: Entity
    right_entity: Entity
    left: str
    right: str
    # the spellings a judgement names each entity by: one that entity holds more often than any other
    # (judgements.find takes the entity with most mentions of a spelling)
    left_key: str
    right_key: str
    kind: str
    reason: str
    score: float
    # for an entity spelled exactly like another: the path of a source where only it has a mention spelled
    # as its key (judgements.find then takes that one); None when the spelling alone names it
    left_source: str | None = None
    right_source: str | None = None

    def to_json(self, rank: int) -> dict:
        def side(entity: Entity, spelling: str) -> dict:
            return {**entity.ref_json(), "spelling": json_text(spelling), "mentions": len(entity.mentions),
                    "sources": len(entity.count_by_source())}

        return {"rank": rank, "kind": self.kind, "reason": json_text(self.reason), "score": self.score,
                "left": {**side(self.left_entity, self.left), "key": json_text(self.left_key),
                         "key_source": json_path(self.left_source) if self.left_source else None},
                "right": {**side(self.right_entity, self.right), "key": json_text(self.right_key),
                          "key_source": json_path(self.right_source) if self.right_source else None}}


@dataclass(frozen=True)
class _Evidence:
    kind: str
    left: str
    right: str
    reason: str
    strength: float
    acronym: str = ""  # acronym: the acronym's spelling (its entity must be named by it)
    extra: str = ""  # one-word-apart: the word the longer name has more


class _Profile:
    """One entity's forms (most used spellings, one per language) as the linker keys them."""

    __slots__ = ("entity", "forms", "texts", "sources", "source_ids", "key", "shares", "full", "spelled_in")

    def __init__(self, entity: Entity, key: tuple[str, str | None] | None):
        self.entity = entity
        self.key = key
        self.texts = {v.text for v in entity.variants}
        self.source_ids = frozenset(entity.count_by_source())
        self.sources = len(self.source_ids)
        seen: dict[tuple[tuple[str, ...], str], tuple[str, Form]] = {}
        # a spelling's share of the entity's mentions in the language it is used in (its best language)
        self.shares: dict[str, float] = {}
        for _language, variants in entity.spellings:
            total = sum(v.count for v in variants)
            for v in variants:
                self.shares[v.text] = max(self.shares.get(v.text, 0.0), v.count / total if total else 0.0)
        ranked = sorted(((v.count, language, v.text) for language, variants in entity.spellings for v in variants),
                        key=lambda item: (-item[0], item[2], item[1]))
        for _count, language, text in ranked:
            tokens = _tokens(text)
            if tokens and (tokens, language) not in seen:
                seen[(tokens, language)] = (text, _form(tokens, language, entity.type == "ORG"))
            if len(seen) >= FORMS_PER_ENTITY:
                break
        self.forms = list(seen.values())
        self.full = _full_name(entity) if entity.type == "PERSON" else None
        self.spelled_in: dict[str, set[str]] = defaultdict(set)  # spelling -> the paths of its sources
        for m in entity.mentions:
            self.spelled_in[m.text].add(m.source)

    def holds(self, text: str, source: str | None) -> bool:
        return text in self.texts and (source is None or source in self.spelled_in.get(text, ()))

    def share(self, text: str) -> float:
        return self.shares.get(text, 1.0 if not self.entity.spellings else 0.0)


def _tokens(text: str) -> tuple[str, ...]:
    """A spelling's words, as detection cuts them near enough: punctuation off the ends, hyphens between
    words (Air France-KLM)."""
    return tuple(word for word in (_TRIM.sub("", w) for w in _WORDS.split(text)) if word)


@lru_cache(maxsize=100_000)
def _form(tokens: tuple[str, ...], language: str, is_org: bool) -> Form:
    form = _make_form(tokens, language)
    form.spelling_is_org = is_org
    return form


@lru_cache(maxsize=100_000)
def _written(text: str) -> str:
    """A spelling folded in Latin letters: what two scripts' spellings of one name may share."""
    return fold(transliterate(text))


def _acronym(tokens: tuple[str, ...]) -> str | None:
    word = tokens[0] if len(tokens) == 1 else ""
    return word if 2 <= len(word) <= 8 and word.isalpha() and word.isupper() else None


def _initials(tokens: tuple[str, ...]) -> str:
    """The initials of a long name's capitalised words (function words in lower case are left out)."""
    return "".join(w[0] for w in tokens if w[:1].isupper()) if len(tokens) >= 2 else ""


# -- blocking: which pairs are compared at all ---------------------------------------------------------------
def _block_keys(profile: _Profile) -> set[str]:
    keys: set[str] = set()
    for text, form in profile.forms:
        keys.add("w:" + _written(text))
        last = len(form.tokens) - 1
        for key in (*form.keys[last], form.best[last]):
            if len(key) >= 3:
                keys.add("k:" + key.lower())
                keys.add("p:" + key[:4].lower())
        keys.update("~" + sk for sk in form.skeletons[last] if len(sk) >= 3)
        acronym = _acronym(form.tokens)
        letters = acronym or _initials(form.tokens)
        if len(letters) >= 2:
            keys.add("a:" + "".join(sorted(fold(transliterate(letters)))))
    return keys


def _candidate_pairs(profiles: Sequence[_Profile]) -> list[tuple[int, int]]:
    block: dict[str, list[int]] = defaultdict(list)
    for i, profile in enumerate(profiles):
        for key in _block_keys(profile):
            block[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in block.values():
        if 2 <= len(members) <= MAX_BLOCK:
            pairs.update((a, b) for n, a in enumerate(members) for b in members[n + 1:])
    return sorted(pairs)


# -- evidence: the strongest reason two entities may be one --------------------------------------------------
def _evidence(a: _Profile, b: _Profile) -> _Evidence | None:
    """The pair of the two entities' spellings that says most for them being one, weighed (_weighed)."""
    best: _Evidence | None = None
    for ta, fa in a.forms:
        for tb, fb in b.forms:
            found = _pair_evidence(ta, fa, tb, fb)
            if found is None or not _plausible(found, a.entity, b.entity):
                continue
            weighed = _weighed(found, a, b) if found.left in a.texts else _weighed(found, b, a)
            if weighed is not None and (best is None or weighed.strength > best.strength):
                best = weighed
                if best.strength >= KINDS["same-letters"]:
                    return best
    return best


# -- weighing: what the two entities as wholes say for or against a pair of their spellings -------------------
def _weighed(ev: _Evidence, a: _Profile, b: _Profile) -> _Evidence | None:
    """`ev` with its strength set to how likely the pair is one entity; None for a pair that never is.
    `a` holds ev.left, `b` ev.right."""
    ta, tb = a.entity.type, b.entity.type
    shared = bool(a.source_ids & b.source_ids)
    if ta == tb == "PERSON" and a.full is not None and b.full is not None and \
            ev.kind not in ("same-name", "near-surname") and not _given_agree(a.full, b.full):
        # two people named in full with other given names: what one of their spellings shares is a surname
        # (the Kiknadze brothers, a married couple), whatever class of evidence found it
        given = f"{' '.join(a.full.tokens[:-1])} / {' '.join(b.full.tokens[:-1])}"
        return _Evidence("same-surname", ev.left, ev.right, f"the same surname, other given names {given}",
                         KINDS["same-surname"])
    if ta == tb == "PERSON" and a.full is not None and b.full is not None and \
            ev.kind in ("same-name", "near-spelling") and \
            len({script_of(a.entity.name), script_of(b.entity.name), script_of(ev.left), script_of(ev.right)}) == 1 \
            and not _stem_alike(a.full.tokens[-1], b.full.tokens[-1]):
        # the people's names as wholes, in one script, have surnames apart inside (Krochuk / Krachuk): what
        # two of their spellings in that script share (a stray form, a case ending) does not make them one;
        # across scripts, transliteration explains letters apart (Жан Люк Бартелеми / Žan-Lik Bartelemi)
        return _Evidence("near-surname", ev.left, ev.right, f"the same given name, surnames a few letters apart: "
                         f"{a.entity.name} / {b.entity.name}", KINDS["near-surname"])
    strength = ev.strength
    if ev.kind == "acronym":
        strength = _acronym_strength(ev, a, b, shared)
    elif ev.kind == "one-word-apart":
        strength = _one_word_apart_strength(ev, ta, tb)
    elif ev.kind == "near-spelling":
        strength = _near_spelling_strength(ev, a, b)
    elif ev.kind == "surname":
        if len(_tokens(a.entity.name)) >= 2:
            strength *= 0.6  # the bare word is a part of an entity named otherwise, not a bare surname
        if shared:
            strength = min(0.95, strength * 1.15)  # one source names the person in full and by surname
    elif ev.kind == "same-name" and "PERSON" not in (ta, tb):
        strength *= 0.6  # a person-name comparison of two names neither of which is typed a person
    if {ta, tb} == {"PERSON", "PLACE"}:
        # a person is never a place: one of the two is typed wrongly, or (more often) the two are apart
        strength *= 0.8 if ev.kind == "same-letters" else 0.3
    elif ta != tb:
        strength *= 0.95 if ev.kind == "same-letters" else 0.8
    if ta == tb == "PERSON" and shared and a.full is not None and b.full is not None and \
            ev.kind not in ("same-letters", "same-name"):
        strength *= 0.7  # two full names in one article are more often two people
    if a.share(ev.left) < STRAY_SHARE and fold(ev.left) != fold(a.entity.name) or \
            b.share(ev.right) < STRAY_SHARE and fold(ev.right) != fold(b.entity.name):
        strength *= 0.6  # a stray spelling of one side: the entity as a whole may be something else
    return _Evidence(ev.kind, ev.left, ev.right, ev.reason, round(strength, 3), ev.acronym, ev.extra)


def _given_agree(fa: Form, fb: Form) -> bool:
    """Do two full names' first given names agree: the same letters (across scripts), an inflection of one
    (Michael / Michaelem), an initial, or one name by the given-name table?"""
    a, b = _written(fa.tokens[0]), _written(fb.tokens[0])
    if a == b or a[:1] == b[:1] and (len(a) == 1 or len(b) == 1):
        return True
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    common = _common_prefix(a, b)
    if common >= 2 and common >= max(len(a), len(b)) - 2 and not _genders_apart(a, b):
        return True  # a case ending (Ana / Anei), not another name (Jan / Jana)
    return same_name(fold(fa.tokens[0]), fold(fb.tokens[0])) or \
        words_match(fa.keys[0], fa.best[0], fb.keys[0], fb.best[0], surname=False)


def _acronym_strength(ev: _Evidence, a: _Profile, b: _Profile, shared: bool) -> float:
    short, long_ = (a, b) if ev.acronym == ev.left else (b, a)
    if long_.entity.type == "PERSON" and len(_tokens(long_.entity.name)) >= 2:
        return 0.0  # a person's initials are rarely how a story names them (DZ / David Zlámal)
    held = sum(v.count for v in short.entity.variants if _written(v.text) == _written(ev.acronym))
    if held * 2 < len(short.entity.mentions) and _written(short.entity.name) != _written(ev.acronym):
        return 0.0  # the acronym is a stray spelling of an entity named otherwise
    if len(ev.acronym) <= 2 and not shared:
        return 0.0  # two letters are the initials of too many names to say anything alone
    # one source naming both is what a long form defined in the text looks like
    return ev.strength * (1.4 if shared else 0.75)


def _one_word_apart_strength(ev: _Evidence, ta: str, tb: str) -> float:
    if (ta == "PLACE") != (tb == "PLACE"):
        return ev.strength * 0.2  # a place and a body named after it (France / Air France, MFA of Russia)
    if fold(ev.extra) in lexicon.ORG_CLASSIFIERS:
        return 0.75  # "the company Ryanair", "the union Verdi": the classifier a story writes before a name
    return ev.strength


def _near_spelling_strength(ev: _Evidence, a: _Profile, b: _Profile) -> float:
    ta, tb = a.entity.type, b.entity.type
    for place, other, word in ((ta, tb, ev.right), (tb, ta, ev.left)):
        if place == "PLACE" and other != "PLACE" and is_demonym(_tokens(word)[-1] if _tokens(word) else word):
            return 0.0  # a place and its people or adjective (Lithuania / Lithuanian) are never one
    if ta == tb:
        return ev.strength
    xs, ys = [_written(w) for w in _tokens(ev.left)], [_written(w) for w in _tokens(ev.right)]
    # typed apart, the letters one word adds to the other's are an inflection (Maribor / Mariboru); a word
    # changed inside is more often another word (Česka / České, Telegram / Telegraph)
    inflected = len(xs) == len(ys) and all(x.startswith(y) or y.startswith(x) for x, y in zip(xs, ys, strict=True))
    return ev.strength if inflected else ev.strength * 0.6


def _plausible(evidence: _Evidence, a: Entity, b: Entity) -> bool:
    """What the entities as a whole say against a pair of their spellings."""
    if evidence.left not in {v.text for v in a.variants}:
        a, b = b, a
    if a.type == "PLACE" and b.type == "PLACE":
        pa, pb = gazetteer.lookup(a.name), gazetteer.lookup(b.name)
        if pa is not None and pb is not None and pa.id != pb.id:
            return False  # two places of the gazetteer are two places, however alike their names
    if evidence.kind == "surname":
        return b.type == "PERSON" and a.type != "PLACE"
    if evidence.kind == "same-letters" and a.type == b.type == "PERSON" and len(_tokens(evidence.left)) == 1:
        # a bare surname in two people's entities: the linker gave each mention to the one last named in
        # full (the Klitschko brothers); two people are one only if their full names are
        fa, fb = _full_name(a), _full_name(b)
        return fa is None or fb is None or names_match(fa, fb)
    return True


def _full_name(entity: Entity) -> Form | None:
    tokens = _tokens(entity.name)
    if len(tokens) < 2:
        return None
    language = entity.spellings[0][0] if entity.spellings else ""
    return _form(tokens, language, False)


def _pair_evidence(ta: str, fa: Form, tb: str, fb: Form) -> _Evidence | None:
    if _written(ta) == _written(tb):
        alike = "the same letters" if script_of(ta) == script_of(tb) else "written alike once transliterated"
        return _Evidence("same-letters", ta, tb, f"{alike}: {ta} / {tb}", KINDS["same-letters"])
    na, nb = len(fa.tokens), len(fb.tokens)
    if na >= 2 and nb >= 2:
        return _full_names(ta, fa, tb, fb)
    if na == 1 and nb == 1:
        return _one_word(ta, fa, tb, fb)
    single, full = ((ta, fa), (tb, fb)) if na == 1 else ((tb, fb), (ta, fa))
    return _bare_word(single, full)


def _full_names(ta: str, fa: Form, tb: str, fb: Form) -> _Evidence | None:
    if fa.is_org or fb.is_org:
        return _org_names(ta, fa, tb, fb)
    given = f"{' '.join(fa.tokens[:-1])} / {' '.join(fb.tokens[:-1])}"
    if names_match(fa, fb):
        if script_of(ta) == script_of(tb) and not _stem_alike(fa.tokens[-1], fb.tokens[-1]):
            # one script, surnames apart inside (Krochuk / Krachuk): the linker saw both spellings often
            # enough to keep them apart; two people as often as one
            return _Evidence("near-surname", ta, tb, f"the same given name, surnames a few letters apart: {ta} / "
                             f"{tb}", KINDS["near-surname"])
        reason = f"the same name: {ta} / {tb}" if _written(" ".join(fa.tokens[:-1])) == \
            _written(" ".join(fb.tokens[:-1])) else f"the same surname, given names {given}"
        return _Evidence("same-name", ta, tb, reason, KINDS["same-name"])
    if _surnames_meet(fa, fb):
        return _Evidence("same-surname", ta, tb, f"the same surname, other given names {given}",
                         KINDS["same-surname"])
    return _one_word_apart(ta, fa, tb, fb)


def _common_prefix(x: str, y: str) -> int:
    return next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))


def _genders_apart(x: str, y: str) -> bool:
    """One given name ends in -a (a woman's in most of our languages), the other in a consonant."""
    def consonant(w: str) -> bool:
        return w[-1:].isalpha() and w[-1:] not in "aeiouy"

    return (x.endswith("a") and consonant(y)) or (y.endswith("a") and consonant(x))


def _stem_alike(a: str, b: str) -> bool:
    """Written alike but for an ending of up to two letters (Lako / Laki, Havel / Havla)."""
    x, y = _written(a), _written(b)
    common = _common_prefix(x, y)
    return common >= 3 and common >= max(len(x), len(y)) - 2


def _surnames_meet(fa: Form, fb: Form) -> bool:
    i, j = len(fa.tokens) - 1, len(fb.tokens) - 1
    return fold(fa.tokens[i]) == fold(fb.tokens[j]) or \
        words_match(fa.keys[i], fa.best[i], fb.keys[j], fb.best[j], surname=True) or \
        words_match(fa.keys[i], fa.primary[i], fb.keys[j], fb.primary[j], surname=True) or \
        _sound(fa, i, fb, j) >= _LINKER_SOUND


def _org_names(ta: str, fa: Form, tb: str, fb: Form) -> _Evidence | None:
    ka, kb = " ".join(fa.best), " ".join(fb.best)
    if len(ka) > 6 and Levenshtein.normalized_similarity(ka, kb) >= 0.85:
        return _Evidence("near-spelling", ta, tb, f"spelled nearly alike: {ta} / {tb}", KINDS["near-spelling"])
    acronym = _acronym_evidence(ta, fa, tb, fb)
    if acronym is not None:
        return acronym
    return _one_word_apart(ta, fa, tb, fb)


def _one_word_apart(ta: str, fa: Form, tb: str, fb: Form) -> _Evidence | None:
    """Every word of the shorter name is, in order, a word of the longer, which has one word more (a word
    changed is another name: British Airways / Adria Airways)."""
    short, long_ = (fa, fb) if len(fa.tokens) <= len(fb.tokens) else (fb, fa)
    if len(long_.tokens) != len(short.tokens) + 1 or _aligned(short, long_) < len(short.tokens):
        return None
    extra = _extra_word(short, long_)
    return _Evidence("one-word-apart", ta, tb, f"one word more: {ta} / {tb}", KINDS["one-word-apart"],
                     extra=extra)


def _extra_word(short: Form, long_: Form) -> str:
    """The word of `long_` that no word of `short` meets (the first one, when several might)."""
    j = 0
    for i in range(len(short.tokens)):
        for k in range(j, len(long_.tokens)):
            if _words_meet(short, i, long_, k):
                if k > j:
                    return long_.tokens[j]
                j = k + 1
                break
    return long_.tokens[j] if j < len(long_.tokens) else ""


def _aligned(short: Form, long_: Form) -> int:
    """How many words of `short` meet, in order, a distinct word of `long_`."""
    matched, j = 0, 0
    for i in range(len(short.tokens)):
        for k in range(j, len(long_.tokens)):
            if _words_meet(short, i, long_, k):
                matched, j = matched + 1, k + 1
                break
    return matched


def _words_meet(a: Form, i: int, b: Form, j: int) -> bool:
    return fold(a.tokens[i]) == fold(b.tokens[j]) or \
        words_match(a.keys[i], a.best[i], b.keys[j], b.best[j], surname=True) or _sound(a, i, b, j) >= _LINKER_SOUND


def _one_word(ta: str, fa: Form, tb: str, fb: Form) -> _Evidence | None:
    acronym = _acronym_evidence(ta, fa, tb, fb)
    if acronym is not None:
        return acronym
    if _acronym(fa.tokens) or _acronym(fb.tokens):
        return None  # two acronyms a letter apart are two bodies (EU / EIU)
    if words_match(fa.keys[0], fa.best[0], fb.keys[0], fb.best[0], surname=True) or \
            _near(fa.best[0], fb.best[0]):
        return _Evidence("near-spelling", ta, tb, f"spelled nearly alike: {ta} / {tb}", KINDS["near-spelling"])
    similarity = _sound(fa, 0, fb, 0)
    if similarity >= SOUND_FLOOR:
        return _Evidence("sound", ta, tb, f"sound alike across scripts ({similarity:.2f}): {ta} / {tb}",
                         KINDS["sound"] * similarity / _LINKER_SOUND)
    return None


def _near(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 5 or a[:1].lower() != b[:1].lower():
        return False
    return Levenshtein.distance(a.lower(), b.lower()) <= (1 if min(len(a), len(b)) < 8 else 2) and \
        JaroWinkler.normalized_similarity(a.lower(), b.lower()) >= 0.88


def _sound(a: Form, i: int, b: Form, j: int) -> float:
    from .names import has_cyrillic

    if has_cyrillic(a.tokens[i]) == has_cyrillic(b.tokens[j]):
        return 0.0
    similarity = keys_sound_alike(a.keys[i], a.skeletons[i], b.keys[j], b.skeletons[j], 3)
    return similarity or 0.0


def _bare_word(single: tuple[str, Form], full: tuple[str, Form]) -> _Evidence | None:
    (ts, fs), (tf, ff) = single, full
    acronym = _acronym_evidence(ts, fs, tf, ff)
    if acronym is not None:
        return acronym
    if ff.is_org or fs.is_org:
        return _one_word_apart(ts, fs, tf, ff)
    last = len(ff.tokens) - 1
    reason = f"{ts} may be the surname of {tf}"
    if fold(fs.tokens[0]) == fold(ff.tokens[last]):
        return _Evidence("surname", ts, tf, reason, KINDS["surname"])
    if words_match(fs.keys[0], fs.best[0], ff.keys[last], ff.best[last], surname=True) or \
            words_match(fs.keys[0], fs.primary[0], ff.keys[last], ff.primary[last], surname=True):
        # spelled otherwise: a bare word that is a given name (Michael / Charles Michel) is as likely a
        # given name of someone else as this surname
        given = bool(groups_of(fold(fs.tokens[0])))
        return _Evidence("surname", ts, tf, reason, KINDS["near-surname"] if given else KINDS["surname"])
    if _sound(fs, 0, ff, last) >= SOUND_FLOOR:
        return _Evidence("surname", ts, tf, reason, KINDS["sound"])  # alike only by sound
    return None


def _acronym_evidence(ta: str, fa: Form, tb: str, fb: Form) -> _Evidence | None:
    met = _letters_meet(fa, fb)
    if met is None:
        return None
    reason, acronym, reordered = met
    acronym_text = ta if acronym == fa.tokens[0] and len(fa.tokens) == 1 else tb
    kind = "reordered" if reordered else "acronym"
    return _Evidence("acronym", ta, tb, reason, KINDS[kind], acronym=acronym_text)


def _letters_meet(fa: Form, fb: Form) -> tuple[str, str, bool] | None:
    """An acronym whose letters are the other's reordered (NATO / OTAN) or the initials of its long name (in
    any order: a long form in another language)."""
    for x, y in ((fa, fb), (fb, fa)):
        acronym = _acronym(x.tokens)
        if acronym is None:
            continue
        reordered = _acronym(y.tokens)
        other = reordered or _initials(y.tokens)
        if len(other) < 2 or (reordered and other == acronym):
            continue
        # two acronyms' letters in any order (NATO / OTAN); a long name's initials in order (a long form
        # whose words come in another order is too loose a match: its initials meet many acronyms)
        if (sorted(_written(acronym)) == sorted(_written(other))) if reordered else \
                _written(acronym) == _written(other):
            what = "reordered" if reordered else "the initials of"
            return f"the letters of {acronym} are {what} {' '.join(y.tokens)}", acronym, bool(reordered)
    return None


# -- ranking --------------------------------------------------------------------------------------------------
def _size(s: Suggestion) -> int:
    """What merging gains when it is right: the smaller side's mentions."""
    return min(len(s.left_entity.mentions), len(s.right_entity.mentions))


def _unambiguous(found: list[tuple[_Profile, _Profile, _Evidence]]) -> list[tuple[_Profile, _Profile, _Evidence]]:
    """A bare surname that may be the surname of several people is none of them for sure: each such pair is
    halved, unless only one of them is named in a source the bare surname is in."""
    by_bare: dict[str, list[int]] = defaultdict(list)
    for n, (a, b, ev) in enumerate(found):
        if ev.kind == "surname":
            bare = a if len(_tokens(ev.left)) == 1 else b
            by_bare[bare.entity.id].append(n)
    out = list(found)
    for members in by_bare.values():
        if len(members) < 2:
            continue
        near = [n for n in members if found[n][0].source_ids & found[n][1].source_ids]
        for n in members:
            a, b, ev = found[n]
            if len(near) != 1 or near[0] != n:
                out[n] = (a, b, _Evidence(ev.kind, ev.left, ev.right, f"{ev.reason} (or of another person)",
                                          round(ev.strength * 0.5, 3), ev.acronym, ev.extra))
    return out


def _judged(judgements: Iterable[Judgement]) -> list[Judgement]:
    """The pairs a user has judged: not the same, unsure (never suggested again), or the same (yet still
    apart: a conflict with a "not the same", not a suggestion)."""
    return [j for j in judgements if j.op == "match" and j.left and j.right]


def _was_judged(a: _Profile, b: _Profile, judged: Sequence[Judgement]) -> bool:
    return any((a.holds(j.left or "", j.left_source) and b.holds(j.right or "", j.right_source)) or
               (b.holds(j.left or "", j.left_source) and a.holds(j.right or "", j.right_source)) for j in judged)


def _keys(entities: Sequence[Entity]) -> dict[str, tuple[str, str | None]]:
    """Entity id -> what a judgement finds it by: a spelling that entity holds more often than any other
    entity (source None); for an entity spelled exactly like another, a spelling and the path of a source
    where no other entity has a mention so spelled. An entity with neither cannot be judged."""
    best: dict[str, tuple[int, str | None]] = {}
    for entity in entities:
        for variant in entity.variants:
            count, _owner = best.get(variant.text, (0, None))
            if variant.count > count:
                best[variant.text] = (variant.count, entity.id)
            elif variant.count == count:
                best[variant.text] = (count, None)  # a tie: the spelling names neither for sure
    keys: dict[str, tuple[str, str | None]] = {}
    twins: list[Entity] = []
    for entity in entities:
        for variant in entity.variants:  # most used first
            if best[variant.text][1] == entity.id:
                keys[entity.id] = (variant.text, None)
                break
        else:
            twins.append(entity)
    if twins:
        keys.update(_keys_by_source(entities, twins))
    return keys


def _keys_by_source(entities: Sequence[Entity], twins: Sequence[Entity]) -> dict[str, tuple[str, str]]:
    spellings = {v.text for e in twins for v in e.variants}
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)  # (spelling, source path) -> entity ids
    for entity in entities:
        for m in entity.mentions:
            if m.text in spellings:
                owners[(m.text, m.source)].add(entity.id)
    keys: dict[str, tuple[str, str]] = {}
    for entity in twins:
        for variant in entity.variants:
            source = next((m.source for m in entity.mentions if m.text == variant.text and
                           owners[(m.text, m.source)] == {entity.id}), None)
            if source is not None:
                keys[entity.id] = (variant.text, source)
                break
    return keys


def suggest(entities: Sequence[Entity], judgements: Iterable[Judgement] = (), floor: float = FLOOR
            ) -> list[Suggestion]:
    """Every pair of entities that may be one at `floor` or above, best first (score, then the size of the
    smaller side: merging two big halves helps most; then ids: deterministic)."""
    keys = _keys(entities)
    profiles = [_Profile(e, keys.get(e.id)) for e in entities if e.variants]
    judged = _judged(judgements)
    found: list[tuple[_Profile, _Profile, _Evidence]] = []
    for i, j in _candidate_pairs(profiles):
        a, b = profiles[i], profiles[j]
        if a.key is None or b.key is None or _was_judged(a, b, judged):
            continue
        evidence = _evidence(a, b)
        if evidence is not None:
            found.append((a, b, evidence) if evidence.left in a.texts else (b, a, evidence))
    out = [Suggestion(left.entity, right.entity, ev.left, ev.right, left.key[0], right.key[0], ev.kind,
                      _with_types(ev.reason, left.entity, right.entity), ev.strength, left.key[1], right.key[1])
           for left, right, ev in _unambiguous(found) if ev.strength >= floor and left.key and right.key]
    out.sort(key=lambda s: (-s.score, -_size(s), s.left_entity.id, s.right_entity.id))
    return out


_TYPE_WORDS = {"PERSON": "person", "PLACE": "place", "ORG": "organisation", "OTHER": "other"}


def _with_types(reason: str, a: Entity, b: Entity) -> str:
    if a.type == b.type:
        return reason
    return f"{reason} (typed {_TYPE_WORDS[a.type]} / {_TYPE_WORDS[b.type]})"
