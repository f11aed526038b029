"""Clocks for the core's tests: monotonic time that moves only when told, and a wall
clock that follows it, so every figure in a test is exact."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from fractions import Fraction

#: When a test's session starts, by the wall clock.
START = datetime(2026, 11, 25, 20, 31, 7, tzinfo=timezone(timedelta(hours=1)))


class FakeClock:
    """Monotonic time that moves only when told (exact, as a Fraction)."""

    def __init__(self) -> None:
        self.t = Fraction(5000)

    def __call__(self) -> float:
        return float(self.t)

    def advance(self, seconds: float | Fraction | str) -> None:
        self.t += Fraction(seconds)


class FakeWall:
    """Local wall time that follows the fake monotonic clock, to the whole second."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.origin = clock.t

    def __call__(self) -> datetime:
        return START + timedelta(seconds=int(self.clock.t - self.origin))
