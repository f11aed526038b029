"""The turn clock: deadline arithmetic on a fake monotonic clock, never ticks."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import pytest

from bridges_tui.core.talk.clock import ClockError, TurnClock
from bridges_tui.testing.clock import FakeClock


@pytest.fixture
def fake() -> FakeClock:
    return FakeClock()


def running(fake: FakeClock, planned: float = 120) -> TurnClock:
    clock = TurnClock(planned, now=fake)
    clock.start()
    return clock


# --- counting ------------------------------------------------------------------------


def test_a_fresh_clock_is_ready_and_shows_its_whole_allowance(fake: FakeClock) -> None:
    clock = TurnClock(120, now=fake)
    fake.advance(30)
    assert clock.state == "ready"
    assert (clock.spoken_s, clock.paused_s, clock.remaining_s) == (0, 0, 120)
    assert clock.shown_seconds() == 120
    assert clock.next_change_in() is None


def test_time_counts_from_the_start_and_pauses_are_kept_apart(fake: FakeClock) -> None:
    clock = running(fake)
    fake.advance(10)
    clock.pause()
    fake.advance(5)
    assert clock.state == "paused"
    assert clock.spoken_s == pytest.approx(10)
    assert clock.paused_s == pytest.approx(5)
    clock.resume()
    fake.advance(20)
    assert clock.spoken_s == pytest.approx(30)
    assert clock.paused_s == pytest.approx(5)
    assert clock.remaining_s == pytest.approx(90)


def test_reading_often_changes_nothing(fake: FakeClock) -> None:
    """A screen that repaints a thousand times must not move the clock."""
    clock = running(fake)
    fake.advance(7)
    readings = {clock.spoken_s for _ in range(1000)}
    assert len(readings) == 1
    assert readings.pop() == pytest.approx(7)


def test_toggle_pauses_then_resumes(fake: FakeClock) -> None:
    clock = running(fake)
    clock.toggle()
    assert clock.state == "paused"
    clock.toggle()
    assert clock.state == "running"


def test_stop_freezes_every_figure(fake: FakeClock) -> None:
    clock = running(fake)
    fake.advance(12)
    clock.pause()
    fake.advance(3)
    clock.stop()
    fake.advance(100)
    assert clock.state == "stopped"
    assert clock.spoken_s == pytest.approx(12)
    assert clock.paused_s == pytest.approx(3)
    assert clock.next_change_in() is None


def test_sixty_minutes_of_pauses_and_changes_end_with_zero_drift() -> None:
    """An hour in irregular slices, read at 10 Hz like a screen would, with dozens of
    pauses and time changes: the figures match exact arithmetic."""
    fake = FakeClock(Fraction(123456789, 1000))
    rng = random.Random(20261125)
    clock = TurnClock(600, now=fake)
    clock.start()
    spoken = paused = Fraction(0)
    planned = Fraction(600)
    elapsed = Fraction(0)
    while elapsed < 3600:
        # A stretch of a few seconds, in uneven steps of milliseconds.
        for _ in range(rng.randint(1, 40)):
            step = Fraction(rng.randint(1, 250), 1000)
            fake.advance(step)
            elapsed += step
            if clock.state == "running":
                spoken += step
            else:
                paused += step
            clock.shown_seconds()  # repaint: must not disturb anything
        move = rng.choice(["toggle", "toggle", "add", "remove", "none"])
        if move == "toggle":
            clock.toggle()
        elif move == "add":
            extra = Fraction(rng.randint(1, 120))
            clock.add(float(extra))
            planned += extra
        elif move == "remove":
            less = Fraction(rng.randint(1, 60))
            clock.remove(float(less))
            planned = max(planned - less, spoken)
    assert elapsed >= 3600
    assert abs(clock.spoken_s - float(spoken)) < 1e-9
    assert abs(clock.paused_s - float(paused)) < 1e-9
    assert abs(clock.planned_s - float(planned)) < 1e-9
    assert abs(clock.spoken_s + clock.paused_s - float(elapsed)) < 1e-9
    clock.stop()
    assert abs(clock.remaining_s - float(planned - spoken)) < 1e-9


# --- overtime and the display ---------------------------------------------------------


def test_overtime_keeps_counting_and_says_so(fake: FakeClock) -> None:
    clock = running(fake, planned=60)
    fake.advance(60)
    assert not clock.overtime
    assert clock.remaining_s == 0
    assert clock.shown_seconds() == 0
    fake.advance(Fraction(27, 2))  # 13.5 s over
    assert clock.overtime
    assert clock.remaining_s == pytest.approx(-13.5)
    assert clock.overtime_s == pytest.approx(13.5)
    assert clock.shown_seconds() == -13
    fake.advance(Fraction(1, 2))
    assert clock.shown_seconds() == -14


def test_no_overtime_while_time_remains(fake: FakeClock) -> None:
    clock = running(fake, planned=60)
    fake.advance(59)
    assert clock.overtime_s == 0
    assert not clock.overtime


@pytest.mark.parametrize(
    ("spoken", "shown"),
    [
        ("0", 120),
        ("0.8", 120),  # 119.2 left shows 2:00
        ("1", 119),
        ("1.001", 119),
        ("119", 1),
        ("119.999", 1),
        ("120", 0),
        ("120.5", 0),  # half a second over: not yet a whole second
        ("121", -1),
        ("181.7", -61),
    ],
)
def test_the_countdown_rounds_like_a_kitchen_timer(
    fake: FakeClock, spoken: str, shown: int
) -> None:
    clock = running(fake)
    fake.advance(spoken)
    assert clock.shown_seconds() == shown


@pytest.mark.parametrize(
    ("spoken", "wait"),
    [
        ("0", "1"),  # at 2:00 exactly, 1:59 comes a full second later
        ("0.2", "0.8"),
        ("0.999", "0.001"),
        ("1", "1"),
        ("119.5", "0.5"),  # 0:01 -> 0:00 when time is up
        ("120", "1"),
        ("120.25", "0.75"),  # overtime changes on whole seconds too
    ],
)
def test_next_change_is_exactly_when_the_shown_value_changes(
    fake: FakeClock, spoken: str, wait: str
) -> None:
    clock = running(fake)
    fake.advance(spoken)
    before = clock.shown_seconds()
    delay = clock.next_change_in()
    assert delay == pytest.approx(float(wait), abs=1e-6)
    assert 0 < delay <= 1
    fake.advance(Fraction(delay) - Fraction(1, 10_000))
    assert clock.shown_seconds() == before, "changed too early"
    fake.advance(Fraction(1, 10_000))
    assert clock.shown_seconds() == before - 1, "did not change on time"


def test_repainting_on_next_change_visits_every_second_once(fake: FakeClock) -> None:
    """The schedule the TUI will use: paint, sleep next_change_in(), paint again."""
    clock = running(fake, planned=5)
    fake.advance("0.3")
    shown = [clock.shown_seconds()]
    while shown[-1] > -3:
        delay = clock.next_change_in()
        assert delay is not None
        fake.advance(delay)
        shown.append(clock.shown_seconds())
    assert shown == [5, 4, 3, 2, 1, 0, -1, -2, -3]


def test_next_change_is_none_unless_running(fake: FakeClock) -> None:
    clock = TurnClock(60, now=fake)
    assert clock.next_change_in() is None
    clock.start()
    assert clock.next_change_in() is not None
    clock.pause()
    assert clock.next_change_in() is None


# --- adding and removing time -----------------------------------------------------------


def test_add_and_remove_change_the_allowance(fake: FakeClock) -> None:
    clock = running(fake)
    fake.advance(30)
    clock.add(60)
    assert clock.planned_s == 180
    assert clock.remaining_s == pytest.approx(150)
    clock.remove(100)
    assert clock.planned_s == 80
    assert clock.spoken_s == pytest.approx(30)


def test_remove_never_goes_below_what_was_spoken(fake: FakeClock) -> None:
    clock = running(fake)
    fake.advance(45)
    clock.remove(1000)
    assert clock.planned_s == pytest.approx(45)
    assert clock.remaining_s == pytest.approx(0)
    assert not clock.overtime
    fake.advance(2)
    assert clock.overtime_s == pytest.approx(2)


def test_time_can_be_changed_before_the_turn_starts(fake: FakeClock) -> None:
    clock = TurnClock(120, now=fake)
    clock.add(60)
    clock.remove(500)
    assert clock.planned_s == 0
    assert clock.shown_seconds() == 0


@pytest.mark.parametrize("bad", [0, -5, float("nan"), float("inf"), True, "10"])
def test_add_and_remove_refuse_nonsense(fake: FakeClock, bad: object) -> None:
    clock = running(fake)
    with pytest.raises(ClockError):
        clock.add(bad)  # type: ignore[arg-type]
    with pytest.raises(ClockError):
        clock.remove(bad)  # type: ignore[arg-type]
    assert clock.planned_s == 120


# --- refused moves ---------------------------------------------------------------------------


def test_a_turn_cannot_be_paused_before_it_starts(fake: FakeClock) -> None:
    clock = TurnClock(60, now=fake)
    with pytest.raises(ClockError, match="a turn cannot be paused before it starts"):
        clock.pause()
    with pytest.raises(ClockError, match="before it starts"):
        clock.resume()
    with pytest.raises(ClockError, match="before it starts"):
        clock.toggle()


def test_a_turn_cannot_start_twice(fake: FakeClock) -> None:
    clock = running(fake)
    with pytest.raises(ClockError, match="already started"):
        clock.start()
    clock.pause()
    with pytest.raises(ClockError):
        clock.start()
    with pytest.raises(ClockError, match="already paused"):
        clock.pause()
    clock.resume()
    with pytest.raises(ClockError, match="not paused"):
        clock.resume()


def test_nothing_but_reading_after_stop(fake: FakeClock) -> None:
    clock = running(fake)
    fake.advance(5)
    clock.stop()
    for move in (clock.start, clock.pause, clock.resume, clock.toggle, clock.stop):
        with pytest.raises(ClockError, match="ended"):
            move()
    with pytest.raises(ClockError, match="ended"):
        clock.add(10)
    with pytest.raises(ClockError, match="ended"):
        clock.remove(10)
    assert clock.spoken_s == pytest.approx(5)


def test_a_stopped_ready_clock_has_spoken_nothing(fake: FakeClock) -> None:
    clock = TurnClock(60, now=fake)
    fake.advance(10)
    clock.stop()
    assert (clock.spoken_s, clock.paused_s) == (0, 0)


def test_clock_errors_are_value_errors() -> None:
    assert issubclass(ClockError, ValueError)


@pytest.mark.parametrize("bad", [-1, float("nan"), "60", None])
def test_a_turn_length_must_be_sensible(fake: FakeClock, bad: object) -> None:
    with pytest.raises(ClockError):
        TurnClock(bad, now=fake)  # type: ignore[arg-type]


# --- restoring -----------------------------------------------------------------------------


def test_restore_comes_back_paused_with_time_intact(fake: FakeClock) -> None:
    clock = TurnClock.restore(75.5, 12.0, 90, now=fake)
    assert clock.state == "paused"
    assert (clock.spoken_s, clock.paused_s, clock.planned_s) == (75.5, 12.0, 90)
    fake.advance(4)
    assert clock.paused_s == pytest.approx(16)
    clock.resume()
    fake.advance(20)
    assert clock.spoken_s == pytest.approx(95.5)
    assert clock.overtime_s == pytest.approx(5.5)


def test_restore_running_keeps_counting(fake: FakeClock) -> None:
    clock = TurnClock.restore(10, 0, 60, running=True, now=fake)
    assert clock.state == "running"
    fake.advance(5)
    assert clock.spoken_s == pytest.approx(15)
    assert clock.next_change_in() == pytest.approx(1)


def test_restore_keeps_the_allowance_at_least_what_was_spoken(fake: FakeClock) -> None:
    clock = TurnClock.restore(100, 0, 60, now=fake)
    assert clock.planned_s == 100


@pytest.mark.parametrize(("spoken", "paused"), [(-1, 0), (0, -1), (float("nan"), 0)])
def test_restore_refuses_negative_time(fake: FakeClock, spoken: float, paused: float) -> None:
    with pytest.raises(ClockError):
        TurnClock.restore(spoken, paused, 60, now=fake)


def test_the_default_clock_is_monotonic() -> None:
    clock = TurnClock(60)
    clock.start()
    assert 0 <= clock.spoken_s < 5
    assert math.isfinite(clock.remaining_s)
