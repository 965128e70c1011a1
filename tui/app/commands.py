"""The command palette's story provider: entities through the engine's own index (so "Wrublewski" finds
Vrublevsky, which Textual's fuzzy matcher scores 0), and sources by a folded substring or subsequence of
their title or path."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..textsafe import printable
from .labels import TYPE_BADGE, plural, source_date

if TYPE_CHECKING:
    from ..engine.model import Source
    from .app import StoryviewApp

_ENTITY_HITS = 8
_SOURCE_HITS = 8


def correction_commands(app: StoryviewApp, judged: str) -> Iterator[SystemCommand]:
    """The corrections, in the palette with the app's own commands (each has a key too; `judged`: what
    the story's judgements did so far, e.g. "2 applied")."""
    for title, help_text, kind in (
            ("Merge the marked entities", "Merge the entities marked with space and the highlighted one  (m)",
             "merge"),
            ("Split a spelling off the entity", "Split one spelling off the highlighted entity  (x)", "split"),
            ("Rename the entity", "Change the highlighted entity's display name  (R)", "rename"),
            ("Retype the entity", "Person, place, organisation or other  (T)", "retype")):
        yield SystemCommand(title, help_text, partial(app.request_correction, kind))
    yield SystemCommand("Split the mention off", "Split the highlighted mention in the reader off its entity  (x)",
                        app.action_split_mention)
    yield SystemCommand("Undo the last correction", "Take back the last merge, split, rename or retype  (u)",
                        app.action_undo)
    yield SystemCommand("Redo the correction", "Make the correction last undone again  (U)", app.action_redo)
    yield SystemCommand("Review the suggestions", "Pairs that may be one entity: accept, reject or skip each  (S)",
                        app.action_review)
    yield SystemCommand("Show the judgements", f"The story's corrections and their file: {judged}  (J)",
                        app.action_judgements)


def mention_commands(app: StoryviewApp) -> Iterator[SystemCommand]:
    """The mentions view and the walk through the sources naming the chosen entity, in the palette."""
    yield SystemCommand("Show the mentions of the chosen entity",
                        "Every mention's sentence by source, and who is named with it  (M)", app.action_mentions)
    yield SystemCommand("Next source naming the chosen entity", "Its first mention in the next source naming it  (})",
                        partial(app.action_step_naming_source, 1))
    yield SystemCommand("Previous source naming the chosen entity",
                        "Its first mention in the previous source naming it  ({)",
                        partial(app.action_step_naming_source, -1))


def _subsequence(needle: str, haystack: str) -> bool:
    position = 0
    for char in needle:
        position = haystack.find(char, position) + 1
        if position == 0:
            return False
    return True


def source_score(folded_query: str, title: str, path: str) -> float:
    """0 (no match) to 1, given the folded query and the folded title and path: a substring of the title
    scores high (earlier is better), of the path a little less, every query word somewhere less, the
    letters in order anywhere least."""
    q = folded_query.strip()
    if not q:
        return 0.0
    for field, weight in ((title, 0.9), (path, 0.8)):
        at = field.find(q)
        if at >= 0:
            return weight - min(at, 100) / 1000
    haystack = f"{title} {path}"
    if all(word in haystack for word in q.split()):
        return 0.6
    if len(q) >= 3 and _subsequence(q.replace(" ", ""), haystack):
        return 0.3
    return 0.0


class StoryCommands(Provider):
    """Entities and sources of the open story."""

    @property
    def _app(self) -> StoryviewApp:
        return self.app  # type: ignore[return-value]

    _folded: tuple[tuple[str, str], ...] = ()

    async def startup(self) -> None:
        # titles and paths folded once per palette, not once per keystroke
        story = self._app.story
        if story is not None:
            from ..engine.names import fold

            self._folded = await asyncio.to_thread(
                lambda: tuple((fold(source.title), fold(source.path)) for source in story.sources))

    def _entity_prompt(self, name: str, entity_type: str, matched: str, mentions: int) -> Text:
        prompt = Text(no_wrap=True)
        prompt.append(printable(name), style="bold")
        prompt.append(f"  {TYPE_BADGE.get(entity_type, entity_type)} · {plural(mentions, 'mention')}", style="dim")
        if matched and matched != name:
            prompt.append(f"  matched {printable(matched)}", style="dim italic")
        return prompt

    def _source_prompt(self, number: int, source: Source) -> Text:
        prompt = Text(no_wrap=True)
        prompt.append(f"#{number} ", style="bold")
        prompt.append(printable(source.title))
        prompt.append(f"  {source.language} · {source_date(source)} · {printable(source.path)}", style="dim")
        return prompt

    async def discover(self) -> Hits:
        story = self._app.story
        if story is None:
            return
        for entity in story.entities[:_ENTITY_HITS]:
            yield DiscoveryHit(self._entity_prompt(entity.name, entity.type, "", len(entity.mentions)),
                               partial(self._app.go_to_entity, entity.id), text=entity.name)

    async def search(self, query: str) -> Hits:
        story = self._app.story
        if story is None or not query.strip():
            return
        from ..engine.names import fold

        results = await asyncio.to_thread(story.search, query, _ENTITY_HITS)
        for result in results:
            entity = result.entity
            yield Hit(0.5 + result.score / 2,
                      self._entity_prompt(entity.name, entity.type, result.matched, len(entity.mentions)),
                      partial(self._app.go_to_entity, entity.id), text=entity.name)
        folded_query = fold(query)
        scored = [(source_score(folded_query, title, path), number, source)
                  for number, (source, (title, path)) in enumerate(zip(story.sources, self._folded, strict=True), 1)]
        scored = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1]))[:_SOURCE_HITS]
        for score, number, source in scored:
            yield Hit(score * 0.9, self._source_prompt(number, source),
                      partial(self._app.go_to_source, source.id), text=source.title)
