"""The history table's columns and the cells of one past session's line in it: what
the history screen shows of each session, worked out from its row alone."""

from __future__ import annotations

from datetime import date

from bridges_tui.core.files.session_ids import started_by_id
from bridges_tui.core.looking_back.history_index import SessionRow
from bridges_tui.core.looking_back.session_summary import checkin_text, clock, share_text, status_word, when_text
from bridges_tui.core.text.harmless import one_line
from bridges_tui.tui.widgets.session_table import TableRow

COLUMNS = ("When", "Practice", "Partners", "Length", "Floor", "Check-in", "Status")
#: Shown in a cell whose figure is still being read from the file.
PENDING = "…"


def column_widths(width: int, *, wide: bool) -> list[int]:
    """Each column's width for a screen `width` columns wide (the dates long if `wide`)."""
    # A space before the first column, two between columns, one for the scrollbar.
    total = max(64, width - 2 * len(COLUMNS))
    widths = [17 if wide else 12, 0, 0, 7, 5, 8, 11]
    rest = total - sum(widths)
    widths[2] = max(10, rest * 2 // 5)
    widths[1] = rest - widths[2]
    return widths


def table_row(row: SessionRow, today: date, *, wide: bool) -> TableRow:
    """The cells of `row`'s line; a file that can't be read says so, and why."""
    # A file that can't be read still has a time in its name.
    started = row.started or started_by_id(row.id)
    when = when_text(started, today)
    if not wide and started is not None:
        when = started.strftime("%d %b %H:%M" if started.year == today.year else "%d %b %Y")
    if not row.readable:
        cells = [when, "⚠ can't read", one_line(row.error), "", "", "", "unreadable"]
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
