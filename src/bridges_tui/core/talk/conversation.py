"""The conversation: a practice walked step by step by partners A and B.

`Conversation` is the state machine behind the conversation screen. It knows which
step is current and who holds the floor, runs the turn clock, records each `Turn` when
the floor is handed over, keeps notes and breathers, takes back an accidental
hand-over, and produces the `Transcript` at any moment (for autosave) and at the end.
What it has recorded lives in a `SessionRecord` (`session_record`), which also checks
the couple's own words: notes, check-in, closing. It does no I/O and never looks at a
screen; time comes from injected clocks.

What it shows, read-only (the step, the floor, the clock, the figures, what each key
does now), is its half `ConversationView` (`conversation_view`); the moves are here.
Its states, and why a move is refused in each, are in `states`; the steps walked in
order, with the floor on the current one and what undo takes back, are a `StepWalk`;
a breather under way is a `Breather` and the note being typed a `NoteDraft`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Literal

from bridges_tui.core.language.words import _
from bridges_tui.core.model.session import (
    Break,
    Followup,
    PlannedStep,
    Practice,
    Transcript,
    Turn,
)
from bridges_tui.core.talk.breathers import Breather
from bridges_tui.core.talk.clock import ClockError, local_now
from bridges_tui.core.talk.conversation_view import ConversationView
from bridges_tui.core.talk.either_name import ClassOrInstance
from bridges_tui.core.talk.keys import NUDGE_SECONDS, Effect
from bridges_tui.core.talk.note_drafts import NoteDraft
from bridges_tui.core.talk.session_record import ConversationError, SessionRecord
from bridges_tui.core.talk.states import ON_THE_FLOOR, STATES, State, refused, require
from bridges_tui.core.talk.step_floor import CLARIFYING
from bridges_tui.core.talk.steps import StepWalk

__all__ = ["STATES", "Conversation", "ConversationError", "State", "local_now"]

READY, SPEAKING, PAUSED, CONFIRMING, ON_BREAK, DONE, FINISHED = STATES


class Conversation(ConversationView):
    """One session of a practice for partners A and B (see the module docstring)."""

    def __init__(
        self,
        practice: Practice,
        partners: tuple[str, str],
        *,
        turn_seconds: int | None = None,
        now: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = local_now,
        checkin_before: tuple[int, int] | None = None,
        followup: Followup | None = None,
        started: datetime | None = None,
    ) -> None:
        record = SessionRecord(
            practice, partners, started=started if started is not None else wall(),
            turn_seconds=turn_seconds, checkin_before=checkin_before, followup=followup,
        )
        self._begin(record, now, wall)

    @classmethod
    def from_transcript(
        cls,
        practice: Practice,
        transcript: Transcript,
        *,
        now: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = local_now,
    ) -> Conversation:
        """Carry on an in-progress session after a crash or a closed terminal.

        Completed turns, notes, breaks, check-in, follow-up and closing are kept; the
        turn that was under way was never saved, so its step starts again from the
        beginning.
        """
        conversation = cls.__new__(cls)
        conversation._begin(SessionRecord.from_transcript(practice, transcript), now, wall)
        return conversation

    def _begin(
        self, record: SessionRecord, now: Callable[[], float], wall: Callable[[], datetime]
    ) -> None:
        """Set up the floor for `record`: at its first step not yet recorded."""
        self._record = record
        self.practice = record.practice
        #: The turn length in use: the couple's choice, else the practice's.
        self.turn_seconds: int = record.turn_seconds
        self._now = now
        self._wall = wall
        self._walk = StepWalk(record, now, wall)
        self.plan: tuple[PlannedStep, ...] = self._walk.plan
        self._state: State = DONE if self._walk.done else READY
        self.pending_note: int | None = None
        self._draft = NoteDraft(record)
        self._breather: Breather | None = None
        # When the floor last moved (a turn began, went on or was handed over), on the
        # monotonic clock: the guard against a double press counts from here.
        self._moved_at: float | None = None

    # --- the floor ------------------------------------------------------------------

    def start_turn(self) -> None:
        """The current step's speaker begins."""
        self._require({READY}, "start-turn")
        self._walk.begin()
        self._state = SPEAKING
        self._moved()

    def hand_over(self) -> Turn | None:
        """Record the turn on the floor and move on to the next step.

        In a listening loop nothing is recorded yet (None): the reflecting partner's
        hand-over asks "did I get it?" (state "confirming"), and a clarification hands
        the floor back for another try.
        """
        self._require({SPEAKING, PAUSED}, "hand-over")
        self._moved()
        if self._floor.phase == CLARIFYING:
            self._floor.try_again()
            self._state = SPEAKING
        elif self._floor.loop:
            self._floor.ask()
            self._state = CONFIRMING
        else:
            return self._close_step()
        return None

    def confirm(self) -> Turn:
        """"Yes, you got it": the listening loop's step is recorded; the floor moves on."""
        self._require_answer("confirm")
        self._moved()
        return self._close_step()

    def not_quite(self) -> None:
        """"Not quite": the partner who was reflected takes the floor to clarify."""
        self._require_answer("not-quite")
        self._floor.not_quite()
        self._state = SPEAKING
        self._moved()

    def pause(self) -> None:
        """Hold the speaker's clock."""
        self._require({SPEAKING}, "pause")
        self.clock.pause()
        self._state = PAUSED

    def resume_turn(self) -> None:
        """Carry on after a pause."""
        self._require({PAUSED}, "resume")
        self.clock.resume()
        self._state = SPEAKING
        self._moved()

    resume = ClassOrInstance("from_transcript", "resume_turn")

    def toggle_pause(self) -> None:
        """Pause while speaking, resume while paused."""
        if self._state == SPEAKING:
            self.pause()
        else:
            self._require({PAUSED}, "pause-or-resume")
            self.resume_turn()

    def add_time(self, seconds: float) -> None:
        """Give the current step more time (before or during the turn)."""
        self._change_time(self.clock.add, seconds, "add-time")

    def remove_time(self, seconds: float) -> None:
        """Take time from the current step, never below what was already spoken."""
        self._change_time(self.clock.remove, seconds, "take-time")

    def _change_time(self, change: Callable[[float], None], seconds: float, action: str) -> None:
        self._require({READY, SPEAKING, PAUSED}, action)
        try:
            change(seconds)
        except ClockError as error:
            raise ConversationError(str(error)) from None

    # --- taking back a hand-over ----------------------------------------------------

    @property
    def can_undo(self) -> bool:
        """True while a hand-over can be taken back: a turn is recorded and the next
        step has not begun (or is a turn undo brought back, not resumed since), or a
        listening loop has a move to take back."""
        if self._loop_can_undo:
            return True
        if not self._record.turns:
            return False
        return self._state in (READY, DONE) or (self._state == PAUSED and self._walk.reopened)

    @property
    def _loop_can_undo(self) -> bool:
        # Only while the loop is on the floor: once its step is recorded, undo takes
        # back the recorded turn instead.
        return self._state in ON_THE_FLOOR and self._floor.can_take_back

    def undo(self) -> Turn | None:
        """Take back the last hand-over; returns the turn that was taken back.

        That turn leaves `turns` and is on the floor again with its time intact, in
        state "paused": an accidental hand-over is noticed a few seconds late, and a
        running clock would keep charging the speaker while the couple sorts it out,
        so the speaker picks up again deliberately. Its note is kept for the next
        hand-over. A listening-loop step comes back to its question, "confirming".

        Undo again, before that turn is resumed, and the hand-over before it is taken
        back too, and so on to the start of the session: the turn given up keeps its
        note for when its step is recorded again.

        Within a listening loop, the loop's last move is taken back instead (None):
        the question, a clarification, or a new try (see `StepFloor.take_back`).
        """
        if self._loop_can_undo:
            self._state = self._floor.take_back()
            return None
        if not self.can_undo:
            if not self._record.turns:
                raise ConversationError(_("there is no hand-over to take back"))
            raise ConversationError(
                _("this turn has already started; it is too late to undo (hand it over first)")
            )
        turn, self._state = self._walk.take_back()
        if self.pending_note is not None and self.pending_note >= len(self._record.turns):
            self.pending_note = None
        return turn

    # --- keys ---------------------------------------------------------------------

    def press(self, key: str) -> Effect:
        """Do what `key` does now (`effect_of`) and return that effect.

        The moves of the floor are made here. The effects that need a screen (a
        breather, asking before ending, the summary, the note box) are left to the
        caller; so is a refusal: a move the conversation refuses raises
        ConversationError saying why, and nothing changes.
        """
        done = self.effect_of(key)
        move = _MOVES.get(done)
        if move is not None:
            move(self)
        return done

    # --- notes ----------------------------------------------------------------------

    def set_note(self, turn_index: int, text: str) -> None:
        """Attach or replace the note of a recorded turn; empty text removes it.

        Works at any time, also on the summary screen after the session ended.
        """
        self._record.set_note(turn_index, text)
        self._draft.settled()
        if self.pending_note == turn_index:
            self._note_answered()

    def keep_draft(self, turn_index: int, text: str) -> None:
        """Keep the words typed so far as the note of `turn_index`, so that a crash
        loses none of them. `set_note` then keeps the final words; `skip_note` puts
        back the note that was there before the draft."""
        self._draft.keep(turn_index, text)

    def skip_note(self) -> None:
        """Leave the asked-for note unwritten (any note already there stays)."""
        self._draft.put_back()
        self._note_answered()

    # --- breathers ------------------------------------------------------------------

    def start_break(self) -> None:
        """Take a breather. A turn on the floor is frozen until the breather ends."""
        self._require({READY, SPEAKING, PAUSED, CONFIRMING, DONE}, "breather")
        self._breather = Breather.begin(self._state, self._floor, self._wall(), self._now())
        self._state = ON_BREAK

    def end_break(self) -> Break:
        """End the breather and record it; a turn under way comes back paused."""
        self._require({ON_BREAK}, "end-breather")
        return self._close_break()

    # --- ending -----------------------------------------------------------------------

    def end_early(self) -> Transcript:
        """Stop the session before every step is done.

        A breather under way is recorded, and so is a turn on the floor: that was real
        floor time. No note is asked for (the summary screen can still add one).
        """
        if self._state == FINISHED:
            raise ConversationError(_("this session has already ended"))
        if self._state == DONE or (self._breather is not None and self._breather.back_to == DONE):
            raise ConversationError(_("every step is done; finish the session instead"))
        if self._state == ON_BREAK:
            self._close_break()
        if self._state in ON_THE_FLOOR:
            self._walk.record_turn()
            self._state = self._walk.advance()
        self.pending_note = None
        return self._close("ended-early")

    def finish(self) -> Transcript:
        """Close a session whose every step is done."""
        if self._state == FINISHED:
            raise ConversationError(_("this session has already ended"))
        if self._state == ON_BREAK:
            raise ConversationError(_("cannot finish the session: you are on a breather; end it first"))
        if self._state != DONE:
            raise ConversationError(_("cannot finish the session: not every step is done yet"))
        return self._close("complete")

    def set_checkin_after(self, scores: tuple[int, int] | None) -> None:
        """How connected each partner feels afterwards (1–5), or None to clear it."""
        self._record.set_checkin_after(scores)

    def set_closing(self, learned: tuple[str, ...], agreement: str | None) -> None:
        """What each partner learned and what both agreed to try (blank text dropped)."""
        self._record.set_closing(learned, agreement)

    # --- inner workings -------------------------------------------------------------

    def _close_step(self) -> Turn:
        """Record the step on the floor, move on, and ask for its note if it has one."""
        turn = self._walk.record_turn()
        self._state = self._walk.advance()
        planned = self.plan[len(self._record.turns) - 1]
        self.pending_note = len(self._record.turns) - 1 if planned.step.note is not None else None
        return turn

    def _close_break(self) -> Break:
        """Record the breather under way and go back to where it began."""
        breather = self._breather
        assert breather is not None, "only called on a breather"
        taken = breather.end(self._floor, self._now)
        self._record.breaks.append(taken)
        self._breather = None
        self._state = breather.back_to
        return taken

    def _close(self, status: Literal["complete", "ended-early"]) -> Transcript:
        self._record.close(status, self._wall())
        self._state = FINISHED
        return self.transcript()

    def _note_answered(self) -> None:
        """The note asked for is kept or skipped: a key pressed after that answer is
        meant, so the guard against a double press is over."""
        self.pending_note = None
        self._moved_at = None

    def _moved(self) -> None:
        """The floor moves now: the turn on it runs again, so undo no longer steps
        back past it, and the guard against a second press starts."""
        self._walk.reopened = False
        self._moved_at = self._now()

    def _require_answer(self, action: str) -> None:
        if not self._floor.loop:
            raise ConversationError(refused(action, _("this step does not ask whether you got it")))
        self._require({CONFIRMING}, action)

    def _require(self, allowed: set[State], action: str) -> None:
        require(self._state, allowed, action)


def _undo(conversation: Conversation) -> None:
    conversation.undo()


#: The effects `Conversation.press` makes itself: the moves of the floor.
_MOVES: dict[Effect, Callable[[Conversation], object]] = {
    Effect.START: Conversation.start_turn,
    Effect.HAND_OVER: Conversation.hand_over,
    Effect.RESUME: Conversation.resume_turn,
    Effect.PAUSE: Conversation.pause,
    Effect.MORE_TIME: lambda conversation: conversation.add_time(NUDGE_SECONDS),
    Effect.LESS_TIME: lambda conversation: conversation.remove_time(NUDGE_SECONDS),
    Effect.GOT_IT: Conversation.confirm,
    Effect.NOT_QUITE: Conversation.not_quite,
    Effect.UNDO: _undo,
}
