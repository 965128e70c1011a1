"""What we know about ordinary words, per language: is a capitalised word a common word, what is the
dictionary form of an inflected name, which words are titles, organisation heads or connectors.

Polish goes through morfeusz2 (its wheel embeds the SGJP dictionary and labels proper nouns); the other
languages through simplemma's dictionaries. Both are loaded lazily, once, and results are cached by word
form because a story repeats its names.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import cache, lru_cache
from typing import Any

from . import languages
from .language import borrowed
from .names import fold, has_cyrillic

_lock = threading.RLock()  # re-entered: polish_analyses holds it while _polish() loads
_morfeusz = None


def _polish():
    global _morfeusz
    if _morfeusz is None:
        with _lock:
            if _morfeusz is None:
                import morfeusz2  # imported here: 80 ms we only pay for Polish stories

                _morfeusz = morfeusz2.Morfeusz(expand_tags=False)
    return _morfeusz


# Characters morfeusz cannot take: its binding raises TypeError on a lone surrogate (a byte that was not
# UTF-8), and it prints "replacing invalid utf8 sequence" to stderr for U+FFFD (a byte decoding replaced).
_UNANALYSABLE = re.compile("[\ud800-\udfff\ufffd]")


def _analysable(word: str) -> bool:
    """False for a word holding a character lost on the way (no dictionary has it: it is unknown, 'ign')."""
    return word.isascii() or _UNANALYSABLE.search(word) is None


@lru_cache(maxsize=200_000)
def polish_analyses(word: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(lemma, part of speech, labels) for a Polish word form; lemma without morfeusz's ':Sm1' suffix.

    Labels include 'nazwa_geograficzna', 'imię', 'nazwisko', 'nazwa_organizacji' for proper nouns;
    part of speech 'ign' means the word is not in the dictionary.
    """
    if not _analysable(word):
        return ((word, "ign", ()),)
    with _lock:  # the C++ analyser is not documented as thread-safe; the TUI indexes in a worker
        raw = _polish().analyse(word)
    seen: dict[tuple[str, str, tuple[str, ...]], None] = {}
    for _start, _end, (_form, lemma, tag, labels, _qual) in raw:
        pos = tag.split(":", 1)[0]
        seen[(lemma.split(":", 1)[0], pos, tuple(labels))] = None
    return tuple(seen)


@lru_cache(maxsize=100_000)
def polish_tags(word: str) -> tuple[tuple[str, str], ...]:
    """(lemma, full morfeusz tag) for a Polish word form: the tag carries tense and aspect ('fin:sg:ter:perf')."""
    if not _analysable(word):
        return ((word, "ign"),)
    with _lock:
        raw = _polish().analyse(word)
    return tuple(dict.fromkeys((lemma, tag) for _s, _e, (_f, lemma, tag, _l, _q) in raw))


_PROPER_LABELS = {"nazwa_geograficzna", "imię", "nazwisko", "nazwa_organizacji", "nazwa_własna",
                  "pseudonim", "nazwa_obiektu", "nazwa_wydarzenia", "nazwa_rzeczy", "nazwa_marki"}


@lru_cache(maxsize=200_000)
def _dictionary(word: str, language: str) -> bool | None:
    """None if not a dictionary form of `language`; else whether its lemma is lower-case. Cached: the
    same form is asked for as itself, lower-cased and as a case form of its neighbours' lemmas, and each
    asking takes the lists' lock and a bisection of the file."""
    from .wordlists import word_list

    spelling = _dictionary_spelling(language)
    return word_list(simplemma_code(language)).get(word.translate(spelling) if spelling else word)


@cache
def _dictionary_spelling(language: str) -> dict[int, str]:
    """The pack's letters that the dictionary spells otherwise (Romanian: cedilla ş ţ as comma ș ț)."""
    table = languages.value(_dictionary_pack(language), "names", "dictionary", "spelling", {})
    return str.maketrans(dict(table))


# The languages simplemma has dictionaries for (a language without a pack still gets its dictionary); a
# pack's [dictionary] backend says which one its language uses.
# (Croatian, Serbian and Bosnian are one dictionary there, "hbs": their packs say so.)
SIMPLEMMA_LANGUAGES = {"en", "de", "fr", "es", "it", "pt", "nl", "cs", "sk", "sv", "da", "fi", "hu", "ro", "sl",
                       "lt", "lv", "et", "tr", "ca", "nb", "ru", "uk", "bg"}


@lru_cache(maxsize=200_000)
def is_common_word(word: str, language: str) -> bool:
    """True if `word` (as capitalised at a sentence start) is an ordinary word of `language`.

    Proper nouns in the dictionaries (simplemma lists 'Kazakhstan', morfeusz labels 'Astana') are not common.
    """
    lower = word.lower()
    if lower in FUNCTION_WORDS.get(language, ()) or lower in _ALL_FUNCTION_WORDS:
        return True
    backend = dictionary_backend(language)
    if backend == "morfeusz":
        # a common noun or verb in lower case ("osoby", "władze") is a common word even if some surname
        # is spelled the same ("Osoba"); names such as "Astana" have no lower-case common reading
        return any(pos != "ign" and not _PROPER_LABELS.intersection(labels) and not lemma[:1].isupper()
                   for lemma, pos, labels in polish_analyses(lower))
    if backend is None:
        return False
    if capitalises_nouns(language):
        # German capitalises every noun; a dictionary noun at a sentence start is a noun, unless
        # it is also a name elsewhere in the story (the caller checks that evidence).
        return _dictionary(word, language) is not None or _dictionary(lower, language) is not None
    if _dictionary(lower, language) is not True:
        return False
    # a common word in lower case, unless the dictionary lists the capitalised form itself as a proper
    # noun's ("Германии" is Германия's, while "германии" is the element германий's)
    return not (proper_forms(language) and _dictionary(word, language) is False)


@lru_cache(maxsize=200_000)
def is_dictionary_word(word: str, language: str) -> bool:
    """True if the exact capitalised form is in the dictionary at all (German nouns, but also 'Scholz')."""
    backend = dictionary_backend(language)
    if backend == "morfeusz":
        return any(pos != "ign" for _, pos, _ in polish_analyses(word))
    if backend is None:
        return False
    return _dictionary(word, language) is not None


@cache
def dictionary_backend(language: str) -> str | None:
    """"morfeusz" or "simplemma" as the pack says ([dictionary] backend); a language without a pack gets
    simplemma's dictionary when simplemma has one; else None (no dictionary: no word is known common)."""
    backend = languages.value(_dictionary_pack(language), "names", "dictionary", "backend")
    return backend if backend is not None else ("simplemma" if language in SIMPLEMMA_LANGUAGES else None)


@cache
def _dictionary_pack(language: str) -> str:
    """The pack whose dictionary `language` uses: its own, or a relative's that lends to it (Bosnian: hr)."""
    with_dictionary = [code for code, _backend in languages.every("names", "dictionary", "backend")]
    return borrowed(language, with_dictionary) or language


@cache
def simplemma_code(language: str) -> str:
    """simplemma's code of the dictionary `language` is looked up in (the pack's [dictionary] simplemma:
    "hbs" for Croatian and Serbian), else the language's own code."""
    pack = _dictionary_pack(language)
    return languages.value(pack, "names", "dictionary", "simplemma") or pack


@cache
def capitalises_nouns(language: str) -> bool:
    """Does the language capitalise every noun (German)? Then a capitalised dictionary word needs evidence."""
    return bool(languages.value(language, "names", "dictionary", "capitalises_nouns", False))


@cache
def proper_forms(language: str) -> bool:
    """Does the dictionary list the inflected forms of proper nouns capitalised, under a capitalised lemma
    (simplemma's Russian, Ukrainian and Bulgarian)? Then such a form is a name's, whatever its lower case is."""
    return bool(languages.value(language, "names", "dictionary", "proper_forms", False))


@cache
def titles_name_organisations(language: str) -> bool:
    """Does a title right before an organisation head name the organisation ("General Assembly")?"""
    return bool(languages.value(language, "names", "words", "titles_name_organisations", False))


@cache
def inflection_rule(language: str) -> str | None:
    """The pack's [inflection] rule ("polish", "czech", "genitive_s"): which code undoes its case endings."""
    return languages.value(language, "names", "inflection", "rule")


def proper_kind(word: str, language: str) -> str | None:
    """PLACE / PERSON / ORG when the language's dictionary labels proper nouns (morfeusz, pymorphy3) and
    knows `word`."""
    if dictionary_backend(language) == "morfeusz":
        return polish_proper_kind(word)
    if inflection_rule(language) == "pymorphy":
        return pymorphy_proper_kind(word, language)
    return None


# --- pymorphy3 (Russian, Ukrainian) ------------------------------------------------------------------------
# pymorphy3 with its OpenCorpora (Russian) and VESUM (Ukrainian) dictionaries, as wheels: lemmas of declined
# names ("Трампом" -> трамп, "Німеччині" -> німеччина) and proper-noun grammemes. On the Slavic development
# story its first lemma is a name's gold lemma 0.99 (ru) and 0.97 (uk) of the time, the packs' endings alone
# 0.87 and 0.88. Loaded lazily (0.5 s a language), under the lock; results cached by word form.
_pymorphy: dict[str, Any] = {}
_PYMORPHY_KINDS = (("Geox", "PLACE"), ("Orgn", "ORG"), ("Surn", "PERSON"), ("Name", "PERSON"), ("Patr", "PERSON"))


def _analyser(language: str) -> Any:
    if language not in _pymorphy:
        with _lock:
            if language not in _pymorphy:
                import pymorphy3  # imported here: only a Russian or Ukrainian story pays for it

                _pymorphy[language] = pymorphy3.MorphAnalyzer(lang=language)
    return _pymorphy[language]


@lru_cache(maxsize=200_000)
def pymorphy_parses(word: str, language: str) -> tuple[tuple[str, frozenset[str], bool], ...]:
    """(normal form, grammemes, from the dictionary?) of each reading of `word`, likeliest first."""
    if not _analysable(word):
        return ()
    with _lock:  # the analyser's caches are not documented as thread-safe; the TUI indexes in a worker
        try:
            parses = _analyser(language).parse(word)
        except ValueError:  # pymorphy3 reads a word's shape through unicodedata.name: some code points have
            return ()       # none ("no such name"); a word holding one is in no dictionary
    # is_known looks the parse's word up in the dictionary again: the readings of one word mostly share it
    known: dict[str, bool] = {}
    return tuple((p.normal_form, frozenset(p.tag.grammemes),
                  known[p.word] if p.word in known else known.setdefault(p.word, p.is_known)) for p in parses)


@lru_cache(maxsize=200_000)
def pymorphy_proper_kind(word: str, language: str) -> str | None:
    """PLACE / ORG / PERSON when the likeliest reading the dictionary knows is such a proper noun."""
    for _normal, grammemes, known in pymorphy_parses(word, language):
        if not known:
            continue
        for grammeme, kind in _PYMORPHY_KINDS:
            if grammeme in grammemes:
                return kind
        return None  # the likeliest known reading is no proper noun
    return None


def polish_proper_kind(word: str) -> str | None:
    """PLACE / PERSON / ORG if morfeusz knows `word` as such a proper noun."""
    for _lemma, _pos, labels in polish_analyses(word):
        if "nazwa_geograficzna" in labels:
            return "PLACE"
        if "nazwa_organizacji" in labels:
            return "ORG"
    for _lemma, _pos, labels in polish_analyses(word):
        if "imię" in labels or "nazwisko" in labels:
            return "PERSON"
    return None


# --- Polish name inflection --------------------------------------------------------------------------
# For names morfeusz does not know (most foreign surnames), the case ending is undone by rule: the endings
# are data (languages/pl/names.toml [inflection]); every candidate is kept and the linker keeps the one the
# story itself (or the gazetteer) confirms.


@cache
def case_endings(language: str) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], frozenset[str]]:
    """The pack's case endings in order (ending, nominative endings), and those after which the scan goes on."""
    endings = languages.value(language, "names", "inflection", "endings", {})
    keep = languages.value(language, "names", "inflection", "keep_scanning", ())
    return tuple((e, tuple(r)) for e, r in endings.items()), frozenset(keep)


# Letters that are vowels in the Latin and Cyrillic alphabets the packs write (y is one in Czech, Slovak,
# Polish and in foreign names): a fleeting vowel goes back only between two consonants.
_VOWELS = frozenset("aeiouyáéíóúýěůäôàèìòùâêîûąęœëïöüаеиоуъюяэыіїєѐёѝ")


@cache
def fleeting(language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The pack's fleeting vowels and the last consonants they stand before, longest first ([inflection]
    fleeting_vowels, fleeting_before)."""
    vowels = languages.value(language, "names", "inflection", "fleeting_vowels", ())
    before = languages.value(language, "names", "inflection", "fleeting_before", ())
    return tuple(vowels), tuple(sorted(before, key=len, reverse=True))


def _with_fleeting_vowel(stem: str, language: str) -> list[str]:
    """The nominatives a bare case stem may have had a fleeting vowel in: "Bruslj" -> "Bruselj" (Slovene),
    "Karlovc" -> "Karlovac" (Croatian); only when the stem ends in two consonants, the last one of the
    pack's (k not after s: adjectives' -sk-), and with at least two letters before the vowel."""
    vowels, before = fleeting(language)
    lower = stem.lower()
    for last in before:
        if not lower.endswith(last):
            continue
        cut = len(stem) - len(last)
        if last in ("k", "к") and lower[cut - 1:cut] in ("s", "с"):
            return []  # -sk- is an adjective's suffix (Slovensko, Hrvatska) far more often than -sek, -sak
        if cut >= 2 and lower[cut - 1].isalpha() and lower[cut - 1] not in _VOWELS:
            cyrillic = "\u0400" <= lower[-1] <= "\u04ff"
            return [stem[:cut] + (vowel.upper() if stem[cut:].isupper() else vowel) + stem[cut:]
                    for vowel in vowels if ("\u0400" <= vowel <= "\u04ff") == cyrillic]  # the stem's script
        return []
    return []


def _undo_endings(word: str, language: str) -> list[tuple[str, tuple[str, ...]]]:
    """(stem, nominative endings) for each of the language's case endings `word` ends in, in order, with at
    least 3 letters left; the scan stops at the first matching ending not in keep_scanning."""
    lower = word.lower()
    endings, keep = _endings_ending_in(language, lower[-1:])
    found = []
    for ending, replacements in endings:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            found.append((word[: len(word) - len(ending)], replacements))
            if ending not in keep:
                break  # a long ending that matched is the ending; the one-letter ones may all be right
    return found


@lru_cache(maxsize=5_000)
def _endings_ending_in(language: str, last: str) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], frozenset[str]]:
    """case_endings(language) with only the endings a word whose last letter is `last` may end in (and the
    empty one), in their order: _undo_endings then tries a handful of the pack's endings, not all of them."""
    endings, keep = case_endings(language)
    return tuple((e, r) for e, r in endings if not e or e[-1:] == last), keep


@lru_cache(maxsize=200_000)
def polish_lemma_candidates(word: str) -> tuple[str, ...]:
    """Possible nominatives of a Polish name form, best first: the dictionary's, then rule-based ones."""
    out: dict[str, None] = {}
    analyses = polish_analyses(word)
    # several proper lemmas ('Łodzi': Łodzia, Łódź): prefer one the dictionary also knows otherwise
    readings = Counter(lemma.casefold() for lemma, _pos, _labels in analyses)
    proper = [lemma for lemma, pos, labels in analyses
              if pos in ("subst", "depr") and (_PROPER_LABELS.intersection(labels) or lemma[:1].isupper())]
    for lemma in sorted(proper, key=lambda lemma: -readings[lemma.casefold()]):
        out[lemma[:1].upper() + lemma[1:] if word[:1].isupper() else lemma] = None
    for stem, replacements in _undo_endings(word, "pl"):
        for repl in replacements:
            out[stem + repl] = None
    out.pop(word, None)
    return tuple(out)


@cache
def inflecting_languages() -> frozenset[str]:
    """The languages whose pack says how to undo their case endings."""
    return frozenset(code for code, _rule in languages.every("names", "inflection", "rule"))


@lru_cache(maxsize=200_000)
def lemma_candidates(word: str, language: str) -> tuple[str, ...]:
    """Possible dictionary forms of a name word (without the word itself); a language without endings of its
    own undoes those of a close relative's (language.borrowed: Bosnian ones as Croatian). Cached by word
    form: the detector asks for the same words' forms run after run."""
    before_apostrophe = _apostrophe_base(word) if "'" in word or "’" in word else None
    if before_apostrophe is not None:
        # Polish (and Turkish...) write a case ending after an apostrophe on a foreign name whose spelling
        # does not show its sound: "O'Leary'ego", "Jacques'a" are O'Leary's and Jacques'
        rest = _lemma_candidates(word, language)
        return (before_apostrophe, *(form for form in rest if form != before_apostrophe))
    return _lemma_candidates(word, language)


_APOSTROPHE_ENDING = re.compile(r"(.{3,})['’]([^\W\d_]{1,4})")


def _apostrophe_base(word: str) -> str | None:
    """The name before a lower-case ending of at most four letters written after an apostrophe, if any."""
    match = _APOSTROPHE_ENDING.fullmatch(word)
    if match is None or not match.group(2).islower():
        return None
    return match.group(1)


def _lemma_candidates(word: str, language: str) -> tuple[str, ...]:
    source = borrowed(language, inflecting_languages()) or language
    rule = inflection_rule(source)
    if rule == "polish":
        return polish_lemma_candidates(word)
    if rule == "genitive_s" and len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return (word[:-1],)  # Selenskyjs -> Selenskyj (German genitive)
    if rule == "czech" and len(word) > 3:
        return czech_lemma_candidates(word)
    if rule == "pymorphy":
        return pymorphy_lemma_candidates(word, language)
    if rule == "endings":  # the pack's case endings alone, as written there ("Moldovei" -> "Moldova")
        undone = _undo_endings(word, source)
        found = [stem + replacement for stem, replacements in undone for replacement in replacements]
        # a stem left bare may have lost a fleeting vowel ("Bruslja" -> Bruslj -> Bruselj): after the others
        found += [form for stem, replacements in undone if "" in replacements
                  for form in _with_fleeting_vowel(stem, source)]
        return tuple(form for form in dict.fromkeys(found) if form != word)
    return ()


_CYRILLIC = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")


@lru_cache(maxsize=200_000)
def pymorphy_lemma_candidates(word: str, language: str) -> tuple[str, ...]:
    """pymorphy3's lemmas of a name form (the dictionary's readings first, cased as the word is), then the
    pack's endings undone: "Трампом" -> Трамп, "Харкові" -> Харків (after pymorphy's surname Харко)."""
    # pymorphy3's dictionaries (Russian, Ukrainian) hold no word without a Cyrillic letter (checked on every
    # key of both): a Latin-script name ("Michael", asked for its patronymic reading in any story) has no
    # dictionary reading, and asking would load a 0.5 s analyser for a story with no Cyrillic text
    parses = pymorphy_parses(word, language) if _CYRILLIC.search(word) is not None else ()
    found = [_cased(normal, word) for normal, _grammemes, known in parses if known]
    found += [stem + replacement for stem, replacements in _undo_endings(word, language)
              for replacement in replacements]
    return tuple(form for form in dict.fromkeys(found) if form != word)


def _cased(lemma: str, word: str) -> str:
    """`lemma` written as `word` is: all capitals, capitalised or lower case."""
    if word.isupper() and len(word) > 1:
        return lemma.upper()
    return lemma[:1].upper() + lemma[1:] if word[:1].isupper() else lemma


# --- Czech (and Slovak) name inflection -------------------------------------------------------------------
# Czech declines foreign names too: "Charčenka", "s Charčenkem", "Lorenteho", "Kozlovského", "v Ostravě",
# and makes women's surnames with -ová ("Ševčuková", "Tkačenková", "Marchettiová"; a Russian -ova name
# becomes -ovová). Endings are undone by rule, every candidate kept, the likeliest first.
# (The endings: languages/cs/names.toml [inflection].)


@lru_cache(maxsize=200_000)
def czech_lemma_candidates(word: str) -> tuple[str, ...]:
    """Possible nominatives of a Czech name form, best first ("Ševčukové" -> "Ševčuková" -> "Ševčuk")."""
    found: list[str] = []
    for stem, replacements in _undo_endings(word, "cs"):
        if stem.lower().endswith("nk") and "o" in replacements:
            replacements = ("o", *replacements)  # -enko, -ko names: Charčenka, Charčenkovi -> Charčenko
        found += [stem + repl for repl in replacements]
        if "" in replacements:
            found += _with_fleeting_vowel(stem, "cs")  # Havlíčka -> Havlíček
    out: dict[str, None] = {}
    for form in [word, *found]:
        if form.lower().endswith("ová") and len(form) > 6:
            # the woman's form of a surname: the man's (stem, or stem + o: Tkačenková -> Tkačenko) and, for
            # a Russian -ov/-ev/-in stem, the Russian woman's form (Žuravljovová -> Žuravljova)
            stem = form[:-3]
            russian = stem.lower().endswith(("ov", "ev", "in", "yn"))
            options = [stem + "a", stem] if russian else ([stem + "o", stem] if stem.lower().endswith("nk")
                                                          else [stem, stem + "o"])
            for option in options:
                out[option] = None
        out[form] = None
    out.pop(word, None)
    return tuple(out)


# --- closed word classes ------------------------------------------------------------------------------
# General vocabulary of news writing, from the packs (languages/<code>/names.toml [words]): titles that stand
# before a name, heads that make a capitalised run an organisation, and little words that may join the parts
# of one name. Pooled: the union over every pack, so a French title in an English article is still a title.


def _pooled(key: str) -> frozenset[str]:
    return frozenset(fold(w) for _code, words in languages.every("names", "words", key) for w in words)


def _directions() -> dict[str, str]:
    out: dict[str, str] = {}
    for code, table in languages.every("names", "words", "directions"):
        for word, direction in table.items():
            if out.setdefault(word, direction) != direction:
                raise languages.PackError(languages.ROOT / code / "names.toml", "words.directions",
                                          f"{word!r} means {direction!r} here but {out[word]!r} in another pack")
    return out


TITLES = _pooled("titles")
# Heads that make a capitalised run an organisation: whole words (plural and genitive endings allowed)
ORG_HEAD_WORDS = _pooled("org_heads")
# ... and stems that carry case endings (Polish: Ministerstwa, Komitetu, Ambasady, Organizacji), per language
ORG_HEAD_STEMS = tuple(sorted(_pooled("org_head_stems"), key=len, reverse=True))
# Organisations whose name is a title rather than a description: a place inside them is not a mention
# of the place ("The Moscow Times" says nothing about Moscow).
OPAQUE_ORG_HEADS = _pooled("opaque_org_heads")
# Heads of geographic names: a run with one of these is a place even when the gazetteer lacks it
# ("Black Sea", "Morze Czarne", "Schwarzes Meer", "Golfe de Gascogne")
GEO_HEADS = _pooled("geo_heads")
# Words that turn a following "of X" into the place X ("Republic of Kazakhstan" is Kazakhstan).
PLACE_HEADS = _pooled("place_heads")
# Little words that may stand between two capitalised words of one name ("Ministry of ...", "Ursula von
# der Leyen"), as written (the detector's pattern matches them). Conjunctions are handled apart by the
# detector: they join only inside organisation names.
NAME_CONNECTORS = frozenset(w for _code, words in languages.every("names", "words", "connectors") for w in words)
# Conjunctions ("and", "und", "oraz") join a capitalised run too, so that "Ministry of Agrarian Policy and
# Food" can stay whole; the detector cuts at them everywhere else ("Austria and Australia").
CONJUNCTIONS = frozenset(w for _code, words in languages.every("names", "words", "conjunctions") for w in words)
# Articles and determiners after which a capitalised word is a common noun in a language that capitalises
# every noun ("den Gebieten Mykolajiw")
NOUN_DETERMINERS = _pooled("noun_determiners")
DIRECTIONS = _directions()
# The active ISO 4217 currency codes ("31 miliard Kč (1,2 miliardy EUR)"): written in capitals, alone, they
# are amounts' units, never organisations
ISO_4217 = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF
CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD
HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD
MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN
PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY
TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL""".split())
# Capitalised tokens that, standing alone, are no entity: currency codes, the packs' units and time zones
# ("Kč", "SELČ", "SMS") and the labels of news pages ("Foto:", "Zdroj:"), folded
NOT_ENTITIES = frozenset(fold(w) for w in ISO_4217) | _pooled("units") | _pooled("labels")
# ("z"/"ze" and "à" are left out: they also mean "with" and "to" before people)
LOCATIVE_PREPOSITIONS = _pooled("locative_prepositions")


@lru_cache(maxsize=20_000)
def is_locative_preposition(word: str, language: str) -> bool:
    """`word` is a locative preposition of `language` ("in" is one in English, "and" in Slovene); a language
    without a pack of its own is read with every pack's."""
    own = languages.value(language, "names", "words", "locative_prepositions")
    return fold(word) in (LOCATIVE_PREPOSITIONS if own is None else _own_locatives(language))


@cache
def _own_locatives(language: str) -> frozenset[str]:
    return frozenset(fold(w) for w in languages.value(language, "names", "words", "locative_prepositions", ()))


def subdivision_classifier_start(text: str, start: int, language: str) -> int | None:
    """Where the subdivision classifier right before the name at `start` begins ("state of Georgia",
    "stanie Georgia", "штат Джорджия": a state or province, not the country spelled alike), else None."""
    pattern = _subdivision_classifiers(language)
    if pattern is None:
        return None
    reach = max(0, start - _CLASSIFIER_REACH)
    before = text[reach:start]
    # the pattern ends "entry, blanks, end": without an entry at the end of the blank-stripped text (one C
    # call; \s and str.isspace are one set) there is nothing to search for, as for nearly every name
    if not before.rstrip().endswith(_subdivision_entries(language)):
        return None
    found = pattern.search(before)
    return None if found is None else reach + found.start()


_CLASSIFIER_REACH = 30  # characters before a name read for a classifier: the longest entry and its spaces


def may_hold_subdivision_classifier(text: str, language: str) -> bool:
    """False when no subdivision classifier of `language` is in `text` at all: then subdivision_classifier_start
    is None before every name of the text (the linker asks this once per article, not once per name)."""
    return _subdivision_classifiers(language) is not None and \
        any(entry in text for entry in _subdivision_entries(language))


@cache
def _subdivision_entries(language: str) -> tuple[str, ...]:
    return tuple(languages.value(language, "names", "words", "subdivision_classifiers", ()))


@cache
def _subdivision_classifiers(language: str) -> re.Pattern[str] | None:
    words = languages.value(language, "names", "words", "subdivision_classifiers", ())
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # as written: "the State of Israel" is the country's own name, "the state of Georgia" a subdivision
    return re.compile(r"(?:(?<![^\W\d_])|(?<=-))(?:" + alternatives + r")\s+\Z")


# Classifier nouns: "the airline Ryanair", "společnosti Ryanair", "авиакомпании Ryanair" say the name after
# them is an organisation's; bare, a company's name gets a person's vote like any other name.
ORG_CLASSIFIERS = _pooled("org_classifiers")


@lru_cache(maxsize=20_000)
def is_org_classifier(word: str, language: str) -> bool:
    """`word` is a lower-case noun of `language` naming a kind of organisation: listed, or (in a language
    with case endings) a listed word of five letters or more with up to three letters more."""
    if not word[:1].islower():
        return False
    folded = fold(word)
    own = _own_classifiers(language)
    if folded in own:
        return True
    if language.split("-", 1)[0] not in inflecting_languages():
        return False
    return any(folded.startswith(entry) and len(folded) - len(entry) <= 3 for entry in own if len(entry) >= 5)


@cache
def _own_classifiers(language: str) -> frozenset[str]:
    return frozenset(fold(w) for w in languages.value(language, "names", "words", "org_classifiers", ()))
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(fold(w) for w in words) for code, words in languages.every("names", "words", "function")}
_ALL_FUNCTION_WORDS = _pooled("common_everywhere")


_CALENDAR = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"januar|jänner|februar|märz|mai|juni|juli|oktober|dezember|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
    r"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\.?",
    re.IGNORECASE,
)


@lru_cache(maxsize=100_000)
def is_calendar_word(word: str, language: str = "") -> bool:
    """Month and weekday names (and their abbreviations) that English, German and French capitalise, and
    the CLDR month and weekday names of `language` (a sentence may start with "Giovedì", "Martes").

    Other languages' names are not used: "Domingo", "Julio" and "Sabato" are names too.
    """
    return _CALENDAR.fullmatch(word) is not None or (bool(language) and fold(word) in _calendar_names(language))


@cache
def _calendar_names(language: str) -> frozenset[str]:
    from .dates import calendar_names

    data = calendar_names().get(language)
    if not data:
        return frozenset()
    return frozenset(fold(name) for key in ("months", "weekdays") for forms in data[key] for name in forms)


# German (and Dutch/Scandinavian) titles are compounds: Bürgermeister, Außenministerin, Regierungssprecher
_TITLE_COMPOUND = re.compile("(" + "|".join(sorted(_pooled("title_compounds"))) + ")$")


@lru_cache(maxsize=100_000)
def is_title(word: str) -> bool:
    folded = fold(word)
    return folded in TITLES or (len(folded) >= 9 and _TITLE_COMPOUND.search(folded) is not None)


@lru_cache(maxsize=100_000)
def org_head(word: str, language: str = "") -> str | None:
    """The organisation head `word` is, if any: 'Ministry' -> 'ministry', 'Ministerstwa' -> 'ministerstw'."""
    folded = fold(word)
    if folded in ORG_HEAD_WORDS:
        return folded
    for ending in ("s", "es", "ies", "en", "e", "ns", "'s"):
        if folded.endswith(ending) and folded[: -len(ending)] in ORG_HEAD_WORDS:
            return folded[: -len(ending)]
    for stem in _org_head_stems(language):
        if folded.startswith(stem) and len(folded) - len(stem) <= 4:
            return stem
    return None


@cache
def _org_head_stems(language: str) -> tuple[str, ...]:
    """The language's own organisation stems, longest first (only its texts decline them)."""
    return tuple(sorted({fold(w) for w in languages.value(language, "names", "words", "org_head_stems", ())},
                        key=len, reverse=True))


# --- organisations written the Slavic way ------------------------------------------------------------------
# "Министерство иностранных дел России", "Міністерства закордонних справ Казахстану", "Министерството на
# външните работи": the head, lower-case words that describe it, then the owner's name. Which lower-case
# words may stand there is the pack's `org_modifiers` rule; `org_inner_words` are the little words between.
_VERBAL = frozenset({"VERB", "INFN", "GRND", "PRTS", "ADVB", "PRED", "CONJ", "PREP", "PRCL", "NPRO", "INTJ"})
_POLISH_NOMINAL = frozenset({"subst", "adj", "depr", "ger"})


def org_modifiers(language: str) -> str | None:
    """The pack's rule for lower-case words inside an organisation's name, or None (no such names)."""
    return languages.value(language, "names", "words", "org_modifiers")


@cache
def org_inner_words(language: str) -> frozenset[str]:
    return frozenset(fold(w) for w in languages.value(language, "names", "words", "org_inner_words", ()))


@lru_cache(maxsize=100_000)
def may_modify_org(word: str, language: str, after_inner: bool = False) -> bool:
    """May the lower-case `word` stand after an organisation's head, inside its name? A genitive noun or
    adjective ("иностранных", "справ"; after an inner word such as "по" any case), never a verb ("заявило")
    or a function word."""
    if word.lower() in FUNCTION_WORDS.get(language, ()) or len(word) < 2:
        return False
    if inflection_rule(language) == "pymorphy" and org_modifiers(language) == "genitive":
        known = [grammemes for _normal, grammemes, is_known in pymorphy_parses(word, language) if is_known]
        if not known or _VERBAL & known[0]:
            return False  # unknown, or likeliest read as a verb or a little word
        return any((after_inner or "gent" in g) and ({"NOUN", "ADJF", "PRTF"} & g) for g in known)
    if dictionary_backend(language) == "morfeusz":
        return any(pos in _POLISH_NOMINAL for _lemma, pos, _labels in polish_analyses(word))
    return is_dictionary_word(word, language)


@cache
def tells_adjectives(language: str) -> bool:
    """Does an analyser tell parts of speech in `language` (pymorphy3, morfeusz)? Elsewhere is_adjective is
    always False."""
    return inflection_rule(language) == "pymorphy" or dictionary_backend(language) == "morfeusz"


@lru_cache(maxsize=100_000)
def is_adjective(word: str, language: str) -> bool:
    """Is the likeliest dictionary reading of `word` an adjective ("Слідчий", "Верховный")? Only where an
    analyser tells parts of speech (pymorphy3, morfeusz: tells_adjectives); elsewhere False."""
    if inflection_rule(language) == "pymorphy":
        known = [g for _normal, g, is_known in pymorphy_parses(word, language) if is_known]
        return bool(known) and "ADJF" in known[0]
    if dictionary_backend(language) == "morfeusz":
        analyses = polish_analyses(word.lower())
        return bool(analyses) and analyses[0][1] == "adj"
    return False


# --- inflected common words at a sentence start ------------------------------------------------------------
# A dictionary lists a word's dictionary form; a sentence may start with any of its forms ("Бастующие",
# "Случката" = случка + the article, "Бортпровідники"). pymorphy3 reads the part of speech of the forms
# it knows; elsewhere the pack's case endings (and Bulgarian articles) are undone and the result looked up.
_PROPER_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init"})
_COMMON_PARTS = frozenset({"NOUN", "ADJF", "ADJS", "COMP", "PRTF", "PRTS", "VERB", "INFN", "GRND", "ADVB", "PRED",
                           "NUMR", "CONJ", "PREP", "PRCL", "NPRO", "INTJ"})


@lru_cache(maxsize=200_000)
def is_inflected_common_word(word: str, language: str) -> bool:
    """Is `word` (capitalised at a sentence start) a form of an ordinary word the dictionary knows? With
    pymorphy3: its likeliest known reading is a common part of speech and no known reading is a proper
    noun's; elsewhere: the word itself is in no dictionary, and one of its forms with the case ending
    undone is a lower-case dictionary word."""
    if inflection_rule(language) == "pymorphy":
        known = [grammemes for _normal, grammemes, is_known in pymorphy_parses(word, language) if is_known]
        return bool(known) and bool(_COMMON_PARTS & known[0]) and not any(_PROPER_GRAMMEMES & g for g in known)
    if dictionary_backend(language) != "simplemma" or capitalises_nouns(language) or inflection_rule(language) is None:
        return False
    if _dictionary(word, language) is not None or _dictionary(word.lower(), language) is not None:
        return False  # the dictionary knows the form itself: is_common_word has answered
    return any(_dictionary(form.lower(), language) is True and _dictionary(form, language) is None
               for form in lemma_candidates(word, language)[:4])


@lru_cache(maxsize=200_000)
def is_nominative_form(word: str, language: str) -> bool:
    """Might `word` be a name word's dictionary (nominative) form, not a case form? For a display name:
    "Кузаиров" and "Jana" may be, "Кузаирову", "Janou", "Milicom", "Novog" are not. With pymorphy3: a known
    reading in the nominative, or an unknown word whose likeliest guessed reading is; with Polish: morfeusz's
    lemma or no rule-made one; elsewhere it ends in none of the pack's (or a relative's) case endings of two
    letters or more that is no nominative's ending too. A word of a language without case endings always may be."""
    source = borrowed(language, inflecting_languages()) or language
    rule = inflection_rule(source)
    if rule == "pymorphy":
        if not has_cyrillic(word):
            return True  # a Latin word in a Cyrillic text ("Reuters") is quoted as written: no case of ours
        parses = pymorphy_parses(word, language)
        known = [g for _normal, g, is_known in parses if is_known]
        readings = known or [g for _normal, g, _known in parses]
        return not readings or any("nomn" in g for g in readings)
    if rule == "polish":
        return not any(lemma != word and pos != "ign" for lemma, pos, _labels in polish_analyses(word)) or \
            any(lemma == word for lemma, _pos, _labels in polish_analyses(word))
    if rule in ("czech", "endings"):
        # an ending that is also some nominative's ("Jana", "Milica": -a) or one letter long says nothing
        endings, _keep = case_endings(source)
        nominative_endings = {r for _ending, replacements in endings for r in replacements}
        lower = word.lower()
        return not any(lower.endswith(ending) and len(lower) - len(ending) >= 3 and len(ending) >= 2
                       and ending not in nominative_endings for ending, _r in endings)
    return True
