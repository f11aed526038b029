"""The setup screen's first line: its title, and the language spoken with the key that
changes it."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget


class SetupTitle(Widget):
    """The title, and top right "F3 Deutsch": the language spoken in its own name and
    the key that changes it, so that a couple who can't read the screen's language
    still finds where to change it (a click on it works too). One widget rather than
    a row of two: each widget costs the first screen about a millisecond. One line
    high, never `auto`: measuring an auto height renders it before the screen is laid
    out, and its width then lays the screen out once more (2 ms of the first frame)."""

    DEFAULT_CSS = "SetupTitle { height: 1; }"

    def __init__(self, title: str, language: str, *, id: str) -> None:
        super().__init__(id=id)
        self._title = Text(title, style="bold")
        self._language = Text.assemble(("F3", "bold"), " ", language, style="dim")

    def render(self) -> Text:
        gap = self.content_size.width - self._title.cell_len - self._language.cell_len
        if gap < 2:  # no room beside the title: F3 is in the help and the palette
            return self._title
        return Text.assemble(self._title, " " * gap, self._language)

    async def on_click(self, event: events.Click) -> None:
        if event.x >= self.content_size.width - self._language.cell_len:
            await self.run_action("screen.choose_language")
