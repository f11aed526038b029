"""The neutral view the hide key puts over everything: one calm line, nothing of the
couple's (no names, no words, no practice), in the theme's plainest colours.

It is a whole `Screen`, not a modal one, so nothing of the screen beneath shows
through, not even its key bar; the screens beneath are left exactly as they are (their
boxes keep what was typed, their focus and scroll), and come back when it goes. Its
rules are in the shared sheet, so the first hide parses no stylesheet.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from bridges_tui.core.language.words import _


class HiddenScreen(Screen[None]):
    """Says only how to come back. The app pushes it and pops it (see `tui.hiding`)."""

    AUTO_FOCUS = None

    def __init__(self, key: str) -> None:
        """`key` is the hide key as shown ("F12")."""
        super().__init__(id="hidden")
        self.key = key

    def compose(self) -> ComposeResult:
        # One widget, centred by the screen's own rules: each container more cost the
        # first hide time (it is built then, and kept for the next ones).
        yield Static(_("Paused. Press {key} to come back.").format(key=self.key), id="hidden-line")
