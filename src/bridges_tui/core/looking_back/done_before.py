"""Which practices the couple has done before, and when last: for the practice picker.

Read from the session list's headers only (`SessionStore.list()`), so it stays cheap
with a long history. A session counts once it is over, complete or ended early (an
early end is a legitimate move, not a failure); one still in progress, or a file whose
header does not read, does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol

from bridges_tui.core.language.words import n_
from bridges_tui.core.model.records import record


class _Listed(Protocol):
    practice: str | None
    started: datetime | None
    status: str | None


@record
class DoneBefore:
    """How often a practice was done, and when it was last started."""

    times: int
    last: datetime


def done_before(entries: Iterable[_Listed]) -> dict[str, DoneBefore]:
    """Practice id -> how often and when last, from session-list entries."""
    found: dict[str, DoneBefore] = {}
    for entry in entries:
        if entry.practice is None or entry.started is None:
            continue
        if entry.status not in ("complete", "ended-early"):
            continue
        known = found.get(entry.practice)
        if known is None:
            found[entry.practice] = DoneBefore(1, entry.started)
        else:
            found[entry.practice] = DoneBefore(known.times + 1, max(known.last, entry.started))
    return found


def last_done_text(done: DoneBefore, today: date) -> str:
    """"last done today", "… yesterday", "… 12 Nov", or "… 12 Nov 2025" in another
    year; with the count when it is more than once ("3×, last done 12 Nov")."""
    day = done.last.date()
    times, shown_day = done.times, ""
    if day == today:
        said = n_("last done today", "{n}×, last done today", times)
    elif (today - day).days == 1:
        said = n_("last done yesterday", "{n}×, last done yesterday", times)
    else:
        from bridges_tui.core.language import dates  # Babel: only once a date is shown

        said, shown_day = n_("last done {day}", "{n}×, last done {day}", times), dates.day(day, today)
    return said.format(n=times, day=shown_day)
