"""One session in the order every account of it follows (`Outline`): when and who, the
figures, how the last agreement went, every step with its note and the breathers
where they were taken, what each partner learned and what both agreed to try.

The Markdown export, `bridges show` and the summary screen each render this outline,
so a session is walked one way only. The couple's words are kept as they wrote them;
each renderer makes them safe for where they go (Markdown, a terminal, a screen).
"""

from __future__ import annotations

from bridges_tui.core.looking_back.session_summary import SessionSummary
from bridges_tui.core.model.records import record
from bridges_tui.core.model.session import Transcript, Turn
from bridges_tui.core.text.session_text import followup_word


@record
class FollowedUp:
    """The last session's agreement as it was worded then, and how it went, in words
    ("kept", "partly kept", "not yet")."""

    agreement: str
    answer: str


@record
class StepLine:
    """One step as it was taken: its turn (`index` in the transcript's turns, counted
    from 0), who held the floor and who wrote its note, by name."""

    index: int
    turn: Turn
    speaker: str
    noted_by: str | None

    @property
    def number(self) -> int:
        """The step's number as a person counts: from 1."""
        return self.index + 1


@record
class BreatherLine:
    """A breather taken between two steps (or after the last)."""

    seconds: float


@record
class Outline:
    """The parts of a session, in the order they are told (see the module docstring)."""

    transcript: Transcript
    summary: SessionSummary
    #: The steps in order, each breather before the first step that began after it.
    moments: tuple[StepLine | BreatherLine, ...]
    followup: FollowedUp | None
    #: What each partner learned: (name, their words), A first.
    learned: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, transcript: Transcript) -> Outline:
        t = transcript
        moments: list[StepLine | BreatherLine] = []
        breaks = sorted(t.breaks, key=lambda item: item.started)
        for index, turn in enumerate(t.turns):
            while breaks and breaks[0].started < turn.started:
                moments.append(BreatherLine(breaks.pop(0).seconds))
            noted_by = t.name_of(turn.note_by) if turn.note_by else None
            moments.append(StepLine(index, turn, t.name_of(turn.speaker), noted_by))
        moments += [BreatherLine(item.seconds) for item in breaks]
        followup = None
        if t.followup is not None:
            followup = FollowedUp(t.followup.agreement, followup_word(t.followup.answer))
        return cls(
            transcript=t,
            summary=SessionSummary.of(t),
            moments=tuple(moments),
            followup=followup,
            learned=tuple(zip(t.partners, t.closing.learned, strict=False)),
        )

    @property
    def steps(self) -> tuple[StepLine, ...]:
        """The steps alone, without the breathers."""
        return tuple(moment for moment in self.moments if isinstance(moment, StepLine))

    @property
    def agreement(self) -> str | None:
        """What both agreed to try (None, or empty, when nothing was agreed)."""
        return self.transcript.closing.agreement
