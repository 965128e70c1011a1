"""The storyview command: the TUI by default, and `search`, `entities`, `sources`, `timeline` subcommands
that print Rich tables or, with --json, the JSON contract other tools read."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from .textsafe import printable

COMMANDS = ("search", "entities", "sources", "timeline")
EXIT_USAGE = 2


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def _parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"storyview {command}")
    if command == "search":
        parser.add_argument("query", help="a name in any spelling, language or script")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="folders or files (default: the sample story)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add_follow_links(parser)
    if command == "search":
        parser.add_argument("--limit", type=int, default=20, help="at most this many entities (default 20)")
    return parser


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyview",
        description="Read one news story as told by many sources in many languages.",
        epilog="commands: storyview search QUERY [PATH ...] [--json] | entities | sources | timeline "
               "[PATH ...] [--json]. With no command, opens the dashboard.")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="folders or files (default: the sample story)")
    parser.add_argument("--version", action="version", version="storyview 0.1.0")
    _add_follow_links(parser)
    return parser


def _add_follow_links(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--follow-links", action="store_true",
                        help="follow links that lead outside the given PATHs (default: skip them)")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            code = run_command(argv[0], argv[1:])
        else:
            args = _top_parser().parse_args(argv)
            code = run_tui(args.paths, follow_links=args.follow_links)
    except UserError as error:
        print(f"storyview: {error}", file=sys.stderr)
        code = EXIT_USAGE
    except BrokenPipeError:
        # the reader (e.g. `head`) went away: that is not an error, and Python must not complain at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    except KeyboardInterrupt:
        code = 130
    except Exception as error:  # the last line of defence: a message, never a traceback
        if os.environ.get("STORYVIEW_DEBUG"):
            raise
        print(f"storyview: internal error: {type(error).__name__}: {error} "
              "(set STORYVIEW_DEBUG=1 for details)", file=sys.stderr)
        code = 1
    return code


def load_story(paths: Sequence[str], progress=None, follow_links: bool = False):
    from .engine.loading import PathError
    from .engine.story import load

    try:
        story = load(*paths, progress=progress, follow_links=follow_links)
    except PathError as error:
        raise UserError(f"{error.reason}: {printable(error.path)}") from None
    return story


def report_problems(story) -> None:
    for skipped in story.skipped:
        print(f"storyview: skipped {printable(skipped.path)}: {printable(skipped.reason)}", file=sys.stderr)
    for source in story.sources:
        for warning in source.warnings:
            print(f"storyview: {printable(source.path)}: {printable(warning)}", file=sys.stderr)


def run_command(command: str, argv: Sequence[str]) -> int:
    # intermixed: options may come between the query and the PATHs (`search Q --follow-links PATH`)
    args = _parser(command).parse_intermixed_args(argv)
    story = load_story(args.paths, follow_links=args.follow_links)
    report_problems(story)
    if command == "search":
        payload = story.search_json(args.query, limit=max(1, args.limit))
    elif command == "entities":
        payload = story.entities_json()
    elif command == "sources":
        payload = story.sources_json()
    else:
        payload = story.timeline_json()
    if args.json:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False))
        sys.stdout.write("\n")
        sys.stdout.flush()
    else:
        from .tables import print_table

        print_table(command, story, payload)
    return 0


def run_tui(paths: Sequence[str], follow_links: bool = False) -> int:
    from .engine.loading import PathError, check_path

    for path in paths:
        try:
            check_path(path)
        except PathError as error:
            raise UserError(f"{error.reason}: {printable(error.path)}") from None
    from .app.factory import create_app

    app = create_app(paths, follow_links=follow_links)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
