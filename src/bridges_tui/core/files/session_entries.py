"""A session as the list shows it: its file, and what the file's header says (or why it
can't be read). Listing reads only each file's header (the top-level keys before the
first table), so the history opens quickly with a thousand sessions; a header that
does not read alone is read with the whole file, and a file that does not read at all
is listed with the reason, never hidden.

`SessionStore` lists and reads sessions through these; reading a file is bounded in
size and never hangs on a FIFO planted under a session's name.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from datetime import datetime
from pathlib import Path

from bridges_tui.core.files.safe_files import StoreError, plain_reason, store_error
from bridges_tui.core.files.transcript_file import TranscriptError, TranscriptHeader, load_header
from bridges_tui.core.model.records import record

# A transcript is a few kilobytes; anything this large is not one, and is not read.
MAX_TRANSCRIPT_BYTES = 8 * 1024 * 1024
_HEADER_CHUNK = 8192
_FIRST_TABLE = re.compile(rb"^[ \t]*\[", re.MULTILINE)
# O_NONBLOCK: a FIFO planted under a session's name must not hang bridges.
_READ_FLAGS = getattr(os, "O_NONBLOCK", 0)


@record
class SessionEntry:
    """One session in the list: its file, what its header says, or why it can't be read.

    `error` is None for a readable header; otherwise it is the reason, and the header
    fields are None.
    """

    id: str
    path: Path
    practice: str | None = None
    title: str | None = None
    started: datetime | None = None
    ended: datetime | None = None
    status: str | None = None
    partners: tuple[str, str] | None = None
    error: str | None = None

    @classmethod
    def from_header(cls, path: Path, header: TranscriptHeader) -> SessionEntry:
        """The entry for a file whose header reads as `header`."""
        return cls(
            path.stem, path, header.practice, header.title, header.started,
            header.ended, header.status, header.partners,
        )

    @property
    def readable(self) -> bool:
        """True when the header reads (the rest is checked when the file is opened)."""
        return self.error is None

    @property
    def duration_s(self) -> float | None:
        """How long the session lasted, start to end, in seconds; None while it is in
        progress or when the header does not read. Breathers are included."""
        if self.started is None or self.ended is None:
            return None
        # A hand-edited end before the start is not a negative session.
        return max(0.0, (self.ended - self.started).total_seconds())


def read_entry(path: Path) -> SessionEntry:
    """The entry for one file: its header alone when that reads, else the whole file."""
    try:
        head, _ = read_bounded(path, _HEADER_CHUNK)
        match = _FIRST_TABLE.search(head)
        if match is None and len(head) == _HEADER_CHUNK:
            # No table yet in the first chunk: a long header, so read it all.
            head, _ = read_bounded(path, MAX_TRANSCRIPT_BYTES + 1)
            match = _FIRST_TABLE.search(head)
        header_bytes = head if match is None else head[: match.start()]
        try:
            return SessionEntry.from_header(path, load_header(decode_text(header_bytes)))
        except TranscriptError:
            pass
        # The header alone did not parse (e.g. a line starting with "[" inside a long
        # string or list): read the whole file, and show its own reason if it fails.
        data, _ = read_bounded(path, MAX_TRANSCRIPT_BYTES + 1)
        if len(data) > MAX_TRANSCRIPT_BYTES:
            return SessionEntry(path.stem, path, error="is too large to be a transcript")
        return SessionEntry.from_header(path, load_header(decode_text(data)))
    except TranscriptError as error:
        return SessionEntry(path.stem, path, error=error.reason)
    except OSError as error:
        return SessionEntry(path.stem, path, error=plain_reason(error))


def read_bounded(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """Up to `limit` bytes of the file at `path`, and its stat as it was read."""
    try:
        with open(path, "rb", opener=_open_for_reading) as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise StoreError(path, "is not a file", errno.EINVAL, action="read")
            return file.read(limit), info
    except OSError as error:
        raise store_error(path, error, action="read") from error


def _open_for_reading(path: str, flags: int) -> int:
    return os.open(path, flags | _READ_FLAGS)


def decode_text(data: bytes) -> str:
    try:
        # utf-8-sig: an editor may have added a byte-order mark; it means nothing here.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TranscriptError(f"is not UTF-8 text (byte {error.start + 1})") from None
