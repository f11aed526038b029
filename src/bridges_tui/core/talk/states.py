"""The states a conversation is in (`State`), and why a move is refused in each.

- READY: the current step is waiting for its speaker to begin.
- SPEAKING / PAUSED: a turn is on the floor (in a listening loop, possibly the
  listener's clarification: see `Conversation.floor_holder` and `step_floor`).
- CONFIRMING: a listening loop waits for its answer: did they get it?
- ON_BREAK: a breather; the turn clock is frozen until it ends.
- DONE: every step is recorded; the session awaits `finish()`.
- FINISHED: complete or ended early; only notes, check-in and closing can change.

A `State` is a `str` too ("ready", "speaking"…), so it compares equal to those words.
"""

from __future__ import annotations

from enum import StrEnum

from bridges_tui.core.language.words import N_, _
from bridges_tui.core.talk.session_record import ConversationError


class State(StrEnum):
    """Where a conversation stands (see the module docstring)."""

    READY = "ready"
    SPEAKING = "speaking"
    PAUSED = "paused"
    CONFIRMING = "confirming"
    ON_BREAK = "on-break"
    DONE = "done"
    FINISHED = "finished"


#: Every state, in the order a session meets them.
STATES: tuple[State, ...] = tuple(State)

#: A turn is on the floor (speaking, paused, or waiting for "did I get it?").
ON_THE_FLOOR = frozenset({State.SPEAKING, State.PAUSED, State.CONFIRMING})

#: Why a move is refused: by state, or by (state, move) where that says it better.
_REFUSALS: dict[State | tuple[State, str], str] = {
    State.READY: N_("the turn has not started yet"),
    State.SPEAKING: N_("a turn is on the floor"),
    State.PAUSED: N_("the turn is paused"),
    State.CONFIRMING: N_("waiting for the answer: did they get it? (y or n)"),
    State.ON_BREAK: N_("you are on a breather; end it first"),
    State.DONE: N_("every step is done"),
    State.FINISHED: N_("this session has ended"),
    (State.SPEAKING, "resume"): N_("the turn is not paused"),
    (State.PAUSED, "pause"): N_("the turn is already paused"),
    (State.SPEAKING, "start-turn"): N_("the turn has already started"),
    (State.PAUSED, "start-turn"): N_("the turn has already started (it is paused; resume it)"),
}


def require(state: State, allowed: set[State] | frozenset[State], action: str) -> None:
    """Refuse `action` (ConversationError, saying why) unless `state` is `allowed`."""
    if state in allowed:
        return
    reason = _REFUSALS.get((state, action)) or _REFUSALS[state]
    raise ConversationError(refused(action, _(reason)))


#: Each move a couple can be refused, as one whole sentence with its reason in it (a
#: language puts the verb where it belongs), keyed by the move's name in the code.
_CANNOT: dict[str, str] = {
    "start-turn": N_("cannot start a turn: {reason}"),
    "hand-over": N_("cannot hand over the floor: {reason}"),
    "confirm": N_("cannot say got it: {reason}"),
    "not-quite": N_("cannot say not quite: {reason}"),
    "pause": N_("cannot pause: {reason}"),
    "resume": N_("cannot resume: {reason}"),
    "pause-or-resume": N_("cannot pause or resume: {reason}"),
    "add-time": N_("cannot add time: {reason}"),
    "take-time": N_("cannot take time away: {reason}"),
    "breather": N_("cannot take a breather: {reason}"),
    "end-breather": N_("cannot end a breather: {reason}"),
}


def refused(action: str, reason: str) -> str:
    """Why `action` is refused, in one sentence in the language spoken (`reason`
    already said in it)."""
    return _(_CANNOT[action]).format(reason=reason)
