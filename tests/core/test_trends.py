"""Trends week by week, and the character charts that draw them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.looking_back.history_index import HistoryIndex
from bridges_tui.core.looking_back.trends import (
    balance_rows,
    bar_rows,
    counted,
    recent,
    spark,
    stretch,
    week_start,
    weekly,
    weeks_of_history,
)
from bridges_tui.testing.history import EARLY, FIRST, SECOND, write_history

TODAY = date(2026, 11, 25)


@pytest.fixture
def rows(tmp_path: Path):
    write_history(tmp_path)
    return HistoryIndex(SessionStore(tmp_path / "sessions"), tmp_path).scan()


def test_only_finished_readable_sessions_count(rows) -> None:
    assert {row.id for row in counted(rows)} == {FIRST, SECOND, EARLY}


def test_weeks_from_monday(rows) -> None:
    assert week_start(date(2026, 11, 25)) == date(2026, 11, 23)
    assert weeks_of_history(rows, TODAY) == 6
    weeks = weekly(rows, TODAY, 6)
    assert weeks[0].start == date(2026, 10, 19)
    assert [week.sessions for week in weeks] == [1, 0, 1, 0, 1, 0]
    first, _, second, _, early, now = weeks
    assert first.balance == pytest.approx(220 / 250)
    assert (first.before, first.after) == (2.5, 4.0)
    assert (second.before, second.after) == (2.0, 4.5)
    assert early.before is None and early.balance is None, "together only: no balance"
    assert now.sessions == 0 and now.balance is None
    assert weekly(rows, TODAY, 0) == []


def test_recent_weeks_in_numbers(rows) -> None:
    last = recent(rows, TODAY, 4)
    assert last.sessions == 2
    assert (last.before, last.after) == (2.0, 4.5)


def test_bars_fill_from_the_bottom() -> None:
    assert bar_rows([0, 1, 2, None], 2, 1) == [" ▄█ "]
    assert bar_rows([4, 1], 4, 2) == ["█ ", "█▄"]
    assert bar_rows([0.01], 10, 1) == ["▁"], "anything above zero shows"


def test_sparkline_and_gaps() -> None:
    assert spark([1, 3, 5, None], 1, 5) == "▁▄█ "


def test_balance_grows_above_or_below_its_line() -> None:
    rows = balance_rows([0.5, 0.75, 0.25, None, 0.6], height=1)
    assert rows[1] == "───┄─"
    assert rows[0][1] == "█" and rows[0][0] == " " and rows[0][4] != " "
    assert rows[2][2] == "█" and rows[2][1] == " "


def test_stretch_a_short_history() -> None:
    assert stretch([1, 2], 10) == [1, 1, 1, 2, 2, 2]
    assert stretch([1, 2, 3], 4) == [1, 2, 3]
    assert stretch([], 10) == []
