"""Finding names in article text: runs of capitalised words, cut into people, places and organisations.

Rules, not a model (no usable offline NER model exists on the registry): one regex finds capitalised runs
(with connectors such as 'of', 'von', 'de'), then each run is segmented: sentence-initial common words and
titles are dropped, month and weekday names skipped, acronyms isolated, places recognised through the
gazetteer (after undoing case endings), organisation heads ('Ministry', 'Ministerstwo', 'Botschaft') make
organisations, and a place inside a descriptive organisation name is a mention of that place too.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from operator import attrgetter
from os.path import commonprefix

from . import gazetteer, knowledge, languages, lexicon
from .language import borrowed
from .model import Source
from .names import fold, fold_each

# Scripts written with capitals that storyview reads: Latin (with its extensions), Greek, Cyrillic.
_CASED_BLOCKS = (range(0x0000, 0x0530), range(0x1AB0, 0x1B00), range(0x1C80, 0x1C90), range(0x1DC0, 0x1F00),
                 range(0x2C60, 0x2C80), range(0x2DE0, 0x2E00), range(0xA640, 0xA6A0), range(0xA720, 0xA800),
                 range(0xFB00, 0xFB07), range(0xFE20, 0xFE30))


def _char_class(categories: tuple[str, ...]) -> str:
    """A compact regex character class of the characters whose Unicode category starts with one of
    `categories` (e.g. "Lu", "L", "M"), within the cased scripts."""
    ranges: list[tuple[int, int]] = []
    for block in _CASED_BLOCKS:
        for code in block:
            if not unicodedata.category(chr(code)).startswith(categories):
                continue
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in ranges) + "]"


# The stdlib `re` with explicit Unicode classes: three times faster than the `regex` module's \p{...} here,
# and this regex runs over every character of every article.
_UPPER = _char_class(("Lu", "Lt"))
_LOWER = _char_class(("Ll",))
_LETTER = _char_class(("L", "M"))
_LETTER_OR_DIGIT = _LETTER[:-1] + "0-9]"
# A capitalised word may hold digits ("A320", "MH17", "COVID-19") and end in a web domain ("Ryanair.com",
# "Money.pl", "INTERFAX.RU"): the domain is the name of a site, not a sentence end.
_DOMAIN = rf"(?:\.(?:[a-z]{{2,6}}|[A-Z]{{2,6}})(?!{_LETTER_OR_DIGIT}|\.{_LETTER_OR_DIGIT}))"
# A brand written in camel case ("easyJet", "iPhone", "eBay", "airBaltic", "bTV") is one word: its capital
# inside a word opens no name of its own (no "Jet" out of "easyJet"). One small letter before two capitals is a
# brand ("bTV", "iOS"); before more, a term ("mRNA").
_CAMEL = (rf"(?<!{_LETTER_OR_DIGIT})(?:{_LOWER}{{1,5}}{_UPPER}{_LOWER}{{2,}}"
          rf"|{_LOWER}{_UPPER}{{2}}(?!{_LETTER_OR_DIGIT})){_LETTER_OR_DIGIT}*")
_CAMEL_WORD = re.compile(_CAMEL)
_CAP = (rf"(?:{_UPPER}\.(?:{_UPPER}\.)+|{_CAMEL}(?:['’\-‐]{_LETTER_OR_DIGIT}+)*"
        rf"|(?<!{_LOWER}){_UPPER}{_LETTER_OR_DIGIT}*(?:['’‘ʼ\-‐]{_LETTER_OR_DIGIT}+)*{_DOMAIN}?)"
        )  # "U.N.", "Kassym-Jomart"
# A model number after a name ("Boeing 737", "Boeing 737-800", "Boeing 737 Max"): three digits, maybe a
# hyphenated code, and then no quantity's signs (a lower-case noun, a percent sign, more digits). Days (one or
# two digits) and years (four) never match, so "в Киеве 24 февраля", "Kyiv 2022" stay apart.
# (A little word may follow: a quantity is followed by what it counts, "300 lidí", a model by anything,
# "Embraer 195 w zeszłym roku".)
_LITTLE_WORDS = "|".join(sorted({re.escape(w.lower()) for _code, words in languages.every("names", "words", "function")
                                 for w in words if w.isalpha()}, key=len, reverse=True))
_COUNTED = rf"[ \t\u00a0]+(?:\d|(?!(?:{_LITTLE_WORDS})(?!{_LETTER})){_LOWER})"
_CODE_PART = rf"[-‐](?:\d|{_UPPER}){_LETTER_OR_DIGIT}*"  # "-800", "-8AS", "-E2", "-MAX"; not "-km", "-letý"
_MODEL = (rf"(?<!\d)\d{{3}}(?:(?:{_CODE_PART})+(?!{_LETTER_OR_DIGIT}|[-‐])"
          rf"|(?!{_LETTER_OR_DIGIT}|[-‐]|[.,]\d|[ \t\u00a0]*%|{_COUNTED}))")
_ELIDED = rf"(?:(?<!{_LETTER})[dlDLjJnNsScCmMtT]['’](?={_UPPER}))?"
# conjunctions join a run too (lexicon.CONJUNCTIONS): the segmenter cuts at them outside organisations
_CONJUNCTIONS = lexicon.CONJUNCTIONS
_CONNECTOR_WORDS = sorted((lexicon.NAME_CONNECTORS | _CONJUNCTIONS) - {"d'", "l'", "ds."}, key=len, reverse=True)
_CONN = "(?:" + "|".join(re.escape(w) for w in _CONNECTOR_WORDS) + ")"
_GAP = r"[ \t\u00a0]+"
# Where more than MAX_RUN_WORDS capitalised words follow each other, capitals mark no names: the longest
# names and title-case headlines have a dozen or so words, while a text of nothing but capitalised words
# ("Aaa Bbb Ccc ...", 19 MB of them) would be one run, and segmenting a run costs the square of its length.
# So a run matches at most MAX_RUN_WORDS words, and a stretch that goes on beyond them is passed over whole.
MAX_RUN_WORDS = 32
# A run longer than this holds a "word" no name has (a megabyte of letters without a space): not a name.
MAX_RUN_CHARS = 1000
_NEXT_WORD = rf"{_GAP}(?:(?:{_CONN}{_GAP}){{0,2}}{_ELIDED}{_CAP}|{_MODEL})"
RUN = re.compile(rf"{_ELIDED}{_CAP}(?:{_NEXT_WORD}){{0,{MAX_RUN_WORDS - 1}}}")
_RUN_GOES_ON = rf"(?:{_NEXT_WORD}){{1,{MAX_RUN_WORDS}}}"
_TOKEN = re.compile(rf"{_ELIDED}{_CAP}|{_LOWER}+|{_MODEL}")


def _capitalised(word: str) -> bool:
    """A word that may be (part of) a name: capitalised, or a camel-case brand ("easyJet")."""
    return word[:1].isupper() or _CAMEL_WORD.match(word) is not None


_SENTENCE_END = set(".!?:;\n\u2026")
_LOWER_SUFFIX = re.compile(rf"[-‐]{_LOWER}")
_ABBREVIATION_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|Maj|Cpt|St|Jr|Sr|Hr|Fr|Mme|Mgr|Ks|"
    r"Inż|Płk|Gen|Dyr|Pres|Sec|Amb)|(?:[A-Z]\.)+[A-Z])\.$")
_ACRONYM_COMPOUND = re.compile(rf"({_UPPER}{{2,6}})[-‐]{_UPPER}{_LOWER}")
# Articles that, capitalised inside a sentence, open the title of a newspaper or a work ("reported The Kyiv
# Courier", "selon Le Monde", "berichtete Die Zeit")
_TITLE_ARTICLES = frozenset({"the", "le", "la", "les", "die", "der", "das", "el", "il", "lo", "los", "las"})
_PARTICLES = frozenset({"von", "vom", "van", "de", "der", "den", "du", "des", "da", "di", "del", "della", "bin",
                        "ibn", "ben", "abu", "al", "el", "zu", "la", "le"})
_OPENERS = set("\"'„“”«»‚‘’([{–—-*•·")
# Articles and determiners after which a German capitalised word is a common noun, not a name (the packs)
_GERMAN_DETERMINERS = lexicon.NOUN_DETERMINERS
_DEMONYM_ENDINGS = frozenset(("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "s", "n", "er", "ern", "en",
                              "e", "es", "ois", "oise", "ien", "iens", "ienne", "iennes", "jan", "janie", "janin",
                              "cy", "iec", "czyk", "ka", "ki", "ow", "owie",
                              "isch", "ische", "ischen", "ischer", "isches", "se", "sche"))


class Occurrence:
    """One name found in one source, before linking.

    A plain slotted class rather than a dataclass: a big story has millions of these, and the detector
    copies each cached one to every place its run recurs.
    """

    __slots__ = ("source_index", "start", "end", "text", "tokens", "language", "kind", "place_id", "boilerplate",
                 "locative", "after_title", "nested", "demonym", "opaque_the", "acronym_of", "ordinary_word",
                 "classified")

    def __init__(self, source_index: int, start: int, end: int, text: str, tokens: tuple[str, ...], language: str,
                 kind: str | None = None, place_id: str | None = None, boilerplate: bool = False,
                 locative: bool = False, after_title: bool = False, nested: bool = False, demonym: bool = False,
                 opaque_the: bool = False, acronym_of: str | None = None, ordinary_word: bool = False,
                 classified: bool = False):
        self.source_index = source_index
        self.start = start
        self.end = end
        self.text = text
        self.tokens = tokens
        self.language = language
        self.kind = kind  # PLACE / ORG / PERSON / OTHER, when detection can tell
        self.place_id = place_id
        self.boilerplate = boilerplate
        self.locative = locative  # preceded by a locative preposition ("in", "w", "nach"): a place vote
        self.after_title = after_title  # preceded by a title ("President", "Prezydent"): a person vote
        self.nested = nested  # a place inside an organisation's name
        self.demonym = demonym  # "Russian", "Kazakh": a people, not the place
        self.opaque_the = opaque_the  # the name started with "The" (a title like "The Moscow Times")
        self.acronym_of = acronym_of  # "ODKB" defined right after a long name: that long name's text
        self.ordinary_word = ordinary_word  # a dictionary word standing alone: not a name in a heading
        self.classified = classified  # preceded by a noun naming a kind of organisation ("the airline X")

    def moved(self, source_index: int, offset: int, boilerplate: bool) -> Occurrence:
        """This occurrence (found in a run) placed in a source at `offset`."""
        return Occurrence(source_index, self.start + offset, self.end + offset, self.text, self.tokens,
                          self.language, self.kind, self.place_id, boilerplate, self.locative, self.after_title,
                          self.nested, self.demonym, self.opaque_the, self.acronym_of, self.ordinary_word,
                          self.classified)

    def fields(self) -> tuple:
        """All fields, in __init__ order: Occurrence(*o.fields()) is a copy. Shard workers send these,
        as tuples pickle four times faster than slotted objects."""
        return _occurrence_fields(self)

    def __repr__(self) -> str:
        return f"Occurrence({self.source_index}, {self.start}, {self.end}, {self.text!r}, kind={self.kind})"


_occurrence_fields = attrgetter(*Occurrence.__slots__)


@dataclass
class _Token:
    start: int
    end: int
    text: str
    connector: bool = False
    possessive: bool = False


@lru_cache(maxsize=100_000)
def place_for(words: tuple[str, ...], language: str) -> gazetteer.Place | None:
    """The gazetteer place these words name, undoing case endings ('Azji', 'Środkowej' -> Azja Środkowa)."""
    if len(words) == 1:
        place = gazetteer.lookup(words[0])
        if place is not None:
            return place
    first = (words[0], *lexicon.lemma_candidates(words[0], language)[:4])
    if len(words) > 4 or not any(gazetteer.is_place_word(option) for option in first):
        # no place name starts with this word in any of its forms; a declined adjective the pack has no
        # lemma for may still begin one ("Wielkiej Brytanii")
        return _declined_place(words, language)
    if len(words) > 1:
        place = gazetteer.lookup(" ".join(words))
        if place is not None:
            return place
    options = [first] + [(w, *lexicon.lemma_candidates(w, language)[:4]) for w in words[1:]]
    for combo in product(*options):
        place = gazetteer.lookup(" ".join(combo))
        if place is not None:
            return place
    return _declined_place(words, language)


# A name of several words declines every word, and agreement changes an adjective's ending in ways a
# pack's noun endings do not undo (Polish "Wielkiej Brytanii", Czech "České republiky", "Spojených států"
# are Wielka Brytania, Česká republika, Spojené státy). In a language that declines, a window of words each
# of which keeps all but the last three letters of the place's word (and at least four) and adds at most
# three names that place, when it names no other.
_DECLINED_KEEP = 4
_DECLINED_TAIL = 3


@lru_cache(maxsize=1)
def _multiword_places() -> dict[str, tuple[tuple[tuple[str, ...], gazetteer.Place], ...]]:
    """The gazetteer's spellings of two to four words, folded, filed by the first four letters of the first."""
    index: dict[str, list[tuple[tuple[str, ...], gazetteer.Place]]] = {}
    spellings = [(name, place) for place in gazetteer.all_places()
                 for name in dict.fromkeys((place.name, *place.names))]
    for (_name, place), folded in zip(spellings, fold_each([name for name, _place in spellings]), strict=True):
        words = tuple(folded.replace("-", " ").split())
        if 2 <= len(words) <= 4 and len(words[0]) >= _DECLINED_KEEP:
            index.setdefault(words[0][:_DECLINED_KEEP], []).append((words, place))
    return {stem: tuple(entries) for stem, entries in index.items()}


def _declined_word(word: str, name_word: str) -> bool:
    if word == name_word:
        return True
    common = len(commonprefix((word, name_word)))
    return common >= min(_DECLINED_KEEP, len(name_word) - 1) and common >= len(name_word) - _DECLINED_TAIL and \
        len(word) - common <= _DECLINED_TAIL


@lru_cache(maxsize=100_000)
def _declined_place(words: tuple[str, ...], language: str) -> gazetteer.Place | None:
    """The one place a declined multi-word name names (see above), or None."""
    if len(words) < 2 or lexicon.inflection_rule(borrowed(language, lexicon.inflecting_languages()) or language) \
            is None:
        return None  # (English writes "South Korean" for an adjective, not a case of South Korea)
    folded = tuple(fold(w) for w in words)
    entries = _multiword_places().get(folded[0][:_DECLINED_KEEP], ())
    found = {place.id: place for name, place in entries
             if len(name) == len(folded) and all(map(_declined_word, folded, name))}
    return next(iter(found.values())) if len(found) == 1 else None


# Terminal escape sequences in an article (CSI "ESC[2J", OSC "ESC]0;title BEL") are not text: blanked,
# same length, before names are looked for, so their letters never become names.
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|[\x90\x9b\x9d][^\x07]*\x07?")  # noqa: E501 (a regex or table row reads best whole)


def _without_escapes(text: str) -> str:
    if "\x1b" not in text and not any(ch in text for ch in "\x90\x9b\x9d"):
        return text
    return _ESCAPE.sub(lambda m: " " * len(m.group(0)), text)


def _may_go_on(text: str, begin: int, end: int) -> bool:
    """Whether the run text[begin:end] may have stopped at its bound: each of its MAX_RUN_WORDS - 1 next words
    began with a gap of at least one blank and a letter, so a run with fewer blanks ended where no next word
    could follow (the check that saves asking _run_goes_on after every run)."""
    if end - begin <= 2 * (MAX_RUN_WORDS - 1):
        return False
    blanks = text.count(" ", begin, end) + text.count("\t", begin, end) + text.count("\u00a0", begin, end)
    return blanks >= MAX_RUN_WORDS - 1


@lru_cache(maxsize=1)
def _run_goes_on() -> re.Pattern[str]:
    """The regex that follows a run past its bound: compiled the first time a run may reach it (it takes as
    long to compile as RUN, and most stories have no such run)."""
    return re.compile(_RUN_GOES_ON)


# Every run holds a capital within its first few letters (elided "d'Ukraine": the third; camel case "easyJet":
# at most the sixth), so a run is searched for from a little before the next capital: scanning for a capital
# is done by the regex engine's fast first-character loop, while RUN, which can begin with a small letter,
# would be tried at every character in between.
_FIRST_CAPITAL = re.compile(_UPPER)
_CAPITAL_WITHIN = 5


def _runs(text: str, start: int) -> Iterator[re.Match[str]]:
    """The capitalised runs of text[start:] that can hold names (see MAX_RUN_WORDS, MAX_RUN_CHARS)."""
    search, capital = RUN.search, _FIRST_CAPITAL.search
    while (upper := capital(text, start)) is not None and \
            (match := search(text, max(start, upper.start() - _CAPITAL_WITHIN))) is not None:
        begin, start = match.span()
        if _may_go_on(text, begin, start):
            goes_on = _run_goes_on().match
            if goes_on(text, start) is not None:  # the run stopped at its bound, not at its end: skip the stretch
                while (more := goes_on(text, start)) is not None:
                    start = more.end()
                continue
        if begin and text[begin - 1].isalpha() and match.group(0).isupper():
            continue  # capitals glued to small letters are inside a word ("mRNA"), not an acronym
        if match.end() - match.start() <= MAX_RUN_CHARS:
            yield match


def _is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isupper() and word.isalpha()


_FUNCTION_WORDS = frozenset().union(*lexicon.FUNCTION_WORDS.values())


def _function_word(word: str, language: str) -> bool:
    """Is this lone capitalised word a little word, not a name? Any pack's little words count (a
    misread language still loses its "Na", "Po"), but a word in capitals only by the article's own
    language: the Polish acronym "KE" is no Czech "ke", "UN" no French "un" in an English article."""
    folded = fold(word)
    if folded not in _FUNCTION_WORDS:
        return False
    if len(word) > 1 and word.isupper():
        return folded in lexicon.FUNCTION_WORDS.get(language.split("-", 1)[0], ())
    return True
_PLACE_ENDINGS = ("", "a", "ia", "ie", "e", "y", "stan", "land", "and", "any", "ja", "en", "ko", "sko")


@lru_cache(maxsize=50_000)
def is_demonym(word: str, language: str = "") -> bool:
    """'Russian', 'Russians', 'Kazakh', 'Ukrainiens', 'Rosjan', 'Russen': a people or adjective made from a
    place name (stem + demonym ending = place stem + place ending), not the place itself."""
    folded = fold(word)
    if len(folded) < 4 or gazetteer.lookup(word) is not None:
        return False
    for cut in range(len(folded), 2, -1):
        stem, tail = folded[:cut], folded[cut:]
        if tail and tail not in _DEMONYM_ENDINGS:
            continue
        if not gazetteer.has_prefix(stem):
            continue  # no place name starts with this stem: no ending can make one
        if any(gazetteer.lookup(stem + ending) is not None for ending in _PLACE_ENDINGS if stem + ending != folded):
            return True
    return False


# a word after a space (its letters), and the mark that keeps lower-case word counts apart in the evidence
# (the space is matched, not looked behind for: the regex engine then scans for it in its fast first-character
# loop instead of trying the lookbehind at every character; the group is the word, as before)
_LOWER_AFTER_SPACE = re.compile(r" ([^\W\d_]+)")
_LOWER_MARK = "\x00"


class NameDetector:
    """Finds name occurrences in the sources of one story (two passes: evidence, then detection)."""

    def __init__(self, sources: list[Source]):
        self.sources = sources
        self.evidence: Counter[str] = Counter()  # folded word -> times it stood capitalised mid-sentence
        self._segmented: dict[tuple, tuple[Occurrence, ...]] = {}
        self.standalone: set[str] = set()  # folded words that stand alone as a name somewhere mid-sentence
        # per source: (run text, offset, sentence-initial?, context word) of each capitalised run
        self._runs: list[list[tuple[str, int, bool, str]]] = []
        self._lower_counts: dict[str, int] = {}  # lower-case word -> times the story writes it so
        self._lower_index: tuple[int, list[str], list[int]] | None = None  # (id of evidence, words, sums)

    # -- pass 1 ------------------------------------------------------------------------------------------
    def collect_evidence(self) -> None:
        """Count words capitalised where capitals mean a name: mid-sentence, outside German (which
        capitalises every noun). A sentence-initial dictionary word is kept only with this evidence."""
        words_after_space: Counter[str] = Counter()
        for source in self.sources:
            text, body_start = _without_escapes(source.text), source.body_start
            runs = []
            language = source.language
            nouns_capitalised = lexicon.capitalises_nouns(language)
            for match in _runs(text, body_start):
                run_text, base = match.group(0), match.start()
                initial = self._sentence_initial(text, base, body_start)
                runs.append((run_text, base, initial, _context_word(_previous_word(text, base), language)))
                if nouns_capitalised:
                    continue
                # only a word that starts a name counts: "Shipping" in "Kolkhida Shipping" says nothing
                # about "Shipping analysts say"
                if not initial:
                    if " " not in run_text:
                        self.standalone.add(fold(_strip_possessive(run_text)))
                    elif run_text.count(" ") < MAX_NAME_AFTER_INITIAL:
                        self.standalone.add(fold(run_text))  # a name of a few words, as _glued_to_name reads
                    word = run_text.split(None, 1)[0]
                    folded = fold(_strip_possessive(word))
                    if folded not in _FUNCTION_WORDS:
                        self.evidence[folded] += 1
            self._runs.append(runs)
            words_after_space.update(_LOWER_AFTER_SPACE.findall(text, body_start))  # counted in C
        # words after a space written in lower case, counted with the evidence so that shards add them up
        # (the story-wide count, whatever the number of workers): _written_lower reads them
        for word, count in words_after_space.items():
            if word[:1].islower():
                self.evidence[_LOWER_MARK + word] += count

    # -- pass 2 ------------------------------------------------------------------------------------------
    def detect(self, index: int, story_index: int | None = None) -> list[Occurrence]:
        """The names in source `index`; their source_index is `story_index` when this detector sees only
        a shard of the story."""
        source = self.sources[index]
        text, language = _without_escapes(source.text), source.language
        if not self._runs:
            self.collect_evidence()
        out: list[Occurrence] = []
        headings: dict[int, bool] = {}
        # (looked up once per source, not once per name: a big story has millions of names)
        segmented, segment, tokens_of = self._segmented, self._segment, self._tokens
        number = index if story_index is None else story_index
        boilerplate, in_boilerplate = bool(source.boilerplate), source.in_boilerplate
        escaped = text is not source.text
        append = out.append
        for run_text, base, initial, context in self._runs[index]:
            # A story repeats its names: a run segmented once in the same context is reused.
            key = (run_text, language, initial, context)
            pieces = segmented.get(key)
            if pieces is None:
                pieces = segmented[key] = tuple(segment(_RunText(run_text, language), tokens_of(run_text), initial,
                                                        context))
            for piece in pieces:
                if piece.ordinary_word and _in_heading(text, base + piece.start, headings):
                    continue  # a capitalised ordinary word in a title-case heading ("A Message from ...")
                moved = piece.moved(number, base, boilerplate and in_boilerplate(piece.start + base))
                if escaped:  # escapes were blanked: the mention's text is what the file says
                    moved.text = source.text[moved.start : moved.end]
                append(moved)
        if lexicon.org_modifiers(language) is not None:
            out = _join_organisations(text, language, self._runs[index], out, number, source)
        out = _with_places_run_on(out, text, language, source)
        self._runs[index] = []  # each source is detected once; its runs are not needed again
        out = _table_organisations(text, language, out, number, source)
        out = _with_owners_before(out, text, language, source)
        return _with_acronym_definitions(out, text)

    @staticmethod
    def _sentence_initial(text: str, start: int, body_start: int) -> bool:
        i = start - 1
        while i >= body_start and (text[i] in " \t\u00a0" or text[i] in _OPENERS):
            i -= 1
        if i < body_start:
            return True
        if text[i] == "." and i + 1 < start and _ABBREVIATION_BEFORE.search(text, max(body_start, i - 6), i + 1):
            return False  # "Mr. Smith", "Gen. Zaluzhny", "U.S. officials": an abbreviation, not a sentence end
        last = text[i]
        if last in _SENTENCE_END:
            return True
        skipped = text[i + 1 : start]
        if (last.isdigit() or last == ")") and not skipped.strip():  # (a stamp right before it; not "2025 (Lusa)")
            return _after_stamp(text, i + 1, body_start)
        return ("-" in skipped or "–" in skipped or "—" in skipped) and _after_dateline(text, i + 1, start, body_start)

    @staticmethod
    def _tokens(run_text: str) -> list[_Token]:
        tokens: list[_Token] = []
        for tok in _TOKEN.finditer(run_text):
            word, start = tok.group(0), tok.start()
            if len(word) > 2 and word[1] in "'’" and (word[0].islower() or word[0] in "LDJNSCMT"):
                word, start = word[2:], start + 2  # French/Italian elision: d'Ukraine, L'OLAF, C'est
            if word[:1].isdigit():  # a model number: a word of the name before it
                tokens.append(_Token(start, start + len(word), word))
                continue
            if not _capitalised(word):
                tokens.append(_Token(start, start + len(word), word, connector=True))
                continue
            stripped = _strip_possessive(word)
            possessive = stripped != word
            based = _LOWER_SUFFIX.search(stripped) or _ACRONYM_COMPOUND.match(stripped)
            if based:  # "London-based", "NATO-Mitglieds": the name is the part before the hyphen
                cut = based.start() if based.re is _LOWER_SUFFIX else based.end(1)
                stripped, possessive = stripped[:cut], True
            parts = _split_hyphenated_places(stripped)
            for part_start, part in parts:
                tokens.append(_Token(start + part_start, start + part_start + len(part), part))
            if possessive:
                tokens[-1].possessive = True
        return tokens

    def _keep_initial(self, word: str, language: str) -> bool:
        """Is a sentence-initial capitalised word a name?"""
        if lexicon.is_calendar_word(word, language) or lexicon.is_title(word):
            return False
        place = gazetteer.lookup(word)
        common = lexicon.is_common_word(word, language) or (
            place is None and lexicon.is_inflected_common_word(word, language))
        if place is not None and not (common and _spelled_otherwise(word, place)):
            return True  # (a common word that is a place only once its accents are folded is no place: Irská)
        if not common:
            return True
        return self.evidence[fold(word)] >= 2 and not self._written_lower(word)

    def _glued_to_name(self, tokens: list[_Token], language: str) -> bool:
        """A sentence-initial word the story never capitalises mid-sentence, before words the story writes
        as a name on their own mid-sentence ("Nízkonákladovka Ryanair", "Sedmapadesátiletý Michael
        O'Leary": a word of the sentence no dictionary has, then the name)."""
        rest, first = tokens[1:], tokens[0].text
        if not rest or rest[0].connector or len(rest) > MAX_NAME_AFTER_INITIAL or self.evidence[fold(first)] > 0:
            return False
        if lexicon.dictionary_backend(language) is None or lexicon.is_dictionary_word(first, language):
            return False  # a given name the dictionary lists ("Jan Novák"), or no dictionary to tell by
        if len(rest) == 1:
            return self._stands_alone(rest[0].text, language)
        return fold(" ".join(t.text for t in rest)) in self.standalone

    def _written_lower(self, word: str) -> bool:
        """Does the story write this word in lower case far more often than capitalised mid-sentence? Then
        its capitals come from headings and titles run into the text, not from a name ("Strajk", "Пилоты")."""
        lower = word.lower()
        count = self._lower_counts.get(lower)
        if count is None:
            # words starting with it ("strajk" in "strajku" too), from the story-wide evidence
            _id, words, sums = self._lower_words()
            low = bisect_left(words, _LOWER_MARK + lower)
            high = bisect_left(words, _LOWER_MARK + lower + "\U0010ffff")
            count = self._lower_counts[lower] = sums[high] - sums[low]
        return count >= 5 and count >= 3 * self.evidence[fold(word)]

    def _lower_words(self) -> tuple[int, list[str], list[int]]:
        """The lower-case words of the evidence, sorted, with running sums of their counts (built once the
        evidence is whole: after the shards have exchanged theirs)."""
        if self._lower_index is None or self._lower_index[0] != id(self.evidence):
            words = sorted(key for key in self.evidence if key.startswith(_LOWER_MARK))
            sums = [0]
            for key in words:
                sums.append(sums[-1] + self.evidence[key])
            self._lower_index = (id(self.evidence), words, sums)
            self._lower_counts = {}
        return self._lower_index

    def _keep_single(self, word: str, language: str, previous_word: str) -> bool:
        """Is a lone capitalised word (not at a sentence start) a name?"""
        if lexicon.capitalises_nouns(language):
            if fold(previous_word) in _GERMAN_DETERMINERS:
                return False
            if lexicon.is_dictionary_word(word, language) and gazetteer.lookup(word) is None:
                return self.evidence[fold(word)] >= 1
            return True
        return True

    def _segment(self, source: _RunText, tokens: list[_Token], initial: bool,
                 previous_word: str) -> Iterable[Occurrence]:
        """The names in one capitalised run (offsets relative to the run)."""
        index = 0
        language = source.language
        opaque_the = False
        after_title = False
        # one name is written in one script: "Лоукостер Ryanair", "Услугата My Ryanair" are a word of the
        # text's language before a name quoted in Latin letters
        cut = _script_change(tokens)
        if cut is not None:
            yield from self._segment(source, tokens[:cut], initial, previous_word)
            yield from self._segment(source, _trim_connectors(tokens[cut:]), False, tokens[cut - 1].text)
            return
        # a heading in capitals runs into the text: "LETECKÁ DOPRAVA V Ryanairu budou..." is a heading, then
        # "V Ryanairu" (whose little word then comes off like any other)
        cut = _heading_ends(tokens, language)
        if cut is not None:
            yield from self._segment(source, tokens[:cut], initial, previous_word)
            yield from self._segment(source, _trim_connectors(tokens[cut:]), True, tokens[cut - 1].text)
            return
        # an article inside a run starts a title there ("das Nachrichtenportal The Kyiv Courier")
        inner = next((k for k in range(1, len(tokens) - 1)
                      if not tokens[k].connector and fold(tokens[k].text) in _TITLE_ARTICLES
                      and tokens[k].text[:1].isupper()), None)
        if inner is not None:
            yield from self._segment(source, tokens[:inner], initial, previous_word)
            yield from self._segment(source, tokens[inner:], False, tokens[inner - 1].text)
            return
        # 1. a capitalised article opens a title ("The Kyiv Courier", "Le Courrier du Dimanche"), unless
        # what follows is a place ("The Hague", "La France") or, at a sentence start, an ordinary word
        if tokens and not tokens[0].connector and fold(tokens[0].text) in _TITLE_ARTICLES and len(tokens) > 1:
            rest = _without_leading_numbers(tokens[1:])  # "The 737 ...": a number is no title
            if not rest:
                return
            words = tuple(t.text for t in rest if not t.connector)
            heads = [lexicon.org_head(w, language) for w in words if lexicon.org_head(w, language)]
            descriptive = any(h not in lexicon.OPAQUE_ORG_HEADS for h in heads)  # "The Kazakhstan Embassy"
            # at a sentence start an article is just an article ("Die Abgeordnete ...", "The Foreign
            # Minister ..."), except an English "The" before words no dictionary has ("The Kyiv Courier")
            title = not initial or (fold(tokens[0].text) == "the" and not descriptive and not (
                lexicon.is_common_word(words[0], language) or lexicon.is_title(words[0])))
            if title and place_for(words, language) is None and not any(fold(w) in lexicon.GEO_HEADS for w in words):
                yield _occurrence(0, source, rest, kind="ORG", opaque_the=True)
                return
            opaque_the = fold(tokens[0].text) == "the"
            tokens = rest
            initial = False
        # a capitalised little word never starts a name ("— By HANNA ARHIROVA", "From Kyiv"), unless it is a
        # word of another language that begins a place (Romanian "unii" is Polish "Unii Europejskiej")
        while len(tokens) > 1 and not tokens[0].connector and fold(tokens[0].text) in _FUNCTION_WORDS \
                and fold(tokens[0].text) not in _TITLE_ARTICLES and not _begins_place(tokens, language):
            previous_word, tokens, initial = tokens[0].text, tokens[1:], False
        # 2. the sentence-initial word: a common word ("Ties", "Władze") is not part of the name, unless it
        # begins a place ("European Union")
        if initial and tokens and not tokens[0].connector:
            first = tokens[0].text
            starts_place = len(tokens) > 1 and any(
                place_for(tuple(t.text for t in tokens[:width]), language) is not None
                for width in range(2, min(4, len(tokens)) + 1) if not tokens[width - 1].connector)
            # ("Air France", "Bank Ukrainy": the head comes first; "Kazakh Embassy": second)
            starts_org = len(tokens) > 1 and not tokens[1].connector and not lexicon.is_title(first) and \
                bool(lexicon.org_head(tokens[1].text, language) or lexicon.org_head(first, language))
            if not starts_place and not starts_org and (not self._keep_initial(first, language)
                                                        or self._glued_to_name(tokens, language)):
                tokens = tokens[1:]
                previous_word = first  # "In Washington": the dropped word is the context of the rest
        tokens = _split_at_particles(tokens, language)
        # "Russia's Prosecutor General's Office": a possessive inside an organisation's name
        organisation = _possessive_organisation(tokens, source.language)
        if organisation is not None:
            before, org = organisation
            if before:
                yield from self._segment(source, before, False, previous_word)
            yield _occurrence(0, source, org, kind="ORG")
            return
        # 2. cut at titles, calendar words, possessives and acronyms
        groups: list[list[_Token]] = [[]]
        title_before: list[bool] = [lexicon.is_title(previous_word)]
        for tok in tokens:
            word = tok.text
            if not tok.connector and (lexicon.is_title(word) or lexicon.is_calendar_word(word, language)) and \
                    not _heads_organisation(tokens, tok, language):
                groups.append([])
                title_before.append(lexicon.is_title(word))
                continue
            if not tok.connector and _is_acronym(word) and gazetteer.lookup(word) is None and \
                    not _in_capitals_sequence(tokens, tok):
                groups.append([tok])
                title_before.append(False)
                groups.append([])
                title_before.append(False)
                continue
            groups[-1].append(tok)
            if tok.possessive:
                groups.append([])
                title_before.append(False)
        for group, titled in zip(groups, title_before, strict=True):
            after_title = titled
            yield from self._name_group(index, source, _trim_connectors(group), opaque_the, after_title,
                                        previous_word if group is groups[0] else "")
            opaque_the = False

    def _name_group(self, index: int, source: _RunText, group: list[_Token], opaque_the: bool,
                    after_title: bool, previous_word: str) -> Iterable[Occurrence]:
        """The names in one group of a run (cut at titles, calendar words, acronyms): an organisation with
        the places it names, or places and the names between them."""
        group = _without_leading_numbers(group)
        if not group:
            return
        language = source.language
        trimmed = self._drop_common_head(group, language, previous_word)
        if not trimmed:
            return
        if trimmed is not group:
            previous_word = group[len(group) - len(trimmed) - 1].text  # "im Hafen von X": X follows "von"
            group = trimmed
        place_at = _place_windows(group, language)
        if lexicon.capitalises_nouns(language):
            names = [t for t in group if not t.connector]
            trimmed, _names = self._trim_german_nouns(group, names, previous_word)
            if not trimmed:
                return
            if trimmed[0] is not group[0]:  # "den Gebieten Mykolajiw": the name follows a noun, not "den"
                previous_word = group[group.index(trimmed[0]) - 1].text
                group = trimmed
        head_index = next((k for k, t in enumerate(group)
                           if not t.connector and k not in place_at and lexicon.org_head(t.text, language)), None)
        if head_index is not None and len([t for t in group if not t.connector]) > 1:
            yield from self._organisation(index, source, group, head_index, place_at, opaque_the, after_title,
                                          previous_word)
            return
        yield from self._places_and_names(index, source, group, place_at, opaque_the, after_title, previous_word)

    def _organisation(self, index: int, source: _RunText, group: list[_Token], head_index: int,
                      place_at: dict[int, tuple[int, gazetteer.Place]], opaque_the: bool, after_title: bool,
                      previous_word: str) -> Iterable[Occurrence]:
        """A group with an organisation head: the organisation (and a person named right after it), and the
        places its description names."""
        person = _trailing_person(group, head_index, source.language)
        if person:  # "Rady Najwyższej Serhij Bondarczuk": the organisation, then a person
            yield from self._name_group(index, source, group[: -len(person)], opaque_the, after_title,
                                        previous_word)
            yield _occurrence(index, source, person, kind="PERSON")
            return
        yield _occurrence(index, source, group, kind="ORG", opaque_the=opaque_the)
        # a place in a description ("Kazakhstan Embassy") is a mention of it; in a title ("The Moscow
        # Times") it is not
        if not any(fold(t.text) in lexicon.OPAQUE_ORG_HEADS for t in group if not t.connector):
            for k, (width, place) in place_at.items():
                yield _occurrence(index, source, group[k : k + width], kind="PLACE", place_id=place.id,
                                  nested=True)

    def _places_and_names(self, index: int, source: _RunText, group: list[_Token],
                          place_at: dict[int, tuple[int, gazetteer.Place]], opaque_the: bool, after_title: bool,
                          previous_word: str) -> Iterable[Occurrence]:
        """No organisation head: places stand alone, the words between them are names of their own."""
        locative = lexicon.is_locative_preposition(previous_word, source.language)
        pending: list[_Token] = []
        k = 0
        while k < len(group):
            if k in place_at:
                width, place = place_at[k]
                yield from self._plain(index, source, _trim_connectors(pending), opaque_the, after_title,
                                       previous_word if not pending or pending[0] is group[0] else "")
                pending = []
                yield _occurrence(index, source, group[k : k + width], kind="PLACE", place_id=place.id,
                                  locative=locative or (k > 0 and fold(group[k - 1].text) in lexicon.PLACE_HEADS))
                k += width
                continue
            if fold(group[k].text) in lexicon.PLACE_HEADS and k + 1 < len(group) and group[k + 1].connector:
                k += 1  # "Republic of X" is X
                continue
            pending.append(group[k])
            k += 1
        yield from self._plain(index, source, _trim_connectors(pending), opaque_the, after_title,
                               previous_word if pending and pending[0] is group[0] else "")

    def _drop_common_head(self, group: list[_Token], language: str, previous_word: str) -> list[_Token]:
        """'Äußerung von Rysuez', 'Officials of Kazakhstan': an ordinary word joined by a connector to a
        name is not part of it (while 'Ministry of ...' and 'Republic of ...' are heads and stay)."""
        if len(group) < 3 or not group[1].connector or group[0].connector:
            return group
        head = group[0].text
        if lexicon.org_head(head, language) or fold(head) in lexicon.PLACE_HEADS or gazetteer.lookup(head):
            return group
        common = lexicon.is_common_word(head, language) if not lexicon.capitalises_nouns(language) else (
            lexicon.is_dictionary_word(head, language) and self.evidence[fold(head)] == 0)
        if not common:
            return group
        k = 1
        while k < len(group) and group[k].connector:
            k += 1
        return group[k:]

    def _trim_german_nouns(self, group: list[_Token], names: list[_Token],
                           previous_word: str) -> tuple[list[_Token], list[_Token]]:
        """German capitalises every noun: 'seinen Bruder Wladimir Klitschko', 'Selenskyjs Büro'. A dictionary
        noun after an article or adjective opens no name; one after a genitive ('...s') closes it."""
        def is_noun(token: _Token) -> bool:
            return lexicon.is_dictionary_word(token.text, "de") and gazetteer.lookup(token.text) is None and \
                self.evidence[fold(token.text)] == 0

        while len(names) > 1 and is_noun(names[0]) and (_noun_context(previous_word) or not is_noun(names[1])):
            previous_word = "der"  # the next word follows a noun phrase's head: keep testing
            names = names[1:]
            group = group[group.index(names[0]):]
        while len(names) > 1 and is_noun(names[-1]) and names[-2].text.endswith("s"):
            names = names[:-1]
            group = group[: group.index(names[-1]) + 1]
        return group, names

    def _german_noun_inside(self, names: list[_Token]) -> int | None:
        for k in range(1, len(names) - 1):
            if self._is_german_noun(names[k].text) and not (
                    self._is_german_noun(names[k - 1].text) and self._is_german_noun(names[k + 1].text)):
                return k
        return None

    def _is_german_noun(self, word: str) -> bool:
        return lexicon.is_dictionary_word(word, "de") and gazetteer.lookup(word) is None and \
            self.evidence[fold(word)] == 0

    def _stands_alone(self, word: str, language: str) -> bool:
        return fold(word) in self.standalone or any(
            fold(lemma) in self.standalone for lemma in lexicon.lemma_candidates(word, language)[:3])

    def _plain(self, index: int, source: _RunText, group: list[_Token], opaque_the: bool, after_title: bool,
               previous_word: str) -> Iterable[Occurrence]:
        """A name with no place and no organisation head: a person, or something decided at linking."""
        group = _without_leading_numbers(group)
        if not group:
            return
        names = [t for t in group if not t.connector]
        if len(names) == 1 and _function_word(names[0].text, source.language):
            return
        if len(names) == 1:
            yield from self._single(index, source, group, names[0].text, opaque_the, after_title, previous_word)
            return
        if any(fold(t.text) in lexicon.GEO_HEADS for t in names):
            yield _occurrence(index, source, group, kind="PLACE")  # "Black Sea", "Schwarzes Meer"
            return
        if lexicon.capitalises_nouns(source.language):
            yield from self._plain_german(index, source, group, names, opaque_the, after_title, previous_word)
            return
        yield from self._several_words(index, source, group, names, opaque_the, after_title, previous_word)

    def _single(self, index: int, source: _RunText, group: list[_Token], word: str, opaque_the: bool,
                after_title: bool, previous_word: str) -> Iterable[Occurrence]:
        """One capitalised word: an acronym, a demonym, a name, or an ordinary word capitalised."""
        language = source.language
        if len(word) < 2:
            return  # a lone capital letter is an initial or a stray, not a name
        if fold(word) in lexicon.NOT_ENTITIES:
            return  # a unit, a currency code or a page's label ("31 miliard Kč", "Foto: ...")
        if len(word) >= 5 and word.isupper() and word.isalpha() and \
                lexicon.is_common_word(word.capitalize(), language) and gazetteer.lookup(word) is None and \
                (len(word) <= 6 or self._written_lower(word)):
            return  # a shouted word ("ALERT", a heading's "DOPRAVA"), not an acronym
        if _is_acronym(word):
            yield _occurrence(index, source, group, kind="ORG")
            return
        if not self._keep_single(word, language, previous_word):
            return
        if lexicon.is_common_word(word, language) and gazetteer.lookup(word) is None and \
                self._written_lower(word):
            return  # an ordinary word capitalised by a heading run into the text
        ordinary = lexicon.is_common_word(word, language) and self.evidence[fold(word)] < 2
        if is_demonym(word, language):
            yield _occurrence(index, source, group, kind="OTHER", demonym=True)
            return
        kind = lexicon.proper_kind(word, language)
        yield _occurrence(index, source, group, kind=kind, after_title=after_title,
                          locative=lexicon.is_locative_preposition(previous_word, language),
                          opaque_the=opaque_the, ordinary_word=ordinary,
                          classified=lexicon.is_org_classifier(previous_word, language))

    def _plain_german(self, index: int, source: _RunText, group: list[_Token], names: list[_Token],
                      opaque_the: bool, after_title: bool, previous_word: str) -> Iterable[Occurrence]:
        """Several words in a language that capitalises every noun: the nouns around the name come off, and
        a noun inside it separates two names."""
        group, names = self._trim_german_nouns(group, names, previous_word)
        if not names:
            return
        cut = self._german_noun_inside(names)
        if cut is not None:  # "Kiknadses Bruder Lewan": two names around a noun
            yield from self._plain(index, source, group[: group.index(names[cut])], opaque_the, after_title,
                                   previous_word)
            yield from self._plain(index, source, group[group.index(names[cut]) + 1 :], False, False, "")
            return
        if len(names) == 1:
            yield from self._plain(index, source, group, opaque_the, after_title, "")
            return
        yield from self._several_words(index, source, group, names, opaque_the, after_title, previous_word)

    def _several_words(self, index: int, source: _RunText, group: list[_Token], names: list[_Token],
                       opaque_the: bool, after_title: bool, previous_word: str) -> Iterable[Occurrence]:
        """A name of several words: a person's (up to four words), two names run together, or a demonym."""
        language = source.language
        if len(names) == 2 and lexicon.is_locative_preposition(previous_word, language) and \
                self._stands_alone(names[0].text, language) and self._stands_alone(names[1].text, language):
            # "W Eindhoven Ryanair zatrudnia": after a locative, a place the story names alone, then a
            # subject the story names alone
            yield from self._plain(index, source, [names[0]], opaque_the, False, previous_word)
            yield from self._plain(index, source, [names[1]], False, after_title, "")
            return
        if len(names) >= 3 and self._stands_alone(names[0].text, language):
            # "Zernotransu Dmytrem Bondarem": a name known on its own, then another name
            yield from self._plain(index, source, [names[0]], opaque_the, False, previous_word)
            yield from self._plain(index, source, group[group.index(names[1]) :], False, after_title, "")
            return
        if is_demonym(names[-1].text, language):
            # "Central Asian", "South Korean": an adjective of a place, not a name of its own
            yield _occurrence(index, source, group, kind="OTHER", demonym=True)
            return
        if any(is_demonym(t.text, language) for t in names[:1]) and len(names) > 1:
            # "Russian President" was cut at the title; "Kazakh Dias" is not a name: drop the adjective
            group = group[group.index(names[1]):]
            names = names[1:]
        # no person's name holds a digit: "Boeing 737", "Airbus A320" are decided at linking
        kind = "PERSON" if len(names) <= 4 and not any(_has_digit(t.text) for t in names) else None
        kind = lexicon.proper_kind(names[0].text, language) or kind
        yield _occurrence(index, source, group, kind=kind, after_title=after_title, opaque_the=opaque_the,
                          classified=lexicon.is_org_classifier(previous_word, language))


@dataclass(frozen=True)
class _RunText:
    """A capitalised run being segmented, standing in for its source (offsets are relative to it)."""

    text: str
    language: str


def _place_windows(group: list[_Token], language: str) -> dict[int, tuple[int, gazetteer.Place]]:
    """The places in a group, by the index of their first word: (width, place), the longest window (up to
    four words) first, case endings undone; windows do not overlap."""
    place_at: dict[int, tuple[int, gazetteer.Place]] = {}
    texts = tuple(t.text for t in group)
    connectors = [t.connector for t in group]
    size = len(group)
    i = 0
    while i < size:
        found = None
        if not connectors[i]:  # (a window starts and ends with a word, never a connector)
            for width in range(min(4, size - i), 0, -1):
                if connectors[i + width - 1]:
                    continue
                place = place_for(texts[i : i + width], language)
                if place is not None:
                    found = (width, place)
                    break
        if found:
            place_at[i] = found
            i += found[0]
        else:
            i += 1
    return place_at


@lru_cache(maxsize=100_000)
def _context_word(word: str, language: str) -> str:
    """What the segmenter needs to know of the word before a run: title, locative preposition, German
    determiner or organisation classifier (anything else is irrelevant, so it is dropped to make the run
    cache effective)."""
    folded = fold(word)
    if folded in lexicon.TITLES or folded in lexicon.LOCATIVE_PREPOSITIONS or folded in _GERMAN_DETERMINERS \
            or lexicon.is_org_classifier(word, language):
        return word
    return ""


def _begins_place(tokens: list[_Token], language: str) -> bool:
    """Do the first two to four words of a run name a place?"""
    return any(place_for(tuple(t.text for t in tokens[:width]), language) is not None
               for width in range(2, min(4, len(tokens)) + 1) if not tokens[width - 1].connector)


def _spelled_otherwise(word: str, place: gazetteer.Place) -> bool:
    """Is `word` none of the place's names as written (it matched one only with its accents folded)?"""
    folded = word.casefold()  # not names.fold: it folds the accents away
    return all(name.casefold() != folded for name in (place.name, *place.names))


def _heading_ends(tokens: list[_Token], language: str) -> int | None:
    """Where words written in capitals, one of them an ordinary word ("DOPRAVA", not an acronym such as
    "NATO"), give way to ordinary capitalisation: the index of the first word after them."""
    common = False
    for k, tok in enumerate(tokens):
        word = tok.text
        if tok.connector:
            return None
        if len(word) >= 3 and word.isupper() and word.isalpha():
            common = common or lexicon.is_common_word(word.capitalize(), language)
            continue
        return k if k and common else None
    return None


def _trailing_person(group: list[_Token], head_index: int, language: str) -> list[_Token]:
    """The last two or three words of an organisation's run, if they are words no dictionary knows after
    words it does: a person named right after the organisation."""
    tail: list[_Token] = []
    for tok in reversed(group[head_index + 1 :]):
        known = lexicon.is_dictionary_word(tok.text, language) and not (
            lexicon.proper_kind(tok.text, language) == "PERSON")  # a surname SGJP lists
        if tok.connector or known or gazetteer.lookup(tok.text) or lexicon.org_head(tok.text, language):
            break
        tail.insert(0, tok)
    rest = group[: len(group) - len(tail)]
    if 2 <= len(tail) <= 3 and len(rest) >= 2 and not rest[-1].connector and \
            lexicon.is_dictionary_word(rest[-1].text, language):
        return tail
    return []


def _heads_organisation(tokens: list[_Token], tok: _Token, language: str) -> bool:
    """'General Assembly', 'Supreme Court': a title word right before an organisation head names it."""
    if not lexicon.titles_name_organisations(language):  # elsewhere the title is a person's ("Deputowany Rady")
        return False
    k = tokens.index(tok)
    nxt = next((t for t in tokens[k + 1 :] if not t.connector), None)
    return nxt is not None and nxt is tokens[k + 1] and bool(lexicon.org_head(nxt.text, language)) and \
        not lexicon.is_title(nxt.text)


def _in_capitals_sequence(tokens: list[_Token], tok: _Token) -> bool:
    """'By HANNA ARHIROVA': several words in capitals are a name shouted, not acronyms."""
    k = tokens.index(tok)
    neighbours = [t for t in tokens[max(0, k - 1) : k] + tokens[k + 1 : k + 2] if not t.connector]
    return any(t.text.isupper() and len(t.text) >= 3 and t.text.isalpha() for t in neighbours)


def _split_at_particles(tokens: list[_Token], language: str) -> list[_Token]:
    """'Ursula von der Leyen' is one name; 'Tomáš Dvořáček von der Prager Firma Inspecta Bohemia' is two:
    a name particle joins only a single last word, at the end of the run."""
    out: list[_Token] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if tok.connector and out and not out[-1].connector:
            j = k
            while j < len(tokens) and tokens[j].connector:
                j += 1
            connectors = [fold(t.text) for t in tokens[k:j]]
            since_break: list[_Token] = []
            for t in reversed(out):
                if t.possessive and since_break:
                    break
                since_break.append(t)
            has_head = any(lexicon.org_head(t.text, language) for t in since_break if not t.connector)
            if any(c in _CONJUNCTIONS for c in connectors):
                # inside an organisation's name a conjunction joins its last few words; elsewhere it
                # separates two names
                right = []
                for t in tokens[j:]:
                    if t.connector:
                        break
                    right.append(t)
                keep = has_head and 0 < len(right) <= 3 and j + len(right) == len(tokens) and not any(
                    gazetteer.lookup(t.text) or lexicon.is_title(t.text) or lexicon.org_head(t.text, language)
                    for t in right)
                if not keep:
                    out[-1] = _Token(out[-1].start, out[-1].end, out[-1].text, possessive=True)  # a break
                    k = j
                    continue
            elif all(c in _PARTICLES for c in connectors) and not has_head and j + 1 < len(tokens) and \
                    not any(fold(t.text) in lexicon.PLACE_HEADS for t in since_break):
                out[-1] = _Token(out[-1].start, out[-1].end, out[-1].text, possessive=True)  # a break
                k = j
                continue
        out.append(tok)
        k += 1
    return out


def _possessive_organisation(tokens: list[_Token], language: str) -> tuple[list[_Token], list[_Token]] | None:
    """A run ending "X's Office" where X is no place ("Prosecutor General's Office") is one organisation;
    returns (tokens before it, its tokens). "Russia's Foreign Ministry" is not: Russia is a place."""
    if len(tokens) < 2 or tokens[-1].connector or not lexicon.org_head(tokens[-1].text, language):
        return None
    if not tokens[-2].possessive or gazetteer.lookup(tokens[-2].text) is not None:
        return None
    start = len(tokens) - 2
    while start > 0 and not tokens[start - 1].possessive and not tokens[start - 1].connector:
        start -= 1
    if start > 0 and tokens[start - 1].possessive and gazetteer.lookup(tokens[start - 1].text) is None:
        return None
    if start > 0 and tokens[start - 1].connector:
        return None
    return tokens[:start], tokens[start:]


def _noun_context(previous_word: str) -> bool:
    """Is the word before a German capitalised word one that announces a common noun (an article, a
    possessive, an inflected adjective)?"""
    folded = fold(previous_word)
    return folded in _GERMAN_DETERMINERS or (folded.islower() and folded.endswith(("e", "en", "er", "es", "em"))
                                             and len(folded) > 3)


def _occurrence(index: int, source: _RunText, group: list[_Token], **flags) -> Occurrence:
    start, end = group[0].start, group[-1].end
    return Occurrence(index, start, end, source.text[start:end], tuple(t.text for t in group if not t.connector),
                      source.language, **flags)


def _replace(occurrence: Occurrence, **changes) -> Occurrence:
    copy = occurrence.moved(occurrence.source_index, 0, occurrence.boilerplate)
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


def _is_cyrillic(word: str) -> bool:
    return "\u0400" <= word[:1] <= "\u052f"


def _script_change(tokens: list[_Token]) -> int | None:
    """The index of the first word written in another script than the word before it (Cyrillic / Latin)."""
    previous: _Token | None = None
    for k, tok in enumerate(tokens):
        if tok.connector:
            continue
        if previous is not None and _is_cyrillic(tok.text) != _is_cyrillic(previous.text):
            return k
        previous = tok
    return None


def _is_model_number(word: str) -> bool:
    return word[:1].isdigit()


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _without_leading_numbers(group: list[_Token]) -> list[_Token]:
    """A model number follows a name: one left at the start of a group (its name was cut off) is no name."""
    start = 0
    while start < len(group) and (group[start].connector or _is_model_number(group[start].text)):
        start += 1
    return group if start == 0 else group[start:]


def _trim_connectors(group: list[_Token]) -> list[_Token]:
    start, end = 0, len(group)
    while start < end and group[start].connector:
        start += 1
    while end > start and group[end - 1].connector:
        end -= 1
    return group[start:end]


def _strip_possessive(word: str) -> str:
    if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
        return word[:-2]
    if len(word) > 2 and word[-1] in "'’":
        return word[:-1]
    return word


def _split_hyphenated_places(word: str) -> list[tuple[int, str]]:
    """'Moscow-Kyiv' is two places; 'Kassym-Jomart' stays one name."""
    if "-" not in word and "‐" not in word:
        return [(0, word)]
    parts = re.split(r"[-‐]", word)
    if len(parts) > 1 and all(p[:1].isupper() and gazetteer.lookup(p) is not None for p in parts):
        out, offset = [], 0
        for part in parts:
            out.append((offset, part))
            offset += len(part) + 1
        return out
    return [(0, word)]


def _in_heading(text: str, offset: int, memo: dict[int, bool]) -> bool:
    """Is `offset` on a short title-case line, where capitals do not mark names? (memo: per line start)"""
    window_start = max(0, offset - 300)
    line_start = text.rfind("\n", window_start, offset) + 1
    if line_start in memo:
        return memo[line_start]
    memo[line_start] = answer = _heading_line(text, offset, line_start, window_start)
    return answer


def _heading_line(text: str, offset: int, line_start: int, window_start: int) -> bool:
    line_end = text.find("\n", offset, offset + 300)
    if (line_start == 0 and window_start > 0) or line_end == -1 and offset + 300 < len(text):
        return False  # a line that long is prose, not a heading
    line = text[line_start : line_end if line_end != -1 else len(text)]
    words = [w for w in line.split() if len(w) >= 4 and w[0].isalpha()]
    if not words or len(line.split()) > 15:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.6


# A dateline or an agency's mark before a spaced dash ("Praha - ...", "LONDON (Reuters) – ...", "Москва. 12
# мая. ТАСС — ..."): its words are names, numbers and marks, never a lower-case word of a sentence.
_DATELINE_DASH = re.compile(r"[ \t\u00a0][-–—][ \t\u00a0]+$")
_DATELINE_WORD = re.compile(rf"(?:{_UPPER}\S*|[\d(),./:]+)")
MAX_DATELINE_WORDS = 5
# A date or time stamp run into the text ("10. srpna 2018 Zkrácená adresa", "(Updated: 11:04) Shortened"):
# a year or a clock time ends a heading line, and the next word starts a sentence.
_STAMP_BEFORE = re.compile(r"(?:(?<!\d)(?:1[89]|20)\d\d\)?|\d{1,2}:\d\d\)?)[ \t\u00a0]+$")


def _after_dateline(text: str, end: int, start: int, body_start: int) -> bool:
    """Does the word at `start` follow a dateline's dash (the dash ends at `end`)? Then it opens a sentence."""
    gap = text[end - 1 : start]
    if not _DATELINE_DASH.search(text, max(body_start, end - 2), start) or not any(c in "-–—" for c in gap):
        return False
    line_start = max(body_start, text.rfind("\n", body_start, end) + 1)
    before = text[max(line_start, end - 80) : end]
    sentence = max(before.rfind(". "), before.rfind("! "), before.rfind("? "))
    words = before[sentence + 1 :].split()
    if not words or len(words) > MAX_DATELINE_WORDS or (sentence < 0 and end - 80 > line_start):
        return False
    return all(_DATELINE_WORD.fullmatch(w.strip("\"'„“”«»")) for w in words)


def _after_stamp(text: str, end: int, body_start: int) -> bool:
    """Does the text before `end` close with a year or a clock time (a heading's stamp)?"""
    return _STAMP_BEFORE.search(text, max(body_start, end - 12), end + 1) is not None


def _previous_word(text: str, start: int) -> str:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    end = i + 1
    while i >= 0 and (text[i].isalpha() or text[i] in "'’"):
        i -= 1
    return text[i + 1 : end]


MAX_PLACE_WORDS_RUN_ON = 2
# the longest name (in words) that a sentence-initial word can be seen glued to (NameDetector._glued_to_name)
MAX_NAME_AFTER_INITIAL = 3


def _with_places_run_on(occurrences: list[Occurrence], text: str, language: str,
                        source: Source) -> list[Occurrence]:
    """A place whose name goes on in lower case ("České republiky", "Spojených států", "Обединеното
    кралство"): the capitalised run holds its first word only; the place's whole name is the mention."""
    stems = _multiword_places()
    out = list(occurrences)
    k = 0
    while k < len(out):
        occ = out[k]
        k += 1
        if occ.kind == "ORG" or occ.nested or not occ.tokens or len(occ.tokens) > 3:
            continue
        # (the next word must follow after one blank, not capitalised: two characters tell before a regex,
        # and before the cached fold, which most names would pay for nothing)
        if text[occ.end : occ.end + 1] not in _BLANKS or text[occ.end + 1 : occ.end + 2].isupper() or \
                fold(occ.tokens[0])[:_DECLINED_KEEP] not in stems:
            continue
        following = _words_after(text, occ.end, MAX_PLACE_WORDS_RUN_ON)
        if not following or _capitalised(following[0][2]) or following[0][0] != occ.end + 1:
            continue
        for width in range(len(following), 0, -1):
            place = place_for((*occ.tokens, *(w for _s, _e, w in following[:width])), language)
            if place is None:
                continue
            end = following[width - 1][1]
            inside = [o for o in out if o is not occ and o.start < end and o.end > occ.end]
            if any(o.start < occ.end or o.end > end for o in inside):
                break  # a name crosses the place's end: leave the runs' reading
            grown = _replace(occ, end=end, text=source.text[occ.start : end],
                             tokens=(*occ.tokens, *(w for _s, _e, w in following[:width])), kind="PLACE",
                             place_id=place.id, demonym=False, ordinary_word=False)
            out = [o for o in out if o not in inside]
            out[out.index(occ)] = grown
            k = out.index(grown) + 1
            break
    return out


_POSSESSIVE_GAP = re.compile(r"['’]s?[ \t\u00a0]+$")


def _with_owners_before(occurrences: list[Occurrence], text: str, language: str,
                        source: Source) -> list[Occurrence]:
    """A body every country has, named with its owner before it, is one organisation with the owner:
    "Kazakhstan's Foreign Ministry" (a place and a possessive), "kazachstański MSZ", "казахстанский МИД"
    (a lower-case adjective made from a country's name)."""
    merged: dict[int, Occurrence] = {}
    nested: dict[int, Occurrence] = {}
    for k, occ in enumerate(occurrences):
        if occ.kind != "ORG" or not knowledge.ownerless_scoped(occ.tokens, language):
            continue
        before = occurrences[k - 1] if k > 0 else None
        gap = text[before.end : occ.start] if before is not None else ""
        if before is not None and before.kind == "PLACE" and before.place_id and _POSSESSIVE_GAP.match(gap):
            # the place stays a mention of its own, nested, as the organisation's other places do
            start, owner = before.start, text[before.start : occ.start].strip()
            nested[k - 1] = _replace(before, nested=True, locative=False)
        else:
            owner = _previous_word(text, occ.start)
            start = text.rfind(owner, 0, occ.start) if owner else -1
            if start < 0 or (before is not None and before.end > start) or knowledge.owner_adjective(owner) is None:
                continue
        merged[k] = _replace(occ, start=start, text=source.text[start : occ.end], tokens=(owner, *occ.tokens))
    if not merged:
        return occurrences
    return sorted((merged.get(k) or nested.get(k) or o for k, o in enumerate(occurrences)),
                  key=lambda o: (o.start, -o.end))


def _with_acronym_definitions(occurrences: list[Occurrence], text: str) -> list[Occurrence]:
    """'Organizacji Układu o Bezpieczeństwie Zbiorowym (ODKB)': the acronym names the long name."""
    out = list(occurrences)
    for k in range(1, len(out)):
        current, before = out[k], out[k - 1]
        if _is_acronym(current.text) and len(before.tokens) >= 2 and \
                text[before.end : current.start].strip() == "(" and text[current.end : current.end + 1] == ")":
            out[k] = _replace(current, acronym_of=before.text, kind="ORG")
            if before.kind in (None, "PERSON"):
                out[k - 1] = _replace(before, kind="ORG")
    return out


def _table_organisations(text: str, language: str, occurrences: list[Occurrence], index: int,
                         source: Source) -> list[Occurrence]:
    """The organisation table's names in the article's language (knowledge.find_names) that the runs miss
    or cut short: lower-case words inside ("Programme alimentaire mondial", "Evropské unie"), a lower-case
    start ("tribunale regionale", "dpa"), a German compound read as a common noun. A name inside (or equal
    to) one already found, or crossing one's edge, is left to it; names inside the table's are replaced
    (a place among them stays, nested)."""
    spans = knowledge.find_names(text, language, source.body_start)
    if not spans:
        return occurrences
    out = occurrences
    for start, end in spans:
        if any(o.start < end and o.end > start and not (start <= o.start and o.end <= end and
                                                         (o.start, o.end) != (start, end)) for o in out):
            continue  # inside, equal to, or crossing a name already found
        inside = [o for o in out if start <= o.start and o.end <= end]
        nested = [_replace(o, nested=True, kind="PLACE", locative=False) for o in inside
                  if o.kind == "PLACE" and o.place_id is not None]
        mention = source.text[start:end]
        org = Occurrence(index, start, end, mention, tuple(mention.split()), language, kind="ORG",
                         boilerplate=bool(source.boilerplate) and source.in_boilerplate(start))
        out = sorted([*(o for o in out if not (start <= o.start and o.end <= end)), org, *nested],
                     key=lambda o: (o.start, -o.end))
    return out


# --- organisations written the Slavic way -------------------------------------------------------------------
# "МИД России", "Міністерства закордонних справ Казахстану", "Слідчий комітет РФ", "Министерството на
# външните работи": a head (a capitalised org head, an acronym, or a capitalised adjective before a lower-case
# head), then lower-case words that describe it (the pack's `org_modifiers` rule: genitive nouns and
# adjectives, never a verb), then the owner's name (a place in a case form, or an acronym). The capitalised
# runs see only pieces of it; the whole span is one organisation, the place inside it a nested mention.
MAX_ORG_MODIFIERS = 4
# the characters _NEXT_TEXT_WORD starts with: a word that follows no blank is no word after (_words_after)
_BLANKS = (" ", "\t", "\u00a0")
_NEXT_TEXT_WORD = re.compile(rf"[ \t\u00a0]+({_LETTER}+(?:['’\-‐]{_LETTER}+)*\.?)")


def _words_after(text: str, pos: int, limit: int) -> list[tuple[int, int, str]]:
    """The next `limit` words after `pos` separated by spaces only (no punctuation between)."""
    out: list[tuple[int, int, str]] = []
    while len(out) < limit and (match := _NEXT_TEXT_WORD.match(text, pos)) is not None:
        word = match.group(1)
        end = match.end(1)
        if word.endswith("."):
            if fold(word) not in lexicon.NAME_CONNECTORS:  # "ds." is a word, a full stop ends the phrase
                out.append((match.start(1), end - 1, word[:-1]))
                break
        out.append((match.start(1), end, word))
        pos = end
    return out


def _owner_name(words: list[tuple[int, int, str]], language: str, after_inner: bool
                ) -> tuple[int, gazetteer.Place | None] | None:
    """How many of `words` (capitalised, from the first) name the organisation's owner, and its place:
    an acronym ("РФ"), or a place in a case form ("России", "Российской Федерации"; after an inner word such
    as Bulgarian "на" any form). None if they name no owner."""
    caps = []
    for item in words[:4]:
        if not _capitalised(item[2]):
            break
        caps.append(item)
    if not caps:
        return None
    first = caps[0][2]
    if _is_acronym(first):
        return 1, gazetteer.lookup(first)
    skip = 0
    if len(caps) > 1 and (fold(first) in lexicon.PLACE_HEADS or any(
            fold(lemma) in lexicon.PLACE_HEADS for lemma in lexicon.lemma_candidates(first, language)[:3])):
        skip = 1  # "Республики Казахстан": the place after its head
    for width in range(min(3, len(caps) - skip), 0, -1):
        window = tuple(w for _s, _e, w in caps[skip : skip + width])
        place = place_for(window, language)
        if place is None:
            continue
        if not after_inner and not skip and not _spelled_otherwise(" ".join(window), place) and len(window) == 1:
            return None  # a place as named, no case form: not the owner's genitive ("ČTK Praha")
        return skip + width, place
    return None


def _organisation_span(text: str, language: str, head_start: int, head_end: int, acronym: bool,
                       initial: bool) -> tuple[int, list[tuple[int, int, str]], tuple[int, int] | None,
                                               gazetteer.Place | None] | None:
    """The organisation starting at a head: (end, its words, the owner's span, the owner's place)."""
    if text[head_end : head_end + 1] not in _BLANKS:
        return None  # no word follows the head (_words_after would find none): no owner, no modifiers
    rule = lexicon.org_modifiers(language)
    inner = lexicon.org_inner_words(language)
    following = _words_after(text, head_end, MAX_ORG_MODIFIERS + 4)
    modifiers: list[tuple[int, int, str]] = []
    after_inner = False
    k = 0
    while k < len(following) and len(modifiers) < MAX_ORG_MODIFIERS:
        start, end, word = following[k]
        if _capitalised(word):
            break
        if fold(word) in inner:
            after_inner = True
        elif acronym or not lexicon.may_modify_org(word, language, after_inner):
            break
        else:
            after_inner = False
        modifiers.append((start, end, word))
        k += 1
    owner = _owner_name(following[k:], language, after_inner)
    while modifiers and fold(modifiers[-1][2]) in inner and owner is None:
        modifiers.pop()  # a little word ends no name
    if owner is None and (not modifiers or initial or rule != "genitive"):
        # no owner named: only lower-case words the analyser reads as genitives, mid-sentence, make the name
        # (a dictionary alone cannot tell where they end: "Министерството на външните работи каза")
        return None
    if acronym and owner is None:
        return None
    words = modifiers + (following[k : k + owner[0]] if owner else [])
    end = words[-1][1]
    owner_span = (following[k][0], following[k + owner[0] - 1][1]) if owner else None
    return end, words, owner_span, owner[1] if owner else None


@lru_cache(maxsize=100_000)
def _org_candidates(run_text: str, language: str) -> tuple[tuple[int, int, int, str, bool, bool], ...]:
    """The capitalised words of a run that may open an organisation written the Slavic way: (index among the
    run's capitalised words, start, end, word, acronym?, head?) of an acronym or a head that ends the run
    (a head inside a run: the segmenter names it), and of the run's last word (an adjective before a
    lower-case head). A story repeats its runs: this is what _join_organisations reads of each, once."""
    caps = [t for t in _TOKEN.finditer(run_text) if _capitalised(t.group(0))]
    out = []
    for n, tok in enumerate(caps):
        word = tok.group(0)
        acronym = _is_acronym(word) and gazetteer.lookup(word) is None
        last = n + 1 == len(caps)
        if acronym or lexicon.org_head(word, language):
            if acronym or last:
                out.append((n, tok.start(), tok.end(), word, acronym, True))
            continue
        if last:
            out.append((n, tok.start(), tok.end(), word, False, False))
    return tuple(out)


def _join_organisations(text: str, language: str, runs: list[tuple[str, int, bool, str]],
                        occurrences: list[Occurrence], index: int, source: Source) -> list[Occurrence]:
    """Organisations whose name runs on in lower case or ends in an owner's genitive (see above), in place
    of the pieces the runs gave."""
    spans: list[tuple[int, int, tuple[str, ...], tuple[int, int] | None, gazetteer.Place | None]] = []
    adjectives_known = lexicon.tells_adjectives(language)
    for run_text, base, initial, _context in runs:
        for n, word_start, word_end, word, acronym, is_head in _org_candidates(run_text, language):
            head_start, head_end = base + word_start, base + word_end
            first = n == 0 and initial
            if is_head:
                found = _organisation_span(text, language, head_start, head_end, acronym, first)
                if found is not None:
                    end, words, owner_span, place = found
                    tokens_ = (word, *(w for _s, _e, w in words if fold(w) not in lexicon.org_inner_words(language)))
                    spans.append((head_start, end, tokens_, owner_span, place))
                continue
            # "Слідчий комітет Росії": a capitalised adjective, then a lower-case head (one of the next two
            # words, looked at first: an organisation head is a cached set lookup, an adjective an analysis).
            # Where no analyser tells parts of speech (Czech, Bulgarian) no word is an adjective: the words
            # after the run are not read at all
            if not adjectives_known or text[head_end : head_end + 1] not in _BLANKS or not any(
                    not w[:1].isupper() and lexicon.org_head(w, language)
                    for _s, _e, w in _words_after(text, head_end, 2)):
                continue
            if not lexicon.is_adjective(word, language):
                continue
            nxt = _words_after(text, head_end, 3)
            adjectives = []
            for _s, _e, w in nxt:
                if w[:1].isupper() or lexicon.org_head(w, language) or not lexicon.is_adjective(w, language):
                    break
                adjectives.append((_s, _e, w))
            rest = nxt[len(adjectives):]
            if len(adjectives) > 1 or not rest or rest[0][2][:1].isupper() or \
                    not lexicon.org_head(rest[0][2], language):
                continue
            head = rest[0]
            found = _organisation_span(text, language, head[0], head[1], False, first)
            if found is not None:
                end, words, owner_span, place = found
            elif first:
                continue  # "Российский суд постановил": at a sentence start, an adjective and a noun
            else:
                end, words, owner_span, place = head[1], [], None, None
            all_words = [*adjectives, head, *words]
            tokens_ = (word, *(w for _s, _e, w in all_words if fold(w) not in lexicon.org_inner_words(language)))
            spans.append((head_start, end, tokens_, owner_span, place))
    if not spans:
        return occurrences
    out = list(occurrences)
    for start, end, names, owner_span, place in spans:
        # "Верховна Рада" + "України", "Днем Министерство" + "иностранных дел": the run's organisation
        # ends at the head and goes on here
        glued = next((o for o in out if o.start < start < o.end <= end and o.kind == "ORG"), None)
        if glued is not None:
            start, names = glued.start, (*glued.tokens[:-1], *names)
        inside = [k for k, o in enumerate(out) if o.start >= start and o.end <= end]
        if any(o.start < end and o.end > start and not (o.start >= start and o.end <= end) for o in out):
            continue  # a name crosses the span's edge: leave the runs' reading
        if any(out[k].start == start and out[k].end == end and out[k].kind == "ORG" for k in inside):
            continue  # the runs read it whole already
        boilerplate = bool(source.boilerplate) and source.in_boilerplate(start)
        keep = [o for k, o in enumerate(out) if k not in inside]
        # an owner abbreviated ("МИД РФ", "МЗС РК") is read as part of the body's designation, no mention of
        # the country (as the stories' gold has it); a spelled-out one stays a nested mention
        nested = [_replace(out[k], nested=True, kind="PLACE", locative=False) for k in inside
                  if out[k].kind == "PLACE" and out[k].place_id is not None and not out[k].text.isupper()]
        if owner_span is not None and place is not None and not nested and \
                not source.text[owner_span[0] : owner_span[1]].isupper():
            s, e = owner_span
            nested.append(Occurrence(index, s, e, source.text[s:e], tuple(text[s:e].split()), language,
                                     kind="PLACE", place_id=place.id, boilerplate=boilerplate, nested=True))
        org = Occurrence(index, start, end, source.text[start:end], names, language, kind="ORG",
                         boilerplate=boilerplate)
        out = sorted([*keep, org, *nested], key=lambda o: (o.start, -o.end))
    return out
