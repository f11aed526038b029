"""Privacy, two bridges at once, and long and strange sessions."""

from __future__ import annotations

from torture_lib.long_sessions import long_and_strange
from torture_lib.privacy import privacy_checks
from torture_lib.two_at_once import two_at_once


async def test_private_from_the_first_write_and_nothing_leads_outside() -> None:
    figures = await privacy_checks(60, seed=4)
    assert figures.ok, figures.report()
    assert figures.trials >= 60


def test_two_bridges_on_one_folder_never_clobber_each_other() -> None:
    figures = two_at_once(1, 1, seed=4)
    assert figures.ok, figures.report()
    assert figures.trials >= 2


async def test_long_strange_and_resized_sessions() -> None:
    figures = await long_and_strange(0.05, 1, 8, seed=4)
    assert figures.ok, figures.report()
    assert figures.trials >= 8 + 1
