"""Hostile files (issue 10, classes 1, 2, 3, 7, 9, 10): links out of the folder, blocking reads, non-ASCII
header digits, PATH errors, size limits, the BOM offset contract. Real links, FIFOs, sockets, devices and
/proc files; everything that could hang runs in a subprocess with a timeout."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui
from tui.engine import loading
from tui.engine.loading import MAX_FILE_BYTES, MAX_STORY_BYTES, PathError, PathNotFound, load_sources

ROOT = Path(__file__).resolve().parent.parent
HANG_GUARD = 60  # seconds; a hang fails the test instead of blocking the suite

TEXT = " date 2022-10-20 Ambassador Petro Vrublevsky met Kassym-Jomart Tokayev in Astana on Tuesday.\n"


def run_cli(*args: str, prefix: list[str] | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*(prefix or []), sys.executable, "-m", "tui.cli", *args], capture_output=True,
                          timeout=HANG_GUARD, cwd=ROOT, env=env)


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=HANG_GUARD, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture(autouse=True)
def hang_guard() -> object:
    """In-process work that hangs (a walk of the whole machine, a blocked read) fails instead of blocking."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"no answer within {HANG_GUARD} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(HANG_GUARD * 3)  # the property test's examples share one alarm (see there)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def sources_json(*args: str) -> tuple[dict, dict[str, str]]:
    """`sources --json` on args: (payload, {skipped path: reason}); checks exit 0 and one-line skip messages."""
    done = run_cli("sources", "--json", *args)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    for line in done.stderr.decode().splitlines():
        assert line.startswith("storyview: ")
    return payload, {k["path"]: k["reason"] for k in payload["skipped"]}


# ------------------------------------------------------------------------------ 1. links out of the folder


@pytest.fixture
def story_with_exits(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET-OUTSIDE first line.\n", encoding="utf-8")
    story = tmp_path / "story"
    (story / "sub").mkdir(parents=True)
    (story / "a.txt").write_text(TEXT, encoding="utf-8")
    (story / "sub" / "b.txt").write_text(TEXT.replace("Tuesday", "Monday"), encoding="utf-8")
    os.symlink("/etc", story / "etc")
    os.symlink("/", story / "root")
    os.symlink("..", story / "up")
    os.symlink(outside, story / "outside_dir")
    os.symlink(outside / "secret.txt", story / "secret.txt")
    os.symlink("/etc/passwd", story / "passwd.txt")
    os.symlink("sub", story / "inside_dir")  # inside: followed, its file loaded once
    os.symlink("a.txt", story / "same.txt")  # inside: a duplicate, named
    return story


def test_links_out_of_the_story_are_skipped_and_named(story_with_exits: Path) -> None:
    payload, skipped = sources_json(str(story_with_exits))
    assert sorted(s["path"] for s in payload["sources"]) == ["a.txt", "inside_dir/b.txt"]
    for name in ("etc", "root", "up", "outside_dir", "secret.txt", "passwd.txt"):
        assert skipped[name] == "link leads outside the story"
    assert skipped["same.txt"] == "same file as a.txt"
    assert "SECRET" not in json.dumps(payload) and "root:" not in json.dumps(payload)


def test_follow_links_lets_them_lead_out(story_with_exits: Path) -> None:
    (story_with_exits / "root").unlink()  # not the whole machine, even when asked
    (story_with_exits / "up").unlink()
    (story_with_exits / "etc").unlink()
    payload, skipped = sources_json("--follow-links", str(story_with_exits))
    paths = {s["path"] for s in payload["sources"]}
    assert {"a.txt", "outside_dir/secret.txt", "passwd.txt"} <= paths  # the first route to a file wins
    assert skipped["secret.txt"] == "same file as outside_dir/secret.txt"
    # the Python API: the same keyword
    assert not any("SECRET" in s.text for s in tui.load(story_with_exits).sources)
    assert any("SECRET" in s.text for s in tui.load(story_with_exits, follow_links=True).sources)


@pytest.mark.parametrize("command", ["sources", "entities", "timeline", "search", None])
def test_every_command_takes_follow_links(tmp_path: Path, command: str | None) -> None:
    missing = str(tmp_path / "missing")
    args = ([command] if command else []) + (["Vrublevsky"] if command == "search" else [])
    done = run_cli(*args, "--follow-links", missing)
    assert done.returncode == 2
    assert b"unrecognized arguments" not in done.stderr
    assert done.stderr.decode().strip() == f"storyview: no such file or directory: {missing}"


def test_links_to_devices_fifos_and_sockets_are_named(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text(TEXT, encoding="utf-8")
    os.symlink("/dev/null", story / "null.txt")
    os.symlink("/dev/zero", story / "zero.txt")
    os.mkfifo(story / "pipe")
    os.symlink("pipe", story / "pipe_link.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(story / "sock.txt"))
    try:
        _, skipped = sources_json(str(story))
        assert skipped["null.txt"] == "link leads outside the story (to a character device)"
        assert skipped["zero.txt"] == "link leads outside the story (to a character device)"
        assert skipped["pipe"] == skipped["pipe_link.txt"] == "not a regular file (FIFO)"
        assert skipped["sock.txt"] == "not a regular file (socket)"
        _, followed = sources_json("--follow-links", str(story))
        assert followed["null.txt"] == followed["zero.txt"] == "not a regular file (character device)"
        # a device named as the PATH itself is not opened either
        _, named = sources_json(str(story / "a.txt"), "/dev/zero")
        assert named["/dev/zero"] == "not a regular file or folder (character device)"
    finally:
        sock.close()


def test_a_path_that_is_a_link_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "story"
    real.mkdir(parents=True)
    (real / "a.txt").write_text(TEXT, encoding="utf-8")
    (real / "sub").mkdir()
    (real / "sub" / "b.txt").write_text(TEXT, encoding="utf-8")
    os.symlink("../a.txt", real / "sub" / "up_a.txt")  # inside the resolved root: fine
    os.symlink(real, tmp_path / "story_link")
    payload, skipped = sources_json(str(tmp_path / "story_link"))
    assert sorted(s["path"] for s in payload["sources"]) == ["a.txt", "sub/b.txt"]
    assert skipped == {"sub/up_a.txt": "same file as a.txt"}


# -------------------------------------------------------------------------------- 2. reads that block


def test_a_file_swapped_for_a_fifo_after_the_scan_is_not_waited_for(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    done = run_python(f"""
        import os
        from tui.engine.loading import find_articles, read_article
        candidates, _ = find_articles([{str(tmp_path)!r}])
        os.remove({str(tmp_path / "b.txt")!r})
        os.mkfifo({str(tmp_path / "b.txt")!r})   # no writer: a blocking open waits for ever
        for c in candidates:
            out = read_article(c)
            print(c.relpath, getattr(out, "reason", "read"))
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["a.txt read", "b.txt not a regular file (FIFO)"]


def test_files_swapped_for_links_after_the_scan_are_not_read_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.txt").write_text("SECRET-OUTSIDE.\n", encoding="utf-8")
    story = tmp_path / "story"
    (story / "sub").mkdir(parents=True)
    (story / "a.txt").write_text(TEXT, encoding="utf-8")
    (story / "sub" / "a.txt").write_text(TEXT, encoding="utf-8")
    done = run_python(f"""
        import os
        from tui.engine.loading import find_articles, read_article
        story, outside = {str(story)!r}, {str(outside)!r}
        candidates, _ = find_articles([story])
        os.remove(story + "/a.txt")
        os.symlink(outside + "/a.txt", story + "/a.txt")       # the file itself
        os.rename(story + "/sub", story + "/sub_old")
        os.symlink(outside, story + "/sub")                     # a folder on its way
        for c in candidates:
            out = read_article(c)
            print(c.relpath, getattr(out, "reason", "READ " + getattr(out, "text", "")[:14]))
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["a.txt became a link after the scan", "sub/a.txt link leads outside the story"]


def test_proc_files_and_devices_reached_with_follow_links_are_bounded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    os.symlink("/proc/self/status", tmp_path / "status.txt")  # size 0, but has text
    os.symlink("/proc/self/pagemap", tmp_path / "pagemap.txt")  # size 0, reads on and on
    os.symlink("/dev/zero", tmp_path / "zero.txt")  # never ends, if it were opened
    os.symlink("/dev/tty", tmp_path / "tty.txt")  # would become our terminal, if it were opened
    payload, skipped = sources_json("--follow-links", str(tmp_path))
    assert {s["path"] for s in payload["sources"]} == {"a.txt", "status.txt"}
    assert skipped["zero.txt"] == skipped["tty.txt"] == "not a regular file (character device)"
    assert skipped["pagemap.txt"].startswith(("binary file", "too large", "unreadable"))


@pytest.mark.skipif(os.geteuid() != 0 or not os.path.exists("/proc/kmsg"), reason="/proc/kmsg needs root")
def test_a_regular_file_that_never_ends_is_skipped(tmp_path: Path) -> None:
    # /proc/kmsg is a regular file of size 0 whose read waits for the next kernel message: it never ends.
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    os.symlink("/proc/kmsg", tmp_path / "kmsg.txt")
    payload, skipped = sources_json("--follow-links", str(tmp_path))
    assert [s["path"] for s in payload["sources"]] == ["a.txt"]
    assert skipped["kmsg.txt"] in ("read would block (not a plain file)", "read did not finish within 5 s")


def test_a_read_that_does_not_return_is_given_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A FUSE or NFS file whose read() never returns cannot be made in a test without mounting one: the
    # read is made to hang here, the rest (the timer, the thread owning the descriptor) is the real one.
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    release = threading.Event()
    real_read, real_close = os.read, os.close
    closed: list[int] = []

    def hung_read(fd: int, n: int) -> bytes:
        release.wait(HANG_GUARD)
        return real_read(fd, n)

    def close(fd: int) -> None:
        closed.append(fd)
        real_close(fd)

    monkeypatch.setattr(loading, "READ_SECONDS", 0.2)
    monkeypatch.setattr(loading, "_may_block", lambda device: True)
    monkeypatch.setattr(loading.os, "read", hung_read)
    monkeypatch.setattr(loading.os, "close", close)
    sources, skipped = load_sources([tmp_path])
    assert sources == [] and [(k.path, k.reason) for k in skipped] == [("a.txt", "read did not finish within 0.2 s")]
    assert closed == []  # the descriptor still belongs to the blocked reader
    release.set()
    for thread in threading.enumerate():
        if thread.name == "storyview-read":
            thread.join(HANG_GUARD)
    assert len(closed) == 1


# ------------------------------------------------------------------------------ 3. header digits are ASCII


@pytest.mark.parametrize("date", ["٢٠٢٢-١٠-٢٠", "２０２２-１０-２０", "2022-١٠-20", "۲۰۲۲-10"])
def test_non_ascii_header_digits_are_a_malformed_header(tmp_path: Path, date: str) -> None:
    (tmp_path / "a.txt").write_text(f" date {date} Petro Vrublevsky met Tokayev.\n", encoding="utf-8")
    done = run_cli("sources", "--json", str(tmp_path))
    assert done.returncode == 0
    (source,) = json.loads(done.stdout)["sources"]
    assert source["date"] is None and source["date_precision"] is None
    assert source["warnings"] and source["warnings"][0].startswith("malformed date header")
    timeline = json.loads(run_cli("timeline", "--json", str(tmp_path)).stdout)
    assert date not in json.dumps(timeline, ensure_ascii=False)


# ------------------------------------------------------------------------------------ 7. PATH error lines


def test_a_path_in_a_folder_you_may_not_enter_says_permission_denied(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    (locked / "story").mkdir(parents=True)
    (locked / "story" / "a.txt").write_text(TEXT, encoding="utf-8")
    os.chmod(locked, 0)
    prefix: list[str] = []
    if os.geteuid() == 0:  # root enters anything: run without the capabilities that let it
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv")
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    target = str(locked / "story")
    try:
        for args in (["sources", "--json", target], ["entities", target], [target]):
            done = run_cli(*args, prefix=prefix)
            assert done.returncode == 2, done.stderr
            assert done.stdout == b""
            assert done.stderr.decode().strip() == f"storyview: permission denied: {target}"
    finally:
        os.chmod(locked, 0o755)


def test_a_path_holding_terminal_escapes_is_printed_neutralised(tmp_path: Path) -> None:
    name = str(tmp_path / "x\x1b]0;pwned\x07\x1b[2Jy")
    for args in (["sources", "--json", name], ["search", "Vrublevsky", name], [name]):
        done = run_cli(*args)
        assert done.returncode == 2
        assert b"\x1b" not in done.stderr and b"\x07" not in done.stderr
        assert done.stderr.startswith(b"storyview: no such file or directory: ")


def test_the_python_api_says_why_a_path_cannot_be_used(tmp_path: Path) -> None:
    with pytest.raises(PathNotFound) as missing:
        tui.load(tmp_path / "nope")
    assert missing.value.reason == "no such file or directory"
    (tmp_path / "file.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(PathError) as not_a_dir:
        tui.load(tmp_path / "file.txt" / "below")
    assert isinstance(not_a_dir.value, PathNotFound)


# ------------------------------------------------------------------------------------------- 9. size limits


def test_the_story_size_limit_skips_and_names_what_is_past_it(tmp_path: Path) -> None:
    # Sparse files: 1 GiB and more that cost no disk. Each is under the per-file limit.
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    size = MAX_FILE_BYTES - 1024 * 1024
    count = MAX_STORY_BYTES // size + 2
    for n in range(count):
        with open(tmp_path / f"m{n:03d}.txt", "wb") as f:
            f.truncate(size)
    (tmp_path / "z.txt").write_text(TEXT, encoding="utf-8")
    payload, skipped = sources_json(str(tmp_path))
    assert [s["path"] for s in payload["sources"]] == ["a.txt"]
    reasons = [skipped[f"m{n:03d}.txt"] for n in range(count)]
    assert reasons.count("story size limit reached (1 GiB)") == 2
    assert skipped["z.txt"] == "story size limit reached (1 GiB)"


def test_the_file_size_limit_is_named(tmp_path: Path) -> None:
    with open(tmp_path / "big.txt", "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1024 * 1024)
    _, skipped = sources_json(str(tmp_path))
    assert skipped["big.txt"] == "too large (21 MB; the limit is 20 MB)"


# ------------------------------------------------------------------------------------------------ 10. BOMs


BOM_TEXT = " date 2022-10-20 Ambassador Petro Vrublevsky met Kassym-Jomart Tokayev in Astana.\r\nVrublevsky left.\n"


@pytest.mark.parametrize("codec, reported", [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-16-le", None),
                                             ("utf-16-be", None), ("utf-32", "utf-32"), ("utf-8", "utf-8")])
def test_offsets_agree_with_the_reported_encoding(tmp_path: Path, codec: str, reported: str | None) -> None:
    data = BOM_TEXT.encode(codec)
    if reported is None:  # an explicit BOM before UTF-16 text of one byte order
        data = ("\ufeff" + BOM_TEXT).encode(codec)
        reported = "utf-16"
    (tmp_path / "a.txt").write_bytes(data)
    story = tui.load(tmp_path)
    (source,) = story.sources
    assert source.encoding == reported
    with open(source.abspath, encoding=source.encoding) as f:
        assert f.read() == source.text
    assert not source.text.startswith("\ufeff") and source.date == "2022-10-20"
    mentions = story.mentions_by_source[source.id]
    assert any(m.text == "Vrublevsky" for m in mentions)
    for mention in mentions:
        assert source.text[mention.start : mention.end] == mention.text


# ------------------------------------------------------------------------------------ property: any folder

# An audit hook sees every file and folder Python opens: nothing under the "outside" folder may be one.
_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event in ("open", "os.scandir", "os.listdir") and args and isinstance(args[0], (str, bytes)):
        _opened.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)

_GOOD = [
    ("utf-8", " date 2022-10-20 Petro Vrublevsky met Tokayev in Astana.\n"),
    ("utf-8-sig", "Vrublevsky was recalled from Kazakhstan.\r\n"),
    ("utf-16", " date 2022-10 Wrublewski spotkał Tokajewa w Astanie.\n"),
    ("utf-32", "Врублевский покинул Астану.\n"),
]
_BAD = [b"", b"\x89PNG\r\n\x1a\n\x00\x01", b"\x00" * 64, b"   \n\n"]

names = st.one_of(
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=10),
    st.binary(min_size=1, max_size=8).filter(lambda b: b"/" not in b and b"\x00" not in b).map(os.fsdecode),
).filter(lambda n: n not in (".", "..") and len(os.fsencode(n)) < 200)

entries = st.lists(
    st.tuples(
        names,
        st.sampled_from(["good", "bad", "dir", "link_in", "link_out", "fifo"]),
        st.integers(0, 3),
        st.sampled_from([".txt", ".md", "", ".TXT", ".bin"]),
    ),
    max_size=10,
    unique_by=lambda e: e[0],
)


def _snapshot(root: Path) -> dict[str, object]:
    seen: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            st_ = os.lstat(path)
            if stat.S_ISLNK(st_.st_mode):
                seen[path] = ("link", os.readlink(path))
            elif stat.S_ISREG(st_.st_mode):
                seen[path] = ("file", Path(path).read_bytes(), stat.S_IMODE(st_.st_mode))
            else:
                seen[path] = (stat.S_IFMT(st_.st_mode), stat.S_IMODE(st_.st_mode))
    return seen


def _build(tmp: Path, spec: list[tuple[str, str, int, str]]) -> tuple[Path, Path, list[Path]]:
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET-OUTSIDE.\n", encoding="utf-8")
    root = tmp / "story"
    (root / "sub").mkdir(parents=True)
    good: list[Path] = []
    made: list[Path] = [root / "sub"]
    for n, (name, kind, choice, suffix) in enumerate(spec):
        folder = root / "sub" if n % 3 == 2 else root
        path = folder / (name + (suffix if kind in ("good", "bad") else ""))
        if kind == "good":
            codec, text = _GOOD[choice]
            path.write_bytes(text.encode(codec))
            hidden = path.name.startswith(".") or (folder.name.startswith("."))
            if not hidden and os.path.splitext(path.name)[1].lower() in loading.TEXT_SUFFIXES:
                good.append(path)
        elif kind == "bad":
            path.write_bytes(_BAD[choice])
        elif kind == "dir":
            path.mkdir()
            (path / "inner.txt").write_bytes(_GOOD[choice][1].encode(_GOOD[choice][0]))
            if not path.name.startswith("."):
                good.append(path / "inner.txt")
        elif kind == "link_in":
            os.symlink(made[choice % len(made)], path)
        elif kind == "link_out":
            os.symlink(["/", "..", str(outside), str(outside / "secret.txt")][choice], path)
        else:
            os.mkfifo(path)
        made.append(path)
    return root, outside, good


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(entries)
def test_any_folder_loads_inside_itself(tmp_path_factory: pytest.TempPathFactory, spec: list) -> None:
    global _opened
    tmp = tmp_path_factory.mktemp("prop")
    root, outside, good = _build(tmp, spec)
    before = _snapshot(tmp)
    _opened = []
    signal.alarm(HANG_GUARD)  # per example: walking the whole machine through a link to / is a hang
    try:
        story = tui.load(root)  # never raises
    finally:
        signal.alarm(0)
        opened, _opened = _opened, None
    assert not [p for p in opened if p.startswith(str(outside))], "read outside the story"
    for path in good:
        assert any(os.path.samefile(s.abspath, path) for s in story.sources), path
    for source in story.sources:
        assert "SECRET" not in source.text
        assert os.path.realpath(source.abspath).startswith(str(root) + "/")
        errors = "replace" if any("replaced" in w for w in source.warnings) else "strict"
        with open(source.abspath, encoding=source.encoding, errors=errors) as f:
            assert f.read() == source.text
        for mention in story.mentions_by_source[source.id]:
            assert source.text[mention.start : mention.end] == mention.text
    assert _snapshot(tmp) == before
