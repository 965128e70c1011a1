"""Linking residue of Slavic stories: scripts compared word by word, place spellings only one language reads
as places (our own sentences)."""

import tui
from tui.engine import gazetteer
from tui.engine.linking import _make_form, sounds_alike


def test_scripts_are_the_words_not_the_forms():
    # a Cyrillic run that ends in a Latin name: its last word is Latin, and a Cyrillic spelling sounds like it
    mixed = _make_form(("Колега", "Thompson"), "uk")
    bulgarian = _make_form(("Томпсън",), "bg")
    russian = _make_form(("Томпсон",), "ru")
    assert sounds_alike(bulgarian, 0, mixed, 1, 3)
    assert not sounds_alike(bulgarian, 0, russian, 0, 3)  # two Cyrillic words: compared by keys, not by sound
    assert not sounds_alike(bulgarian, 0, mixed, 0, 3)  # the Cyrillic word of the run is no Latin spelling


def test_a_place_spelling_left_out_as_a_common_word_is_read_in_its_own_language():
    # Czech and Slovak "Portugalsko", Slovene "Portugalska" are Polish adjectives: places only in their languages
    assert gazetteer.lookup("Portugalsko") is None
    assert gazetteer.lookup_local("Portugalsko", "cs").id == "PT"
    assert gazetteer.lookup_local("Portugalsko", "sk").id == "PT"
    assert gazetteer.lookup_local("Portugalska", "sl").id == "PT"
    assert gazetteer.lookup_local("Portugalska", "pl") is None
    assert gazetteer.lookup_local("Portugalsko", "pl") is None


def test_a_czech_case_form_of_such_a_place_joins_the_country(tmp_path):
    (tmp_path / "cs.txt").write_text(
        " date 2024-05-02 Vláda oznámila, že ministr zahraničí odcestuje do Lisabonu. Podle ministerstva "
        "chce Česko s Portugalskem spolupracovat na obraně. V Portugalsku ministr zůstane tři dny.\n",
        encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        " date 2024-05-02 The Czech foreign minister will travel to Portugal on Monday. Portugal welcomed "
        "the visit.\n", encoding="utf-8")
    (tmp_path / "pl.txt").write_text(
        " date 2024-05-02 Portugalska delegacja przyjedzie do Pragi. Minister odwiedzi też Portugalię.\n",
        encoding="utf-8")
    story = tui.load(tmp_path)
    portugal = {m.entity_id for e in story.entities for m in e.mentions
                if m.text in ("Portugal", "Portugalsku", "Portugalskem", "Portugalię")}
    assert len(portugal) == 1
    assert story.entity(portugal.pop()).type == "PLACE"
    # the Polish adjective at a sentence start is no place
    assert not any(m.text.startswith("Portugalska") and e.type == "PLACE"
                   for e in story.entities for m in e.mentions)



def test_one_spelling_is_one_kind_of_name_in_every_language():
    from tui.engine.detection import Occurrence
    from tui.engine.linking import Linker

    # the same letters voted an organisation in the Czech articles and a person in the Ukrainian ones
    tokens = ("Nordwind", "Vereinigung")
    occurrences = [Occurrence(0, 0, 20, "Nordwind Vereinigung", tokens, "cs", kind="ORG") for _ in range(3)]
    occurrences += [Occurrence(1, 0, 20, "Nordwind Vereinigung", tokens, "uk", kind="PERSON") for _ in range(2)]
    forms = Linker([], occurrences)._forms()
    assert forms[(tokens, "cs")].is_org and forms[(tokens, "uk")].is_org
