"""One week-by-week chart of the trends screen, drawn in characters: sessions per week,
the floor balance, the check-in before and after, or the row of dates beneath them.

Every chart takes the same weeks and shows the most recent ones that fit its width, so
charts stacked at one width line up column for column. Readable without colour: bars
have height, the balance grows above or below its line, and each row is labelled.
"""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from bridges_tui.core.looking_back.trends import Week, balance_rows, bar_rows, spark, stretch
from bridges_tui.core.text.harmless import shortened

Kind = Literal["sessions", "balance", "checkin", "dates"]
GUTTER = 8
HEIGHTS = {"sessions": 4, "balance": 4, "checkin": 3, "dates": 1}


def fitted(weeks: list[Week], width: int) -> list[Week]:
    """The most recent weeks that fit `width` columns (before any stretching)."""
    room = max(1, width - GUTTER)
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
        return Text(f"{shortened(label, GUTTER - 1):<{GUTTER}}", style=self._style("label"))

    def render(self) -> Text:
        width = self.size.width
        weeks = fitted(self.weeks, width)
        if not weeks:
            return Text("")
        columns = stretch(weeks, width - GUTTER)
        lines: list[Text] = []
        if self.kind == "sessions":
            counts = [week.sessions for week in columns]  # type: ignore[attr-defined]
            top = max(counts) or 1
            rows = bar_rows([float(c) for c in counts], float(top), 3)
            for number, row in enumerate(rows):
                label = f"{top}/week" if number == 0 else ("0" if number == len(rows) - 1 else "")
                lines.append(self._gutter(label) + Text(row, style=self._style("bar")))
        elif self.kind == "balance":
            rows = balance_rows([week.balance for week in columns], height=1)  # type: ignore[attr-defined]
            labels = [f"{self.partners[0]} ▲", "even", f"{self.partners[1]} ▼"]
            styles = ["a", "label", "b"]
            for label, row, style in zip(labels, rows, styles, strict=False):
                lines.append(self._gutter(label) + Text(row, style=self._style(style)))
            lines.insert(0, self._gutter("") + Text("(bars: more than half the floor)", style=self._style("label")))
        elif self.kind == "checkin":
            before = spark([w.before for w in columns], 1, 5)  # type: ignore[attr-defined]
            lines.append(self._gutter("before") + Text(before, style=self._style("b")))
            lines.append(self._gutter("after") + Text(spark([w.after for w in columns], 1, 5), style=self._style("a")))  # type: ignore[attr-defined]
            lines.insert(0, self._gutter("") + Text("(1 distant … 5 close)", style=self._style("label")))
        else:
            first = weeks[0].start
            left = f"week of {first.day} {first:%b %Y}"
            right = "this week"
            span = len(columns)
            gap = max(1, span - len(left) - len(right))
            axis = f"{left}{' ' * gap}{right}"[: max(span, len(left))]
            lines.append(self._gutter("") + Text(axis, style=self._style("label")))
        return Text("\n").join(lines)
