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

from .language import borrowed
from .names import fold

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


def _dictionary(word: str, language: str) -> bool | None:
    """None if not a dictionary form of `language`; else whether its lemma is lower-case."""
    from .wordlists import word_list

    return word_list(language).get(word)


SIMPLEMMA_LANGUAGES = {"en", "de", "fr", "es", "it", "pt", "nl", "cs", "sk", "sv", "da", "fi", "hu", "ro", "hr",
                       "sl", "lt", "lv", "et", "tr", "ca", "nb"}


@lru_cache(maxsize=200_000)
def is_common_word(word: str, language: str) -> bool:
    """True if `word` (as capitalised at a sentence start) is an ordinary word of `language`.

    Proper nouns in the dictionaries (simplemma lists 'Kazakhstan', morfeusz labels 'Astana') are not common.
    """
    lower = word.lower()
    if lower in FUNCTION_WORDS.get(language, ()) or lower in _ALL_FUNCTION_WORDS:
        return True
    if language == "pl":
        # a common noun or verb in lower case ("osoby", "władze") is a common word even if some surname
        # is spelled the same ("Osoba"); names such as "Astana" have no lower-case common reading
        return any(pos != "ign" and not _PROPER_LABELS.intersection(labels) and not lemma[:1].isupper()
                   for lemma, pos, labels in polish_analyses(lower))
    if language not in SIMPLEMMA_LANGUAGES:
        return False
    if language == "de":
        # German capitalises every noun; a dictionary noun at a sentence start is a noun, unless
        # it is also a name elsewhere in the story (the caller checks that evidence).
        return _dictionary(word, "de") is not None or _dictionary(lower, "de") is not None
    return _dictionary(lower, language) is True


@lru_cache(maxsize=200_000)
def is_dictionary_word(word: str, language: str) -> bool:
    """True if the exact capitalised form is in the dictionary at all (German nouns, but also 'Scholz')."""
    if language == "pl":
        return any(pos != "ign" for _, pos, _ in polish_analyses(word))
    if language not in SIMPLEMMA_LANGUAGES:
        return False
    return _dictionary(word, language) is not None


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
# For names morfeusz does not know (most foreign surnames), the case ending is undone by rule; every
# candidate is kept and the linker keeps the one the story itself (or the gazetteer) confirms.
_PL_ENDINGS: list[tuple[str, tuple[str, ...]]] = [
    ("skiego", ("ski",)), ("skiemu", ("ski",)), ("skim", ("ski", "ska")), ("ckiego", ("cki",)), ("ckiemu", ("cki",)),
    ("ckim", ("cki",)), ("dzkiego", ("dzki",)), ("skiej", ("ska",)), ("ską", ("ska",)), ("ckiej", ("cka",)),
    ("cką", ("cka",)), ("enki", ("enko",)), ("ence", ("enko",)), ("enką", ("enko",)), ("enkę", ("enko",)),
    ("owi", ("", "o")), ("ewi", ("",)), ("iem", ("",)), ("em", ("", "o")), ("ami", ("",)),
    ("owej", ("owa",)), ("ego", ("y", "i")), ("iej", ("ia",)), ("ej", ("a",)),
    ("owa", ("ow", "owa")), ("ewa", ("ew", "ewa")), ("ina", ("in", "ina")), ("yna", ("yn", "yna")),
    ("owej", ("owa",)), ("ową", ("owa",)), ("ewej", ("ewa",)), ("ową", ("owa",)),
    ("ca", ("ec",)), ("ka", ("ek", "ka", "k")), ("ki", ("ko", "ka", "ek")), ("ku", ("ek", "k")),
    ("ji", ("ja",)), ("ii", ("ia",)), ("ią", ("ia",)), ("ję", ("ja",)), ("ią", ("ia",)),
    ("dzie", ("da", "d")), ("cie", ("ta", "t")), ("rze", ("ra", "r")), ("le", ("la", "l")), ("nie", ("na", "n")),
    ("sie", ("sa", "s")), ("wie", ("wa", "w")), ("mie", ("ma", "m")), ("pie", ("pa", "p")), ("bie", ("ba", "b")),
    ("zie", ("za", "z")), ("ście", ("sta",)), ("ce", ("ka", "ca")), ("dze", ("ga",)),
    ("owie", ("",)), ("a", ("", "o")), ("u", ("",)), ("y", ("a", "")), ("i", ("a", "")), ("ę", ("a",)),
    ("ą", ("a",)), ("ie", ("", "a")), ("e", ("a", "")), ("o", ("",)),
]


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
    lower = word.lower()
    for ending, replacements in _PL_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            stem = word[: len(word) - len(ending)]
            for repl in replacements:
                out[stem + repl] = None
            if ending not in ("a", "u", "y", "i", "e", "o", "ie"):
                break  # a long ending that matched is the ending; the one-letter ones may all be right
    out.pop(word, None)
    return tuple(out)


_LEMMA_RULES = ("pl", "de", "cs", "sk")


def lemma_candidates(word: str, language: str) -> tuple[str, ...]:
    """Possible dictionary forms of a name word (without the word itself); a language without endings of its
    own undoes those of a close relative's (language.RELATIVES: Slovene ones as Czech)."""
    language = borrowed(language, _LEMMA_RULES) or language
    if language == "pl":
        return polish_lemma_candidates(word)
    if language == "de" and len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return (word[:-1],)  # Selenskyjs -> Selenskyj (German genitive)
    if language in ("cs", "sk") and len(word) > 3:
        return czech_lemma_candidates(word)
    return ()


# --- Czech (and Slovak) name inflection -------------------------------------------------------------------
# Czech declines foreign names too: "Charčenka", "s Charčenkem", "Lorenteho", "Kozlovského", "v Ostravě",
# and makes women's surnames with -ová ("Ševčuková", "Tkačenková", "Marchettiová"; a Russian -ova name
# becomes -ovová). Endings are undone by rule, every candidate kept, the likeliest first.
_CS_ENDINGS: list[tuple[str, tuple[str, ...]]] = [
    ("ského", ("ský", "skij")), ("skému", ("ský", "skij")), ("ském", ("ský", "skij")), ("ským", ("ský", "skij")),
    ("ckého", ("cký",)), ("ckému", ("cký",)), ("ckém", ("cký",)), ("ckým", ("cký",)),
    ("ého", ("ý", "ij")), ("ému", ("ý", "ij")), ("ém", ("ý",)), ("ým", ("ý",)),
    ("ovou", ("ová",)), ("ové", ("ová", "ov", "ová")),
    ("eho", ("e",)), ("iho", ("i",)), ("ímu", ("í",)), ("emu", ("e",)), ("imu", ("i",)),
    ("ovi", ("", "o", "a")), ("kem", ("ko", "k")), ("em", ("", "o")), ("ou", ("a",)), ("ii", ("ie",)),
    ("ě", ("a", "")), ("u", ("", "o", "a")), ("y", ("a", "")), ("a", ("", "o")), ("i", ("", "a", "e")),
    ("e", ("a", "")),
]


@lru_cache(maxsize=200_000)
def czech_lemma_candidates(word: str) -> tuple[str, ...]:
    """Possible nominatives of a Czech name form, best first ("Ševčukové" -> "Ševčuková" -> "Ševčuk")."""
    found: list[str] = []
    lower = word.lower()
    for ending, replacements in _CS_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            stem = word[: len(word) - len(ending)]
            if stem.lower().endswith("nk") and "o" in replacements:
                replacements = ("o", *replacements)  # -enko, -ko names: Charčenka, Charčenkovi -> Charčenko
            found += [stem + repl for repl in replacements]
            if len(ending) > 1:
                break  # a long ending that matched is the ending; the one-letter ones may all be right
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
# General vocabulary of news writing in our languages: titles that stand before a name, heads that make a
# capitalised run an organisation, and little words that may join the parts of one name.

def _words(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in text.split())


TITLES = _words("""
president vice-president prime minister deputy ambassador envoy chancellor secretary general spokesman
spokeswoman spokesperson senator governor mayor chairman chairwoman chair director head chief commander
mr mrs ms miss dr prof professor sir lady lord king queen prince princess pope cardinal bishop archbishop
pastor father sister general colonel major captain lieutenant sergeant admiral marshal judge justice
premier president-elect ex-president former acting
captain lawmaker mp lawyer attorney analyst expert economist journalist reporter correspondent editor ceo
founder owner inspector investigator prosecutor coach skipper
kapitan kapitana kapitanem deputowany deputowana deputowanego poseł posłanka posła prawnik prawniczka adwokat
analityk ekspert ekonomista dziennikarz dziennikarka korespondent redaktor inspektor prokurator śledczy
kapitän abgeordnete abgeordneter anwalt anwältin rechtsanwalt rechtsanwältin analyst analystin experte expertin
journalist journalistin korrespondent korrespondentin inspekteur inspektor staatsanwalt staatsanwältin
capitaine député députée avocat avocate analyste expert experte économiste journaliste correspondant
correspondante rédacteur inspecteur inspectrice procureur enquêteur
prezydent prezydenta prezydentem premier premiera minister ministra ministrem wiceminister wicepremier
ambasador ambasadora ambasadorem rzecznik rzeczniczka rzecznika szef szefowa szefa marszałek kanclerz
pan pani panem generał pułkownik papież król królowa książę senator gubernator burmistrz prezes
präsident präsidentin präsidenten ministerin kanzler kanzlerin bundeskanzler bundeskanzlerin
bundespräsident botschafter botschafterin sprecher sprecherin außenminister aussenminister regierungschef
herr frau dr. papst könig königin staatschef
président présidente ministre premier-ministre ambassadeur ambassadrice porte-parole chancelier
chancelière monsieur madame mme m. pape roi reine secrétaire général générale maire gouverneur
presidente ministro ministra embajador portavoz señor señora canciller
prezident ministr velvyslanec mluvčí
""")
# Heads that make a capitalised run an organisation: whole words (plural and genitive endings allowed)
ORG_HEAD_WORDS = _words("""
ministry ministries committee embassy office council association organization organisation union agency
party bank company corporation inc ltd llc plc university institute court parliament assembly government
department service foundation army forces police commission federation front movement alliance coalition
duma rada senate congress cabinet fund group network radio television tv times post news journal
herald tribune gazette telegraph guardian press review observer chronicle bureau board authority
administration directorate guard navy airlines airways railways club league academy school hospital
church centre center corps brigade battalion regiment division mission
shipping trans holding holdings logistics gmbh ag sa spa plc nv bv oy ab courier ledger monitor daily weekly
express mirror standard independent record dispatch bulletin digest wire today pravda izvestia
dziennik kurier tygodnik przegląd zeitung rundschau anzeiger tagblatt blatt presse courrier quotidien
dépêche écho soir matin
rada rady radzie radę radą unia unii sejm sejmu senat senatu rząd rządu bank banku
ministerium botschaft ausschuss komitee rat union organisation partei bank agentur gericht bundestag bundesrat
regierung universität institut stiftung kommission zeitung dienst amt behörde staatsanwaltschaft polizei armee
ministère comité ambassade conseil union organisation parti banque agence cour tribunal assemblée gouvernement
université institut fondation commission service journal parquet police armée
ministerio comité embajada consejo partido agencia tribunal gobierno universidad
guardia policía fiscalía audiencia sociedad empresa
ministero procura tribunale governo agenzia polizia società consiglio
ministério polícia agência governo tribunal sociedade empresa
ministerie rechtbank politie regering agentschap
ministerstvo soud policie vláda úřad agentura společnost
""")
# ... and Polish stems, which carry case endings (Ministerstwa, Komitetu, Ambasady, Organizacji)
ORG_HEAD_STEMS = tuple(sorted(_words("""
ministerstw komitet ambasad urzęd urząd organizacj związk związek stowarzyszen parti agencj sąd sądu
uniwersytet instytut fundacj komisj służb gazet policj armi wojsk prokuratur kancelari zgromadzeni
"""), key=len, reverse=True))
# Organisations whose name is a title rather than a description: a place inside them is not a mention
# of the place ("The Moscow Times" says nothing about Moscow).
OPAQUE_ORG_HEADS = _words("times post news journal herald tribune gazette telegraph guardian press review "
                          "observer chronicle radio television tv airlines airways club gazeta zeitung courier "
                          "ledger monitor daily weekly express mirror standard independent record dispatch "
                          "bulletin digest wire today dziennik kurier tygodnik przeglad rundschau anzeiger "
                          "tagblatt blatt presse courrier quotidien depeche echo soir matin shipping trans "
                          "holding holdings logistics gmbh ag sa spa nv bv")
# Heads of geographic names: a run with one of these is a place even when the gazetteer lacks it
# ("Black Sea", "Morze Czarne", "Schwarzes Meer", "Golfe de Gascogne")
GEO_HEADS = _words("sea ocean river lake mountains mountain bay gulf strait straits island islands peninsula valley "
                   "desert canal channel coast basin plateau "
                   "morze morza morzu morzem ocean oceanu rzeka rzeki jezioro jeziora góry gór zatoka zatoki "
                   "cieśnina cieśniny wyspa wyspy półwysep półwyspu dolina kanał wybrzeże "
                   "meer meeres see fluss gebirge bucht golf meerenge insel inseln halbinsel tal kanal küste "
                   "mer océan fleuve rivière lac mont monts golfe détroit île îles péninsule vallée canal côte")
# Words that turn a following "of X" into the place X ("Republic of Kazakhstan" is Kazakhstan).
PLACE_HEADS = _words("republic kingdom state principality federation region oblast province county district "
                     "republika królestwo obwód województwo republik königreich oblast république royaume "
                     "région république")
# Little words that may stand between two capitalised words of one name ("Ministry of ...", "Ursula von
# der Leyen"). Conjunctions are handled apart by the detector: they join only inside organisation names.
NAME_CONNECTORS = frozenset({"of", "the", "for", "de", "du", "des", "la", "le", "von", "vom", "zu", "zur",
                             "der", "van", "den", "o", "del", "della", "di", "da", "al", "el", "bin", "ibn",
                             "ben", "abu", "d'", "l'", "für", "pour", "dla", "ds", "ds."})
DIRECTIONS = {
    "north": "NORTH", "northern": "NORTH", "południe": "SOUTH", "south": "SOUTH", "southern": "SOUTH",
    "east": "EAST", "eastern": "EAST", "west": "WEST", "western": "WEST", "central": "CENTRAL",
    "północny": "NORTH", "północna": "NORTH", "północnej": "NORTH", "północnego": "NORTH", "północnym": "NORTH",
    "południowy": "SOUTH", "południowa": "SOUTH", "południowej": "SOUTH", "południowego": "SOUTH",
    "południowym": "SOUTH", "południową": "SOUTH",
    "wschodni": "EAST", "wschodnia": "EAST", "wschodniej": "EAST", "wschodniego": "EAST",
    "zachodni": "WEST", "zachodnia": "WEST", "zachodniej": "WEST", "zachodniego": "WEST",
    "środkowy": "CENTRAL", "środkowa": "CENTRAL", "środkowej": "CENTRAL", "środkowego": "CENTRAL",
    "nord": "NORTH", "sud": "SOUTH", "est": "EAST", "ouest": "WEST", "centrale": "CENTRAL",
    "süd": "SOUTH", "nördlich": "NORTH", "südlich": "SOUTH", "ost": "EAST", "zentral": "CENTRAL",
    "norte": "NORTH", "sur": "SOUTH", "este": "EAST", "oeste": "WEST",
}
# ("z"/"ze" and "à" are left out: they also mean "with" and "to" before people)
LOCATIVE_PREPOSITIONS = _words("in to from at near into across towards toward via w we do na pod przy "
                               "nach aus bei im ins vom zum zur en au aux vers dans depuis desde hacia")
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _words("the a an in on at of for to from by with as and or but if when while after before since "
                 "during this that these those it its he she we they i you his her their our your my there "
                 "here what which who whom whose why how all some many most more no not also even earlier "
                 "later then yet so thus however meanwhile according"),
    "pl": _words("w we na z ze do od po przed przez za i a ale oraz lub czy to ten ta te tego tej jak jest są "
                 "był była było nie tak już także również jednak według wówczas gdy kiedy"),
    "de": _words("der die das den dem des ein eine einer eines einem einen und oder aber in im am an auf aus "
                 "bei mit nach seit von vor zu zum zur über unter für gegen ohne um es er sie wir ihr ich laut "
                 "nachdem als wenn weil doch auch noch schon dies diese dieser dieses"),
    "fr": _words("le la les l' un une des du de d' et ou mais dans en au aux à par pour sur sous avec sans "
                 "selon depuis après avant pendant ce cette ces il elle ils elles nous vous je on qui que quand "
                 "lors"),
}
_ALL_FUNCTION_WORDS = frozenset({"the", "der", "die", "das", "le", "la", "les", "el", "il"})

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
_TITLE_COMPOUND = re.compile(r"(minister|ministerin|prasident|prasidentin|kanzler|kanzlerin|sprecher|sprecherin|"
                             r"meister|meisterin|botschafter|botschafterin|sekretar|sekretarin|direktor|direktorin|"
                             r"vorsitzende|vorsitzender|chef|chefin|general)$")


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
    if language != "pl":
        return None
    for stem in ORG_HEAD_STEMS:
        if folded.startswith(stem) and len(folded) - len(stem) <= 4:
            return stem
    return None
