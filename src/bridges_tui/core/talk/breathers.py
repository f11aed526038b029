"""A breather under way (`Breather`): when it began, and where the session goes back to.

The turn clock is frozen for the breather's length, so a breather counts neither as
floor time nor as the turn's pause; once it ends it is recorded as a `Break`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bridges_tui.core.model.session import Break
from bridges_tui.core.talk.clock import TurnClock
from bridges_tui.core.talk.states import State
from bridges_tui.core.talk.step_floor import StepFloor


class Breather:
    """A breather that began at `started` (the wall clock) and `mark` (the monotonic
    one); `back_to` is the state the conversation returns to when it ends."""

    __slots__ = ("back_to", "mark", "started")

    def __init__(self, started: datetime, mark: float, back_to: State) -> None:
        self.started = started
        self.mark = mark
        self.back_to = back_to

    @classmethod
    def begin(cls, state: State, floor: StepFloor, started: datetime, mark: float) -> Breather:
        """A breather taken in `state`: a turn on the floor (speaking or paused) is
        frozen, so the breather counts neither as floor time nor as the turn's pause,
        and comes back paused."""
        on_the_floor = state in (State.SPEAKING, State.PAUSED)
        if on_the_floor:
            floor.clock.stop()
        return cls(started, mark, State.PAUSED if on_the_floor else state)

    def end(self, floor: StepFloor, now: Callable[[], float]) -> Break:
        """The breather as it is recorded, ending now, to the tenth of a second like
        every figure in a transcript; a frozen turn gets a clock that is paused."""
        if self.back_to == State.PAUSED:
            frozen = floor.clock
            floor.clock = TurnClock.restore(frozen.spoken_s, frozen.paused_s, frozen.planned_s, now=now)
        return Break(started=self.started, seconds=round(max(0.0, now() - self.mark), 1))
