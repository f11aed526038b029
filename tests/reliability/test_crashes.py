"""Crashes: SIGKILL a real `bridges talk` at random moments, and a process in the middle
of its autosaves; every completed turn and kept note must be there afterwards."""

from __future__ import annotations

from torture_lib.crash import crash_trials
from torture_lib.crash_write import kill_while_saving


def test_a_killed_session_is_offered_again_with_every_completed_turn() -> None:
    # Seeds 3 and 4 kill a few milliseconds after the 9th and the 2nd save, whatever the
    # machine's speed: both sessions are unfinished on disk. (Seeds 11 and 12 killed
    # by the clock, after both sessions had ended: no offer was ever looked for.)
    figures = crash_trials(2, seed=3)
    assert figures.ok, figures.report()
    assert figures.trials == 2
    assert figures.measured["resume offered"] == "2 of 2 unfinished"


def test_a_kill_in_the_middle_of_an_autosave_loses_nothing_saved() -> None:
    figures = kill_while_saving(4, seed=5)
    assert figures.ok, figures.report()
    assert int(figures.measured["saves acknowledged before the kill"]) > 0
