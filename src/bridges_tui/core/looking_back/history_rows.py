"""The history's rows (`SessionRow`, the one listed-session type) made from a whole
transcript or a file that failed to read; the words a text filter searches, and how a
row is kept in the history index file. How a kept row is
checked is shared with `bridges list`, which reads the index without the model
(`history_index_file`); rows sort like every list of sessions (`session_ids.newest_first`).

Pure data and functions; the index that keeps rows (`history_index`) does the I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bridges_tui.core.files.history_index_file import indexed_fields
from bridges_tui.core.files.lock_files import session_id
from bridges_tui.core.files.session_ids import SUFFIX
from bridges_tui.core.files.session_row import FloorTime, SessionRow
from bridges_tui.core.model.session import Transcript

_WORD = re.compile(r"\w+")


def row_of(path: Path, transcript: Transcript) -> SessionRow:
    """The row of a session whose whole file was read as `transcript`."""
    floor = transcript.floor_seconds()
    followup = transcript.followup
    return SessionRow(
        id=session_id(path.name), path=path, practice=transcript.practice, title=transcript.title,
        started=transcript.started, ended=transcript.ended, status=transcript.status,
        partners=transcript.partners, floor=FloorTime(floor["A"], floor["B"], floor["both"]),
        checkin_before=transcript.checkin.before, checkin_after=transcript.checkin.after,
        agreement=transcript.closing.agreement,
        followup_of=followup.session if followup is not None else None,
        turns=len(transcript.turns), detailed=True,
    )


def unreadable(header: SessionRow, reason: str) -> SessionRow:
    """The row of a file whose header reads (`header`) but whose whole file does not."""
    return SessionRow(
        header.id, header.file, header.practice, header.title, header.started, header.ended,
        header.status, header.partners, error=reason, detailed=True,
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
    """A row as it is kept in the index file: its figures in `ROW_FIELDS` order."""
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
    return SessionRow(name[: -len(SUFFIX)], path, *indexed_fields(data), detailed=True)
