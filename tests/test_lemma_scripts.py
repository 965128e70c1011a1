"""pymorphy3's dictionaries hold Cyrillic words only: a Latin-script name gets no dictionary reading from
them (and is not sent to them), a Cyrillic one keeps its readings."""
from tui.engine import lexicon


def test_latin_name_has_no_russian_or_ukrainian_reading():
    assert lexicon.pymorphy_lemma_candidates("Michaelem", "ru") == ()
    assert lexicon.pymorphy_lemma_candidates("Władysława", "uk") == ()


def test_cyrillic_name_keeps_its_readings():
    assert "Трамп" in lexicon.pymorphy_lemma_candidates("Трампом", "ru")
    assert "Харків" in lexicon.pymorphy_lemma_candidates("Харкові", "uk")
