"""Disk faults: the app says so, goes on in memory, retries, and saves every word once
the fault is gone."""

from __future__ import annotations

import pytest

from torture_lib.disk_faults import disk_fault_trials


@pytest.mark.parametrize("kind", ["full", "missing", "replaced-by-file"])
async def test_a_disk_fault_loses_no_word(kind: str) -> None:
    figures = await disk_fault_trials(1, seed=len(kind), kinds=(kind,))
    assert figures.ok, figures.report()
    assert figures.trials == 1
    # A missing folder is made again without a word; the others are told.
    told = "0 of 0" if kind == "missing" else "1 of 1"
    assert figures.measured["fault told on screen"].startswith(told)
