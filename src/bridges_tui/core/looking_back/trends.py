"""Trends across sessions, week by week: how often the couple sat down, how evenly they
shared the floor, and how the check-in moved from before to after. Plus the small
character charts that draw them, so a terminal of 80 columns can show a year.

Weeks start on Monday, in the sessions' own local time. Everything comes from history
rows (`SessionRow`): sessions that could not be read, or are still in progress, are
left out of the figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from bridges_tui.core.looking_back.history_index import SessionRow
from bridges_tui.core.looking_back.session_summary import mean_score
from bridges_tui.core.model.records import record

#: Eighths of a cell, from empty to full, growing up from the bottom.
_UP = " ▁▂▃▄▅▆▇█"
#: Growing down from the top: Unicode has only a few steps, so halves and wholes.
_DOWN = ("", "▔", "▔", "▀", "▀", "▀", "▀", "█", "█")
_NO_DATA = " "


@record
class Week:
    """One week of sessions: how many, and the averages of those that have the figure."""

    start: date
    sessions: int = 0
    #: Partner A's share of the floor held alone, 0..1, averaged over the week.
    balance: float | None = None
    #: The check-in averaged over both partners and the week, 1..5.
    before: float | None = None
    after: float | None = None


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def counted(rows: Iterable[SessionRow]) -> list[SessionRow]:
    """The sessions that count in the trends: read, finished, with a start time."""
    return [
        row for row in rows
        if row.readable and row.started is not None and row.status in ("complete", "ended-early")
    ]


def weekly(rows: Iterable[SessionRow], today: date, count: int) -> list[Week]:
    """The last `count` weeks up to `today`'s, oldest first."""
    if count <= 0:
        return []
    last = week_start(today)
    first = last - timedelta(weeks=count - 1)
    sessions: dict[date, list[SessionRow]] = {}
    for row in counted(rows):
        start = week_start(started_day(row))
        if first <= start <= last:
            sessions.setdefault(start, []).append(row)
    weeks: list[Week] = []
    for number in range(count):
        start = first + timedelta(weeks=number)
        those = sessions.get(start, [])
        weeks.append(
            Week(
                start=start,
                sessions=len(those),
                balance=_mean(row.balance for row in those),
                before=_mean(mean_score(row.checkin_before) for row in those),
                after=_mean(mean_score(row.checkin_after) for row in those),
            )
        )
    return weeks


def started_day(row: SessionRow) -> date:
    """The day a counted session started (`counted` keeps only rows with a start)."""
    if row.started is None:
        raise ValueError(f"{row.id} has no start time, so it does not count")
    return row.started.date()


def weeks_of_history(rows: Iterable[SessionRow], today: date) -> int:
    """How many weeks there are from the first counted session's week to today's."""
    starts = [started_day(row) for row in counted(rows)]
    if not starts:
        return 0
    return (week_start(today) - week_start(min(starts))).days // 7 + 1


@record
class Recent:
    """The last few weeks in numbers, for the line under the charts."""

    weeks: int
    sessions: int
    balance: float | None
    before: float | None
    after: float | None


def recent(rows: Iterable[SessionRow], today: date, weeks: int = 4) -> Recent:
    """Sessions, average floor share and check-ins over the last `weeks` weeks."""
    since = week_start(today) - timedelta(weeks=weeks - 1)
    those = [row for row in counted(rows) if started_day(row) >= since]
    return Recent(
        weeks=weeks,
        sessions=len(those),
        balance=_mean(row.balance for row in those),
        before=_mean(mean_score(row.checkin_before) for row in those),
        after=_mean(mean_score(row.checkin_after) for row in those),
    )


def _mean(values: Iterable[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None


# --- character charts ---------------------------------------------------------------


def bar_rows(values: Sequence[float | None], top: float, height: int) -> list[str]:
    """Vertical bars, one column per value, `height` rows (top row first), scaled so
    that `top` fills the column. A value above zero always shows at least a sliver;
    None and zero stay blank."""
    eighths = [_eighths(value, top, height) for value in values]
    rows: list[str] = []
    for row in range(height - 1, -1, -1):
        line: list[str] = []
        for amount in eighths:
            line.append(_UP[max(0, min(8, amount - row * 8))])
        rows.append("".join(line))
    return rows


def spark(values: Sequence[float | None], low: float, high: float) -> str:
    """A one-row sparkline between `low` and `high`; None is a gap."""
    line: list[str] = []
    for value in values:
        if value is None:
            line.append(_NO_DATA)
            continue
        share = 0.0 if high <= low else (value - low) / (high - low)
        line.append(_UP[max(1, min(8, round(share * 8)))])
    return "".join(line)


def balance_rows(shares: Sequence[float | None], height: int = 1, full: float = 0.25) -> list[str]:
    """A diverging chart of partner A's share of the floor: bars above a middle line
    when A held more than half, below it when B did; `full` (a quarter: 75/25) fills
    the `height` rows on its side. Returns 2 × height + 1 rows, the line in the middle.
    """
    above = [None if share is None else max(0.0, share - 0.5) for share in shares]
    below = [None if share is None else max(0.0, 0.5 - share) for share in shares]
    upper = bar_rows(above, full, height)
    lower: list[str] = []
    amounts = [_eighths(value, full, height) for value in below]
    for row in range(height):
        lower.append("".join(_DOWN[max(0, min(8, amount - row * 8))] or " " for amount in amounts))
    axis = "".join("─" if share is not None else "┄" for share in shares)
    return [*upper, axis, *lower]


def _eighths(value: float | None, top: float, height: int) -> int:
    if value is None or value <= 0 or top <= 0:
        return 0
    return max(1, min(8 * height, round(value / top * 8 * height)))


def stretch(values: Sequence[object], width: int) -> list[object]:
    """Each value repeated so the chart fills about `width` columns (at most 3 each), for
    a short history that would otherwise be a few specks at the left edge."""
    if not values:
        return []
    times = max(1, min(3, width // len(values)))
    return [value for value in values for _ in range(times)]
