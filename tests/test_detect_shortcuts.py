"""The detection stage's shortcuts answer as the plain computations they replace: the case endings tried by
the word's last letter, the table names found through the words already seen, the Cyrillic test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine import knowledge, languages, lexicon
from tui.engine.names import has_cyrillic


def _all_endings(word: str, language: str) -> list[tuple[str, tuple[str, ...]]]:
    """_undo_endings as a scan over every ending of the pack."""
    endings, keep = lexicon.case_endings(language)
    found = []
    lower = word.lower()
    for ending, replacements in endings:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            found.append((word[: len(word) - len(ending)], replacements))
            if ending not in keep:
                break
    return found


_WITH_ENDINGS = sorted(code for code in languages.codes() if lexicon.case_endings(code)[0])
_LETTERS = st.sampled_from(list("abcdeiouyjklmnrsvzčšžąęłóийкоуьяєіїъ") + ["İ", "A", "Ó", "Я"])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_WITH_ENDINGS), st.lists(_LETTERS, max_size=9).map("".join))
def test_endings_by_last_letter_are_the_full_scan(language, word):
    assert lexicon._undo_endings(word, language) == _all_endings(word, language)


def test_every_ending_of_every_pack_is_undone_as_by_the_full_scan():
    for language in _WITH_ENDINGS:
        for ending, _replacements in lexicon.case_endings(language)[0]:
            for word in ("Kowal" + ending, ("Трамп" + ending).upper(), "Ab" + ending, "Novák" + ending + "a"):
                assert lexicon._undo_endings(word, language) == _all_endings(word, language), (word, language)


def test_a_table_name_is_found_in_a_second_text_whose_words_the_first_had():
    first = "Die Vereinten Nationen tagten. Das Welternährungsprogramm half."
    second = "Gestern sagte das Welternährungsprogramm, die Vereinten Nationen tagten."
    fresh = knowledge.find_names(second, "de")
    knowledge._seen_words.clear()
    knowledge.find_names(first, "de")  # every word of the second text but two now seen
    assert knowledge.find_names(second, "de") == fresh
    assert [second[s:e] for s, e in fresh] == ["Welternährungsprogramm", "Vereinten Nationen"]


def test_forgetting_the_seen_words_changes_no_answer(monkeypatch):
    text = "Das Welternährungsprogramm und die Vereinten Nationen."
    expected = knowledge.find_names(text, "de")
    monkeypatch.setattr(knowledge, "_MAX_SEEN", 0)  # every text past the first forgets the others
    assert knowledge.find_names("Ein anderer Satz.", "de") == []
    assert knowledge.find_names(text, "de") == expected


@given(st.text(alphabet=st.sampled_from(list("aZ ё\u0400\u04ffЯ\u0500ḁ'-") + ["\u03a9"]), max_size=12))
def test_has_cyrillic_is_a_letter_of_the_block(text):
    assert has_cyrillic(text) == any("\u0400" <= ch <= "\u04ff" for ch in text)


def test_only_a_language_whose_analyser_tells_parts_of_speech_has_adjectives():
    # the organisation joiner skips the adjective reading where tells_adjectives is False
    assert lexicon.tells_adjectives("ru") and lexicon.tells_adjectives("uk") and lexicon.tells_adjectives("pl")
    for language, words in (("cs", ("Nejvyšší", "Ústavní", "Krajský")), ("bg", ("Върховният", "Софийски"))):
        assert not lexicon.tells_adjectives(language)
        assert not any(lexicon.is_adjective(word, language) for word in words)
    assert lexicon.is_adjective("Верховный", "ru")


def _listed(lines: list[tuple[str, bool]], fence: int, monkeypatch):
    from tui.engine import wordlists

    monkeypatch.setattr(wordlists, "_FENCE", fence)
    words = wordlists.WordList.__new__(wordlists.WordList)
    words._data = b"".join(sorted(f"{form}\t{int(flag)}\n".encode() for form, flag in lines))
    words._fence_lists, words._dictionary = None, None
    return words


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(alphabet="abAęжя ", min_size=1, max_size=5), st.booleans(), max_size=80),
       st.lists(st.text(alphabet="abAęжя ", min_size=1, max_size=6), max_size=20),
       st.sampled_from([1, 7, 64, 10**9]))
def test_a_word_list_answers_as_a_dictionary_of_its_lines(lines, others, fence):
    with pytest.MonkeyPatch.context() as monkeypatch:
        words = _listed(list(lines.items()), fence, monkeypatch)
        for form in [*lines, *others, ""]:
            assert words.get(form) == lines.get(form), (form, fence)
