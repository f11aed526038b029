"""SIGKILL in the middle of an autosave: a child process saves a session again and
again (one more turn each time) and is killed at a random moment, often inside a write.

Afterwards the session file must read, hold every turn whose save had returned, and
nothing half-written; listing the folder (as bridges does at start-up) must sweep up
any temporary file; and no file may ever be readable by others.
"""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bridges_tui.core.files.store import SessionStore
from bridges_tui.testing.sessions import note_of

from .figures import Figures, timed

#: The folder that holds `torture_lib`, for the child's PYTHONPATH: the child is a
#: fresh interpreter, which knows nothing of how this one found the library.
SCRIPTS = Path(__file__).resolve().parent.parent


def start_saver(folder: Path, *partners: str) -> subprocess.Popen[str]:
    """A process that saves a session in `folder` again and again (`autosave_child`)."""
    path = os.pathsep.join(filter(None, (str(SCRIPTS), os.environ.get("PYTHONPATH"))))
    return subprocess.Popen(
        [sys.executable, "-m", "torture_lib.autosave_child", str(folder), *partners],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": path},
    )


def kill_while_saving(trials: int, seed: int = 0) -> Figures:
    figures = Figures("Crash mid-autosave: SIGKILL a saving process")
    rng = random.Random(seed)
    temps_at_kill = 0
    saves_seen = 0
    with timed(figures), tempfile.TemporaryDirectory(prefix="torture-autosave-") as scratch:
        for trial in range(trials):
            folder = Path(scratch) / f"t{trial}" / "sessions"
            acked, temps = _one(folder, rng, figures, trial)
            figures.trials += 1
            temps_at_kill += temps
            saves_seen += acked
    figures.measured = {
        "saves acknowledged before the kill": str(saves_seen),
        "temp files at kill, all swept": str(temps_at_kill),
    }
    return figures


def _one(folder: Path, rng: random.Random, figures: Figures, trial: int) -> tuple[int, int]:
    child = start_saver(folder)
    # Most kills land among the saves; some in the start-up and the first create.
    wait = rng.uniform(0.0, 0.15) if rng.random() < 0.2 else rng.uniform(0.15, 0.6)
    time.sleep(wait)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=10)
    lines = out.splitlines()
    created = bool(lines) and lines[0].startswith("created")
    acked = max((int(line) for line in lines[1:] if line.strip().isdigit()), default=0)
    if err.strip() and "Traceback" in err:
        figures.fail(f"trial {trial}: the child failed: {err.strip().splitlines()[-1]}")
    if not folder.exists():
        return 0, 0
    names = os.listdir(folder)
    temps = [name for name in names if name.startswith(".")]
    for name in names:
        mode = stat.S_IMODE(os.lstat(folder / name).st_mode)
        figures.check_that(mode == 0o600, f"trial {trial}: {name} is {mode:o}")
    mode = stat.S_IMODE(os.stat(folder).st_mode)
    figures.check_that(mode == 0o700, f"trial {trial}: the folder is {mode:o}")
    sessions = [name for name in names if name.endswith(".toml") and not name.startswith(".")]
    if not created and not sessions:
        pass  # killed before the first save: nothing was said yet, nothing is lost
    elif len(sessions) != 1:
        figures.fail(f"trial {trial}: expected one session file, found {sessions}")
        return acked, len(temps)
    else:
        store = SessionStore(folder)
        try:
            transcript = store.load(folder / sessions[0])
        except Exception as error:
            figures.fail(f"trial {trial}: corrupt session after the kill: {error}")
            return acked, len(temps)
        count = len(transcript.turns)
        if count < acked:
            figures.lost_turns += acked - count
            figures.fail(f"trial {trial}: {acked} turns were saved, {count} on disk")
        figures.check_that(count <= acked + 1, f"trial {trial}: {count} turns on disk, {acked} saved")
        for number, turn in enumerate(transcript.turns, 1):
            if turn.note != note_of(number):
                figures.lost_notes += 1
                figures.fail(f"trial {trial}: the note of turn {number} changed")
    SessionStore(folder).list()  # what bridges does when it starts
    left = [name for name in os.listdir(folder) if name.startswith(".")]
    figures.check_that(not left, f"trial {trial}: left behind after listing: {left}")
    return acked, len(temps)
