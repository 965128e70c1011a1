"""Export from the dashboard (E, or the palette): what (the chosen entity's mentions, the chronology as the
pane shows it, the entity list as the pane shows it), the format, then the file — by default in the
current folder, or the home folder when that is inside the story; never inside the story. The rows are
built and written in a worker (engine/export.py); the status line says where they went."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from ..engine import export as exporting
from ..textsafe import printable
from .dialogs import ChoicePrompt, TextPrompt
from .widgets.chronology import ChronologyPane
from .widgets.entities import EntitiesPane
from .widgets.status import StatusLine

if TYPE_CHECKING:
    from ..engine.model import Entity, Event
    from .app import StoryviewApp

WHAT = {"mentions": "the chosen entity's mentions", "timeline": "the chronology", "entities": "the entity list"}


@dataclasses.dataclass(frozen=True)
class Request:
    """One export the user asked for: what, of which entity, in which format, to which file."""

    kind: exporting.Kind
    fmt: exporting.Format = "csv"
    entity_id: str | None = None
    path: str = ""
    force: bool = False


def story_roots(app: StoryviewApp) -> list[str]:
    """The folders and files the story was read from (the bundled sample when none was given)."""
    if app.paths:
        return list(app.paths)
    from ..resources import bundled_seeds

    return [str(bundled_seeds())]


def _entity(app: StoryviewApp) -> Entity | None:
    """The chosen entity, else the one highlighted in the entity list."""
    story = app.story
    if story is None:
        return None
    if app.selection.entity_id is not None:
        return story.entity(app.selection.entity_id)
    return app.dashboard.query_one(EntitiesPane).highlighted()


def shown_events(app: StoryviewApp) -> list[Event]:
    """The chronology as the pane shows it: its events in its order, each with the expressions it lists
    under it (all of them for an event listed alone), so a filter of the pane is the export's."""
    rows = app.dashboard.query_one(ChronologyPane).event_list.rows
    shown: list[tuple[Event, list]] = []
    for kind, item in rows:
        if kind == "event":
            shown.append((item, []))  # type: ignore[arg-type]
        elif kind == "expression" and shown:
            shown[-1][1].append(item)
    return [dataclasses.replace(event, expressions=tuple(expressions)) if expressions else event
            for event, expressions in shown]


def _shown_entities(app: StoryviewApp) -> tuple[list[Entity], str]:
    pane = app.dashboard.query_one(EntitiesPane)
    entities = [row for row in pane.entity_list.rows if not isinstance(row, str)]
    note = "" if pane.type_filter == "ALL" else f"only {pane.type_filter.lower()}"
    return entities, note


def ask(app: StoryviewApp, kind: exporting.Kind | None = None) -> None:
    """Start an export: ask what (unless `kind` says), then the format, then the file."""
    story = app.story
    if story is None:
        app.notify("The story is still loading.", markup=False)
        return
    if kind is not None:
        _ask_format(app, Request(kind))
        return
    entity = _entity(app)
    choices: list[tuple[str, str]] = []
    if entity is not None:
        choices.append(("mentions", f"Mentions of {printable(entity.name)} ({len(entity.mentions)})"))
    events = app.events
    choices.append(("timeline", "The chronology" + (f" ({len(shown_events(app))} events as shown)"
                                                    if events is not None else " (still being built)")))
    choices.append(("entities", f"The entity list ({len(_shown_entities(app)[0])} as shown)"))

    def chosen(answer: str | None) -> None:
        if answer is not None:
            _ask_format(app, Request(answer))  # type: ignore[arg-type]

    app.push_screen(ChoicePrompt("Export…", choices, note="Enter to choose · Esc to cancel"
                                 + ("" if entity is not None else " · choose a name to export its mentions")),
                    chosen)


def _ask_format(app: StoryviewApp, request: Request) -> None:
    if request.kind == "mentions":
        entity = _entity(app)
        if entity is None:
            app.notify("Choose a name first (/ to search, or click one): its mentions are exported.", markup=False)
            return
        request = dataclasses.replace(request, entity_id=entity.id)
    elif request.kind == "timeline" and app.events is None:
        app.notify("The chronology is still being built; try again in a moment.", markup=False)
        return
    formats = exporting.FORMATS[request.kind]
    labels = {"csv": "CSV — a spreadsheet", "json": "JSON — for programs", "md": "Markdown — a table to read",
              "ics": "iCalendar (.ics) — events dated to a day"}

    def chosen(answer: str | None) -> None:
        if answer is not None:
            fmt: exporting.Format = answer  # type: ignore[assignment]
            _ask_path(app, dataclasses.replace(request, fmt=fmt, path=default_path(app, request.kind, fmt,
                                                                                  request.entity_id)))

    app.push_screen(ChoicePrompt(f"Export {WHAT[request.kind]} as…", [(f, labels[f]) for f in formats]), chosen)


def default_path(app: StoryviewApp, kind: exporting.Kind, fmt: exporting.Format, entity_id: str | None) -> str:
    """A new file in the current folder, or in the home folder when the current one is inside the story
    (or cannot be written): storyview-mentions-petro-vrublevsky.csv, then -2, -3... if that exists."""
    story = app.story
    entity = story.entity(entity_id) if story is not None and entity_id is not None else None
    name = exporting.default_name(kind, fmt, entity)
    roots = story_roots(app)
    folder = Path.cwd()
    if exporting.inside_story(folder / name, roots) or not os.access(folder, os.W_OK):
        folder = Path.home()
    path = folder / name
    stem, suffix = path.stem, path.suffix
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}{suffix}"
        number += 1
    return str(path)


def _ask_path(app: StoryviewApp, request: Request) -> None:
    def answered(answer: str | None) -> None:
        if answer is None or not answer.strip():
            return
        attempt = dataclasses.replace(request, path=answer.strip())
        story = app.story
        roots, sources = story_roots(app), story.sources if story is not None else []
        expanded = os.path.expanduser(attempt.path)
        if os.path.isfile(expanded) and not exporting.inside_story(expanded, roots, sources):
            _ask_overwrite(app, attempt)
            return
        try:
            exporting.check_target(attempt.path, roots, sources, attempt.force)
        except exporting.ExportError as error:
            app.notify(printable(str(error)), title="Not exported", severity="error", markup=False, timeout=8)
            _ask_path(app, attempt)  # the prompt again, with what was typed, to correct it
            return
        start(app, attempt)

    app.push_screen(TextPrompt(f"Export {WHAT[request.kind]} ({exporting.FORMAT_NAMES[request.fmt]}) to",
                               request.path, "Enter writes the file · Esc cancels · never inside the story's "
                                             "folders"), answered)


def _ask_overwrite(app: StoryviewApp, request: Request) -> None:
    def chosen(answer: str | None) -> None:
        if answer == "overwrite":
            start(app, dataclasses.replace(request, force=True))
        elif answer == "other":
            _ask_path(app, request)

    app.push_screen(ChoicePrompt(f"{printable(request.path)} exists",
                                 [("other", "Choose another file"), ("overwrite", "Overwrite it"),
                                  ("cancel", "Cancel")]), chosen)


def start(app: StoryviewApp, request: Request) -> None:
    """Build the rows (on the UI thread: what the panes show now) and write them in a worker."""
    story = app.story
    if story is None:
        return
    if request.kind == "mentions":
        entity = story.entity(request.entity_id or "")
        if entity is None:  # a correction re-linked the story meanwhile
            app.notify("That entity is no longer in the story (a correction changed it).", markup=False)
            return
        build = partial(exporting.mentions_export, story.sources, entity)
    elif request.kind == "timeline":
        events = shown_events(app)
        total = len(app.events or ())
        note = f"{len(events)} of {total} events, as shown" if len(events) != total else ""
        build = partial(exporting.timeline_export, story.sources, events, note)
    else:
        entities, note = _shown_entities(app)
        build = partial(exporting.entities_export, entities, note)
    roots, sources = story_roots(app), list(story.sources)

    def write() -> str:
        export = build()
        written = exporting.write_file(export, request.fmt, request.path, roots, sources, force=request.force)
        return f"Exported {written.describe(export, request.fmt)} to {written.path}"

    app.dashboard.query_one(StatusLine).say(f"Exporting {WHAT[request.kind]}…")
    app.run_worker(write, name="export", group="export", thread=True, exit_on_error=False)


def finished(app: StoryviewApp, message: str) -> None:
    """The worker wrote the file: say where, on the status line and in a notification."""
    app.dashboard.query_one(StatusLine).say(message)
    app.notify(message, title="Exported", markup=False, timeout=8)


def commands(app: StoryviewApp) -> Iterator[SystemCommand]:
    """The palette's export commands (E asks which)."""
    kinds: tuple[tuple[exporting.Kind, str, str], ...] = (
            ("mentions", "Export the mentions", "The chosen entity's mentions: CSV, JSON or Markdown  (E)"),
            ("timeline", "Export the chronology", "As shown: CSV, JSON, Markdown or iCalendar  (E)"),
            ("entities", "Export the entity list", "Name, type, mentions, sources, spellings  (E)"))
    for kind, title, help_text in kinds:
        yield SystemCommand(title, help_text, partial(ask, app, kind))
