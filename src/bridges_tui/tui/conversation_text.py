"""What the conversation screen shows, worked out from the `Conversation` alone: the
three lines above the panes (`step_text`) and what each partner's pane says
(`pane_states`). No widgets here: the screen puts these on show."""

from __future__ import annotations

from typing import NamedTuple

from bridges_tui.core.language.words import _, in_quotes
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
        return StepText(_("{practice} · all steps done").format(practice=conversation.practice.title),
                        _("Well done, both of you. Press space to see your summary."), "")
    step = planned.step
    # Starters help the one reflecting; the answer and a clarification are the
    # other partner's own words.
    helps = step.starters and conversation.phase in (None, "reflecting")
    return StepText(
        _step_heading(conversation, conversation.step_number, step.title)
        + _own_length(conversation) + _loop_mark(conversation),
        _prompt_text(conversation),
        _starters(step) if helps else "",
    )


def _note_text(conversation: Conversation, index: int) -> StepText:
    """The lines above the panes while the note of step `index` (0-based) is written."""
    planned = conversation.plan[index]
    note = planned.step.note
    writer = planned.note_writer or planned.speaker
    label = note.label if note is not None else _("a note")
    return StepText(
        _("{heading} · a note").format(heading=_step_heading(conversation, index + 1, planned.step.title)),
        f"{conversation.name_of(writer)}: {label}",
        "",
    )


def _step_heading(conversation: Conversation, number: int, title: str) -> str:
    """"Share the why · step 2 of 5 · Name what you want"."""
    return _("{practice} · step {number} of {count} · {step}").format(
        practice=conversation.practice.title, number=number, count=conversation.step_count, step=title)


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
                _("Wait for {name}'s answer.").format(name=conversation.name_of(other_partner(letter)))
                if asked else _("y  yes, you got it\nn  not quite"),
                status,
            )
        elif letter == holder:
            state = PaneState("speaking", shown, "", status)
        else:
            guidance = (_("Listen for what you missed; then you try again.")
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
    return _(" · {length}, its own length").format(length=format_duration(own))


def _loop_mark(conversation: Conversation) -> str:
    """Where a listening loop stands, for the heading ("" on other steps)."""
    if conversation.phase == "clarifying":
        return _(" · not quite yet")
    if conversation.tries is not None and conversation.tries > 1:
        return _(" · try {number}").format(number=conversation.tries)
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
    return _("{answerer}: did {reflector} get it? y: yes, you got it. "
             "n: not quite, and you say what they missed.").format(answerer=answerer, reflector=reflector)


def _clarifying(clarifier: str, reflector: str) -> str:
    return _("{clarifier}: say what {reflector} missed or got wrong. Then press "
             "space, and {reflector} tries again.").format(clarifier=clarifier, reflector=reflector)


def _starters(step: Step) -> str:
    return _("Try: {starters}").format(starters="  ·  ".join(in_quotes(s) for s in step.starters))


def texts_ahead(conversation: Conversation) -> list[StepText]:
    """Every set of lines the session can show above the panes, each as long as it
    gets (a listening loop's longest mark), so the step box can keep the height of
    the tallest from the start (see `StepBox`)."""
    texts: list[StepText] = []
    for number, planned in enumerate(conversation.plan, start=1):
        step = planned.step
        heading = (_step_heading(conversation, number, step.title)
                   + _own_length(conversation, planned) + _(" · not quite yet"))
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
        if letter != answering:
            return ""
        return _("Did {name} get it?").format(name=conversation.name_of(other_partner(letter)))
    if speaker not in (letter, "both"):
        return ""
    state = conversation.state
    if state == State.READY:
        return _("Press space when you are ready to begin.")
    if state == State.PAUSED:
        return _("Paused · Space or p to go on.")
    if state == State.SPEAKING and conversation.clock.overtime:
        return _("Time is up · finish your thought, then space.")
    return ""
