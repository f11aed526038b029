"""Shown instead of a cramped, broken layout when the terminal is too small."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from bridges_tui.core.language.words import _


class TooSmallScreen(Screen):
    """Says how big the terminal needs to be (`min_width`×`min_height`); the app
    removes it once it is."""

    # Its own rules, parsed when it is first shown: no first screen needs them.
    DEFAULT_CSS = """
    TooSmallScreen #too-small {
        width: auto;
        max-width: 100%;  /* wraps, rather than losing its ends, in a very narrow window */
        padding: 0 1;
        text-align: center;
        text-style: bold;
    }
    """

    terminal_size: reactive[tuple[int, int]] = reactive((0, 0))

    def __init__(self, min_width: int, min_height: int) -> None:
        super().__init__()
        self._least = (min_width, min_height)

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static(self._message(), id="too-small")

    def show_size(self, width: int, height: int) -> None:
        self.terminal_size = (width, height)

    def watch_terminal_size(self) -> None:
        if self.is_mounted:
            self.query_one("#too-small", Static).update(self._message())

    def _message(self) -> str:
        width, height = self.terminal_size
        min_width, min_height = self._least
        return _(
            "This window is too small for bridges ({width}×{height}).\n"
            "Please make it at least {min_width}×{min_height}; everything is kept meanwhile."
        ).format(width=width, height=height, min_width=min_width, min_height=min_height)
