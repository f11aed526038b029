"""The practice's steps, walked in order (`StepWalk`): which step is current, the floor
on it, recording its turn at the hand-over, and taking that turn back again.

`Conversation` decides which move is allowed when (its states); this is where a move
lands on the steps. Undo brings back the exact floor of a hand-over (not the figures
rounded for the transcript) and the turn as recorded, so its start time, note and
unknown keys survive a second hand-over. Undo goes back step by step as far as the
session's start: a turn taken back and then stepped past again (undo once more) keeps
its note and unknown keys for when its step is recorded again (the record holds it,
so the transcript saved meanwhile keeps its note too).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bridges_tui.core.model.session import PlannedStep, Turn, other_partner
from bridges_tui.core.talk.session_record import SessionRecord
from bridges_tui.core.talk.states import State
from bridges_tui.core.talk.step_floor import StepFloor


def _tenths(seconds: float) -> float:
    return round(seconds, 1)


class StepWalk:
    """The steps of `record`'s practice, from its first step not yet recorded."""

    def __init__(
        self, record: SessionRecord, now: Callable[[], float], wall: Callable[[], datetime]
    ) -> None:
        self._record = record
        self.plan: tuple[PlannedStep, ...] = record.plan
        self._now = now
        self._wall = wall
        #: Index into `plan` of the current step; `len(plan)` once every step is done.
        self.position = len(record.turns)
        #: When the turn on the floor began (None before it begins).
        self.turn_started: datetime | None = None
        # The exact floor of each step at its hand-over, by position, for undo (a
        # session resumed from its file has only the turns' rounded figures).
        self._handed: dict[int, StepFloor] = {}
        #: True while the floor is a turn brought back by undo that has not run since:
        #: undo may then step back past it, since nothing new was said on it.
        self.reopened = False
        #: The floor of the current step (the last step's, stopped, once all are done).
        self.floor = self._fresh_floor()

    @property
    def current(self) -> PlannedStep | None:
        """The step on the floor or waiting to begin; None once every step is done."""
        return self.plan[self.position] if self.position < len(self.plan) else None

    @property
    def done(self) -> bool:
        """True once every step is recorded."""
        return self.position == len(self.plan)

    def begin(self) -> None:
        """The current step's turn begins now."""
        self.floor.clock.start()
        self.turn_started = self._wall()
        self.reopened = False

    def record_turn(self) -> Turn:
        """Stop the clocks (unless a breather already froze them) and keep the turn."""
        floor = self.floor
        floor.stop()
        planned = self.plan[self.position]
        carried = self._record.taken_back.pop(self.position, None)
        turn = Turn(
            step=planned.step.id,
            title=planned.step.title,
            speaker=planned.speaker,
            started=self.turn_started or self._wall(),
            planned_s=_tenths(floor.planned_s),
            spoken_s=_tenths(floor.spoken_s),
            paused_s=_tenths(floor.paused_s),
            note=carried.note if carried else None,
            note_by=carried.note_by if carried else None,
            tries=floor.tries,
            clarify_s=_tenths(floor.clarify_s) or None,
            extra=carried.extra if carried else {},
        )
        self._record.turns.append(turn)
        self._handed[self.position] = floor
        self.reopened = False
        self.turn_started = None
        return turn

    def advance(self) -> State:
        """Move on to the next step: READY for it, or DONE after the last one."""
        self.position += 1
        if self.done:
            # The last floor stays (stopped) so the screen can still read its figures.
            return State.DONE
        self.floor = self._fresh_floor()
        return State.READY

    def take_back(self) -> tuple[Turn, State]:
        """Take the last recorded turn back onto the floor, its time intact; returns it
        and the state it comes back in (see `StepFloor.reopen`).

        The floor on the current step, if any, is given up: it is either not begun or
        a turn undo brought back (`reopened`), whose turn is kept for its step."""
        turn = self._record.turns.pop()
        self.position = len(self._record.turns)
        # Resumed from a transcript, the turn's rounded figures are all there is.
        self.floor = self._handed.pop(self.position, None) or StepFloor.recorded(
            turn.spoken_s, turn.paused_s, turn.planned_s, loop=self.plan[self.position].step.confirm,
            tries=turn.tries, clarify_s=turn.clarify_s, now=self._now,
        )
        state = self.floor.reopen()
        self._record.taken_back[self.position] = turn
        self.turn_started = turn.started
        self.reopened = True
        return turn, state

    def count_live_turn(self, totals: dict[str, float]) -> None:
        """Add the floor time of the turn under way to `totals` (seconds by "A", "B"
        and "both"): the speaker's, and in a listening loop the clarifier's."""
        current = self.current
        if current is None:
            return
        totals[current.speaker] += self.floor.spoken_s
        if self.floor.loop:
            totals[other_partner(current.speaker)] += self.floor.clarify_s

    def _fresh_floor(self) -> StepFloor:
        current = self.current
        if current is None:
            return StepFloor(0, self._now)
        seconds = self._record.practice.seconds_for(current.step, self._record.turn_seconds)
        return StepFloor(seconds, self._now, loop=current.step.confirm)
