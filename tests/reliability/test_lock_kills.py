"""The passphrase lock under SIGKILL and damage: a real `bridges lock` killed at random
moments (then run again), and damaged files in a locked folder, a few of each (the
full numbers are `scripts/torture --only lock-kills lock-damage`)."""

from __future__ import annotations

from torture_lib.lock_damage import damaged_locked_files
from torture_lib.lock_kills import lock_kills


def test_a_real_bridges_lock_killed_at_random_moments_loses_nothing_and_finishes_when_run_again() -> None:
    figures = lock_kills(3, sessions=300, seed=11, per_round=3, commands=("lock",))
    assert figures.ok, figures.report()
    assert figures.trials >= 3
    assert "every time" in figures.measured["finished by running it again"]


def test_damaged_locked_files_are_named_and_kept_and_the_rest_still_works() -> None:
    figures = damaged_locked_files(40, 7, seed=3)
    assert figures.ok, figures.report()
    assert figures.trials == 47
