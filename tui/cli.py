"""The storyview command: the TUI by default, and `search`, `entities`, `sources`, `timeline` subcommands
that print Rich tables or, with --json, the JSON contract other tools read.

The streams: the output goes to stdout and nothing else does; every diagnostic goes to stderr, with its
control characters made visible. A stderr that fails is ignored. A reader that goes away (`| head`) ends
the command quietly with status 0; an output that cannot be written (stdout closed, a full disk) is one
line on stderr and status 1."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from .textsafe import neutralise, printable

COMMANDS = ("search", "entities", "sources", "text", "timeline", "languages", "merge", "split", "rename", "retype",
            "judgements", "suggestions", "cooccurrence", "export")
EDITS = ("merge", "split", "rename", "retype")
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def _parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"storyview {command}")
    if command == "search":
        parser.add_argument("query", help="a name in any spelling, language or script")
    if command == "cooccurrence":
        parser.add_argument("entity", metavar="ENTITY", help="an entity id, name or spelling (else the best "
                                                             "search result for it)")
    if command == "text":
        parser.add_argument("source", metavar="SOURCE_ID", help="a source's id, as `storyview sources` gives it")
    _add_edit_arguments(parser, command)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="folders or files (default: the sample story)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add_follow_links(parser)
    parser.add_argument("--judgements", metavar="FILE",
                        help="the story's judgement file (default: beside the story folder, or in the user's "
                             "data folder; $STORYVIEW_JUDGEMENTS)")
    if command not in EDITS and command not in ("judgements", "suggestions"):
        parser.add_argument("--no-judgements", action="store_true", help="show the story as linked, uncorrected")
    if command == "search":
        parser.add_argument("--limit", type=int, default=20, help="at most this many entities (default 20)")
    if command == "cooccurrence":
        parser.add_argument("--limit", type=int, help="at most this many entities (default: all)")
    return parser


def _add_edit_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """The corrections (judgements.py); an entity is named by its id, its name or any spelling."""
    if command == "merge":
        parser.add_argument("first", metavar="ENTITY", help="an entity id, name or spelling")
        parser.add_argument("second", metavar="OTHER", help="the entity judged the same as the first")
        verdict = parser.add_mutually_exclusive_group()
        verdict.add_argument("--not", dest="verdict", action="store_const", const="negative", default="positive",
                             help="record that they are NOT the same: kept apart, never suggested again")
        verdict.add_argument("--unsure", dest="verdict", action="store_const", const="unsure",
                             help="record that you cannot tell")
    elif command == "split":
        parser.add_argument("spelling", metavar="SPELLING", help="the spelling to split off its entity")
        parser.add_argument("--from", dest="entity", metavar="ENTITY", help="the entity to split it from")
        parser.add_argument("--source", help="split only the mention in this source (its path) ...")
        parser.add_argument("--start", type=int, help="... starting at this offset")
    elif command == "rename":
        parser.add_argument("entity", metavar="ENTITY", help="an entity id, name or spelling")
        parser.add_argument("name", metavar="NAME", help="the name to show it by")
    elif command == "retype":
        parser.add_argument("entity", metavar="ENTITY", help="an entity id, name or spelling")
        parser.add_argument("type", metavar="TYPE", help="person, place, org or other")
    elif command == "judgements":
        parser.add_argument("--undo", action="store_true", help="take back the last judgement")
    elif command == "suggestions":
        parser.add_argument("--limit", type=int, help="list at most this many (default: all)")
        decide = parser.add_mutually_exclusive_group()
        decide.add_argument("--accept", type=int, metavar="K", help="accept suggestion K (its rank): they are one")
        decide.add_argument("--reject", type=int, metavar="K",
                            help="reject suggestion K: they are not the same, never suggested again")


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyview",
        description="Read one news story as told by many sources in many languages.",
        epilog="commands: storyview search QUERY [PATH ...] [--json] | entities | sources | timeline "
               "[PATH ...] [--json] | text SOURCE_ID "
               "[PATH ...] [--json] | languages [--json] | merge ENTITY OTHER [--not|--unsure] | split SPELLING "
               "[--source S --start N] | rename ENTITY NAME | retype ENTITY TYPE | judgements [--undo] | suggestions "
               "[--limit N] [--accept K|--reject K] | cooccurrence ENTITY [--limit N] [--json] | export mentions NAME "
               "| export timeline | export entities [--format csv|json|md|ics] [-o FILE [--force]] [PATH ...]. With "
               "no command, opens the dashboard.")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="folders or files (default: the sample story)")
    parser.add_argument("--version", action="version", version="storyview 0.1.0")
    _add_follow_links(parser)
    parser.add_argument("--judgements", metavar="FILE",
                        help="the story's judgement file, where the dashboard's corrections are saved (default: "
                             "beside the story folder, or in the user's data folder; $STORYVIEW_JUDGEMENTS)")
    parser.add_argument("--no-judgements", action="store_true",
                        help="show the story as linked, uncorrected (no correction can be made then)")
    return parser


def _add_follow_links(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--follow-links", action="store_true",
                        help="follow links that lead outside the given PATHs (default: skip them)")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _fill_closed_standard_streams()
    stderr = sys.stderr
    sys.stderr = _Diagnostics(stderr)
    try:
        return _main(argv)
    finally:
        sys.stderr = stderr


def _main(argv: list[str]) -> int:
    try:
        if argv and argv[0] in COMMANDS:
            code = run_command(argv[0], argv[1:])
        else:
            args = _top_parser().parse_args(argv)
            code = run_tui(args.paths, follow_links=args.follow_links,
                           judgements=False if args.no_judgements else args.judgements)
    except UserError as error:
        _say(str(error))
        code = EXIT_USAGE
    except BrokenPipeError:
        # the reader (e.g. `head`) went away: that is not an error, and Python must not complain at exit
        _drop_stdout()
        code = 0
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    except Exception as error:  # the last line of defence: a message, never a traceback
        if os.environ.get("STORYVIEW_DEBUG"):
            raise
        _say(f"internal error: {type(error).__name__}: {error} (set STORYVIEW_DEBUG=1 for details)")
        code = EXIT_INTERNAL
    return code


def _say(message: str) -> None:
    """One line on stderr: `storyview: message`, whatever the message echoes."""
    print(f"storyview: {printable(message)}", file=sys.stderr)


def _fill_closed_standard_streams() -> None:
    """Give /dev/null to any of descriptors 0-2 the caller closed (`2>&-`, `>&-`).

    A closed descriptor is the lowest free number, so the next file opened (an article, a cache file)
    would take it, and a skip message "to stderr" would be written into that file, or into the JSON on
    stdout. stdout gets /dev/null read-only, so writing the output still fails (EBADF) and is reported
    as a stdout that cannot be written; stderr gets it writable, so diagnostics vanish as the caller
    asked."""
    for fd, flags in ((0, os.O_RDONLY), (1, os.O_RDONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, flags)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    # Python found them closed at start-up and set these to None (print(file=None) writes to stdout)
    if sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", buffering=1,  # noqa: SIM115
                          closefd=False)


class _Diagnostics(io.TextIOBase):
    """sys.stderr while storyview runs. Every control character is made visible, since messages echo
    paths, queries and, through argparse, any argument ("unrecognized arguments: ..."), and a name
    holding ESC/BEL sequences would otherwise retitle the terminal. A stderr that fails (a reader gone,
    a full disk) is let go: diagnostics are never fatal and never diverted to stdout."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is not None:
            try:
                self._stream.write(neutralise(text))
                self._stream.flush()
            except (OSError, ValueError):
                self._let_go()
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._let_go()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def fileno(self) -> int:
        if self._stream is None:
            raise io.UnsupportedOperation("stderr failed and was let go")
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", None) or "utf-8"

    def _let_go(self) -> None:
        stream, self._stream = self._stream, None
        # what it could not write stays in its buffer; flushed again at exit it would fail again and turn
        # the exit status into 120, so its descriptor is pointed at /dev/null first
        _point_at_devnull(stream)


def _point_at_devnull(stream) -> None:
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture): nothing to redirect
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)
    try:
        stream.flush()
    except (OSError, ValueError):  # /dev/null takes anything: only a closed stream gets here, and it is done
        pass


def _drop_stdout() -> None:
    """stdout cannot be written: point it at /dev/null so what is left in its buffer does not fail again at
    exit (Python would then print a complaint and exit 120)."""
    _point_at_devnull(sys.stdout)


def _write_output(write: Callable[[], object]) -> int:
    """Write the command's output. A reader that went away (`| head`) is not an error: status 0, quietly,
    as ripgrep does, for tables and JSON alike. An output that cannot be written (stdout closed, a full
    disk) is one line on stderr and status 1."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        _drop_stdout()
        return 0
    except OSError as error:
        _drop_stdout()
        _say(f"cannot write the output: {error.strerror or error}")
        return EXIT_INTERNAL
    return 0


def load_story(paths: Sequence[str], progress=None, follow_links: bool = False, judgements=None):
    from .engine.loading import PathError
    from .engine.story import load

    try:
        story = load(*paths, progress=progress, follow_links=follow_links, judgements=judgements)
    except PathError as error:
        raise UserError(f"{error.reason}: {printable(error.path)}") from None
    return story


def report_problems(story) -> None:
    for skipped in story.skipped:
        print(f"storyview: skipped {printable(skipped.path)}: {printable(skipped.reason)}", file=sys.stderr)
    for source in story.sources:
        for warning in source.warnings:
            print(f"storyview: {printable(source.path)}: {printable(warning)}", file=sys.stderr)
    file = story.judgement_file
    if file.problem is not None:
        print(f"storyview: {printable(str(file.path))} {printable(file.problem)}; its judgements are ignored",
              file=sys.stderr)
    for outcome in story.stale_judgements:
        print(f"storyview: judgement {outcome.number} ({printable(outcome.judgement.describe())}) does not apply: "
              f"{printable(outcome.detail)}", file=sys.stderr)


def run_languages(argv: Sequence[str]) -> int:
    """`storyview languages [--json]`: what storyview can do in each language (no story is read)."""
    parser = argparse.ArgumentParser(prog="storyview languages",
                                     description="What storyview can do in each language.")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    from .engine.capabilities import COLUMNS, language_matrix

    payload = {"columns": list(COLUMNS), "languages": language_matrix()}
    if args.json:
        return _write_output(lambda: sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n"))
    from .tables import print_table

    return _write_output(lambda: print_table("languages", None, payload))


def run_command(command: str, argv: Sequence[str]) -> int:
    if command == "languages":
        return run_languages(argv)
    if command == "export":
        return run_export(argv)
    # intermixed: options may come between the query and the PATHs (`search Q --follow-links PATH`)
    args = _parser(command).parse_intermixed_args(argv)
    judgements = False if getattr(args, "no_judgements", False) else args.judgements
    story = load_story(args.paths, follow_links=args.follow_links, judgements=judgements)
    report_problems(story)
    if command == "suggestions":
        return run_suggestions(args, story)
    if command in EDITS or command == "judgements":
        return run_judgement(command, args, story)
    if command == "cooccurrence":
        return run_cooccurrence(args, story)
    if command == "text":
        return run_text(args, story)
    if command == "search":
        payload = story.search_json(args.query, limit=max(1, args.limit))
    elif command == "entities":
        payload = story.entities_json()
    elif command == "sources":
        payload = story.sources_json()
    else:
        payload = story.timeline_json()
    if args.json:
        return _write_output(lambda: sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n"))
    from .tables import print_table

    return _write_output(lambda: print_table(command, story, payload))


EXPORTS = ("mentions", "timeline", "entities")


def _export_parser(what: str) -> argparse.ArgumentParser:
    from .engine.export import FORMATS

    parser = argparse.ArgumentParser(
        prog=f"storyview export {what}",
        description={"mentions": "Every mention of one entity with its source, date, sentence and offsets.",
                     "timeline": "The chronology: each dated expression with its event, source and sentence "
                                 "(iCalendar: one all-day event per event dated to a day).",
                     "entities": "The entity list: name, type, mentions, sources, spellings."}[what],
        epilog="CSV cells that start with = + - @ get a leading apostrophe (no spreadsheet formula runs); "
               "the file is never written inside the story's folders.")
    if what == "mentions":
        parser.add_argument("name", metavar="NAME", help="an entity id, name or spelling (else the best search match)")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="folders or files (default: the sample story)")
    parser.add_argument("--format", choices=FORMATS[what],
                        help="default: from the -o file's suffix, else csv")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default, or -: stdout)")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    _add_follow_links(parser)
    parser.add_argument("--judgements", metavar="FILE", help="the story's judgement file (as for the other commands)")
    parser.add_argument("--no-judgements", action="store_true", help="export the story as linked, uncorrected")
    return parser


def run_export(argv: Sequence[str]) -> int:
    """`storyview export mentions NAME | timeline | entities [--format F] [-o FILE [--force]] [PATH ...]`."""
    from .engine import export as exporting

    if not argv or argv[0] not in EXPORTS:
        if argv and argv[0] in ("-h", "--help"):
            print("usage: storyview export {mentions NAME | timeline | entities} [--format F] [-o FILE [--force]] "
                  "[PATH ...]\n(storyview export WHAT --help for each)")
            return 0
        raise UserError(f"export what? one of {', '.join(EXPORTS)} (e.g. storyview export mentions NAME)")
    what = argv[0]
    args = _export_parser(what).parse_intermixed_args(argv[1:])
    if args.output == "-":
        args.output = None
    fmt = args.format or (exporting.format_of(args.output) if args.output else "csv")
    if fmt not in exporting.FORMATS[what]:
        raise UserError(f"the {what} cannot be written as {exporting.FORMAT_NAMES[fmt]}; use --format "
                        f"{' or '.join(exporting.FORMATS[what])}")
    roots = [str(p) for p in args.paths] or [str(_bundled_seeds())]
    if args.output:  # refused before the story is read, not after minutes of reading it
        try:
            exporting.check_target(args.output, roots, force=args.force)
        except exporting.ExportError as error:
            raise UserError(str(error)) from None
    story = load_story(args.paths, follow_links=args.follow_links,
                       judgements=False if args.no_judgements else args.judgements)
    report_problems(story)
    if what == "mentions":
        entity = exporting.find_entity(story.entities, args.name)
        if entity is None:
            results = story.search(args.name, 1)
            if not results:
                raise UserError(f"no entity is named or spelled like '{args.name}' in this story")
            entity = results[0].entity
            _say(f"'{args.name}' taken as {entity.name} (the best search match)")
        export = exporting.mentions_export(story.sources, entity)
    elif what == "timeline":
        export = exporting.timeline_export(story.sources, story.events)
    else:
        export = exporting.entities_export(story.entities)
    if not args.output:
        return _write_output(lambda: exporting.write(export, fmt, sys.stdout))
    try:
        written = exporting.write_file(export, fmt, args.output, roots, story.sources, force=args.force)
    except exporting.ExportError as error:
        raise UserError(str(error)) from None
    _say(f"wrote {written.describe(export, fmt)} to {written.path}")
    return 0


def _bundled_seeds():
    from .resources import bundled_seeds

    return bundled_seeds()


def run_judgement(command: str, args: argparse.Namespace, story) -> int:
    """`merge`, `split`, `rename`, `retype` record one judgement (saved before this returns); `judgements`
    lists them with what each does on the story now."""
    from .engine.judgements import JudgementError

    try:
        if command == "judgements":
            if args.undo:
                undone = story.undo()
                _say(f"took back: {undone.describe()}" if undone is not None else "there is no judgement to take back")
            payload = story.judgements_json()
            if args.json:
                return _write_output(lambda: sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n"))
            lines = [f"judgements: {payload['file']}"] + \
                [f"{o.number:>4}  {o.status:<8}  {o.judgement.describe()}" + (f"  ({o.detail})" if o.detail else "")
                 for o in story.judgement_outcomes]
            return _write_output(lambda: sys.stdout.write(printable_lines(lines)))
        outcomes = _edit(command, args, story)
    except JudgementError as error:
        raise UserError(str(error)) from None
    file = story.judgement_file.path
    payload = {"file": str(file), "outcomes": [o.to_json() for o in outcomes]}
    if args.json:
        return _write_output(lambda: sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n"))
    lines = [f"{o.status}: {o.judgement.describe()}" + (f" -> {o.entity_id}" if o.entity_id else "") +
             (f" ({o.detail})" if o.detail else "") for o in outcomes] + [f"saved in {file}"]
    return _write_output(lambda: sys.stdout.write(printable_lines(lines)))


def run_suggestions(args: argparse.Namespace, story) -> int:
    """`suggestions`: the pairs of entities that may be one, best first; `--accept K` / `--reject K` judges
    the K-th (as `merge A B` / `merge A B --not` with the pair's keys would) and saves it."""
    from .engine.judgements import JudgementError

    chosen = args.accept if args.accept is not None else args.reject
    if chosen is not None:
        shown = story.suggestions()
        if not 1 <= chosen <= len(shown):
            raise UserError(f"there is no suggestion {chosen} (there are {len(shown)})")
        suggestion = shown[chosen - 1]
        try:
            outcomes = story.accept(suggestion) if args.accept is not None else story.reject_suggestions(suggestion)
        except JudgementError as error:
            raise UserError(str(error)) from None
        payload: dict = {"file": str(story.judgement_file.path), "suggestion": suggestion.to_json(chosen),
                         "outcomes": [o.to_json() for o in outcomes]}
        lines = [f"{o.status}: {o.judgement.describe()}" for o in outcomes] + \
            [f"saved in {story.judgement_file.path}"]
    else:
        limit = max(0, args.limit) if args.limit is not None else None
        payload = story.suggestions_json(limit)
        lines = [f"{s['rank']:>4}  {s['score']:>6.2f}  {s['left']['name']} ⇄ {s['right']['name']}: {s['reason']} "
                 f"({s['left']['sources']} / {s['right']['sources']} sources)" for s in payload["suggestions"]] \
            or ["no suggestions"]
    if args.json:
        return _write_output(lambda: sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n"))
    return _write_output(lambda: sys.stdout.write(printable_lines(lines)))


def run_text(args: argparse.Namespace, story) -> int:
    """`storyview text SOURCE_ID`: the text the source's offsets point into (for a page, a feed item or an
    export record: the extracted text), exactly; on a terminal its control characters are made visible
    (same length), and --json gives {"id", "path", "format", "extracted", "text"}."""
    source = next((s for s in story.sources if s.id == args.source), None)
    if source is None:
        raise UserError(f"no source {printable(args.source)!r} in the story (`storyview sources` lists their ids)")
    if args.json:
        from .engine.model import json_path, json_text

        payload = {"id": json_path(source.id), "path": json_path(source.path), "format": source.format,
                   "extracted": source.extracted, "text": json_text(source.text)}
        return _write_output(lambda: sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n"))
    text = neutralise(source.text) if sys.stdout.isatty() else source.text
    return _write_output(lambda: sys.stdout.write(text))


def run_cooccurrence(args: argparse.Namespace, story) -> int:
    """`cooccurrence ENTITY`: the entities named with it, most shared sentences first, then most shared
    sources (boilerplate left out)."""
    try:
        payload = story.cooccurrence_json(args.entity, max(0, args.limit) if args.limit is not None else None)
    except LookupError as error:
        raise UserError(str(error.args[0])) from None
    if args.json:
        return _write_output(lambda: sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n"))
    entity = payload["entity"]
    lines = [f"{entity['name']} ({entity['id']}): {payload['mentions']} mentions in {payload['sources']} sources; "
             "named with it (sentences, sources naming both):"]
    lines += [f"{c['sentences']:>6} {c['sources']:>6}  {c['entity']['name']}  {c['entity']['type']}"
              for c in payload["cooccurrences"]] or ["  nobody"]
    return _write_output(lambda: sys.stdout.write(printable_lines(lines)))


def _edit(command: str, args: argparse.Namespace, story) -> list:
    from .engine.judgements import JudgementError

    if command == "merge":
        return story.merge(args.first, args.second, verdict=args.verdict)
    if command == "split":
        if (args.source is None) != (args.start is None):
            raise UserError("a single mention is split with --source and --start together")
        if args.source is not None:
            mention = story.find_mention(args.source, args.start)
            if mention.text != args.spelling:
                raise JudgementError(f"the name at {args.source}:{args.start} is '{mention.text}', "
                                     f"not '{args.spelling}'")
            return [story.split_mention(mention)]
        return [story.split(args.spelling, args.entity)]
    if command == "rename":
        return [story.rename(args.entity, args.name)]
    return [story.retype(args.entity, args.type)]


def printable_lines(lines: Sequence[str]) -> str:
    return "".join(printable(line) + "\n" for line in lines)


def run_tui(paths: Sequence[str], follow_links: bool = False, judgements: str | bool | None = None) -> int:
    from .engine.loading import PathError, check_path

    for path in paths:
        try:
            check_path(path)
        except PathError as error:
            raise UserError(f"{error.reason}: {printable(error.path)}") from None
    from .app.factory import create_app

    app = create_app(paths, follow_links=follow_links, judgements=judgements)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
