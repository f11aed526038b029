"""Disk faults during a session: the sessions folder full, read-only, refusing
permission, failing with I/O errors, missing, or replaced by a file.

Each trial drives the real app (Pilot, fake clock) through the walk; the fault starts
at a random turn (sometimes before the very first save) and clears at a later one.
While it lasts the app must say so, go on in memory and keep retrying; once it clears
the file on disk must hold every turn and every note typed, with no temporary file
left behind.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from bridges_tui.core.files.store import SessionStore
from bridges_tui.testing.clock import FakeClock
from bridges_tui.testing.pilot import running
from bridges_tui.testing.talk import notifications, take_turn, talk_app
from bridges_tui.tui import live_session

from . import walk
from .figures import Figures, timed
from .in_process import SIZE, bridges_home, failing_for, fd_path, files_in, patched

KINDS = ("full", "read-only", "permission", "io-error", "missing", "replaced-by-file")
WORDS = ["we", "listen", "Zoë", "😀", "שלום", "again", "because", "tired", "home"]


@contextmanager
def fault(kind: str, folder: Path) -> Iterator[None]:
    """The sessions folder misbehaving in one way, for the duration."""
    with ExitStack() as stack:
        if kind == "full":
            stack.enter_context(patched(os, "write", failing_for(folder, errno.ENOSPC, os.write, fd_path)))
        elif kind in ("read-only", "permission"):
            code = errno.EROFS if kind == "read-only" else errno.EACCES
            stack.enter_context(patched(
                tempfile, "mkstemp",
                failing_for(folder, code, tempfile.mkstemp, lambda *a, **k: str(k.get("dir", ""))),
            ))
        elif kind == "io-error":
            stack.enter_context(patched(os, "fsync", failing_for(folder, errno.EIO, os.fsync, fd_path)))
        elif kind == "missing":
            shutil.rmtree(folder.parent, ignore_errors=True)  # BRIDGES_HOME itself, even
        elif kind == "replaced-by-file":
            shutil.rmtree(folder, ignore_errors=True)
            folder.parent.mkdir(parents=True, exist_ok=True)
            folder.write_text("not a folder\n")
        yield
        if kind == "replaced-by-file":
            folder.unlink()


async def disk_fault_trials(trials: int, seed: int = 0, kinds: tuple[str, ...] = KINDS) -> Figures:
    figures = Figures("Disk faults (full, read-only, denied, I/O, gone, a file)")
    rng = random.Random(seed)
    told = should_tell = 0
    with timed(figures), patched(live_session, "RETRY_SECONDS", 0.05):
        for trial in range(trials):
            kind = kinds[trial % len(kinds)]
            with bridges_home("torture-disk-") as home:
                told += await _one(kind, rng, home, figures, f"{kind} #{trial}")
            figures.trials += 1
            should_tell += kind != "missing"
    figures.measured = {
        "fault told on screen": f"{told} of {should_tell} (a missing folder is simply made again)",
    }
    return figures


async def _one(kind: str, rng: random.Random, home: Path, figures: Figures, name: str) -> int:
    folder = home / "sessions"
    fake = FakeClock()
    begins = rng.randint(-1, walk.STEPS - 1)  # -1: before the session's first save
    ends = rng.randint(begins + 1, walk.STEPS)  # STEPS: only after the last turn
    expected: list[tuple[float, str | None]] = []
    told = 0
    app = talk_app(fake, walk.practice())
    with ExitStack() as stack:
        if begins == -1:
            folder.mkdir(parents=True, mode=0o700)
            stack.enter_context(fault(kind, folder))
        async with running(app, size=SIZE) as pilot:
            for position in range(walk.STEPS):
                if position == begins:
                    stack.enter_context(fault(kind, folder))
                if position == ends:
                    stack.close()
                    await pilot.pause(0.2)
                seconds = float(rng.randint(1, 400))
                note = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8)))
                asked = await take_turn(pilot, app, fake, seconds, note)
                expected.append((seconds, note if asked else None))
                if begins <= position < ends and kind != "missing":
                    figures.check_that(
                        app.live.keeper is not None and app.live.keeper.unsaved,
                        f"{name}: turn {position + 1} counted as saved during the fault",
                    )
            if kind != "missing" and begins < walk.STEPS:
                shown = " ".join(notifications(app))
                told += "Can't save right now" in shown
                figures.check_that("Can't save right now" in shown,
                                   f"{name}: the fault was never told: {shown!r}")
            stack.close()
            for _ in range(40):
                await pilot.pause(0.05)
                if app.live.keeper is not None and not app.live.keeper.unsaved:
                    break
            keeper = app.live.keeper
            figures.check_that(keeper is not None and not keeper.unsaved,
                               f"{name}: still unsaved after the fault cleared: {keeper and keeper.problem}")
            if kind != "missing" and begins < walk.STEPS:
                figures.check_that("Saved again" in " ".join(notifications(app)),
                                   f"{name}: never said it saved again")
    _check_disk(folder, expected, figures, name)
    return told


def _check_disk(folder: Path, expected: list[tuple[float, str | None]], figures: Figures,
                name: str) -> None:
    names = files_in(folder)
    hidden = [n for n in names if n.startswith(".")]
    figures.check_that(not hidden, f"{name}: left behind: {hidden}")
    sessions = [n for n in names if n.endswith(".toml") and not n.startswith(".")]
    if not figures.check_that(len(sessions) == 1, f"{name}: session files {sessions}"):
        figures.lost_turns += len(expected)
        return
    try:
        transcript = SessionStore(folder).load(folder / sessions[0])
    except Exception as error:
        figures.fail(f"{name}: the session does not load: {error}")
        figures.lost_turns += len(expected)
        return
    disk = transcript.turns
    if len(disk) < len(expected):
        figures.lost_turns += len(expected) - len(disk)
        figures.fail(f"{name}: {len(expected)} turns taken, {len(disk)} on disk")
    for index, (seconds, note) in enumerate(expected[: len(disk)]):
        figures.check_that(disk[index].spoken_s == seconds,
                           f"{name}: turn {index + 1} spoke {seconds}, disk {disk[index].spoken_s}")
        if disk[index].note != note:
            figures.lost_notes += 1
            figures.fail(f"{name}: note {index + 1}: typed {note!r}, disk {disk[index].note!r}")
