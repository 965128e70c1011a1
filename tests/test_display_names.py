"""An entity is named in its dictionary form when the story has one, whatever case its commonest spelling is in."""

from pathlib import Path

import tui


def _names(tmp_path: Path, text: str) -> set[str]:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    return {entity.name for entity in tui.load(tmp_path).entities}


def test_a_russian_dative_gives_way_to_the_nominative(tmp_path):
    text = (" date 2024-05-14 Новости\n\n"
            "Министр позвонил Андрею Белоусову утром. Позже Андрею Белоусову передали письмо. "
            "Вечером Андрею Белоусову вручили награду. Андрей Белоусов поблагодарил коллег за поддержку.\n")
    names = _names(tmp_path, text)
    assert "Андрей Белоусов" in names and "Андрею Белоусову" not in names


def test_a_serbian_instrumental_gives_way_to_the_nominative(tmp_path):
    text = (" date 2024-05-14 Vesti\n\n"
            "Ministar je razgovarao sa Milicom Jovanović u ponedeljak. Novinari su razgovarali sa Milicom "
            "Jovanović posle sastanka. Milica Jovanović je rekla da je sastanak bio dobar.\n")
    names = _names(tmp_path, text)
    assert "Milica Jovanović" in names and "Milicom Jovanović" not in names


def test_a_latin_name_in_a_cyrillic_article_keeps_its_spelling(tmp_path):
    text = (" date 2024-05-14 Новости\n\n"
            "Как сообщает агентство Reuters, переговоры продолжатся. По данным Reuters, стороны близки к "
            "соглашению. Об этом также пишет Reuters со ссылкой на источники.\n")
    assert "Reuters" in _names(tmp_path, text)
