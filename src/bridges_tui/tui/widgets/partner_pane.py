"""One partner's half of the conversation screen: their name, their role right now,
the countdown while they hold the floor, and what to do while they listen."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Static

from bridges_tui.core.language.words import N_, _
from bridges_tui.core.text.durations import format_clock

#: What each role is called on screen; never conveyed by colour alone.
ROLE_LABELS = {
    "speaking": N_("● SPEAKING"),
    "listening": N_("○ listening"),
    "together": N_("● TOGETHER"),
    "waiting": N_("… up next"),
    # A listening loop's question: one partner asked "did I get it?", one answers.
    "asking": N_("○ waiting for the answer"),
    "answering": N_("● YOUR ANSWER"),
    "idle": "",
}


def _role(role: str) -> str:
    """What `role` is called on screen, in the language spoken ("" for none)."""
    label = ROLE_LABELS.get(role, role)
    return _(label) if label else label


def clock_text(shown_seconds: int) -> str:
    """The countdown as shown: "2:00" counting down, "+0:12" in overtime."""
    if shown_seconds < 0:
        return "+" + format_clock(-shown_seconds)
    return format_clock(shown_seconds)


class PaneState(NamedTuple):
    """What a pane shows: the partner's role, the countdown (None hides it), what to do
    while listening, and a status line (the empty string hides it)."""

    role: str = "idle"
    shown_seconds: int | None = None
    guidance: str = ""
    status: str = ""


class PartnerPane(Vertical):
    """A partner's pane. It is built showing `state`; `show` moves it to another."""

    # The watchers update the child widgets; the pane itself never needs a repaint.
    role: reactive[str] = reactive("idle", repaint=False)
    shown_seconds: reactive[int | None] = reactive(None, repaint=False)
    guidance: reactive[str] = reactive("", repaint=False)
    status: reactive[str] = reactive("", repaint=False)

    def __init__(self, letter: str, name: str, state: PaneState = PaneState(), **kwargs) -> None:
        # Built as it will first be shown: changing a class once mounted restyles the
        # pane and its children, a cost the first screen need not pay.
        classes = f"partner-pane -{state.role}" + (" -overtime" if _overtime(state.shown_seconds) else "")
        super().__init__(id=f"pane-{letter.lower()}", classes=classes, **kwargs)
        self.letter = letter
        self.partner_name = name
        self.border_title = Text(name)  # a name is shown as typed, never as markup
        self._first = state
        self.set_reactive(PartnerPane.role, state.role)
        self.set_reactive(PartnerPane.shown_seconds, state.shown_seconds)
        self.set_reactive(PartnerPane.guidance, state.guidance)
        self.set_reactive(PartnerPane.status, state.status)

    def compose(self) -> ComposeResult:
        state = self._first
        yield Static(_role(state.role), classes="role", markup=False)
        countdown = Digits("" if state.shown_seconds is None else clock_text(state.shown_seconds),
                           classes="countdown")
        countdown.display = state.shown_seconds is not None
        yield countdown
        status = Static(state.status, classes="status", markup=False)
        status.display = bool(state.status)
        yield status
        yield Static(state.guidance, classes="guidance", markup=False)

    def show(self, state: PaneState) -> None:
        """Show `state`; only what differs from what is shown now is redrawn."""
        self.role, self.shown_seconds, self.guidance, self.status = state

    def watch_role(self, old: str, new: str) -> None:
        # A class change restyles the pane and everything in it, but only the pane's
        # own border follows its role: restyling just the pane keeps a hand-over
        # (both panes change role) within a frame.
        self.remove_class(f"-{old}", update=False)
        self.add_class(f"-{new}", update=False)
        if self.is_attached:
            self.app.stylesheet.apply(self)
            self.refresh()
        self.query_one(".role", Static).update(_role(new))

    def watch_shown_seconds(self, value: int | None) -> None:
        digits = self.query_one(".countdown", Digits)
        digits.display = value is not None
        self.set_class(_overtime(value), "-overtime")
        if value is not None:
            digits.update(clock_text(value))

    def watch_guidance(self, value: str) -> None:
        self.query_one(".guidance", Static).update(value)

    def watch_status(self, value: str) -> None:
        status = self.query_one(".status", Static)
        status.display = bool(value)
        status.update(value)


def _overtime(shown_seconds: int | None) -> bool:
    return shown_seconds is not None and shown_seconds < 0
