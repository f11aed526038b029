"""A check-in score: how connected one partner feels, 1 (distant) to 5 (close).

One keystroke answers: a digit from 1 to 5 sets the score (a second one replaces the
first), backspace or delete clears it, and an empty box means the partner skipped.
It looks like Textual's `Input` but is a plain focusable widget: the first screen
shows two of these, and an `Input` (cursor, selection, blinking, its style rules)
cost that screen about 1.5 ms each for a single digit.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

SCORES = range(1, 6)
PLACEHOLDER = "1-5, or skip"


class ScoreInput(Widget, can_focus=True):
    """Holds one digit from 1 to 5, or nothing; its border title names the partner."""

    COMPONENT_CLASSES = {"score-input--placeholder"}
    DEFAULT_CSS = """
    ScoreInput {
        background: $surface;
        color: $foreground;
        padding: 0 2;
        border: tall $border-blurred;
        height: 3;
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
        }
        & > .score-input--placeholder {
            color: $text-disabled;
        }
    }
    """
    BINDINGS = [Binding("backspace,delete", "clear", "Skip", show=False)]

    #: The score given, or None while skipped.
    score: reactive[int | None] = reactive(None, layout=False)

    class Changed(Message):
        """The score was given, changed or cleared."""

        def __init__(self, score_input: ScoreInput, score: int | None) -> None:
            super().__init__()
            self.score_input = score_input
            self.score = score

        @property
        def control(self) -> ScoreInput:
            return self.score_input

    def __init__(self, partner: str, score: int | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.set_reactive(ScoreInput.score, score if score in SCORES else None)
        self.show_partner(partner)
        self.tooltip = "How connected you feel right now: 1 distant … 5 close. Leave empty to skip."

    def show_partner(self, partner: str) -> None:
        """Title the box "Sam feels": the name as typed, never read as markup."""
        self.border_title = Text(f"{partner[:14]} feels")

    def render(self) -> Content:
        if self.score is None:
            return Content.styled(PLACEHOLDER, self.get_visual_style("score-input--placeholder"))
        return Content(str(self.score))

    def on_key(self, event: events.Key) -> None:
        if event.character is not None and event.character.isdigit() and int(event.character) in SCORES:
            event.stop()
            event.prevent_default()
            self.score = int(event.character)

    def action_clear(self) -> None:
        self.score = None

    def watch_score(self, score: int | None) -> None:
        self.post_message(self.Changed(self, score))
