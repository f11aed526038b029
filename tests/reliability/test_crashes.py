"""Crashes: SIGKILL a real `bridges talk` at random moments, and a process in the middle
of its autosaves; every completed turn and kept note must be there afterwards."""

from __future__ import annotations

from torture_lib.crash import crash_trials
from torture_lib.crash_write import kill_while_saving


def test_a_killed_session_is_offered_again_with_every_completed_turn() -> None:
    figures = crash_trials(2, seed=11)
    assert figures.ok, figures.report()
    assert figures.trials == 2


def test_a_kill_in_the_middle_of_an_autosave_loses_nothing_saved() -> None:
    figures = kill_while_saving(4, seed=5)
    assert figures.ok, figures.report()
    assert int(figures.measured["saves acknowledged before the kill"]) > 0
