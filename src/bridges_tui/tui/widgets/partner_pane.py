"""One partner's half of the conversation screen: their name, their role right now,
the countdown while they hold the floor, and what to do while they listen."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Static

from bridges_tui.core.durations import format_clock

#: What each role is called on screen; never conveyed by colour alone.
ROLE_LABELS = {
    "speaking": "● SPEAKING",
    "listening": "○ listening",
    "together": "● TOGETHER",
    "waiting": "… up next",
    # A listening loop's question: one partner asked "did I get it?", one answers.
    "asking": "○ waiting for the answer",
    "answering": "● YOUR ANSWER",
    "idle": "",
}


def clock_text(shown_seconds: int) -> str:
    """The countdown as shown: "2:00" counting down, "+0:12" in overtime."""
    if shown_seconds < 0:
        return "+" + format_clock(-shown_seconds)
    return format_clock(shown_seconds)


class PartnerPane(Vertical):
    """A partner's pane. The screen sets `role`, `shown_seconds` and `guidance`."""

    # The watchers update the child widgets; the pane itself never needs a repaint.
    role: reactive[str] = reactive("idle", repaint=False)
    shown_seconds: reactive[int | None] = reactive(None, repaint=False)
    guidance: reactive[str] = reactive("", repaint=False)
    status: reactive[str] = reactive("", repaint=False)

    def __init__(self, letter: str, name: str, **kwargs) -> None:
        super().__init__(id=f"pane-{letter.lower()}", classes="partner-pane", **kwargs)
        self.letter = letter
        self.partner_name = name
        self.border_title = Text(name)  # a name is shown as typed, never as markup

    def compose(self) -> ComposeResult:
        yield Static("", classes="role", markup=False)
        yield Digits("", classes="countdown")
        yield Static("", classes="status", markup=False)
        yield Static("", classes="guidance", markup=False)

    def watch_role(self, old: str, new: str) -> None:
        self.remove_class(f"-{old}")
        self.add_class(f"-{new}")
        self.query_one(".role", Static).update(ROLE_LABELS.get(new, new))

    def watch_shown_seconds(self, value: int | None) -> None:
        digits = self.query_one(".countdown", Digits)
        digits.display = value is not None
        self.set_class(value is not None and value < 0, "-overtime")
        if value is not None:
            digits.update(clock_text(value))

    def watch_guidance(self, value: str) -> None:
        self.query_one(".guidance", Static).update(value)

    def watch_status(self, value: str) -> None:
        status = self.query_one(".status", Static)
        status.display = bool(value)
        status.update(value)
