"""A check-in score: how connected one partner feels, 1 (distant) to 5 (close).

One keystroke, a digit, answers; an empty box means the partner skipped it. It is a
plain `Input` that accepts nothing else, which keeps it light on the first screen
(a `Select` is six widgets) and quick from the keyboard.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Input

from bridges_tui.core.language.words import _
from bridges_tui.tui.widgets.typed_ahead import keep_typed_ahead

SCORES = range(1, 6)


class ScoreInput(Input):
    """Holds one digit from 1 to 5, or nothing; its border title names the partner."""

    def __init__(self, partner: str, score: int | None = None, *, id: str | None = None) -> None:
        super().__init__(
            "" if score is None else str(score),
            placeholder=_("1-5, or skip"),
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
        self.border_title = Text(_("{name} feels").format(name=partner[:14]))

    @property
    def score(self) -> int | None:
        """The score typed, or None when skipped."""
        return int(self.value) if self.value else None

    @score.setter
    def score(self, score: int | None) -> None:
        self.value = "" if score is None else str(score)

