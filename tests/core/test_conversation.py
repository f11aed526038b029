"""The conversation state machine, driven with fake clocks through hand-built practices."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridges_tui.core.model.session import Followup, NoteSpec, Practice, Step, Transcript, Turn
from bridges_tui.core.talk.clock import ClockError
from bridges_tui.core.talk.conversation import STATES, Conversation, ConversationError, local_now
from bridges_tui.testing.clock import START as SESSION_START
from bridges_tui.testing.clock import FakeClock


def tiny_practice() -> Practice:
    """Opening (together), a two-step round (lead speaks, then the other reflects),
    closing (together): six planned steps."""
    return Practice(
        id="tiny",
        title="Tiny",
        summary="A small practice for tests.",
        turn_seconds=120,
        opening=[Step("arrive", "Arrive", "together", "Breathe together.", seconds=60)],
        round=[
            Step(
                "say", "Say it", "lead", "Say what you want.", "Listen.",
                note=NoteSpec("What I heard", by="listener"),
            ),
            Step("reflect", "Reflect", "other", "Say it back.", "Listen.", seconds=60),
        ],
        closing=[
            Step(
                "keep", "Keep", "together", "What will you keep?",
                note=NoteSpec("What we keep", by="speaker"),
            )
        ],
    )


@pytest.fixture
def fake() -> FakeClock:
    return FakeClock()


def begin(fake: FakeClock, practice: Practice | None = None, **options: object) -> Conversation:
    return Conversation(
        practice or tiny_practice(), ("Sam", "Alex"), now=fake, wall=fake.wall, **options
    )


def speak(talk: Conversation, fake: FakeClock, seconds: float | str) -> None:
    """One whole turn: start, talk for `seconds`, hand over (and, on a listening-loop
    step, "yes, you got it" at once)."""
    talk.start_turn()
    fake.advance(seconds)
    talk.hand_over()
    if talk.state == "confirming":
        talk.confirm()


# --- a whole session ---------------------------------------------------------------------


def test_a_whole_session_through_every_state(fake: FakeClock) -> None:
    talk = begin(fake, checkin_before=(3, 2))
    assert (talk.state, talk.position, talk.step_number, talk.step_count) == ("ready", 0, 1, 6)
    assert talk.current is not None and talk.current.speaker == "both"
    assert talk.clock.planned_s == 60

    speak(talk, fake, 50)  # arrive, together
    assert talk.pending_note is None
    assert talk.current.speaker == "A" and talk.clock.planned_s == 120

    talk.start_turn()
    assert talk.state == "speaking"
    fake.advance(30)
    talk.pause()
    assert talk.state == "paused"
    fake.advance(10)
    talk.resume()
    fake.advance(60)
    talk.toggle_pause()
    fake.advance(5)
    talk.toggle_pause()
    fake.advance("40.04")
    turn = talk.hand_over()
    assert (turn.step, turn.speaker, turn.spoken_s, turn.paused_s, turn.planned_s) == (
        "say", "A", 130.0, 15.0, 120
    )
    assert turn.overtime_s == pytest.approx(10)
    assert talk.pending_note == 1  # "say" asks the listener for a note
    talk.set_note(1, "  You want Sundays slow.  ")
    assert talk.pending_note is None
    assert talk.turns[1].note == "You want Sundays slow." and talk.turns[1].note_by == "B"

    talk.start_break()
    assert talk.state == "on-break"
    fake.advance(120)
    talk.end_break()
    assert talk.state == "ready"

    speak(talk, fake, 60)  # reflect: B
    speak(talk, fake, 100)  # say: B, note asked of A
    assert talk.pending_note == 3
    talk.skip_note()
    assert talk.pending_note is None and talk.turns[3].note is None
    speak(talk, fake, 45)  # reflect: A
    talk.add_time(30)
    speak(talk, fake, 140)  # keep: both, with 30 s added
    assert talk.state == "done"
    assert talk.current is None and talk.step_number == 6
    assert talk.pending_note == 5
    talk.set_note(5, "Slow Sundays, and asking first.")

    transcript = talk.finish()
    assert talk.state == "finished"
    assert transcript.status == "complete" and transcript.ended is not None
    assert [t.step for t in transcript.turns] == ["arrive", "say", "reflect", "say", "reflect", "keep"]
    assert [t.speaker for t in transcript.turns] == ["both", "A", "B", "B", "A", "both"]
    assert transcript.turns[-1].planned_s == 150 and transcript.turns[-1].note_by == "both"
    assert transcript.floor_seconds() == {"A": 175.0, "B": 160.0, "both": 190.0}
    assert len(transcript.breaks) == 1 and transcript.breaks[0].seconds == 120
    assert transcript.checkin.before == (3, 2)
    assert transcript.turn_s is None

    talk.set_checkin_after((4, 4))
    talk.set_closing(("I heard Sam's why.", "  ", "Alex needs warning."), "  Plan Sundays together. ")
    talk.set_note(2, "Added on the summary screen")
    final = talk.transcript()
    assert final.checkin.after == (4, 4)
    assert final.closing.learned == ("I heard Sam's why.", "Alex needs warning.")
    assert final.closing.agreement == "Plan Sundays together."
    assert final.turns[2].note == "Added on the summary screen"
    assert final.turns[2].note_by is None  # "reflect" asks for no note
    assert final.status == "complete"


def test_a_note_being_typed_is_in_the_transcript_until_it_is_kept_or_skipped(fake: FakeClock) -> None:
    talk = begin(fake)
    speak(talk, fake, 60)  # arrive
    speak(talk, fake, 90)  # say: a note is asked of B
    assert talk.pending_note == 1
    talk.keep_draft(1, "You want Sun")
    assert talk.transcript().turns[1].note == "You want Sun", "saved as it is typed"
    assert talk.transcript().turns[1].note_by == "B"
    assert talk.pending_note == 1, "still being written"
    talk.keep_draft(1, "You want Sundays slow")
    talk.set_note(1, "You want Sundays slow.")
    assert talk.transcript().turns[1].note == "You want Sundays slow."

    speak(talk, fake, 60)  # reflect
    speak(talk, fake, 90)  # say: B leads, a note is asked of A
    talk.keep_draft(3, "half a thou")
    talk.skip_note()  # Escape, twice: the words are thrown away
    assert talk.transcript().turns[3].note is None and talk.pending_note is None

    talk.set_note(1, "Slow Sundays")  # on the summary, later: an existing note is edited
    talk.keep_draft(1, "Slow Sundays, and")
    talk.skip_note()
    assert talk.transcript().turns[1].note == "Slow Sundays", "skipping puts back what was there"
    for nowhere in (-1, 99, True):
        with pytest.raises(ConversationError, match="no turn number"):
            talk.keep_draft(nowhere, "lost")


def test_turn_started_times_come_from_the_wall_clock(fake: FakeClock) -> None:
    talk = begin(fake)
    fake.advance(20)
    talk.start_turn()
    fake.advance(5)
    turn = talk.hand_over()
    assert turn.started == SESSION_START + timedelta(seconds=20)
    assert talk.transcript().started == SESSION_START


def test_a_chosen_turn_length_applies_and_is_saved(fake: FakeClock) -> None:
    talk = begin(fake, turn_seconds=90)
    assert talk.clock.planned_s == 60  # "arrive" names its own length
    speak(talk, fake, 10)
    assert talk.clock.planned_s == 90  # "say" names none: the couple's choice
    speak(talk, fake, 10)
    assert talk.turns[1].planned_s == 90
    assert talk.transcript().turn_s == 90
    assert begin(fake, turn_seconds=120).transcript().turn_s is None


def test_the_default_wall_clock_is_local_aware_and_whole_seconds() -> None:
    moment = local_now()
    assert moment.tzinfo is not None and moment.microsecond == 0


# --- refused moves --------------------------------------------------------------------------


def test_hand_over_before_the_turn_starts_is_refused(fake: FakeClock) -> None:
    talk = begin(fake)
    with pytest.raises(ConversationError, match="the turn has not started yet"):
        talk.hand_over()
    for move in (talk.pause, talk.resume, talk.toggle_pause, talk.end_break, talk.finish):
        with pytest.raises(ConversationError):
            move()
    assert talk.state == "ready" and talk.turns == ()


def test_moves_that_do_not_fit_the_moment_are_refused(fake: FakeClock) -> None:
    talk = begin(fake)
    talk.start_turn()
    with pytest.raises(ConversationError, match="already started"):
        talk.start_turn()
    with pytest.raises(ConversationError, match="not paused"):
        talk.resume()
    talk.pause()
    with pytest.raises(ConversationError, match="already paused"):
        talk.pause()
    with pytest.raises(ConversationError):
        talk.finish()
    talk.start_break()
    for move in (talk.start_turn, talk.hand_over, talk.pause, talk.start_break, talk.undo):
        with pytest.raises(ConversationError):
            move()
    with pytest.raises(ConversationError, match="breather"):
        talk.add_time(10)
    with pytest.raises(ConversationError, match="breather"):
        talk.finish()


def test_time_changes_must_be_positive(fake: FakeClock) -> None:
    talk = begin(fake)
    for bad in (0, -10, float("nan")):
        with pytest.raises(ConversationError):
            talk.add_time(bad)
        with pytest.raises(ConversationError):
            talk.remove_time(bad)


def test_ending_or_finishing_twice_is_refused(fake: FakeClock) -> None:
    talk = begin(fake)
    talk.end_early()
    for move in (talk.end_early, talk.finish, talk.start_turn, talk.start_break):
        with pytest.raises(ConversationError, match="ended"):
            move()


def test_a_finished_session_cannot_end_early_or_finish_again(fake: FakeClock) -> None:
    talk = begin(fake)
    for _ in range(6):
        speak(talk, fake, 5)
    with pytest.raises(ConversationError, match="finish the session instead"):
        talk.end_early()
    talk.start_break()
    with pytest.raises(ConversationError, match="finish the session instead"):
        talk.end_early()
    talk.end_break()
    assert talk.state == "done"
    talk.finish()
    with pytest.raises(ConversationError, match="already ended"):
        talk.finish()


def test_bad_setup_is_refused_plainly(fake: FakeClock) -> None:
    with pytest.raises(ConversationError, match="name"):
        Conversation(tiny_practice(), ("Sam", "  "), now=fake)
    with pytest.raises(ConversationError, match="1 to 5"):
        begin(fake, checkin_before=(0, 6))
    with pytest.raises(ConversationError):
        begin(fake, turn_seconds=0)
    talk = begin(fake)
    with pytest.raises(ConversationError):
        talk.set_checkin_after((3,))
    with pytest.raises(ConversationError, match="no turn"):
        talk.set_note(0, "nothing recorded yet")


# --- undo -----------------------------------------------------------------------------------


def test_undo_takes_back_the_hand_over_with_time_intact(fake: FakeClock) -> None:
    talk = begin(fake)
    speak(talk, fake, 30)
    talk.start_turn()
    fake.advance("70.25")
    talk.pause()
    fake.advance(8)
    talk.resume()
    fake.advance(20)
    talk.add_time(15)
    first = talk.hand_over()
    talk.set_note(1, "Sundays matter")
    assert talk.can_undo
    fake.advance(4)  # the couple notices the stray key

    taken = talk.undo()
    assert taken.started == first.started and taken.note == "Sundays matter"
    assert [t.step for t in talk.turns] == ["arrive"] and talk.position == 1
    assert talk.state == "paused"
    assert talk.can_undo, "one more undo would take back the hand-over before it"
    assert talk.clock.spoken_s == pytest.approx(90.25)
    assert talk.clock.paused_s == pytest.approx(8)
    assert talk.clock.planned_s == 135
    assert talk.pending_note is None

    fake.advance(4)  # paused again on the floor: that is the turn's pause
    talk.resume()
    fake.advance(10)
    again = talk.hand_over()
    assert again.spoken_s == pytest.approx(100.25, abs=0.051)
    assert again.paused_s == 12  # 8 s before; 4 s after the undo; not the gap before it
    assert again.started == first.started
    assert again.note == "Sundays matter" and again.note_by == "B"
    assert talk.pending_note == 1  # the TUI may show the kept note for editing
    assert len(talk.turns) == talk.position == 2


def test_undo_works_after_the_last_step_and_during_the_ready_breather(fake: FakeClock) -> None:
    talk = begin(fake)
    for _ in range(6):
        speak(talk, fake, 20)
    assert talk.state == "done" and talk.can_undo
    talk.start_break()
    assert not talk.can_undo
    fake.advance(30)
    talk.end_break()
    talk.undo()
    assert talk.state == "paused" and talk.position == 5 and talk.current.step.id == "keep"
    assert talk.clock.spoken_s == pytest.approx(20) and talk.clock.paused_s == 0
    talk.hand_over()
    assert talk.state == "done"


def test_turns_taken_back_keep_their_notes_in_the_transcript_until_recorded_again(
    fake: FakeClock,
) -> None:
    from bridges_tui.core.files.transcript_file import dump_transcript, load_transcript

    talk = begin(fake)
    take_turn(talk, fake, 30)  # arrive
    take_turn(talk, fake, 40, note="Sam wants quiet mornings")  # say, Sam (noted by Alex)
    take_turn(talk, fake, 20)  # reflect, Alex
    take_turn(talk, fake, 40, note="Alex wants a walk after work")  # say, Alex
    for _ in range(3):
        talk.undo()
    assert talk.position == 1 and [t.step for t in talk.turns] == ["arrive"]
    saved = talk.transcript()
    # Each note taken back is in what autosave writes (the turn with none is not).
    assert [(t.step, t.speaker, t.note, t.note_by) for t in saved.taken_back] == [
        ("say", "A", "Sam wants quiet mornings", "B"),
        ("say", "B", "Alex wants a walk after work", "A"),
    ]

    # A crash now: the session carries on from the file, each note back on its step.
    later = FakeClock()
    again = Conversation.resume(tiny_practice(), load_transcript(dump_transcript(saved)),
                                now=later, wall=later.wall)
    assert again.transcript().taken_back == saved.taken_back
    take_turn(again, later, 45)  # say, Sam, again: its note is back
    assert again.turns[1].note == "Sam wants quiet mornings"
    assert [t.note for t in again.transcript().taken_back] == ["Alex wants a walk after work"]
    # Ending early keeps the note of a turn that was never recorded again.
    ended = again.end_early()
    assert [t.note for t in ended.taken_back] == ["Alex wants a walk after work"]


def test_a_resume_refuses_a_taken_back_turn_that_fits_no_step_to_come(fake: FakeClock) -> None:
    talk = begin(fake)
    take_turn(talk, fake, 30)
    take_turn(talk, fake, 40, note="Sam wants quiet mornings")
    talk.undo()
    saved = talk.transcript()
    stray = replace(saved.taken_back[0], step="not-in-the-practice")
    with pytest.raises(ConversationError, match="taken back"):
        Conversation.resume(tiny_practice(), replace(saved, taken_back=(stray,)), now=fake)


def test_undo_is_refused_when_there_is_nothing_to_take_back(fake: FakeClock) -> None:
    talk = begin(fake)
    assert not talk.can_undo
    with pytest.raises(ConversationError, match="no hand-over"):
        talk.undo()
    speak(talk, fake, 10)
    talk.start_turn()
    assert not talk.can_undo
    with pytest.raises(ConversationError, match="too late"):
        talk.undo()


# --- breathers ------------------------------------------------------------------------------


def test_a_breather_freezes_the_turn_and_is_recorded(fake: FakeClock) -> None:
    talk = begin(fake)
    speak(talk, fake, 10)
    talk.start_turn()
    fake.advance(40)
    talk.pause()
    fake.advance(6)
    talk.start_break()
    frozen = (talk.clock.spoken_s, talk.clock.paused_s)
    fake.advance(300)
    assert (talk.clock.spoken_s, talk.clock.paused_s) == frozen
    assert talk.floor_seconds()["A"] == pytest.approx(40)
    taken = talk.end_break()
    assert taken.seconds == 300
    assert taken.started == SESSION_START + timedelta(seconds=56)
    assert talk.state == "paused"
    fake.advance(3)
    talk.resume()
    fake.advance(20)
    turn = talk.hand_over()
    assert turn.spoken_s == 60 and turn.paused_s == 9  # 6 + 3, not the 300 s breather
    assert talk.breaks == (taken,)


def test_a_breather_while_speaking_comes_back_paused(fake: FakeClock) -> None:
    talk = begin(fake)
    talk.start_turn()
    fake.advance(25)
    talk.start_break()
    fake.advance(60)
    talk.end_break()
    assert talk.state == "paused"
    assert talk.clock.spoken_s == pytest.approx(25) and talk.clock.paused_s == 0


def test_end_early_with_a_turn_in_progress_records_it(fake: FakeClock) -> None:
    talk = begin(fake)
    speak(talk, fake, 30)
    talk.start_turn()
    fake.advance("47.3")
    talk.pause()
    fake.advance(2)
    transcript = talk.end_early()
    assert transcript.status == "ended-early"
    assert transcript.ended == SESSION_START + timedelta(seconds=79)
    assert [t.step for t in transcript.turns] == ["arrive", "say"]
    assert transcript.turns[-1].spoken_s == 47.3 and transcript.turns[-1].paused_s == 2
    assert talk.state == "finished" and talk.pending_note is None
    assert len(talk.turns) == talk.position == 2


def test_end_early_during_a_breather_records_both(fake: FakeClock) -> None:
    talk = begin(fake)
    talk.start_turn()
    fake.advance(12)
    talk.start_break()
    fake.advance(90)
    transcript = talk.end_early()
    assert transcript.breaks[0].seconds == 90
    assert transcript.turns[0].spoken_s == 12 and transcript.turns[0].paused_s == 0


def test_end_early_while_ready_records_no_turn(fake: FakeClock) -> None:
    talk = begin(fake)
    speak(talk, fake, 30)
    transcript = talk.end_early()
    assert len(transcript.turns) == 1 and transcript.status == "ended-early"


# --- saving and resuming ------------------------------------------------------------------


def test_the_snapshot_leaves_out_the_turn_on_the_floor(fake: FakeClock) -> None:
    talk = begin(fake)
    speak(talk, fake, 30)
    talk.start_turn()
    fake.advance(10)
    snapshot = talk.transcript()
    assert snapshot.status == "in-progress" and snapshot.ended is None
    assert len(snapshot.turns) == 1


def test_resume_picks_up_where_the_saved_session_stopped(fake: FakeClock) -> None:
    talk = begin(fake, turn_seconds=100, checkin_before=(2, 4))
    speak(talk, fake, 30)
    speak(talk, fake, 110)
    talk.set_note(1, "Sam wants quiet mornings")
    talk.start_break()
    fake.advance(45)
    talk.end_break()
    talk.start_turn()
    fake.advance(20)  # the laptop dies mid-turn
    saved = talk.transcript()

    later = FakeClock()
    again = Conversation.resume(tiny_practice(), saved, now=later, wall=later.wall)
    assert again.state == "ready" and again.position == 2
    assert again.turns == saved.turns and again.breaks == saved.breaks
    assert again.turn_seconds == 100 and again.partners == ("Sam", "Alex")
    assert again.current.step.id == "reflect" and again.clock.planned_s == 60
    assert again.clock.state == "ready"
    assert again.floor_seconds() == {"A": 110.0, "B": 0.0, "both": 30.0}
    again.start_turn()
    later.advance(50)
    again.hand_over()
    result = again.transcript()
    assert result.started == saved.started and result.checkin.before == (2, 4)
    assert result.turn_s == 100 and len(result.turns) == 3
    assert result.turns[1].note == "Sam wants quiet mornings"
    assert again.can_undo
    again.undo()
    assert again.clock.spoken_s == pytest.approx(50)


LAST_AGREEMENT = Followup(
    session="20261118-203107-share-the-why", agreement="Talk before moving furniture.",
    answer="partly",
)


def test_the_follow_up_of_the_last_agreement_goes_into_the_transcript(fake: FakeClock) -> None:
    talk = begin(fake, followup=LAST_AGREEMENT)
    assert talk.followup == LAST_AGREEMENT
    assert talk.transcript().followup == LAST_AGREEMENT
    speak(talk, fake, 10)
    assert talk.end_early().followup == LAST_AGREEMENT
    assert begin(fake).transcript().followup is None


def test_a_follow_up_that_is_not_one_is_refused(fake: FakeClock) -> None:
    with pytest.raises(ConversationError, match="follow-up"):
        begin(fake, followup="kept")


def test_resume_keeps_the_follow_up(fake: FakeClock) -> None:
    talk = begin(fake, followup=LAST_AGREEMENT)
    speak(talk, fake, 30)
    saved = talk.transcript()
    again = Conversation.resume(tiny_practice(), saved, now=fake, wall=fake.wall)
    assert again.followup == LAST_AGREEMENT
    speak(again, fake, 40)
    assert again.transcript().followup == LAST_AGREEMENT
    assert len(again.transcript().turns) == 2


def test_resume_from_the_instance_still_means_carry_on(fake: FakeClock) -> None:
    talk = begin(fake)
    talk.start_turn()
    talk.pause()
    talk.resume()
    assert talk.state == "speaking"
    assert Conversation.resume == Conversation.from_transcript


def test_resume_refuses_what_it_cannot_continue(fake: FakeClock) -> None:
    talk = begin(fake)
    speak(talk, fake, 10)
    finished = talk.end_early()
    with pytest.raises(ConversationError, match="ended early"):
        Conversation.resume(tiny_practice(), finished, now=fake)
    saved = begin(fake).transcript()
    other = Practice(
        id="other", title="Other", summary="x", turn_seconds=60,
        round=[Step("x", "X", "lead", "Go.")],
    )
    with pytest.raises(ConversationError, match="practice"):
        Conversation.resume(other, saved, now=fake)
    renamed = Transcript(
        practice="tiny", title="Tiny", started=SESSION_START, partners=("Sam", "Alex"),
        turns=[Turn("gone", "Gone", "both", SESSION_START, planned_s=60, spoken_s=10)],
    )
    with pytest.raises(ConversationError, match="no longer match"):
        Conversation.resume(tiny_practice(), renamed, now=fake)


def test_resume_after_every_step_waits_to_finish(fake: FakeClock) -> None:
    talk = begin(fake)
    for _ in range(6):
        speak(talk, fake, 10)
    again = Conversation.resume(tiny_practice(), talk.transcript(), now=fake, wall=fake.wall)
    assert again.state == "done"
    assert again.finish().status == "complete"


# --- floor time ----------------------------------------------------------------------------


def test_floor_time_includes_the_live_turn(fake: FakeClock) -> None:
    talk = begin(fake)
    assert talk.balance() is None
    speak(talk, fake, 60)
    assert talk.balance() is None  # together time is nobody's alone
    talk.start_turn()
    fake.advance(30)
    assert talk.floor_seconds() == {"A": pytest.approx(30), "B": 0.0, "both": 60.0}
    assert talk.balance() == 1.0
    talk.pause()
    fake.advance(100)  # pauses are not floor time
    assert talk.floor_seconds()["A"] == pytest.approx(30)
    talk.hand_over()
    talk.start_turn()
    fake.advance(90)
    assert talk.floor_seconds() == {"A": 30.0, "B": pytest.approx(90), "both": 60.0}
    assert talk.balance() == pytest.approx(0.25)


# --- random play --------------------------------------------------------------------------

# Weighted by repetition, so that sessions get far (past "done") before ending.
ACTIONS = (
    *("start_turn", "hand_over") * 6, "toggle_pause", "pause", "resume", "add_time",
    "remove_time", "undo", "undo", "set_note", "keep_draft", "skip_note", "start_break", *("end_break",) * 3,
    "end_early", "finish", "finish", "set_checkin_after", "set_closing", "crash",
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(ACTIONS),
            st.fractions(min_value=0, max_value=200, max_denominator=1000),
            st.integers(min_value=-1, max_value=8),
        ),
        max_size=80,
    )
)
def test_random_play_never_corrupts_the_session(moves: list[tuple[str, Fraction, int]]) -> None:
    fake = FakeClock()
    talk = begin(fake)
    for action, wait, number in moves:
        fake.advance(wait)
        if action == "end_early" and number != 8:
            continue  # rare, so that many sessions get as far as "done"
        try:
            if action in ("add_time", "remove_time"):
                getattr(talk, action)(float(wait))
            elif action == "set_note":
                talk.set_note(number, f"note {number}" if number % 2 else "")
            elif action == "keep_draft":
                talk.keep_draft(number, f"draft {number}")
            elif action == "set_checkin_after":
                talk.set_checkin_after((max(1, number % 6), 3))
            elif action == "set_closing":
                talk.set_closing(("learned",), None if number % 2 else "agreed")
            elif action == "crash":  # pick the autosaved session up again
                talk = Conversation.resume(tiny_practice(), talk.transcript(), now=fake)
            else:
                getattr(talk, action)()
        except (ConversationError, ClockError):
            pass  # random play tries moves that are refused; the invariants below hold either way
        assert talk.state in STATES
        assert len(talk.turns) == talk.position <= talk.step_count
        assert all(t.spoken_s >= 0 and t.paused_s >= 0 for t in talk.turns)
        assert talk.clock.spoken_s >= 0 and talk.clock.paused_s >= 0
        assert [t.step for t in talk.turns] == [p.step.id for p in talk.plan[: talk.position]]
        assert talk.pending_note is None or 0 <= talk.pending_note < len(talk.turns)
        floor = talk.floor_seconds()
        assert min(floor.values()) >= 0
        balance = talk.balance()
        assert balance is None or 0 <= balance <= 1
        snapshot = talk.transcript()  # always a valid, saveable transcript
        assert (snapshot.status == "in-progress") == (talk.state != "finished")


# --- the built-in practices, whole -------------------------------------------------------
# The expected steps, speakers and note writers below are read off the TOML scripts in
# src/bridges_tui/practices/, not from the code under test.


def take_turn(talk: Conversation, fake: FakeClock, seconds: float, note: str | None = None) -> None:
    """A turn of `seconds` on the floor, then the note if the step asked for one."""
    speak(talk, fake, seconds)
    if talk.pending_note is not None:
        if note is None:
            talk.skip_note()
        else:
            talk.set_note(talk.pending_note, note)
    else:
        assert note is None, "this step asks for no note"


def test_a_whole_share_the_why_session(fake: FakeClock) -> None:
    from bridges_tui.core.practice_scripts.catalog import builtin_practice

    talk = begin(fake, builtin_practice("share-the-why"), checkin_before=(3, 2))
    assert talk.step_count == 8
    assert talk.clock.planned_s == 60  # "arrive" lasts 1m

    take_turn(talk, fake, 55)  # arrive, together
    take_turn(talk, fake, 40)  # name-it, Sam leads
    talk.start_turn()  # explain-why, 2m (the practice's turn)
    assert talk.clock.planned_s == 120
    fake.advance(100)
    talk.toggle_pause()
    fake.advance(10)
    talk.toggle_pause()
    fake.advance(30)
    talk.hand_over()
    assert talk.pending_note is None
    # reflect-back, a listening loop: Alex (the other) reflects, Sam answers.
    talk.start_turn()
    fake.advance(90)
    assert talk.hand_over() is None and talk.state == "confirming"
    talk.confirm()  # a stray "yes": Sam hadn't said it
    assert talk.pending_note == 3
    talk.set_note(3, "Change helps Sam feel less stuck after work.")
    talk.undo()
    assert talk.state == "confirming" and talk.tries == 1
    talk.not_quite()  # Sam clarifies for 12 s; Alex tries again for 20 s
    assert talk.floor_holder == "A"
    fake.advance(12)
    talk.hand_over()
    assert talk.floor_holder == "B" and talk.tries == 2
    fake.advance(20)
    talk.hand_over()
    talk.confirm()
    talk.skip_note()  # the note written before the undo stays
    # name-it, Alex leads; a breather in the middle.
    talk.start_turn()
    fake.advance(20)
    talk.start_break()
    fake.advance(180)
    talk.end_break()
    talk.resume()
    fake.advance(30)
    talk.hand_over()
    take_turn(talk, fake, 115)  # explain-why, Alex
    take_turn(talk, fake, 100, note="Familiar rooms help Alex feel calm.")  # reflect-back, Sam
    talk.add_time(60)  # understand: 2m plus a minute
    take_turn(talk, fake, 150, note="We both want home to feel like ours.")
    assert talk.state == "done"
    talk.set_checkin_after((4, 4))
    talk.set_closing(("Sam: Alex needs warning.", "Alex: change refreshes Sam."), "Ask before moving furniture.")
    transcript = talk.finish()

    assert [(t.step, t.speaker) for t in transcript.turns] == [
        ("arrive", "both"),
        ("name-it", "A"), ("explain-why", "A"), ("reflect-back", "B"),
        ("name-it", "B"), ("explain-why", "B"), ("reflect-back", "A"),
        ("understand", "both"),
    ]
    assert [t.planned_s for t in transcript.turns] == [60, 60, 120, 120, 60, 120, 120, 180]
    assert [t.spoken_s for t in transcript.turns] == [55, 40, 130, 110, 50, 115, 100, 150]
    assert [t.paused_s for t in transcript.turns] == [0, 0, 10, 0, 0, 0, 0, 0]
    assert [(t.note, t.note_by) for t in transcript.turns if t.note] == [
        ("Change helps Sam feel less stuck after work.", "B"),
        ("Familiar rooms help Alex feel calm.", "A"),
        ("We both want home to feel like ours.", "both"),
    ]
    assert [b.seconds for b in transcript.breaks] == [180]
    assert [(t.tries, t.clarify_s) for t in transcript.turns if t.tries] == [(2, 12), (1, None)]
    # Sam's clarifying is Sam's floor time, not Alex's.
    assert transcript.floor_seconds() == {"A": 282, "B": 275, "both": 205}
    assert transcript.balance() == pytest.approx(282 / 557)
    assert talk.balance() == transcript.balance()
    assert transcript.status == "complete" and transcript.practice == "share-the-why"
    assert transcript.title == "Share the why"
    assert transcript.checkin.before == (3, 2) and transcript.checkin.after == (4, 4)


def test_a_whole_assume_the_best_session(fake: FakeClock) -> None:
    from bridges_tui.core.practice_scripts.catalog import builtin_practice

    talk = begin(fake, builtin_practice("assume-the-best"))
    assert talk.step_count == 10
    take_turn(talk, fake, 60)  # calm-first, together, 1m
    take_turn(talk, fake, 120, note="Sam thought Alex left the party to avoid him.")  # the-story
    take_turn(talk, fake, 45)  # kinder-reading, 1m
    take_turn(talk, fake, 50)  # ask, 1m
    take_turn(talk, fake, 125, note="Alex took their daughter home after a fall.")  # what-happened
    take_turn(talk, fake, 100, note="Alex felt Sam was sulking at dinner.")  # the-story, Alex
    talk.start_break()  # a breather before Alex's kinder reading
    fake.advance(240)
    talk.end_break()
    assert talk.state == "ready" and talk.current.step.id == "kinder-reading"
    take_turn(talk, fake, 60)  # kinder-reading, Alex
    take_turn(talk, fake, 30)  # ask, Alex: handed over by a stray key
    talk.undo()
    talk.resume()
    fake.advance(10)
    talk.hand_over()
    take_turn(talk, fake, 110, note="Sam was worried about work, not angry.")  # what-happened
    take_turn(talk, fake, 130, note="We check the story before we react.")  # understand
    transcript = talk.finish()

    assert [(t.step, t.speaker) for t in transcript.turns] == [
        ("calm-first", "both"),
        ("the-story", "A"), ("kinder-reading", "A"), ("ask", "A"), ("what-happened", "B"),
        ("the-story", "B"), ("kinder-reading", "B"), ("ask", "B"), ("what-happened", "A"),
        ("understand", "both"),
    ]
    assert [t.planned_s for t in transcript.turns] == [60, 120, 60, 60, 120, 120, 60, 60, 120, 120]
    assert [t.spoken_s for t in transcript.turns] == [60, 120, 45, 50, 125, 100, 60, 40, 110, 130]
    # The story is noted by its teller; what happened by the one who listened.
    assert [(t.step, t.note_by) for t in transcript.turns if t.note] == [
        ("the-story", "A"), ("what-happened", "A"), ("the-story", "B"),
        ("what-happened", "B"), ("understand", "both"),
    ]
    assert transcript.turns[-1].overtime_s == 10
    assert [b.seconds for b in transcript.breaks] == [240]
    assert transcript.floor_seconds() == {"A": 325, "B": 325, "both": 190}
    assert transcript.balance() == 0.5
    assert transcript.status == "complete" and transcript.title == "Assume the best"
