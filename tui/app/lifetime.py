"""How the dashboard ends: at once, whatever it is doing. Slow work runs in threads that quitting abandons,
and the signals that end a terminal program (SIGTERM, SIGHUP, SIGINT) end it as ctrl+q does, giving the
terminal back as it was found, as less does."""

from __future__ import annotations

import asyncio
import contextvars
import errno
import os
import signal
import sys
import termios
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from textual.app import App

T = TypeVar("T")

EXIT_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# seconds an orderly exit after a signal may take before the process ends without it: someone who sent
# SIGTERM wants the process gone, even if the terminal stopped taking output halfway through
_EXIT_DEADLINE = 5.0


async def in_daemon_thread(work: Callable[[], T], name: str) -> T:
    """Run `work` in a daemon thread and wait for it without holding up the event loop.

    Textual's thread workers run in asyncio's default executor, whose threads are joined when the loop
    closes and again when the interpreter exits: quitting while a big story loaded waited for the loader
    (24-44 s; for ever on a read that never returns). When the worker awaiting this is cancelled (the app
    is quitting), the thread is abandoned instead and ends with the process; shard workers it forked are
    killed with it (see engine/shards.py)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():  # cancelled: nobody waits for it any more
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        result: T | None = None
        error: BaseException | None = None
        try:
            result = work()
        except Exception as failed:  # noqa: BLE001 - handed to the awaiting worker, which reports it
            error = failed
        try:
            loop.call_soon_threadsafe(settle, result, error)
        except RuntimeError:  # the loop is closed: the app has exited, nothing is left to tell
            pass

    context = contextvars.copy_context()  # the active app, as a thread worker would see it
    threading.Thread(target=context.run, args=(run,), name=name, daemon=True).start()
    return await future


def exit_on_signals(app: App) -> None:
    """From now on, SIGTERM, SIGHUP and SIGINT make `app` exit with status 128 + the signal's number.

    Without this the process died at once, leaving the terminal in the alternate screen with mouse
    reporting on. The handlers are plain signal handlers, not the event loop's, because a closed terminal
    sends SIGHUP and then SIGCONT, and Textual's SIGCONT handler (run by Python straight after ours, in
    signal-number order) puts the dead terminal back into application mode; its output thread then dies on
    EIO and the next write blocks for ever. So a SIGHUP whose terminal is gone ends the process on the
    spot, before that handler runs: there is nothing left to restore. Call from the main thread."""
    loop = asyncio.get_running_loop()

    def handle(number: int, frame: object) -> None:
        code = 128 + number
        if number == signal.SIGHUP and _terminal_gone():
            os._exit(code)
        try:
            loop.call_soon_threadsafe(app.exit, None, code)
        except RuntimeError:  # the loop has closed: the app is gone already and the process is ending
            os._exit(code)
        _end_by_deadline(code)

    for number in EXIT_SIGNALS:
        signal.signal(number, handle)


def _terminal_gone() -> bool:
    """The terminal was hung up (its window closed): reading its settings fails with EIO."""
    stream = sys.__stderr__  # what Textual's Linux driver writes to
    if stream is None:
        return True
    try:
        termios.tcgetattr(stream.fileno())
    except termios.error as error:
        return bool(error.args) and error.args[0] == errno.EIO  # ENOTTY: not a terminal, nothing was lost
    except (OSError, ValueError):  # closed
        return True
    return False


def _end_by_deadline(code: int) -> None:
    def end() -> None:
        os._exit(code)

    timer = threading.Timer(_EXIT_DEADLINE, end)
    timer.daemon = True
    timer.name = "storyview-exit-deadline"
    timer.start()
