"""A long history to measure against: 1,000 realistic sessions, written by the real core.

Each session follows one of the built-in practices step by step (as many rounds as it
takes to reach 40 turns), with floor times scattered around each step's length, a
note of about 200 characters on every turn, occasional breathers, check-ins and a
closing agreement. They are written with `SessionStore.create`, exactly as the app
writes them. A fixed seed makes every run of the benchmark measure the same files.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bridges_tui.core.model.session import Practice, Transcript

# The core is imported inside the functions, so that `--source` can point the
# benchmark at a scratch copy of bridges before anything of it is loaded.

NAMES = ("Sam", "Alex")
TURNS = 40
NOTE_CHARS = 200

_WORDS = (
    "I felt unheard when the dishes piled up again and we both pretended not to see "
    "it, and what I really wanted was a quiet evening together without phones; it "
    "matters because my parents never talked about small things until they became "
    "big ones, and I would like us to notice earlier, to ask before assuming, and to "
    "plan one walk every weekend where we just listen to each other"
).split()


def note(rng: random.Random, chars: int = NOTE_CHARS) -> str:
    """A note of about `chars` characters, in the couple's own kind of words."""
    words: list[str] = []
    length = 0
    target = chars + rng.randint(-30, 30)
    while length < target:
        word = rng.choice(_WORDS)
        words.append(word)
        length += len(word) + 1
    text = " ".join(words)
    return text[0].upper() + text[1:].rstrip(",;") + "."


def practices() -> list[Practice]:
    """The built-in practices, as the app loads them (no user scripts)."""
    try:
        from bridges_tui.core.practice_scripts.catalog import load_catalog
    except ImportError:  # before the catalog had a module of its own
        from bridges_tui.core.practice_scripts.reading import load_catalog

    catalog = load_catalog(Path("/nonexistent/bridges-bench/practices"))
    return [catalog.get(practice_id) for practice_id in catalog.ids()]


def session(practice: Practice, started: datetime, rng: random.Random, turns: int = TURNS) -> Transcript:
    """One finished session of `practice` with `turns` turns."""
    from bridges_tui.core.model.session import Break, Checkin, Closing, Transcript, Turn

    plan = practice.plan()
    recorded: list[Turn] = []
    breaks: list[Break] = []
    moment = started
    for index in range(turns):
        planned = plan[index % len(plan)]
        planned_s = practice.seconds_for(planned.step)
        spoken = round(max(5.0, rng.gauss(planned_s, planned_s * 0.2)), 1)
        paused = round(rng.choice((0.0, 0.0, 0.0, rng.uniform(2, 40))), 1)
        recorded.append(
            Turn(
                step=planned.step.id,
                title=planned.step.title,
                speaker=planned.speaker,
                started=moment.replace(microsecond=0),
                planned_s=float(planned_s),
                spoken_s=spoken,
                paused_s=paused,
                note=note(rng),
                note_by=planned.note_writer or planned.speaker,
            )
        )
        moment += timedelta(seconds=spoken + paused + rng.uniform(3, 20))
        if rng.random() < 0.02:
            seconds = round(rng.uniform(60, 600), 1)
            breaks.append(Break(started=moment.replace(microsecond=0), seconds=seconds))
            moment += timedelta(seconds=seconds)
    ended_early = rng.random() < 0.1
    return Transcript(
        practice=practice.id,
        title=practice.title,
        started=started,
        partners=NAMES,
        status="ended-early" if ended_early else "complete",
        ended=moment.replace(microsecond=0),
        checkin=Checkin(
            before=(rng.randint(1, 5), rng.randint(1, 5)),
            after=None if ended_early else (rng.randint(2, 5), rng.randint(2, 5)),
        ),
        turns=tuple(recorded),
        breaks=tuple(breaks),
        closing=Closing(
            learned=(note(rng, 90), note(rng, 90)),
            agreement=note(rng, 80),
        ),
    )


def make_history(home: Path, count: int = 1000, seed: int = 7) -> list[Path]:
    """`count` sessions, one every day or two up to last week, in `home`'s store;
    remembered names in its config. Returns the session files, oldest first."""
    from bridges_tui.core.files.config import Config, save_config
    from bridges_tui.core.files.store import SessionStore

    rng = random.Random(seed)
    known = practices()
    store = SessionStore(home / "sessions")
    save_config(home / "config.toml", Config(names=NAMES))
    offset = timezone(timedelta(hours=1))
    day = datetime.now(offset).replace(hour=20, minute=0, second=0, microsecond=0) - timedelta(days=7)
    starts = []
    for _ in range(count):
        starts.append(day + timedelta(minutes=rng.randint(-90, 90), seconds=rng.randint(0, 59)))
        day -= timedelta(days=rng.choice((1, 1, 2)))
    return [store.create(session(known[i % len(known)], started, rng)) for i, started in enumerate(reversed(starts))]
