"""Under the setup's practice list: the highlighted practice's summary and how long it
takes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual.widgets import Static


class PracticeAbout(Static):
    """The highlighted practice's summary and how long it takes: as tall as the tallest
    of them at this width in the language spoken (three lines at least), so that moving
    through the list never moves the boxes below, and a long language's summary is
    never cut short."""

    def __init__(self, about: Text, every: Callable[[], Iterable[Text]], *, id: str) -> None:
        super().__init__(about, id=id)
        self._every = every

    def on_resize(self) -> None:
        width = self.content_size.width
        if width > 0:
            tallest = max((len(about.wrap(self.app.console, width)) for about in self._every()), default=0)
            self.styles.height = max(3, tallest)
