"""The entity detail: the highlighted name's spellings grouped per language and script, cut to the width
with a count of what is left, and article text shown literally (markup and escapes never obeyed)."""

from __future__ import annotations

from pathlib import Path

from app_support import NARROW, WIDE, create_app, settle, type_text
from rich.cells import cell_len
from textual.app import App, ComposeResult

from tui.app.widgets.entities import EntityList
from tui.app.widgets.spellings import EntityDetail, SpellingGroup, group_lines, spelling_groups
from tui.engine.model import Entity, Mention, Variant

HELDOUT_UK = str(Path(__file__).parent / "data" / "heldout_uk")


def _screen_lines(detail: EntityDetail) -> list[str]:
    """What the widget put on the screen, line by line."""
    return ["".join(segment.text for segment in detail.render_line(y)).rstrip()
            for y in range(detail.content_region.height)]


def _group_line(lines: list[str], label: str) -> str:
    return next(line for line in lines if line.strip().startswith(label))


def _vrublevsky(app) -> Entity:
    # by spelling, not by display name: which script the engine names him in is the engine's choice
    return next(e for e in app.story.entities if any(v.text == "Wrublewskiego" for v in e.variants))


async def test_selecting_an_entity_shows_its_spellings_by_language_and_script():
    app = create_app([HELDOUT_UK])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "wrublewski")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        entity = _vrublevsky(app)
        assert app.selection.entity_id == entity.id
        detail = app.query_one(EntityDetail)
        assert detail.entity is not None and detail.entity.id == entity.id
        lines = _screen_lines(detail)
        assert lines[0].startswith(entity.name)
        labels = [line.split("  ")[0].strip() for line in lines[1:] if "·" in line.split("  ")[0]]
        assert {"uk · Cyrl", "ru · Cyrl", "en · Latn", "pl · Latn"} <= set(labels)
        assert "Врублевськ" in _group_line(lines, "uk · Cyrl")
        assert "Врублевск" in _group_line(lines, "ru · Cyrl")
        assert "Wrublewsk" in _group_line(lines, "pl · Latn")
        assert "Vrublevsk" in _group_line(lines, "en · Latn")
        assert " ×" in _group_line(lines, "uk · Cyrl")  # each spelling with its count
        assert any("more" in line for line in lines)  # 20 spellings do not fit the wide pane's column
        assert all(cell_len(line) <= detail.content_region.width for line in lines)


async def test_the_detail_follows_the_cursor_and_fits_80_columns():
    app = create_app([HELDOUT_UK])
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("e")
        entity_list = app.query_one(EntityList)
        detail = app.query_one(EntityDetail)
        assert detail.display and detail.entity is entity_list.rows[entity_list.cursor]
        await pilot.press("down")
        await pilot.pause()
        assert detail.entity is entity_list.rows[entity_list.cursor]
        lines = _screen_lines(detail)
        assert lines and lines[0].startswith(detail.entity.name)
        assert all(cell_len(line) <= 80 for line in lines)
        # a short screen gives each group one line, so the list keeps most of the pane
        assert len(lines) <= 1 + len(spelling_groups(detail.entity)) + 1
        assert entity_list.size.height >= 5


def test_groups_split_a_language_by_script_and_add_up_to_the_engine_counts():
    entity = Entity("e1", "Jan Kowalski", "PERSON", (), (),
                    spellings=(("pl", (Variant("Kowalski", 4), Variant("Ковальский", 1))),
                               ("ru", (Variant("Ковальский", 3),))),
                    scripts=(("Cyrl", 4), ("Latn", 4)))
    groups = spelling_groups(entity)
    assert [(g.label, g.mentions) for g in groups] == [("pl · Latn", 4), ("pl · Cyrl", 1), ("ru · Cyrl", 3)]
    totals: dict[str, int] = {}
    for group in groups:
        totals[group.script] = totals.get(group.script, 0) + group.mentions
    assert totals == dict(entity.scripts)


def test_long_lists_are_cut_with_a_count():
    group = SpellingGroup("uk", "Cyrl", tuple(Variant(f"Прізвище{n}", 10 - n) for n in range(9)))
    lines = group_lines(group, 40, 2, 9)
    assert len(lines) == 2
    assert all(line.cell_len <= 40 for line in lines)
    plain = " ".join(line.plain for line in lines)
    assert plain.startswith("uk · Cyrl  Прізвище0 ×10")
    shown = plain.count("Прізвище")
    assert plain.rstrip().endswith(f"+{9 - shown} more")
    one = group_lines(group, 40, 1, 9)
    assert len(one) == 1 and one[0].plain.endswith("more")
    # everything fits: no count
    short = group_lines(SpellingGroup("pl", "Latn", (Variant("Nowak", 2),)), 40, 2, 9)
    assert [line.plain for line in short] == ["pl · Latn  Nowak ×2"]
    # a spelling wider than the line is cut, not dropped
    huge = group_lines(SpellingGroup("en", "Latn", (Variant("X" * 80, 1),)), 30, 2, 9)
    assert len(huge) == 1 and huge[0].cell_len <= 30 and "…" in huge[0].plain


class _DetailApp(App[None]):
    def compose(self) -> ComposeResult:
        yield EntityDetail()


async def test_markup_and_escapes_in_spellings_show_literally():
    mention = Mention("a.txt", "a.txt", 0, 8, "Kowalski")
    hostile = Entity("e1", "[bold]Kowalski[/bold]", "PERSON", (Variant("[bold]Kowalski[/bold]", 2),), (mention,),
                     spellings=(("pl", (Variant("[bold]Kowalski[/bold]", 2), Variant("Nowak\x1b[2J\x1b]0;pwned\x07", 1),
                                        Variant("[@click=app.quit]q[/]", 1))),),
                     scripts=(("Latn", 4),))
    app = _DetailApp()
    async with app.run_test(size=(100, 10)) as pilot:
        detail = app.query_one(EntityDetail)
        detail.entity = hostile
        await pilot.pause()
        lines = _screen_lines(detail)
        screen = "\n".join(lines)
        assert lines[0].startswith("[bold]Kowalski[/bold]")
        assert "[bold]Kowalski[/bold] ×2" in screen
        assert "[@click=app.quit]q[/] ×1" in screen
        assert "Nowak␛[2J␛]0;pwned␇ ×1" in screen
        assert "\x1b" not in screen and "\x07" not in screen
        # no markup was obeyed: the spelling itself is not drawn bold
        spelling_line = next(y for y, line in enumerate(lines) if "pl · Latn" in line)
        segments = [s for s in detail.render_line(spelling_line) if "Kowalski" in s.text]
        assert segments and not any(s.style and s.style.bold for s in segments)
