"""The conversation: two partner panes, the step's prompt above, the floor balance
below, and the keys that move the turn along. On a listening-loop step the one who was
reflected answers with y ("yes, you got it") or n ("not quite").

The screen only shows the core's `Conversation` and asks it to act; every rule
(who speaks next, what undo restores, how time is counted) lives in the core.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from bridges_tui.core.talk.clock import ClockError
from bridges_tui.core.talk.conversation import Conversation, ConversationError, State
from bridges_tui.tui.conversation_text import pane_states, step_text
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.balance_bar import BalanceBar
from bridges_tui.tui.widgets.key_bar import KeyBar
from bridges_tui.tui.widgets.partner_pane import PartnerPane

if TYPE_CHECKING:
    from bridges_tui.tui.screens.note_prompt import NotePrompt

#: Below this many rows the prompt and the panes drop their spare lines.
COMPACT_BELOW = 32
NUDGE_SECONDS = 30
NUDGE = Binding.Group("±30s")
FLASH_SECONDS = 0.8


class ConversationScreen(Screen):
    """Walks the couple through a practice, one protected turn at a time."""

    BINDING_GROUP_TITLE = "Conversation"
    CSS_PATH = sheets("conversation")
    BINDINGS: list[BindingType] = [
        Binding("space", "floor", "Start/next", id="conversation.floor",
                tooltip="Start the turn, or hand the floor to the next speaker"),
        Binding("p", "pause", "Pause", id="conversation.pause",
                tooltip="Pause or resume the turn clock"),
        Binding("plus,equals_sign", "more_time", "+30s", id="conversation.more_time",
                key_display="+", group=NUDGE, tooltip="Give this turn 30 more seconds"),
        Binding("minus", "less_time", "-30s", id="conversation.less_time",
                key_display="-", group=NUDGE, tooltip="Take 30 seconds off this turn"),
        Binding("y", "got_it", "Yes, got it", id="conversation.got_it",
                tooltip="Yes, you got it: the floor moves on"),
        Binding("n", "not_quite", "Not quite", id="conversation.not_quite",
                tooltip="Not quite: take the floor to clarify, then they try again"),
        Binding("u", "undo", "Undo", id="conversation.undo",
                tooltip="Take back the last hand-over; the previous turn continues"),
        # At 80 columns the key bar has no room for Undo beside the keys of a turn on
        # the floor. A listening loop can take back a move while a clock is live (a
        # stray n), so there the same key works unlisted.
        Binding("u", "undo_running", "Undo", id="conversation.undo_running", show=False,
                tooltip="Take back the last move of the listening loop"),
        Binding("b", "breather", "Break", id="conversation.breather",
                tooltip="Take a calm-down break; the conversation waits"),
        Binding("e", "end_early", "End", id="conversation.end_early",
                tooltip="End the session now (asks first)"),
    ]

    class Changed(Message):
        """The conversation changed in a way worth keeping: save it."""

    class Finished(Message):
        """The conversation is over (all steps done, or ended early): on to the summary."""

    def __init__(self, conversation: Conversation, *, now: Callable[[], float], hints: bool = True) -> None:
        """`hints`: whether the note prompts show phrasing hints (the couple's config)."""
        # Built for the terminal as it is, so the first frame needs no restyling.
        super().__init__(classes="-compact" if self.app.size.height < COMPACT_BELOW else "")
        self.conversation = conversation
        self._now = now
        self._hints = hints
        self._timer: Timer | None = None
        self._rang_for: int | None = None
        # What is on screen now, so a tick repaints only what changed: every
        # Static.update costs a layout pass, and the key bar reads every binding again.
        self._texts: dict[str, str] = {}
        self._enabled = self._enabled_keys()

    # --- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        names = self.conversation.partners
        text = step_text(self.conversation)
        states = pane_states(self.conversation)
        with Vertical(id="step-box"):
            yield self._static("step-heading", text.heading)
            yield self._static("step-prompt", text.prompt)
            yield self._static("step-starters", text.starters)
        with Horizontal(id="panes"):
            yield PartnerPane("A", names[0], states["A"])
            yield PartnerPane("B", names[1], states["B"])
        yield BalanceBar(names, id="balance")
        yield KeyBar()

    def _static(self, widget_id: str, text: str) -> Static:
        self._texts[widget_id] = text
        static = Static(text, id=widget_id, markup=False)
        static.display = bool(text)
        return static

    def on_mount(self) -> None:
        self.refresh_view()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < COMPACT_BELOW, "-compact")

    def on_unmount(self) -> None:
        self._stop_timer()

    # --- showing the core's state ---------------------------------------------

    def refresh_view(self) -> None:
        """Show the conversation as it is now, and schedule the next repaint."""
        text = step_text(self.conversation)
        for widget_id, line in zip(("step-heading", "step-prompt", "step-starters"), text, strict=False):
            self._show(self.query_one(f"#{widget_id}", Static), line)
        for letter, state in pane_states(self.conversation).items():
            self.query_one(f"#pane-{letter.lower()}", PartnerPane).show(state)
        floor = self.conversation.floor_seconds()
        self.query_one(BalanceBar).seconds = (floor["A"], floor["B"])
        self._check_time_up()
        self._schedule()
        enabled = self._enabled_keys()
        if enabled != self._enabled:
            self._enabled = enabled
            self.refresh_bindings()

    def _enabled_keys(self) -> tuple[bool | None, ...]:
        return tuple(self.check_action(binding.action, ()) for binding in self.BINDINGS
                     if isinstance(binding, Binding))

    def _show(self, widget: Static, text: str) -> None:
        """Show `text` in `widget` (an empty line hides it), redrawing only on a change."""
        key = widget.id or str(id(widget))
        if self._texts.get(key) != text:
            self._texts[key] = text
            widget.update(text)
            widget.display = bool(text)

    def _check_time_up(self) -> None:
        """Ring once and flash when a turn's time runs out; never advance by itself."""
        clock = self.conversation.clock
        position = self.conversation.position
        if self.conversation.state == State.SPEAKING and clock.overtime:
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
        if delay is not None and self.conversation.state == State.SPEAKING:
            self._timer = self.set_timer(max(delay, 0.01), self.refresh_view)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    # --- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that mean nothing right now, so the key bar fits at 80 columns
        and the palette offers only what can be done."""
        state = self.conversation.state
        if action in ("pause", "more_time", "less_time"):
            return state in (State.SPEAKING, State.PAUSED)
        if action in ("got_it", "not_quite"):
            return state == State.CONFIRMING
        if action == "floor":
            return state != State.CONFIRMING
        if action == "undo":
            return self.conversation.can_undo and state not in (State.SPEAKING, State.PAUSED)
        if action == "undo_running":
            return self.conversation.can_undo and state in (State.SPEAKING, State.PAUSED)
        return True

    def _act(self, move: Callable[[], object], *, changed: bool = True) -> None:
        try:
            move()
        except (ConversationError, ClockError) as error:
            self.notify(str(error), severity="warning", timeout=3, markup=False)
            return
        if changed:
            # Asked for before the screen shows the move: the app saves it (about 1 ms)
            # as it handles the message, alongside this frame, so a turn that looks
            # handed over is on disk even if bridges is killed a moment later.
            self.post_message(self.Changed())
        self.refresh_view()

    def action_floor(self) -> None:
        conversation = self.conversation
        if conversation.state == State.READY:
            self._act(conversation.start_turn, changed=False)
        elif conversation.state in (State.SPEAKING, State.PAUSED):
            self._act(conversation.hand_over)
            self._ask_for_note()
        elif conversation.state == State.DONE:
            self.post_message(self.Finished())

    def action_got_it(self) -> None:
        self._act(self.conversation.confirm)
        self._ask_for_note()

    def action_not_quite(self) -> None:
        self._act(self.conversation.not_quite, changed=False)

    def _ask_for_note(self) -> None:
        index = self.conversation.pending_note
        if index is None:
            return
        from bridges_tui.tui.screens.note_prompt import NotePrompt  # not needed before a turn ends

        turn = self.conversation.turns[index]
        planned = self.conversation.plan[index]
        writer = planned.note_writer or turn.speaker
        prompt = NotePrompt(
            label=planned.step.note.label if planned.step.note else "Note",
            writer=self.conversation.name_of(writer),
            text=turn.note or "",
            reframe=self.conversation.practice.reframe,
            together=writer == "both",
            hints=self._hints,
            drafts_to=self,
            about=index,
        )

        def keep(text: str | None) -> None:
            if text is None:
                self.conversation.skip_note()
            else:
                self.conversation.set_note(index, text)
            self.post_message(self.Changed())
            self.refresh_view()

        self.app.push_screen(prompt, keep)

    def on_note_prompt_drafted(self, drafted: NotePrompt.Drafted) -> None:
        # Found by its name (an `@on` would import the prompt before a turn ends).
        """A note half typed is saved as it grows: a crash must not lose it."""
        self.conversation.keep_draft(drafted.about, drafted.text)
        self.post_message(self.Changed())

    def action_pause(self) -> None:
        self._act(self.conversation.toggle_pause, changed=False)

    def action_more_time(self) -> None:
        self._act(lambda: self.conversation.add_time(NUDGE_SECONDS), changed=False)

    def action_less_time(self) -> None:
        self._act(lambda: self.conversation.remove_time(NUDGE_SECONDS), changed=False)

    def action_undo(self) -> None:
        self._act(self.conversation.undo)

    def action_undo_running(self) -> None:
        self.action_undo()

    def action_breather(self) -> None:
        from bridges_tui.tui.screens.breather import BreatherScreen  # not needed at first

        try:
            self.conversation.start_break()
        except ConversationError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.refresh_view()

        def back(_: object) -> None:
            self.conversation.end_break()
            self.post_message(self.Changed())
            self.refresh_view()

        self.app.push_screen(BreatherScreen(now=self._now), back)

    def action_end_early(self) -> None:
        from bridges_tui.tui.screens.confirm import ConfirmScreen  # like the note and breather

        def answer(sure: bool | None) -> None:
            if sure:
                self._act(self.conversation.end_early)
                self.post_message(self.Finished())

        self.app.push_screen(
            ConfirmScreen(
                "End this session now?",
                "Everything said so far is kept; the session is saved as ended early.",
                yes="End session",
                no="Keep talking",
            ),
            answer,
        )
