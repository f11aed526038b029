"""Transcripts to save, kill and compare: every turn's note is known from its number."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bridges_tui.core.model.session import Transcript, Turn

START = datetime(2026, 11, 25, 20, 31, 7, tzinfo=timezone(timedelta(hours=1)))


def note_of(number: int) -> str:
    """Turn `number`'s note: long enough that a write takes a while, never the same."""
    return f"turn {number}: " + "words that must survive. " * (number % 40 + 1) + "Zoë 😀 שלום"


def session_with(turns: int, practice: str = "share-the-why",
                 partners: tuple[str, str] = ("Sam", "Alex")) -> Transcript:
    """A session in progress with `turns` turns, each with its note."""
    return Transcript(
        practice=practice,
        title="Share the why",
        started=START,
        partners=partners,
        turns=tuple(
            Turn(
                step=f"step-{number}", title=f"Step {number}", speaker="A" if number % 2 else "B",
                started=START + timedelta(seconds=60 * number), planned_s=120,
                spoken_s=float(number), note=note_of(number),
            )
            for number in range(1, turns + 1)
        ),
    )
