"""Hostile files: clear messages or values that read back, never a crash, never a file
overwritten, never an escape sequence reaching the terminal."""

from __future__ import annotations

from torture_lib.hostile import hostile_practices, hostile_transcripts
from torture_lib.hostile_display import hostile_display


def test_hostile_transcripts_never_crash_or_get_overwritten() -> None:
    figures = hostile_transcripts(150, seed=3)
    assert figures.ok, figures.report()
    assert figures.trials > 150


def test_hostile_scripts_and_configs_never_crash() -> None:
    figures = hostile_practices(100, seed=3)
    assert figures.ok, figures.report()
    assert figures.trials >= 100


async def test_hostile_text_is_shown_harmlessly() -> None:
    figures = await hostile_display(0, seed=3)  # the real program on a pty
    assert figures.ok, figures.report()
    assert figures.trials == 4  # all four screens looked at: the offer, the session, the summary, the setup
