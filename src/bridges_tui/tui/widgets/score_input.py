"""A check-in score: how connected one partner feels, 1 (distant) to 5 (close).

One keystroke, a digit, answers; an empty box means the partner skipped it. It is a
plain `Input` that accepts nothing else, which keeps it light on the first screen
(a `Select` is six widgets) and quick from the keyboard.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import Input

from bridges_tui.core.language.words import _
from bridges_tui.tui.widgets.typed_ahead import keep_typed_ahead

SCORES = range(1, 6)
#: The box's width (as its `DEFAULT_CSS` says), until it is laid out.
BOX_WIDTH = 19


class ScoreInput(Input):
    """Holds one digit from 1 to 5, or nothing; its border title names the partner."""

    # The box carries its name on its top border ("Sam feels").
    DEFAULT_CSS = f"""
    ScoreInput {{
        width: {BOX_WIDTH};
        margin-right: 2;
        border-title-color: $text;
        border-title-style: bold;
    }}
    """

    def __init__(self, partner: str, score: int | None = None, *, id: str | None = None) -> None:
        super().__init__(
            "" if score is None else str(score),
            restrict=f"[{SCORES[0]}-{SCORES[-1]}]?",
            max_length=1,
            select_on_focus=True,
            id=id,
        )
        self.show_partner(partner)
        self.tooltip = _("How connected you feel right now: 1 distant … 5 close. Leave empty to skip.")

    async def on_key(self, event: events.Key) -> None:
        await keep_typed_ahead(self, event)  # a burst of keys keeps to its boxes

    def show_partner(self, partner: str) -> None:
        """Title the box "Sam feels": the name as typed, never read as markup."""
        self._partner = partner[:14]
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """"Sam feels" and "1-5, or skip" where the box has room for them in the language
        spoken; else the name alone and "1-5" (the question beside the boxes says the
        rest), rather than either cut short. The title and the words inside both have
        the box's width less its border and padding."""
        room = (self.outer_size.width or BOX_WIDTH) - 6
        feels = _("{name} feels").format(name=self._partner)
        self.border_title = Text(feels if cell_len(feels) <= room else self._partner)
        said = _("1-5, or skip")
        self.placeholder = said if cell_len(said) <= room else f"{SCORES[0]}-{SCORES[-1]}"

    @property
    def score(self) -> int | None:
        """The score typed, or None when skipped."""
        return int(self.value) if self.value else None

    @score.setter
    def score(self, score: int | None) -> None:
        self.value = "" if score is None else str(score)

