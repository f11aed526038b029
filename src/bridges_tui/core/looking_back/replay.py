"""A past session laid out on its own timeline, for the replay: what was on screen at
any second of it: who held the floor, how far their countdown had run, a pause, a
breather, or the wait before the next step began.

A transcript keeps when each turn and breather started, how long each turn spoke and
how long it was paused in all, but not when within the turn the pauses fell. The
replay shows a turn's pause time after its speaking time (the clock stands still, as
it did), and a breather taken mid-turn where it began. Times out of order (a file
edited by hand) are pushed later, so nothing overlaps and the timeline never runs
backwards. Pure: positions are seconds from the session's start; the screen supplies
the clock.
"""

from __future__ import annotations

import bisect
import math
from datetime import datetime
from typing import Literal

from bridges_tui.core.looking_back.session_summary import FloorTime
from bridges_tui.core.model.records import record
from bridges_tui.core.model.session import Transcript, other_partner

Phase = Literal["waiting", "speaking", "paused", "breather", "ended"]
#: What a stretch of the timeline is.
PieceKind = Literal["waiting", "speaking", "paused", "breather"]
_DISPLAY_DECIMALS = 6


@record
class Piece:
    """A stretch of the timeline: [start, end) seconds from the session's start."""

    kind: PieceKind
    start: float
    end: float
    #: The turn on the floor, or the next one up (None after the last turn).
    turn: int | None
    #: Seconds the turn had spoken when this piece began.
    spoken_from: float = 0.0
    #: The breather's number in the transcript, for a breather piece.
    breather: int | None = None


@record
class Moment:
    """What the replay shows at one position."""

    position: float
    phase: Phase
    #: The turn on the floor, or the one up next; None before any turn and after the end.
    turn: int | None
    spoken_s: float = 0.0
    planned_s: float = 0.0
    #: Seconds into the pause or breather under way.
    waited_s: float = 0.0
    #: How long the breather under way lasted in all.
    breather_s: float = 0.0
    floor: FloorTime = FloorTime()

    @property
    def remaining_s(self) -> float:
        """The countdown as it stood: negative once the turn ran over."""
        return self.planned_s - self.spoken_s

    @property
    def shown_seconds(self) -> int:
        """The countdown's whole seconds, by the turn clock's rule: rounded up while
        time remains, whole seconds over once it ran out (negative)."""
        return math.ceil(round(self.remaining_s, _DISPLAY_DECIMALS))


class Timeline:
    """The pieces of one session, in order (see the module docstring)."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self.pieces: list[Piece] = []
        #: Where each turn begins (its wait included) and ends, on the timeline.
        self.turn_starts: list[float] = []
        self.turn_ends: list[float] = []
        self._build()
        self._starts = [piece.start for piece in self.pieces]
        self.length_s = self.pieces[-1].end if self.pieces else 0.0
        # Floor held alone and together before each turn began (and after the last).
        self._floor_before: list[FloorTime] = [FloorTime()]
        for turn in transcript.turns:
            floor = _plus(self._floor_before[-1], turn.speaker, turn.spoken_s)
            # A listening loop's clarifications were the other partner's floor time; the
            # file keeps their total, not when they fell, so they count once the turn ends.
            clarify = getattr(turn, "clarify_s", None)
            if clarify and turn.speaker in ("A", "B"):
                floor = _plus(floor, other_partner(turn.speaker), clarify)
            self._floor_before.append(floor)

    def _offset(self, moment: datetime) -> float:
        return (moment - self.transcript.started).total_seconds()

    def _build(self) -> None:
        turns = self.transcript.turns
        breathers = sorted(enumerate(self.transcript.breaks), key=lambda item: item[1].started)
        position = 0.0
        for index, turn in enumerate(turns):
            begins = max(position, self._offset(turn.started))
            self.turn_starts.append(position)
            # Breathers before this turn began: taken while waiting for it.
            while breathers and self._offset(breathers[0][1].started) < begins:
                number, taken = breathers.pop(0)
                at = max(position, self._offset(taken.started))
                self._add("waiting", position, at, index)
                self._add("breather", at, at + taken.seconds, index, breather=number)
                position = at + taken.seconds
                begins = max(begins, position)
            self._add("waiting", position, begins, index)
            position = begins
            spoken = 0.0
            # Breathers that began while this turn was on the floor: at the point of
            # the turn where they began, the turn's own clock time (not the wall's).
            resting = 0.0
            while breathers:
                number, taken = breathers[0]
                into = self._offset(taken.started) - self._offset(turn.started) - resting
                if into >= turn.spoken_s + turn.paused_s:
                    break
                breathers.pop(0)
                upto = min(turn.spoken_s, max(spoken, into))
                self._add("speaking", position, position + upto - spoken, index, spoken)
                position += upto - spoken
                spoken = upto
                self._add("breather", position, position + taken.seconds, index, spoken, number)
                position += taken.seconds
                resting += taken.seconds
            self._add("speaking", position, position + turn.spoken_s - spoken, index, spoken)
            position += turn.spoken_s - spoken
            self._add("paused", position, position + turn.paused_s, index, turn.spoken_s)
            position += turn.paused_s
            self.turn_ends.append(position)
        for number, taken in breathers:
            at = max(position, self._offset(taken.started))
            self._add("breather", at, at + taken.seconds, None, breather=number)
            position = at + taken.seconds

    def _add(self, kind: PieceKind, start: float, end: float, turn: int | None,
             spoken_from: float = 0.0, breather: int | None = None) -> None:
        if end > start:
            self.pieces.append(Piece(kind, start, end, turn, spoken_from, breather))

    # --- reading it --------------------------------------------------------------------

    def at(self, position: float) -> Moment:
        """What was on screen `position` seconds into the session."""
        turns = self.transcript.turns
        if not self.pieces or position >= self.length_s:
            return self.ended()
        index = max(0, bisect.bisect_right(self._starts, position) - 1)
        piece = self.pieces[index]
        into = max(0.0, position - piece.start)
        if piece.turn is None:
            return Moment(position, "breather", None, waited_s=into,
                          breather_s=piece.end - piece.start, floor=self._floor_before[-1])
        turn = turns[piece.turn]
        spoken = piece.spoken_from + (into if piece.kind == "speaking" else 0.0)
        floor = _plus(self._floor_before[piece.turn], turn.speaker, spoken)
        waited = into if piece.kind in ("paused", "breather") else 0.0
        length = piece.end - piece.start if piece.kind == "breather" else 0.0
        return Moment(position, piece.kind, piece.turn, spoken, turn.planned_s, waited, length, floor)

    def done(self, turn: int) -> Moment:
        """Turn number `turn` (from 0) as it ended: all its floor time spoken."""
        spoken = self.transcript.turns[turn]
        return Moment(
            self.turn_ends[turn], "paused" if spoken.paused_s else "speaking", turn,
            spoken.spoken_s, spoken.planned_s, spoken.paused_s, 0.0, self._floor_before[turn + 1],
        )

    def ended(self) -> Moment:
        """The end of the session: every turn spoken."""
        last = len(self.transcript.turns) - 1
        return Moment(self.length_s, "ended", last if last >= 0 else None,
                      floor=self._floor_before[-1])

    def next_change(self, position: float) -> float | None:
        """Timeline seconds from `position` until what is shown changes (a second of
        the countdown or of a pause, or the next piece); None at the end."""
        if not self.pieces or position >= self.length_s:
            return None
        index = max(0, bisect.bisect_right(self._starts, position) - 1)
        piece = self.pieces[index]
        into = max(0.0, position - piece.start)
        if piece.kind == "speaking" and piece.turn is not None:  # a speaking piece always has its turn
            remaining = round(self.transcript.turns[piece.turn].planned_s - piece.spoken_from - into, _DISPLAY_DECIMALS)
            step = remaining - (math.ceil(remaining) - 1)
        else:
            step = 1.0 - (round(into, _DISPLAY_DECIMALS) % 1.0)
        return max(1e-3, min(step, piece.end - position))

    def turn_at(self, position: float) -> int | None:
        """The turn on the floor or up next at `position` (the last one after the end)."""
        if not self.turn_starts:
            return None
        return max(0, bisect.bisect_right(self.turn_starts, position) - 1)


def _plus(floor: FloorTime, speaker: str, seconds: float) -> FloorTime:
    if speaker == "A":
        return FloorTime(floor.a + seconds, floor.b, floor.together)
    if speaker == "B":
        return FloorTime(floor.a, floor.b + seconds, floor.together)
    return FloorTime(floor.a, floor.b, floor.together + seconds)
