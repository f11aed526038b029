"""The record of a session: what has happened so far, and the transcript it makes.

`Conversation` decides what may happen next (the floor, the clock, the states); the
record keeps what did happen: the turns and breathers, the notes on the turns, the
check-in, the closing, the follow-up of an earlier agreement, and any keys a newer
bridges left in a resumed file. It checks what the couple enter, takes over a saved
transcript to carry a session on, and turns itself into a `Transcript` at any moment.
No I/O, no clocks.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from bridges_tui.core.language.words import _, spoken
from bridges_tui.core.model.field_checks import is_text, is_whole
from bridges_tui.core.model.session import (
    Break,
    Checkin,
    Closing,
    Followup,
    ModelError,
    PlannedStep,
    Practice,
    Status,
    Transcript,
    Turn,
    clean_name,
    floor_seconds,
)
from bridges_tui.core.text.session_text import status_word


class ConversationError(ValueError):
    """A move the conversation refuses, with a message a couple can read."""


class SessionRecord:
    """Everything a session keeps, in the shape of its transcript.

    The conversation appends to `turns` and `breaks` as the session runs; the couple's
    own words come in through the `set_` methods, which refuse bad input with a
    ConversationError.
    """

    def __init__(
        self,
        practice: Practice,
        partners: tuple[str, str],
        *,
        started: datetime,
        turn_seconds: int | None = None,
        checkin_before: tuple[int, int] | None = None,
        followup: Followup | None = None,
    ) -> None:
        if turn_seconds is not None and (
            not is_whole(turn_seconds) or turn_seconds <= 0
        ):
            raise ConversationError(
                _("a turn must last a whole number of seconds above zero, got {value}").format(
                    value=repr(turn_seconds))
            )
        try:
            names = (clean_name(partners[0]), clean_name(partners[1]))
            checkin = Checkin(before=checkin_before)
        except (ModelError, IndexError, TypeError) as error:
            raise ConversationError(str(error)) from None
        if followup is not None and type(followup) is not Followup:
            raise ConversationError(_("the follow-up must say how an earlier agreement went"))
        self.practice = practice
        #: The language the session is held in: its practice's, else (a script of the
        #: couple's own that names none) the one bridges speaks.
        self.language: str = practice.language or spoken()
        self.partners: tuple[str, str] = names
        #: The turn length in use: the couple's choice, else the practice's.
        self.turn_seconds: int = turn_seconds if turn_seconds is not None else practice.turn_seconds
        self.plan: tuple[PlannedStep, ...] = practice.plan()
        self.started = started
        self.ended: datetime | None = None
        self.status: Status = "in-progress"
        self.turns: list[Turn] = []
        self.breaks: list[Break] = []
        self.checkin = checkin
        self.followup = followup
        self.closing = Closing()
        #: Turns taken back by undo and not recorded again, by their place in `plan`:
        #: each gives its note back when its step is recorded again, and until then
        #: the transcript keeps those with words on them (`Transcript.taken_back`).
        self.taken_back: dict[int, Turn] = {}
        self.extra: dict[str, Any] = {}

    @classmethod
    def from_transcript(cls, practice: Practice, transcript: Transcript) -> SessionRecord:
        """The record of an in-progress session saved as `transcript`, to carry it on.

        Refuses (ConversationError) a session that has ended, one of another practice,
        and one whose turns no longer match the practice's steps.
        """
        if transcript.status != "in-progress":
            raise ConversationError(_("this session is {status}; it cannot be resumed").format(
                status=status_word(transcript.status)))
        if transcript.practice != practice.id:
            raise ConversationError(
                _("this session used the practice {used}, not {practice}").format(
                    used=repr(transcript.practice), practice=repr(practice.id))
            )
        record = cls(
            practice, transcript.partners, started=transcript.started,
            turn_seconds=transcript.turn_s, followup=transcript.followup,
        )
        if len(transcript.turns) > len(record.plan) or any(
            turn.step != planned.step.id for turn, planned in zip(transcript.turns, record.plan, strict=False)
        ):
            raise ConversationError(
                _("this session's turns no longer match the practice's steps, so it cannot be resumed")
            )
        record.language = transcript.language
        record.checkin = transcript.checkin
        record.closing = transcript.closing
        record.extra = dict(transcript.extra)
        record.turns = list(transcript.turns)
        record.breaks = list(transcript.breaks)
        record.taken_back = record._places_of(transcript.taken_back)
        return record

    def _places_of(self, taken_back: tuple[Turn, ...]) -> dict[int, Turn]:
        """The turns an undo took back, each at the first step after the recorded turns
        (and after the one before it) with its step and speaker; none may be lost, so
        one that fits no step refuses the resume."""
        places: dict[int, Turn] = {}
        place = len(self.turns)
        for turn in taken_back:
            while place < len(self.plan) and (
                self.plan[place].step.id, self.plan[place].speaker
            ) != (turn.step, turn.speaker):
                place += 1
            if place == len(self.plan):
                raise ConversationError(
                    _("a turn taken back ({title}) no longer matches a step to come, so this session "
                      "cannot be resumed").format(title=repr(turn.title))
                )
            places[place] = turn
            place += 1
        return places

    # --- the couple's words -----------------------------------------------------------

    def note_of(self, turn_index: int) -> str | None:
        """The note of a recorded turn (None when it has none)."""
        if not is_whole(turn_index) or not (
            0 <= turn_index < len(self.turns)
        ):
            raise ConversationError(_("there is no turn number {number} to note").format(number=repr(turn_index)))
        return self.turns[turn_index].note

    def set_note(self, turn_index: int, text: str) -> None:
        """Attach or replace the note of a recorded turn; empty text removes it."""
        self.note_of(turn_index)  # a turn that is there
        if not is_text(text):
            raise ConversationError(_("a note must be text"))
        note = text.strip() or None
        writer = self.plan[turn_index].note_writer if note is not None else None
        self.turns[turn_index] = replace(self.turns[turn_index], note=note, note_by=writer)

    def set_checkin_after(self, scores: tuple[int, int] | None) -> None:
        """How connected each partner feels afterwards (1–5), or None to clear it."""
        try:
            self.checkin = replace(self.checkin, after=scores)
        except (ModelError, TypeError) as error:
            raise ConversationError(str(error)) from None

    def set_closing(self, learned: tuple[str, ...], agreement: str | None) -> None:
        """What each partner learned and what both agreed to try (blank text dropped)."""
        if is_text(learned) or not all(is_text(item) for item in learned):
            raise ConversationError(_("what you learned must be a list of text"))
        if agreement is not None and not is_text(agreement):
            raise ConversationError(_("the agreement must be text"))
        kept = tuple(item.strip() for item in learned if item.strip())
        agreed = agreement.strip() if agreement else None
        self.closing = replace(self.closing, learned=kept, agreement=agreed or None)

    # --- read-outs --------------------------------------------------------------------

    def close(self, status: Status, ended: datetime) -> None:
        """Mark the session complete or ended early, at `ended`."""
        self.status = status
        self.ended = ended

    def floor_seconds(self) -> dict[str, float]:
        """Seconds each of "A", "B" and "both" held the floor in the recorded turns."""
        return floor_seconds(self.turns)

    def transcript(self) -> Transcript:
        """The session as recorded so far, ready to save."""
        practice = self.practice
        turn_s = self.turn_seconds if self.turn_seconds != practice.turn_seconds else None
        return Transcript(
            practice=practice.id, title=practice.title, language=self.language, started=self.started,
            partners=self.partners, status=self.status, ended=self.ended,
            turn_s=turn_s, checkin=self.checkin, followup=self.followup,
            turns=tuple(self.turns), breaks=tuple(self.breaks), closing=self.closing,
            taken_back=tuple(
                turn for _, turn in sorted(self.taken_back.items())
                if turn.note is not None or turn.extra
            ),
            extra=self.extra,
        )
