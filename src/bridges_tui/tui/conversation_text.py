"""What the conversation screen shows, worked out from the `Conversation` alone: the
three lines above the panes (`step_text`) and what each partner's pane says
(`pane_states`). No widgets here: the screen puts these on show."""

from __future__ import annotations

from typing import NamedTuple

from bridges_tui.core.model.practice import PlannedStep, Step
from bridges_tui.core.model.session import other_partner
from bridges_tui.core.talk.conversation import Conversation, State
from bridges_tui.core.text.durations import format_duration
from bridges_tui.tui.widgets.partner_pane import PaneState


class StepText(NamedTuple):
    """The three lines above the panes; an empty line is hidden."""

    heading: str
    prompt: str
    starters: str


def step_text(conversation: Conversation) -> StepText:
    """The lines above the panes: where the couple is, what to do, how to begin.

    While a step's note is being written the lines still belong to that step (the
    next one appears once the note is kept or skipped)."""
    if conversation.pending_note is not None:
        return _note_text(conversation, conversation.pending_note)
    planned = conversation.current
    if planned is None:
        return StepText(f"{conversation.practice.title} · all steps done",
                        "Well done, both of you. Press space to see your summary.", "")
    step = planned.step
    # Starters help the one reflecting; the answer and a clarification are the
    # other partner's own words.
    helps = step.starters and conversation.phase in (None, "reflecting")
    return StepText(
        f"{conversation.practice.title} · step {conversation.step_number} of "
        f"{conversation.step_count} · {step.title}{_own_length(conversation)}{_loop_mark(conversation)}",
        _prompt_text(conversation),
        _starters(step) if helps else "",
    )


def _note_text(conversation: Conversation, index: int) -> StepText:
    """The lines above the panes while the note of step `index` (0-based) is written."""
    planned = conversation.plan[index]
    note = planned.step.note
    writer = planned.note_writer or planned.speaker
    return StepText(
        f"{conversation.practice.title} · step {index + 1} of {conversation.step_count} · "
        f"{planned.step.title} · a note",
        f"{conversation.name_of(writer)}: {note.label if note is not None else 'a note'}",
        "",
    )


def pane_states(conversation: Conversation) -> dict[str, PaneState]:
    """What each partner's pane shows now."""
    planned = conversation.current
    if planned is None:
        return {"A": PaneState(), "B": PaneState()}
    holder = conversation.floor_holder or planned.speaker
    phase = conversation.phase
    shown = conversation.clock.shown_seconds()
    states = {}
    for letter in ("A", "B"):
        status = _status_line(conversation, letter, holder)
        if holder == "both":
            state = PaneState("together", shown, "", status)
        elif phase == "confirming":
            asked = letter == planned.speaker
            state = PaneState(
                "asking" if asked else "answering", None,
                f"Wait for {conversation.name_of(other_partner(letter))}'s answer."
                if asked else "y  yes, you got it\nn  not quite",
                status,
            )
        elif letter == holder:
            state = PaneState("speaking", shown, "", status)
        else:
            guidance = ("Listen for what you missed; then you try again."
                        if phase == "clarifying" else planned.step.listener)
            state = PaneState("listening", None, guidance, status)
        states[letter] = state
    return states


def _own_length(conversation: Conversation, planned: PlannedStep | None = None) -> str:
    """On a step that keeps a length of its own, once the couple chose another turn
    length at setup: say so, or "90s" chosen and a clock starting at 1:00 puzzles."""
    planned = planned or conversation.current
    own = planned.step.seconds if planned is not None else None
    chosen = conversation.turn_seconds
    if own is None or own == chosen or chosen == conversation.practice.turn_seconds:
        return ""
    return f" · {format_duration(own)}, its own length"


def _loop_mark(conversation: Conversation) -> str:
    """Where a listening loop stands, for the heading ("" on other steps)."""
    if conversation.phase == "clarifying":
        return " · not quite yet"
    if conversation.tries is not None and conversation.tries > 1:
        return f" · try {conversation.tries}"
    return ""


def _prompt_text(conversation: Conversation) -> str:
    """The line above the panes: the step's prompt, or the listening loop's moment."""
    planned = conversation.current
    assert planned is not None
    reflector = conversation.name_of(planned.speaker)
    other = conversation.name_of(other_partner(planned.speaker))
    if conversation.phase == "confirming":
        return _asking(other, reflector)
    if conversation.phase == "clarifying":
        return _clarifying(other, reflector)
    return f"{reflector}: {planned.step.prompt}"


def _asking(answerer: str, reflector: str) -> str:
    return (f"{answerer}: did {reflector} get it? y: yes, you got it. "
            "n: not quite, and you say what they missed.")


def _clarifying(clarifier: str, reflector: str) -> str:
    return (f"{clarifier}: say what {reflector} missed or got wrong. Then press "
            f"space, and {reflector} tries again.")


def _starters(step: Step) -> str:
    return "Try: " + "  ·  ".join(f"“{s}”" for s in step.starters)


def texts_ahead(conversation: Conversation) -> list[StepText]:
    """Every set of lines the session can show above the panes, each as long as it
    gets (a listening loop's longest mark), so the step box can keep the height of
    the tallest from the start (see `StepBox`)."""
    texts: list[StepText] = []
    count = conversation.step_count
    for number, planned in enumerate(conversation.plan, start=1):
        step = planned.step
        heading = (f"{conversation.practice.title} · step {number} of {count} · {step.title}"
                   f"{_own_length(conversation, planned)} · not quite yet")
        reflector = conversation.name_of(planned.speaker)
        texts.append(StepText(heading, f"{reflector}: {step.prompt}", _starters(step) if step.starters else ""))
        if step.confirm:
            other = conversation.name_of(other_partner(planned.speaker))
            texts.append(StepText(heading, _asking(other, reflector), ""))
            texts.append(StepText(heading, _clarifying(other, reflector), ""))
    return texts


def _status_line(conversation: Conversation, letter: str, speaker: str) -> str:
    if conversation.state == State.CONFIRMING:
        planned = conversation.current
        answering = other_partner(planned.speaker) if planned is not None else None
        return f"Did {conversation.name_of(other_partner(letter))} get it?" if letter == answering else ""
    if speaker not in (letter, "both"):
        return ""
    state = conversation.state
    if state == State.READY:
        return "Press space when you are ready to begin."
    if state == State.PAUSED:
        return "Paused · Space or p to go on."
    if state == State.SPEAKING and conversation.clock.overtime:
        return "Time is up · finish your thought, then space."
    return ""
