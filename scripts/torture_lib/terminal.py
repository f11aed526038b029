"""Running the real `bridges` on a pseudo-terminal, for the checks that need a process
that can be killed, resized or run twice.

The terminal itself (a pty and a model of the screen it shows) and the environment of
a program under test are the benchmark's (`scripts/bench_lib/pty_terminal.py`,
`apps.child_env`); this module adds what torture needs on top: a raw copy of every
byte the program wrote (to prove that no escape sequence from a couple's data reached
the terminal), resizing, and waiting that can be cut short by a planned SIGKILL.
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench_lib.apps import BRIDGES, child_env
from bench_lib.pty_terminal import ProgramExited, Screen, Terminal

__all__ = ["BRIDGES", "Killed", "ProgramExited", "Run", "child_env"]


class Killed(Exception):
    """The planned SIGKILL has been sent; the program is gone."""


class Run:
    """One `bridges` process on a pty, with a planned moment to kill it.

    `kill_at` is a `time.monotonic()` moment (infinity: never). Every wait and every
    key press checks it first, so the kill lands wherever the program happens to be:
    mid-turn, mid-note, mid-save. `watch` is called between reads (privacy checks).
    """

    def __init__(
        self,
        argv: Sequence[str],
        home: Path,
        *,
        cols: int = 100,
        rows: int = 30,
        watch: Callable[[], None] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        """`env`: variables to set on top of the program's usual environment (TMPDIR)."""
        self.term = Terminal(argv, {**child_env(home), **(env or {})}, cols=cols, rows=rows, track_frames=False)
        #: Everything the program wrote, decoded, before the screen model digested it.
        self.written: list[str] = []
        self.term.screen = _RecordingScreen(cols, rows, self.written)
        self.kill_at = float("inf")
        self.killed_at: float | None = None
        self._watch = watch

    @property
    def text(self) -> str:
        return self.term.screen.text()

    def shows(self, words: str) -> bool:
        return words in self.text

    def alive(self) -> bool:
        return self.term.proc.poll() is None

    def pump(self, timeout: float) -> None:
        self.term.pump(timeout)

    def until(self, condition: Callable[[], bool], timeout: float) -> bool:
        """Read until `condition()` holds (True) or `timeout` passes (False); kill
        and raise Killed when the planned moment comes first."""
        end = time.monotonic() + timeout
        while True:
            if condition():
                return True
            now = time.monotonic()
            if now >= self.kill_at:
                self.kill()
            if now >= end:
                return False
            self.pump(min(end, self.kill_at, now + 0.02) - now)
            if self._watch is not None:
                self._watch()

    def wait(self, seconds: float) -> None:
        """Let `seconds` pass, reading meanwhile (and killing if it is time)."""
        self.until(lambda: False, seconds)

    def press(self, keys: str) -> float:
        """Type `keys`; the moment they were sent."""
        if time.monotonic() >= self.kill_at:
            self.kill()
        return self.term.press(keys)

    def kill(self) -> None:
        """SIGKILL, exactly like a flat battery or a killed terminal; raises Killed."""
        if self.killed_at is None:
            self.killed_at = time.monotonic()
            try:
                os.kill(self.term.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.term.proc.wait(timeout=10)
        raise Killed

    def resize(self, cols: int, rows: int) -> None:
        """Change the terminal's size; the kernel tells the program (SIGWINCH)."""
        fcntl.ioctl(self.term.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        old = self.term.screen
        if (old.cols, old.rows) == (cols, rows):
            return  # no SIGWINCH, no repaint: the screen stays as it is
        new = _RecordingScreen(cols, rows, self.written)
        for row in range(min(rows, old.rows)):  # what a terminal keeps until the repaint
            new.grid[row][: min(cols, old.cols)] = old.grid[row][: min(cols, old.cols)]
        self.term.screen = new

    def close(self) -> None:
        self.term.close()

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _RecordingScreen(Screen):
    """The benchmark's screen model, keeping a copy of everything fed to it."""

    def __init__(self, cols: int, rows: int, sink: list[str]) -> None:
        super().__init__(cols, rows)
        self._sink = sink

    def feed(self, text: str, on_frame_end: Callable[[], None] | None = None) -> None:
        self._sink.append(text)
        super().feed(text, on_frame_end)
