"""A small, fixed history of past sessions for the tests of looking back: three finished
sessions (one ended early), one still in progress, and two files bridges cannot read.

Written as the app writes them (the real transcript format, private files), with
fixed times in the weeks before the fake clock's START (25 Nov 2026, 20:31). Tests
assert its every figure: change it and they say where.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from bridges_tui.core.model.session import Break, Checkin, Closing, Followup, Speaker, Transcript, Turn
from bridges_tui.testing.clock import START
from bridges_tui.testing.sessions import write_session, write_unreadable

ZONE = START.tzinfo
FIRST = "20261020-193000-share-the-why"
SECOND = "20261104-200000-assume-the-best"
EARLY = "20261118-201500-share-the-why"
RUNNING = "20261124-190000-share-the-why"
BROKEN = "20261101-120000-share-the-why"
NEWER = "20261110-090000-assume-the-best"
AGREEMENT = "Talk before moving furniture."
SECOND_AGREEMENT = "Ask before we assume."


def at(day: int, month: int, hour: int, minute: int, second: int = 0) -> datetime:
    """A moment of 2026 in the couple's time zone."""
    return datetime(2026, month, day, hour, minute, second, tzinfo=ZONE)


def turn(step: str, title: str, speaker: Speaker, started: datetime, planned: float, spoken: float,
         paused: float = 0.0, note: str | None = None, note_by: Speaker | None = None) -> Turn:
    """A turn, its figures given in order."""
    return Turn(step=step, title=title, speaker=speaker, started=started, planned_s=planned,
                spoken_s=spoken, paused_s=paused, note=note, note_by=note_by)


def first_session() -> Transcript:
    """Share the why, 20 Oct: A speaks longer; a breather between turns 3 and 4."""
    start = at(20, 10, 19, 30)
    turns = (
        turn("arrive", "Arrive together", "both", start + timedelta(seconds=10), 60, 50),
        turn("name-it", "Name what you want", "A", start + timedelta(seconds=70), 60, 60, 10),
        turn("explain-why", "Explain why it matters", "A", start + timedelta(seconds=150), 120, 160),
        turn("reflect-back", "Ask and reflect back", "B", start + timedelta(seconds=620), 90, 30,
             note="Moving things around helps Sam feel less stuck after work.", note_by="B"),
    )
    return Transcript(
        practice="share-the-why", title="Share the why", started=start,
        partners=("Sam", "Alex"), status="complete", ended=start + timedelta(seconds=700),
        checkin=Checkin(before=(3, 2), after=(4, 4)),
        turns=turns,
        breaks=(Break(started=start + timedelta(seconds=320), seconds=300.0),),
        closing=Closing(learned=("Alex needs things to stay put.", "Sam gets restless when stuck."),
                        agreement=AGREEMENT),
    )


def second_session() -> Transcript:
    """Assume the best, 4 Nov: follows up the first agreement."""
    start = at(4, 11, 20, 0)
    turns = (
        turn("calm-first", "Calm first", "both", start + timedelta(seconds=5), 60, 60),
        turn("the-story", "The moment and the story", "A", start + timedelta(seconds=70), 120, 100,
             note="That Jo left the party because he was bored with me.", note_by="A"),
        turn("kinder-reading", "A kinder reading", "A", start + timedelta(seconds=175), 60, 70),
    )
    return Transcript(
        practice="assume-the-best", title="Assume the best", started=start,
        partners=("Sam", "Alex"), status="complete", ended=start + timedelta(seconds=300),
        checkin=Checkin(before=(2, 2), after=(4, 5)),
        followup=Followup(FIRST, AGREEMENT, "kept"),
        turns=turns, closing=Closing(agreement=SECOND_AGREEMENT),
    )


def early_session() -> Transcript:
    start = at(18, 11, 20, 15)
    return Transcript(
        practice="share-the-why", title="Share the why", started=start,
        partners=("Sam", "Alex"), status="ended-early", ended=start + timedelta(seconds=200),
        turns=(turn("arrive", "Arrive together", "both", start + timedelta(seconds=5), 60, 70),),
    )


def running_session() -> Transcript:
    start = at(24, 11, 19, 0)
    return Transcript(
        practice="share-the-why", title="Share the why", started=start,
        partners=("Sam", "Alex"),
        turns=(turn("arrive", "Arrive together", "both", start + timedelta(seconds=5), 60, 55),),
    )


def write_history(home: Path) -> dict[str, Path]:
    """The sample history in `home`'s sessions folder; returns id -> file."""
    folder = home / "sessions"
    files = {
        FIRST: write_session(folder, FIRST, first_session()),
        SECOND: write_session(folder, SECOND, second_session()),
        EARLY: write_session(folder, EARLY, early_session()),
        RUNNING: write_session(folder, RUNNING, running_session()),
    }
    files[BROKEN], files[NEWER] = write_unreadable(folder, BROKEN, NEWER)
    return files
