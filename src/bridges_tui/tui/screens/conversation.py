"""The conversation: two partner panes, the step's prompt above, the floor balance
below, and the keys that move the turn along.

The screen only shows the core's `Conversation` and asks it to act; every rule
(who speaks next, what undo restores, how time is counted) lives in the core.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from bridges_tui.core.conversation import Conversation, ConversationError
from bridges_tui.core.clock import ClockError
from bridges_tui.tui.screens.breather import BreatherScreen
from bridges_tui.tui.screens.confirm import ConfirmScreen
from bridges_tui.tui.screens.note_prompt import NotePrompt
from bridges_tui.tui.widgets.balance_bar import BalanceBar
from bridges_tui.tui.widgets.partner_pane import PartnerPane

NUDGE_SECONDS = 30
NUDGE = Binding.Group("±30s")
FLASH_SECONDS = 0.8


class ConversationScreen(Screen):
    """Walks the couple through a practice, one protected turn at a time."""

    BINDING_GROUP_TITLE = "Conversation"
    BINDINGS = [
        Binding("space", "floor", "Start/next", id="conversation.floor",
                tooltip="Start the turn, or hand the floor to the next speaker"),
        Binding("p", "pause", "Pause", id="conversation.pause",
                tooltip="Pause or resume the turn clock"),
        Binding("plus,equals_sign", "more_time", "+30s", id="conversation.more_time",
                key_display="+", group=NUDGE, tooltip="Give this turn 30 more seconds"),
        Binding("minus", "less_time", "-30s", id="conversation.less_time",
                key_display="-", group=NUDGE, tooltip="Take 30 seconds off this turn"),
        Binding("u", "undo", "Undo", id="conversation.undo",
                tooltip="Take back the last hand-over; the previous turn continues"),
        Binding("b", "breather", "Break", id="conversation.breather",
                tooltip="Take a calm-down break; the conversation waits"),
        Binding("e", "end_early", "End", id="conversation.end_early",
                tooltip="End the session now (asks first)"),
    ]

    def __init__(self, conversation: Conversation, *, now: Callable[[], float],
                 on_change: Callable[[], None], on_finish: Callable[[], None]) -> None:
        super().__init__()
        self.conversation = conversation
        self._now = now
        self._on_change = on_change
        self._on_finish = on_finish
        self._timer: Timer | None = None
        self._rang_for: int | None = None

    # --- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        names = self.conversation.partners
        with Vertical(id="step-box"):
            yield Static("", id="step-heading")
            yield Static("", id="step-prompt")
            yield Static("", id="step-starters")
        with Horizontal(id="panes"):
            yield PartnerPane("A", names[0])
            yield PartnerPane("B", names[1])
        yield BalanceBar(names, id="balance")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < 32, "-compact")
        # Every key must stay visible in the footer, even at 80 columns.
        self.query_one(Footer).compact = event.size.width < 110

    def on_unmount(self) -> None:
        self._stop_timer()

    # --- showing the core's state ---------------------------------------------

    def name_of(self, speaker: str) -> str:
        """The name behind "A", "B" or "both"."""
        a, b = self.conversation.partners
        return {"A": a, "B": b}.get(speaker, f"{a} & {b}")

    def refresh_view(self) -> None:
        """Show the conversation as it is now, and schedule the next repaint."""
        conversation = self.conversation
        planned = conversation.current
        heading = self.query_one("#step-heading", Static)
        prompt = self.query_one("#step-prompt", Static)
        starters = self.query_one("#step-starters", Static)
        panes = {"A": self.query_one("#pane-a", PartnerPane), "B": self.query_one("#pane-b", PartnerPane)}

        if planned is None:
            heading.update(f"{conversation.practice.title} · all steps done")
            prompt.update("Well done, both of you. Press space to see your summary.")
            starters.update("")
            for pane in panes.values():
                pane.role, pane.shown_seconds, pane.guidance, pane.status = "idle", None, "", ""
        else:
            step = planned.step
            speaker = planned.speaker
            who = self.name_of(speaker)
            heading.update(
                f"{conversation.practice.title} · step {conversation.step_number} of "
                f"{conversation.step_count} · {step.title}"
            )
            prompt.update(f"{who}: {step.prompt}")
            starters.display = bool(step.starters)
            starters.update("Try: " + "  ·  ".join(f"“{s}”" for s in step.starters))
            shown = conversation.clock.shown_seconds()
            for letter, pane in panes.items():
                if speaker == "both":
                    pane.role = "together"
                    pane.shown_seconds = shown
                    pane.guidance = ""
                elif letter == speaker:
                    pane.role = "speaking"
                    pane.shown_seconds = shown
                    pane.guidance = ""
                else:
                    pane.role = "listening"
                    pane.shown_seconds = None
                    pane.guidance = step.listener
                pane.status = self._status_line(letter, speaker)
        floor = conversation.floor_seconds()
        self.query_one(BalanceBar).seconds = (floor["A"], floor["B"])
        self._check_time_up()
        self._schedule()
        self.refresh_bindings()

    def _status_line(self, letter: str, speaker: str) -> str:
        if speaker not in (letter, "both"):
            return ""
        state = self.conversation.state
        if state == "ready":
            return "Press space when you are ready to begin."
        if state == "paused":
            return "Paused · press p to go on."
        if state == "speaking" and self.conversation.clock.overtime:
            return "Time is up · finish your thought, then space."
        return ""

    def _check_time_up(self) -> None:
        """Ring once and flash when a turn's time runs out; never advance by itself."""
        clock = self.conversation.clock
        position = self.conversation.position
        if self.conversation.state == "speaking" and clock.overtime:
            if self._rang_for != position:
                self._rang_for = position
                self.app.bell()
                self.add_class("-flash")
                self.set_timer(FLASH_SECONDS, lambda: self.remove_class("-flash"))
        elif not clock.overtime:
            self._rang_for = None if self._rang_for == position else self._rang_for

    def _schedule(self) -> None:
        """Wake up exactly when the shown countdown changes, and not before."""
        self._stop_timer()
        delay = self.conversation.clock.next_change_in()
        if delay is not None and self.conversation.state == "speaking":
            self._timer = self.set_timer(max(delay, 0.01), self.refresh_view)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    # --- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that mean nothing right now, so the footer fits at 80 columns
        and the palette offers only what can be done."""
        state = self.conversation.state
        if action in ("pause", "more_time", "less_time"):
            return state in ("speaking", "paused")
        if action == "undo":
            return self.conversation.can_undo
        return True

    def _act(self, move: Callable[[], object], *, changed: bool = True) -> None:
        try:
            move()
        except (ConversationError, ClockError) as error:
            self.notify(str(error), severity="warning", timeout=3)
            return
        if changed:
            self._on_change()
        self.refresh_view()

    def action_floor(self) -> None:
        conversation = self.conversation
        if conversation.state == "ready":
            self._act(conversation.start_turn, changed=False)
        elif conversation.state in ("speaking", "paused"):
            self._act(conversation.hand_over)
            self._ask_for_note()
        elif conversation.state == "done":
            self._on_finish()

    def _ask_for_note(self) -> None:
        index = self.conversation.pending_note
        if index is None:
            return
        turn = self.conversation.turns[index]
        planned = self.conversation.plan[index]
        writer = planned.note_writer or turn.speaker
        prompt = NotePrompt(
            label=planned.step.note.label if planned.step.note else "Note",
            writer=self.name_of(writer),
            text=turn.note or "",
        )

        def keep(text: str | None) -> None:
            if text is None:
                self.conversation.skip_note()
            else:
                self.conversation.set_note(index, text)
            self._on_change()
            self.refresh_view()

        self.app.push_screen(prompt, keep)

    def action_pause(self) -> None:
        self._act(self.conversation.toggle_pause, changed=False)

    def action_more_time(self) -> None:
        self._act(lambda: self.conversation.add_time(NUDGE_SECONDS), changed=False)

    def action_less_time(self) -> None:
        self._act(lambda: self.conversation.remove_time(NUDGE_SECONDS), changed=False)

    def action_undo(self) -> None:
        self._act(self.conversation.undo)

    def action_breather(self) -> None:
        try:
            self.conversation.start_break()
        except ConversationError as error:
            self.notify(str(error), severity="warning")
            return
        self.refresh_view()

        def back(_: object) -> None:
            self.conversation.end_break()
            self._on_change()
            self.refresh_view()

        self.app.push_screen(BreatherScreen(now=self._now), back)

    def action_end_early(self) -> None:
        def answer(sure: bool | None) -> None:
            if sure:
                self._act(self.conversation.end_early)
                self._on_finish()

        self.app.push_screen(
            ConfirmScreen(
                "End this session now?",
                "Everything said so far is kept; the session is saved as ended early.",
                yes="End session",
                no="Keep talking",
            ),
            answer,
        )
