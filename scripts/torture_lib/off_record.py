"""SIGKILL during a session off the record: a real `bridges talk --off-the-record` on a
pty, a distinctive note typed at every step that asks for one, killed at a random
moment (mid-turn, mid-note, on the summary), then `bridges` started again.

Afterwards nothing of the session may be anywhere: no file in the sessions folder, and
not one of its words (the note's, the partners' names) in any file under the data
folder or the temporary folder the program was given (a byte search in UTF-8 and
UTF-16); the next start offers nothing to resume, and leaves nothing either.
"""

from __future__ import annotations

import random
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bridges_tui.core.talk.keys import GUARD_SECONDS
from bridges_tui.testing.disk_search import found_on_disk

from .crash import NOTE_OPEN, OFFER, READY, SETUP, quit_politely
from .figures import Figures, timed
from .terminal import BRIDGES, Killed, ProgramExited, Run
from .walk import PLAN, PRACTICE, STEPS, add_practice

MARK = "off the record: nothing is saved"
#: Names no file of bridges holds by itself (as "Sam" might be in a practice's text).
NAMES = ("Quillon", "Marisol")


@dataclass
class TrialResult:
    failures: list[str] = field(default_factory=list)
    #: Where the kill came: "mid-turn", "mid-note", "between", "summary".
    moment: str = ""
    seconds: float = 0.0


def one_trial(seed: int, scratch: Path) -> TrialResult:
    """Run off the record, kill, search, restart, search again; never raises."""
    rng = random.Random(seed)
    result = TrialResult()
    started = time.monotonic()
    home = Path(tempfile.mkdtemp(prefix=f"offrec-{seed}-", dir=scratch))
    temp = Path(tempfile.mkdtemp(prefix=f"offrec-temp-{seed}-", dir=scratch))
    add_practice(home)
    note = f"saffron lantern {seed} beneath the quince"
    words = (note, "saffron", "lantern", "quince", *NAMES)
    try:
        _trial(rng, home, temp, note, words, result)
    except Exception as error:
        result.failures.append(f"{type(error).__name__}: {error}")
    result.failures = [f"seed {seed} ({result.moment}): {what}" for what in result.failures]
    result.seconds = time.monotonic() - started
    return result


def _trial(rng: random.Random, home: Path, temp: Path, note: str, words: tuple[str, ...],
           result: TrialResult) -> None:
    argv = (BRIDGES, "talk", PRACTICE, "--off-the-record", "--names", *NAMES)
    env = {"TMPDIR": str(temp)}
    with Run(argv, home, env=env) as run:
        if not run.until(lambda: run.shows(f"step 1 of {STEPS}"), 30):
            result.failures.append(f"`bridges talk --off-the-record` did not start:\n{run.text}")
            return
        if not run.until(lambda: run.shows(MARK), 5):
            result.failures.append(f"the header does not say {MARK!r}:\n{run.text}")
        run.kill_at = time.monotonic() + rng.uniform(0.05, 14.0)
        try:
            _walk(run, rng, note, result)
        except Killed:
            pass
        except ProgramExited as error:
            result.failures.append(f"bridges died by itself: {error}")
            return
    _nothing_left(home, temp, words, result, "after the kill")
    with Run((BRIDGES,), home, env=env) as again:
        if not again.until(lambda: again.shows(SETUP) or again.shows(OFFER), 30):
            result.failures.append(f"`bridges` did not start again:\n{again.text}")
            return
        if again.until(lambda: again.shows(OFFER), 1.5):
            result.failures.append("the next start offered a session to resume")
        quit_politely(again, result.failures)
    _nothing_left(home, temp, words, result, "after the next start")


def _walk(run: Run, rng: random.Random, note: str, result: TrialResult) -> None:
    """Every step as a couple would take it, the note typed key by key, then the
    summary; until the planned SIGKILL (Killed)."""
    for position in range(STEPS):
        result.moment = "between"
        run.press(" ")
        if not run.until(lambda: not run.shows(READY), 5):
            raise RuntimeError(f"step {position + 1}: the turn did not start:\n{run.text}")
        result.moment = "mid-turn"
        run.wait(GUARD_SECONDS + rng.random() * 0.6 + 0.05)
        run.press(" ")
        if PLAN[position].step.note is None:
            after = f"step {position + 2} of {STEPS}" if position + 1 < STEPS else "all steps done"
            run.until(lambda after=after: run.shows(after), 5)
            continue
        if not run.until(lambda: run.shows(NOTE_OPEN), 5):
            raise RuntimeError(f"step {position + 1}: no note prompt:\n{run.text}")
        result.moment = "mid-note"
        for start in range(0, len(note), 5):
            run.press(note[start:start + 5])
            run.wait(rng.uniform(0.03, 0.12))
        run.press("\r")
        run.until(lambda: not run.shows(NOTE_OPEN), 5)
    result.moment = "between"
    run.wait(GUARD_SECONDS + 0.05)
    run.press(" ")
    if run.until(lambda: run.shows("Floor time"), 5):
        result.moment = "summary"
        if not run.shows("Off the record"):
            result.failures.append(f"the summary does not say it is off the record:\n{run.text}")
    run.wait(rng.random())
    run.kill()


def _nothing_left(home: Path, temp: Path, words: tuple[str, ...], result: TrialResult, when: str) -> None:
    sessions = home / "sessions"
    files = sorted(path.name for path in sessions.iterdir()) if sessions.exists() else []
    if files:
        result.failures.append(f"{when}: files in the sessions folder: {files}")
    found = found_on_disk(words, home, temp)
    if found:
        result.failures.append(f"{when}: words on disk: {found[:5]}")


def off_record_kills(trials: int, workers: int = 2, seed: int = 0) -> Figures:
    """SIGKILL a real `bridges talk --off-the-record` `trials` times."""
    figures = Figures("Off the record: SIGKILL, byte search, restart")
    with timed(figures), tempfile.TemporaryDirectory(prefix="torture-offrec-") as scratch:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(lambda n: one_trial(seed + n, Path(scratch)), range(trials)))
    figures.trials = len(results)
    for result in results:
        figures.failures += result.failures
    moments = [result.moment for result in results]
    figures.measured = {
        "killed (mid-turn / mid-note / between / summary)": " / ".join(
            str(moments.count(moment)) for moment in ("mid-turn", "mid-note", "between", "summary")),
        "files and words found afterwards": str(sum(
            1 for result in results for what in result.failures if "on disk" in what or "files in" in what)),
    }
    return figures
