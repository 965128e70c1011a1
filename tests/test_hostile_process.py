"""Hostile conditions for the process itself: killed mid-build, closed or failing streams, hostile names in
error lines, and the dashboard sent signals or quit while a load cannot finish (in a real terminal, tmux).

Every test runs real processes under a hang guard, and kills what it started (whole process groups, or a
private tmux server) in `finally`."""

from __future__ import annotations

import hashlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.engine import shards

ROOT = Path(__file__).resolve().parent.parent
HANG_GUARD = 60.0  # seconds: only ever reached when something hangs
HOSTILE_NAME = "gone\x1b]0;pwned\x07\x1b[2J"  # retitles the terminal and clears it, if printed raw

linux_only = pytest.mark.skipif(not (shards._can_fork() and Path("/proc/self/stat").exists()),
                                reason="shard workers are forked, and /proc shows who is left (Linux)")
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


# -- helpers ----------------------------------------------------------------------------------------------------
def _env(**extra: str) -> dict[str, str]:
    # COLUMNS/LINES: see tests/test_e2e_tmux.py; a child must measure its own terminal
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "STORYVIEW_DEBUG")}
    env.update(extra)
    return env


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, process group) of a process, or None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    return fields[0], int(fields[1]), int(fields[2])


def _alive(pid: int) -> bool:
    found = _stat(pid)
    return found is not None and found[0] not in ("Z", "X")  # a zombie has ended; only its parent's wait is due


def _live_processes(where: Callable[[tuple[str, int, int]], bool]) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            info = _stat(int(name))
            if info is not None and info[0] not in ("Z", "X") and where(info):
                found.append(int(name))
    return found


def _children(pid: int) -> list[int]:
    return _live_processes(lambda info: info[1] == pid)


def _in_group(group: int) -> list[int]:
    return _live_processes(lambda info: info[2] == group)


def _wait_until(predicate: Callable[[], object], what: str, timeout: float = HANG_GUARD) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting until {what}")


def _kill_group(group: int) -> None:
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def big_story(tmp_path_factory) -> Path:
    """600 articles (the repo's own, each copy made different): two shards with STORYVIEW_WORKERS=2, and a
    build long enough (seconds) to be interrupted."""
    folder = tmp_path_factory.mktemp("big")
    articles = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "heldout").glob("*.txt"))
    texts = [article.read_text(encoding="utf-8") for article in articles]
    for n in range(600):
        text = texts[n % len(texts)].rstrip("\n") + f"\n\nCorrection {n}: this copy was filed as number {n}.\n"
        (folder / f"{n:04d}_{articles[n % len(articles)].name}").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def small_story(tmp_path) -> Path:
    """The sample story and a file that is skipped (so there is a message for stderr)."""
    folder = tmp_path / "story"
    folder.mkdir()
    for article in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(article, folder / article.name)
    (folder / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return folder


# -- class 5: the CLI killed mid-build -----------------------------------------------------------------------
@linux_only
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=lambda s: signal.Signals(s).name)
def test_a_cli_killed_mid_build_lets_go_of_stdout_and_leaves_no_worker(big_story, sig):
    """The reader of the output sees end-of-file as soon as the command is gone, and no shard worker
    outlives it (before: the worker kept the caller's stdout open and blocked for ever)."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen([sys.executable, "-m", "tui.cli", "entities", str(big_story), "--json"],
                               stdout=write_end, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, cwd=ROOT,
                               env=_env(STORYVIEW_WORKERS="2"), start_new_session=True)
    os.close(write_end)
    try:
        workers = _wait_until(lambda: _children(process.pid), "a shard worker is running")
        os.kill(process.pid, sig)
        deadline = time.monotonic() + HANG_GUARD
        while True:  # the output so far is read and dropped; what matters is that it ends
            ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
            assert ready, "the pipe never reached end-of-file: something still holds the caller's stdout"
            if not os.read(read_end, 1 << 16):
                break
        status = process.wait(timeout=HANG_GUARD)
        expected = {signal.SIGKILL: {-signal.SIGKILL}, signal.SIGTERM: {-signal.SIGTERM, 143},
                    signal.SIGHUP: {-signal.SIGHUP, 129}, signal.SIGINT: {130}}[sig]
        assert status in expected
        _wait_until(lambda: not _in_group(process.pid), "every process of the command's group has ended")
        assert not any(_alive(pid) for pid in workers)
    finally:
        _kill_group(process.pid)
        os.close(read_end)
        process.wait(timeout=HANG_GUARD)


# a worker busy in its work (here for ever), never looking at its channel to the parent; optionally where
# prctl(PR_SET_PDEATHSIG) is refused (an option number the kernel does not know), so that the watchdog
# thread waiting on multiprocessing's pipe from the parent must end it alone
_BUSY_WORKER = (
    "import sys, time\n"
    "from tui.engine import shards\n"
    "if sys.argv[1] == 'watchdog':\n"
    "    shards._PR_SET_PDEATHSIG = 0x7FFF\n"
    "shards._serve = lambda connection, candidates: time.sleep(3600)\n"
    "import tui\n"
    "tui.load(sys.argv[2], workers=2)\n"
)


@linux_only
@pytest.mark.parametrize("guard", ["pdeathsig", "watchdog"])
def test_a_busy_worker_dies_with_its_parent(big_story, guard):
    process = subprocess.Popen([sys.executable, "-c", _BUSY_WORKER, guard, str(big_story)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                               cwd=ROOT, env=_env(), start_new_session=True)
    try:
        workers = _wait_until(lambda: _children(process.pid), "a shard worker is running")
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=HANG_GUARD)
        _wait_until(lambda: not any(_alive(worker) for worker in workers), "the worker has ended")
    finally:
        _kill_group(process.pid)
        process.wait(timeout=HANG_GUARD)


@linux_only
def test_a_worker_holds_none_of_the_parents_pipes(big_story):
    """Not the caller's stdout or stderr, not a pipe the caller handed down, not the parent's end of its
    own channel: only its own channel to the parent (a socket) and multiprocessing's own liveness pipes."""
    script = (
        "import os, sys, time, tui\n"
        "from tui.engine import shards\n"
        "handed = int(sys.argv[2])\n"
        "serve = shards._serve\n"
        "def report(connection, candidates):\n"
        "    mine = connection.fileno()\n"
        "    found = {}\n"
        "    for name in os.listdir('/proc/self/fd'):\n"
        "        try: found[int(name)] = os.readlink(f'/proc/self/fd/{name}')\n"
        "        except OSError: pass\n"
        "    with open(sys.argv[3] + f'.{os.getpid()}', 'w') as out:\n"
        "        for fd, target in sorted(found.items()):\n"
        "            out.write(f'{fd} {target} {int(fd == mine)}\\n')\n"
        "    serve(connection, candidates)\n"
        "shards._serve = report\n"
        "tui.load(sys.argv[1], workers=2)\n"
    )
    handed_read, handed_write = os.pipe()
    report = Path(big_story).parent / f"fds-{uuid.uuid4().hex[:8]}"
    try:
        result = subprocess.run([sys.executable, "-c", script, str(big_story), str(handed_write), str(report)],
                                pass_fds=(handed_write,), capture_output=True, check=False,
                                cwd=ROOT, env=_env(), timeout=HANG_GUARD, start_new_session=True)
        assert result.returncode == 0, result.stderr
        reports = list(report.parent.glob(report.name + ".*"))
        assert len(reports) == 1  # one forked worker
        held = [line.split(" ") for line in reports[0].read_text().splitlines()]
        parent_pipes = {os.readlink(f"/proc/self/fd/{fd}") for fd in (handed_read, handed_write)}
        for fd, target, own in held:
            assert target not in parent_pipes, f"fd {fd} is the caller's pipe"
            if int(fd) <= 2:
                assert target == "/dev/null", f"fd {fd} is still {target}"
            if target.startswith("socket:"):
                assert own == "1", f"fd {fd} is a socket inherited from the parent"
    finally:
        os.close(handed_read)
        os.close(handed_write)
        for leftover in report.parent.glob(report.name + ".*"):
            leftover.unlink()


# -- class 6: output streams ---------------------------------------------------------------------------------
def _shell(command: str, story: Path, **kwargs) -> subprocess.CompletedProcess:
    """`command` in bash, with $CLI the CLI from this tree and $STORY the story folder."""
    env = _env(CLI=f"{sys.executable} -m tui.cli", STORY=str(story))
    return subprocess.run(["bash", "-c", command], capture_output=True, cwd=ROOT, env=env, timeout=HANG_GUARD,
                          **kwargs)


@pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"])
def test_a_closed_or_full_stderr_leaves_the_json_whole(small_story, stderr):
    before = _digest(small_story)
    result = _shell(f'exec $CLI sources "$STORY" --json {stderr}', small_story)
    assert result.returncode == 0
    payload = json.loads(result.stdout)  # nothing else on stdout: no skip message, no internal error
    assert [s["path"] for s in payload["skipped"]] == ["pic.png"]
    assert len(payload["sources"]) == 3
    assert _digest(small_story) == before  # a file opened on the closed fd 2 was never written to


@pytest.mark.parametrize("command", ["sources", "entities"])
@pytest.mark.parametrize("json_flag", ["--json", ""], ids=["json", "table"])
@pytest.mark.parametrize("stdout", [">&-", ">/dev/full"], ids=["closed", "full"])
def test_an_unwritable_stdout_is_one_line_and_status_1(small_story, command, json_flag, stdout):
    result = _shell(f'exec $CLI {command} "$STORY" {json_flag} {stdout}', small_story)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert lines[-1].startswith("storyview: cannot write the output: ")
    assert all(line.startswith("storyview: ") for line in lines), lines  # no traceback, no "Exception ignored"


@pytest.mark.parametrize("json_flag", ["--json", ""], ids=["json", "table"])
def test_a_reader_that_went_away_ends_quietly_with_0(small_story, json_flag):
    """As ripgrep: 0 for tables and JSON alike (before: tables exited 1, through Rich)."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte: every write meets EPIPE
    try:
        result = subprocess.run([sys.executable, "-m", "tui.cli", "entities", str(small_story), *json_flag.split()],
                                stdout=write_end, stderr=subprocess.PIPE, cwd=ROOT, env=_env(), timeout=HANG_GUARD)
    finally:
        os.close(write_end)
    assert result.returncode == 0
    assert result.stderr.decode().splitlines() == ["storyview: skipped pic.png: not a text article (.png)"]


@pytest.mark.parametrize("json_flag", ["--json", ""], ids=["json", "table"])
def test_piping_a_big_output_into_head_ends_with_0(big_story, json_flag):
    result = _shell(f'$CLI entities "$STORY" {json_flag} | head -c 10 >/dev/null; exit "${{PIPESTATUS[0]}}"',
                    big_story)
    assert result.returncode == 0
    assert result.stderr == b""


def test_a_closed_stdin_changes_nothing(small_story):
    result = _shell('exec $CLI sources "$STORY" --json 0<&-', small_story)
    assert result.returncode == 0
    assert len(json.loads(result.stdout)["sources"]) == 3


# -- class 7: error lines echo user text neutralised -------------------------------------------------------------
@pytest.mark.parametrize("argv", [
    ["sources", HOSTILE_NAME, "--json"],
    ["entities", HOSTILE_NAME],
    ["timeline", "--json", HOSTILE_NAME],
    ["search", "kyiv", HOSTILE_NAME],
    [HOSTILE_NAME],  # the dashboard's path check
    ["entities", "--json", "--" + HOSTILE_NAME],  # argparse: unrecognized arguments
    ["--" + HOSTILE_NAME],
    ["search", "kyiv", "--limit", HOSTILE_NAME],  # argparse: invalid int value
], ids=["sources", "entities", "timeline", "search", "tui", "unrecognized", "tui-unrecognized", "invalid-int"])
def test_error_lines_never_carry_terminal_controls(tmp_path, argv):
    result = subprocess.run([sys.executable, "-m", "tui.cli", *argv], capture_output=True, cwd=tmp_path,
                            env=_env(PYTHONPATH=str(ROOT)), timeout=HANG_GUARD, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "gone" in stderr  # the name is named...
    assert not any(char in stderr for char in "\x1b\x07\x9b\x9d")  # ...but cannot act on the terminal
    assert "Traceback" not in stderr


# -- class 5: the dashboard in a real terminal --------------------------------------------------------------------
@dataclass(frozen=True)
class _Run:
    pane: str
    pid: int  # storyview's own process
    group: int  # its process group (the pane's shell's): everything it started
    status: Path  # where the pane's shell writes storyview's exit status


class _Terminal:
    """A private tmux server (its own socket: no option leaks into anyone's tmux), whose panes stay after
    their process ends so the terminal's state can be read after storyview is gone."""

    def __init__(self, scratch: Path) -> None:
        self.socket = f"storyview-process-{uuid.uuid4().hex[:8]}"
        self.scratch = scratch
        self.runs: list[_Run] = []
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "keep", "-x", "120", "-y", "40", "sleep 600")
        self.tmux("set", "-g", "escape-time", "0")
        self.tmux("set", "-g", "remain-on-exit", "on")

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True,
                              env=_env(), timeout=HANG_GUARD).stdout

    def start(self, command: str) -> _Run:
        """Run `command` in a new 120x40 window. Its exit status is written down by the shell: tmux's own
        #{pane_dead_status} is sometimes never filled in."""
        status = self.scratch / f"status-{len(self.runs)}"
        pane = self.tmux("new-window", "-d", "-P", "-F", "#{pane_id}", "-c", str(ROOT),
                         f"env -u COLUMNS -u LINES {command}; echo $? > {status}").strip()
        shell = int(self.show(pane, "#{pane_pid}"))
        pid = _wait_until(lambda: _children(shell), "storyview has started")[0]  # type: ignore[index]
        run = _Run(pane, pid, shell, status)
        self.runs.append(run)
        return run

    def show(self, pane: str, what: str) -> str:
        return self.tmux("display", "-p", "-t", pane, what).strip()

    def screen(self, pane: str) -> str:
        return self.tmux("capture-pane", "-p", "-t", pane)

    def close(self) -> None:
        socket = self.tmux("display", "-p", "#{socket_path}").strip()
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=HANG_GUARD)
        for run in self.runs:
            _kill_group(run.group)
        Path(socket).unlink(missing_ok=True)  # a killed server leaves its socket file behind


@pytest.fixture
def terminal(tmp_path) -> Iterator[_Terminal]:
    term = _Terminal(tmp_path)
    try:
        yield term
    finally:
        term.close()


def _dashboard(terminal: _Terminal, story: Path) -> _Run:
    run = terminal.start(f"STORYVIEW_WORKERS=2 {sys.executable} -m tui.cli {story}")
    _wait_until(lambda: terminal.show(run.pane, "#{alternate_on}") == "1" and "Quit" in terminal.screen(run.pane),
                "the dashboard is on screen")
    return run


def _wait_for_exit(run: _Run) -> int:
    """storyview's exit status (a shell reports a death by signal N as 128 + N too: whether the signal was
    handled shows in the terminal it leaves behind)."""
    text = _wait_until(lambda: run.status.exists() and run.status.read_text().strip(), "storyview has exited")
    return int(text)  # type: ignore[arg-type]


def _assert_terminal_given_back(terminal: _Terminal, run: _Run) -> None:
    assert terminal.show(run.pane, "#{alternate_on}") == "0", "left in the alternate screen"
    assert terminal.show(run.pane, "#{mouse_any_flag}") == "0", "left with mouse reporting on"


@linux_only
@needs_tmux
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=lambda s: signal.Signals(s).name)
def test_a_signal_mid_load_gives_the_terminal_back(terminal, big_story, sig):
    """`kill PID` while a big story loads: the dashboard exits (128 + n), the terminal is out of the
    alternate screen with mouse reporting off, and no shard worker is left."""
    run = _dashboard(terminal, big_story)
    workers = _wait_until(lambda: _children(run.pid), "a shard worker is running")
    os.kill(run.pid, sig)
    assert _wait_for_exit(run) == 128 + sig
    _assert_terminal_given_back(terminal, run)
    _wait_until(lambda: not any(_alive(worker) for worker in workers), "the shard workers have ended")
    _wait_until(lambda: not _in_group(run.group), "nothing storyview started is left")


@linux_only
@needs_tmux
def test_closing_the_terminal_mid_load_ends_everything(terminal, big_story):
    """The window is closed (SIGHUP, then SIGCONT, on a terminal that is gone): nothing is left."""
    run = _dashboard(terminal, big_story)
    workers = _wait_until(lambda: _children(run.pid), "a shard worker is running")
    terminal.tmux("kill-pane", "-t", run.pane)
    _wait_until(lambda: not _alive(run.pid) and not any(_alive(worker) for worker in workers),
                "the dashboard and its workers have ended")
    _wait_until(lambda: not _in_group(run.group), "nothing storyview started is left")


# the loader is stuck in a read that never returns, as on a FIFO nobody writes or a file that never ends
_STUCK_LOADER = (
    "import os, sys\n"
    "import tui.engine.story\n"
    "def stuck(*paths, **options):\n"
    "    never_written, keep = os.pipe()\n"
    "    open(os.environ['STUCK_MARKER'], 'w').close()  # the test may go on: the loader is in the read\n"
    "    os.read(never_written, 1)\n"
    "tui.engine.story.load = stuck\n"
    "from tui.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@linux_only
@needs_tmux
@pytest.mark.parametrize("how", ["ctrl+q", "SIGINT"])
def test_quitting_while_the_loader_is_stuck_takes_effect_at_once(terminal, tmp_path, small_story, how):
    """ctrl+q (status 0) and SIGINT (130) while the load cannot finish: the dashboard quits anyway
    (before: it waited for the loader, here for ever)."""
    launcher = tmp_path / "stuck_loader.py"
    launcher.write_text(_STUCK_LOADER, encoding="utf-8")
    marker = tmp_path / "stuck"
    run = terminal.start(f"STUCK_MARKER={marker} PYTHONPATH={ROOT} {sys.executable} {launcher} {small_story}")
    _wait_until(lambda: terminal.show(run.pane, "#{alternate_on}") == "1" and "Loading" in terminal.screen(run.pane)
                and marker.exists(), "the dashboard's loader is stuck in its read")
    if how == "ctrl+q":
        terminal.tmux("send-keys", "-t", run.pane, "C-q")
    else:
        os.kill(run.pid, signal.SIGINT)
    assert _wait_for_exit(run) == (0 if how == "ctrl+q" else 130)
    _assert_terminal_given_back(terminal, run)


@linux_only
@needs_tmux
def test_ctrl_q_mid_load_quits_and_stops_the_workers(terminal, big_story):
    run = _dashboard(terminal, big_story)
    workers = _wait_until(lambda: _children(run.pid), "a shard worker is running")
    terminal.tmux("send-keys", "-t", run.pane, "C-q")
    assert _wait_for_exit(run) == 0
    _assert_terminal_given_back(terminal, run)
    _wait_until(lambda: not any(_alive(worker) for worker in workers), "the shard workers have ended")
