"""Building a story pauses the cyclic garbage collector and freezes what it built: that is only safe if a
story holds no reference cycles, so that reference counting alone frees a dropped one."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import tui

ROOT = Path(__file__).resolve().parent.parent


def test_a_dropped_story_is_freed_without_the_cycle_collector():
    story = tui.load(ROOT / "tests" / "data" / "heldout")
    story.prepare_search()
    assert story.events and story.mentions_by_source and story.search("Hnatyshyn")
    alive = [weakref.ref(story), weakref.ref(story.entities[0]), weakref.ref(story.sources[0]),
             weakref.ref(story._index)]
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        del story
        assert [ref() for ref in alive] == [None] * len(alive)
    finally:
        if was_enabled:
            gc.enable()


def test_the_collector_is_left_as_it_was():
    assert gc.isenabled()
    tui.load(ROOT / "seeds")
    assert gc.isenabled()
    gc.disable()
    try:
        tui.load(ROOT / "seeds")
        assert not gc.isenabled()
    finally:
        gc.enable()
