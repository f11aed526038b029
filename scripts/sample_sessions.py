"""Realistic sample sessions for a demo of the history, replay, trends and export.

Two people, Sam and Alex, talk every few days over about four months, mostly with
the built-in practices: real step titles and plans, floor times scattered around each
step's length (Sam tends to run over, less so lately), notes in their own words on the
steps that ask for one, breathers now and then, check-ins that drift upward, an
agreement at the end, and the next session saying how the last agreement went.
With `--with-problems` the folder also gets a session still in progress and two files
bridges cannot read (the history must show them, never hide them).

Each session is made by `bridges_tui.testing.sessions.walked_session` (the generator the
benchmark's long history uses too) and written with the real core (`SessionStore.create`),
exactly as the app writes them.
Usage: scripts/sample-sessions [--home FOLDER] [--count N] [--seed N] [--with-problems]
(the folder defaults to $BRIDGES_HOME; it never writes to your own data folder).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bridges_tui.core.files.config import Config, save_config
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.model.practice import PlannedStep
from bridges_tui.core.model.session import Closing, Followup, Transcript, Turn
from bridges_tui.core.practice_scripts.catalog import load_catalog
from bridges_tui.testing.sessions import NAMES, NoteFor, walked_session, write_unreadable

#: What each session is about: what was heard on each side, what they agreed, what
#: each of them learned.
TOPICS = [
    ("moving the furniture around",
     "Moving things around helps Sam feel less stuck after work.",
     "Familiar rooms help Alex feel calm; change feels like losing ground.",
     "Talk before moving furniture, and keep the reading corner as it is.",
     "Alex needs some things to stay put.", "Sam gets restless when the days look alike."),
    ("phones at dinner",
     "Sam feels alone at the table when Alex scrolls.",
     "Alex checks the phone when the day still buzzes; it isn't about Sam.",
     "Phones in the hall basket during dinner, weekdays.",
     "Dinner is where Sam feels we are a family.", "Alex needs ten minutes to land after work."),
    ("visiting Alex's parents",
     "Sam dreads the long Sunday visits and feels judged.",
     "For Alex the visits are how they stay close to a father who is getting older.",
     "Shorter visits, and Sam can leave after lunch without explaining.",
     "Those Sundays are about time running out for Alex.", "Sam feels measured there, not welcome."),
    ("money for the holiday",
     "Sam wants to save this year; money worries keep Sam awake.",
     "Alex wants the trip because last year was so heavy.",
     "A smaller trip in May, and we look at the budget together first.",
     "Sam's worry is about safety, not about the trip.", "Alex needs something to look forward to."),
    ("who does the evening chores",
     "Sam feels the dishes always wait for Sam.",
     "Alex didn't see it; at home growing up, chores were never talked about.",
     "We swap the dishes every other night and say it when it slips.",
     "Unspoken chores turn into resentment for Sam.", "Alex grew up where chores went unseen."),
    ("the late arrival at the party",
     "Sam was hurt waiting alone; the story was that Alex didn't care.",
     "Alex was on a call about the job and lost track of time.",
     "A message when either of us is running late, even a short one.",
     "The hurt came from the story Sam told, not the event.", "A short message matters to Sam."),
    ("weekends",
     "Sam wants one weekend morning with no plans at all.",
     "Alex fills the weekend because empty days make Alex anxious.",
     "Saturday mornings are unplanned; Sunday can be full.",
     "Rest for Sam looks like doing nothing together.", "Alex plans so the week doesn't feel wasted."),
]

def note_for(topic: tuple[str, ...]) -> NoteFor:
    """What each of them writes, on the steps that ask for a note, about `topic`."""

    def note(planned: PlannedStep, _rng: random.Random) -> str | None:
        if planned.step.note is None:
            return None
        lower = planned.step.note.label.casefold()
        if any(word in lower for word in ("agree", "try", "keep", "together", "understand")):
            return topic[3]
        return topic[1] if planned.speaker == "A" else topic[2]

    return note


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/sample-sessions", description=__doc__.split("\n")[0])
    parser.add_argument("--home", help="the BRIDGES_HOME to fill (default: $BRIDGES_HOME)")
    parser.add_argument("--count", type=int, default=36)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--with-problems", action="store_true",
                        help="add a session in progress and two unreadable files")
    args = parser.parse_args(argv)
    home = args.home or os.environ.get("BRIDGES_HOME", "").strip()
    if not home:
        print("sample-sessions: set BRIDGES_HOME or give --home, so samples never mix with "
              "your own sessions", file=sys.stderr)
        return 1
    home_path = Path(home).expanduser()
    rng = random.Random(args.seed)
    catalog = load_catalog(home_path / "practices")
    # Mostly the two core practices, now and then another built-in.
    practices = [p for p in map(catalog.get, catalog.ids()) if p is not None]
    core = [p for p in practices if p.id in ("share-the-why", "assume-the-best")]
    others = [p for p in practices if p.source == "built-in" and p not in core] or core
    store = SessionStore(home_path / "sessions")
    save_config(home_path / "config.toml", Config(names=NAMES))
    offset = timezone(timedelta(hours=1))
    now = datetime.now(offset).replace(second=0, microsecond=0)
    day = now - timedelta(days=1)
    starts = []
    for _ in range(args.count):
        starts.append(day.replace(hour=rng.choice((19, 20, 21)), minute=rng.randint(0, 59), second=rng.randint(0, 59)))
        day -= timedelta(days=rng.choice((2, 3, 3, 4, 5, 7)))
    previous = None
    for number, started in enumerate(reversed(starts)):
        practice = rng.choice(core) if rng.random() < 0.8 else rng.choice(others)
        topic = TOPICS[number % len(TOPICS)]
        progress = number / max(1, args.count - 1)  # 0 for the oldest, 1 for the newest
        followup = None
        if previous is not None and rng.random() < 0.85:
            followup = Followup(previous[0], previous[1], rng.choice(("kept", "kept", "partly", "not-yet")))
        transcript = walked_session(
            practice, started, rng, note_for=note_for(topic),
            # Sam (A) runs over early on; the balance evens out as the months go by,
            # and they come to their talks in a better mood.
            lean=0.35 * (1 - progress), mood=2 + 2 * progress,
            breather_odds=0.06, early_odds=0.08, followup=followup,
            closing=Closing(learned=(topic[4], topic[5]), agreement=topic[3]),
        )
        path = store.create(transcript)
        if transcript.closing.agreement:
            previous = (path.stem, transcript.closing.agreement)
    if args.with_problems:
        practice = core[0]
        started = now - timedelta(hours=2)
        plan = practice.plan()
        store.create(Transcript(
            practice=practice.id, title=practice.title, started=started, partners=NAMES,
            turns=(Turn(step=plan[0].step.id, title=plan[0].step.title, speaker=plan[0].speaker,
                        started=started + timedelta(seconds=30), planned_s=60.0, spoken_s=64.0),),
        ))
        write_unreadable(home_path / "sessions", "20250101-120000-broken", "20250102-090000-from-the-future")
    problems = " and 3 problem files" if args.with_problems else ""
    print(f"wrote {args.count} sessions{problems} to {home_path / 'sessions'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
