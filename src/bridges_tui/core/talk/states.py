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
    State.READY: "the turn has not started yet",
    State.SPEAKING: "a turn is on the floor",
    State.PAUSED: "the turn is paused",
    State.CONFIRMING: "waiting for the answer: did they get it? (y or n)",
    State.ON_BREAK: "you are on a breather; end it first",
    State.DONE: "every step is done",
    State.FINISHED: "this session has ended",
    (State.SPEAKING, "resume"): "the turn is not paused",
    (State.PAUSED, "pause"): "the turn is already paused",
    (State.SPEAKING, "start a turn"): "the turn has already started",
    (State.PAUSED, "start a turn"): "the turn has already started (it is paused; resume it)",
}


def require(state: State, allowed: set[State] | frozenset[State], action: str) -> None:
    """Refuse `action` (ConversationError, saying why) unless `state` is `allowed`."""
    if state in allowed:
        return
    reason = _REFUSALS.get((state, action)) or _REFUSALS[state]
    raise ConversationError(f"cannot {action}: {reason}")
