"""The turn clock: how long the speaker has had the floor, and how long is left; and
the wall clock that transcripts keep (`local_now`).

Time is never counted in ticks. The clock remembers when the current stretch of
speaking (or pausing) began on an injected monotonic clock and works every figure out
from that, so a screen that repaints late, often, or not at all cannot make it drift,
and tests drive it with a fake clock instead of sleeping.

The display rule lives here too, so that the screen and its repaint schedule agree:
`shown_seconds()` is what the big countdown shows and `next_change_in()` says when that
figure will next change.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import datetime
from typing import Literal

from bridges_tui.core.language.words import N_, _
from bridges_tui.core.model.field_checks import is_number

ClockState = Literal["ready", "running", "paused", "stopped"]

#: Read-outs are rounded to this many decimals before deciding which whole second to
#: show, so that float noise (119.0000000001) cannot hold a second on screen late.
_DISPLAY_DECIMALS = 6


def local_now() -> datetime:
    """The local time with its UTC offset, to the whole second (as transcripts keep it)."""
    return datetime.now().astimezone().replace(microsecond=0)


class ClockError(ValueError):
    """A move the turn clock cannot make (pausing before starting, and so on)."""


#: A move refused before the turn starts or after it ends, one sentence each.
_CANNOT_BE = {
    ("stopped", "started"): N_("this turn has ended; it cannot be started"),
    ("stopped", "paused"): N_("this turn has ended; it cannot be paused"),
    ("stopped", "resumed"): N_("this turn has ended; it cannot be resumed"),
    ("ready", "paused"): N_("a turn cannot be paused before it starts"),
    ("ready", "resumed"): N_("a turn cannot be resumed before it starts"),
}


def _check_seconds(seconds: float, what: str) -> float:
    if not is_number(seconds):
        raise ClockError(_("{what} must be a number of seconds, got {value}").format(
            what=_(what), value=repr(seconds)))
    if not math.isfinite(seconds) or seconds <= 0:
        raise ClockError(_("{what} must be more than zero seconds, got {value}").format(
            what=_(what), value=repr(seconds)))
    return float(seconds)


class TurnClock:
    """A countdown for one turn on the floor, with pauses, added time and overtime.

    States: "ready" (not started), "running", "paused", "stopped" (figures frozen;
    only reading is allowed). Overtime is not an error: the clock keeps counting past
    zero and `remaining_s` goes negative.
    """

    def __init__(self, planned_s: float, now: Callable[[], float] = time.monotonic) -> None:
        if not is_number(planned_s):
            raise ClockError(_("a turn's length must be a number of seconds, got {value}").format(
            value=repr(planned_s)))
        if not math.isfinite(planned_s) or planned_s < 0:
            raise ClockError(_("a turn's length must be zero or more seconds, got {value}").format(
            value=repr(planned_s)))
        self._now = now
        self._planned = float(planned_s)
        self._state: ClockState = "ready"
        # Finished stretches are folded into these totals; the stretch under way is
        # measured from its start mark, so each read-out is one subtraction away from
        # the monotonic clock.
        self._spoken_total = 0.0
        self._paused_total = 0.0
        self._mark = 0.0

    @classmethod
    def restore(
        cls,
        spoken_s: float,
        paused_s: float,
        planned_s: float,
        *,
        running: bool = False,
        in_overtime: bool = False,
        now: Callable[[], float] = time.monotonic,
    ) -> TurnClock:
        """A clock picked up again with its time intact (used by undo and breathers).

        It comes back paused unless `running` is true; either way the time spoken and
        paused so far is kept, and the allowance is never below what was spoken, unless
        `in_overtime`: then a turn already past its time comes back still past it (a
        listening loop's new try carries on the same allowance).
        """
        for value, what in ((spoken_s, N_("spoken time")), (paused_s, N_("paused time"))):
            if not is_number(value):
                raise ClockError(_("{what} must be a number of seconds, got {value}").format(
            what=_(what), value=repr(value)))
            if not math.isfinite(value) or value < 0:
                raise ClockError(_("{what} must be zero or more seconds, got {value}").format(
            what=_(what), value=repr(value)))
        clock = cls(planned_s, now=now)
        if not in_overtime:
            clock._planned = max(clock._planned, float(spoken_s))
        clock._spoken_total = float(spoken_s)
        clock._paused_total = float(paused_s)
        clock._mark = now()
        clock._state = "running" if running else "paused"
        return clock

    # --- moves ------------------------------------------------------------------

    def start(self) -> None:
        """The speaker takes the floor."""
        if self._state != "ready":
            raise ClockError(self._refusal("started", _("a turn can only be started once")))
        self._mark = self._now()
        self._state = "running"

    def pause(self) -> None:
        """Hold the clock; the time paused is kept apart from the time spoken."""
        if self._state != "running":
            raise ClockError(self._refusal("paused", _("a turn can only be paused while it runs")))
        moment = self._now()
        self._spoken_total += moment - self._mark
        self._mark = moment
        self._state = "paused"

    def resume(self) -> None:
        """Carry on after a pause."""
        if self._state != "paused":
            raise ClockError(self._refusal("resumed", _("only a paused turn can be resumed")))
        moment = self._now()
        self._paused_total += moment - self._mark
        self._mark = moment
        self._state = "running"

    def toggle(self) -> None:
        """Pause a running clock, or resume a paused one."""
        if self._state == "running":
            self.pause()
        elif self._state == "paused":
            self.resume()
        else:
            raise ClockError(
                self._refusal("paused", _("only a running or paused turn can be paused or resumed"))
            )

    def stop(self) -> None:
        """End the turn: every figure is frozen from now on."""
        if self._state == "stopped":
            raise ClockError(_("this turn has already ended"))
        moment = self._now()
        if self._state == "running":
            self._spoken_total += moment - self._mark
        elif self._state == "paused":
            self._paused_total += moment - self._mark
        self._mark = moment
        self._state = "stopped"

    def add(self, seconds: float) -> None:
        """Give the speaker more time."""
        seconds = _check_seconds(seconds, N_("time to add"))
        if self._state == "stopped":
            raise ClockError(_("this turn has ended; no time can be added to it"))
        self._planned += seconds

    def remove(self, seconds: float) -> None:
        """Take time away, but never below what the speaker has already said: time
        that has been spoken cannot be un-spoken, so the turn at most ends now."""
        seconds = _check_seconds(seconds, N_("time to remove"))
        if self._state == "stopped":
            raise ClockError(_("this turn has ended; no time can be taken from it"))
        self._planned = max(self._planned - seconds, self.spoken_s)

    # --- read-outs ----------------------------------------------------------------

    @property
    def state(self) -> ClockState:
        """"ready", "running", "paused" or "stopped"."""
        return self._state

    @property
    def planned_s(self) -> float:
        """The allowance for this turn, including time added or removed."""
        return self._planned

    @property
    def spoken_s(self) -> float:
        """Time on the floor so far, pauses excluded."""
        if self._state == "running":
            return self._spoken_total + (self._now() - self._mark)
        return self._spoken_total

    @property
    def paused_s(self) -> float:
        """Total time spent paused."""
        if self._state == "paused":
            return self._paused_total + (self._now() - self._mark)
        return self._paused_total

    @property
    def remaining_s(self) -> float:
        """Time left: planned minus spoken; negative once the speaker is in overtime."""
        return self._planned - self.spoken_s

    @property
    def overtime(self) -> bool:
        """True once the speaker has gone past the allowance."""
        return self.remaining_s < 0

    @property
    def overtime_s(self) -> float:
        """How far past the allowance the speaker is (0 while time remains)."""
        return max(0.0, -self.remaining_s)

    def shown_seconds(self) -> int:
        """The whole seconds the countdown shows: positive while counting down,
        negative for overtime counting up.

        Like a kitchen timer it rounds up while time remains (119.2 s left shows 2:00,
        and 0:00 appears exactly when time is up); in overtime it shows whole seconds
        completed (1.7 s over shows -1). Both are `ceil(remaining)`.
        """
        return math.ceil(self._display_remaining())

    def next_change_in(self) -> float | None:
        """Seconds until `shown_seconds()` changes, in (0, 1]; None unless running.

        A screen can repaint once at that moment instead of ticking.
        """
        if self._state != "running":
            return None
        remaining = self._display_remaining()
        # The shown value c = ceil(r) holds while r is in (c - 1, c] and falls to
        # c - 1 the moment r reaches c - 1.
        return remaining - (math.ceil(remaining) - 1)

    # --- inner workings -------------------------------------------------------------

    def _display_remaining(self) -> float:
        return round(self.remaining_s, _DISPLAY_DECIMALS)

    def _refusal(self, verb: str, default: str) -> str:
        """A plain sentence saying why a move is refused in the current state."""
        if self._state in ("stopped", "ready"):
            return _(_CANNOT_BE[self._state, verb])
        if verb == "started":
            return _("this turn has already started")
        if verb == "paused" and self._state == "paused":
            return _("this turn is already paused")
        if verb == "resumed" and self._state == "running":
            return _("this turn is not paused")
        return default

    def __repr__(self) -> str:
        return (
            f"TurnClock(state={self._state!r}, planned_s={self.planned_s:.1f}, "
            f"spoken_s={self.spoken_s:.1f}, paused_s={self.paused_s:.1f})"
        )
