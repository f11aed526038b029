"""How the floor has been shared so far: A's share against B's, in one line."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from bridges_tui.core.text.durations import format_clock


class BalanceBar(Widget):
    """A bar split at A's share of the solo floor time, with both times as numbers.

    Readable without colour: the halves use different fill characters and the
    figures are printed beside the names.
    """

    DEFAULT_CSS = """
    BalanceBar { height: 1; }
    BalanceBar > .balance-bar--a { color: $primary; }
    BalanceBar > .balance-bar--b { color: $secondary; }
    """
    COMPONENT_CLASSES = {"balance-bar--a", "balance-bar--b"}

    seconds: reactive[tuple[float, float]] = reactive((0.0, 0.0))

    def __init__(self, names: tuple[str, str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.names = names

    def render(self) -> Text:
        a, b = self.seconds
        left = f"{self.names[0]} {format_clock(round(a))} "
        right = f" {format_clock(round(b))} {self.names[1]}"
        width = max(0, self.size.width - len(left) - len(right))
        total = a + b
        share = 0.5 if total == 0 else a / total
        filled = round(width * share)
        text = Text(left)
        text.append("█" * filled, style=self.get_component_rich_style("balance-bar--a"))
        text.append("▒" * (width - filled), style=self.get_component_rich_style("balance-bar--b"))
        text.append(right)
        return text
