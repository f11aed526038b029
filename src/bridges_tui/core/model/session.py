"""The couple's world as plain, validated data: partners, turns, breaks, the follow-up
of an earlier agreement, and the transcript of a whole session; and, from
`practice_model` and given from here too, practices and their steps.

Everything here is an immutable record (`records.record`) that checks its values when
it is made (`field_checks`); a bad value raises `ModelError` naming the field, so a
broken file or a bug is caught where it enters, not three screens later.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Literal

from bridges_tui.core.language.words import _
from bridges_tui.core.model import field_checks as checks
from bridges_tui.core.model.field_checks import ModelError  # the model's error: imported from here too
from bridges_tui.core.model.practice import (  # the model's practice half, given from here too: see __all__
    NOTE_WRITERS,
    ROLES,
    SPEAKERS,
    NoteSpec,
    NoteWriter,
    PlannedStep,
    Practice,
    PracticeCard,
    Role,
    Speaker,
    Step,
    other_partner,
)
from bridges_tui.core.model.records import field, record

#: What the model gives, its practice half included.
__all__ = [
    "FOLLOWUP_ANSWERS", "MAX_NAME_LENGTH", "NOTE_WRITERS", "ROLES", "SPEAKERS", "STATUSES", "TRANSCRIPT_FORMAT",
    "TRANSCRIPT_VERSION", "WORD_MARKS", "Break", "Checkin", "Closing", "Followup", "FollowupAnswer", "ModelError",
    "NoteSpec", "NoteWriter", "Partner", "PlannedStep", "Practice", "PracticeCard", "Role", "Speaker", "Status",
    "Step", "Transcript", "Turn", "clean_name", "floor_seconds", "other_partner", "partner_name",
]

Status = Literal["in-progress", "complete", "ended-early"]
STATUSES: tuple[str, ...] = ("in-progress", "complete", "ended-early")

#: How an earlier session's agreement went, as the couple answer it at the next setup.
FollowupAnswer = Literal["kept", "partly", "not-yet"]
FOLLOWUP_ANSWERS: tuple[str, ...] = ("kept", "partly", "not-yet")

TRANSCRIPT_FORMAT = "bridges-transcript"
TRANSCRIPT_VERSION = 1

MAX_NAME_LENGTH = 40


def partner_name(partners: tuple[str, str], speaker: str) -> str:
    """The name behind "A", "B" or "both" ("Sam & Alex")."""
    if speaker == "A":
        return partners[0]
    if speaker == "B":
        return partners[1]
    return f"{partners[0]} & {partners[1]}"


# --- people and sessions ----------------------------------------------------------


def floor_seconds(turns: Iterable[Turn]) -> dict[str, float]:
    """Seconds each of "A", "B" and "both" held the floor in `turns`. A listening
    loop's clarifications count for the partner who clarified, not the speaker."""
    totals = {"A": 0.0, "B": 0.0, "both": 0.0}
    for turn in turns:
        totals[turn.speaker] += turn.spoken_s
        if turn.clarify_s and turn.speaker != "both":
            totals[other_partner(turn.speaker)] += turn.clarify_s
    return totals


#: Invisible characters that belong to words: the zero-width joiner that makes 👩‍❤️‍👨
#: one emoji, the zero-width non-joiner, the word joiner and the direction marks of
#: right-to-left text. Python does not count them printable, but they are kept.
WORD_MARKS = frozenset("\u200c\u200d\u200e\u200f\u2060\u061c")


def clean_name(name: object) -> str:
    """A partner's name as it is kept: trimmed, one line, printable (joiners and
    direction marks kept), not too long.

    Raises ModelError("name", ...) when nothing usable is left.
    """
    if not isinstance(name, str):
        raise ModelError("name", _("must be text, got {kind}").format(kind=type(name).__name__))
    cleaned = "".join(ch for ch in name if ch.isprintable() or ch in WORD_MARKS).strip()
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        raise ModelError("name", _("please give a name (it can't be empty)"))
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ModelError(
            "name", _("is too long (at most {count} characters)").format(count=MAX_NAME_LENGTH)
        )
    return cleaned


@record
class Partner:
    """One of the two people at the laptop: A sits left, B right."""

    letter: Literal["A", "B"] = field(check=checks.one_of(("A", "B")))
    name: str = field(convert=clean_name)


def _score(value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ModelError(
            "checkin", _("scores are whole numbers from 1 to 5, got {value}").format(value=repr(value))
        )


def _score_pair(instance: Any, name: str, value: Any) -> None:
    if value is None:
        return
    if len(value) != 2:
        raise ModelError(f"checkin.{name}", _("needs one score per partner (two)"))
    for score in value:
        try:
            _score(score)
        except ModelError as error:
            raise ModelError(f"checkin.{name}", error.problem) from None


def _optional_pair(value: Any) -> tuple[Any, ...] | None:
    return None if value is None else checks.as_tuple(value)


@record
class Checkin:
    """"How connected do you feel right now?", 1–5 for A and B, before and after."""

    before: tuple[int, int] | None = field(
        default=None, convert=_optional_pair, check=_score_pair
    )
    after: tuple[int, int] | None = field(
        default=None, convert=_optional_pair, check=_score_pair
    )
    extra: Mapping[str, Any] = field(factory=dict, convert=checks.freeze)

    @property
    def is_empty(self) -> bool:
        return self.before is None and self.after is None and not self.extra


def _tries(turn: Turn, name: str, value: Any) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ModelError(name, _("must be a whole number from 1 up, got {value}").format(value=repr(value)))


def _clarify(turn: Turn, name: str, value: Any) -> None:
    if value is not None:
        checks.seconds(positive=False)(turn, name, value)
    if value and turn.speaker == "both":
        raise ModelError(name, _("a together turn has nobody clarifying"))


@record
class Turn:
    """One turn on the floor, as it happened."""

    step: str = field(check=checks.text)
    title: str = field(check=checks.text)
    speaker: Speaker = field(check=checks.one_of(SPEAKERS))
    started: datetime = field(check=checks.aware)
    planned_s: float = field(check=checks.seconds(positive=False))
    #: Floor time, pauses excluded.
    spoken_s: float = field(check=checks.seconds(positive=False))
    paused_s: float = field(default=0.0, check=checks.seconds(positive=False))
    note: str | None = field(default=None, check=checks.optional_text)
    #: Who wrote the note: "A", "B" or "both" (absent when there is no note).
    note_by: Speaker | None = field(default=None, check=checks.optional(checks.one_of(SPEAKERS)))
    #: On a listening-loop step: how many times the speaker reflected back.
    tries: int | None = field(default=None, check=_tries)
    #: On a listening-loop step: the floor time the other partner spent clarifying
    #: between tries (theirs, not the speaker's).
    clarify_s: float | None = field(default=None, check=_clarify)
    extra: Mapping[str, Any] = field(factory=dict, convert=checks.freeze)

    @property
    def overtime_s(self) -> float:
        """How far past the planned time the speaker went (0 if they finished early)."""
        return max(0.0, self.spoken_s - self.planned_s)


@record
class Break:
    """A breather taken during the session."""

    started: datetime = field(check=checks.aware)
    seconds: float = field(check=checks.seconds(positive=False))
    extra: Mapping[str, Any] = field(factory=dict, convert=checks.freeze)


@record
class Closing:
    """What a session leaves to keep: what each partner learned, what both agreed."""

    learned: tuple[str, ...] = field(default=(), convert=checks.as_tuple, check=checks.texts)
    agreement: str | None = field(default=None, check=checks.optional_text)
    extra: Mapping[str, Any] = field(factory=dict, convert=checks.freeze)

    @property
    def is_empty(self) -> bool:
        return not self.learned and not self.agreement and not self.extra


@record
class Followup:
    """How the agreement of an earlier session went, asked before this one began."""

    #: The earlier session's id: its file name without `.toml`.
    session: str = field(check=checks.text)
    #: The agreement as it was worded then, so the answer still reads right when the
    #: earlier file is edited or deleted.
    agreement: str = field(check=checks.text)
    answer: FollowupAnswer = field(check=checks.one_of(FOLLOWUP_ANSWERS))
    extra: Mapping[str, Any] = field(factory=dict, convert=checks.freeze)


def _optional_followup(instance: Any, name: str, value: Any) -> None:
    if value is not None and not isinstance(value, Followup):
        raise ModelError(name, _("must be a Followup, got {kind}").format(kind=type(value).__name__))


def _partner_names(value: Any) -> tuple[str, str]:
    names = checks.as_tuple(value)
    if len(names) != 2:
        raise ModelError("partners", _("needs exactly two names, got {count}").format(count=len(names)))
    try:
        return (clean_name(names[0]), clean_name(names[1]))
    except ModelError as error:
        raise ModelError("partners", error.problem) from None


@record
class Transcript:
    """A whole session, exactly what is saved to (and read from) its TOML file."""

    practice: str = field(check=checks.text)
    title: str = field(check=checks.text)
    started: datetime = field(check=checks.aware)
    partners: tuple[str, str] = field(convert=_partner_names)
    status: Status = field(default="in-progress", check=checks.one_of(STATUSES))
    ended: datetime | None = field(default=None, check=checks.aware)
    #: The language the session was held in, and its words are in ("en", "es"…);
    #: a file from before languages has none, and was English.
    language: str = field(default="en", check=checks.language)
    #: The turn length the couple chose, when it differs from the practice's.
    turn_s: int | None = field(default=None, check=checks.optional(checks.seconds(positive=True)))
    checkin: Checkin = field(factory=Checkin)
    #: How the last agreement before this session went, when the couple said.
    followup: Followup | None = field(default=None, check=_optional_followup)
    turns: tuple[Turn, ...] = field(default=(), convert=checks.as_tuple)
    breaks: tuple[Break, ...] = field(default=(), convert=checks.as_tuple)
    closing: Closing = field(factory=Closing)
    #: Turns taken back by undo and not handed over again, kept for the words on them
    #: (a note, keys a newer bridges wrote): an undo never loses a note, not to a
    #: crash, not to ending early. A resumed session gives each back to its step.
    taken_back: tuple[Turn, ...] = field(default=(), convert=checks.as_tuple)
    version: int = field(default=TRANSCRIPT_VERSION)
    #: Keys this version does not know, kept so that a rewrite never drops them.
    extra: Mapping[str, Any] = field(factory=dict, convert=checks.freeze)

    def _check_record(self) -> None:
        if self.status == "in-progress" and self.ended is not None:
            raise ModelError("ended", _("an in-progress session has no end time"))
        if self.status != "in-progress" and self.ended is None:
            raise ModelError("ended", _("a {status} session needs its end time").format(status=self.status))

    def floor_seconds(self) -> dict[str, float]:
        """Seconds each partner held the floor alone ("A", "B") and together ("both")."""
        return floor_seconds(self.turns)

    def balance(self) -> float | None:
        """A's share of the floor held alone, 0..1 (None before anyone spoke alone)."""
        floor = self.floor_seconds()
        alone = floor["A"] + floor["B"]
        return None if alone == 0 else floor["A"] / alone

    def name_of(self, speaker: str) -> str:
        """The name behind "A", "B" or "both"."""
        return partner_name(self.partners, speaker)
