"""The lines above the partner panes (the step, its prompt, its starters), in a box
as tall as the tallest step of the session, so that a hand-over never moves the panes.

A box that followed each step's height moved everything below it at a hand-over, and
Textual then relaid and redrew the whole screen, where a box of steady height lets it
redraw only what changed. Measured headless over 20 hand-overs of `share-the-why` at
100×30 (layout and drawing per hand-over): 15–19 ms of CPU with a box that follows the
step, 9–11 ms with a steady one. The panes also stay put, which is calmer to look at.

The box is told every text it will show (`expect`) and, at each new width, reserves
the height of the tallest; should a line still come out taller (a heading with a mark
added), it grows to fit and keeps that height.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.widget import Widget


class StepBox(Vertical):
    """A `Vertical` of line widgets whose height only grows while the width stays."""

    def __init__(self, *children: Widget, id: str | None = None) -> None:
        super().__init__(*children, id=id)
        self._width: int | None = None
        self._tallest = 0
        self._expected: Sequence[Sequence[str]] = ()

    def expect(self, texts: Sequence[Sequence[str]]) -> None:
        """Every set of lines the box will show, one text per child (empty: hidden)."""
        self._expected = texts

    def on_mount(self) -> None:
        # Before the first layout (the box is as wide as the screen), so the first
        # frame is laid out once, already at the reserved height.
        self._reserve(self.app.size.width)

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self._reserve(event.size.width)  # a new width wraps every line anew
        height = self.outer_size.height
        if height > self._tallest:
            self._tallest = height
            self.styles.min_height = height

    def _reserve(self, width: int) -> None:
        self._width = width
        self._tallest = self._height_of_tallest()
        self.styles.min_height = self._tallest or None

    def _height_of_tallest(self) -> int:
        if self._width is None:
            return 0
        inner = self._width - self.styles.gutter.width
        lines = list(self.children)
        tallest = 0
        for texts in self._expected:
            height = 0
            for line, text in zip(lines, texts, strict=False):
                if text:
                    width = max(1, inner - line.styles.gutter.width)
                    height += line.styles.gutter.height + _lines(text, width)
            tallest = max(tallest, height)
        return tallest + self.styles.gutter.height if tallest else 0


def _lines(text: str, width: int) -> int:
    """How many lines `text` takes at `width`. A line that fits is one line, without
    wrapping it: most of a session's headings and starters are, and wrapping every
    text cost the conversation's first frame 1.5 ms."""
    if "\n" not in text and cell_len(text) <= width:
        return 1
    return len(Content(text).wrap(width))
