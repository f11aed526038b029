"""What a session amounted to, in the few figures a couple looks for: who held the floor
how long, how evenly, how the check-in moved, and the words they kept.

Everything is derived from a `Transcript` (or from the same figures kept in the history
index) and nothing here is stored. How the figures read (`clock`, `status_word`…) is
in `session_text`, shared by the screens, the command line and the Markdown export so
a session reads the same everywhere; those helpers can be imported from here too.
"""

from __future__ import annotations

from bridges_tui.core.files.session_row import FloorTime  # given from here too: see __all__
from bridges_tui.core.language.words import _
from bridges_tui.core.model.records import record
from bridges_tui.core.model.session import Transcript, Turn
from bridges_tui.core.text.session_text import (  # given from here too: see __all__
    STATUS_WORDS,
    checkin_text,
    clock,
    scores_text,
    share_text,
    status_word,
    when_text,
)

#: The summary's own names and how its figures read, which the screens take from here.
__all__ = [
    "STATUS_WORDS", "FloorTime", "SessionSummary", "checkin_text", "clock", "mean_score", "scores_text",
    "share_text", "status_word", "turn_line", "when_text",
]


@record
class SessionSummary:
    """The figures of one session, as the summary, `bridges show` and the export give them."""

    floor: FloorTime
    breaks_s: float
    overtime_s: float
    #: Start to end, breathers included; None while in progress.
    length_s: float | None
    checkin_before: tuple[int, int] | None
    checkin_after: tuple[int, int] | None

    @classmethod
    def of(cls, transcript: Transcript) -> SessionSummary:
        floor = transcript.floor_seconds()
        length = None
        if transcript.ended is not None:
            length = max(0.0, (transcript.ended - transcript.started).total_seconds())
        return cls(
            floor=FloorTime(floor["A"], floor["B"], floor["both"]),
            breaks_s=sum(item.seconds for item in transcript.breaks),
            overtime_s=sum(turn.overtime_s for turn in transcript.turns),
            length_s=length,
            checkin_before=transcript.checkin.before,
            checkin_after=transcript.checkin.after,
        )

    def floor_line(self, partners: tuple[str, str]) -> str:
        """"Sam 12:05 · Alex 11:40 · together 3:00 · breathers 5:00"."""
        parts = [f"{partners[0]} {clock(self.floor.a)}", f"{partners[1]} {clock(self.floor.b)}"]
        if self.floor.together:
            parts.append(_("together {time}").format(time=clock(self.floor.together)))
        if self.breaks_s:
            parts.append(_("breathers {time}").format(time=clock(self.breaks_s)))
        return " · ".join(parts)


def mean_score(scores: tuple[int, int] | None) -> float | None:
    """The two partners' scores averaged, or None when skipped."""
    return None if scores is None else (scores[0] + scores[1]) / 2


def turn_line(turn: Turn) -> str:
    """"2:11 of 2:00 (+0:11 over)": how long a turn ran against its plan."""
    if turn.overtime_s >= 1:
        return _("{spoken} of {planned} (+{over} over)").format(
            spoken=clock(turn.spoken_s), planned=clock(turn.planned_s), over=clock(turn.overtime_s))
    return _("{spoken} of {planned}").format(spoken=clock(turn.spoken_s), planned=clock(turn.planned_s))
