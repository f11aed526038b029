"""Reading a session as the list shows it (a `SessionRow`): its file, and what the
file's header says (or why it can't be read). Listing reads only each file's header
(the top-level keys before the first table), so the history opens quickly with a
thousand sessions; a header that does not read alone is read with the whole file, and
a file that does not read at all is listed with the reason, never hidden.

`SessionStore` lists and reads sessions through these; reading a file is bounded in
size and never hangs on a FIFO planted under a session's name.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from bridges_tui.core.files.lock_files import session_id
from bridges_tui.core.files.safe_files import StoreError, plain_reason, store_error
from bridges_tui.core.files.session_row import SessionRow
from bridges_tui.core.files.transcript_file import TranscriptError, load_header
from bridges_tui.core.language.words import _

# A transcript is a few kilobytes; anything this large is not one, and is not read.
MAX_TRANSCRIPT_BYTES = 8 * 1024 * 1024
_HEADER_CHUNK = 8192
_FIRST_TABLE = re.compile(rb"^[ \t]*\[", re.MULTILINE)
# O_NONBLOCK: a FIFO planted under a session's name must not hang bridges.
_READ_FLAGS = getattr(os, "O_NONBLOCK", 0)


def read_entry(path: Path) -> SessionRow:
    """The row of one file, from its header alone when that reads, else from the whole
    file; a file that does not read is a row with the reason (and nothing more to read)."""
    try:
        head, _info = read_bounded(path, _HEADER_CHUNK)
        match = _FIRST_TABLE.search(head)
        if match is None and len(head) == _HEADER_CHUNK:
            # No table yet in the first chunk: a long header, so read it all.
            head, _info = read_bounded(path, MAX_TRANSCRIPT_BYTES + 1)
            match = _FIRST_TABLE.search(head)
        header_bytes = head if match is None else head[: match.start()]
        try:
            return load_header(decode_text(header_bytes), path)
        except TranscriptError:
            pass
        # The header alone did not parse (e.g. a line starting with "[" inside a long
        # string or list): read the whole file, and show its own reason if it fails.
        data, _info = read_bounded(path, MAX_TRANSCRIPT_BYTES + 1)
        if len(data) > MAX_TRANSCRIPT_BYTES:
            return SessionRow(session_id(path.name), path, error=_("is too large to be a transcript"), detailed=True)
        return load_header(decode_text(data), path)
    except TranscriptError as error:
        return SessionRow(session_id(path.name), path, error=error.reason, detailed=True)
    except OSError as error:
        return SessionRow(session_id(path.name), path, error=plain_reason(error), detailed=True)


def read_bounded(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """Up to `limit` bytes of the file at `path`, and its stat as it was read."""
    try:
        with open(path, "rb", opener=_open_for_reading) as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise StoreError(path, _("is not a file"), errno.EINVAL, action="read")
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
        raise TranscriptError(_("is not UTF-8 text (byte {number})").format(number=error.start + 1)) from None
