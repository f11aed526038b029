"""The floor time of one step, and the listening loop that some steps run.

Most steps are one speaker on one clock. Speaker–listener methods add a loop that goes
on until the one who spoke feels heard: on a step marked `confirm = true` the speaker
says back what they heard, and when they hand over, the partner they heard answers.
"Yes, you got it" closes the step. "Not quite" gives that partner the floor to clarify;
when they hand back, the reflecting partner tries again, their clock carrying on where
it stood. The step's one `Turn` keeps how many tries it took (`tries`) and how long the
clarifying partner spoke (`clarify_s`, their floor time, not the speaker's).

`StepFloor` keeps those figures; `Conversation` decides when it moves. Every move can be
taken back with time intact. Pure: clocks are injected.
"""

from __future__ import annotations

from collections.abc import Callable

from bridges_tui.core.talk.clock import TurnClock
from bridges_tui.core.talk.states import State

REFLECTING, CONFIRMING, CLARIFYING = "reflecting", "confirming", "clarifying"
PHASES: tuple[str, ...] = (REFLECTING, CONFIRMING, CLARIFYING)

#: The countdown a clarification gets: enough to name what was missed, short enough
#: that the reflecting partner soon tries again. It runs into overtime like any turn,
#: and the couple can give it more.
CLARIFY_SECONDS = 60

#: A clock's figures as they are kept between stretches: spoken, paused, planned.
Figures = tuple[float, float, float]


def _figures(clock: TurnClock) -> Figures:
    return (clock.spoken_s, clock.paused_s, clock.planned_s)


def _freeze(clock: TurnClock) -> None:
    if clock.state != "stopped":
        clock.stop()


class StepFloor:
    """The time on the floor for one step: the speaker's clock and, on a
    listening-loop step (`loop`), the loop's phase, tries and clarifications.

    `clock` is whichever countdown is live: the speaker's, or the clarifying
    partner's while they clarify.
    """

    def __init__(self, planned_s: float, now: Callable[[], float], *, loop: bool = False) -> None:
        self._now = now
        #: The step's speaker's clock (in a loop: the reflecting partner's, every try).
        self.speaker_clock = TurnClock(planned_s, now=now)
        self.loop = loop
        #: In a loop: "reflecting", "confirming" or "clarifying"; else None.
        self.phase: str | None = REFLECTING if loop else None
        #: In a loop: how many times the speaker has reflected back, the try under way
        #: included; else None.
        self.tries: int | None = 1 if loop else None
        self.clarify: TurnClock | None = None
        # Every clarification that has ended, so that taking back a retry can give the
        # last one its clock again.
        self._clarified: list[Figures] = []

    @classmethod
    def recorded(
        cls, spoken_s: float, paused_s: float, planned_s: float, *, loop: bool,
        tries: int | None, clarify_s: float | None, now: Callable[[], float],
    ) -> StepFloor:
        """The floor of a turn known only from its saved figures (a session resumed
        from its file), frozen as at its hand-over: ready to be `reopen`ed."""
        floor = cls(planned_s, now, loop=loop)
        floor.speaker_clock = TurnClock.restore(
            spoken_s, paused_s, planned_s, in_overtime=loop, now=now
        )
        floor.speaker_clock.stop()
        if loop:
            floor.phase = CONFIRMING
            floor.tries = tries or 1
            floor._clarified = [(clarify_s, 0.0, float(CLARIFY_SECONDS))] if clarify_s else []
        return floor

    # --- read-outs -------------------------------------------------------------------

    @property
    def clock(self) -> TurnClock:
        """The live countdown (or, waiting for an answer, the speaker's, frozen)."""
        return self.clarify if self.clarify is not None else self.speaker_clock

    @clock.setter
    def clock(self, value: TurnClock) -> None:
        # A breather stops the live clock and hands back a restored one.
        if self.clarify is not None:
            self.clarify = value
        else:
            self.speaker_clock = value

    @property
    def spoken_s(self) -> float:
        """The speaker's floor time, every try together."""
        return self.speaker_clock.spoken_s

    @property
    def planned_s(self) -> float:
        """The speaker's allowance, with any time added or removed."""
        return self.speaker_clock.planned_s

    @property
    def paused_s(self) -> float:
        """Every pause in the step, whoever was speaking."""
        clarified = sum(paused for _, paused, _ in self._clarified)
        live = self.clarify.paused_s if self.clarify is not None else 0.0
        return self.speaker_clock.paused_s + clarified + live

    @property
    def clarify_s(self) -> float:
        """The clarifying partner's floor time, every clarification together."""
        clarified = sum(spoken for spoken, _, _ in self._clarified)
        live = self.clarify.spoken_s if self.clarify is not None else 0.0
        return clarified + live

    @property
    def can_take_back(self) -> bool:
        """True when the last move of a listening loop can be taken back."""
        if self.phase == REFLECTING:
            return (self.tries or 1) > 1 and bool(self._clarified)
        return self.phase in (CONFIRMING, CLARIFYING)

    # --- moves (Conversation checks that each fits the moment) ------------------------

    def ask(self) -> None:
        """The reflecting partner hands over: did I get it? Their clock is frozen while
        the other answers; the answer is a moment, not anybody's floor time."""
        _freeze(self.speaker_clock)
        self.phase = CONFIRMING

    def not_quite(self) -> None:
        """"Not quite": the partner who was reflected takes the floor to clarify."""
        self.clarify = TurnClock(CLARIFY_SECONDS, now=self._now)
        self.clarify.start()
        self.phase = CLARIFYING

    def try_again(self) -> None:
        """The clarification ends; the reflecting partner tries again at once."""
        self._end_clarification()
        self.speaker_clock = TurnClock.restore(
            *_figures(self.speaker_clock), running=True, in_overtime=True, now=self._now
        )
        self.tries = (self.tries or 1) + 1
        self.phase = REFLECTING

    def stop(self) -> None:
        """Freeze every figure: the step is being recorded."""
        if self.clarify is not None:
            self._end_clarification()
        _freeze(self.speaker_clock)

    def reopen(self) -> State:
        """Bring a recorded step back after an undo; returns the state it is back in.

        A plain step comes back "paused", its time intact; a listening loop comes back
        to its question ("confirming"), where the answer was given."""
        if self.loop:
            self.phase = CONFIRMING
            return State.CONFIRMING
        self.speaker_clock = TurnClock.restore(*_figures(self.speaker_clock), now=self._now)
        return State.PAUSED

    def take_back(self) -> State:
        """Undo the last move of the loop, time intact; returns the state it is back in.

        The clock that comes back is paused, so nobody is charged while the couple
        sorts out a stray key; a question taken back to is simply asked again.
        """
        if self.phase == CONFIRMING:
            self.speaker_clock = TurnClock.restore(
                *_figures(self.speaker_clock), in_overtime=True, now=self._now
            )
            self.phase = REFLECTING
            return State.PAUSED
        if self.phase == CLARIFYING:
            # Words spoken after a stray "n" were still spoken: they stay counted.
            self._end_clarification()
            self.phase = CONFIRMING
            return State.CONFIRMING
        if not self.can_take_back:
            raise ValueError("there is no move of the listening loop to take back")
        _freeze(self.speaker_clock)
        self.clarify = TurnClock.restore(*self._clarified.pop(), in_overtime=True, now=self._now)
        self.tries = (self.tries or 2) - 1
        self.phase = CLARIFYING
        return State.PAUSED

    def _end_clarification(self) -> None:
        assert self.clarify is not None
        _freeze(self.clarify)
        self._clarified.append(_figures(self.clarify))
        self.clarify = None
