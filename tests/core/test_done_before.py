"""Which practices were done before, and when last, from the session list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from bridges_tui.core.looking_back.done_before import DoneBefore, done_before, last_done_text

ZONE = timezone(timedelta(hours=1))


@dataclass(frozen=True)
class Entry:
    practice: str | None
    started: datetime | None
    status: str | None


def at(month: int, day: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, 20, 30, tzinfo=ZONE)


def test_only_sessions_that_are_over_count() -> None:
    found = done_before([
        Entry("same-team", at(11, 2), "complete"),
        Entry("same-team", at(11, 12), "ended-early"),
        Entry("same-team", at(11, 20), "in-progress"),
        Entry("share-the-why", at(10, 1), "complete"),
        Entry(None, None, None),  # a file whose header does not read
    ])
    assert found == {
        "same-team": DoneBefore(2, at(11, 12)),
        "share-the-why": DoneBefore(1, at(10, 1)),
    }


def test_the_date_reads_like_a_person_would_say_it() -> None:
    today = date(2026, 11, 25)
    assert last_done_text(DoneBefore(1, at(11, 25)), today) == "last done today"
    assert last_done_text(DoneBefore(1, at(11, 24)), today) == "last done yesterday"
    assert last_done_text(DoneBefore(3, at(11, 12)), today) == "3×, last done 12 Nov"
    assert last_done_text(DoneBefore(1, at(12, 30, 2025)), today) == "last done 30 Dec 2025"
