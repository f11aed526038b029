"""The fake clock of every test and trial: monotonic time that moves only when told,
and a wall clock that follows it, so every figure is exact and no test waits.

Pass `clock.now` (or the clock itself: it is callable) where the app or the core takes
a `now`, and `clock.wall` where it takes a `wall`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from fractions import Fraction

#: When a test's session starts, by the wall clock: a Wednesday evening, UTC+1.
START = datetime(2026, 11, 25, 20, 31, 7, tzinfo=timezone(timedelta(hours=1)))


class FakeClock:
    """Monotonic time that moves only by `advance`, kept exact as a Fraction so that a
    test's own arithmetic never drifts; `wall()` is START plus the whole seconds since
    the clock was made."""

    def __init__(self, start: Fraction | float | str = 1000) -> None:
        self.t = Fraction(start)
        self.origin = self.t

    def __call__(self) -> float:
        return float(self.t)

    def now(self) -> float:
        """The monotonic time, as the app's and the core's `now` callables give it."""
        return float(self.t)

    def wall(self) -> datetime:
        """Local wall time that follows the monotonic time, to the whole second."""
        return START + timedelta(seconds=int(self.t - self.origin))

    def advance(self, seconds: Fraction | float | str) -> None:
        self.t += Fraction(seconds)
