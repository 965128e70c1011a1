"""Guess the language of an article: a fast stopword and letter scorer.

News articles are long and written in running prose, so counting a language's commonest function words
(plus letters only that language uses) over the first few thousand characters is both accurate and cheap:
a few precompiled regex passes over a bounded sample, no model to load. Returns ISO 639-1 codes, or "und".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

UNDETERMINED = "und"
SAMPLE_CHARS = 3000

# The commonest function words of each language. Words shared between languages score for each of them;
# the distinctive ones (and the letters below) decide.
_STOPWORDS: dict[str, str] = {
    "en": "the a and of to in is that for it with as was on be by this are from at or an have has had not but "
    "which they he she his her their were been would will said who its after about into than more also",
    "pl": "i w z na się nie do to że jest o od po jak ale za co przez dla oraz jego jej ich który która które "
    "którzy tym tego być był była było były także również już może tak czy przed pod przy został została "
    "według tylko bardzo roku ze we są",
    "de": "der die das und ist nicht ein eine einen einem einer zu den dem des mit sich auf für von im auch es "
    "sie er wir ihr aber nach wie bei aus wird werden wurde hat haben nur oder noch dass über vor sind war "
    "kann sein zum zur am um ins diese dieser sei seien habe ihre ihren ihrem wenn bis durch gegen unter "
    "zwischen sagte gibt",
    "fr": "le la les de des du un une et est en que qui dans pour pas sur au aux avec ce cette il elle ils "
    "sont par plus ne se son sa ses ont été mais comme leur nous vous selon aussi où lors",
    "es": "el la los las de del y en que un una es por con para no se su sus al lo como más pero fue ha han "
    "este esta entre también según sobre desde muy ya hasta porque cuando ser son",
    "it": "il lo la gli le di del della dei delle e è un una che in per con non si da al alla sono ha hanno "
    "anche come più ma questo questa nel nella stato essere dopo secondo tra fra ancora degli",
    "cs": "a je se na v ve že to s z do o k by jako ale jsou byl byla bylo byli jeho její jejich který která "
    "které také není podle už před při pro po od tak jen jsme jsem mezi když aby",
    "nl": "de het een en van in is dat op te zijn voor met niet die aan er ook als bij door maar om werd "
    "worden wordt naar heeft hebben was uit tot nog dan wel deze dit over zich hij zij geen zei zal kan wat "
    "ze haar hun volgens tijdens",
    "pt": "o a os as de do da dos das e em no na nos nas um uma que é por para com não se ao mais como mas "
    "foi ser seu sua pelo pela também segundo entre são está já ele ela isso muito",
    "uk": "і й та що не на в у з до від як це за про його її їх який яка які також було був була були але "
    "або після під через між він вона вони ми ще вже тому щоб цього якщо із",
    "ru": "и в на не что с по это как из от за о у к он она они его ее её их который которая которые также "
    "было был была были но или после под через между мы еще ещё уже чтобы если для только",
}

# Letters that (nearly) only one of our languages uses, with a weight: a letter is worth less than a word
# because a foreign name ("Łódź" in an English article) should not outvote the prose around it.
_LETTERS: dict[str, tuple[str, float]] = {}
for _lang, _chars, _weight in (
    ("pl", "ąęłńśźż", 0.5),
    ("cs", "ěřůťďň", 0.5),
    ("de", "ßäöü", 0.3),
    ("fr", "çêëîïœûùâ", 0.3),
    ("es", "ñ¿¡", 0.5),
    ("pt", "ãõ", 0.5),
    ("it", "ìò", 0.3),
    ("uk", "іїєґ", 1.0),
    ("ru", "ыэъё", 1.0),
    ("be", "ў", 3.0),
    ("kk", "әғқңөұүһ", 3.0),
):
    for _ch in _chars:
        _LETTERS[_ch] = (_lang, _weight)

_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words.split():
        _WORD_LANGS[_w] = _WORD_LANGS.get(_w, ()) + (_lang,)

_LETTER_RE = re.compile("[" + "".join(_LETTERS) + "]")
_CYRILLIC_LANGS = frozenset({"uk", "ru", "be", "kk"})
# Plain \w+ is the fastest word regex; digits or underscores it lets through never match a stopword.
_WORD_RE = re.compile(r"\w+")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
# Other scripts: decided by script alone (we carry no stopwords for them).
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language `text` is (mostly) written in, or "und" when it cannot tell."""
    sample = unicodedata.normalize("NFC", text[:SAMPLE_CHARS]).lower()
    # Most articles are in one script: searching is cheaper than counting, so count only when both occur.
    has_latin = _LATIN_RE.search(sample) is not None
    has_cyrillic = _CYRILLIC_RE.search(sample) is not None
    if not has_latin and not has_cyrillic:
        return _by_script(sample)
    if has_latin and has_cyrillic:
        want_cyrillic = len(_CYRILLIC_RE.findall(sample)) > len(_LATIN_RE.findall(sample))
    else:
        want_cyrillic = has_cyrillic
    scores: defaultdict[str, float] = defaultdict(float)
    for word, count in Counter(_WORD_RE.findall(sample)).items():
        for lang in _WORD_LANGS.get(word, ()):
            scores[lang] += count
    for ch, count in Counter(_LETTER_RE.findall(sample)).items():
        lang, weight = _LETTERS[ch]
        scores[lang] += weight * count
    candidates = {lang: s for lang, s in scores.items() if (lang in _CYRILLIC_LANGS) == want_cyrillic and s > 0}
    if not candidates:
        return UNDETERMINED
    # max() over a dict keeps the first of equal scores; sort for a stable, input-order-free tie-break.
    return max(sorted(candidates), key=lambda lang: candidates[lang])


def _by_script(sample: str) -> str:
    best, best_count = UNDETERMINED, 0
    for lang, pattern in _SCRIPTS:
        count = len(pattern.findall(sample))
        if count > best_count:
            best, best_count = lang, count
    return best
