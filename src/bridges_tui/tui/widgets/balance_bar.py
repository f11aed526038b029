"""How the floor has been shared so far: A's share against B's, in one line."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
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

    def render(self) -> Content:
        # Textual's own Content (a Rich `Text` takes the compositor's slower way), with
        # widths in cells, so a name with emoji or accents doesn't push the bar out.
        a, b = self.seconds
        left = f"{self.names[0]} {format_clock(round(a))} "
        right = f" {format_clock(round(b))} {self.names[1]}"
        width = max(0, self.size.width - cell_len(left) - cell_len(right))
        total = a + b
        share = 0.5 if total == 0 else a / total
        filled = round(width * share)
        return Content.assemble(
            left,
            ("█" * filled, self.get_visual_style("balance-bar--a", partial=True)),
            ("▒" * (width - filled), self.get_visual_style("balance-bar--b", partial=True)),
            right,
        )
