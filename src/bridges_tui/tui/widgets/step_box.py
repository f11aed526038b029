"""The lines above the partner panes (the step, its prompt, its starters), in a box
that grows to fit a longer step but does not shrink back for a shorter one.

A box that followed each step's height moved the panes at every hand-over: Textual
then lays out and redraws the whole screen below it, where a box of steady height
lets it redraw only what changed. Measured headless over 20 hand-overs of
`share-the-why` at 100×30 (layout and drawing per hand-over): 15–19 ms of CPU with a
box that follows the step, 9–11 ms with a steady one. The panes also stay put, which
is calmer to look at. A new width (a resized terminal) starts the measure afresh.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.events import Resize


class StepBox(Vertical):
    """A `Vertical` whose height only grows while the terminal keeps its width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._width: int | None = None
        self._tallest = 0

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            # A new width wraps every line anew: the tallest step so far says nothing.
            self._width = event.size.width
            self._tallest = 0
            self.styles.min_height = None
            self.call_after_refresh(self._hold_height)
            return
        self._hold_height()

    def _hold_height(self) -> None:
        height = self.outer_size.height
        if height > self._tallest:
            self._tallest = height
            self.styles.min_height = height
