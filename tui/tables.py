"""Readable Rich tables for the CLI when --json is not given. Every piece of article text goes in as a
`Text` (never markup) after its control characters are neutralised."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .engine.model import json_text
from .textsafe import printable


def _t(value: object) -> Text:
    # json_text: a name that is not UTF-8 (a lone surrogate) would make a UTF-8 terminal's encoder fail
    return Text(printable(json_text("" if value is None else str(value))))


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich exits 1 here; the CLI decides what a reader going away means (a quiet 0, as for JSON)
        raise BrokenPipeError


def print_table(command: str, story, payload: dict) -> None:
    console = _Console(highlight=False)
    if command == "search":
        table = Table(title=_t(f"search: {payload['query']}"), expand=False)
        for col in ("score", "entity", "type", "matched", "mentions per source"):
            table.add_column(col)
        for result in payload["results"]:
            per_source: dict[str, int] = defaultdict(int)
            for m in result["mentions"]:
                per_source[m["source"]] += 1
            table.add_row(f"{result['score']:.2f}", _t(result["entity"]["name"]), result["entity"]["type"],
                          _t(result["matched"]), _t(", ".join(f"{k}: {v}" for k, v in per_source.items())))
        console.print(table)
    elif command == "entities":
        table = Table(title=f"{len(payload['entities'])} entities", expand=False)
        for col in ("entity", "type", "mentions", "variants"):
            table.add_column(col)
        for entity in payload["entities"]:
            variants = ", ".join(f"{v['text']} ×{v['count']}" for v in entity["variants"])
            table.add_row(_t(entity["name"]), entity["type"], str(len(entity["mentions"])), _t(variants))
        console.print(table)
    elif command == "languages":
        table = Table(title="What storyview reads in each language (· none; \"as xx\": a relative's rules)",
                      expand=False)
        for col in ("code", "language", *payload["columns"]):
            table.add_column(col)
        for row in payload["languages"]:
            table.add_row(row["language"], row["name"],
                          *(_t(str(row[c])) if row[c] else "·" for c in payload["columns"]))
        console.print(table)
    elif command == "sources":
        table = Table(title=f"{len(payload['sources'])} sources", expand=False)
        for col in ("path", "lang", "date", "words", "encoding", "title"):
            table.add_column(col)
        for s in payload["sources"]:
            table.add_row(_t(s["path"]), s["language"], _t(s["date"] or "—"), str(s["words"]), _t(s["encoding"]),
                          _t(s["title"]))
        console.print(table)
        if payload["skipped"]:
            skipped = Table(title=f"{len(payload['skipped'])} skipped", expand=False)
            skipped.add_column("path")
            skipped.add_column("reason")
            for s in payload["skipped"]:
                skipped.add_row(_t(s["path"]), _t(s["reason"]))
            console.print(skipped)
    else:
        table = Table(title="chronology", expand=False)
        for col in ("event", "date", "precision", "source", "expression", "sentence"):
            table.add_column(col)
        last_event = None
        for row in payload["events"]:
            event = row["event"] if row["event"] != last_event else ""
            last_event = row["event"]
            table.add_row(_t(event), _t(row["date"] or "—"), row["precision"], _t(row["source"]), _t(row["text"]),
                          _t(row["sentence"][:160]))
        console.print(table)
