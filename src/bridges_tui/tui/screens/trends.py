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

from bridges_tui.core.language.dates import day
from bridges_tui.core.language.words import N_, _, n_
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

    BINDING_GROUP_TITLE = N_("Trends")
    CSS_PATH = sheets("history")
    BINDINGS = [Binding("escape,t", "back", N_("Back"), id="trends.back", tooltip=N_("Back to the history"))]

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
            yield Label(_("Sessions per week"), classes="field-label")
            yield TrendChart("sessions", self.partners, id="trend-sessions")
            yield Label(_("Floor balance: who held the floor more, {a} or {b}").format(a=a, b=b),
                        classes="field-label", markup=False)
            yield TrendChart("balance", self.partners, id="trend-balance")
            yield Label(_("Check-in, both of you averaged (1 distant … 5 close)"), classes="field-label")
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
        count = n_("{n} session", "{n} sessions", len(sessions)).format(n=f"{len(sessions):,}")
        if sessions:
            first = min(row.started for row in sessions if row.started)
            count = _("{count} since {day}").format(count=count, day=day(first))
        title = Text.assemble((_("Trends"), "bold"), " · " + count)
        if pending:
            title.append(" · " + n_("{n} still being read; open again for all",
                                    "{n} still being read; open again for all", pending).format(n=f"{pending:,}"),
                         style="italic")
        self.query_one("#trends-title", Static).update(title)
        self.query_one("#trends-recent", Static).update(self._recent_text())

    def _recent_text(self) -> Text:
        a, b = self.partners
        last = recent(self.rows, self.today, 4)
        since = self.today - timedelta(days=self.today.weekday()) - timedelta(weeks=3)
        text = Text.assemble((_("Last 4 weeks"), "bold"),
                             " " + _("(since {day}):").format(day=day(since, self.today)) + " ")
        if not last.sessions:
            text.append(_("no sessions."))
            return text
        text.append(n_("{n} session", "{n} sessions", last.sessions).format(n=last.sessions))
        if last.balance is not None:
            shares = share_text(last.balance).split("/")
            text.append(" · " + _("floor {a} {a_share}% / {b} {b_share}%").format(
                a=a, a_share=shares[0], b=b, b_share=shares[1]))
        if last.before is not None or last.after is not None:
            before = f"{last.before:.1f}" if last.before is not None else "–"
            after = f"{last.after:.1f}" if last.after is not None else "–"
            text.append(" · " + _("check-in {before} → {after}").format(before=before, after=after))
        return text

    def action_back(self) -> None:
        self.dismiss()
