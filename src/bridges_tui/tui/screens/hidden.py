"""The neutral view the hide key puts over everything: one calm line, nothing of the
couple's (no names, no words, no practice), in the theme's plainest colours.

It is a whole `Screen`, not a modal one, so nothing of the screen beneath shows
through, not even its key bar; the screens beneath are left exactly as they are (their
boxes keep what was typed, their focus and scroll), and come back when it goes. Its
rules are its own (`DEFAULT_CSS`): the first hide parses them, a few lines (0.3 ms),
and no first screen does.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from bridges_tui.core.language.words import _


class HiddenScreen(Screen[None]):
    """Says only how to come back. The app pushes it and pops it (see `tui.hiding`)."""

    AUTO_FOCUS = None
    # Opaque, so nothing beneath shows; no toasts or tooltips (they may name someone):
    # a notification waits until the screen is back.
    DEFAULT_CSS = """
    HiddenScreen {
        align: center middle;
        background: $background;
        color: $text-muted;
    }
    HiddenScreen > ToastRack, HiddenScreen > Tooltip {
        display: none;
    }
    HiddenScreen #hidden-line {
        width: auto;
        max-width: 100%;
        padding: 0 1;
        text-align: center;
    }
    """

    def __init__(self, key: str) -> None:
        """`key` is the hide key as shown ("F12")."""
        super().__init__(id="hidden")
        self.key = key

    def compose(self) -> ComposeResult:
        # One widget, centred by the screen's own rules: each container more cost the
        # first hide time (it is built then, and kept for the next ones).
        yield Static(_("Paused. Press {key} to come back.").format(key=self.key), id="hidden-line")
