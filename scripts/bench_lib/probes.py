"""The measurements made through a real pseudo-terminal: first paint, what was loaded
before it, idle cost of a running turn, clock accuracy, key to frame, memory."""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bridges_tui.core.talk.keys import GUARD_SECONDS

from .apps import BARE, TALK, Program, audited, child_env, key_bar
from .countdown import read_countdown
from .pty_terminal import Terminal

FIRST_PAINT_TIMEOUT = 30.0
#: How long a program runs after its first paint before its peak memory is read.
MEMORY_SETTLE = 1.0
FRAME_S = 1 / 60


class Homes:
    """The folders the programs run in: `history` holds the generated sessions (the
    history and list commands may refresh its index); every other run gets a copy of
    it (so each first screen sees a long history, as a couple's would) from which new
    sessions are swept afterwards."""

    def __init__(self, history: Path) -> None:
        self.history = history
        self.work = Path(tempfile.mkdtemp(prefix="bridges-bench-work-"))
        shutil.copytree(history, self.work, dirs_exist_ok=True)
        self._known = self._sessions(self.work)

    @staticmethod
    def _sessions(home: Path) -> set[str]:
        folder = home / "sessions"
        return set(os.listdir(folder)) if folder.is_dir() else set()

    def for_program(self, program: Program) -> Path:
        return self.history if program.key == "history" else self.work

    def sweep(self) -> None:
        """Remove whatever a run added (a new session, an autosave) to the work copy."""
        folder = self.work / "sessions"
        for name in self._sessions(self.work) - self._known:
            (folder / name).unlink(missing_ok=True)

    def remove(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def _open(program: Program, homes: Homes, *, track_frames: bool = True) -> Terminal:
    return Terminal(program.argv, child_env(homes.for_program(program)), track_frames=track_frames)


def _ready(term: Terminal, program: Program) -> float:
    return term.wait_for(lambda t: program.ready(t.screen.text()), FIRST_PAINT_TIMEOUT)


# --- 1 and 7: first paint and memory ------------------------------------------------


@dataclass
class FirstPaint:
    seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)


def first_paint_once(program: Program, homes: Homes) -> tuple[float, int]:
    """Seconds from start to the first screen, and peak memory a moment after it."""
    try:
        with _open(program, homes, track_frames=False) as term:
            painted = _ready(term, program) - term.started
            term.drain(MEMORY_SETTLE)
            peak = term.peak_rss_kib()
    finally:
        homes.sweep()
    return painted, peak


def first_paints(programs: list[Program], homes: Homes, runs: int) -> dict[str, FirstPaint]:
    """`runs` rounds; each round starts every program once, the bare app between the
    others, and the order rotates from round to round."""
    results = {program.key: FirstPaint() for program in programs}
    others = [program for program in programs if not program.is_bare]
    for program in programs:  # warm-up: byte-code caches, page cache
        first_paint_once(program, homes)
    for round_ in range(runs):
        shift = round_ % len(others)
        order = others[shift:] + others[:shift]
        sequence: list[Program] = []
        for program in order:
            sequence += [BARE, program]
        for program in sequence:
            painted, peak = first_paint_once(program, homes)
            results[program.key].seconds.append(painted)
            results[program.key].peak_kib.append(peak)
    return results


# --- 1: what is loaded before the first screen ----------------------------------------


@dataclass
class Loaded:
    modules: list[str]
    files: list[str]


def loaded_before_first_paint(program: Program, homes: Homes) -> Loaded:
    """Modules imported and files opened before the first screen appeared."""
    log = Path(tempfile.mkdtemp(prefix="bridges-bench-audit-")) / "audit.log"
    env = child_env(homes.for_program(program))
    env["BRIDGES_BENCH_AUDIT_LOG"] = str(log)
    try:
        with Terminal(audited(program), env, track_frames=False) as term:
            _ready(term, program)
            term.stop()
            # Count only what happened before the first byte of the burst of output
            # that drew the first screen.
            painted = term.burst_started
            text = log.read_text(encoding="utf-8", errors="replace")
    finally:
        homes.sweep()
        shutil.rmtree(log.parent, ignore_errors=True)
    modules: list[str] = []
    files: list[str] = []
    for line in text.splitlines():
        stamp, event, what = line.split("\t", 2)
        if float(stamp) > painted:
            continue
        (modules if event == "import" else files).append(what)
    return Loaded(modules, files)


# --- 2: idle cost of a running turn --------------------------------------------------


@dataclass
class Idle:
    cpu_percent: float
    bytes_per_s: float
    frames_per_s: float
    ran: str


def _start_turn(term: Terminal) -> float:
    """Press space on the conversation screen; the time it was pressed."""
    pressed = term.press(" ")
    term.wait_for(lambda t: "when you are ready" not in t.screen.text(), 10)
    return pressed


def idle(program: Program, homes: Homes, seconds: float) -> Idle:
    """CPU and terminal traffic over `seconds` while the program just runs (for the
    conversation: with its turn clock counting down)."""
    try:
        with _open(program, homes, track_frames=False) as term:
            _ready(term, program)
            if program is TALK:
                _start_turn(term)
            term.drain(1.5)
            shown_before = read_countdown(term.screen.text())
            cpu0, bytes0, frames0, t0 = term.cpu_seconds(), term.bytes_read, term.frame_count, time.monotonic()
            term.drain(seconds)
            cpu1, bytes1, frames1, t1 = term.cpu_seconds(), term.bytes_read, term.frame_count, time.monotonic()
            shown_after = read_countdown(term.screen.text())
    finally:
        homes.sweep()
    span = t1 - t0
    ran = "" if shown_before is None else f"{_clock(shown_before)}→{_clock(shown_after)}"
    return Idle(100 * (cpu1 - cpu0) / span, (bytes1 - bytes0) / span, (frames1 - frames0) / span, ran)


def _clock(seconds: int | None) -> str:
    if seconds is None:
        return "?"
    sign = "+" if seconds < 0 else ""
    return f"{sign}{abs(seconds) // 60}:{abs(seconds) % 60:02d}"


# --- 3: clock accuracy under blocking ------------------------------------------------


@dataclass
class ClockAccuracy:
    worst_ms: float  # worst |shown time − truth| once unblocked, over every change
    changes: int
    missing: int  # seconds that should have appeared (outside blocks) but never did
    end_shown: int | None
    end_truth: int
    drift_ms: float  # error of the last changes minus error of the first ones
    errors_ms: list[float]


def clock_accuracy(homes: Homes, seconds: float, block_every: float = 3.0, block_for: float = 0.25) -> ClockAccuracy:
    """Start a turn, freeze the app (SIGSTOP) for `block_for` s every `block_every` s,
    and compare every change of the shown countdown with the monotonic truth.

    Truth: the countdown starts when space is pressed (the earliest it could), so a
    change to c seconds is due at press + planned − c; one due while the app is frozen
    is due the moment it thaws. Each block starts 0.1 s before a second turns over,
    so every block swallows a change: the hardest case for catching up.
    """
    try:
        with _open(TALK, homes) as term:
            _ready(term, TALK)
            term.settle(0.3)
            planned = read_countdown(term.screen.text())
            if planned is None:
                raise RuntimeError("no countdown on the conversation screen")
            pressed = term.press(" ")
            blocks: list[tuple[float, float]] = []
            end = pressed + seconds + 0.5  # mid-second: the shown figure is unambiguous
            next_block = pressed + block_every - 0.1
            while (now := time.monotonic()) < end:
                if now >= next_block:
                    term.stop()
                    stopped = time.monotonic()
                    time.sleep(block_for)
                    term.cont()
                    blocks.append((stopped, time.monotonic()))
                    next_block += block_every
                    continue
                term.pump(min(next_block, end) - now)
            frames = list(term.frames)
            end_shown = read_countdown(term.screen.text())
    finally:
        homes.sweep()

    def due(shown: int) -> float:
        moment = pressed + (planned - shown)
        for stopped, thawed in blocks:
            if stopped <= moment < thawed:
                return thawed
        return moment

    errors: list[float] = []
    seen: set[int] = set()
    last = planned
    for moment, screen in frames:
        if moment < pressed:
            continue
        shown = read_countdown(screen)
        if shown is None or shown == last:
            continue
        errors.append(1000 * (moment - due(shown)))
        seen.add(shown)
        last = shown
    end_truth = planned - int(end - pressed)
    expected = [
        value for value in range(planned - 1, end_truth - 1, -1)
        if not any(stopped <= pressed + planned - value < thawed for stopped, thawed in blocks)
    ]
    missing = sum(1 for value in expected if value not in seen)
    head, tail = errors[:3], errors[-3:]
    drift = statistics.median(tail) - statistics.median(head) if head and tail else float("nan")
    worst = max((abs(error) for error in errors), default=float("nan"))
    return ClockAccuracy(worst, len(errors), missing, end_shown, end_truth, drift, errors)


# --- 4: key to frame ------------------------------------------------------------------


@dataclass
class KeyTimes:
    by_key: dict[str, list[float]] = field(default_factory=dict)  # ms to the frame showing it
    first_byte: dict[str, list[float]] = field(default_factory=dict)  # ms to the first byte
    missed: list[str] = field(default_factory=list)

    def add(self, key: str, frame_ms: float, byte_ms: float) -> None:
        self.by_key.setdefault(key, []).append(frame_ms)
        self.first_byte.setdefault(key, []).append(byte_ms)


def _press_and_time(term: Terminal, key: str, shows: Callable[[str], bool], times: KeyTimes, label: str) -> None:
    """Press `key` at a random moment; time the end of the first frame that shows its
    effect (and the first byte of output after it)."""
    term.drain(random.uniform(0.25, 0.6))
    seen_frames = len(term.frames)
    read_before = term.bytes_read
    pressed = term.press(key)
    first_byte = None
    deadline = pressed + 3.0
    while time.monotonic() < deadline:
        if term.pump(deadline - time.monotonic()) and first_byte is None and term.bytes_read > read_before:
            first_byte = term.first_read
        for moment, screen in term.frames[seen_frames:]:
            if shows(screen):
                times.add(label, 1000 * (moment - pressed), 1000 * ((first_byte or moment) - pressed))
                return
        seen_frames = len(term.frames)
    times.missed.append(f"{label}: no frame showed it within 3 s")


def key_to_frame(program: Program, homes: Homes, times: KeyTimes, steps: int = 3) -> KeyTimes:
    """Conversation: for each of `steps` steps: space (start the turn), p ×4 (pause,
    resume, pause, resume), space (hand over: the session is saved). The bare app gets
    the same keys (its space and p rewrite its Static). Adds to `times`."""
    rng_state = random.getstate()
    random.seed(11 + sum(len(v) for v in times.by_key.values()))
    try:
        with _open(program, homes) as term:
            _ready(term, program)
            term.settle(0.3)
            if program.is_bare:
                count = 0
                for _ in range(steps):
                    keys = ((" ", "start"), ("p", "p"), ("p", "p"), ("p", "p"), ("p", "p"), (" ", "hand-over"))
                    for key, label in keys:
                        count += 1
                        _press_and_time(term, key, lambda s, n=count: f"pressed · {n}" in s, times, label)
                return times
            # A key's frame is the one that shows all it changed, the key bar too: a turn
            # on the floor can be paused, a turn handed over no longer.
            for step in range(1, steps + 1):
                _press_and_time(term, " ", lambda s: "when you are ready" not in s and "Pause" in key_bar(s),
                                times, "start")
                for pause in (True, False, True, False):
                    shows = (lambda s: "Paused" in s) if pause else (lambda s: "Paused" not in s)
                    _press_and_time(term, "p", shows, times, "p")
                # A Space within the guard of the last move (the resume) is taken for a
                # double press and only says "Space again to hand over": hold the turn
                # past it first, as a couple does.
                term.drain(GUARD_SECONDS)
                _press_and_time(term, " ", lambda s, n=step + 1: f"step {n} of " in s and "Pause" not in key_bar(s),
                                times, "hand-over")
    finally:
        homes.sweep()
        random.setstate(rng_state)
    return times


# --- 4: the hide key ------------------------------------------------------------------

#: F12 and ctrl+g as an xterm sends them.
HIDE_KEYS = {"F12": "\x1b[24~", "ctrl+g": "\x07"}
HIDDEN_LINE = "Press F12 to come back"


def _hidden(screen: str) -> bool:
    return HIDDEN_LINE in screen and "Sam" not in screen and "Share the why" not in screen


def _back(screen: str) -> bool:
    return HIDDEN_LINE not in screen and "Sam" in screen and "Go on" in key_bar(screen)


def hide_to_frame(homes: Homes, times: KeyTimes, rounds: int = 4) -> KeyTimes:
    """Conversation, a turn running: the hide key `rounds` times each way, F12 and
    ctrl+g in turn; "hide" is the frame showing the neutral view and nothing of the
    couple's, "back" the one showing the conversation again, paused. Adds to `times`."""
    rng_state = random.getstate()
    random.seed(23 + sum(len(v) for v in times.by_key.values()))
    try:
        with _open(TALK, homes) as term:
            _ready(term, TALK)
            term.settle(0.3)
            _start_turn(term)
            for number in range(rounds):
                key = list(HIDE_KEYS.values())[number % 2]
                _press_and_time(term, key, _hidden, times, "hide")
                _press_and_time(term, key, _back, times, "back")
    finally:
        homes.sweep()
        random.setstate(rng_state)
    return times


def bare_presses(homes: Homes, times: KeyTimes, presses: int = 8) -> KeyTimes:
    """The bare app's p, for reference beside the hide key (it rewrites its Static)."""
    with _open(BARE, homes) as term:
        _ready(term, BARE)
        term.settle(0.3)
        for count in range(1, presses + 1):
            _press_and_time(term, "p", lambda s, n=count: f"pressed · {n}" in s, times, "p")
    return times
