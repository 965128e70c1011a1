"""Language guesses on short passages written for these tests, one per supported language."""

from __future__ import annotations

import pytest

from tui.engine.language import detect_language

SAMPLES = {
    "en": "The minister said on Tuesday that the talks had stalled, and that he would not travel to the capital "
    "until the government explained its position.",
    "pl": "Minister powiedział we wtorek, że rozmowy utknęły w martwym punkcie i że nie pojedzie do stolicy, "
    "dopóki rząd nie wyjaśni swojego stanowiska.",
    "de": "Der Minister sagte am Dienstag, die Gespräche seien ins Stocken geraten und er werde nicht in die "
    "Hauptstadt reisen, bis die Regierung ihre Haltung erklärt habe.",
    "fr": "Le ministre a déclaré mardi que les négociations étaient dans l'impasse et qu'il ne se rendrait pas "
    "dans la capitale tant que le gouvernement n'aurait pas expliqué sa position.",
    "es": "El ministro dijo el martes que las negociaciones estaban estancadas y que no viajaría a la capital "
    "hasta que el gobierno explicara su posición.",
    "it": "Il ministro ha detto martedì che i negoziati sono in stallo e che non andrà nella capitale finché il "
    "governo non avrà chiarito la sua posizione.",
    "cs": "Ministr v úterý řekl, že jednání uvízla na mrtvém bodě a že do hlavního města nepojede, dokud vláda "
    "nevysvětlí svůj postoj.",
    "nl": "De minister zei dinsdag dat de gesprekken zijn vastgelopen en dat hij niet naar de hoofdstad zal "
    "reizen zolang de regering haar standpunt niet heeft uitgelegd.",
    "pt": "O ministro disse na terça-feira que as negociações estão paralisadas e que não viajará para a capital "
    "até que o governo explique a sua posição.",
    "uk": "Міністр заявив у вівторок, що переговори зайшли в глухий кут і що він не поїде до столиці, доки уряд "
    "не пояснить свою позицію.",
    "ru": "Министр заявил во вторник, что переговоры зашли в тупик и что он не поедет в столицу, пока "
    "правительство не объяснит свою позицию.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_each_language(lang: str) -> None:
    assert detect_language(SAMPLES[lang]) == lang


@pytest.mark.parametrize("text", ["", "   \n\t", "12345 — 2022-10-20 !!!", "…"])
def test_no_letters_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_a_lone_name_is_undetermined() -> None:
    assert detect_language("Vrublevsky") == "und"


def test_short_phrase() -> None:
    assert detect_language("Ambasador został odwołany.") == "pl"
    assert detect_language("It was over.") == "en"


def test_mixed_text_follows_the_majority() -> None:
    # A Polish report quoting an English phrase and full of foreign names.
    text = (
        "Petro Vrublevsky powiedział, że „the more Russians we kill now” – i te słowa wywołały oburzenie w "
        "Moskwie. Ambasador został odwołany, a MSZ Kazachstanu wezwało go na rozmowę, która była bardzo krótka."
    )
    assert detect_language(text) == "pl"


def test_foreign_place_names_do_not_outvote_the_prose() -> None:
    text = "The envoy met officials in Łódź, Gdańsk and Kraków before he flew to the capital of Kazakhstan."
    assert detect_language(text) == "en"


def test_ukrainian_and_russian_are_told_apart_by_letters() -> None:
    assert detect_language("Київ і Львів, її та їх, є ґанок") == "uk"
    assert detect_language("Объявлены подъём и съезд, ещё мы это") == "ru"


def test_other_scripts() -> None:
    assert detect_language("Ο υπουργός δήλωσε ότι οι συνομιλίες σταμάτησαν.") == "el"
    assert detect_language("外交部发言人表示") == "zh"


def test_only_the_start_is_sampled() -> None:
    # Long articles: the verdict comes from the first few thousand characters, so it stays O(1) per article.
    text = SAMPLES["de"] * 40 + SAMPLES["en"] * 400
    assert detect_language(text) == "de"


def test_case_and_decomposed_accents_do_not_matter() -> None:
    import unicodedata

    assert detect_language(SAMPLES["pl"].upper()) == "pl"
    assert detect_language(unicodedata.normalize("NFD", SAMPLES["cs"])) == "cs"


MORE = {  # languages the stopword scorer did not know (it read bg as ru, sl as cs, ro as fr or pt)
    "bg": "Правителството обяви във вторник, че летището в София ще бъде затворено заради силния вятър.",
    "sl": "Vlada je v torek sporočila, da bo letališče v Ljubljani zaradi močnega vetra zaprto.",
    "ro": "Guvernul a anunțat marți că aeroportul din București va fi închis din cauza vântului puternic.",
    "sk": "Vláda v utorok oznámila, že letisko v Bratislave bude pre silný vietor zatvorené a lety budú zrušené.",
    "mk": "Владата во вторникот соопшти дека аеродромот во Скопје ќе биде затворен поради силниот ветер.",
    "hu": "A kormány kedden bejelentette, hogy a budapesti repülőteret az erős szél miatt bezárják.",
}


@pytest.mark.parametrize("lang", sorted(MORE))
def test_more_languages(lang: str) -> None:
    assert detect_language(MORE[lang]) == lang


@pytest.mark.parametrize("junk", ["\x00", "\x07", "\x85", "\ufffe", "\U0010ffff", "\udcff"])
def test_characters_cld2_refuses_do_not_fail_or_decide(junk: str) -> None:
    assert detect_language(junk + SAMPLES["pl"] + junk) == "pl"
    assert detect_language(junk) == "und"


def test_hebrew_by_script_when_too_short_to_tell() -> None:
    assert detect_language("שלום עולם, השר אמר היום") == "he"


def test_a_language_without_rules_of_its_own_borrows_a_relatives():
    from tui.engine import lexicon, names
    from tui.engine.language import borrowed

    # Bosnian has no pack: Croatian's lends to it (hr/names.toml [relatives]); Slovene reads as itself now
    assert borrowed("bs", ("pl", "hr")) == "hr" and borrowed("cs", ("cs",)) == "cs" and borrowed("bs", ("de",)) is None
    assert borrowed("sl", ("sl", "cs")) == "sl" and borrowed("sl", ("cs",)) is None
    assert "Hrvatska" in lexicon.lemma_candidates("Hrvatskoj", "bs")  # declined as Croatian is
    assert "Slovenija" in lexicon.lemma_candidates("Sloveniji", "sl")
    assert names.token_key("Janša", "sl") == names.token_key("Janša", "cs")


def test_a_foreign_product_name_does_not_outvote_the_prose_around_it():
    text = ("Apple lanza un programa para limitar el volumen del iPod. La actualización del software, iPod Software "
            "1.1.1, funciona en las versiones Nano y Video del iPod. Apple ha lanzado el programa en respuesta a las "
            "quejas de que no había tomado las medidas necesarias.")
    assert detect_language(text) == "es"
