"""The headless story engine: loading, names, linking, search and chronology. Never imports Textual."""

from .model import Entity, Event, Mention, SearchResult, Skipped, Source, TemporalExpression
from .story import Story, build_story, load

__all__ = ["Entity", "Event", "Mention", "SearchResult", "Skipped", "Source", "Story", "TemporalExpression",
           "build_story", "load"]
