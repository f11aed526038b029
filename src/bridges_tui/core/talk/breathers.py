"""A breather under way (`Breather`): when it began, and where the session goes back to.

The turn clock is frozen for the breather's length, so a breather counts neither as
floor time nor as the turn's pause; once it ends it is recorded as a `Break`.
"""

from __future__ import annotations

from datetime import datetime

from bridges_tui.core.model.session import Break
from bridges_tui.core.talk.states import State


class Breather:
    """A breather that began at `started` (the wall clock) and `mark` (the monotonic
    one); `back_to` is the state the conversation returns to when it ends."""

    __slots__ = ("back_to", "mark", "started")

    def __init__(self, started: datetime, mark: float, back_to: State) -> None:
        self.started = started
        self.mark = mark
        self.back_to = back_to

    def taken(self, now: float) -> Break:
        """The breather as it is recorded, ending at `now` (monotonic), to the tenth of
        a second like every figure in a transcript."""
        return Break(started=self.started, seconds=round(max(0.0, now - self.mark), 1))
