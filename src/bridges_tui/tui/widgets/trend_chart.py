"""One week-by-week chart of the trends screen, drawn in characters: sessions per week,
the floor balance, the check-in before and after, or the row of dates beneath them.

Every chart takes the same weeks and shows the most recent ones that fit its width, so
charts stacked at one width line up column for column. Readable without colour: bars
have height, the balance grows above or below its line, the check-in's change is an
arrow, and each row is labelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, cast

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from bridges_tui.core.language.dates import day
from bridges_tui.core.language.words import N_, _
from bridges_tui.core.looking_back.trends import Week, balance_rows, bar_rows, spark, stretch
from bridges_tui.core.text.harmless import shortened

Kind = Literal["sessions", "balance", "checkin", "dates"]
#: The labels' column, at its narrowest (`gutter()` widens it for longer words).
GUTTER = 8
#: The rows' labels, in English; every chart's gutter fits the longest in the language
#: spoken, so that stacked charts still line up.
EVEN, BEFORE, AFTER, CHANGE = N_("even"), N_("before"), N_("after"), N_("change")
ROW_LABELS = (EVEN, BEFORE, AFTER, CHANGE)
HEIGHTS = {"sessions": 4, "balance": 4, "checkin": 3, "dates": 1}


#: A week's check-in moved by less than this (on the 1 to 5 scale) is "the same".
SAME_WITHIN = 0.25


def change_row(before: Sequence[float | None], after: Sequence[float | None]) -> str:
    """One column per week: ▲ the check-in after was higher than before, ▼ lower,
    = about the same, a space where either is missing. Two bars of a one-row
    sparkline differ by an eighth of a row per half point: a change that matters
    (3.5 → 4.0) looked like none."""
    marks = []
    for was, now in zip(before, after, strict=True):
        if was is None or now is None:
            marks.append(" ")
        elif now - was >= SAME_WITHIN:
            marks.append("▲")
        elif was - now >= SAME_WITHIN:
            marks.append("▼")
        else:
            marks.append("=")
    return "".join(marks)


def gutter() -> int:
    """The labels' width before the weeks: the longest row label in the language
    spoken, and a space."""
    return max(GUTTER, *(cell_len(_(label)) + 1 for label in ROW_LABELS))


def fitted(weeks: list[Week], width: int) -> list[Week]:
    """The most recent weeks that fit `width` columns (before any stretching)."""
    room = max(1, width - gutter())
    return weeks[-room:]


class TrendChart(Widget):
    """A chart of `kind`; the screen sets `weeks` (oldest first, ending this week)."""

    DEFAULT_CSS = """
    TrendChart { height: auto; }
    TrendChart > .trend-chart--bar { color: $primary; }
    TrendChart > .trend-chart--a { color: $primary; }
    TrendChart > .trend-chart--b { color: $secondary; }
    TrendChart > .trend-chart--label { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"trend-chart--bar", "trend-chart--a", "trend-chart--b", "trend-chart--label"}

    weeks: reactive[list[Week]] = reactive(list, always_update=True)

    def __init__(self, kind: Kind, partners: tuple[str, str] = ("A", "B"), **kwargs) -> None:
        super().__init__(**kwargs)
        self.kind = kind
        self.partners = partners
        self.styles.height = HEIGHTS[kind]

    def _style(self, name: str):
        return self.get_component_rich_style(f"trend-chart--{name}")

    def _gutter(self, label: str) -> Text:
        width = gutter()
        return Text(f"{shortened(label, width - 1):<{width}}", style=self._style("label"))

    def render(self) -> Text:
        width = self.size.width
        weeks = fitted(self.weeks, width)
        if not weeks:
            return Text("")
        # `stretch` repeats the weeks it is given (typed for any values, hence the cast).
        columns = cast("list[Week]", stretch(weeks, width - gutter()))
        lines: list[Text] = []
        if self.kind == "sessions":
            counts = [week.sessions for week in columns]
            top = max(counts) or 1
            rows = bar_rows([float(c) for c in counts], float(top), 3)
            for number, row in enumerate(rows):
                label = f"{top}/week" if number == 0 else ("0" if number == len(rows) - 1 else "")
                lines.append(self._gutter(label) + Text(row, style=self._style("bar")))
        elif self.kind == "balance":
            rows = balance_rows([week.balance for week in columns], height=1)
            labels = [f"{self.partners[0]} ▲", _(EVEN), f"{self.partners[1]} ▼"]
            styles = ["a", "label", "b"]
            for label, row, style in zip(labels, rows, styles, strict=False):
                lines.append(self._gutter(label) + Text(row, style=self._style(style)))
            lines.insert(0, self._gutter("") + Text(_("(bars: more than half the floor)"), style=self._style("label")))
        elif self.kind == "checkin":
            before = [week.before for week in columns]
            after = [week.after for week in columns]
            lines.append(self._gutter(_(BEFORE)) + Text(spark(before, 1, 5), style=self._style("b")))
            lines.append(self._gutter(_(AFTER)) + Text(spark(after, 1, 5), style=self._style("a")))
            lines.append(self._gutter(_(CHANGE)) + Text(change_row(before, after), style=self._style("bar")))
        else:
            first = weeks[0].start
            left = _("week of {day}").format(day=day(first))
            right = _("this week")
            span = len(columns)
            gap = max(1, span - len(left) - len(right))
            axis = f"{left}{' ' * gap}{right}"[: max(span, len(left))]
            lines.append(self._gutter("") + Text(axis, style=self._style("label")))
        return Text("\n").join(lines)
