"""Sample sessions, written as the app writes them: one generator of realistic sessions
(the benchmark's long history and the demo's months of talks), sessions whose every
note is known from its turn's number (torture's crash trials), and the files a history
must show without reading (one cut short, one from a newer bridges).

The fixed little history the tests assert against is in `bridges_tui.testing.history`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from bridges_tui.core.files.config import Config, save_config
from bridges_tui.core.files.safe_files import ensure_private_dir, write_private
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.files.transcript_file import dump_transcript
from bridges_tui.core.model.practice import PlannedStep
from bridges_tui.core.model.session import Break, Checkin, Closing, Followup, Practice, Transcript, Turn
from bridges_tui.core.practice_scripts.catalog import load_catalog
from bridges_tui.testing.clock import START

NAMES = ("Sam", "Alex")

#: What a step's note says, if anything: given the step placed in the session.
NoteFor = Callable[[PlannedStep, random.Random], "str | None"]

_WORDS = (
    "I felt unheard when the dishes piled up again and we both pretended not to see "
    "it, and what I really wanted was a quiet evening together without phones; it "
    "matters because my parents never talked about small things until they became "
    "big ones, and I would like us to notice earlier, to ask before assuming, and to "
    "plan one walk every weekend where we just listen to each other"
).split()


def words_note(rng: random.Random, chars: int = 200) -> str:
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


def builtin_practices() -> list[Practice]:
    """The built-in practices, as the app loads them when the couple has none of their own."""
    catalog = load_catalog(Path("/nonexistent/bridges-samples/practices"))
    return [practice for practice in map(catalog.get, catalog.ids()) if practice is not None]


def walked_session(
    practice: Practice,
    started: datetime,
    rng: random.Random,
    *,
    note_for: NoteFor,
    turns: int | None = None,
    lean: float = 0.0,
    breather_odds: float = 0.02,
    early_odds: float = 0.1,
    mood: float = 3.0,
    closing: Closing | None = None,
    followup: Followup | None = None,
    partners: tuple[str, str] = NAMES,
) -> Transcript:
    """One finished session of `practice`, as a couple might have had it.

    Each turn's floor time is scattered around its step's length (partner A's by `lean`
    more: 0.3 runs 30% over), with a pause now and then, a breather between turns at
    `breather_odds`, and the note `note_for` gives. `turns`: walk the plan round until
    there are that many turns; None: walk it once. A session ends early at
    `early_odds`: a single walk stops at a random step past its middle (a fixed number
    of turns is kept whole), with no check-in after and no closing words. Check-ins
    gather round `mood` (1 to 5) and rise a little by the end.
    """
    plan = practice.plan()
    ended_early = rng.random() < early_odds
    count = turns if turns is not None else len(plan)
    if ended_early and turns is None:
        count = rng.randint(len(plan) // 2, len(plan) - 1)
    recorded: list[Turn] = []
    breaks: list[Break] = []
    moment = started + timedelta(seconds=rng.randint(5, 60))
    for index in range(count):
        planned = plan[index % len(plan)]
        planned_s = practice.seconds_for(planned.step)
        over = 1.0 + (lean if planned.speaker == "A" else 0.0)
        spoken = round(max(5.0, rng.gauss(planned_s * over, planned_s * 0.2)), 1)
        paused = round(rng.choice((0.0, 0.0, 0.0, rng.uniform(2, 40))), 1)
        note = note_for(planned, rng)
        recorded.append(Turn(
            step=planned.step.id, title=planned.step.title, speaker=planned.speaker,
            started=moment.replace(microsecond=0), planned_s=float(planned_s), spoken_s=spoken,
            paused_s=paused, note=note,
            note_by=None if note is None else planned.note_writer or planned.speaker,
        ))
        moment += timedelta(seconds=spoken + paused + rng.uniform(3, 20))
        if index < count - 1 and rng.random() < breather_odds:
            seconds = round(rng.uniform(60, 600), 1)
            breaks.append(Break(started=moment.replace(microsecond=0), seconds=seconds))
            moment += timedelta(seconds=seconds + rng.uniform(5, 20))
    before = (_score(rng, mood), _score(rng, mood))
    after = (min(5, before[0] + rng.choice((0, 1, 1, 2))), min(5, before[1] + rng.choice((0, 1, 1, 2))))
    return Transcript(
        practice=practice.id, title=practice.title, started=started, partners=partners,
        status="ended-early" if ended_early else "complete",
        ended=(moment + timedelta(seconds=rng.randint(30, 120))).replace(microsecond=0),
        checkin=Checkin(before=before, after=None if ended_early else after),
        followup=followup, turns=tuple(recorded), breaks=tuple(breaks),
        closing=Closing() if ended_early or closing is None else closing,
    )


def _score(rng: random.Random, centre: float) -> int:
    """A check-in score near `centre`, on the scale of 1 to 5."""
    return max(1, min(5, round(rng.gauss(centre, 0.8))))


def long_history(home: Path, count: int = 1000, turns: int = 40, seed: int = 7) -> list[Path]:
    """The benchmark's history: `count` sessions of `turns` turns, each turn with a note
    of about 200 characters, one every day or two up to a week ago, in `home`'s store;
    the names remembered in its config. A fixed seed: every run measures the same
    sessions. Returns the session files, oldest first."""
    rng = random.Random(seed)
    known = builtin_practices()
    store = SessionStore(home / "sessions")
    save_config(home / "config.toml", Config(names=NAMES))
    day = datetime.now(START.tzinfo).replace(hour=20, minute=0, second=0, microsecond=0) - timedelta(days=7)
    starts = []
    for _ in range(count):
        starts.append(day + timedelta(minutes=rng.randint(-90, 90), seconds=rng.randint(0, 59)))
        day -= timedelta(days=rng.choice((1, 1, 2)))
    files = []
    for number, started in enumerate(reversed(starts)):
        closing = Closing(learned=(words_note(rng, 90), words_note(rng, 90)), agreement=words_note(rng, 80))
        files.append(store.create(walked_session(
            known[number % len(known)], started, rng, turns=turns, closing=closing,
            note_for=lambda _planned, rng: words_note(rng),
        )))
    return files


def note_of(number: int) -> str:
    """Turn `number`'s note: long enough that a write takes a while, never the same."""
    return f"turn {number}: " + "words that must survive. " * (number % 40 + 1) + "Zoë 😀 שלום"


def numbered_session(turns: int, practice: str = "share-the-why",
                     partners: tuple[str, str] = NAMES) -> Transcript:
    """A session in progress with `turns` turns, turn n's note `note_of(n)`: what was
    on disk can be told from what was lost after any crash."""
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


def write_session(folder: Path, session_id: str, transcript: Transcript) -> Path:
    """`transcript` as the file `session_id`.toml in `folder`, private, as bridges keeps it."""
    ensure_private_dir(folder)
    path = folder / f"{session_id}.toml"
    write_private(path, dump_transcript(transcript))
    return path


def write_unreadable(folder: Path, broken_id: str, newer_id: str) -> tuple[Path, Path]:
    """Two files a history must list without reading: `broken_id`, cut short in the
    middle of a line, and `newer_id`, written by a later bridges (format version 9)."""
    ensure_private_dir(folder)
    broken = folder / f"{broken_id}.toml"
    write_private(broken, 'format = "bridges-transcript"\nversion = 1\npractice = \n')
    newer = folder / f"{newer_id}.toml"
    write_private(newer, 'format = "bridges-transcript"\nversion = 9\npractice = "assume-the-best"\n')
    return broken, newer
