"""The too-small screen: over everything while the terminal is smaller than
MIN_WIDTH×MIN_HEIGHT, gone again once it is big enough (its module is read only then)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.geometry import Size
from textual.timer import Timer

if TYPE_CHECKING:
    from bridges_tui.tui.screens.too_small import TooSmallScreen

#: The smallest terminal bridges lays out its screens in.
MIN_WIDTH = 60
MIN_HEIGHT = 20

#: How long the terminal's size must hold still before the too-small screen follows it.
FIT_SECONDS = 0.1


class TerminalFit:
    """Follows the terminal's size for the app: the app calls `fit` once its first
    screen is open, and `resized` on every resize after that."""

    def __init__(self, app: App[None]) -> None:
        self._app = app
        self._too_small: TooSmallScreen | None = None
        self._settling: Timer | None = None
        self._fitted = Size(0, 0)
        #: True while the hide key's neutral view is up: the notice would cover it, so
        #: the size is fitted again once it goes (see `tui.hiding`).
        self.paused = False

    def resized(self, size: Size) -> None:
        # The too-small screen follows the size at once, then at most every FIT_SECONDS:
        # pushed and popped again within milliseconds (a window dragged quickly across
        # the limit), it sent Textual into a busy loop that ignored every key.
        if size == self._fitted:
            return  # no change since the last fit
        if self._settling is None:
            self.fit(size)  # the app's `size` may not have caught up yet
        else:
            self._settling.stop()
        self._settling = self._app.set_timer(FIT_SECONDS, self._settled)

    def _settled(self) -> None:
        self._settling = None
        self.fit()

    def fit(self, size: Size | None = None) -> None:
        """Show or take away the too-small screen for `size` (the app's, by default)."""
        if self.paused:
            return
        self._fitted = size or self._app.size
        width, height = self._fitted
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if too_small and self._too_small is None:
            from bridges_tui.tui.screens.too_small import TooSmallScreen

            self._too_small = TooSmallScreen(MIN_WIDTH, MIN_HEIGHT)
            self._app.push_screen(self._too_small)
        elif not too_small and self._too_small is not None:
            if self._app.screen is self._too_small:
                self._app.pop_screen()
            self._too_small = None
        if self._too_small is not None:
            self._too_small.show_size(width, height)
