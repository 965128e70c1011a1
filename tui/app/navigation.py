"""Where the reader is — the open source, the chosen entity, the highlighted place — and how `n` / `N`
walk an entity's mentions across sources in reading order (sources in list order, then by offset).
Pure: no Textual, so it is tested directly."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .labels import plural

if TYPE_CHECKING:
    from ..engine.model import Mention
    from ..engine.story import Story


@dataclass(frozen=True)
class Selection:
    source_id: str | None = None
    entity_id: str | None = None
    # the highlighted place in the open source (a mention, or a date the chronology opened), text offsets
    span: tuple[int, int] | None = None
    # the index of the current mention in Navigator.mentions(entity_id), when `span` is one
    mention: int | None = None


class Navigator:
    """Moves a Selection around one story."""

    def __init__(self, story: Story):
        self.story = story
        self._order = {source.id: i for i, source in enumerate(story.sources)}
        self._mentions: dict[str, list[Mention]] = {}
        self._keys: dict[str, list[tuple[int, int]]] = {}

    def source_index(self, source_id: str | None) -> int | None:
        return None if source_id is None else self._order.get(source_id)

    def mentions(self, entity_id: str) -> list[Mention]:
        """Every mention of the entity in reading order."""
        if entity_id not in self._mentions:
            entity = self.story.entity(entity_id)
            found = [] if entity is None else [m for m in entity.mentions if m.source_id in self._order]
            found.sort(key=lambda m: (self._order[m.source_id], m.start, m.end))
            self._mentions[entity_id] = found
            self._keys[entity_id] = [(self._order[m.source_id], m.start) for m in found]
        return self._mentions[entity_id]

    def sources_naming(self, entity_id: str) -> list[str]:
        return list(dict.fromkeys(m.source_id for m in self.mentions(entity_id)))

    def step_source(self, selection: Selection, direction: int) -> tuple[Selection, bool]:
        """The chosen entity's first mention in the next (direction 1) or previous (-1) source naming it, in
        list order, and whether that wrapped round past the last (or first) source. The selection as it is
        when no entity is chosen or it is named nowhere."""
        entity_id = selection.entity_id
        if entity_id is None:
            return selection, False
        naming = self.sources_naming(entity_id)
        if not naming:
            return selection, False
        here = self._order.get(selection.source_id or "", -1)
        orders = [self._order[source_id] for source_id in naming]
        if direction > 0:
            index = bisect_right(orders, here)
            wrapped = index == len(orders)
        else:
            index = bisect_left(orders, here) - 1
            wrapped = index < 0
        target = naming[index % len(naming)]
        return self.open_source(Selection(target, entity_id), target), wrapped

    def _at(self, selection: Selection, entity_id: str, index: int) -> Selection:
        mention = self.mentions(entity_id)[index]
        return Selection(mention.source_id, entity_id, (mention.start, mention.end), index)

    def open_source(self, selection: Selection, source_id: str) -> Selection:
        """Open a source, on the chosen entity's first mention in it if it has one."""
        if selection.entity_id is not None:
            keys = self._keys_for(selection.entity_id)
            order = self._order[source_id]
            i = bisect_left(keys, (order, -1))
            if i < len(keys) and keys[i][0] == order:
                return self._at(selection, selection.entity_id, i)
        return Selection(source_id, selection.entity_id)

    def choose_entity(self, selection: Selection, entity_id: str, at: int | None = None) -> Selection:
        """Choose an entity: at the mention covering offset `at` of the open source (a click), else at its
        first mention in reading order."""
        mentions = self.mentions(entity_id)
        source_id = selection.source_id
        if at is not None and source_id is not None:
            for i, mention in enumerate(mentions):
                if mention.source_id == source_id and mention.start <= at < mention.end:
                    return self._at(selection, entity_id, i)
        if mentions:
            return self._at(selection, entity_id, 0)
        return Selection(source_id, entity_id)

    def step(self, selection: Selection, direction: int) -> Selection:
        """The next (direction 1) or previous (-1) mention of the chosen entity, across sources, wrapping."""
        entity_id = selection.entity_id
        if entity_id is None or not self.mentions(entity_id):
            return selection
        count = len(self.mentions(entity_id))
        if selection.mention is not None:
            return self._at(selection, entity_id, (selection.mention + direction) % count)
        # from wherever the reader is (e.g. a date the chronology opened) to the nearest mention that way
        keys = self._keys_for(entity_id)
        order = self._order.get(selection.source_id or "", -1)
        position = (order, selection.span[0] if selection.span else -1)
        if direction > 0:
            index = bisect_right(keys, position)
            return self._at(selection, entity_id, index % count)
        index = bisect_left(keys, position) - 1
        return self._at(selection, entity_id, index % count)

    def show_span(self, selection: Selection, source_id: str, start: int, end: int) -> Selection:
        """Highlight some other place (a temporal expression), keeping the chosen entity."""
        return Selection(source_id, selection.entity_id, (start, end))

    def describe(self, selection: Selection) -> str:
        """"mention 3 of 11 · source 2 of 3", or where the entity is when the open source lacks it."""
        if selection.entity_id is None:
            return ""
        mentions = self.mentions(selection.entity_id)
        naming = self.sources_naming(selection.entity_id)
        if not mentions:
            return "no mentions"
        if selection.mention is not None:
            mention = mentions[selection.mention]
            return (f"mention {selection.mention + 1} of {len(mentions)} · "
                    f"source {naming.index(mention.source_id) + 1} of {len(naming)}")
        here = sum(1 for m in mentions if m.source_id == selection.source_id)
        return f"{here} here · {plural(len(mentions), 'mention')} in {plural(len(naming), 'source')}"

    def _keys_for(self, entity_id: str) -> list[tuple[int, int]]:
        self.mentions(entity_id)
        return self._keys[entity_id]
