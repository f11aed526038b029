"""One past session as the history lists it (`SessionRow`): its header, floor time,
check-ins, agreement and follow-up, or why its file can't be read; the words a text
filter searches, and how a row is kept in the history index file. How a kept row is
checked is shared with `bridges list`, which reads the index without the model
(`history_index_file`); rows sort like every list of sessions (`session_ids.newest_first`).

Pure data and functions; the index that keeps rows (`history_index`) does the I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from bridges_tui.core.files.history_index_file import INDEXED_FIELDS, indexed_fields
from bridges_tui.core.files.session_ids import SUFFIX
from bridges_tui.core.files.store import SessionEntry
from bridges_tui.core.looking_back.session_summary import FloorTime
from bridges_tui.core.model.records import record
from bridges_tui.core.model.session import Transcript

_WORD = re.compile(r"\w+")


@record
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


def row_to_json(row: SessionRow) -> list[Any]:
    """A row as it is kept in the index file: its figures in `INDEXED_FIELDS` order."""
    return [
        row.practice, row.title,
        row.started.isoformat() if row.started else None,
        row.ended.isoformat() if row.ended else None,
        row.status, list(row.partners) if row.partners else None,
        [row.floor.a, row.floor.b, row.floor.together] if row.floor else None,
        list(row.checkin_before) if row.checkin_before else None,
        list(row.checkin_after) if row.checkin_after else None,
        row.agreement, row.followup_of, row.turns, row.error,
    ]


def row_from_json(path: Path, name: str, data: list[Any]) -> SessionRow:
    """The row kept in the index for the file `name` at `path`; raises ValueError or
    TypeError for anything that is not what `row_to_json` wrote."""
    fields = dict(zip(INDEXED_FIELDS, indexed_fields(data), strict=False))
    floor = fields.pop("floor")
    return SessionRow(
        id=name[: -len(SUFFIX)], path=path,
        floor=None if floor is None else FloorTime(floor.a, floor.b, floor.together),
        detailed=True, **fields,
    )
