"""Off the record and letting go under SIGKILL: a real `bridges talk --off-the-record`
killed mid-session leaves nothing on disk and nothing to resume; a let-go killed at
random moments (plain and locked) leaves each session fully there or fully gone after
the next start. A few trials of each (the full numbers are `scripts/torture --only
off-record let-go`)."""

from __future__ import annotations

from torture_lib.let_go_kills import let_go_kills
from torture_lib.off_record import off_record_kills


def test_a_session_off_the_record_killed_mid_turn_leaves_nothing_and_offers_nothing() -> None:
    # Seed 1 kills 1.9 s in (the first step's turn or its note), seed 2 after 13.4 s
    # (a later turn, or the summary on a fast machine).
    figures = off_record_kills(2, seed=1)
    assert figures.ok, figures.report()
    assert figures.trials == 2
    assert figures.measured["files and words found afterwards"] == "0"
    moments = figures.measured["killed (mid-turn / mid-note / between / summary)"].split(" / ")
    assert sum(map(int, moments)) == 2


def test_a_let_go_killed_at_random_moments_leaves_each_session_fully_there_or_fully_gone() -> None:
    figures = let_go_kills(6, sessions=120, seed=3)
    assert figures.ok, figures.report()
    assert figures.trials == 6
    gone, there = figures.measured["sessions let go of: fully gone / fully there"].split(" / ")
    assert int(gone) + int(there) == 18
