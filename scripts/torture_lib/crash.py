"""Crash at any moment: a real `bridges talk` on a pseudo-terminal, killed with SIGKILL
at a random moment (mid-turn, while a note is typed, a few milliseconds after a key
that saves), then `bridges` started again.

Each trial keeps its own log of what the screen confirmed (a turn handed over, a note
kept) and compares it with the transcript on disk after the restart: every completed
turn and every kept note must be there, word for word; the session must be offered
for resuming (and resume at the right step); no file may be corrupt, no temporary file
left, and nothing ever readable by others. The only acceptable loss is the turn in
progress (its floor time is measured) and the last keystrokes of a note being typed,
which is saved as it grows (the characters typed since its last save are measured).
"""

from __future__ import annotations

import os
import random
import stat
import tempfile
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.talk.keys import GUARD_SECONDS

from .figures import Figures, timed
from .terminal import BRIDGES, Killed, ProgramExited, Run
from .walk import PLAN, PRACTICE, STEPS, add_practice

TALK = (BRIDGES, "talk", PRACTICE, "--names", "Sam", "Alex")
OFFER = "An unfinished session"
SETUP = "a guided conversation for two"
NOTE_OPEN = "Enter keeps it"
READY = "ready to begin"
#: How far the app's floor time may differ from what the harness timed from outside.
CLOCK_TOLERANCE_S = 0.6
NOTE_CHARACTERS = (
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?'\"()-"
    "éüßñçøå—…“”"
)
#: Emoji (with joiners), right-to-left text and combining marks, typed key by key.
NOTE_WORDS = ["😀", "שלום", "مرحبا", "e\u0301", "👩\u200d❤️\u200d👨", "李雷"]


def _heading(step: int) -> str:
    return f"step {step} of {STEPS}"


@dataclass
class TurnLog:
    position: int
    started: float  # when the screen showed the turn running
    handed_over: float | None = None  # when the hand-over key was sent
    confirmed: bool = False  # the screen showed the next step (or the note prompt)


@dataclass
class TrialLog:
    """What the harness did and what the screen confirmed, with times."""

    turns: list[TurnLog] = field(default_factory=list)
    #: Notes whose Enter was sent: turn position -> text; `kept` once the screen showed
    #: the prompt closed.
    notes_sent: dict[int, str] = field(default_factory=dict)
    notes_kept: dict[int, str] = field(default_factory=dict)
    #: The note being typed: (turn position, the characters typed so far).
    draft: tuple[int, str] | None = None
    finished: bool = False
    mode: str = ""


def _note_text(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return ""
    parts = []
    for _ in range(rng.randint(1, 12)):
        if rng.random() < 0.15:
            parts.append(rng.choice(NOTE_WORDS))
        else:
            parts.append("".join(rng.choice(NOTE_CHARACTERS) for _ in range(rng.randint(1, 12))))
    return " ".join(parts).strip()


def _chunks(text: str, rng: random.Random) -> list[str]:
    out, index = [], 0
    while index < len(text):
        size = rng.randint(1, 12)
        out.append(text[index:index + size])
        index += size
    return out


class _Privacy:
    """Looks at the sessions folder between reads: everything private, always."""

    def __init__(self, home: Path, figures: Figures) -> None:
        self.home = home
        self.folder = home / "sessions"
        self.figures = figures
        self.seen: set[str] = set()
        self.next_look = 0.0

    def __call__(self) -> None:
        now = time.monotonic()
        if now < self.next_look:
            return
        self.next_look = now + 0.01
        try:
            entries = list(os.scandir(self.folder))
            folder_mode = stat.S_IMODE(os.stat(self.folder).st_mode)
        except OSError:
            return
        if folder_mode != 0o700:
            self._bad(f"{self.folder} was {folder_mode:o}")
        for entry in entries:
            try:
                mode = stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode)
            except OSError:
                continue
            if mode != 0o600:
                self._bad(f"{entry.name} was {mode:o}")

    def _bad(self, what: str) -> None:
        if what not in self.seen:
            self.seen.add(what)
            self.figures.fail(f"privacy: {what}")


def _drive(run: Run, log: TrialLog, rng: random.Random, kill_after_save: int, delay: float) -> None:
    """Walk the practice as a couple would, until the planned SIGKILL (Killed)."""
    saves = 0

    def saving(keys: str) -> float:
        nonlocal saves
        sent = run.press(keys)
        saves += 1
        if saves == kill_after_save:
            run.kill_at = sent + delay
        return sent

    for position in range(STEPS):
        run.press(" ")
        if not run.until(lambda: not run.shows(READY), 5):
            raise _Stuck(f"step {position + 1}: the turn did not start")
        turn = TurnLog(position, time.monotonic())
        log.turns.append(turn)
        # A turn is held at least the guard: a quicker second Space is a double press.
        run.wait(GUARD_SECONDS + rng.choice([0.05, 0.2, 0.5, 1.0]) * rng.random() + 0.05)
        turn.handed_over = saving(" ")
        after = _heading(position + 2) if position + 1 < STEPS else "all steps done"
        if not run.until(lambda after=after: run.shows(NOTE_OPEN) or run.shows(after), 5):
            raise _Stuck(f"step {position + 1}: the hand-over did not show")
        turn.confirmed = True
        if PLAN[position].step.note is None:
            continue
        if not run.until(lambda: run.shows(NOTE_OPEN), 5):
            raise _Stuck(f"step {position + 1}: no note prompt")
        text = _note_text(rng)
        log.draft = (position, "")
        for chunk in _chunks(text, rng):
            run.press(chunk)
            log.draft = (position, log.draft[1] + chunk)
            run.wait(rng.random() * 0.06)
        run.until(lambda: log.draft is not None and log.draft[1][-8:] in run.text, 1)
        log.notes_sent[position] = text
        saving("\r")
        if not run.until(lambda: not run.shows(NOTE_OPEN), 5):
            raise _Stuck(f"step {position + 1}: the note prompt did not close")
        log.notes_kept[position] = text
        log.draft = None
    run.wait(GUARD_SECONDS + 0.05)  # past the guard of the last hand-over
    saving(" ")  # every step done: on to the summary, and the session is complete
    if run.until(lambda: run.shows("Floor time"), 5):
        log.finished = True
    run.wait(rng.random())
    run.kill()


class _Stuck(Exception):
    """The screen did not show what the keys should have brought about."""


@dataclass
class TrialResult:
    failures: list[str] = field(default_factory=list)
    lost_turns: int = 0
    lost_notes: int = 0
    floor_lost_s: float = 0.0
    note_chars_lost: int = 0
    clock_error_s: float = 0.0
    turns_on_disk: int = 0
    offered: bool = False
    unfinished: bool = False  # the session on disk was in progress after the kill
    temps_at_crash: int = 0
    seconds: float = 0.0


def one_trial(seed: int, scratch: Path) -> TrialResult:
    """Run, kill, restart and compare once; never raises."""
    rng = random.Random(seed)
    result = TrialResult()
    started = time.monotonic()
    home = Path(tempfile.mkdtemp(prefix=f"crash-{seed}-", dir=scratch))
    add_practice(home)
    figures = Figures("privacy")
    privacy = _Privacy(home, figures)
    log = TrialLog()
    try:
        _trial(rng, home, log, result, privacy)
    except Exception as error:
        result.failures.append(f"seed {seed}: {type(error).__name__}: {error}")
    result.failures += [f"seed {seed}: {what}" for what in figures.failures]
    result.failures = [
        what if what.startswith("seed") else f"seed {seed} ({log.mode}): {what}"
        for what in result.failures
    ]
    result.seconds = time.monotonic() - started
    return result


def _trial(rng: random.Random, home: Path, log: TrialLog, result: TrialResult,
           privacy: _Privacy) -> None:
    kill_after_save, delay = 0, 0.0
    with Run(TALK, home, watch=privacy) as run:
        if not run.until(lambda: run.shows(_heading(1)), 30):
            result.failures.append(f"`bridges talk` did not start:\n{run.text}")
            return
        if rng.random() < 0.4:
            # A few milliseconds after a key that saves: the kill lands in the autosave.
            kill_after_save = rng.randint(1, 12)
            delay = rng.choice([0.0, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016])
            log.mode = f"after save {kill_after_save} +{delay * 1000:.1f} ms"
        else:
            run.kill_at = time.monotonic() + rng.uniform(0.05, 8.0)
            log.mode = f"at {run.kill_at - time.monotonic():.2f} s"
        try:
            _drive(run, log, rng, kill_after_save, delay)
        except Killed:
            pass
        except _Stuck as error:
            result.failures.append(f"{error}; screen:\n{run.text}")
            return
        except ProgramExited as error:
            result.failures.append(f"bridges died by itself: {error}")
            return
        killed_at = run.killed_at or time.monotonic()
    privacy()
    folder = home / "sessions"
    result.temps_at_crash = sum(1 for name in os.listdir(folder) if name.startswith("."))
    _after_restart(home, folder, log, result, killed_at, privacy)


def _after_restart(home: Path, folder: Path, log: TrialLog, result: TrialResult,
                   killed_at: float, privacy: _Privacy) -> None:
    files = sorted(folder.glob("*.toml"))
    if len(files) != 1:
        result.failures.append(f"expected one session file, found {[f.name for f in files]}")
        return
    [path] = files
    try:
        in_progress = tomllib.loads(path.read_text(encoding="utf-8"))["status"] == "in-progress"
        result.unfinished = in_progress
    except (ValueError, KeyError, OSError) as error:
        result.failures.append(f"corrupt file after the crash: {error}")
        in_progress = True
    with Run((BRIDGES,), home, watch=privacy) as again:
        if not again.until(lambda: again.shows(OFFER) or again.shows(SETUP), 30):
            result.failures.append(f"`bridges` did not start again:\n{again.text}")
            return
        # The offer comes a moment after the setup screen (the folder is read meanwhile).
        result.offered = again.until(lambda: again.shows(OFFER), 10 if in_progress else 1.0)
        if in_progress and not result.offered:
            result.failures.append("the unfinished session was not offered for resuming")
        if not in_progress and result.offered:
            result.failures.append("a complete session was offered for resuming")
        leftovers = [name for name in os.listdir(folder) if name != path.name]
        if leftovers:
            result.failures.append(f"left behind after the restart: {leftovers}")
        before = _compare(path, log, result, killed_at)
        if before is None:
            return
        if result.offered:
            again.press("r")
            expected = _heading(before + 1) if before < STEPS else "all steps done"
            if not again.until(lambda: again.shows(expected) and not again.shows(OFFER), 10):
                result.failures.append(f"resume did not continue at {expected!r}:\n{again.text}")
        quit_politely(again, result.failures)
    try:
        after = SessionStore(folder).load(path)
    except Exception as error:
        result.failures.append(f"corrupt after resuming and quitting: {error}")
        return
    if len(after.turns) != before:
        result.failures.append(f"resuming and quitting changed the turns: {before} -> {len(after.turns)}")


def quit_politely(run: Run, failures: list[str]) -> None:
    """ctrl+q, then y: the way out a couple takes; bridges must be gone after it."""
    run.press("\x11")
    if not run.until(lambda: run.shows("Leave bridges?"), 10):
        failures.append(f"ctrl+q did not ask to leave:\n{run.text}")
        return
    run.press("y")
    try:
        run.until(lambda: not run.alive(), 10)
    except ProgramExited:
        pass
    if run.alive():
        failures.append("bridges did not quit after ctrl+q, y")


def _compare(path: Path, log: TrialLog, result: TrialResult, killed_at: float) -> int | None:
    """Check the file against the log; the number of turns on disk, or None if corrupt."""
    try:
        transcript = SessionStore(path.parent).load(path)
    except Exception as error:
        result.failures.append(f"the session file does not load: {error}")
        return None
    disk = transcript.turns
    result.turns_on_disk = len(disk)
    confirmed = [turn for turn in log.turns if turn.confirmed]
    sent = [turn for turn in log.turns if turn.handed_over is not None]
    if len(disk) > len(sent):
        result.failures.append(f"{len(disk)} turns on disk, but only {len(sent)} were handed over")
    for index, turn in enumerate(disk):
        if turn.step != PLAN[index].step.id:
            result.failures.append(f"turn {index + 1} on disk is step {turn.step!r}")
    for logged in confirmed:
        if logged.position >= len(disk):
            result.lost_turns += 1
            result.failures.append(f"completed turn {logged.position + 1} is not on disk")
            continue
        timed_s = (logged.handed_over or 0) - logged.started
        result.clock_error_s = max(result.clock_error_s, abs(disk[logged.position].spoken_s - timed_s))
    for logged in log.turns:
        if logged.position >= len(disk):
            # The turn in progress: its floor time is the one acceptable loss.
            end = logged.handed_over if logged.handed_over is not None else killed_at
            result.floor_lost_s = max(result.floor_lost_s, end - logged.started)
    for position, text in log.notes_sent.items():
        on_disk = disk[position].note if position < len(disk) else None
        wanted = text.strip() or None
        if on_disk == wanted:
            continue
        if position in log.notes_kept:
            result.lost_notes += 1
            result.failures.append(f"kept note {position + 1}: disk has {on_disk!r}, typed {wanted!r}")
        elif on_disk is not None and not (wanted or "").startswith(on_disk):
            # Killed between Enter and its save: the last draft (the start of the
            # note) may be on disk, but nothing else.
            result.failures.append(f"note {position + 1} on disk is neither typed, begun nor absent: {on_disk!r}")
    if log.draft is not None:
        position, typed = log.draft
        on_disk = (disk[position].note if position < len(disk) else None) or ""
        if not typed.strip().startswith(on_disk):
            result.failures.append(f"note {position + 1} being typed: disk has {on_disk!r}, typed {typed!r}")
        else:
            # Saved as it is typed: only what came after the last draft is lost.
            result.note_chars_lost = max(result.note_chars_lost, len(typed.strip()) - len(on_disk))
    if log.finished and transcript.status != "complete":
        result.failures.append(f"the finished session is {transcript.status}")
    return len(disk)


def crash_trials(trials: int, workers: int = 2, seed: int = 0) -> Figures:
    """SIGKILL a real `bridges talk` `trials` times; the figures of all trials."""
    figures = Figures("Crash: SIGKILL `bridges talk` on a pty, restart")
    with timed(figures), tempfile.TemporaryDirectory(prefix="torture-crash-") as scratch:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(lambda n: one_trial(seed + n, Path(scratch)), range(trials)))
    figures.trials = len(results)
    for result in results:
        figures.failures += result.failures
        figures.lost_turns += result.lost_turns
        figures.lost_notes += result.lost_notes
    offered = sum(result.offered for result in results)
    figures.measured = {
        "completed turns checked": str(sum(r.turns_on_disk for r in results)),
        "resume offered": f"{offered} of {sum(r.unfinished for r in results)} unfinished",
        "max floor lost (turn in progress)": f"{max((r.floor_lost_s for r in results), default=0):.1f} s",
        "max note chars lost (not yet kept)": str(max((r.note_chars_lost for r in results), default=0)),
        "max clock error": f"{max((r.clock_error_s for r in results), default=0):.2f} s",
        "temp files at kill, swept on restart": str(sum(r.temps_at_crash for r in results)),
    }
    for result in results:
        if result.clock_error_s > CLOCK_TOLERANCE_S:
            figures.fail(f"floor time off by {result.clock_error_s:.2f} s")
    return figures

