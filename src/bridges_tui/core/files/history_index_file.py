"""The history index's files on disk (see `history_index`), and listing every session
from them alone when they describe the sessions folder exactly as it is.

This is the part of the index that `bridges list` needs, so it stays light: the
standard library and a few small core modules, never the transcript model
(importing it would cost the command more than listing a thousand sessions). What
a session's entry holds is checked here, once, for the full index and for the quick
listing, which both make `SessionRow`s of it.
"""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime

from bridges_tui.core.files.light_typing import TYPE_CHECKING, cast
from bridges_tui.core.files.session_ids import SUFFIX, newest_first, stays_inside
from bridges_tui.core.files.session_row import FloorTime, SessionRow
from bridges_tui.core.files.signatures import NO_SIGNATURE, Signature, signature_of
from bridges_tui.core.language.words import _

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from bridges_tui.core.files.session_key import SessionKey

INDEX_FILE = "history-index.json"
WORDS_FILE = "history-words.json"
#: The same two files while the sessions are locked: encrypted to the folder's key.
LOCKED_INDEX_FILE = INDEX_FILE + ".age"
LOCKED_WORDS_FILE = WORDS_FILE + ".age"
#: In the data folder while a session is being let go of (`letting_go`): its id.
LETTING_GO_FILE = "letting-go"
FORMAT = "bridges-history-index"
#: 2: a session's figures are a list in `ROW_FIELDS` order, not an object naming
#: each one; a thousand sessions' names made the file a third larger and twice as slow
#: to read. 3: a file's signature is the store's (`signatures`), five numbers, not
#: three. An index of another version is rebuilt, as a damaged one is.
VERSION = 3

def file_signature(folder: Path | str, item: os.DirEntry[str]) -> tuple[Signature, str | None]:
    """The signature of the session file `item` in `folder`, or why it can't be read:
    a link leading outside the folder, a link to nothing, not a file, no permission."""
    try:
        if item.is_symlink() and not stays_inside(folder, item.path):
            return NO_SIGNATURE, _("is a link to a file outside the sessions folder")
        info = item.stat()  # follows a link, as os.stat does
    except FileNotFoundError:
        return NO_SIGNATURE, _("is a link to a file that is gone")
    except OSError as error:
        from bridges_tui.core.files.safe_files import plain_reason  # only for a file that can't be read

        return NO_SIGNATURE, plain_reason(error)
    if not stat.S_ISREG(info.st_mode):
        return NO_SIGNATURE, _("is not a file")
    return signature_of(info), None


def document(entries: dict[str, Any]) -> str:
    """An index file's text, holding `entries` (file name -> [signature, value])."""
    return json.dumps(
        {"format": FORMAT, "version": VERSION, "sessions": entries},
        ensure_ascii=False, separators=(",", ":"),
    )


def read_document(path: Path | str, key: SessionKey | None = None) -> dict[str, Any]:
    """The entries of an index file (encrypted to `key`, when given); empty when it is
    missing, damaged, foreign, or sealed to another key."""
    try:
        if key is None:
            with open(path, encoding="utf-8") as file:
                found = json.load(file)
        else:
            with open(path, "rb") as file:
                found = json.loads(key.open(file.read(), path))
    except (OSError, ValueError):  # a LockError is an OSError
        return {}
    if not isinstance(found, dict):
        return {}
    top = cast("dict[str, Any]", found)
    sessions = top.get("sessions")
    if top.get("format") != FORMAT or top.get("version") != VERSION or not isinstance(sessions, dict):
        return {}
    return cast("dict[str, Any]", sessions)


def indexed_fields(data: object) -> tuple[Any, ...]:
    """The figures of one session as `row_to_json` keeps them in the index, checked and
    converted (times as aware datetimes, pairs as tuples, floor as `FloorTime`), in
    the order of `ROW_FIELDS`. Raises ValueError or TypeError for anything that is
    not what `row_to_json` wrote."""
    # The index is ours, but it is a file like any other: every value is checked, and
    # anything odd raises so that the session is read again from its transcript.
    # (Plain calls, no closures: `bridges list` checks a thousand of these.)
    if not isinstance(data, list):
        raise TypeError("a session's figures")
    (practice, title, started, ended, status, partners, floor, before, after, agreement,
     followup_of, turns, error) = cast("list[Any]", data)
    if floor is not None:
        if not isinstance(floor, list) or len(cast("list[Any]", floor)) != 3:
            raise ValueError("floor")
        a, b, together = cast("list[Any]", floor)
        if not (isinstance(a, (int, float)) and isinstance(b, (int, float))
                and isinstance(together, (int, float))):
            raise ValueError("floor")
        floor = FloorTime(float(a), float(b), float(together))
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
    if not isinstance(value, str):
        raise ValueError(name)
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(name)
    return moment


def _pair(value: Any, name: str, kind: type) -> tuple[Any, Any] | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(cast("list[Any]", value)) != 2:
        raise ValueError(name)
    first, second = cast("list[Any]", value)
    if not (isinstance(first, kind) and isinstance(second, kind)):
        raise ValueError(name)
    return (first, second)


def indexed_sessions(sessions: Path | str, data: Path | str) -> list[SessionRow] | None:
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
    found: list[SessionRow] = []
    try:
        with os.scandir(folder) as scan:
            for item in scan:
                name = item.name
                if name.endswith(".toml.age"):
                    return None  # a locked file: the full listing says what it is
                if name.startswith(".") or not name.endswith(SUFFIX):
                    continue
                path = f"{folder}{os.sep}{name}"
                signature, problem = file_signature(folder, item)
                if problem is not None:
                    found.append(SessionRow(name[: -len(SUFFIX)], path, error=problem, detailed=True))
                    continue
                # Taken out as it is used: the document is freed entry by entry.
                entry = entries.pop(name, None)
                if entry is None:
                    return None
                try:
                    kept, value = entry
                    # The kept list against the file's: equal only if it is five equal ints.
                    if kept != [*signature]:
                        return None
                    found.append(SessionRow(name[: -len(SUFFIX)], path, *indexed_fields(value), detailed=True))
                except (TypeError, ValueError, KeyError, AttributeError):
                    return None
    except OSError:
        return None  # the full index says what is wrong with the folder
    if entries:
        return None  # a file has gone: the full index drops it from the file
    return newest_first(found)
