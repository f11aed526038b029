"""The trends' check-in chart: a change that matters reads at a glance, even when the
bars before and after are nearly the same height."""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import App, ComposeResult

from bridges_tui.core.looking_back.trends import Week
from bridges_tui.tui.widgets.trend_chart import TrendChart

MONDAY = date(2026, 11, 2)


class OneChart(App[None]):
    def compose(self) -> ComposeResult:
        yield TrendChart("checkin", ("Sam", "Alex"))


async def test_the_checkin_chart_shows_which_way_each_week_moved() -> None:
    weeks = [
        Week(MONDAY, 1, None, 3.5, 4.0),  # half a point up: the bars look alike
        Week(MONDAY + timedelta(weeks=1), 1, None, 4.0, 3.5),
        Week(MONDAY + timedelta(weeks=2), 1, None, 3.0, 3.1),
        Week(MONDAY + timedelta(weeks=3)),  # no session
    ]
    app = OneChart()
    async with app.run_test(size=(80, 24)) as pilot:  # a plain App: its screen is there at once
        chart = app.query_one(TrendChart)
        chart.weeks = weeks
        await pilot.pause()
        lines = str(chart.render()).splitlines()
        change = next(line for line in lines if line.startswith("change"))
        assert change.rstrip().endswith("▲▲▲▼▼▼===")
        assert [line.split()[0] for line in lines] == ["before", "after", "change"]
