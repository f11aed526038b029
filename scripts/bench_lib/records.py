"""The measurements of the files and the command line: `bridges list` against
`bridges --version`, what `--version` imports, and the autosave of a long session."""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bridges_tui.testing.sessions import NAMES, words_note

from .apps import BRIDGES, PYTHON, child_env

#: Turns in the sessions measured: the long history's and the autosave's.
TURNS = 40

# --- 5: `bridges list` against `bridges --version` ------------------------------------


@dataclass
class Listing:
    list_s: list[float]
    version_s: list[float]
    lines: int


def _timed(argv: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    return time.perf_counter() - started, result


def listing(home: Path, runs: int) -> Listing:
    """Alternate `bridges --version` and `bridges list` (1,000 sessions), `runs` each."""
    env = child_env(home)
    version, listed = [BRIDGES, "--version"], [BRIDGES, "list"]
    for argv in (version, listed):  # warm-up
        _timed(argv, env)
    result = Listing([], [], 0)
    for round_ in range(runs):
        for argv in (version, listed) if round_ % 2 == 0 else (listed, version):
            seconds, done = _timed(argv, env)
            if done.returncode != 0:
                raise RuntimeError(f"`{' '.join(argv[1:])}` failed: {done.stderr.strip()[:200]}")
            if argv is listed:
                result.list_s.append(seconds)
                result.lines = len(done.stdout.splitlines())
            else:
                result.version_s.append(seconds)
    return result


def warm_index(home: Path) -> None:
    """Run `bridges list` once, so that the history index exists, as it does after a
    couple's first look back."""
    done = subprocess.run([BRIDGES, "list"], capture_output=True, text=True, env=child_env(home), timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"`bridges list` failed: {done.stderr.strip()[:200]}")


_IMPORTS_OF_VERSION = """\
import sys
from bridges_tui.cli import main
try:
    main(["--version"])
except SystemExit:
    pass
print()
print(",".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def version_imports(home: Path) -> set[str]:
    """Top-level packages imported by `bridges --version`."""
    done = subprocess.run(
        [PYTHON, "-c", _IMPORTS_OF_VERSION], capture_output=True, text=True, env=child_env(home), timeout=60
    )
    return set(done.stdout.strip().splitlines()[-1].split(","))


# --- 6: autosave of a 40-turn session --------------------------------------------------


@dataclass
class Saving:
    ms: list[float]
    file_kib: float


def _forty_turn_practice():
    from bridges_tui.core.model.session import NoteSpec, Practice, Step

    steps = [
        Step(
            id=f"step-{number}",
            title=f"Step {number}",
            speaker="lead" if number % 2 else "other",
            prompt="Say what matters to you, and why.",
            listener="Listen for the reason; reflect it back.",
            starters=("This matters to me because…",),
            note=NoteSpec(label="What did you hear?", by="listener"),
        )
        for number in range(1, TURNS // 2 + 1)
    ]
    return Practice(
        id="bench-forty", title="Forty turns", summary="A long session, for measuring.",
        turn_seconds=120, round=tuple(steps),
    )


def autosave(saves: int = 200, locked: bool = False) -> Saving:
    """The app's autosave exactly as it runs after a hand-over or a note: the
    conversation's transcript, handed to a `SessionKeeper`, written by the real
    `SessionStore` (atomic, private, synced); timed `saves` times over a session of
    40 turns, each with a note of about 200 characters. `locked`: as in a locked folder,
    each save encrypted to the folder's key (opened once before, as at a start)."""
    from bridges_tui.core.files.keeper import SessionKeeper
    from bridges_tui.core.files.store import SessionStore
    from bridges_tui.core.talk.conversation import Conversation

    rng = random.Random(3)
    clock = [0.0]
    begun = datetime.now(timezone(timedelta(hours=1))).replace(microsecond=0)
    conversation = Conversation(
        _forty_turn_practice(), NAMES,
        now=lambda: clock[0], wall=lambda: begun + timedelta(seconds=int(clock[0])),
    )
    folder = Path(tempfile.mkdtemp(prefix="bridges-bench-save-"))
    try:
        key = None
        if locked:
            from bridges_tui.core.files.session_key import new_key

            key = new_key()
        keeper = SessionKeeper(SessionStore(folder / "sessions", key))
        for _ in range(TURNS):
            conversation.start_turn()
            clock[0] += rng.uniform(60, 150)
            conversation.hand_over()
            if conversation.pending_note is not None:
                conversation.set_note(conversation.pending_note, words_note(rng))
            clock[0] += rng.uniform(3, 20)
        if not keeper.keep(conversation.transcript()):
            raise RuntimeError(f"the first save failed: {keeper.problem}")
        timings = []
        for index in range(saves):
            conversation.set_note(index % TURNS, words_note(rng))  # what a save follows
            started = time.perf_counter()
            saved = keeper.keep(conversation.transcript())
            timings.append(1000 * (time.perf_counter() - started))
            if not saved:
                raise RuntimeError(f"a save failed: {keeper.problem}")
        size = keeper.path.stat().st_size / 1024
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Saving(timings, size)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
