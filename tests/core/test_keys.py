"""The key table: every moment against every key, walked through a real conversation
on a fake clock; the guard against a double Space; undo back to the session's start."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from bridges_tui.core.model.session import NoteSpec, Practice, Step
from bridges_tui.core.talk.conversation import Conversation, ConversationError
from bridges_tui.core.talk.keys import (
    GUARD_SECONDS,
    KEY_NAMES,
    KEYS,
    TABLE,
    WORDS,
    Effect,
    Moment,
    effect,
    moment_of,
    wait_words,
)
from bridges_tui.core.talk.states import STATES, State
from bridges_tui.testing.clock import FakeClock

#: Long enough after any move that the guard is not in the way.
SETTLED = 5


def practice() -> Practice:
    """Arrive (together, 60 s), then a round of: say (note by the listener), mirror
    (a listening loop), then a closing step: eight planned steps."""
    return Practice(
        id="keys", title="Keys", summary="Every moment of a conversation.", turn_seconds=120,
        opening=[Step("arrive", "Arrive", "together", "Breathe together.", seconds=60)],
        round=[
            Step("say", "Say it", "lead", "Say what you want.", "Listen.",
                 note=NoteSpec("What I heard", by="listener")),
            Step("mirror", "Say it back", "other", "Say it back.", "Answer.", confirm=True),
        ],
        closing=[Step("keep", "Keep", "together", "What will you keep?")],
    )


def begin(clock: FakeClock) -> Conversation:
    return Conversation(practice(), ("Sam", "Alex"), now=clock, wall=clock.wall)


def turn(talk: Conversation, clock: FakeClock, seconds: float = 20) -> None:
    """A whole turn by keys: Space, talk, Space (and y on a loop; a note skipped)."""
    clock.advance(SETTLED)
    talk.press("space")
    clock.advance(seconds)
    talk.press("space")
    clock.advance(SETTLED)
    if talk.moment == Moment.CHECKING:
        talk.press("y")
        clock.advance(SETTLED)
    if talk.moment == Moment.NOTE:
        talk.skip_note()


# --- each moment, reached as a couple reach it ----------------------------------------


def before(talk: Conversation, clock: FakeClock) -> None:
    clock.advance(SETTLED)


def between(talk: Conversation, clock: FakeClock) -> None:
    turn(talk, clock)


def speaking(talk: Conversation, clock: FakeClock) -> None:
    between(talk, clock)
    talk.press("space")
    clock.advance(SETTLED)


def overtime(talk: Conversation, clock: FakeClock) -> None:
    speaking(talk, clock)
    clock.advance(200)


def paused(talk: Conversation, clock: FakeClock) -> None:
    speaking(talk, clock)
    talk.press("p")
    clock.advance(SETTLED)


def paused_after_undo(talk: Conversation, clock: FakeClock) -> None:
    turn(talk, clock)
    turn(talk, clock)
    talk.press("u")
    clock.advance(SETTLED)


def clarifying(talk: Conversation, clock: FakeClock) -> None:
    checking(talk, clock)
    talk.press("n")
    clock.advance(SETTLED)


def checking(talk: Conversation, clock: FakeClock) -> None:
    turn(talk, clock)
    turn(talk, clock)
    talk.press("space")
    clock.advance(SETTLED)
    talk.press("space")
    clock.advance(SETTLED)


def note(talk: Conversation, clock: FakeClock) -> None:
    turn(talk, clock)
    talk.press("space")
    clock.advance(SETTLED)
    talk.press("space")
    clock.advance(SETTLED)


def breather(talk: Conversation, clock: FakeClock) -> None:
    speaking(talk, clock)
    talk.start_break()
    clock.advance(SETTLED)


def done(talk: Conversation, clock: FakeClock) -> None:
    while talk.state != State.DONE:
        turn(talk, clock)


def ended(talk: Conversation, clock: FakeClock) -> None:
    turn(talk, clock)
    talk.end_early()
    clock.advance(SETTLED)


@dataclass(frozen=True)
class Scene:
    name: str
    moment: Moment
    reach: Callable[[Conversation, FakeClock], None]


SCENES = (
    Scene("before the first turn", Moment.BEFORE, before),
    Scene("between steps", Moment.BETWEEN, between),
    Scene("speaking", Moment.SPEAKING, speaking),
    Scene("clarifying after a not quite", Moment.SPEAKING, clarifying),
    Scene("overtime", Moment.OVERTIME, overtime),
    Scene("paused", Moment.PAUSED, paused),
    Scene("paused after an undo", Moment.PAUSED, paused_after_undo),
    Scene("waiting on the listening check", Moment.CHECKING, checking),
    Scene("writing a note", Moment.NOTE, note),
    Scene("on a breather", Moment.BREATHER, breather),
    Scene("every step done", Moment.DONE, done),
    Scene("ended", Moment.ENDED, ended),
)


def figures(talk: Conversation) -> tuple[object, ...]:
    """All a key could change: the state, the step, the loop, the turns, the clock."""
    return (talk.state, talk.position, talk.phase, talk.tries, talk.turns, talk.pending_note,
            talk.clock.state, round(talk.clock.planned_s, 3), round(talk.clock.spoken_s, 3))


def test_every_moment_is_reached_by_a_scene_and_every_state_has_a_moment() -> None:
    assert {scene.moment for scene in SCENES} == set(Moment)
    for state in STATES:
        assert isinstance(moment_of(state, overtime=False, note_pending=False, recorded=1), Moment)
    assert set(TABLE) == set(Moment)
    assert all(tuple(row) == KEY_NAMES for row in TABLE.values())
    assert all(WORDS[effect].help for effect in Effect)


@pytest.mark.parametrize("scene", SCENES, ids=lambda scene: scene.name)
def test_the_whole_key_table_is_what_the_conversation_does(scene: Scene) -> None:
    for key in KEY_NAMES:
        clock = FakeClock()
        talk = begin(clock)
        scene.reach(talk, clock)
        assert talk.moment == scene.moment
        expected = TABLE[scene.moment][key]
        assert talk.effect_of(key) == expected, (scene.name, key)
        was = figures(talk)
        turns, planned, tries = len(talk.turns), talk.clock.planned_s, talk.tries
        refused = None
        try:
            assert talk.press(key) == expected
        except ConversationError as error:
            refused = str(error)
        where = f"{scene.name}: {key} ({expected})"
        if refused is not None:
            # Only undo is ever refused by a key, and then it says why and changes nothing.
            assert expected == Effect.UNDO and "undo" in refused, where
            assert figures(talk) == was, where
        elif expected == Effect.START:
            assert talk.state == State.SPEAKING and len(talk.turns) == turns, where
        elif expected == Effect.HAND_OVER:
            # Recorded, or asked "did I get it?", or (after a clarification) tried again.
            assert (len(talk.turns) == turns + 1 or talk.state == State.CONFIRMING
                    or (talk.state == State.SPEAKING and talk.tries == (tries or 0) + 1)), where
        elif expected == Effect.RESUME:
            assert talk.state == State.SPEAKING and len(talk.turns) == turns, where
        elif expected == Effect.PAUSE:
            assert talk.state == State.PAUSED, where
        elif expected == Effect.MORE_TIME:
            assert talk.clock.planned_s == pytest.approx(planned + 30), where
        elif expected == Effect.LESS_TIME:
            assert talk.clock.planned_s == pytest.approx(max(planned - 30, talk.clock.spoken_s)), where
        elif expected == Effect.GOT_IT:
            assert len(talk.turns) == turns + 1, where
        elif expected == Effect.NOT_QUITE:
            assert (talk.state, talk.phase) == (State.SPEAKING, "clarifying"), where
        elif expected == Effect.UNDO:
            assert figures(talk) != was, where
            assert len(talk.turns) <= turns, where
        else:
            # Nothing, or something a screen does (a breather, the note box, the summary,
            # asking before ending): the conversation itself is as it was.
            assert figures(talk) == was, where


def test_space_in_a_paused_turn_goes_on_and_never_hands_over() -> None:
    clock = FakeClock()
    talk = begin(clock)
    paused(talk, clock)
    assert talk.press("space") == Effect.RESUME
    assert talk.state == State.SPEAKING and len(talk.turns) == 1
    clock.advance(SETTLED)
    talk.press("p")
    talk.start_break()
    clock.advance(60)
    talk.end_break()
    assert talk.moment == Moment.PAUSED
    assert talk.press("space") == Effect.RESUME  # after a breather too
    assert talk.state == State.SPEAKING and len(talk.turns) == 1


def test_a_double_space_at_a_turns_start_keeps_the_turn_going() -> None:
    clock = FakeClock()
    talk = begin(clock)
    assert talk.press("space") == Effect.START
    clock.advance(0.3)
    assert talk.press("space") == Effect.WAIT
    assert wait_words(talk.moment) == "Space again to hand over"
    assert talk.state == State.SPEAKING and talk.turns == ()
    clock.advance(GUARD_SECONDS)
    assert talk.press("space") == Effect.HAND_OVER
    assert len(talk.turns) == 1


def test_the_guard_counts_from_a_resume_and_a_hand_over_too() -> None:
    clock = FakeClock()
    talk = begin(clock)
    paused(talk, clock)
    talk.press("space")  # goes on
    clock.advance(0.5)
    assert talk.press("space") == Effect.WAIT and talk.state == State.SPEAKING
    clock.advance(20)
    talk.press("space")
    talk.skip_note()
    clock.advance(0.4)
    assert talk.moment == Moment.BETWEEN
    assert talk.press("space") == Effect.START, "the next speaker may begin at once"
    assert talk.press("space") == Effect.WAIT and talk.state == State.SPEAKING


def test_the_space_that_ended_a_turn_stays_out_of_its_note() -> None:
    clock = FakeClock()
    talk = begin(clock)
    turn(talk, clock)
    talk.press("space")
    clock.advance(30)
    talk.press("space")  # "say" asks for a note
    assert talk.moment == Moment.NOTE
    clock.advance(0.2)
    assert talk.effect_of("space") == Effect.WAIT
    assert talk.effect_of("e") == Effect.TYPE
    clock.advance(GUARD_SECONDS)
    assert talk.effect_of("space") == Effect.TYPE


def test_undo_goes_back_hand_over_by_hand_over_to_the_start_with_every_note() -> None:
    clock = FakeClock()
    talk = begin(clock)
    for seconds in (20, 40):
        turn(talk, clock, seconds)  # arrive, then say (its note skipped)
    talk.set_note(1, "Sundays matter")
    talk.set_note(0, "we sat down")
    turn(talk, clock, 30)  # mirror
    talk.set_note(2, "got it at once")
    assert [t.step for t in talk.turns] == ["arrive", "say", "mirror"]

    assert talk.press("u") == Effect.UNDO  # mirror: back to its question
    assert (talk.state, talk.position) == (State.CONFIRMING, 2)
    talk.press("u")  # the question taken back: mirror paused
    assert (talk.state, talk.position, talk.phase) == (State.PAUSED, 2, "reflecting")
    talk.press("u")
    assert (talk.state, talk.position) == (State.PAUSED, 1)
    assert talk.clock.spoken_s == pytest.approx(40)
    talk.press("u")
    assert (talk.state, talk.position, talk.turns) == (State.PAUSED, 0, ())
    assert talk.clock.spoken_s == pytest.approx(20)
    assert not talk.can_undo
    with pytest.raises(ConversationError, match="no hand-over"):
        talk.press("u")

    # Forward again: every note comes back on its step.
    clock.advance(SETTLED)
    talk.press("space")  # goes on with arrive
    clock.advance(5)
    talk.press("space")
    assert talk.turns[0].note == "we sat down" and talk.turns[0].spoken_s == 25
    turn(talk, clock, 10)
    turn(talk, clock, 10)
    assert [t.note for t in talk.turns] == ["we sat down", "Sundays matter", "got it at once"]


def test_undo_stops_stepping_back_once_the_turn_brought_back_runs_again() -> None:
    clock = FakeClock()
    talk = begin(clock)
    turn(talk, clock)
    turn(talk, clock)
    talk.press("u")
    assert talk.can_undo
    talk.press("space")  # goes on: words said now would be lost by another undo
    clock.advance(3)
    talk.press("p")
    assert not talk.can_undo
    with pytest.raises(ConversationError, match="too late to undo"):
        talk.press("u")


def test_a_key_the_conversation_does_not_bind_does_nothing() -> None:
    assert effect(Moment.SPEAKING, "z") == Effect.NOTHING
    assert [key.display for key in KEYS][:2] == ["Space", "p"]


def test_the_last_hand_over_and_a_quick_space_do_not_close_the_session() -> None:
    clock = FakeClock()
    talk = begin(clock)
    done(talk, clock)
    talk.undo()
    clock.advance(SETTLED)
    talk.press("space")  # goes on with the last step
    clock.advance(3)
    talk.press("space")
    assert talk.moment == Moment.DONE
    assert talk.press("space") == Effect.WAIT
    assert wait_words(talk.moment) == "Space again for the summary"
    clock.advance(GUARD_SECONDS)
    assert talk.press("space") == Effect.SUMMARY


def test_a_note_kept_or_skipped_ends_the_guard() -> None:
    clock = FakeClock()
    talk = begin(clock)
    turn(talk, clock)
    talk.press("space")
    clock.advance(30)
    talk.press("space")
    assert talk.moment == Moment.NOTE and talk.guarding
    talk.set_note(1, "heard")
    assert not talk.guarding, "a key after the note's Enter is meant"
