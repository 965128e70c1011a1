"""A loaded story: its sources, the entities named in them, search and the chronology — the one
object the CLI, the Python API and the TUI all read."""

from __future__ import annotations

import dataclasses
import gc
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property

from .detection import NameDetector, Occurrence
from .linking import Linker
from .loading import find_articles
from .model import Entity, Event, Mention, SearchResult, Skipped, Source, TemporalExpression, json_path, json_text
from .search import SearchIndex
from .shards import build_in_shards, shards_for
from .wordlists import add_story_roots

# progress(stage, done, total): stages are "reading", "names", "linking", "indexing"
Progress = Callable[[str, int, int], None]


class _GcPause:
    """Cyclic garbage collection off while a story is built, and the built story kept out of its way
    (re-entrant, shared by threads).

    Building allocates millions of small objects and no reference cycles (a test checks that a dropped
    story is freed by reference counting alone), yet every few thousand allocations the collector walks
    the growing heap: 2.5 of 15 s on 10,000 articles. And once it is back on, the first collections would
    walk every object of the new story two or three times over, 0.4 s each at 10,000 articles: pauses a
    person typing a search would feel. So collection is off while building, and at the end everything
    alive is moved to the collector's permanent generation (gc.freeze). Garbage already waiting when the
    build starts is collected first, so that none of it is frozen with the story.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                if self._was_enabled:
                    gc.collect()
                gc.disable()
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0 and self._was_enabled:
                    gc.freeze()
                    gc.enable()


_gc_paused = _GcPause()


class Story:
    def __init__(self, sources: list[Source], skipped: list[Skipped], entities: list[Entity]):
        self.sources = sources
        self.skipped = skipped
        self.entities = entities
        self._entity_by_id = {e.id: e for e in entities}
        self._source_by_id = {s.id: s for s in sources}
        # source id -> why its dates are missing from the chronology (a bug; see chronology.build_timeline)
        self.chronology_warnings: dict[str, str] = {}

    @cached_property
    def _index(self) -> SearchIndex:
        # built on first use: `entities`, `sources` and `timeline` never need it
        with _gc_paused():
            return SearchIndex(self.entities, {s.id: s.language for s in self.sources})

    def prepare_search(self) -> None:
        """Build the search index now (e.g. in a loading worker) rather than on the first query."""
        _ = self._index

    def search(self, query: str, limit: int = 20) -> list[SearchResult]:
        """Entities matching any spelling of `query`, best first (any str: it is sanitised first, see
        search.clean_query)."""
        return self._index.search(query, limit)

    def entity(self, entity_id: str) -> Entity | None:
        return self._entity_by_id.get(entity_id)

    def source(self, source_id: str) -> Source | None:
        return self._source_by_id.get(source_id)

    @cached_property
    def mentions_by_source(self) -> dict[str, list[Mention]]:
        with _gc_paused():
            out: dict[str, list[Mention]] = {s.id: [] for s in self.sources}
            for entity in self.entities:
                for mention in entity.mentions:
                    out[mention.source_id].append(mention)
            for mentions in out.values():
                mentions.sort(key=lambda m: (m.start, -m.end))
            return out

    @cached_property
    def _chronology(self) -> tuple[list[TemporalExpression], list[Event]]:
        from .chronology import build_timeline

        spans = {sid: [(m.start, m.end, m.entity_id) for m in mentions]
                 for sid, mentions in self.mentions_by_source.items()}
        failures: dict[str, str] = {}

        def failed(source: Source, warning: str) -> None:
            failures[source.id] = warning

        with _gc_paused():
            built = build_timeline(self.sources, spans, failed)
        if failures:
            self._warn(failures)
        return built

    def _warn(self, warnings: dict[str, str]) -> None:
        """Add a warning to some sources (by id), where every client shows a source's warnings.

        The sources are values: each is replaced, in place in `self.sources`, by a copy with the warning."""
        for i, source in enumerate(self.sources):
            if source.id in warnings:
                warned = dataclasses.replace(source, warnings=(*source.warnings, warnings[source.id]))
                self.sources[i] = self._source_by_id[source.id] = warned
        self.chronology_warnings.update(warnings)

    @property
    def timeline(self) -> list[TemporalExpression]:
        """Every temporal expression, chronologically, unresolved last."""
        return self._chronology[0]

    @property
    def events(self) -> list[Event]:
        return self._chronology[1]

    # -- the JSON contract ------------------------------------------------------------------------------
    def search_json(self, query: str, limit: int = 20) -> dict:
        return {"query": json_text(query), "results": [r.to_json() for r in self.search(query, limit)]}

    def entities_json(self) -> dict:
        return {"entities": [e.to_json() for e in self.entities]}

    def sources_json(self) -> dict:
        return {"sources": [s.to_json() for s in self.sources], "skipped": [s.to_json() for s in self.skipped]}

    def timeline_json(self) -> dict:
        payload: dict = {"events": [t.to_json() for t in self.timeline]}
        if self.chronology_warnings:  # only then: dates not read (a bug) or cut at the limit
            payload["warnings"] = [{"source": json_path(self._source_by_id[sid].path), "source_id": json_path(sid),
                                    "warning": json_text(warning)}
                                   for sid, warning in sorted(self.chronology_warnings.items())]
        return payload


def build_story(sources: list[Source], skipped: list[Skipped], progress: Progress | None = None) -> Story:
    """A story from sources already loaded (load() reads files and builds in one go, on several cores)."""
    with _gc_paused():
        detector = NameDetector(sources)
        detector.collect_evidence()
        occurrences = []
        for i in range(len(sources)):
            occurrences.extend(detector.detect(i))
            if progress is not None and (i % 25 == 0 or i == len(sources) - 1):
                progress("names", i + 1, len(sources))
        return _linked(sources, skipped, occurrences, progress)


def _linked(sources: list[Source], skipped: list[Skipped], occurrences: list[Occurrence],
            progress: Progress | None) -> Story:
    if progress is not None:
        progress("linking", 0, 1)
    entities = Linker(sources, occurrences).link()
    if progress is not None:
        progress("indexing", 0, 1)
    story = Story(sources, skipped, entities)
    if progress is not None:
        progress("indexing", 1, 1)  # the search index itself is built on first use (Story.prepare_search)
    return story


def load(*paths: str | os.PathLike, progress: Progress | None = None, workers: int | None = None,
         follow_links: bool = False) -> Story:
    """Read a story from folders (recursively) and files; no path means the bundled sample story.

    Raises loading.PathError (loading.PathNotFound for a path that does not exist) for a path that cannot
    be used; unreadable files are skipped and listed in `story.skipped` with the reason. Links whose
    target is outside every path are skipped unless `follow_links`. `workers` is how many processes
    build it (default: as many as the machine has cores and the story is big enough to repay; the story
    is the same either way).
    """
    if not paths:
        from ..resources import bundled_seeds

        paths = (bundled_seeds(),)
    add_story_roots(paths)  # the dictionary cache is never written inside the story being read
    with _gc_paused():
        candidates, skipped = find_articles(list(paths), follow_links=follow_links)
        if progress is not None:
            progress("reading", 0, len(candidates))
        sources, unread, occurrences = build_in_shards(candidates, shards_for(len(candidates), workers), progress)
        skipped = sorted(skipped + unread, key=lambda s: s.path)
        return _linked(sources, skipped, occurrences, progress)
