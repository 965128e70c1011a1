"""A loaded story: its sources, the entities named in them, search and the chronology — the one
object the CLI, the Python API and the TUI all read."""

from __future__ import annotations

import dataclasses
import functools
import gc
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from . import judgements as judging
from .cooccurrence import CoOccurrence, SentenceIndex, cooccurrence_json, cooccurrences
from .detection import NameDetector, Occurrence
from .linking import Linker
from .loading import find_articles
from .model import Entity, Event, Mention, SearchResult, Skipped, Source, TemporalExpression, json_path, json_text
from .search import SearchIndex
from .shards import build_in_shards, shards_for

if TYPE_CHECKING:
    from .suggestions import Suggestion
from .wordlists import add_story_roots

# progress(stage, done, total): stages are "reading", "names", "linking", "indexing"
Progress = Callable[[str, int, int], None]
_T = TypeVar("_T")


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
        self._linked = entities  # as the linker made them: judgements are always applied to these afresh
        self._entity_by_id = {e.id: e for e in entities}
        # the user's judgements (judgements.py): the file they live in, and what each did on this story
        self.judgement_file = judging.JudgementFile(None)
        self.judgement_outcomes: list[judging.Outcome] = []
        self._undo: list[tuple[judging.Judgement, ...]] = []
        self._redo: list[tuple[judging.Judgement, ...]] = []
        self._editing = threading.RLock()
        self.judgement_label = ""  # the story's paths, written into its judgement file for the reader
        self.revision = 0  # how many times judgements reshaped the entities since the story was built
        self._source_by_id = {s.id: s for s in sources}
        # source id -> why its dates are missing from the chronology (a bug; see chronology.build_timeline)
        self.chronology_warnings: dict[str, str] = {}

    def _cached(self, name: str, build: Callable[[], _T]) -> _T:
        """What `build` made for the entities as they are, kept under `name` until a judgement changes them.

        A build running in one thread (the chronology takes seconds on a big story) while a judgement is
        applied in another would otherwise keep what it made from the old entities for good."""
        if name in self.__dict__:
            return self.__dict__[name]
        revision = self.revision
        value = build()
        if revision == self.revision:
            self.__dict__[name] = value
        return value

    @property
    def _index(self) -> SearchIndex:
        # built on first use: `entities`, `sources` and `timeline` never need it
        def build() -> SearchIndex:
            with _gc_paused():
                return SearchIndex(self.entities, {s.id: s.language for s in self.sources})

        return self._cached("_index", build)

    def prepare_search(self) -> None:
        """Build the search index now (e.g. in a loading worker) rather than on the first query, and fill
        its caches for typing (the story's given names in every spelling): a one-query run (the CLI's
        search) never pays for that."""
        with _gc_paused():
            self._index.warm_given_names()

    def search(self, query: str, limit: int = 20) -> list[SearchResult]:
        """Entities matching any spelling of `query`, best first (any str: it is sanitised first, see
        search.clean_query)."""
        return self._index.search(query, limit)

    def entity(self, entity_id: str) -> Entity | None:
        return self._entity_by_id.get(entity_id)

    def find_entity(self, ref: str | Entity) -> Entity | None:
        """The entity `ref` names: an entity, its id, its name, one of its spellings (exactly, then folded),
        else the best search result for it; None if nothing matches."""
        if isinstance(ref, Entity):
            return self._entity_by_id.get(ref.id)
        if ref in self._entity_by_id:
            return self._entity_by_id[ref]
        key = judging.fold(ref)
        for same in (lambda e: e.name == ref, lambda e: any(v.text == ref for v in e.variants),
                     lambda e: judging.fold(e.name) == key,
                     lambda e: any(judging.fold(v.text) == key for v in e.variants)):
            found = next((e for e in self.entities if same(e)), None)
            if found is not None:
                return found
        results = self.search(ref, 1)
        return results[0].entity if results else None

    @functools.cached_property
    def sentences(self) -> SentenceIndex:
        """The sentence around any mention (`sentences.around(mention)`), split per source on first use."""
        return SentenceIndex(self.sources)

    def cooccurrence(self, ref: str | Entity, limit: int | None = None) -> list[CoOccurrence]:
        """The entities named with `ref` (an entity, id, name or spelling, as find_entity reads it): most
        shared sentences first, then most shared sources. Raises LookupError if `ref` names none."""
        entity = self.find_entity(ref)
        if entity is None:
            raise LookupError(f"no entity is named or spelled '{ref}' in this story")
        found = cooccurrences(entity, self.mentions_by_source, self._entity_by_id, self.sentences)
        return found[:limit] if limit is not None else found

    def cooccurrence_json(self, ref: str | Entity, limit: int | None = None) -> dict:
        entity = self.find_entity(ref)
        if entity is None:
            raise LookupError(f"no entity is named or spelled '{ref}' in this story")
        return cooccurrence_json(entity, self.cooccurrence(entity, limit))

    def source(self, source_id: str) -> Source | None:
        return self._source_by_id.get(source_id)

    @property
    def mentions_by_source(self) -> dict[str, list[Mention]]:
        return self._cached("mentions_by_source", self._mentions_by_source)

    def _mentions_by_source(self) -> dict[str, list[Mention]]:
        with _gc_paused():
            out: dict[str, list[Mention]] = {s.id: [] for s in self.sources}
            for entity in self.entities:
                for mention in entity.mentions:
                    out[mention.source_id].append(mention)
            for mentions in out.values():
                mentions.sort(key=lambda m: (m.start, -m.end))
            return out

    @property
    def _chronology(self) -> tuple[list[TemporalExpression], list[Event]]:
        return self._cached("_chronology", self._build_chronology)

    def _build_chronology(self) -> tuple[list[TemporalExpression], list[Event]]:
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

    # -- judgements: corrections that stick (see judgements.py) --------------------------------------------
    def open_judgements(self, path: str | os.PathLike | None) -> judging.JudgementFile:
        """Read the judgement file at `path` (None: none) and apply it. A file that cannot be used is named
        in `judgement_file.problem` and ignored; a judgement that no longer applies is in
        `stale_judgements`."""
        with self._editing:
            self.judgement_file = judging.read_file(Path(path) if path is not None else None)
            self._undo.clear()
            self._redo.clear()
            self._reapply()
            return self.judgement_file

    @property
    def judgements(self) -> tuple[judging.Judgement, ...]:
        return self.judgement_file.judgements

    @property
    def stale_judgements(self) -> list[judging.Outcome]:
        """Judgements that did nothing because what they name is gone, or that contradict an earlier one."""
        return [o for o in self.judgement_outcomes if o.status in ("stale", "conflict")]

    def merge(self, *refs: str | Entity, verdict: judging.Verdict = "positive") -> list[judging.Outcome]:
        """Judge the first entity the same as each other one (`verdict`: "negative" for not the same,
        "unsure"). A ref is an entity, an entity id, or a spelling as printed."""
        if len(refs) < 2:
            raise judging.JudgementError("name at least two entities or spellings")
        with self._editing:
            first = self._spelling(refs[0])
            new = [judging.Judgement("match", verdict=verdict, left=first, right=self._spelling(ref), at=judging.now())
                   for ref in refs[1:]]
            if any(j.left == j.right for j in new):
                raise judging.JudgementError(f"'{first}' cannot be judged against itself")
            return self._record(*new)

    def reject(self, a: str | Entity, b: str | Entity) -> judging.Outcome:
        """Record that `a` and `b` are not the same: they are kept apart, and never suggested again."""
        return self.merge(a, b, verdict="negative")[0]

    def split(self, spelling: str, entity: str | Entity | None = None) -> judging.Outcome:
        """Split every mention spelled `spelling` off its entity (or off `entity`) into an entity of its own."""
        with self._editing:
            anchor = self._spelling(entity) if entity is not None else None
            judgement = judging.Judgement("split", spelling=judging.checked_text(spelling, "the spelling"),
                                          entity=anchor, at=judging.now())
            return self._record(judgement)[0]

    def split_mention(self, mention: Mention) -> judging.Outcome:
        """Split one mention off its entity (it is keyed by its source path, offsets and text)."""
        with self._editing:
            judgement = judging.Judgement("split", spelling=mention.text, source=mention.source, start=mention.start,
                                          end=mention.end, at=judging.now())
            return self._record(judgement)[0]

    def find_mention(self, source: str, start: int) -> Mention:
        """The mention starting at `start` in the source whose path (or id) is `source`."""
        for entity in self.entities:
            for mention in entity.mentions:
                if mention.start == start and source in (mention.source, mention.source_id):
                    return mention
        raise judging.JudgementError(f"no name starts at {source}:{start}")

    def rename(self, entity: str | Entity, name: str) -> judging.Outcome:
        with self._editing:
            judgement = judging.Judgement("rename", entity=self._spelling(entity),
                                          name=judging.checked_text(name.strip(), "the name"), at=judging.now())
            return self._record(judgement)[0]

    def retype(self, entity: str | Entity, kind: str) -> judging.Outcome:
        """`kind`: person, place, org(anisation) or other."""
        with self._editing:
            judgement = judging.Judgement("retype", entity=self._spelling(entity), type=judging.entity_type(kind),
                                          at=judging.now())
            return self._record(judgement)[0]

    def undo(self) -> judging.Judgement | None:
        """Take back the last change (this session's, else the file's last judgement); None if none."""
        with self._editing:
            current = self.judgements
            if self._undo:
                before = self._undo[-1]
            elif current:
                before = current[:-1]
            else:
                return None
            undone = next((j for j in reversed(current) if j not in before), current[-1] if current else None)
            self._save(before)
            if self._undo:
                self._undo.pop()
            self._redo.append(current)
            return undone

    def redo(self) -> judging.Judgement | None:
        with self._editing:
            if not self._redo:
                return None
            after = self._redo.pop()
            before = self.judgements
            self._save(after)
            self._undo.append(before)
            return after[-1] if after else None

    def _record(self, *new: judging.Judgement) -> list[judging.Outcome]:
        before = self.judgements
        after: list[judging.Judgement] = list(before)
        for judgement in new:
            after = judging.recorded(after, judgement)
        self._save(tuple(after))
        # what undo goes back to: the file as saved (another process's judgements kept) without these, with
        # what these replaced
        saved = self.judgements
        self._undo.append(tuple(j for j in saved if j not in new) + tuple(j for j in before if j not in saved))
        self._redo.clear()
        return [o for o in self.judgement_outcomes if o.judgement in new]

    def _save(self, judgements: tuple[judging.Judgement, ...]) -> None:
        """Write the file first (atomically), then show the change: a change that cannot be saved is not made."""
        current = self.judgement_file
        if current.path is None:
            raise judging.JudgementError("this story has no judgement file (choose one with --judgements)")
        if current.problem is not None:
            raise judging.JudgementError(f"{current.path} {current.problem}: it is left as it is and nothing is "
                                         f"saved; move it away or choose another file")
        # under the file's lock, on top of what another process saved meanwhile (two `storyview merge` at once)
        judgements = judging.save_changes(current.path, current.judgements, judgements, story=self.judgement_label)
        self.judgement_file = dataclasses.replace(current, judgements=judgements, exists=True)
        self._reapply()

    def _reapply(self) -> None:
        entities, self.judgement_outcomes = judging.apply(self._linked, self.sources, self.judgements)
        self.__dict__.pop("_suggestions", None)  # a judgement (a "not the same" too) changes what is suggested
        if len(entities) == len(self.entities) and all(a is b for a, b in zip(entities, self.entities, strict=True)):
            return  # nothing changed (no judgements, or none that applies): the caches stay
        self.entities = entities
        self._entity_by_id = {e.id: e for e in entities}
        self.revision += 1
        for cached in ("_index", "mentions_by_source", "_chronology"):
            self.__dict__.pop(cached, None)  # built again from the new entities on next use

    def _spelling(self, ref: str | Entity) -> str:
        """The spelling a judgement names an entity by: the ref itself if it is a spelling in the story,
        else (an entity, an id, a display name) a spelling of that entity which names it and no other."""
        if isinstance(ref, Entity):
            return self._anchor(ref)
        judging.checked_text(ref, "the entity or spelling")
        if any(v.text == ref for e in self.entities for v in e.variants):
            return ref
        by_id = self._entity_by_id.get(ref)
        if by_id is not None:
            return self._anchor(by_id)
        named = [e for e in self.entities if e.name == ref] or \
            [e for e in self.entities if judging.fold(e.name) == judging.fold(ref)]
        if named:
            return self._anchor(named[0])
        key = judging.fold(ref)
        for entity in self.entities:
            for variant in entity.variants:
                if judging.fold(variant.text) == key:
                    return variant.text
        raise judging.JudgementError(f"no entity is named or spelled '{ref}' in this story")

    def _anchor(self, entity: Entity) -> str:
        """Its most used spelling that no other entity uses as often (the one a judgement finds it by)."""
        for variant in entity.variants:
            if all(sum(1 for v in other.variants if v.text == variant.text and v.count >= variant.count) == 0
                   for other in self.entities if other is not entity):
                return variant.text
        return entity.variants[0].text

    def suggestions(self, limit: int | None = None) -> list[Suggestion]:
        """Pairs of entities that may be one (suggestions.py), best first, never one judged not the same or
        unsure; accept one with `merge(s.left_entity, s.right_entity)`, reject it with `reject(...)`.
        Computed on first use, again after a change."""
        found = self._suggestions
        return found[:limit] if limit is not None else list(found)

    @property
    def _suggestions(self) -> list[Suggestion]:
        from .suggestions import suggest

        def build() -> list[Suggestion]:
            with self._editing:
                return suggest(self.entities, self.judgements)

        return self._cached("_suggestions", build)

    def accept(self, *suggestions: Suggestion, verdict: judging.Verdict = "positive") -> list[judging.Outcome]:
        """Judge each suggested pair the same (`verdict` "negative": not the same, never suggested again), all
        in one save. A pair whose two sides are one entity by now (an earlier acceptance joined them) is
        left out."""
        with self._editing:
            new = [judging.Judgement("match", verdict=verdict, left=s.left_key, right=s.right_key, at=judging.now(),
                                     left_source=s.left_source, right_source=s.right_source)
                   for s in suggestions if (s.left_key, s.left_source) != (s.right_key, s.right_source)]
            return self._record(*new) if new else []

    def reject_suggestions(self, *suggestions: Suggestion) -> list[judging.Outcome]:
        return self.accept(*suggestions, verdict="negative")

    def suggestions_json(self, limit: int | None = None) -> dict:
        return {"suggestions": [s.to_json(rank) for rank, s in enumerate(self.suggestions(limit), 1)]}

    def judgements_json(self) -> dict:
        file = self.judgement_file
        return {"file": json_path(str(file.path)) if file.path is not None else None,
                "problem": json_text(file.problem) if file.problem else None,
                "judgements": [o.to_json() for o in self.judgement_outcomes]}

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
         follow_links: bool = False, judgements: str | os.PathLike | bool | None = None) -> Story:
    """Read a story from folders (recursively) and files; no path means the bundled sample story.

    Raises loading.PathError (loading.PathNotFound for a path that does not exist) for a path that cannot
    be used; unreadable files are skipped and listed in `story.skipped` with the reason. Links whose
    target is outside every path are skipped unless `follow_links`. `workers` is how many processes
    build it (default: as many as the machine has cores and the story is big enough to repay; the story
    is the same either way). `judgements` is the user's judgement file (judgements.py): None for the
    story's own (beside the folder, or in the data folder; $STORYVIEW_JUDGEMENTS overrides), a path, or
    False for none; they are applied after linking.
    """
    from ..resources import bundled_seeds

    if not paths:
        paths = (bundled_seeds(),)
    add_story_roots(paths)  # the dictionary cache is never written inside the story being read
    with _gc_paused():
        candidates, skipped = find_articles(list(paths), follow_links=follow_links)
        if progress is not None:
            progress("reading", 0, len(candidates))
        sources, unread, occurrences = build_in_shards(candidates, shards_for(len(candidates), workers), progress)
        skipped = sorted(skipped + unread, key=lambda s: s.path)
        story = _linked(sources, skipped, occurrences, progress)
    if judgements is not False:
        story.judgement_label = os.pathsep.join(sorted(os.path.abspath(os.fsdecode(os.fspath(p))) for p in paths))
        if judgements is None or judgements is True:
            try:
                bundled: Path | None = bundled_seeds()
            except FileNotFoundError:  # an installation without the sample: no path can be it
                bundled = None
            story.open_judgements(judging.default_file(paths, bundled))
        else:
            story.open_judgements(judgements)
    return story
