"""Shortcuts linking and evidence take for speed give the answers of the long way round.

- linking._neighbours reads the word before an occurrence from the reversed text; it must be what searching
  the 30 characters before it finds, newlines, apostrophes, long words and gaps included.
- linking._linked_place skips phrases whose first word begins no link-only spelling in any of its forms; the
  answer must be that of asking the gazetteer for every combination.
- detection._runs searches from a little before the next capital; the runs must be those of searching on.
"""

from __future__ import annotations

import itertools
import random
import re
from types import SimpleNamespace

from tui.engine import detection, gazetteer, lexicon, linking
from tui.engine.detection import Occurrence

_BEFORE = re.compile(r"(\w+)(['’]|[^\S\n]+)$")
_AFTER = re.compile(r"^[^\S\n]+(\w+)")


def _searched(text: str, start: int, end: int) -> tuple[tuple[str, bool] | None, str | None]:
    before = _BEFORE.search(text, max(0, start - 30), start)
    after = _AFTER.match(text[end : end + 30])
    return ((before.group(1), before.group(2) in "'’") if before else None), (after.group(1) if after else None)


def _texts() -> list[str]:
    pieces = ["Haya", "la", "L'", "dell’", " ", "  ", "\t", "\n", "\u00a0", "x" * 40, "Mer", ",", "é", "1", "_",
              "'", "’", "Kyjev", "Морe", "\r"]
    rng = random.Random(12)
    texts = ["La Haya", "in den Haag and more", "dell'Aia", "word \nHaya", "word\n Haya", " \n\nHaya",
             "a" * 50 + " Haya " + "b" * 50, "Haya"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    return texts


def _occurrence(text: str, start: int, end: int) -> Occurrence:
    return Occurrence(0, start, end, text[start:end], (text[start:end],), "en")


def test_neighbours_are_those_of_searching_the_text_around_the_occurrence() -> None:
    for text in _texts():
        source = SimpleNamespace(text=text)  # all _neighbours reads of a source
        for start, end in {(m.start(), m.end()) for m in re.finditer(r"\w+", text)} | {(0, 0), (len(text),) * 2}:
            before, after = linking._neighbours([source], {}, _occurrence(text, start, end))
            got = ((before[0], before[1] in "'’") if before else None), after
            assert got == _searched(text, start, end), (text, start)


def _every_combination(words: tuple[str, ...], language: str) -> gazetteer.Place | None:
    place = gazetteer.link_lookup(" ".join(words))
    if place is not None:
        return place
    options = [(w, *lexicon.lemma_candidates(w, language)[:4]) for w in words]
    for combo in itertools.islice(itertools.product(*options), 64):
        place = gazetteer.link_lookup(" ".join(combo))
        if place is not None:
            return place
    return None


def test_a_phrase_skipped_by_its_first_word_names_no_place_by_any_combination() -> None:
    phrases = [("mer", "Noire"), ("la", "Haya"), ("Morze", "Czarne"), ("Morzu", "Czarnym"), ("said", "Janov"),
               ("Janov", "said"), ("Den", "Haag"), ("Obwód", "charkowski"), ("Чорне", "море"), ("Черно", "море"),
               ("w", "Genui"), ("New", "York"), ("St", "Petersburg"), ("-", "x"), ("x", "-"), ("a b", "c")]
    for language in ("en", "pl", "uk", "cs", "fr", "es", "bg", "de"):
        for words in phrases:
            got = linking._linked_place(words, language, False)
            want = _every_combination(words, language)
            assert (got.id if got else None) == (want.id if want else None), (words, language)


def test_may_begin_link_phrase_is_link_lookups_own_first_word_test() -> None:
    assert gazetteer.may_begin_link_phrase("Morze")
    assert gazetteer.may_begin_link_phrase("a b")  # not a word: not decided by its first word
    assert not gazetteer.may_begin_link_phrase("qqqqzz")
    for word in ("said", "qqqqzz", "Putin", "zzzz"):
        if not gazetteer.may_begin_link_phrase(word):
            for more in ("Janov", "Haag", "Noire", "море"):
                assert gazetteer.link_lookup(f"{word} {more}") is None


def test_runs_searched_from_before_the_next_capital_are_those_of_searching_on(monkeypatch) -> None:
    def runs_searching_on(text: str, start: int) -> list[tuple[int, int]]:
        with monkeypatch.context() as patched:  # "the next capital" is the next character: RUN searched on
            patched.setattr(detection, "_FIRST_CAPITAL", re.compile(r"(?s)."))
            return [m.span() for m in detection._runs(text, start)]

    pieces = ["easyJet", "iPhone", "bTV", "mRNA", "d'Ukraine", "L’OLAF", "Kyiv", "la", " ", "  ", "\n", ".",
              "Boeing 737", "-800", "A320", "Money.pl", "ab", "Ž", "ž", "McDonald", "x", "'"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 20)))
        start = rng.randint(0, len(text))
        assert [m.span() for m in detection._runs(text, start)] == runs_searching_on(text, start), (text, start)


def test_a_word_that_begins_or_ends_no_link_phrase_makes_none_with_any_neighbour() -> None:
    neighbours = ["mer", "la", "Morze", "Czarne", "_", "-", "said", "Den", "Haag", "море", "Чорне", "x y", ""]
    words = ["Haag", "Haya", "Noire", "Morze", "Czarne", "Janov", "Genua", "qqqqzz", "Putin", "море", "_", "Den"]
    for word in words:
        if gazetteer.begins_no_link_phrase(word):
            assert all(gazetteer.link_lookup(f"{word} {more}") is None for more in neighbours), word
        if gazetteer.ends_no_link_phrase(word):
            assert all(gazetteer.link_lookup(f"{more} {word}") is None for more in neighbours), word
    assert not gazetteer.begins_no_link_phrase("Morze") and not gazetteer.ends_no_link_phrase("Czarne")
    assert not gazetteer.begins_no_link_phrase("Janov")  # a name by itself: "Janov _" is looked up as "janov"
    assert gazetteer.begins_no_link_phrase("qqqqzz") and gazetteer.ends_no_link_phrase("qqqqzz")


def test_a_phrase_folds_to_its_words_foldings_joined() -> None:
    # what begins_no_link_phrase and ends_no_link_phrase rely on
    for a, b in [("Côte", "d’Ivoire"), ("e\u0301", "\u0301x"), ("ǅ", "ß"), ("_", "Janov"), ("Janov", "__"), ("a-b", "c")]:
        assert gazetteer.fold(f"{a} {b}") == " ".join(w for w in (gazetteer.fold(a), gazetteer.fold(b)) if w)


def test_proving_a_mention_alone_gives_the_place_reading_every_neighbour_gives() -> None:
    text = ("w Haga i w Hadze. Den Haag, la Haya, dell'Aia, l’Aia, L'\nAia and Haag; mer Noire, Noire again, "
            "Aia in Aia, Putin said Putin")
    source = SimpleNamespace(text=text)
    for word in ("Haag", "Haya", "Aia", "Noire", "Putin", "Haga", "Hadze"):
        for language in ("en", "it", "pl", "fr", "es", "nl"):
            form = linking._make_form((word,), language)
            form.occurrences = [_occurrence(text, m.start(), m.end()) for m in re.finditer(word, text)]
            slow = linking._place_by_neighbours(form, [source], {}, False)
            fast = linking._place_by_neighbours(form, [source], {}, True)
            assert (slow.id if slow else None) == (fast.id if fast else None), (word, language)
