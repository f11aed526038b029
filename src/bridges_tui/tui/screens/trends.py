"""Trends across sessions: are we getting better at this? Sessions per week, how evenly
the floor was shared, and the check-in before and after, week by week, with the last
four weeks in words beneath."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from bridges_tui.core.looking_back.history_index import SessionRow
from bridges_tui.core.looking_back.session_summary import share_text
from bridges_tui.core.looking_back.trends import counted, recent, weekly, weeks_of_history
from bridges_tui.core.text.harmless import one_line
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.key_bar import KeyBar
from bridges_tui.tui.widgets.trend_chart import TrendChart

#: The most weeks worth drawing: a wide terminal shows about two years.
MAX_WEEKS = 120


class TrendsScreen(Screen):
    """Week-by-week charts of the sessions in `rows`."""

    BINDING_GROUP_TITLE = "Trends"
    CSS_PATH = sheets("history")
    BINDINGS = [Binding("escape,t", "back", "Back", id="trends.back", tooltip="Back to the history")]

    def __init__(self, rows: list[SessionRow], today: date) -> None:
        super().__init__()
        self.rows = rows
        self.today = today
        self.partners = self._usual_partners()

    def _usual_partners(self) -> tuple[str, str]:
        pairs = Counter(row.partners for row in counted(self.rows) if row.partners)
        if not pairs:
            return ("A", "B")
        a, b = pairs.most_common(1)[0][0]
        return (one_line(a), one_line(b))

    def compose(self) -> ComposeResult:
        a, b = self.partners
        with VerticalScroll(id="trends"):
            yield Static("", id="trends-title")
            yield Label("Sessions per week", classes="field-label")
            yield TrendChart("sessions", self.partners, id="trend-sessions")
            yield Label(f"Floor balance: who held the floor more, {a} or {b}", classes="field-label", markup=False)
            yield TrendChart("balance", self.partners, id="trend-balance")
            yield Label("Check-in, both of you averaged (1 distant … 5 close)", classes="field-label")
            yield TrendChart("checkin", self.partners, id="trend-checkin")
            yield TrendChart("dates", self.partners, id="trend-dates")
            yield Static("", id="trends-recent")
        yield KeyBar()

    def on_mount(self) -> None:
        sessions = counted(self.rows)
        weeks = min(MAX_WEEKS, max(1, weeks_of_history(self.rows, self.today)))
        by_week = weekly(self.rows, self.today, weeks)
        for chart in self.query(TrendChart):
            chart.weeks = by_week
        pending = sum(1 for row in self.rows if row.readable and not row.detailed)
        title = Text.assemble(("Trends", "bold"), f" · {len(sessions):,} session{'s' if len(sessions) != 1 else ''}")
        if sessions:
            first = min(row.started for row in sessions if row.started)
            title.append(f" since {first:%d %b %Y}")
        if pending:
            title.append(f" · {pending:,} still being read; open again for all", style="italic")
        self.query_one("#trends-title", Static).update(title)
        self.query_one("#trends-recent", Static).update(self._recent_text())

    def _recent_text(self) -> Text:
        a, b = self.partners
        last = recent(self.rows, self.today, 4)
        since = self.today - timedelta(days=self.today.weekday()) - timedelta(weeks=3)
        text = Text.assemble(("Last 4 weeks", "bold"), f" (since {since:%d %b}): ")
        if not last.sessions:
            text.append("no sessions.")
            return text
        text.append(f"{last.sessions} session{'s' if last.sessions != 1 else ''}")
        if last.balance is not None:
            shares = share_text(last.balance).split("/")
            text.append(f" · floor {a} {shares[0]}% / {b} {shares[1]}%")
        if last.before is not None or last.after is not None:
            before = f"{last.before:.1f}" if last.before is not None else "–"
            after = f"{last.after:.1f}" if last.after is not None else "–"
            text.append(f" · check-in {before} → {after}")
        return text

    def action_back(self) -> None:
        self.dismiss()
