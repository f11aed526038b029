"""Where a conversation stands, read-only: the half of `Conversation` that screens read.

The step on the floor and its number, who holds the floor, the countdown, the turns
and breathers recorded so far, the floor time each partner has had, and what each key
does right now (`moment`, `effect_of`, see `keys`). Nothing here changes anything:
`Conversation` (in `conversation`) adds the moves, and sets up what these read.
"""

from __future__ import annotations

from collections.abc import Callable

from bridges_tui.core.model.session import (
    Break,
    Followup,
    PlannedStep,
    Speaker,
    Transcript,
    Turn,
    other_partner,
    partner_name,
)
from bridges_tui.core.talk.breathers import Breather
from bridges_tui.core.talk.clock import TurnClock
from bridges_tui.core.talk.keys import GUARD_SECONDS, Effect, Moment, effect, moment_of
from bridges_tui.core.talk.session_record import SessionRecord
from bridges_tui.core.talk.states import ON_THE_FLOOR, State
from bridges_tui.core.talk.step_floor import CLARIFYING, StepFloor
from bridges_tui.core.talk.steps import StepWalk


class ConversationView:
    """What a conversation shows (see the module docstring); `Conversation` sets up
    the attributes below and makes the moves."""

    _record: SessionRecord
    _walk: StepWalk
    _state: State
    _breather: Breather | None
    _now: Callable[[], float]
    #: When the floor last moved, on the monotonic clock (the guard counts from here).
    _moved_at: float | None
    #: The steps of the session, in order.
    plan: tuple[PlannedStep, ...]
    #: The recorded turn whose note is asked for now, if any.
    pending_note: int | None

    # --- where we are ---------------------------------------------------------------

    @property
    def state(self) -> State:
        """Where the conversation stands (a `State`, which reads as its word too)."""
        return self._state

    @property
    def position(self) -> int:
        """Index into `plan` of the current step; `len(plan)` once every step is done."""
        return self._walk.position

    @property
    def current(self) -> PlannedStep | None:
        """The step on the floor or waiting to begin; None once every step is done."""
        return self._walk.current

    @property
    def step_number(self) -> int:
        """1-based number of the current step, for "step n of m" (m once all are done)."""
        return min(self._walk.position + 1, len(self.plan))

    @property
    def partners(self) -> tuple[str, str]:
        """The partners' names, A then B."""
        return self._record.partners

    def name_of(self, speaker: str) -> str:
        """The name behind "A", "B" or "both"."""
        return partner_name(self.partners, speaker)

    @property
    def followup(self) -> Followup | None:
        """How the last agreement went, when the couple said at setup."""
        return self._record.followup

    @property
    def step_count(self) -> int:
        """How many steps the session has."""
        return len(self.plan)

    @property
    def turns(self) -> tuple[Turn, ...]:
        """The turns recorded so far, in order."""
        return tuple(self._record.turns)

    @property
    def breaks(self) -> tuple[Break, ...]:
        """The breathers taken so far."""
        return tuple(self._record.breaks)

    @property
    def clock(self) -> TurnClock:
        """The countdown on the floor (a clarifying partner's while they clarify)."""
        return self._floor.clock

    @property
    def _floor(self) -> StepFloor:
        return self._walk.floor

    @property
    def phase(self) -> str | None:
        """On a listening-loop step, "reflecting", "confirming" or "clarifying"."""
        return self._floor.phase if self._on_a_step else None

    @property
    def tries(self) -> int | None:
        """On a listening-loop step, the reflection under way (1 for the first)."""
        return self._floor.tries if self._on_a_step else None

    @property
    def _on_a_step(self) -> bool:
        # Once all is done or ended, the last floor stays only for its figures.
        return self.current is not None and self._state != State.FINISHED

    @property
    def floor_holder(self) -> Speaker | None:
        """Who has (or, before the turn begins, will have) the floor: the step's
        speaker, or its listener while they clarify. None once every step is done."""
        current = self.current
        if current is None:
            return None
        if self.phase == CLARIFYING:
            return other_partner(current.speaker)
        return current.speaker

    # --- keys ---------------------------------------------------------------------

    @property
    def moment(self) -> Moment:
        """Where the couple are, as the keys see it (the rows of `keys.TABLE`)."""
        return moment_of(
            self._state, overtime=self._state == State.SPEAKING and self.clock.overtime,
            note_pending=self.pending_note is not None, recorded=len(self._record.turns),
        )

    @property
    def guarding(self) -> bool:
        """True within `GUARD_SECONDS` of the floor's last move: a second press of the
        key that made it (a double Space) is then ignored, not taken as another move."""
        return self._moved_at is not None and self._now() - self._moved_at < GUARD_SECONDS

    def effect_of(self, key: str) -> Effect:
        """What pressing `key` does now: the key table's effect for this moment, or
        `Effect.WAIT` for a guarded key pressed within the guard."""
        return effect(self.moment, key, guarding=self.guarding)

    # --- read-outs ------------------------------------------------------------------

    def transcript(self) -> Transcript:
        """The session as it stands, ready to save; the turn on the floor is not in it
        until it is handed over."""
        return self._record.transcript()

    def floor_seconds(self) -> dict[str, float]:
        """Seconds each of "A", "B" and "both" held the floor, the live turn included."""
        totals = self._record.floor_seconds()
        if self._turn_live:
            self._walk.count_live_turn(totals)
        return totals

    def balance(self) -> float | None:
        """A's share of the floor held alone, 0..1 (None before anyone spoke alone)."""
        floor = self.floor_seconds()
        alone = floor["A"] + floor["B"]
        return None if alone <= 0 else floor["A"] / alone

    # --- inner workings -------------------------------------------------------------

    @property
    def _turn_live(self) -> bool:
        state = self._breather.back_to if self._breather is not None else self._state
        return state in ON_THE_FLOOR
