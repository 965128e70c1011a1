"""The entity detail under the entities list: how each language's sources write the highlighted name,
one group per language and script ("uk · Cyrl  Врублевського ×5, Врублевський ×4, +3 more"), so a
reader of a multilingual story sees at a glance how each outlet spells it. Spellings are article text:
drawn as plain `Text`, never parsed as markup, control characters made visible."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from ...textsafe import printable
from ..labels import TYPE_BADGE

if TYPE_CHECKING:
    from rich.style import Style

    from ...engine.model import Entity, Variant

MAX_GROUPS = 6  # groups drawn in full; the rest are named on one last line
MAX_JUDGEMENTS = 3  # judgements listed under a curated entity; the rest are counted (J lists them all)
_TALL_SCREEN = 30  # rows from which a group may take two lines (a shorter screen keeps the list in view)


@dataclass(frozen=True)
class SpellingGroup:
    """The spellings one language's sources use for a name in one script, most used first."""

    language: str
    script: str  # ISO 15924: "Latn", "Cyrl"...
    variants: tuple[Variant, ...]

    @property
    def label(self) -> str:
        return f"{self.language} · {self.script}"

    @property
    def mentions(self) -> int:
        return sum(variant.count for variant in self.variants)


def _script_of(text: str) -> str:
    # the engine's own rule (the script of the first letter), so these groups add up to Entity.scripts;
    # imported here, not at the top, so the app's first paint does not wait for the engine to import
    from ...engine.linking import script_of

    return script_of(text)


def spelling_groups(entity: Entity) -> list[SpellingGroup]:
    """Per language (in the engine's order: most mentions first) and, within it, per script (most
    mentions first; a Polish article quoting a Cyrillic spelling gives pl · Cyrl next to pl · Latn)."""
    groups: list[SpellingGroup] = []
    for language, variants in entity.spellings:
        by_script: dict[str, list[Variant]] = {}
        for variant in variants:
            by_script.setdefault(_script_of(variant.text), []).append(variant)
        scripts = sorted(by_script.items(), key=lambda item: -sum(v.count for v in item[1]))  # stable: ties keep order
        groups.extend(SpellingGroup(language, script, tuple(found)) for script, found in scripts)
    return groups


@dataclass(frozen=True)
class _Styles:
    label: Style | str = ""
    spelling: Style | str = ""
    muted: Style | str = ""
    joined: Style | str = ""
    curated: Style | str = ""


def group_lines(group: SpellingGroup, width: int, max_lines: int, label_width: int,
                styles: _Styles = _Styles()) -> list[Text]:
    """`group` in at most `max_lines` lines of at most `width` cells: the label, then "spelling ×n" pieces
    wrapped under a hanging indent; what does not fit is counted ("+7 more")."""
    indent = label_width + 2
    room = max(1, width - indent)
    pieces = [(printable(variant.text), f" ×{variant.count}") for variant in group.variants]
    lines: list[Text] = []
    line = Text(group.label.ljust(label_width) + "  ", style=styles.label, no_wrap=True)
    used = 0  # cells used after the indent
    placed = 0
    while placed < len(pieces):
        spelling, count = pieces[placed]
        separator = ", " if used else ""
        left_after = len(pieces) - placed - 1
        last_line = len(lines) == max_lines - 1
        reserve = cell_len(f", +{left_after} more") if last_line and left_after else 0
        size = cell_len(separator + spelling + count)
        if used + size + reserve <= room:
            line.append(separator, style=styles.muted)
            line.append(spelling, style=styles.spelling)
            line.append(count, style=styles.muted)
            used += size
            placed += 1
            continue
        if used == 0 and size > room:  # one spelling longer than a whole line: cut it
            cut = Text(spelling, style=styles.spelling)
            cut.truncate(max(1, room - cell_len(count) - reserve), overflow="ellipsis")
            if cut.cell_len < 4 and left_after:
                break  # too little room to say anything useful: count it instead
            line.append(cut)
            line.append(count, style=styles.muted)
            used += cut.cell_len + cell_len(count)
            placed += 1
            continue
        if last_line:
            break
        lines.append(line)
        line = Text(" " * indent, no_wrap=True)
        used = 0
    if placed < len(pieces):
        line.append(f"{', ' if used else ''}+{len(pieces) - placed} more", style=styles.muted)
    lines.append(line)
    return lines


def _header(entity: Entity, width: int, styles: _Styles, name_style: Style | str) -> list[Text]:
    """The name and its mentions per script ("Cyrl 25 · Latn 10"): one line, or two when they do not fit."""
    name = Text(printable(entity.name), style=name_style, no_wrap=True)
    scripts = Text(" · ".join(f"{script} {count}" for script, count in entity.scripts) or TYPE_BADGE[entity.type],
                   style=styles.muted, no_wrap=True)
    if name.cell_len + 2 + scripts.cell_len <= width:
        return [Text.assemble(name, "  ", scripts, no_wrap=True)]
    name.truncate(width, overflow="ellipsis")
    scripts = Text.assemble("  ", scripts, no_wrap=True)
    scripts.truncate(width, overflow="ellipsis")
    return [name, scripts]


def detail_lines(entity: Entity, width: int, lines_per_group: int, styles: _Styles = _Styles(),
                 name_style: Style | str = "bold") -> list[Text]:
    """The whole detail: the name with its mentions per script, then one block per spelling group."""
    lines = _header(entity, width, styles, name_style)
    groups = spelling_groups(entity)
    shown = groups if len(groups) <= MAX_GROUPS else groups[:MAX_GROUPS - 1]
    label_width = max((len(group.label) for group in shown), default=0)
    for group in shown:
        lines.extend(group_lines(group, width, lines_per_group, label_width, styles))
    rest = groups[len(shown):]
    if rest:
        more = Text(f"+{len(rest)} more: " + ", ".join(group.label for group in rest), style=styles.muted,
                    no_wrap=True)
        more.truncate(width, overflow="ellipsis")
        lines.append(more)
    if entity.joined_by:
        lines.append(joined_line(entity, width, styles))
    if entity.curated:
        lines.extend(curated_lines(entity, width, styles))
    return lines


def curated_lines(entity: Entity, width: int, styles: _Styles = _Styles()) -> list[Text]:
    """That a user's judgements shaped it, and which (the latest last), so nobody mistakes a correction for
    the machine's linking: "curated: 'BSU' is the same as 'Baltic Shipping Union'"."""
    judgements = entity.judgements
    count = len(judgements)
    heading = Text("curated", style=styles.label, no_wrap=True)
    heading.append(f" by {count} judgement{'s' if count != 1 else ''}" + (":" if count else ""), style=styles.muted)
    lines = [heading]
    shown = judgements[-MAX_JUDGEMENTS:]
    if count > len(shown):
        lines.append(Text(f"  +{count - len(shown)} earlier (J lists them)", style=styles.muted, no_wrap=True))
    for judgement in shown:
        line = Text("  " + printable(judgement.describe()), style=styles.curated, no_wrap=True)
        line.truncate(width, overflow="ellipsis")
        lines.append(line)
    return lines


def joined_line(entity: Entity, width: int, styles: _Styles = _Styles()) -> Text:
    """Why knowledge made spellings one entity ("joined: OTAN — same organisation in the organisation
    table; MSZ — acronym defined in source #3"), so a reader can trust or doubt it: one line."""
    line = Text("joined: ", style=styles.label, no_wrap=True)
    line.append("; ".join(f"{printable(text)} — {reason}" for text, reason in entity.joined_by), style=styles.joined)
    line.truncate(width, overflow="ellipsis")
    return line


class EntityDetail(Widget):
    """How the highlighted entity is spelt, per language and script. The entities pane sets `entity`."""

    DEFAULT_CSS = """
    EntityDetail { height: auto; }
    EntityDetail > .entitydetail--label { color: $text-secondary; }
    EntityDetail > .entitydetail--spelling { color: $text; }
    EntityDetail > .entitydetail--muted { color: $text-muted; }
    """
    # the look of the "joined:" and "curated" lines (entitydetail--joined, --curated) is the app's, in
    # styles/storyview.tcss
    COMPONENT_CLASSES = {"entitydetail--label", "entitydetail--spelling", "entitydetail--muted",
                         "entitydetail--joined", "entitydetail--curated"}

    entity: reactive[Entity | None] = reactive(None, layout=True)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._drawn: dict[tuple[int, int], list[Text]] = {}  # (width, lines per group) -> lines

    def watch_entity(self, entity: Entity | None) -> None:
        self.set_class(entity is None, "-empty")
        self._drawn.clear()

    def _lines_per_group(self) -> int:
        return 2 if self.screen.size.height >= _TALL_SCREEN else 1

    def _lines(self, width: int, lines_per_group: int) -> list[Text]:
        # layout asks for the height and then the widget renders, at the same width: draw once
        key = (width, lines_per_group)
        if key not in self._drawn:
            if len(self._drawn) > 8:
                self._drawn.clear()
            entity = self.entity
            style = self.get_component_rich_style
            styles = _Styles(style("entitydetail--label", partial=True),
                             style("entitydetail--spelling", partial=True),
                             style("entitydetail--muted", partial=True),
                             style("entitydetail--joined", partial=True),
                             style("entitydetail--curated", partial=True))
            self._drawn[key] = [] if entity is None or width <= 0 else detail_lines(entity, width,
                                                                                  lines_per_group, styles)
        return self._drawn[key]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()  # the theme changed: new colours

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width, self._lines_per_group()))

    def render(self) -> Text:
        text = Text("\n", no_wrap=True).join(self._lines(self.content_region.width, self._lines_per_group()))
        text.no_wrap = True
        return text
