"""A dialog's buttons side by side, or one above the other where a language's words
make them wider than the dialog ("Als vorzeitig beendet schließen (c)"): a button is
never cut short. (Textual's layouts do not wrap a row of widgets.)"""

from __future__ import annotations

from rich.cells import cell_len
from textual.containers import Horizontal
from textual.widgets import Button

#: What a button adds to its label's width (Textual's `Button`: `line-pad: 1` each
#: side and a tall border), the least width it takes, and the gap before each.
_PADDING, _LEAST, _GAP = 4, 16, 1


class ButtonRow(Horizontal):
    """Buttons in a row while they fit in its width; stacked (`-stacked`) when not."""

    def on_resize(self) -> None:
        self._fit()

    def on_mount(self) -> None:
        self._fit()

    def _fit(self) -> None:
        if not self.size.width:
            return
        wanted = sum(max(_LEAST, cell_len(str(button.label)) + _PADDING) + _GAP for button in self.query(Button))
        self.set_class(wanted > self.size.width, "-stacked")
