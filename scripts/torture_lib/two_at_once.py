"""Two at once: two bridges on the same sessions folder never clobber each other.

Three ways: two processes saving their own sessions in a loop, started together (same
second, same practice, so the same first name) and killed at random; two real `bridges
talk` on one folder, each walking its own session with its own notes; and a second
`bridges` started while the first is in the middle of a session, which must not offer
that live session for resuming (and offers it once the first has died).
"""

from __future__ import annotations

import random
import signal
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.talk.keys import GUARD_SECONDS
from bridges_tui.testing.sessions import note_of

from .crash import NOTE_OPEN, OFFER, READY, SETUP, TALK, _heading, quit_politely
from .crash_write import start_saver
from .figures import Figures, timed
from .terminal import BRIDGES, Killed, Run
from .walk import PLAN, add_practice

PAIRS = (("Sam", "Alex"), ("Kim", "Lee"))


def savers_together(trials: int, figures: Figures, seed: int) -> None:
    """Two processes creating and saving sessions that want the same file name."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="torture-two-") as scratch:
        for trial in range(trials):
            folder = Path(scratch) / f"t{trial}" / "sessions"
            children = [
                start_saver(folder, *pair) for pair in PAIRS
            ]
            time.sleep(rng.uniform(0.3, 0.8))
            acked = []
            for child in children:
                child.send_signal(signal.SIGKILL)
                out, _ = child.communicate(timeout=10)
                lines = out.splitlines()
                acked.append(max((int(x) for x in lines[1:] if x.strip().isdigit()), default=0))
            figures.trials += 1
            store = SessionStore(folder)
            entries = store.list()
            owners = {entry.partners: entry for entry in entries}
            name = f"savers #{trial}"
            if not figures.check_that(len(entries) == 2 and set(owners) == set(PAIRS),
                                      f"{name}: sessions {[(e.id, e.partners) for e in entries]}"):
                continue
            for pair, count in zip(PAIRS, acked, strict=False):
                transcript = store.load(owners[pair].path)
                if len(transcript.turns) < count:
                    figures.lost_turns += count - len(transcript.turns)
                    figures.fail(f"{name}: {pair} saved {count} turns, {len(transcript.turns)} on disk")
                for number, turn in enumerate(transcript.turns, 1):
                    if turn.note != note_of(number):
                        figures.lost_notes += 1
                        figures.fail(f"{name}: {pair} turn {number} note changed")


def two_couples(trials: int, figures: Figures) -> None:
    """Two real `bridges talk` on one folder, side by side, each with its own notes."""
    with tempfile.TemporaryDirectory(prefix="torture-couples-") as scratch:
        for trial in range(trials):
            home = Path(scratch) / f"t{trial}"
            add_practice(home)
            with ThreadPoolExecutor(max_workers=2) as pool:
                typed = list(pool.map(lambda who, home=home: _walk_some(home, who, figures), ("one", "two")))
            figures.trials += 1
            store = SessionStore(home / "sessions")
            entries = store.list()
            name = f"two couples #{trial}"
            if not figures.check_that(len(entries) == 2, f"{name}: {[e.id for e in entries]}"):
                continue
            notes_on_disk = sorted(
                tuple(turn.note for turn in store.load(entry.path).turns) for entry in entries
            )
            wanted = sorted(tuple(notes) for notes in typed)
            if notes_on_disk != wanted:
                figures.lost_notes += 1
                figures.fail(f"{name}: notes on disk {notes_on_disk}, typed {wanted}")


def _walk_some(home: Path, who: str, figures: Figures) -> list[str | None]:
    typed: list[str | None] = []
    with Run(TALK, home) as run:
        if not run.until(lambda: run.shows(_heading(1)), 30):
            figures.fail(f"{who}: `bridges talk` did not start")
            return typed
        for position in range(4):
            run.press(" ")
            run.until(lambda: not run.shows(READY), 5)
            run.wait(GUARD_SECONDS + 0.1)  # a quicker second Space is a double press
            run.press(" ")
            run.until(lambda position=position: run.shows(NOTE_OPEN) or run.shows(_heading(position + 2)), 5)
            if PLAN[position].step.note is None:
                typed.append(None)
                continue
            run.until(lambda: run.shows(NOTE_OPEN), 5)
            text = f"{who} says {position}"
            run.press(text)
            run.until(lambda text=text: run.shows(text), 5)
            run.press("\r")
            run.until(lambda: not run.shows(NOTE_OPEN), 5)
            typed.append(text)
        failures: list[str] = []
        quit_politely(run, failures)
        figures.failures += [f"{who}: {failure}" for failure in failures]
    return typed


def live_session_not_offered(figures: Figures) -> None:
    """While one bridges is in a session, a second one does not offer to resume it."""
    with tempfile.TemporaryDirectory(prefix="torture-live-") as scratch:
        home = Path(scratch) / "home"
        add_practice(home)
        with Run(TALK, home) as first:
            if not first.until(lambda: first.shows(_heading(1)), 30):
                figures.fail("live: the first bridges did not start")
                return
            first.press(" ")
            first.until(lambda: not first.shows(READY), 5)
            first.wait(GUARD_SECONDS + 0.1)
            first.press(" ")
            first.until(lambda: first.shows(_heading(2)) or first.shows(NOTE_OPEN), 5)
            with Run((BRIDGES,), home) as second:
                second.until(lambda: second.shows(SETUP), 30)
                second.until(lambda: second.shows(OFFER), 2.0)  # the offer comes a moment later
                figures.trials += 1
                figures.check_that(not second.shows(OFFER),
                                   "live: a second bridges offered to resume a live session")
            first.kill_at = 0.0
            try:
                first.wait(0.1)
            except Killed:
                pass
        with Run((BRIDGES,), home) as third:
            figures.trials += 1
            figures.check_that(third.until(lambda: third.shows(OFFER), 30),
                               "live: once the first bridges died, its session was not offered")


def two_at_once(saver_trials: int, couple_trials: int, seed: int = 0) -> Figures:
    figures = Figures("Two bridges on one sessions folder")
    with timed(figures):
        savers_together(saver_trials, figures, seed)
        two_couples(couple_trials, figures)
        live_session_not_offered(figures)
    return figures

