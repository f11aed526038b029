"""A real pseudo-terminal to run an app in, and a small model of the screen it draws.

`Terminal` starts a program on a pty of a fixed size, keeps reading what it writes
(so the program never blocks on a full pty), keeps a character grid of the screen,
and time-stamps every frame. It answers the one query that matters for timing like a
modern terminal does: synchronized output (mode 2026) is reported as supported, so
Textual brackets each frame with `CSI ? 2026 h` … `CSI ? 2026 l` and the end of a
frame is an exact event in the byte stream.

The screen model understands what Textual writes (cursor moves, erases, text) and
ignores styles; it is enough to read words and the countdown's big digits.
"""

from __future__ import annotations

import codecs
import errno
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence

COLS = 100
ROWS = 30

#: What a modern terminal answers when asked whether it supports mode 2026.
_SYNC_SUPPORTED = b"\x1b[?2026;2$y"
#: Reads closer together than this belong to one burst of output (one paint).
BURST_GAP = 0.005
#: At most this many reads before parsing, so that a flood of output is still shown.
MAX_PIECES = 64

_TOKEN = re.compile(
    r"\x1b\[(?P<prefix>[?>=<]?)(?P<params>[0-9;:]*)(?P<inter>[ -/]*)(?P<final>[@-~])"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC … BEL / ST
    r"|\x1b[()*+][0-9A-Za-z]"  # charset designation
    r"|\x1b[0-9=>@-Z\\^_`a-z~]"  # two-character escapes (ESC 7, ESC =, …)
    r"|(?P<text>[^\x00-\x1f\x7f]+)"
    r"|(?P<ctrl>[\x00-\x1a\x1c-\x1f\x7f])"
    r"|(?P<esc>\x1b)"
)


class ProgramExited(RuntimeError):
    """The program under test closed the terminal (it exited or crashed)."""


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class Screen:
    """A grid of characters fed with terminal output (no colours, no scrollback)."""

    def __init__(self, cols: int = COLS, rows: int = ROWS) -> None:
        self.cols = cols
        self.rows = rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.row = 0
        self.col = 0
        self._pending = ""
        #: Replies the terminal owes the program (answers to its queries).
        self.replies: list[bytes] = []

    # --- reading -----------------------------------------------------------------

    def lines(self) -> list[str]:
        return ["".join(row) for row in self.grid]

    def text(self) -> str:
        return "\n".join(self.lines())

    # --- writing -----------------------------------------------------------------

    def feed(self, text: str, on_frame_end: Callable[[], None] | None = None) -> None:
        """Apply `text`; call `on_frame_end` at each end of a synchronized update."""
        text = self._pending + text
        self._pending = ""
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup
            if kind == "text":
                self._put(match.group("text"))
            elif kind == "final":
                if (
                    on_frame_end is not None
                    and match.group("prefix") == "?"
                    and match.group("params") == "2026"
                    and match.group("final") == "l"
                ):
                    # The grid already holds the whole frame: let the caller look at it.
                    on_frame_end()
                self._csi(match.group("prefix"), match.group("params"),
                          match.group("inter"), match.group("final"))
            elif kind == "ctrl":
                self._control(match.group("ctrl"))
            elif kind == "esc":
                if len(text) - match.start() < 512:
                    # An escape sequence cut in two by a read: finish it next time.
                    self._pending = text[match.start():]
                    return

    def _put(self, run: str) -> None:
        if self.row >= self.rows:
            return
        line = self.grid[self.row]
        if run.isascii():
            end = min(self.col + len(run), self.cols)
            if self.col < self.cols:
                line[self.col:end] = run[: end - self.col]
            self.col += len(run)
            return
        for char in run:
            width = _width(char)
            if self.col < self.cols:
                line[self.col] = char
                if width == 2 and self.col + 1 < self.cols:
                    line[self.col + 1] = ""
            self.col += width

    def _control(self, char: str) -> None:
        if char == "\r":
            self.col = 0
        elif char == "\n":
            self.row = min(self.row + 1, self.rows - 1)
        elif char == "\b":
            self.col = max(self.col - 1, 0)

    def _csi(self, prefix: str, params: str, inter: str, final: str) -> None:
        if prefix == "?" and inter == "$" and final == "p":
            if params == "2026":
                self.replies.append(_SYNC_SUPPORTED)
            return
        if prefix:
            return
        numbers = [int(part) if part.isdigit() else 0 for part in params.split(";")] if params else []

        def arg(index: int, default: int = 1) -> int:
            value = numbers[index] if index < len(numbers) else 0
            return value or default

        if final in "Hf":
            self.row = min(arg(0) - 1, self.rows - 1)
            self.col = min(arg(1) - 1, self.cols - 1)
        elif final == "A":
            self.row = max(self.row - arg(0), 0)
        elif final == "B":
            self.row = min(self.row + arg(0), self.rows - 1)
        elif final == "C":
            self.col = min(self.col + arg(0), self.cols - 1)
        elif final == "D":
            self.col = max(self.col - arg(0), 0)
        elif final == "G":
            self.col = min(arg(0) - 1, self.cols - 1)
        elif final == "d":
            self.row = min(arg(0) - 1, self.rows - 1)
        elif final == "J":
            self._erase_display(numbers[0] if numbers else 0)
        elif final == "K":
            self._erase_line(numbers[0] if numbers else 0)
        elif final == "X":
            line = self.grid[self.row]
            for col in range(self.col, min(self.col + arg(0), self.cols)):
                line[col] = " "
        elif final == "n" and params == "6":
            self.replies.append(f"\x1b[{self.row + 1};{self.col + 1}R".encode())

    def _erase_line(self, mode: int) -> None:
        line = self.grid[self.row]
        start, end = {0: (self.col, self.cols), 1: (0, self.col + 1)}.get(mode, (0, self.cols))
        for col in range(max(start, 0), min(end, self.cols)):
            line[col] = " "

    def _erase_display(self, mode: int) -> None:
        if mode in (2, 3):
            self.grid = [[" "] * self.cols for _ in range(self.rows)]
            return
        self._erase_line(mode)
        rows = range(self.row + 1, self.rows) if mode == 0 else range(0, self.row)
        for row in rows:
            self.grid[row] = [" "] * self.cols


class Terminal:
    """One program running on a pty of COLS × ROWS, read continuously.

    `started` is the monotonic time just before the program was started; every time
    stamp here is `time.monotonic()` when the bytes were read.
    """

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str],
        *,
        cols: int = COLS,
        rows: int = ROWS,
        track_frames: bool = True,
    ) -> None:
        self.screen = Screen(cols, rows)
        self.track_frames = track_frames
        #: (time, screen text) at the end of every frame, oldest first.
        self.frames: list[tuple[float, str]] = []
        self.frame_count = 0
        self.bytes_read = 0
        self.last_read = 0.0
        #: When the latest `pump` read its first piece of output.
        self.first_read = 0.0
        #: When the current burst of output began (the first read after a quiet gap).
        self.burst_started = 0.0
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._now = 0.0
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(env),
            close_fds=True,
            preexec_fn=_take_terminal,
        )
        os.close(slave)
        self.closed = False

    @property
    def pid(self) -> int:
        return self.proc.pid

    # --- reading -----------------------------------------------------------------

    def pump(self, timeout: float) -> bool:
        """Read whatever arrives within `timeout` seconds; True if anything did.

        A frame bigger than the pty's buffer (about 4 KiB) arrives in pieces. The whole
        burst is read, and each piece time-stamped, before any is parsed: parsing a
        piece here takes about a millisecond, which would otherwise delay the next
        piece's time stamp, charging this model's slowness to the program under test.
        """
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0.0))
        if not ready:
            return False
        pieces: list[tuple[float, bytes]] = []
        while data := self._read():
            pieces.append((time.monotonic(), data))
            more, _, _ = select.select([self.master], [], [], BURST_GAP)
            if not more or len(pieces) >= MAX_PIECES:
                break
        if pieces:
            self.first_read = pieces[0][0]
        for moment, piece in pieces:
            self._take(moment, piece)
        if not data:
            self.closed = True
            raise ProgramExited(self.describe_exit())
        return True

    def _read(self) -> bytes:
        """One read; b"" once the program has closed the terminal."""
        try:
            return os.read(self.master, 1 << 16)
        except OSError as error:
            if error.errno == errno.EIO:
                return b""
            raise

    def _take(self, moment: float, data: bytes) -> None:
        """Apply output read at `moment`, and answer any query it holds."""
        self._now = moment
        if self._now - self.last_read > BURST_GAP:
            self.burst_started = self._now
        self.last_read = self._now
        self.bytes_read += len(data)
        self.screen.feed(self._decoder.decode(data), self._frame_ended)
        if self.screen.replies:
            for reply in self.screen.replies:
                os.write(self.master, reply)
            self.screen.replies.clear()

    def _frame_ended(self) -> None:
        self.frame_count += 1
        if self.track_frames:
            self.frames.append((self._now, self.screen.text()))

    def wait_for(self, condition: Callable[[Terminal], bool], timeout: float) -> float:
        """Read until `condition(self)` holds; the time of the read that made it so."""
        deadline = time.monotonic() + timeout
        if condition(self):
            return self.last_read or time.monotonic()
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(
                    f"waited {timeout:.1f} s for the screen; it shows:\n{self.screen.text()}"
                )
            if self.pump(left) and condition(self):
                return self._now

    def wait_for_text(self, text: str, timeout: float = 20.0) -> float:
        return self.wait_for(lambda term: text in term.screen.text(), timeout)

    def drain(self, seconds: float) -> None:
        """Keep reading for `seconds`."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self.pump(left)

    def settle(self, quiet: float = 0.25, limit: float = 3.0) -> None:
        """Read until nothing has arrived for `quiet` seconds (or `limit` passed)."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if not self.pump(min(quiet, end - time.monotonic())):
                return

    # --- writing -----------------------------------------------------------------

    def press(self, key: str) -> float:
        """Type `key` (raw bytes as a terminal sends them); the time it was sent."""
        moment = time.monotonic()
        os.write(self.master, key.encode())
        return moment

    # --- the process ---------------------------------------------------------------

    def cpu_seconds(self) -> float:
        """User + system CPU time of the program so far (all its threads)."""
        with open(f"/proc/{self.pid}/stat") as file:
            fields = file.read().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def peak_rss_kib(self) -> int:
        """The program's peak resident memory so far (VmHWM)."""
        with open(f"/proc/{self.pid}/status") as file:
            for line in file:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmHWM in /proc status")

    def stop(self) -> None:
        """Freeze the program (SIGSTOP): as blocked as a program can be."""
        os.kill(self.pid, signal.SIGSTOP)

    def cont(self) -> None:
        os.kill(self.pid, signal.SIGCONT)

    def describe_exit(self) -> str:
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            code = None
        return f"the program closed the terminal (exit status {code}); last screen:\n{self.screen.text()}"

    def close(self) -> None:
        """End the program (only this one, by its id) and release the pty."""
        if self.proc.poll() is None:
            try:
                os.kill(self.pid, signal.SIGCONT)
                self.proc.kill()
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.close(self.master)
        except OSError:
            pass

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _take_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pty (stdin)."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
