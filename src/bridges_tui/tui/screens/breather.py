"""A calm-down break: a gentle countdown and a few words on how to use it.

The conversation waits, paused, until the couple comes back; the break is
recorded in the transcript by the core.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Digits, Static

from bridges_tui.core.language.words import N_, _
from bridges_tui.core.talk.clock import TurnClock
from bridges_tui.core.text.durations import format_clock
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.key_bar import KeyBar

DEFAULT_BREATHER_SECONDS = 20 * 60
STEP_SECONDS = 5 * 60

ADVICE = N_(
    "Step away for a while. Walk, stretch, breathe slowly, drink some water.\n"
    "Try not to rehearse what you will say next; let your body settle first.\n"
    "Come back when you both feel calm enough to listen again."
)


class BreatherScreen(ModalScreen[None]):
    """Counts down a break (20 minutes unless changed); Enter ends it early."""

    BINDING_GROUP_TITLE = N_("Breather")
    CSS_PATH = sheets("dialogs")
    BINDINGS = [
        Binding("enter,escape", "done", N_("We're back"), id="breather.done",
                tooltip=N_("End the break and return to the conversation")),
        Binding("plus,equals_sign", "longer", N_("+5 min"), key_display="+",
                id="breather.longer", tooltip=N_("Make the break 5 minutes longer")),
        Binding("minus", "shorter", N_("-5 min"), key_display="-",
                id="breather.shorter", tooltip=N_("Make the break 5 minutes shorter")),
    ]

    def __init__(self, now: Callable[[], float], seconds: int = DEFAULT_BREATHER_SECONDS) -> None:
        super().__init__(classes="breather-screen")
        self.clock = TurnClock(seconds, now=now)
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="breather"):
            yield Static(_("Breather"), classes="dialog-title")
            yield Digits("", id="breather-clock")
            yield Static("", id="breather-state")
            yield Static(_(ADVICE), id="breather-advice")
        yield KeyBar()

    def on_mount(self) -> None:
        self.clock.start()
        self._show()

    def on_unmount(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    def _show(self) -> None:
        shown = self.clock.shown_seconds()
        self.query_one("#breather-clock", Digits).update(format_clock(max(shown, 0)))
        state = self.query_one("#breather-state", Static)
        if shown <= 0:
            state.update(_("The break is over whenever you are ready · Enter to go back."))
        else:
            state.update(_("The conversation is paused and waiting · Enter when you're back."))
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        delay = self.clock.next_change_in()
        if delay is not None and shown > 0:
            self._timer = self.set_timer(max(delay, 0.01), self._show)

    def action_longer(self) -> None:
        self.clock.add(STEP_SECONDS)
        self._show()

    def action_shorter(self) -> None:
        self.clock.remove(min(STEP_SECONDS, max(0, self.clock.remaining_s - 60)))
        self._show()

    def action_done(self) -> None:
        self.dismiss(None)
