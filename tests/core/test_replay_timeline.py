"""The replay's timeline: what was on screen at any second of a past session."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bridges_tui.core.looking_back.replay import Timeline
from bridges_tui.core.model.session import Break, Transcript
from bridges_tui.testing.history import at, first_session, turn


def test_turns_waits_pauses_and_a_breather_between_turns() -> None:
    timeline = Timeline(first_session())
    kinds = [(piece.kind, piece.start, piece.end, piece.turn) for piece in timeline.pieces]
    assert kinds == [
        ("waiting", 0, 10, 0), ("speaking", 10, 60, 0),
        ("waiting", 60, 70, 1), ("speaking", 70, 130, 1), ("paused", 130, 140, 1),
        ("waiting", 140, 150, 2), ("speaking", 150, 310, 2),
        # The breather was taken while the fourth step waited to begin.
        ("waiting", 310, 320, 3), ("breather", 320, 620, 3),
        ("speaking", 620, 650, 3),
    ]
    assert timeline.length_s == 650
    assert timeline.turn_starts == [0, 60, 140, 310] and timeline.turn_ends == [60, 140, 310, 650]


def test_the_countdown_at_any_moment() -> None:
    timeline = Timeline(first_session())
    moment = timeline.at(200)  # 50 s into "Explain why it matters" (2 min)
    assert (moment.phase, moment.turn, moment.spoken_s) == ("speaking", 2, 50)
    assert moment.shown_seconds == 70
    assert timeline.at(290).shown_seconds == -20, "overtime counts up"
    assert timeline.at(290.5).shown_seconds == -20
    assert timeline.at(200.4).shown_seconds == 70, "rounded up while time remains"
    assert (moment.floor.a, moment.floor.b, moment.floor.together) == (110, 0, 50)
    paused = timeline.at(135)
    assert (paused.phase, paused.spoken_s, paused.waited_s) == ("paused", 60, 5)
    resting = timeline.at(400)
    assert (resting.phase, resting.turn, resting.waited_s, resting.breather_s) == ("breather", 3, 80, 300)
    waiting = timeline.at(315)
    assert (waiting.phase, waiting.turn, waiting.shown_seconds) == ("waiting", 3, 90)
    assert timeline.at(10_000).phase == "ended" and timeline.at(650).turn == 3


def test_a_turn_as_it_ended() -> None:
    done = Timeline(first_session()).done(1)
    assert (done.phase, done.spoken_s, done.shown_seconds, done.waited_s) == ("paused", 60, 0, 10)
    assert (done.floor.a, done.floor.together) == (60, 50)


def test_a_breather_in_the_middle_of_a_turn_stops_its_clock() -> None:
    start = at(1, 11, 20, 0)
    transcript = Transcript(
        practice="p", title="P", started=start, partners=("Sam", "Alex"), status="complete",
        ended=start + timedelta(seconds=500),
        turns=(turn("s", "S", "A", start, 120, 100),),
        breaks=(Break(started=start + timedelta(seconds=40), seconds=200),),
    )
    timeline = Timeline(transcript)
    assert [(p.kind, p.start, p.end) for p in timeline.pieces] == [
        ("speaking", 0, 40), ("breather", 40, 240), ("speaking", 240, 300),
    ]
    assert timeline.at(100).spoken_s == 40 and timeline.at(100).phase == "breather"
    assert timeline.at(250).spoken_s == 50


def test_times_out_of_order_never_overlap_or_run_backwards() -> None:
    start = at(1, 11, 20, 0)
    transcript = Transcript(
        practice="p", title="P", started=start, partners=("Sam", "Alex"), status="complete",
        ended=start,
        turns=(turn("a", "A", "A", start + timedelta(seconds=100), 60, 60),
               turn("b", "B", "B", start + timedelta(seconds=30), 60, 45)),
    )
    timeline = Timeline(transcript)
    ends = [piece.end for piece in timeline.pieces]
    starts = [piece.start for piece in timeline.pieces]
    assert starts == sorted(starts) and all(s >= e for s, e in zip(starts[1:], ends, strict=False))
    assert timeline.length_s == 205


def test_next_change_is_when_a_shown_second_ticks() -> None:
    timeline = Timeline(first_session())
    assert timeline.next_change(200.25) == pytest.approx(0.75), "70 shown until 69 s remain"
    assert timeline.next_change(135.5) == pytest.approx(0.5)
    assert timeline.next_change(59.5) == pytest.approx(0.5)
    assert timeline.next_change(650) is None


def test_an_empty_session() -> None:
    empty = replace(first_session(), turns=(), breaks=())
    timeline = Timeline(empty)
    assert timeline.length_s == 0 and timeline.at(0).phase == "ended"
    assert timeline.turn_at(0) is None and timeline.ended().turn is None
