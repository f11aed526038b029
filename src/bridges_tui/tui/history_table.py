"""The history table's columns and the cells of one past session's line in it: what
the history screen shows of each session, worked out from its row alone."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from rich.cells import cell_len

from bridges_tui.core.files.session_ids import started_by_id
from bridges_tui.core.language import dates
from bridges_tui.core.language.words import N_, _, spoken
from bridges_tui.core.looking_back.history_index import SessionRow
from bridges_tui.core.looking_back.session_summary import checkin_text, clock, share_text, status_word, when_text
from bridges_tui.core.text.harmless import one_line
from bridges_tui.core.text.session_text import STATUS_WORDS
from bridges_tui.tui.widgets.session_table import TableRow

#: The columns' headings, in English; `headings()` gives them in the language spoken.
COLUMNS = (N_("When"), N_("Practice"), N_("Partners"), N_("Length"), N_("Floor"), N_("Check-in"), N_("Status"))
#: Shown in a cell whose figure is still being read from the file.
PENDING = "…"


def headings() -> tuple[str, ...]:
    """The columns' headings, in the language spoken now."""
    return tuple(_(heading) for heading in COLUMNS)


#: Columns that give way, in this order, when a long language's headings and words
#: leave the practice and the partners too little room (the summary shows them all).
GIVE_WAY = (4, 5)  # Floor, then Check-in
#: The room the practice and the partners keep between them (English's at 80 columns).
NAMES_ROOM = 23


def column_widths(width: int, *, wide: bool) -> list[int]:
    """Each column's width for a screen `width` columns wide (the dates long if `wide`),
    each at least as wide as its heading, and the dates and statuses as their longest,
    in the language spoken ("28. Sept. 20:30" is longer than "28 Sept 20:30"). A column
    of width 0 is not shown (`GIVE_WAY`)."""
    # A space before the first column, two between columns, one for the scrollbar.
    total = max(64, width - 2 * len(COLUMNS))
    statuses = max(cell_len(_("unreadable")), *(cell_len(status_word(status)) for status in STATUS_WORDS))
    least = [_longest_when(spoken(), wide), 0, 0, 7, 5, 8, statuses]
    widths = [max(each, cell_len(heading)) for each, heading in zip(least, headings(), strict=True)]
    widths[1] = widths[2] = 0
    for column in (None, *GIVE_WAY):
        if column is not None:  # its width goes to the rest, and its gap
            total += 2
            widths[column] = 0
        if total - sum(widths) >= NAMES_ROOM:
            break
    rest = total - sum(widths)
    practice, partners = (cell_len(heading) for heading in headings()[1:3])
    widths[2] = max(10, partners, rest * 2 // 5)
    widths[1] = max(practice, rest - widths[2])
    return widths


def _when(started: datetime | None, today: date, *, wide: bool) -> str:
    """When a session started: with its weekday if `wide`, without the time in an
    earlier year if not ("28 Sept 20:30", "28 Sept 2025")."""
    if wide or started is None:
        return when_text(started, today)
    if started.year == today.year:
        return f"{dates.day(started, today)} {dates.clock_time(started)}"
    return dates.day(started)


@cache
def _longest_when(language: str, wide: bool) -> int:
    """How long the dates get in `language` (its longest month, this year and other):
    a date is never cut, not even English's "28 Sept 20:30"."""
    today = date(2026, 1, 1)
    samples = [datetime(year, month, 28, 20, 30) for year in (2025, 2026) for month in range(1, 13)]
    return max(len(_when(sample, today, wide=wide)) for sample in samples)


def table_row(row: SessionRow, today: date, *, wide: bool) -> TableRow:
    """The cells of `row`'s line; a file that can't be read says so, and why."""
    # A file that can't be read still has a time in its name.
    started = row.started or started_by_id(row.id)
    when = _when(started, today, wide=wide)
    if not row.readable:
        cells = [when, _("⚠ can't read"), one_line(row.error), "", "", "", _("unreadable")]
        if row.practice:  # the header read; the rest of the file did not
            cells[1] = "⚠ " + one_line(row.title or row.practice)
        return TableRow(row.id, tuple(cells), warning=True)
    partners = " & ".join(one_line(name) for name in row.partners) if row.partners else ""
    detail = row.detailed
    return TableRow(row.id, (
        when,
        one_line(row.title or row.practice or ""),
        partners,
        clock(row.duration_s) if row.duration_s is not None else "–",
        share_text(row.balance) if detail else PENDING,
        (checkin_text(row.checkin_before, row.checkin_after) or "–") if detail else PENDING,
        status_word(row.status),
    ))
