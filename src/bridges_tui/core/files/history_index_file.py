"""The history index's files on disk (see `history_index`), and listing every session
from them alone when they describe the sessions folder exactly as it is.

This is the part of the index that `bridges list` needs, so it stays light: the
standard library and a few small core modules, never the transcript model
(importing it would cost the command more than listing a thousand sessions). What
a session's entry holds is checked here, once, for both `SessionRow` and
`IndexedSession`.
"""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime

from bridges_tui.core.files.session_ids import SUFFIX, newest_first, stays_inside

TYPE_CHECKING = False  # not `typing`'s: importing it would slow `bridges list`
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

INDEX_FILE = "history-index.json"
WORDS_FILE = "history-words.json"
FORMAT = "bridges-history-index"
#: 2: a session's figures are a list in `INDEXED_FIELDS` order, not an object naming
#: each one; a thousand sessions' names made the file a third larger and twice as slow
#: to read. An index of another version is rebuilt, as a damaged one is.
VERSION = 2

#: What identifies one version of a file: size, modification time (ns), inode.
Signature = tuple[int, int, int]
NO_SIGNATURE: Signature = (0, 0, 0)


class IndexedFloor:
    """Seconds on the floor as the index keeps them: A alone, B alone, both together
    (`FloorTime`'s names; a namedtuple would cost `bridges list` a millisecond to make)."""

    __slots__ = ("a", "b", "together")

    def __init__(self, a: float, b: float, together: float) -> None:
        self.a = a
        self.b = b
        self.together = together


def signature_of(info: os.stat_result) -> Signature:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def as_signature(value: Any) -> Signature:
    """A signature as the index file keeps it (a list of three ints); ValueError if not."""
    if not isinstance(value, list) or len(value) != 3:
        raise ValueError("signature")
    size, modified, inode = value
    if not (isinstance(size, int) and isinstance(modified, int) and isinstance(inode, int)):
        raise ValueError("signature")
    return (size, modified, inode)


def file_signature(folder: Path | str, item: os.DirEntry) -> tuple[Signature, str | None]:
    """The signature of the session file `item` in `folder`, or why it can't be read:
    a link leading outside the folder, a link to nothing, not a file, no permission."""
    try:
        if item.is_symlink() and not stays_inside(folder, item.path):  # type: ignore[arg-type]
            return NO_SIGNATURE, "is a link to a file outside the sessions folder"
        info = item.stat()  # follows a link, as os.stat does
    except FileNotFoundError:
        return NO_SIGNATURE, "is a link to a file that is gone"
    except OSError as error:
        from bridges_tui.core.files.safe_files import plain_reason  # only for a file that can't be read

        return NO_SIGNATURE, plain_reason(error)
    if not stat.S_ISREG(info.st_mode):
        return NO_SIGNATURE, "is not a file"
    return signature_of(info), None


def document(entries: dict[str, Any]) -> str:
    """An index file's text, holding `entries` (file name -> [signature, value])."""
    return json.dumps(
        {"format": FORMAT, "version": VERSION, "sessions": entries},
        ensure_ascii=False, separators=(",", ":"),
    )


def read_document(path: Path | str) -> dict[str, Any]:
    """The entries of an index file; empty when it is missing, damaged or foreign."""
    try:
        with open(path, encoding="utf-8") as file:
            found = json.load(file)
    except (OSError, ValueError):
        return {}
    if (
        not isinstance(found, dict)
        or found.get("format") != FORMAT
        or found.get("version") != VERSION
        or not isinstance(found.get("sessions"), dict)
    ):
        return {}
    return found["sessions"]


#: What the index keeps of a session, in order (`SessionRow`'s names for them): the
#: list `row_to_json` writes, and the tuple `indexed_fields` gives.
INDEXED_FIELDS = (
    "practice", "title", "started", "ended", "status", "partners", "floor",
    "checkin_before", "checkin_after", "agreement", "followup_of", "turns", "error",
)


def indexed_fields(data: list[Any]) -> tuple[Any, ...]:
    """The figures of one session as `row_to_json` keeps them in the index, checked and
    converted (times as aware datetimes, pairs as tuples, floor as `IndexedFloor`), in
    the order of `INDEXED_FIELDS`. Raises ValueError or TypeError for anything that is
    not what `row_to_json` wrote."""
    # The index is ours, but it is a file like any other: every value is checked, and
    # anything odd raises so that the session is read again from its transcript.
    # (Plain calls, no closures: `bridges list` checks a thousand of these.)
    if not isinstance(data, list):
        raise TypeError("a session's figures")
    (practice, title, started, ended, status, partners, floor, before, after, agreement,
     followup_of, turns, error) = data
    if floor is not None:
        if not isinstance(floor, list) or len(floor) != 3:
            raise ValueError("floor")
        a, b, together = floor
        if not (isinstance(a, (int, float)) and isinstance(b, (int, float))
                and isinstance(together, (int, float))):
            raise ValueError("floor")
        floor = IndexedFloor(float(a), float(b), float(together))
    if turns is not None and not isinstance(turns, int):
        raise ValueError("turns")
    return (
        _text(practice, "practice"), _text(title, "title"), _when(started, "started"),
        _when(ended, "ended"), _text(status, "status"), _pair(partners, "partners", str),
        floor, _pair(before, "checkin_before", int), _pair(after, "checkin_after", int),
        _text(agreement, "agreement"), _text(followup_of, "followup_of"), turns,
        _text(error, "error"),
    )


def _text(value: Any, name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError(name)
    return value


def _when(value: Any, name: str) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(_text(value, name))  # type: ignore[arg-type]
    if moment.tzinfo is None:
        raise ValueError(name)
    return moment


def _pair(value: Any, name: str, kind: type) -> tuple[Any, Any] | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError(name)
    first, second = value
    if not (isinstance(first, kind) and isinstance(second, kind)):
        raise ValueError(name)
    return (first, second)


class IndexedSession:
    """One session as the index knows it (or a file that can't be read): the same
    names as `SessionRow`, without the model, for the command line's quick listing."""

    __slots__ = ("id", "path", *INDEXED_FIELDS)

    def __init__(
        self, id: str, path: str,
        practice: str | None = None, title: str | None = None,
        started: datetime | None = None, ended: datetime | None = None, status: str | None = None,
        partners: tuple[str, str] | None = None, floor: IndexedFloor | None = None,
        checkin_before: tuple[int, int] | None = None, checkin_after: tuple[int, int] | None = None,
        agreement: str | None = None, followup_of: str | None = None, turns: int | None = None,
        error: str | None = None,
    ) -> None:
        self.id = id
        #: The file, as text (a `Path` for each of a thousand rows costs milliseconds).
        self.path = path
        self.practice = practice
        self.title = title
        self.started = started
        self.ended = ended
        self.status = status
        self.partners = partners
        self.floor = floor
        self.checkin_before = checkin_before
        self.checkin_after = checkin_after
        self.agreement = agreement
        self.followup_of = followup_of
        self.turns = turns
        self.error = error

    @property
    def readable(self) -> bool:
        return self.error is None

    @property
    def duration_s(self) -> float | None:
        """Start to end in seconds, breathers included; None while in progress."""
        if self.started is None or self.ended is None:
            return None
        return max(0.0, (self.ended - self.started).total_seconds())


def indexed_sessions(sessions: Path | str, data: Path | str) -> list[IndexedSession] | None:
    """Every session file in the folder `sessions`, newest first, from the index in the
    folder `data` alone; None unless the index knows every file there as it is now
    (one new, changed or vanished file, an odd entry, an unreadable folder: None).

    Files that can't even be looked at (a link leading outside, no permission) are in
    no index; they are listed with the reason, as the full index lists them.
    """
    entries = read_document(os.path.join(data, INDEX_FILE))
    if not entries:
        return None
    folder = os.fspath(sessions)
    found: list[IndexedSession] = []
    try:
        with os.scandir(folder) as scan:
            for item in scan:
                name = item.name
                if name.startswith(".") or not name.endswith(SUFFIX):
                    continue
                path = f"{folder}{os.sep}{name}"
                signature, problem = file_signature(folder, item)
                if problem is not None:
                    found.append(IndexedSession(name[: -len(SUFFIX)], path, error=problem))
                    continue
                # Taken out as it is used: the document is freed entry by entry.
                entry = entries.pop(name, None)
                if entry is None:
                    return None
                try:
                    kept, value = entry
                    if as_signature(kept) != signature:
                        return None
                    found.append(IndexedSession(name[: -len(SUFFIX)], path, *indexed_fields(value)))
                except (TypeError, ValueError, KeyError, AttributeError):
                    return None
    except OSError:
        return None  # the full index says what is wrong with the folder
    if entries:
        return None  # a file has gone: the full index drops it from the file
    return newest_first(found)
