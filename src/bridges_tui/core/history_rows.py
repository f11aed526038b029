"""One past session as the history lists it (`SessionRow`): its header, floor time,
check-ins, agreement and follow-up, or why its file can't be read; how rows sort,
the words a text filter searches, and how a row is kept in the history index file.

Pure data and functions; the index that keeps rows (`history_index`) does the I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs

from .model import Transcript
from .session_ids import SUFFIX, started_by_id
from .session_summary import FloorTime
from .store import SessionEntry

_WORD = re.compile(r"\w+")


@attrs.frozen
class SessionRow:
    """One past session as the history shows it, or why its file can't be read.

    `detailed` is False while only the header is known (floor, check-in and agreement
    are None until the whole file is read).
    """

    id: str
    path: Path
    practice: str | None = None
    title: str | None = None
    started: datetime | None = None
    ended: datetime | None = None
    status: str | None = None
    partners: tuple[str, str] | None = None
    floor: FloorTime | None = None
    checkin_before: tuple[int, int] | None = None
    checkin_after: tuple[int, int] | None = None
    agreement: str | None = None
    #: The id of the earlier session whose agreement this one followed up.
    followup_of: str | None = None
    turns: int | None = None
    error: str | None = None
    detailed: bool = False

    @property
    def readable(self) -> bool:
        return self.error is None

    @property
    def balance(self) -> float | None:
        """A's share of the floor held alone, 0..1, once known."""
        return None if self.floor is None else self.floor.balance

    @property
    def duration_s(self) -> float | None:
        """Start to end in seconds, breathers included; None while in progress."""
        if self.started is None or self.ended is None:
            return None
        return max(0.0, (self.ended - self.started).total_seconds())

    @classmethod
    def from_transcript(cls, path: Path, transcript: Transcript) -> SessionRow:
        floor = transcript.floor_seconds()
        followup = transcript.followup
        return cls(
            id=path.stem, path=path, practice=transcript.practice, title=transcript.title,
            started=transcript.started, ended=transcript.ended, status=transcript.status,
            partners=transcript.partners, floor=FloorTime(floor["A"], floor["B"], floor["both"]),
            checkin_before=transcript.checkin.before, checkin_after=transcript.checkin.after,
            agreement=transcript.closing.agreement,
            followup_of=followup.session if followup is not None else None,
            turns=len(transcript.turns), detailed=True,
        )

    @classmethod
    def from_entry(cls, entry: SessionEntry, *, error: str | None = None) -> SessionRow:
        """A header-only row (or, with `error`, a row whose whole file failed to read)."""
        return cls(
            id=entry.id, path=entry.path, practice=entry.practice, title=entry.title,
            started=entry.started, ended=entry.ended, status=entry.status,
            partners=entry.partners, error=error or entry.error,
            detailed=error is not None or entry.error is not None,
        )


def words_of(transcript: Transcript) -> str:
    """The distinct words of a session's notes, agreement and lessons, lower-cased and
    space-separated: what the text filter searches."""
    texts = [turn.note or "" for turn in transcript.turns]
    texts += [transcript.closing.agreement or "", *transcript.closing.learned]
    found = {word for text in texts for word in _WORD.findall(text.casefold())}
    return " ".join(sorted(found))


def query_words(query: str) -> list[str]:
    """The words of a filter as typed: "Furniture, talk" -> ["furniture", "talk"]."""
    return _WORD.findall(query.casefold())


def matches_words(words: str, wanted: Iterable[str]) -> bool:
    """True when every wanted word starts or appears inside some word of `words`
    (so "furn" finds "furniture")."""
    return all(word in words for word in wanted)


def newest_first(rows: Iterable[SessionRow]) -> list[SessionRow]:
    """Rows by start time, newest first; an unreadable file goes where its name's time
    puts it."""
    return sorted(rows, key=_sort_key, reverse=True)


def _sort_key(row: SessionRow) -> tuple[float, str]:
    if row.started is not None:
        return (row.started.timestamp(), row.id)
    named = started_by_id(row.id)
    if named is not None:
        try:
            return (named.timestamp(), row.id)
        except (ValueError, OverflowError, OSError):
            pass
    return (float("-inf"), row.id)



def row_to_json(row: SessionRow) -> dict[str, Any]:
    """A row as it is kept in the index file."""
    return {
        "practice": row.practice, "title": row.title,
        "started": row.started.isoformat() if row.started else None,
        "ended": row.ended.isoformat() if row.ended else None,
        "status": row.status, "partners": list(row.partners) if row.partners else None,
        "floor": [row.floor.a, row.floor.b, row.floor.together] if row.floor else None,
        "before": list(row.checkin_before) if row.checkin_before else None,
        "after": list(row.checkin_after) if row.checkin_after else None,
        "agreement": row.agreement, "followup_of": row.followup_of,
        "turns": row.turns, "error": row.error,
    }


def row_from_json(path: Path, name: str, data: dict[str, Any]) -> SessionRow:
    """The row kept in the index for the file `name` at `path`; raises ValueError,
    KeyError or TypeError for anything that is not what `row_to_json` wrote."""
    # The index is ours, but it is a file like any other: every value is checked, and
    # anything odd raises so that the session is read again from its transcript.
    def text(key: str) -> str | None:
        value = data[key]
        if value is not None and not isinstance(value, str):
            raise ValueError(key)
        return value

    def when(key: str) -> datetime | None:
        value = text(key)
        moment = None if value is None else datetime.fromisoformat(value)
        if moment is not None and moment.tzinfo is None:
            raise ValueError(key)
        return moment

    def pair(key: str, kind: type) -> tuple[Any, Any] | None:
        value = data[key]
        if value is None:
            return None
        if len(value) != 2 or not all(isinstance(item, kind) for item in value):
            raise ValueError(key)
        return (value[0], value[1])

    floor = data["floor"]
    if floor is not None and (
        len(floor) != 3 or not all(isinstance(item, (int, float)) for item in floor)
    ):
        raise ValueError("floor")
    turns = data["turns"]
    if turns is not None and not isinstance(turns, int):
        raise ValueError("turns")
    return SessionRow(
        id=name[: -len(SUFFIX)], path=path, practice=text("practice"), title=text("title"),
        started=when("started"), ended=when("ended"), status=text("status"),
        partners=pair("partners", str),
        floor=None if floor is None else FloorTime(float(floor[0]), float(floor[1]), float(floor[2])),
        checkin_before=pair("before", int), checkin_after=pair("after", int),
        agreement=text("agreement"), followup_of=text("followup_of"), turns=turns,
        error=text("error"), detailed=True,
    )

