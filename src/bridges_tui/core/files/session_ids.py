"""Session ids: what a session's file is called, and finding a session by its id.

A session's id is its file name without `.toml`: `<YYYYMMDD-HHMMSS>-<practice-id>`,
with `-2`, `-3`… when two sessions of one practice start in the same second. People
type ids (or their first few characters) on the command line, so finding one refuses
anything that could reach outside the sessions folder before it looks at the disk.
"""

from __future__ import annotations

import os
import re
from datetime import datetime

from bridges_tui.core.files.light_typing import TYPE_CHECKING
from bridges_tui.core.language.words import _

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path
    from typing import Any, TypeVar

    from bridges_tui.core.model.session import Transcript

    Dated = TypeVar("Dated")

SUFFIX = ".toml"
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9_-]+")
_UNSAFE_IN_ID = ("/", "\\", "\x00", "..")
_ID_TIME = re.compile(r"^(\d{8}-\d{6})")


class SessionNotFound(LookupError):
    """No session has that id (or the id is not one bridges would ever give)."""


class UnsafeSessionId(SessionNotFound):
    """An id that could reach outside the sessions folder; it is refused unread."""


class AmbiguousSession(LookupError):
    """More than one session starts with that id; `candidates` are their ids."""

    def __init__(self, session_id: str, candidates: list[str]) -> None:
        self.candidates = candidates
        super().__init__(
            _("{id} could be any of: {candidates}; type more of the id to choose one")
            .format(id=repr(session_id), candidates=", ".join(candidates))
        )


def file_name_for(transcript: Transcript) -> str:
    """`<YYYYMMDD-HHMMSS>-<practice-id>`: when it started (its own local time) and what."""
    slug = _UNSAFE_IN_NAME.sub("-", transcript.practice).strip("-")[:60] or "session"
    return f"{transcript.started.strftime('%Y%m%d-%H%M%S')}-{slug}"


def resolve_session(folder: Path, session_id: str, suffix: str = SUFFIX) -> Path:
    """The file in `folder` of the session whose id is `session_id`, or starts with it.

    Raises SessionNotFound, AmbiguousSession (listing the candidates), or
    UnsafeSessionId for anything that could reach outside the folder; StoreError when
    the folder cannot be read.
    """
    wanted = session_id.strip()
    for ending in (suffix, SUFFIX):
        if wanted.endswith(ending):
            wanted = wanted[: -len(ending)]
            break
    if (
        not wanted
        or any(mark in wanted for mark in _UNSAFE_IN_ID)
        or wanted.startswith(".")
        or os.path.isabs(wanted)
    ):
        raise UnsafeSessionId(_("{id} is not a session id").format(id=repr(session_id)))
    try:
        names = [
            name[: -len(suffix)]
            for name in os.listdir(folder)
            if name.endswith(suffix) and not name.startswith(".")
        ]
    except FileNotFoundError:
        names = []
    except OSError as error:
        # Imported here: `bridges list` sorts by these ids and must stay light.
        from bridges_tui.core.files.safe_files import store_error

        raise store_error(folder, error, action="read") from error
    if wanted in names:
        matches = [wanted]
    else:
        matches = sorted(name for name in names if name.startswith(wanted))
    if not matches:
        raise SessionNotFound(
            _("no session {id} in {folder}").format(id=repr(session_id), folder=folder)
        )
    if len(matches) > 1:
        raise AmbiguousSession(session_id, matches)
    path = folder / f"{matches[0]}{suffix}"
    if not stays_inside(folder, path):
        raise UnsafeSessionId(
            _("{id} leads outside {folder}").format(id=repr(session_id), folder=folder)
        )
    return path


def stays_inside(folder: Path | str, path: Path | str) -> bool:
    """True when `path`, links followed, is a file directly inside `folder`."""
    real = os.path.realpath(path)
    return os.path.dirname(real) == os.path.realpath(folder)


def started_by_id(session_id: str) -> datetime | None:
    """When a session started, as its id tells it (naive, the couple's local time), or
    None for an id that does not begin with a time."""
    match = _ID_TIME.match(session_id)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def newest_first(rows: Iterable[Dated]) -> list[Dated]:
    """Sessions (anything with `started` and `id`: list entries, history rows) by start
    time, newest first; an unreadable file goes where its id's time puts it."""
    return sorted(rows, key=_sort_key, reverse=True)


def _sort_key(row: Any) -> tuple[float, str]:
    if row.started is not None:
        return (row.started.timestamp(), row.id)
    named = started_by_id(row.id)
    if named is not None:
        try:
            return (named.timestamp(), row.id)
        except (ValueError, OverflowError, OSError):
            pass
    return (float("-inf"), row.id)
