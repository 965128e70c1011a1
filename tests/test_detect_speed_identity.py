"""The speed-ups of name detection keep what is found (our own sentences): a table name is found only where it
stands as a whole word of the text, however often the text holds its letters inside other words."""

import pytest

from tui.engine import knowledge


@pytest.mark.parametrize(("text", "language", "expected"), [
    # the letters of "dpa" inside words ("Sdpa", "dpa2x", "l'dpa") and as a word, twice
    ("Die Sdpa-Meldung und dpa2x: dpa meldet, dpa bestätigt.", "de", ["dpa", "dpa"]),
    # a word glued to digits before it is still a word of its own ("2dpa" reads "dpa" after the digit)
    ("Laut 2dpa heute.", "de", ["dpa"]),
    # a longer name found first wins over a name starting inside it; the text goes on after it
    ("Le Programme alimentaire mondial et le Programme alimentaire mondial, selon dpa.", "fr",
     ["Programme alimentaire mondial", "Programme alimentaire mondial", "dpa"]),
    ("Xdpa dpa’s dpa_ dpa", "de", ["dpa"]),
])
def test_a_table_name_is_found_only_as_a_whole_word(text, language, expected):
    found = [text[start:end] for start, end in knowledge.find_names(text, language)]
    assert found == expected
