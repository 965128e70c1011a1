"""Hostile dictionary caches (issue 10, class 8): where the cache may land, and what a damaged one does.

Every case runs storyview in a subprocess with its own environment (HOME, XDG_CACHE_HOME, STORYVIEW_CACHE,
TMPDIR and the passwd entry all chosen by the test, so nothing touches the real home) and a timeout, so a hang
or a crash fails the test instead of the suite. Each checks the entities JSON against a clean run's and that
neither the story folder nor the current folder gained or changed a single file.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120  # a hang guard only: a normal run takes 1-3 s, a build of the English list a few more

# Runs the CLI ("cli", args...) or a snippet ("code", source) with the passwd entry the test chose:
# SV_TEST_PW_DIR="" stands for a uid without an entry (as in a container run with an arbitrary --user).
DRIVER = r"""
import os, pwd, runpy, sys
_home = os.environ.pop("SV_TEST_PW_DIR", "")
class _Entry:
    pw_dir = _home
def _getpwuid(uid):
    if not _home:
        raise KeyError(f"getpwuid(): uid not found: {uid}")
    return _Entry()
pwd.getpwuid = _getpwuid
if sys.argv[1] == "cli":
    sys.argv = ["storyview", *sys.argv[2:]]
    runpy.run_module("tui.cli", run_name="__main__", alter_sys=True)
else:
    exec(sys.argv[2])
"""


def run(mode: str, *args: str, env: dict[str, str], cwd: Path, timeout: float = TIMEOUT):
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1", "SV_TEST_PW_DIR": ""}
    return subprocess.run([sys.executable, "-c", DRIVER, mode, *args], env={**base, **env}, cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, check=False)


def entities(story: Path, env: dict[str, str], cwd: Path) -> dict:
    result = run("cli", "entities", str(story), "--json", env=env, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under `folder` (links not followed) with its type and content."""
    seen: dict[str, tuple[int, bytes | str]] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            mode = path.lstat().st_mode
            content: bytes | str = b""
            if stat.S_ISLNK(mode):
                content = os.readlink(path)
            elif stat.S_ISREG(mode):
                content = path.read_bytes()
            seen[str(path.relative_to(folder))] = (stat.S_IFMT(mode), content)
    return seen


def cache_files(cache: Path) -> list[Path]:
    """The English word list file(s) storyview wrote under `cache`, whatever the format names them."""
    return sorted(p for p in cache.glob("words-*/en.*") if not p.name.endswith(".tmp"))


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A clean run: its entities JSON and the cache file it wrote (the seeds story is English only)."""
    top = tmp_path_factory.mktemp("clean")
    story, cache, cwd = top / "story", top / "cache", top / "cwd"
    shutil.copytree(ROOT / "seeds", story)
    cwd.mkdir()
    data = entities(story, {"STORYVIEW_CACHE": str(cache), "TMPDIR": str(top)}, cwd)
    files = cache_files(cache)
    assert len(files) == 1
    return {"json": data, "file": files[0].relative_to(cache), "bytes": files[0].read_bytes()}


@pytest.fixture
def place(tmp_path):
    """A story, an empty current folder and a private temp folder, checked untouched after the test."""
    story, cwd, temp = tmp_path / "story", tmp_path / "cwd", tmp_path / "temp"
    shutil.copytree(ROOT / "seeds", story)
    cwd.mkdir()
    temp.mkdir()
    before = snapshot(story)
    yield {"story": story, "cwd": cwd, "temp": temp, "top": tmp_path}
    assert snapshot(story) == before, "the story folder changed"
    assert snapshot(cwd) == {}, "files appeared in the current folder"


def private_cache(temp: Path) -> Path:
    return temp / f"storyview-{os.getuid()}"


# --- where the cache lands -------------------------------------------------------------------------------


def test_no_home_and_no_passwd_entry_uses_a_private_temp_folder(place, clean):
    # expanduser("~") without HOME and without a passwd entry is "~": a folder made in the current one
    env = {"TMPDIR": str(place["temp"])}
    assert entities(place["story"], env, place["cwd"]) == clean["json"]
    folder = private_cache(place["temp"])
    info = folder.lstat()
    assert stat.S_ISDIR(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o700 and info.st_uid == os.geteuid()
    assert (folder / clean["file"]).read_bytes() == clean["bytes"]


@pytest.mark.parametrize("variable, value", [("XDG_CACHE_HOME", "cache"), ("STORYVIEW_CACHE", "cache"),
                                             ("HOME", "home"), ("HOME", "")])
def test_relative_or_empty_locations_are_ignored(place, clean, variable, value):
    # run from inside the story, where a relative cache would be written (and read as articles next time);
    # HOME="" made the cache /.cache/storyview
    env = {"TMPDIR": str(place["temp"]), variable: value}
    for _ in range(2):
        assert entities(place["story"], env, place["story"]) == clean["json"]
    assert (private_cache(place["temp"]) / clean["file"]).read_bytes() == clean["bytes"]


def test_the_passwd_home_is_used_when_home_is_unset(place, clean):
    home = place["top"] / "pwhome"
    env = {"TMPDIR": str(place["temp"]), "SV_TEST_PW_DIR": str(home)}
    assert entities(place["story"], env, place["cwd"]) == clean["json"]
    assert (home / ".cache" / "storyview" / clean["file"]).read_bytes() == clean["bytes"]
    assert not private_cache(place["temp"]).exists()


@pytest.mark.parametrize("where", ["home", "storyview_cache", "xdg"])
def test_never_writes_inside_the_story(place, clean, where):
    story = place["story"]
    env = {"TMPDIR": str(place["temp"]),
           **{"home": {"HOME": str(story)},
              "storyview_cache": {"STORYVIEW_CACHE": str(story / "sub" / "cache")},
              "xdg": {"XDG_CACHE_HOME": str(story / ".." / story.name)}}[where]}
    assert entities(story, env, place["cwd"]) == clean["json"]
    assert (private_cache(place["temp"]) / clean["file"]).read_bytes() == clean["bytes"]


@pytest.mark.parametrize("planted", ["symlink", "open_mode"])
def test_a_planted_private_temp_folder_is_refused(place, clean, planted):
    # a shared /tmp: someone else may have made /tmp/storyview-UID first, as a link or a folder anyone can write
    elsewhere = place["top"] / "elsewhere"
    elsewhere.mkdir()
    folder = private_cache(place["temp"])
    if planted == "symlink":
        folder.symlink_to(elsewhere)
    else:
        folder.mkdir()
        folder.chmod(0o777)
    assert entities(place["story"], {"TMPDIR": str(place["temp"])}, place["cwd"]) == clean["json"]
    assert snapshot(elsewhere) == {}
    assert not list(folder.iterdir())


# --- damaged cache files -----------------------------------------------------------------------------------


def install(cache: Path, clean: dict) -> Path:
    """The cache as the clean run left it (the same code wrote it, under the name it reads)."""
    path = cache / clean["file"]
    path.parent.mkdir(parents=True)
    path.write_bytes(clean["bytes"])
    return path


def _damage(path: Path, kind: str) -> None:
    data = path.read_bytes()
    if kind == "random":
        path.write_bytes(random.Random(8).randbytes(len(data)))
    elif kind == "half":
        path.write_bytes(data[: len(data) // 2])
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "version":  # the format version field of the header; for a headerless file, any byte
        path.write_bytes(data[:8] + bytes([data[8] ^ 0x7F]) + data[9:])
    elif kind == "flipped":  # one bit in the middle of the word list
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :])
    elif kind == "symlink":  # a link to an intact copy elsewhere: not followed out of the cache
        copy = path.parent.parent / "copy-elsewhere"
        copy.write_bytes(data)
        path.unlink()
        path.symlink_to(copy)
    elif kind == "foreign":
        os.chown(path, 54321, 54321)


@pytest.mark.parametrize("kind", ["random", "half", "empty", "version", "flipped", "symlink", "foreign"])
def test_a_damaged_cache_file_is_rebuilt(place, clean, kind):
    if kind == "foreign" and os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    cache = place["top"] / "cache"
    env = {"STORYVIEW_CACHE": str(cache), "TMPDIR": str(place["temp"])}
    path = install(cache, clean)
    _damage(path, kind)
    assert entities(place["story"], env, place["cwd"]) == clean["json"]
    info = path.lstat()
    assert stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid()
    assert path.read_bytes() == clean["bytes"]


def test_a_fifo_in_place_of_the_cache_file_does_not_block(place, clean):
    cache = place["top"] / "cache"
    env = {"STORYVIEW_CACHE": str(cache), "TMPDIR": str(place["temp"])}
    path = install(cache, clean)
    path.unlink()
    os.mkfifo(path)
    assert entities(place["story"], env, place["cwd"]) == clean["json"]
    assert path.read_bytes() == clean["bytes"]


def test_a_folder_in_place_of_the_cache_file_or_folder_falls_back(place, clean):
    # neither can be replaced by a rename: the next place is used, here the private temp folder
    cache = place["top"] / "cache"
    env = {"STORYVIEW_CACHE": str(cache), "TMPDIR": str(place["temp"])}
    (cache / clean["file"]).mkdir(parents=True)
    assert entities(place["story"], env, place["cwd"]) == clean["json"]
    assert (private_cache(place["temp"]) / clean["file"]).read_bytes() == clean["bytes"]
    shutil.rmtree(private_cache(place["temp"]))
    blocked = place["top"] / "a-file"
    blocked.write_bytes(b"not a folder")
    env["STORYVIEW_CACHE"] = str(blocked / "cache")
    assert entities(place["story"], env, place["cwd"]) == clean["json"]
    assert (private_cache(place["temp"]) / clean["file"]).read_bytes() == clean["bytes"]


def test_truncating_the_cache_file_after_it_was_opened_does_not_crash(place, clean):
    # with the file mapped, the next lookup past the new end was SIGBUS
    cache = place["top"] / "cache"
    code = f"""
import os
from pathlib import Path
from tui.engine.wordlists import word_list
words = ["the", "house", "running", "london", "zebra", "aardvark", "kazakhstan", "government", "said"]
lists = word_list("en")
before = [lists.get(w) for w in words]
[opened] = [p for p in Path({str(cache)!r}).glob("words-*/en.*") if not p.name.endswith(".tmp")]
os.truncate(opened, 0)
after = [lists.get(w) for w in words]
print(before == after, sum(x is not None for x in after))
"""
    result = run("code", code, env={"STORYVIEW_CACHE": str(cache), "TMPDIR": str(place["temp"])},
                 cwd=place["cwd"])
    assert result.returncode == 0, (result.returncode, result.stderr)
    same, known = result.stdout.split()
    assert same == "True" and int(known) > 5


# --- leftovers of killed builds ----------------------------------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temp_files_are_swept(place, clean):
    cache = place["top"] / "cache"
    folder = install(cache, clean).parent
    dead = folder / f".de.{_dead_pid()}.0123abcd.tmp"
    old = folder / f".fr.{os.getpid()}.89abcdef.tmp"  # a live pid, but two hours old: abandoned
    live = folder / f".it.{os.getpid()}.deadbeef.tmp"  # a build in progress: left alone
    for path in (dead, old, live):
        path.write_bytes(b"partial")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    unrelated = folder / "notes.txt"
    unrelated.write_text("not ours")
    env = {"STORYVIEW_CACHE": str(cache), "TMPDIR": str(place["temp"])}
    assert entities(place["story"], env, place["cwd"]) == clean["json"]
    assert not dead.exists() and not old.exists()
    assert live.exists() and unrelated.exists()


def test_a_build_killed_midway_leaves_nothing_for_good(place, clean):
    cache = place["top"] / "cache"
    env = {"STORYVIEW_CACHE": str(cache), "TMPDIR": str(place["temp"])}
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1", "SV_TEST_PW_DIR": "", **env}
    builder = subprocess.Popen([sys.executable, "-c", DRIVER, "cli", "entities", str(place["story"]), "--json"],
                               env=base, cwd=place["cwd"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not list(cache.glob("words-*/.en*")) and builder.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert list(cache.glob("words-*/.en*")), "no temp file was seen while the list was built"
    finally:
        builder.send_signal(signal.SIGKILL)
        builder.wait()
    assert list(cache.glob("words-*/.en*"))  # the kill left it
    assert entities(place["story"], env, place["cwd"]) == clean["json"]
    assert not list(cache.glob("words-*/.*"))
    assert (cache / clean["file"]).read_bytes() == clean["bytes"]


# --- nothing writable --------------------------------------------------------------------------------------


def test_an_unwritable_cache_falls_back_to_the_next_place(place, clean):
    blocked = place["top"] / "a-file"
    blocked.write_bytes(b"not a folder")
    home = place["top"] / "home"
    env = {"STORYVIEW_CACHE": str(blocked / "cache"), "HOME": str(home), "TMPDIR": str(place["temp"])}
    assert entities(place["story"], env, place["cwd"]) == clean["json"]
    assert (home / ".cache" / "storyview" / clean["file"]).read_bytes() == clean["bytes"]


def test_with_nothing_writable_the_dictionary_is_used_as_it_is(place, clean):
    # /proc takes no new folders, even from root; the sorted list is not built when it cannot be kept
    blocked = place["top"] / "a-file"
    blocked.write_bytes(b"not a folder")
    env = {"STORYVIEW_CACHE": str(blocked / "cache"), "XDG_CACHE_HOME": "/proc/storyview-test",
           "HOME": "/proc", "SV_TEST_PW_DIR": "/proc", "TMPDIR": "/proc"}
    code = f"""
import json, tui
from tui.engine import wordlists
def refuse(language):
    raise AssertionError("the sorted list was built with nowhere to keep it")
wordlists._payload = refuse
print(json.dumps(tui.load({str(place["story"])!r}).entities_json()))
lists = wordlists.word_list("en")
assert lists.path is None and lists.get("house") is True and lists.get("qzxqzx") is None
"""
    result = run("code", code, env=env, cwd=place["cwd"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == clean["json"]
    assert snapshot(place["top"] / "temp") == {}
