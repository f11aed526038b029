"""SIGKILL in the middle of letting sessions go, plain and locked: a child process lets
a few sessions of a folder go one after another (`let_go_child`, the app's own
`letting_go.let_go`), and is killed at a random moment, often inside one let-go; then
the next start (`bridges list`, the real command) runs.

Afterwards each session the child was letting go is either fully there (its file
with its very bytes, listed) or fully gone: no file, not listed, no entry in the
history index nor its words (decrypted, when locked), and not one of its words
anywhere on disk; a session whose let-go had returned is gone; every other session is
there as it was; and no marker nor temporary file is left.
"""

from __future__ import annotations

import json
import os
import random
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from bridges_tui.core.files import lock_moves
from bridges_tui.core.files.history_index_file import (
    INDEX_FILE,
    LETTING_GO_FILE,
    LOCKED_INDEX_FILE,
    LOCKED_WORDS_FILE,
    WORDS_FILE,
    read_document,
)
from bridges_tui.core.files.session_key import SessionKey, identity_text, new_key, seal_identity
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.looking_back.history_index import HistoryIndex
from bridges_tui.testing.disk_search import found_on_disk
from bridges_tui.testing.sessions import numbered_session, write_session

from .crash_write import SCRIPTS
from .figures import Figures, timed
from .lock_kills import bridges_command

PASSPHRASE = "a long walk by the river"
#: Sessions let go of in each trial.
LET_GO = 3


def token(number: int) -> str:
    """A word in session `number`'s note and nowhere else (one word to the index)."""
    return f"qz{number:04d}kelp"


@dataclass
class Folder:
    """A folder made once per run and copied into each trial: its sessions' ids and
    bytes, and its key when locked."""

    home: Path
    ids: list[str]
    key: SessionKey | None


def make_folder(where: Path, count: int, locked: bool) -> Folder:
    home = where / ("locked" if locked else "plain")
    ids = []
    for number in range(count):
        transcript = numbered_session(1 + number % 4)
        first = transcript.turns[0]
        transcript = replace(transcript, turns=(replace(first, note=f"{token(number)} {first.note}"),
                                                *transcript.turns[1:]))
        session_id = f"202601{1 + number // 96:02d}-{number % 96 // 4:02d}{number % 4 * 15:02d}00-share-the-why"
        write_session(home / "sessions", session_id, transcript)
        ids.append(session_id)
    key = None
    if locked:
        key = new_key()
        problems = lock_moves.lock(home / "sessions", key, seal_identity(key, PASSPHRASE))
        assert problems == [], problems
    index = HistoryIndex(SessionStore(home / "sessions", key), home)
    index.read_all()
    assert index.save() is None
    return Folder(home, ids, key)


def let_go_kills(trials: int, sessions: int = 200, seed: int = 0, locked_every: int = 3) -> Figures:
    """`trials` kills of a let-go under way (every `locked_every`th in a locked folder)."""
    figures = Figures("Let go: SIGKILL mid-let-go, next start")
    rng = random.Random(seed)
    tally = {"gone": 0, "there": 0, "killed mid-let-go": 0}
    with timed(figures), tempfile.TemporaryDirectory(prefix="torture-letgo-") as scratch:
        folders = {False: make_folder(Path(scratch), sessions, False)}
        if trials >= locked_every:
            folders[True] = make_folder(Path(scratch), sessions, True)
        for trial in range(trials):
            folder = folders[trial % locked_every == locked_every - 1 and True in folders]
            home = Path(scratch) / f"trial-{trial}"
            shutil.copytree(folder.home, home)
            try:
                _one(home, folder, rng, figures, tally, f"trial {trial} ({'locked' if folder.key else 'plain'})")
            except Exception as error:
                figures.fail(f"trial {trial}: the trial broke: {type(error).__name__}: {error}")
            figures.trials += 1
            shutil.rmtree(home, ignore_errors=True)
    figures.measured = {
        "sessions let go of: fully gone / fully there": f"{tally['gone']} / {tally['there']}",
        "kills inside a let-go (marker on disk)": str(tally["killed mid-let-go"]),
    }
    return figures


def _one(home: Path, folder: Folder, rng: random.Random, figures: Figures, tally: dict[str, int],
         name: str) -> None:
    chosen = rng.sample(folder.ids, LET_GO)
    suffix = ".toml.age" if folder.key else ".toml"
    before = {one: (home / "sessions" / f"{one}{suffix}").read_bytes() for one in folder.ids}
    done = _run_and_kill(home, folder, chosen, rng)
    if (home / LETTING_GO_FILE).exists():
        tally["killed mid-let-go"] += 1
    listed = _next_start(home, folder, figures, name)
    if listed is None:
        return
    index, words = _index(home, folder.key)
    for one in folder.ids:
        path = home / "sessions" / f"{one}{suffix}"
        if one not in chosen:
            figures.check_that(path.exists() and path.read_bytes() == before[one] and one in listed,
                               f"{name}: {one}, never let go of, is not there as it was")
            continue
        if path.exists():
            tally["there"] += 1
            figures.check_that(one not in done, f"{name}: {one} is there after its let-go returned")
            figures.check_that(path.read_bytes() == before[one] and one in listed,
                               f"{name}: {one} is there but not whole, or not listed")
            continue
        tally["gone"] += 1
        file = f"{one}{suffix}"
        figures.check_that(one not in listed, f"{name}: {one} is gone but still listed")
        figures.check_that(file not in index, f"{name}: the index still has the gone {one}")
        figures.check_that(file not in words and all(token(folder.ids.index(one)) not in text
                                                     for text in words.values()),
                           f"{name}: the words of the gone {one} are still in the index")
        found = found_on_disk([token(folder.ids.index(one))], home)
        figures.check_that(not found, f"{name}: words of the gone {one} on disk: {found}")
    on_disk = {path.name for path in (home / "sessions").iterdir()}
    figures.check_that(all(name_ in on_disk for name_ in index),
                       f"{name}: an index entry points at a missing file")
    figures.check_that(not (home / LETTING_GO_FILE).exists(), f"{name}: the let-go marker is still there")
    leftovers = [path.name for path in home.rglob(".*.tmp")]
    figures.check_that(not leftovers, f"{name}: temporary files left: {leftovers}")


def _run_and_kill(home: Path, folder: Folder, chosen: list[str], rng: random.Random) -> set[str]:
    """Start the child, kill it at a random moment once it is ready; the ids whose
    let-go had returned."""
    path = os.pathsep.join(filter(None, (str(SCRIPTS), os.environ.get("PYTHONPATH"))))
    child = subprocess.Popen(
        [sys.executable, "-m", "torture_lib.let_go_child", str(home), *chosen],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": path},
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(identity_text(folder.key) if folder.key else b"")
    child.stdin.close()
    lines: list[str] = []
    ready = child.stdout.readline().decode().strip()
    if ready != "ready":
        child.kill()
        raise RuntimeError(f"the child did not start: {ready!r} {child.stderr.read().decode() if child.stderr else ''}")
    # A let-go takes about 4 ms (200 sessions): most kills land inside one of them.
    end = time.monotonic() + rng.uniform(0, 0.005 * LET_GO)
    fd = child.stdout.fileno()
    buffer = b""
    while time.monotonic() < end:
        readable, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if readable:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            buffer += chunk
    child.kill()
    child.wait(timeout=10)
    buffer += child.stdout.read()
    lines = buffer.decode().splitlines()
    return {line.split(" ", 1)[1] for line in lines if line.startswith("gone ")}


def _next_start(home: Path, folder: Folder, figures: Figures, name: str) -> set[str] | None:
    """`bridges list --json`, as the couple would start it next: the ids it lists."""
    args = [*bridges_command(), "list", "--json"]
    fds: tuple[int, ...] = ()
    if folder.key is not None:
        read_end, write_end = os.pipe()
        os.write(write_end, f"{PASSPHRASE}\n".encode())
        os.close(write_end)
        fds = (read_end,)
        args += ["--passphrase-fd", str(read_end)]
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=120, pass_fds=fds,
                                env={**os.environ, "BRIDGES_HOME": str(home)}, stdin=subprocess.DEVNULL)
    finally:
        for fd in fds:
            os.close(fd)
    if result.returncode != 0 or "Traceback" in result.stderr:
        figures.fail(f"{name}: `bridges list` after the kill: {result.returncode} {result.stderr[-500:]}")
        return None
    return {row["id"] for row in json.loads(result.stdout)}


def _index(home: Path, key: SessionKey | None) -> tuple[dict[str, object], dict[str, str]]:
    """The history index's entries and words, decrypted when locked."""
    rows = read_document(home / (LOCKED_INDEX_FILE if key else INDEX_FILE), key)
    words = read_document(home / (LOCKED_WORDS_FILE if key else WORDS_FILE), key)
    return rows, {name: str(value[1]) for name, value in words.items() if isinstance(value, list)}
