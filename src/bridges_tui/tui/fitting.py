"""The too-small screen, for `BridgesApp`: over everything while the terminal is
smaller than MIN_WIDTH×MIN_HEIGHT, gone again once it is big enough."""

from __future__ import annotations

from textual.events import Resize
from textual.geometry import Size
from textual.timer import Timer

from bridges_tui.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

#: How long the terminal's size must hold still before the too-small screen follows it.
FIT_SECONDS = 0.1


class FitsTheTerminal:
    """A mixin of the app (which supplies `first_screen_open`; the app calls
    `_fit_to_size` once its first screen is open)."""

    _too_small: TooSmallScreen | None = None
    _fitting: Timer | None = None
    _fitted = Size(0, 0)

    def on_resize(self, event: Resize) -> None:
        # The too-small screen follows the size at once, then at most every FIT_SECONDS:
        # pushed and popped again within milliseconds (a window dragged quickly across
        # the limit), it sent Textual into a busy loop that ignored every key.
        if not self.first_screen_open or event.size == self._fitted:  # type: ignore[attr-defined]
            return  # fitted as the first screen opened, or no change since
        if self._fitting is None:
            self._fit_to_size(event.size)  # `self.size` may not have caught up yet
        else:
            self._fitting.stop()
        self._fitting = self.set_timer(FIT_SECONDS, self._size_settled)  # type: ignore[attr-defined]

    def _size_settled(self) -> None:
        self._fitting = None
        self._fit_to_size()

    def _fit_to_size(self, size: Size | None = None) -> None:
        self._fitted = size or self.size  # type: ignore[attr-defined]
        width, height = self._fitted
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if too_small and self._too_small is None:
            self._too_small = TooSmallScreen()
            self.push_screen(self._too_small)  # type: ignore[attr-defined]
        elif not too_small and self._too_small is not None:
            if self.screen is self._too_small:  # type: ignore[attr-defined]
                self.pop_screen()  # type: ignore[attr-defined]
            self._too_small = None
        if self._too_small is not None:
            self._too_small.show_size(width, height)
