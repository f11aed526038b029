"""The conversation: two partner panes, the step's prompt above, the floor balance
below, and the keys that move the turn along. On a listening-loop step the one who was
reflected answers with y ("yes, you got it") or n ("not quite").

The screen only shows the core's `Conversation` and asks it to act; every rule
(who speaks next, what undo restores, how time is counted) lives in the core. So do
the keys: the bindings are made from the core's key table (`core.talk.keys`), one for
each thing a key can do here, each enabled at the moments the table gives it; a key
press asks the conversation what it does now (`Conversation.press`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from bridges_tui.core.language.words import N_, _
from bridges_tui.core.talk.clock import ClockError
from bridges_tui.core.talk.conversation import Conversation, ConversationError, State
from bridges_tui.core.talk.keys import KEYS, TABLE, WORDS, Effect, Moment, wait_words
from bridges_tui.tui.conversation_text import pane_states, step_text, texts_ahead
from bridges_tui.tui.screens.styled_at_mount import StyledAtMount
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.balance_bar import BalanceBar
from bridges_tui.tui.widgets.key_bar import KeyBar
from bridges_tui.tui.widgets.partner_pane import PartnerPane
from bridges_tui.tui.widgets.step_box import StepBox

if TYPE_CHECKING:
    from bridges_tui.tui.screens.note_prompt import NotePrompt

#: Below this many rows the prompt and the panes drop their spare lines.
COMPACT_BELOW = 32
NUDGE = Binding.Group(N_("±30s"))
FLASH_SECONDS = 0.8
#: The header's mark while a session is held off the record.
OFF_THE_RECORD = N_("off the record: nothing is saved")

#: The moments this screen is on top for (a note and a breather have screens of their
#: own, which bind the keys of their rows of the table).
SCREEN_MOMENTS = (Moment.BEFORE, Moment.BETWEEN, Moment.SPEAKING, Moment.OVERTIME,
                  Moment.PAUSED, Moment.CHECKING, Moment.DONE)
#: Kept out of the key bar for room, still bound: p's "go on" (Space's says it).
UNLISTED = frozenset({("p", Effect.RESUME)})
#: Effects that change what is kept (saved before the screen shows them).
SAVED = frozenset({Effect.HAND_OVER, Effect.GOT_IT, Effect.UNDO})


def table_bindings() -> list[BindingType]:
    """One binding for each thing a key does on this screen (the key table's cells
    for `SCREEN_MOMENTS`), in the table's order: its words are the table's."""
    bindings: list[BindingType] = []
    made: set[tuple[str, Effect]] = set()
    for key in KEYS:
        for moment in SCREEN_MOMENTS:
            done = TABLE[moment][key.name]
            if done in (Effect.NOTHING, Effect.TYPE) or (key.name, done) in made:
                continue
            made.add((key.name, done))
            words = WORDS[done]
            bindings.append(Binding(
                key.keys, f"press('{key.name}', '{done.value}')", words.label,
                show=(key.name, done) not in UNLISTED,
                key_display=key.display if key.keys != key.name else None,
                id=f"conversation.{key.name}.{done.value}", tooltip=words.help,
                group=NUDGE if done in (Effect.MORE_TIME, Effect.LESS_TIME) else None,
            ))
    return bindings


class ConversationScreen(StyledAtMount):
    """Walks the couple through a practice, one protected turn at a time."""

    BINDING_GROUP_TITLE = N_("Conversation")
    CSS_PATH = sheets("conversation")
    BINDINGS: list[BindingType] = table_bindings()

    class Changed(Message):
        """The conversation changed in a way worth keeping: save it."""

    class Finished(Message):
        """The conversation is over (all steps done, or ended early): on to the summary."""

    def __init__(self, conversation: Conversation, *, now: Callable[[], float],
                 hints: Callable[[], bool] = lambda: True, off_the_record: bool = False) -> None:
        """`hints`: whether the note prompts show phrasing hints (the couple's config,
        asked as each one opens: not before the first frame, which shows none);
        `off_the_record`: the session is held in memory only, which the header says
        all along."""
        # Built for the terminal as it is, so the first frame needs no restyling.
        super().__init__(classes="-compact" if self.app.size.height < COMPACT_BELOW else "")
        self.conversation = conversation
        self._now = now
        self._hints = hints
        self.off_the_record = off_the_record
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
        with StepBox(id="step-box") as step_box:
            if self.off_the_record:
                # On the header's rule: a quiet mark that costs no line of the screen.
                step_box.border_subtitle = _(OFF_THE_RECORD)
            step_box.expect(texts_ahead(self.conversation))
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

    def _enabled_keys(self) -> tuple[Moment, bool]:
        # Which keys work depends on these two alone (see `check_action`).
        return self.conversation.moment, self.conversation.can_undo

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
        """A key's binding works, and is shown, at the moments the key table gives it
        its effect (undo only while there is something to take back); the others are
        hidden, so the key bar fits at 80 columns and the palette offers only what can
        be done."""
        if action != "press":
            return True
        key, wanted = parameters
        if not isinstance(key, str) or TABLE[self.conversation.moment].get(key) != wanted:
            return False
        return wanted != Effect.UNDO or self.conversation.can_undo

    def action_press(self, key: str, wanted: str) -> None:
        """`key` was pressed: the conversation makes the move; this screen shows it,
        and opens what the move needs (the note box, a breather, the summary)."""
        moment = self.conversation.moment
        try:
            done = self.conversation.press(key)
        except (ConversationError, ClockError) as error:
            self.notify(str(error), severity="warning", timeout=3, markup=False)
            return
        if done == Effect.WAIT:
            if words := wait_words(moment):
                self.notify(words, timeout=2, markup=False)
            return
        if done == Effect.BREATHER:
            self._take_a_breather()
        elif done == Effect.END_EARLY:
            self._end_early()
        elif done == Effect.SUMMARY:
            self.post_message(self.Finished())
        else:
            if done in SAVED:
                # Asked for before the screen shows the move: the app saves it (about
                # 1 ms) as it handles the message, alongside this frame, so a turn that
                # looks handed over is on disk even if bridges is killed a moment later.
                self.post_message(self.Changed())
            self.refresh_view()
            if done in (Effect.HAND_OVER, Effect.GOT_IT):
                self._ask_for_note()

    def _ask_for_note(self) -> None:
        index = self.conversation.pending_note
        if index is None:
            return
        from bridges_tui.tui.screens.note_prompt import NotePrompt  # not needed before a turn ends

        turn = self.conversation.turns[index]
        planned = self.conversation.plan[index]
        writer = planned.note_writer or turn.speaker
        prompt = NotePrompt(
            label=planned.step.note.label if planned.step.note else _("Note"),
            writer=self.conversation.name_of(writer),
            text=turn.note or "",
            reframe=self.conversation.practice.reframe,
            together=writer == "both",
            hints=self._hints(),
            drafts_to=self,
            about=index,
            holds_space=lambda: self.conversation.effect_of("space") == Effect.WAIT,
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

    def _take_a_breather(self) -> None:
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

    def _end_early(self) -> None:
        from bridges_tui.tui.screens.confirm import ConfirmScreen  # like the note and breather

        def answer(sure: bool | None) -> None:
            if not sure:
                return
            try:
                self.conversation.end_early()
            except ConversationError as error:
                self.notify(str(error), severity="warning", timeout=3, markup=False)
                return
            self.post_message(self.Changed())
            self.post_message(self.Finished())

        self.app.push_screen(
            ConfirmScreen(
                _("End this session now?"),
                _("Everything said so far is kept; the session is saved as ended early."),
                yes=_("End session"),
                no=_("Keep talking"),
            ),
            answer,
        )
