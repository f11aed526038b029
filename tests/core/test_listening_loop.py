"""The listening loop: a step whose speaker reflects back, and the partner they heard
answers "yes, you got it" (y) or "not quite" (n). Driven through `Conversation` with
fake clocks, checked against the turns it records."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridges_tui.core.files.transcript_file import dump_transcript, load_transcript
from bridges_tui.core.model.session import ModelError, NoteSpec, Practice, Step
from bridges_tui.core.talk.clock import ClockError
from bridges_tui.core.talk.conversation import STATES, Conversation, ConversationError
from bridges_tui.core.talk.step_floor import CLARIFY_SECONDS
from bridges_tui.testing.clock import FakeClock


def mirror_practice() -> Practice:
    """A round of two steps: the lead says it, the other reflects it back until the
    lead says "yes, you got it"; then a together closing."""
    return Practice(
        id="mirror", title="Mirror", summary="A listening loop for tests.", turn_seconds=120,
        round=[
            Step("say", "Say it", "lead", "Say what matters.", "Listen."),
            Step("mirror", "Say it back", "other", "Say back what you heard.",
                 "Hear it come back.", seconds=60, confirm=True,
                 note=NoteSpec("What I heard", by="speaker")),
        ],
        closing=[Step("close", "Close", "together", "What now?", seconds=60)],
    )


@pytest.fixture
def fake() -> FakeClock:
    return FakeClock()


def begin(fake: FakeClock) -> Conversation:
    return Conversation(mirror_practice(), ("Sam", "Alex"), now=fake, wall=fake.wall)


def to_the_mirror(talk: Conversation, fake: FakeClock) -> None:
    """Sam says it (100 s); Alex's reflection is up next."""
    talk.start_turn()
    fake.advance(100)
    talk.hand_over()


def test_yes_first_time_records_one_try(fake: FakeClock) -> None:
    talk = begin(fake)
    to_the_mirror(talk, fake)
    assert (talk.phase, talk.tries, talk.floor_holder) == ("reflecting", 1, "B")
    talk.start_turn()
    fake.advance(40)
    assert talk.hand_over() is None, "asking 'did I get it?' records nothing yet"
    assert talk.state == "confirming" and talk.pending_note is None
    fake.advance(9)  # Sam thinks about it: nobody's floor time
    assert talk.floor_seconds() == {"A": 100, "B": 40, "both": 0}
    turn = talk.confirm()
    assert (turn.step, turn.speaker, turn.spoken_s, turn.tries, turn.clarify_s) == (
        "mirror", "B", 40, 1, None)
    assert talk.pending_note == 1 and talk.state == "ready" and talk.phase is None


def test_not_quite_gives_the_floor_back_and_counts_every_try(fake: FakeClock) -> None:
    talk = begin(fake)
    to_the_mirror(talk, fake)
    talk.start_turn()
    fake.advance(50)
    talk.hand_over()
    talk.not_quite()
    # Sam clarifies on a clock of their own; it is Sam's floor time.
    assert (talk.state, talk.phase, talk.floor_holder) == ("speaking", "clarifying", "A")
    assert talk.clock.planned_s == CLARIFY_SECONDS
    fake.advance(20)
    talk.pause()
    fake.advance(5)
    talk.resume()
    fake.advance(10)
    assert talk.floor_seconds() == {"A": 130, "B": 50, "both": 0}
    talk.hand_over()
    # Alex tries again at once; the clock carries on from the first try (10 s left).
    assert (talk.state, talk.phase, talk.tries, talk.floor_holder) == ("speaking", "reflecting", 2, "B")
    assert talk.clock.spoken_s == pytest.approx(50) and talk.clock.remaining_s == pytest.approx(10)
    fake.advance(30)
    talk.hand_over()
    talk.not_quite()
    fake.advance(8)
    talk.hand_over()
    fake.advance(12)
    talk.hand_over()
    turn = talk.confirm()
    assert (turn.spoken_s, turn.tries, turn.clarify_s, turn.paused_s) == (92, 3, 38, 5)
    assert turn.overtime_s == 32, "tries share one allowance; overtime is the reflector's"
    transcript = talk.transcript()
    assert transcript.floor_seconds() == {"A": 138, "B": 92, "both": 0}
    # In the file: `tries` and `clarify_s` on the turn, and they read back the same.
    text = dump_transcript(transcript)
    assert "tries = 3\nclarify_s = 38" in text
    assert load_transcript(text) == transcript


def test_y_and_n_only_mean_something_while_the_answer_is_awaited(fake: FakeClock) -> None:
    talk = begin(fake)
    with pytest.raises(ConversationError, match="does not ask whether you got it"):
        talk.confirm()
    to_the_mirror(talk, fake)
    talk.start_turn()
    with pytest.raises(ConversationError, match="cannot say not quite: a turn is on the floor"):
        talk.not_quite()
    talk.hand_over()
    with pytest.raises(ConversationError, match="did they get it"):
        talk.start_turn()
    with pytest.raises(ConversationError, match="did they get it"):
        talk.hand_over()


def test_every_move_of_the_loop_can_be_taken_back_with_time_intact(fake: FakeClock) -> None:
    talk = begin(fake)
    to_the_mirror(talk, fake)
    talk.start_turn()
    fake.advance(30)
    talk.hand_over()  # a stray space: Alex wasn't done
    assert talk.can_undo
    assert talk.undo() is None
    assert (talk.state, talk.phase) == ("paused", "reflecting")
    assert talk.clock.spoken_s == pytest.approx(30)
    talk.resume()
    fake.advance(10)
    talk.hand_over()
    talk.not_quite()  # a stray n
    fake.advance(2)
    talk.undo()
    assert (talk.state, talk.phase) == ("confirming", "confirming")
    talk.not_quite()
    fake.advance(15)
    talk.hand_over()  # Sam hands back too soon
    fake.advance(3)
    talk.undo()
    assert (talk.state, talk.phase, talk.tries, talk.floor_holder) == ("paused", "clarifying", 1, "A")
    talk.resume()
    fake.advance(5)
    talk.hand_over()
    fake.advance(20)
    talk.hand_over()
    talk.confirm()  # a stray y: undo comes back to the question
    assert talk.undo().step == "mirror"
    assert (talk.state, talk.tries) == ("confirming", 2)
    turn = talk.confirm()
    # Alex: 30 + 10 + 3 (after the undone hand-back) + 20; Sam: 2 + 15 + 5.
    assert (turn.spoken_s, turn.clarify_s, turn.tries) == (63, 22, 2)
    assert turn.paused_s == 0, "an undo's moment of reflection is no one's pause"


def test_a_breather_during_the_loop_comes_back_where_it_was(fake: FakeClock) -> None:
    talk = begin(fake)
    to_the_mirror(talk, fake)
    talk.start_turn()
    fake.advance(20)
    talk.hand_over()
    talk.start_break()
    fake.advance(300)
    talk.end_break()
    assert talk.state == "confirming"
    talk.not_quite()
    fake.advance(10)
    talk.start_break()
    assert not talk.can_undo
    fake.advance(60)
    talk.end_break()
    assert (talk.state, talk.floor_holder) == ("paused", "A")
    talk.resume()
    fake.advance(5)
    talk.hand_over()
    fake.advance(10)
    talk.hand_over()
    turn = talk.confirm()
    assert (turn.spoken_s, turn.clarify_s, turn.tries) == (30, 15, 2)
    assert [b.seconds for b in talk.breaks] == [300, 60]


@pytest.mark.parametrize("moment", ["confirming", "clarifying"])
def test_ending_early_inside_the_loop_keeps_what_was_said(fake: FakeClock, moment: str) -> None:
    talk = begin(fake)
    to_the_mirror(talk, fake)
    talk.start_turn()
    fake.advance(25)
    talk.hand_over()
    if moment == "clarifying":
        talk.not_quite()
        fake.advance(7)
    transcript = talk.end_early()
    turn = transcript.turns[-1]
    assert (turn.step, turn.spoken_s, turn.tries) == ("mirror", 25, 1)
    assert turn.clarify_s == (7 if moment == "clarifying" else None)


def test_a_resumed_session_can_take_back_a_loops_yes(fake: FakeClock) -> None:
    talk = begin(fake)
    to_the_mirror(talk, fake)
    talk.start_turn()
    fake.advance(30)
    talk.hand_over()
    talk.not_quite()
    fake.advance(6)
    talk.hand_over()
    fake.advance(4)
    talk.hand_over()
    talk.confirm()
    saved = load_transcript(dump_transcript(talk.transcript()))

    later = FakeClock()
    again = Conversation.resume(mirror_practice(), saved, now=later, wall=later.wall)
    assert again.state == "ready" and again.current.step.id == "say"
    assert again.floor_seconds() == {"A": 106, "B": 34, "both": 0}
    again.undo()
    assert (again.state, again.tries, again.phase) == ("confirming", 2, "confirming")
    again.not_quite()
    later.advance(3)
    again.hand_over()
    later.advance(1)
    again.hand_over()
    turn = again.confirm()
    assert (turn.spoken_s, turn.clarify_s, turn.tries) == (35, 9, 3)


def test_a_loop_as_the_very_last_step_can_be_taken_back_and_ended(fake: FakeClock) -> None:
    practice = Practice(
        id="last", title="Last", summary="Ends on a loop.", turn_seconds=60,
        round=[Step("mirror", "Say it back", "other", "Say it back.", "Answer.", confirm=True)],
    )
    talk = Conversation(practice, ("Sam", "Alex"), now=fake, wall=fake.wall)
    for _ in range(2):
        talk.start_turn()
        fake.advance(10)
        talk.hand_over()
        talk.confirm()
    assert talk.state == "done" and talk.can_undo
    talk.undo()
    assert (talk.state, talk.position, talk.phase) == ("confirming", 1, "confirming")
    talk.confirm()
    transcript = talk.finish()
    assert not talk.can_undo
    with pytest.raises(ConversationError):
        talk.undo()
    assert [t.tries for t in transcript.turns] == [1, 1]


def test_a_together_step_cannot_be_a_loop() -> None:
    with pytest.raises(ModelError, match="confirm"):
        Step("x", "X", "together", "Talk.", confirm=True)
    with pytest.raises(ModelError, match="true or false"):
        Step("x", "X", "lead", "Talk.", "Listen.", confirm="yes")


# --- random play ------------------------------------------------------------------------

ACTIONS = (
    *("start_turn", "hand_over") * 5, "confirm", "confirm", "not_quite", "not_quite",
    "toggle_pause", "add_time", "remove_time", "undo", "undo", "start_break",
    "end_break", "end_break", "end_early", "finish", "crash",
)


def loop_last_practice() -> Practice:
    """A practice that ends on a listening loop (nothing after it)."""
    return Practice(
        id="mirror", title="Mirror", summary="Ends on a loop.", turn_seconds=60,
        opening=[Step("close", "Open", "together", "Sit down.", seconds=30)],
        round=[Step("mirror", "Say it back", "other", "Say it back.", "Answer.", confirm=True)],
    )


MOVES = st.lists(
    st.tuples(
        st.sampled_from(ACTIONS),
        st.fractions(min_value=0, max_value=100, max_denominator=100),
    ),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(MOVES)
def test_random_play_through_the_loop_never_corrupts_the_session(
    moves: list[tuple[str, Fraction]],
) -> None:
    play(moves, mirror_practice)


@settings(max_examples=200, deadline=None)
@given(MOVES)
def test_random_play_ending_on_a_loop_never_corrupts_the_session(
    moves: list[tuple[str, Fraction]],
) -> None:
    play(moves, loop_last_practice)


def play(moves: list[tuple[str, Fraction]], practice) -> None:
    fake = FakeClock()
    talk = Conversation(practice(), ("Sam", "Alex"), now=fake, wall=fake.wall)
    for action, wait in moves:
        fake.advance(wait)
        if action == "end_early" and wait < 90:
            continue  # rare, so that sessions get far
        try:
            if action in ("add_time", "remove_time"):
                getattr(talk, action)(float(wait) or 1.0)
            elif action == "crash":
                talk = Conversation.resume(practice(), talk.transcript(), now=fake)
            else:
                getattr(talk, action)()
        except (ConversationError, ClockError):
            pass  # random play tries moves that are refused; the invariants below hold either way
        assert talk.state in STATES
        assert len(talk.turns) == talk.position <= talk.step_count
        if talk.state == "confirming":
            assert talk.phase == "confirming" and talk.current is not None
        for turn in talk.turns:
            assert turn.spoken_s >= 0 and turn.paused_s >= 0
            assert (turn.tries is not None) == (turn.step == "mirror")
            assert turn.clarify_s is None or turn.clarify_s > 0
        floor = talk.floor_seconds()
        assert min(floor.values()) >= 0
        recorded = talk.transcript()
        assert load_transcript(dump_transcript(recorded)) == recorded
        assert (recorded.status == "in-progress") == (talk.state != "finished")
