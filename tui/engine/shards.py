"""Building a story in shards, on every core the machine gives us.

Most of the work of building a story is per file: decoding, language, the capitalised runs, segmenting
them into names. Three steps need the whole story: repeated paragraphs (boilerplate compares every
body), name evidence (a word capitalised mid-sentence anywhere vouches for it everywhere) and linking.
So the files are dealt out into shards; each shard does its per-file work, hands up what the story-wide
steps need, gets the merged result back and carries on:

    read + describe files  ->  edge-line counts          (merged: repeated-line candidates)
    look for those in prose ->  prose keys                (merged: RepeatedParagraphs)
    sources + runs          ->  name evidence             (merged: evidence of the whole story)
    detect names            ->  sources and occurrences   (linked by the caller)

A shard is a generator that yields what it found and is sent the merged answer. One shard runs in this
process; the others run in forked worker processes when the story is big enough to repay a fork. The
merges are sums and unions and every shard's output is put back in story order, so the story is the same
whatever the number of shards (a test checks it). A worker that fails or dies is not fatal: its shard is
replayed here from the answers it was sent.

Boilerplate keys are Python string hashes, which a forked worker shares with its parent: workers are
forked, never spawned.

A worker never outlives the process that forked it: it is killed when its parent dies (a parent-death
signal, and a thread watching the parent's end of a pipe where that signal is not available), and it lets
go of every pipe, socket and terminal it inherited, the caller's stdout first, so a reader of the
caller's output sees end-of-file as soon as the caller is gone.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import stat
import sys
import threading
from collections import Counter
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import Any

from .boilerplate import RepeatedParagraphs, edge_line_counts, prose_keys, repeated_candidates
from .detection import NameDetector, Occurrence
from .loading import Article, _Candidate, make_sources, read_articles, source_ids
from .model import Skipped, Source

# progress(stage, done, total), as in story.Progress
Progress = Callable[[str, int, int], None]

# A worker process costs a fork and pickling its results back (~0.1 s for 1,000 articles): below this many
# files per shard the story is built faster in one process.
MIN_FILES_PER_SHARD = 150
MAX_SHARDS = 8


@dataclass
class _Read:
    """What a shard reports after reading its files."""

    positions: list[int]  # story positions (index into all candidates) of the files read as articles
    paths: list[str]
    skipped: list[Skipped]
    edge_counts: dict[int, int]
    body_hashes: list[int]


@dataclass
class _Plan:
    """The story's answer to _Read: ids and story indices of the shard's articles, lines to look for."""

    ids: list[str]
    story_indices: list[int]
    repeated_candidates: set[int]


ShardWork = Generator[Any, Any, tuple[list[Source], list[list[Occurrence]]]]


def _shard(candidates: Sequence[tuple[int, _Candidate]], progress: Progress | None) -> ShardWork:
    """One shard's work; see the module docstring for what it yields and is sent."""
    articles: list[Article] = []
    positions: list[int] = []
    skipped: list[Skipped] = []
    for done, (position, candidate) in enumerate(candidates, 1):
        read, unread = read_articles(candidate)  # a feed or an export: several articles at one position
        skipped.extend(unread)
        articles.extend(read)
        positions.extend([position] * len(read))
        if progress is not None:
            progress("reading", done, len(candidates))
    bodies = [article.body for article in articles]
    plan: _Plan = yield _Read(positions, [a.path for a in articles], skipped,
                              edge_line_counts(bodies, [a.boilerplate_outlet for a in articles]),
                              [hash(body) for body in bodies])

    repeated: RepeatedParagraphs = yield prose_keys(bodies, plan.repeated_candidates)
    del bodies
    sources = make_sources(articles, plan.ids, repeated)
    del articles
    detector = NameDetector(sources)
    detector.collect_evidence()
    evidence, standalone = yield detector.evidence, detector.standalone

    detector.evidence, detector.standalone = evidence, standalone
    occurrences: list[list[Occurrence]] = []
    for local, story_index in enumerate(plan.story_indices):
        occurrences.append(detector.detect(local, story_index))
        if progress is not None and (local % 25 == 0 or local == len(sources) - 1):
            progress("names", local + 1, len(sources))
    return sources, occurrences


def build_in_shards(
    candidates: list[_Candidate], shards: int, progress: Progress | None = None
) -> tuple[list[Source], list[Skipped], list[Occurrence]]:
    """Read, describe and detect names in `candidates` using `shards` shards (1 = all in this process).

    Returns the sources in story order, the files skipped while reading, and every name occurrence in
    story order.
    """
    shards = max(1, min(shards, len(candidates)))
    # Dealt round-robin: files next to each other in a folder are often alike in size and language.
    dealt = [[(p, c) for p, c in enumerate(candidates) if p % shards == k] for k in range(shards)]
    local_progress = _StoryProgress(progress, len(candidates)) if progress is not None else None
    runners: list[_Runner] = [_Local(_shard(dealt[0], local_progress))]
    runners += [_Forked(part) for part in dealt[1:]]
    try:
        reads: list[_Read] = _step(runners, [None] * shards)

        order = sorted((position, k, i) for k, read in enumerate(reads) for i, position in enumerate(read.positions))
        ids = source_ids([reads[k].paths[i] for _, k, i in order])
        story_index = {(k, i): n for n, (_, k, i) in enumerate(order)}
        if local_progress is not None:
            local_progress.totals["names"] = len(order)
        counts: dict[int, int] = {}
        for read in reads:
            for key, n in read.edge_counts.items():
                counts[key] = counts.get(key, 0) + n
        candidates_set = repeated_candidates(counts)
        plans = []
        for k, read in enumerate(reads):
            indices = [story_index[(k, i)] for i in range(len(read.positions))]
            plans.append(_Plan([ids[n] for n in indices], indices, candidates_set))
        prose: list[set[int]] = _step(runners, plans)

        body_hashes = frozenset(h for read in reads for h in read.body_hashes)
        repeated = RepeatedParagraphs(counts, body_hashes, frozenset().union(*prose))
        found: list[tuple[Counter[str], set[str]]] = _step(runners, [repeated] * shards)

        evidence: Counter[str] = Counter()
        standalone: set[str] = set()
        for shard_evidence, shard_standalone in found:
            evidence.update(shard_evidence)
            standalone |= shard_standalone
        results: list[tuple[list[Source], list[list[Occurrence]]]] = _step(runners, [(evidence, standalone)] * shards)
    finally:
        for runner in runners:
            runner.close()

    sources: list[Source] = [None] * len(order)  # type: ignore[list-item]
    by_source: list[list[Occurrence]] = [[]] * len(order)
    for k, (shard_sources, shard_occurrences) in enumerate(results):
        for i, (source, found_here) in enumerate(zip(shard_sources, shard_occurrences, strict=True)):
            sources[story_index[(k, i)]] = source
            by_source[story_index[(k, i)]] = found_here
    skipped = [s for read in reads for s in read.skipped]
    return sources, skipped, [occurrence for found_here in by_source for occurrence in found_here]


def shards_for(candidates: int, requested: int | None = None) -> int:
    """How many shards to build a story of `candidates` files in: `requested`, or what the machine and
    the story's size repay (STORYVIEW_WORKERS overrides the automatic choice, e.g. 1 for one process)."""
    if not _can_fork():
        return 1
    if requested is None:
        configured = os.environ.get("STORYVIEW_WORKERS", "").strip()
        if configured.isdigit() and int(configured) > 0:
            requested = int(configured)
    if requested is not None:
        return max(1, min(requested, MAX_SHARDS, candidates))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, MAX_SHARDS, candidates // MIN_FILES_PER_SHARD))


def _can_fork() -> bool:
    # fork is safe on Linux; macOS frameworks are not fork-safe, and Windows has no fork
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class _StoryProgress:
    """Progress of this process's shard reported as progress over the whole story (shards are alike)."""

    def __init__(self, progress: Progress, files: int):
        self._progress = progress
        self.totals = {"reading": files}  # "names": the number of sources, once the shards have read

    def __call__(self, stage: str, done: int, total: int) -> None:
        whole = self.totals.get(stage, total)
        self._progress(stage, whole if done >= total else min(whole, done * whole // max(1, total)), whole)


def _step(runners: list[_Runner], answers: list[Any]) -> list[Any]:
    """Send each shard its answer and collect what each yields next, the forked ones working meanwhile."""
    for runner, answer in zip(runners[1:], answers[1:], strict=True):
        runner.begin(answer)
    runners[0].begin(answers[0])
    return [runner.end() for runner in runners]


class _Runner:
    def begin(self, answer: Any) -> None:
        raise NotImplementedError

    def end(self) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        pass


class _Local(_Runner):
    """A shard run in this process."""

    def __init__(self, work: ShardWork):
        self._work = work
        self._answer: Any = None

    def begin(self, answer: Any) -> None:
        self._answer = answer

    def end(self) -> Any:
        try:
            return self._work.send(self._answer)
        except StopIteration as finished:
            return finished.value

    def close(self) -> None:
        self._work.close()


class _Forked(_Runner):
    """A shard run in a forked worker process, replayed here if the worker fails."""

    def __init__(self, candidates: list[tuple[int, _Candidate]]):
        self._candidates = candidates
        self._answers: list[Any] = []
        self._fallback: _Local | None = None
        context = multiprocessing.get_context("fork")
        self._connection, child_end = context.Pipe()
        # what this process holds before the fork is what the worker inherits, and must let go of
        inherited = _open_descriptors() - {child_end.fileno()}
        self._process: multiprocessing.process.BaseProcess | None = context.Process(
            target=_worker, args=(child_end, candidates, os.getpid(), inherited), daemon=True, name="storyview-shard")
        try:
            self._process.start()
        except OSError:  # no more processes (ulimit) or memory: do the work here instead
            self._process = None
            self._replay()
        finally:
            child_end.close()

    def begin(self, answer: Any) -> None:
        self._answers.append(answer)
        if self._fallback is not None:
            self._fallback.begin(answer)
            return
        try:
            self._connection.send(answer)
        except (OSError, ValueError):
            self._replay()

    def end(self) -> Any:
        if self._fallback is None:
            try:
                status, value = self._connection.recv()
            except (EOFError, OSError, ValueError):
                status, value = "failed", None
            if status == "ok":
                return value
            if status == "done":
                return _unpacked(value)
            self._replay()
        assert self._fallback is not None
        return self._fallback.end()

    def _replay(self) -> None:
        """Take the shard over: rerun it here, sending it every answer the worker was sent."""
        self._stop_worker()
        local = _Local(_shard(self._candidates, None))
        for answer in self._answers[:-1]:
            local.begin(answer)
            local.end()
        if self._answers:
            local.begin(self._answers[-1])
        self._fallback = local

    def _stop_worker(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join()
            self._process = None
        self._connection.close()

    def close(self) -> None:
        self._stop_worker()
        if self._fallback is not None:
            self._fallback.close()


def _packed(result: tuple[list[Source], list[list[Occurrence]]]) -> tuple:
    sources, occurrences = result
    return sources, [[occurrence.fields() for occurrence in found] for found in occurrences]


def _unpacked(packed: tuple) -> tuple[list[Source], list[list[Occurrence]]]:
    sources, occurrences = packed
    return sources, [[Occurrence(*fields) for fields in found] for found in occurrences]


# prctl(2) option: the signal this process gets when the thread that forked it ends
_PR_SET_PDEATHSIG = 1


def _worker(connection: Any, candidates: list[tuple[int, _Candidate]], parent: int, inherited: set[int]) -> None:
    """A forked worker's first steps, then its work (`_serve`, looked up now so a test can replace it)."""
    _die_with_parent(parent)
    _let_go_of(inherited)
    _reset_signals()
    _serve(connection, candidates)


def _die_with_parent(parent: int) -> None:
    """Make sure this worker ends when its parent does, however the parent ends (even SIGKILL).

    The kernel's parent-death signal fires when the *thread* that forked us ends, not the process: the
    thread that builds a story forks its workers and joins them before it returns, so it outlives them.
    Where prctl cannot be called, a thread waits for the pipe multiprocessing keeps open to the parent
    to reach end-of-file, which happens when the parent process is gone."""
    armed = False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):  # no libc with prctl here: the watchdog alone will do
        pass
    if os.getppid() != parent:  # the parent died before the signal was armed: we were adopted already
        os._exit(1)
    if not armed:
        watched = multiprocessing.parent_process()
        if watched is not None:
            threading.Thread(target=_exit_when_gone, args=(watched,), daemon=True,
                             name="storyview-shard-watchdog").start()


def _exit_when_gone(parent: Any) -> None:
    parent.join()
    os._exit(1)


def _open_descriptors() -> set[int]:
    try:
        return {int(name) for name in os.listdir("/proc/self/fd")}
    except OSError:  # no /proc: only the standard streams are known to be there
        return {0, 1, 2}


def _let_go_of(inherited: set[int]) -> None:
    """Point the standard streams, and every pipe, socket and terminal inherited from the parent, at
    /dev/null. A worker writes to none of them; while it held the caller's stdout (or the parent's end
    of its own pipe), a reader waiting for end-of-file waited for the worker too. They are replaced
    rather than closed so their numbers are not reused while an object inherited from the parent still
    thinks it owns one. Regular files stay: an inherited memory map may still need its descriptor."""
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in sorted(inherited | {0, 1, 2}):
            if fd == null:
                continue
            try:
                mode = os.fstat(fd).st_mode
                if fd <= 2 or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or os.isatty(fd):
                    os.dup2(null, fd)
            except OSError:  # closed since the fork (e.g. the listing's own descriptor): nothing to drop
                continue
    finally:
        os.close(null)


def _reset_signals() -> None:
    """Handlers inherited from the parent (the dashboard's, asyncio's) belong to a loop that does not run
    here. Interrupts are for the parent to act on: it stops its workers itself."""
    try:
        signal.set_wakeup_fd(-1)
    except ValueError:  # not the main thread of this interpreter: leave signals alone
        return
    for number in signal.valid_signals():
        try:
            if callable(signal.getsignal(number)):
                signal.signal(number, signal.SIG_DFL)
        except (OSError, ValueError):
            continue
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _serve(connection: Any, candidates: list[tuple[int, _Candidate]]) -> None:
    """A worker process: run one shard, answering each message with what the shard yields next."""
    try:
        work = _shard(candidates, None)
        answer = connection.recv()
        while True:
            try:
                found = work.send(answer)
            except StopIteration as finished:
                connection.send(("done", _packed(finished.value)))
                return
            connection.send(("ok", found))
            answer = connection.recv()
    except BaseException as error:  # noqa: BLE001 - the parent replays the shard and meets the error itself
        try:
            connection.send(("error", repr(error)))
        except BaseException:  # noqa: BLE001 - the parent is gone: nothing left to tell
            pass
    finally:
        connection.close()
