"""Linking and detection: every spelling of one name is one entity, and the traps stay apart."""

import pytest

import tui

EN = (" date 2023-03-09 Kyiv Mayor Vitali Klitschko met his brother Wladimir Klitschko in Kyiv on Tuesday. "
      "Vitali Klitschko said the city was ready. Later, Wladimir Klitschko travelled to Lviv, where Klitschko "
      "spoke to volunteers.\nPresident Volodymyr Zelensky thanked Andriy Koval and Oksana Kovalenko. Koval, a "
      "former minister, disagreed with Kovalchuk. Zelensky's office confirmed the meeting. Austria and Australia "
      "sent aid, as did Kazakhstan and Kyrgyzstan.\nRussia's Investigative Committee opened a case, the Russians "
      "said. The Moscow Times reported the story from Moscow.\n")
PL = (" date 2023-03-10 Mer Kijowa Witalij Kliczko spotkał się z bratem Władimirem Kliczką. Prezydent Wołodymyr "
      "Zełenski podziękował Andrijowi Kowalowi i Oksanie Kowalenko. Według Zełenskiego Austria i Australia wysłały "
      "pomoc. Kowal nie zgodził się z Kowalczukiem. W Moskwie milczano. Władze Kazachstanu i Rosji milczały.\n")
DE = (" date 2023-03-10 Der Kiewer Bürgermeister Vitali Klitschko traf seinen Bruder Wladimir Klitschko. Präsident "
      "Wolodymyr Selenskyj dankte Andrij Kowal und Oksana Kowalenko. Selenskyjs Büro bestätigte das Treffen in Kiew. "
      "Österreich und Australien schickten Hilfe. Kowal widersprach Kowaltschuk.\n")
FR = (" date 2023-03-10 Le maire de Kiev, Vitali Klitschko, a rencontré son frère Wladimir Klitschko. Le président "
      "Volodymyr Zelensky a remercié Andriï Koval et Oksana Kovalenko. Selon Zelensky, l'Autriche et l'Australie "
      "ont envoyé de l'aide. Koval s'est opposé à Kovaltchouk.\n")


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("traps")
    for name, text in (("en.txt", EN), ("pl.txt", PL), ("de.txt", DE), ("fr.txt", FR)):
        (folder / name).write_text(text, encoding="utf-8")
    return tui.load(folder)


def entity_of(story, text, source=None):
    """The entity whose mentions include exactly `text` (in `source`, if given)."""
    found = {m.entity_id for e in story.entities for m in e.mentions
             if m.text == text and (source is None or m.source == source)}
    assert len(found) == 1, (text, found)
    return story.entity(found.pop())


def test_every_spelling_of_a_person_is_one_entity(story):
    zelensky = entity_of(story, "Volodymyr Zelensky")
    assert zelensky.type == "PERSON"
    texts = {v.text for v in zelensky.variants}
    assert {"Zelensky", "Wolodymyr Selenskyj", "Wołodymyr Zełenski", "Zełenskiego", "Selenskyjs"} <= texts


def test_brothers_who_share_a_surname_stay_apart(story):
    vitali = entity_of(story, "Vitali Klitschko", "en.txt")
    wladimir = entity_of(story, "Wladimir Klitschko", "en.txt")
    assert vitali.id != wladimir.id
    assert entity_of(story, "Witalij Kliczko").id == vitali.id
    assert entity_of(story, "Władimirem Kliczką").id == wladimir.id
    # the bare surname goes to the brother named last before it in the same article
    assert entity_of(story, "Klitschko", "en.txt").id == wladimir.id


def test_near_miss_surnames_stay_apart(story):
    koval = entity_of(story, "Andriy Koval")
    kovalenko = entity_of(story, "Oksana Kovalenko")
    kovalchuk = entity_of(story, "Kovalchuk")
    assert len({koval.id, kovalenko.id, kovalchuk.id}) == 3
    assert entity_of(story, "Andrijowi Kowalowi").id == koval.id
    assert entity_of(story, "Kowalczukiem").id == kovalchuk.id
    assert entity_of(story, "Kovaltchouk").id == kovalchuk.id
    assert kovalchuk.type == "PERSON"


def test_places_link_through_exonyms_and_cases(story):
    kyiv = entity_of(story, "Kiew")
    assert kyiv.type == "PLACE" and kyiv.name == "Kyiv"
    assert {"Kyiv", "Kiev", "Kijowa"} <= {v.text for v in kyiv.variants}
    assert entity_of(story, "Moskwie").id == entity_of(story, "Moscow", "en.txt").id
    assert entity_of(story, "Kazachstanu").id == entity_of(story, "Kazakhstan").id
    assert entity_of(story, "Rosji").id == entity_of(story, "Russia").id


def test_names_inside_other_names_stay_apart(story):
    austria, australia = entity_of(story, "Austria", "en.txt"), entity_of(story, "Australia", "en.txt")
    assert austria.id != australia.id
    assert entity_of(story, "Österreich").id == austria.id
    assert entity_of(story, "Australien").id == australia.id
    assert entity_of(story, "Kazakhstan").id != entity_of(story, "Kyrgyzstan").id
    russia = entity_of(story, "Russia")
    assert entity_of(story, "Russians").id != russia.id
    assert entity_of(story, "Investigative Committee").id != russia.id
    times = entity_of(story, "Moscow Times")
    assert times.type == "ORG"
    moscow = entity_of(story, "Moscow", "en.txt")
    # "Moscow" inside "The Moscow Times" is not a mention of the city
    assert all(not (m.start >= times.mentions[0].start and m.end <= times.mentions[0].end) for m in moscow.mentions)


def test_titles_and_common_words_are_not_names(story):
    names = {m.text for e in story.entities for m in e.mentions}
    for junk in ("Mayor", "President", "Prezydent", "Präsident", "Bürgermeister", "Bruder", "Büro", "Later", "Mer",
                 "Władze", "Selon", "Le"):
        assert junk not in names
        assert not any(n.startswith(junk + " ") for n in names), junk


def test_possessive_is_outside_the_span(story):
    mentions = [m for e in story.entities for m in e.mentions if m.source == "en.txt"]
    assert any(m.text == "Zelensky" for m in mentions)  # from "Zelensky's office"
    assert any(m.text == "Russia" for m in mentions)  # from "Russia's Investigative Committee"


def test_offsets_point_into_the_decoded_text(story):
    for entity in story.entities:
        for m in entity.mentions:
            source = story.source(m.source_id)
            assert source.text[m.start:m.end] == m.text


def test_seed_story_links_vrublevsky_in_every_source(seeds_story):
    [top] = seeds_story.search("Wrublewskiego")[:1]
    person = top.entity
    assert person.type == "PERSON"
    assert {m.source for m in person.mentions} == {s.path for s in seeds_story.sources}
    assert {"Vrublevsky", "Vrublevskiy", "Vrublevskyi", "Petro Wrublewski", "Wrublewskiego"} <= {
        v.text for v in person.variants}


def test_seed_boilerplate_mentions_are_marked(seeds_story):
    times = seeds_story.search("The Moscow Times")[0].entity
    assert times.mentions and all(m.boilerplate for m in times.mentions)
    tokayev = seeds_story.search("Tokayev")[0].entity
    assert not any(m.boilerplate for m in tokayev.mentions)


def test_wire_copy_conventions(write_story):
    folder = write_story({"ap.txt": (
        " date 2024-02-24 KYIV, Ukraine (AP) — By HANNA ARHIROVA and SUSIE BLANN\n"
        "Zelenskyy spoke alongside Prime Minister Giorgia Meloni. European Commission President Ursula von der "
        "Leyen also attended. Mr. Smith, an analyst, said the U.N. General Assembly met. In Washington, "
        "U.S. President Joe Biden announced sanctions.\n")})
    story = tui.load(folder)
    by_text = {m.text: story.entity(m.entity_id) for e in story.entities for m in e.mentions}
    assert by_text["KYIV"].name == "Kyiv"
    assert by_text["HANNA ARHIROVA"].type == "PERSON"  # a byline in capitals is a name, not two acronyms
    assert by_text["SUSIE BLANN"].type == "PERSON"
    assert by_text["European Commission"].type == "ORG"  # a sentence-initial adjective of an organisation
    assert by_text["Ursula von der Leyen"].type == "PERSON"
    assert "Smith" in by_text  # "Mr." does not end the sentence
    assert by_text["U.N. General Assembly"].type == "ORG"
    assert by_text["Washington"].type == "PLACE"  # "In Washington": the dropped word is still context
    assert by_text["U.S."].name == "United States"
    assert "Joe Biden" in by_text and "President" not in by_text


def test_one_spelling_in_two_languages_is_one_person(write_story):
    import tui

    folder = write_story({
        "es.txt": " date 2025-02-04 x\n\nEl fiscal Javier Lorente dijo el martes que la empresa exportó máquinas a Rusia.",
        "cs.txt": " date 2025-02-05 x\n\nŠpanělský žalobce Javier Lorente uvedl, že firma stroje vyvážela. "
                  "Podle Lorenteho šlo o vojenskou výrobu.",
    })
    story = tui.load(folder)
    people = [e for e in story.entities if "Lorente" in e.name]
    assert len(people) == 1 and {m.text for m in people[0].mentions} == {"Javier Lorente", "Lorenteho"}


def test_a_dutch_adjective_of_a_country_is_not_part_of_a_name(write_story):
    import tui

    folder = write_story({"nl.txt": " date 2025-02-07 x\n\nDe man werd in het Tsjechische Ostrava aangehouden, "
                                    "meldde de politie. De Russische kapitein Kirill Beljajev zweeg."})
    texts = {m.text for e in tui.load(folder).entities for m in e.mentions}
    assert "Tsjechische Ostrava" not in texts and "Kirill Beljajev" in texts
    assert not any("Russische" in t and "Beljajev" in t for t in texts)


def test_a_declined_surname_goes_to_the_man_not_to_his_wife(write_story):
    import tui

    folder = write_story({"cs.txt": " date 2025-02-06 x\n\nKapitán Vjačeslav Žuravljov byl zadržen v Janově. "
                                    "Jeho manželka Julija Žuravljovová řekla, že o nákladu nic nevěděla. "
                                    "Policie se Žuravljovem mluvila dvě hodiny."})
    by_text = {m.text: e.name for e in tui.load(folder).entities for m in e.mentions}
    assert by_text["Žuravljovem"] == by_text["Vjačeslav Žuravljov"] != by_text["Julija Žuravljovová"]
