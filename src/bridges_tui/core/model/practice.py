"""A practice as data: its steps, the notes they ask for, its card in the picker, and
the plan a session walks (the round once with each partner leading); and the words
both halves of the model share: roles, speakers, note writers.

The other half, `model`, holds the couple and their sessions, and gives these names
too, so that the model is read as one vocabulary. Every record here checks its values
when it is made, like `model`'s.
"""

from __future__ import annotations

from typing import Any, Literal

from bridges_tui.core.language.words import _
from bridges_tui.core.model import field_checks as checks
from bridges_tui.core.model.field_checks import ModelError
from bridges_tui.core.model.records import field, record

#: Who speaks during a step, relative to the partner leading the round.
Role = Literal["lead", "other", "together"]
ROLES: tuple[str, ...] = ("lead", "other", "together")

#: Who holds the floor in a recorded turn: partner A, partner B, or both together.
Speaker = Literal["A", "B", "both"]
SPEAKERS: tuple[str, ...] = ("A", "B", "both")

#: Who writes a step's note: the one who spoke, or the one who listened.
NoteWriter = Literal["speaker", "listener"]
NOTE_WRITERS: tuple[str, ...] = ("speaker", "listener")


def other_partner(letter: str) -> Literal["A", "B"]:
    """The partner who is not `letter` ("A" -> "B")."""
    return "B" if letter == "A" else "A"


# --- practices --------------------------------------------------------------------


@record
class NoteSpec:
    """A note a step asks the couple to keep, e.g. "What did you hear?"."""

    label: str = field(check=checks.text)
    by: NoteWriter = field(default="listener", check=checks.one_of(NOTE_WRITERS))


def _confirm(step: Step, name: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise ModelError(name, _("must be true or false, got {value}").format(value=repr(value)))
    if value and step.speaker == "together":
        raise ModelError(name, _("a together step has no listener to confirm it"))


@record
class Step:
    """One step of a practice: who speaks, for how long, and what the screen says."""

    id: str = field(check=checks.text)
    title: str = field(check=checks.text)
    speaker: Role = field(check=checks.one_of(ROLES))
    prompt: str = field(check=checks.text)
    #: What the listener is asked to do meanwhile (empty for a `together` step).
    listener: str = field(default="", check=checks.optional_text)
    #: Suggested length in seconds; None means "the practice's turn length".
    seconds: int | None = field(default=None, check=checks.optional(checks.seconds(positive=True)))
    starters: tuple[str, ...] = field(default=(), convert=checks.as_tuple, check=checks.texts)
    note: NoteSpec | None = field(default=None)
    #: A listening loop: the speaker reflects back what they heard, and the partner
    #: they heard answers "yes, you got it" or "not quite" (see `listening_loop`).
    confirm: bool = field(default=False, check=_confirm)


@record
class PracticeCard:
    """What the picker and the help say of a practice, without its steps: a card can
    be read from a script's first lines, so the first screen parses no steps."""

    id: str = field(check=checks.text)
    title: str = field(check=checks.text)
    summary: str = field(check=checks.text)
    #: The suggested length of a turn.
    turn_seconds: int = field(check=checks.seconds(positive=True))
    #: How many turns a session of it has: the opening, the round twice, the closing.
    turns: int = field(check=checks.count)
    #: The time of the turns whose step sets its own length.
    set_seconds: int = field(check=checks.count)
    #: How many turns take the turn length the couple chooses.
    free_turns: int = field(check=checks.count)
    #: "built-in" or "user"; where the script came from.
    source: str = field(default="built-in")
    path: str | None = field(default=None)
    idea: str | None = field(default=None, check=checks.optional_text)

    def seconds(self, turn_seconds: int | None = None) -> int:
        """How long a session of it takes, every turn to its time, at the turn length
        the couple chose (default: the practice's own)."""
        turn = self.turn_seconds if turn_seconds is None else turn_seconds
        return self.set_seconds + self.free_turns * turn


@record
class Practice:
    """A guided practice: opening steps, a round run once with each partner leading,
    and closing steps."""

    id: str = field(check=checks.text)
    title: str = field(check=checks.text)
    summary: str = field(check=checks.text)
    #: The suggested length of a turn, used by every step that names no length.
    turn_seconds: int = field(check=checks.seconds(positive=True))
    opening: tuple[Step, ...] = field(default=(), convert=checks.as_tuple)
    round: tuple[Step, ...] = field(default=(), convert=checks.as_tuple)
    closing: tuple[Step, ...] = field(default=(), convert=checks.as_tuple)
    #: "built-in" or "user"; where the script came from.
    source: str = field(default="built-in")
    #: The script file, when known (user scripts, and built-ins for `bridges check`).
    path: str | None = field(default=None)
    #: The idea behind the practice in two or three sentences (the help screen).
    idea: str | None = field(default=None, check=checks.optional_text)
    #: How to put a blaming note in this practice's frame (the phrasing hint).
    reframe: str | None = field(default=None, check=checks.optional_text)
    #: The language its words are in ("en", "es"…): always known for a built-in; for
    #: the couple's own script, what its `language` key says, if anything.
    language: str | None = field(default=None, check=checks.optional(checks.language))

    def _check_record(self) -> None:
        if not (self.opening or self.round or self.closing):
            raise ModelError("steps", _("a practice needs at least one step"))
        seen: set[str] = set()
        for step in (*self.opening, *self.round, *self.closing):
            if step.id in seen:
                raise ModelError(
                    _("step {id}").format(id=repr(step.id)) + ".id", _("is used by more than one step")
                )
            seen.add(step.id)

    @property
    def card(self) -> PracticeCard:
        """What the picker shows of this practice."""
        plan = self.plan()
        set_seconds = sum(p.step.seconds for p in plan if p.step.seconds is not None)
        free_turns = sum(1 for p in plan if p.step.seconds is None)
        return PracticeCard(id=self.id, title=self.title, summary=self.summary,
                            turn_seconds=self.turn_seconds, turns=len(plan),
                            set_seconds=set_seconds, free_turns=free_turns,
                            source=self.source, path=self.path, idea=self.idea)

    def seconds_for(self, step: Step, turn_seconds: int | None = None) -> int:
        """How long `step` runs, given the turn length the couple chose (if any)."""
        if step.seconds is not None:
            return step.seconds
        return turn_seconds if turn_seconds is not None else self.turn_seconds

    def plan(self) -> tuple[PlannedStep, ...]:
        """Every step in the order a session walks them: opening, the round led by A,
        the round led by B, closing."""
        planned: list[PlannedStep] = []
        for step in self.opening:
            planned.append(PlannedStep(step, "opening", "A"))
        for lead in ("A", "B"):
            for step in self.round:
                planned.append(PlannedStep(step, "round", lead))
        for step in self.closing:
            planned.append(PlannedStep(step, "closing", "A"))
        return tuple(planned)


@record
class PlannedStep:
    """A step placed in a session: which part it belongs to and who leads it."""

    step: Step
    part: Literal["opening", "round", "closing"]
    lead: Literal["A", "B"]

    @property
    def speaker(self) -> Speaker:
        """Who holds the floor: "A", "B" or "both"."""
        if self.step.speaker == "together":
            return "both"
        if self.step.speaker == "lead":
            return self.lead
        return other_partner(self.lead)

    @property
    def listener(self) -> str | None:
        """Who listens, or None on a together step."""
        return None if self.speaker == "both" else other_partner(self.speaker)

    @property
    def note_writer(self) -> Speaker | None:
        """The partner who writes this step's note, if it asks for one."""
        note = self.step.note
        if note is None:
            return None
        if self.speaker == "both":
            return "both"
        return self.speaker if note.by == "speaker" else other_partner(self.speaker)
