"""The terminal model that `scripts/bench` times frames with (and torture drives
sessions with): a frame's time is when its bytes were read, however slowly the model
itself parses them."""

from __future__ import annotations

import sys
import time

import pytest

from bench_lib import pty_terminal
from bench_lib.pty_terminal import Terminal

#: One synchronized frame of about 12 KiB, written at once: three pieces on a pty.
FRAME_PROGRAM = (
    "import os, sys, time\n"
    "rows = ''.join(f'\\x1b[{row};1H' + 'x' * 99 for row in range(1, 31))\n"
    "frame = '\\x1b[?2026h' + rows * 4 + '\\x1b[?2026l'\n"
    "os.write(1, frame.encode())\n"
    "time.sleep(5)\n"
)
SLOW_PARSE = 0.05


def test_a_frame_is_timed_by_its_reads_not_by_the_models_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    feed = pty_terminal.Screen.feed

    def slow_feed(self: pty_terminal.Screen, text: str, on_frame_end=None) -> None:
        time.sleep(SLOW_PARSE)  # a parser far slower than the real one
        feed(self, text, on_frame_end)

    reads: list[tuple[int, float]] = []
    read = pty_terminal.os.read

    def timed_read(fd: int, size: int) -> bytes:
        data = read(fd, size)
        reads.append((fd, time.monotonic()))
        return data

    monkeypatch.setattr(pty_terminal.Screen, "feed", slow_feed)
    monkeypatch.setattr(pty_terminal.os, "read", timed_read)
    with Terminal([sys.executable, "-c", FRAME_PROGRAM], {"PATH": "/usr/bin:/bin"}) as term:
        deadline = time.monotonic() + 10
        while not term.frames and time.monotonic() < deadline:
            term.pump(0.5)
        assert term.frames, "the frame never arrived"
        assert term.bytes_read > 2 * 4096, "the frame fits in one read: nothing to prove"
        framed_at, screen = term.frames[0]
        # Read piece by piece with a parse between reads, the last piece would be
        # stamped at least one slow parse after the first.
        first = next(moment for fd, moment in reads if fd == term.master)
        assert abs(term.first_read - first) < 0.001
        assert framed_at - first < SLOW_PARSE
        assert screen.splitlines()[29].rstrip() == "x" * 99
