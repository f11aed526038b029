"""Hostile text on screen: escape sequences, C1 controls and bidi overrides hidden in a
transcript's title, steps, notes and closing words, in practice scripts and in their
file names, must be shown harmlessly, never interpreted by the terminal.

Two ways of looking: the real `bridges` on a pseudo-terminal, where every byte it
writes is searched for the hostile sequences (the resume offer, the resumed session,
the summary, the setup screen's list of broken scripts); and the app in-process with
hypothesis-made transcripts, where each screen's exported text is searched for any
control character at all.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from bridges_tui.core.files.transcript_file import dump_transcript
from bridges_tui.core.model.session import Closing, Transcript, Turn
from bridges_tui.testing.clock import START, FakeClock
from bridges_tui.testing.pilot import running
from bridges_tui.testing.talk import screen_name
from bridges_tui.tui.app import BridgesApp

from .crash import OFFER, quit_politely
from .figures import Figures, timed
from .in_process import SIZE, bridges_home
from .terminal import BRIDGES, Killed, ProgramExited, Run

#: Sequences a terminal would act on, each ending in a word to find it by.
PAYLOADS = [
    "\x1b]0;PWN-title\x07", "\x1b[31mPWN-red", "\x9b32mPWN-c1", "\x1b]52;c;UFdO\x07PWN-clip",
    "\x1bP+qPWN-dcs\x1b\\", "\x1b[2JPWN-clear", "\x1b[6nPWN-query", "\x0ePWN-shift",
    # Not for the terminal but for Textual, which reads markup in plain strings.
    "[/bold][red]PWN-markup[link='x']",
]
#: What must never appear in what bridges writes: each payload's escape with its word.
RAW = re.compile(r"\x1b\]0;PWN|\x1b\[31mPWN|\x9b|\x1b\]52;c;UFdO|\x1bP\+qPWN|\x1b\[2JPWN|"
                 r"\x1b\[6nPWN|\x0ePWN")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile_session(texts: Iterable[str], practice: str = "share-the-why") -> Transcript:
    """An unfinished session whose every free text carries `texts`."""
    words = list(texts) or [""]

    def text(index: int) -> str:
        return f"w{index} {words[index % len(words)]} end"

    steps = ["arrive", "name-it", "explain-why"] if practice == "share-the-why" else ["arrive"]
    return Transcript(
        practice=practice,
        title=text(0),
        started=START,
        partners=("Sam", "Alex"),
        turns=tuple(
            Turn(step=step, title=text(i + 1), speaker="both" if i == 0 else "A",
                 started=START, planned_s=60, spoken_s=30.0, note=text(i + 4))
            for i, step in enumerate(steps)
        ),
        closing=Closing(learned=(text(8), text(9)), agreement=text(10)),
        extra={"mood": text(11)},
    )


def _write(home: Path, transcript: Transcript) -> Path:
    folder = home / "sessions"
    folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    path = folder / "20261125-203107-share-the-why.toml"
    path.write_text(dump_transcript(transcript), encoding="utf-8")
    return path


def _broken_scripts(home: Path) -> None:
    folder = home / "practices"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mine\x1b]0;PWN-title\x07.toml").write_text('id = "x"\n')
    (folder / "keys.toml").write_text('id = "keys"\n"\\u001b[31mPWN-red" = 1\n')
    (folder / "text.toml").write_text('id = "text"\ntitle = "\\u009b32mPWN-c1"\n')


# --- the real thing, on a pty ------------------------------------------------------------


def on_the_terminal(figures: Figures) -> int:
    """Every screen that shows a hostile session or script, in the real `bridges`."""
    looked = 0
    with tempfile.TemporaryDirectory(prefix="torture-display-") as scratch:
        home = Path(scratch) / "home"
        _write(home, hostile_session(PAYLOADS))
        _broken_scripts(home)
        # Tall enough that the setup screen shows the broken scripts below the practices.
        with Run((BRIDGES,), home, cols=120, rows=60) as run:
            try:
                looked += _walk_screens(run, figures)
            except (Killed, ProgramExited) as error:
                figures.fail(f"bridges died showing hostile text: {error}")
            written = "".join(run.written)
        for found in sorted(set(RAW.findall(written))):
            figures.fail(f"reached the terminal raw: {found!r}")
    return looked


def _walk_screens(run: Run, figures: Figures) -> int:
    if not run.until(lambda: run.shows(OFFER), 30):
        figures.fail(f"no resume offer for the hostile session:\n{run.text}")
        return 0
    run.wait(0.2)
    run.press("r")
    if not run.until(lambda: run.shows("step 4 of"), 10):
        figures.fail(f"the hostile session did not resume:\n{run.text}")
        return 1
    run.press("e")
    run.until(lambda: run.shows("End this session now?"), 5)
    run.press("y")
    if not run.until(lambda: run.shows("Floor time"), 10):
        figures.fail(f"no summary for the hostile session:\n{run.text}")
        return 2
    run.wait(0.3)
    run.press("\x0e")  # ctrl+n: a new session, so the setup screen lists the broken scripts
    figures.check_that(run.until(lambda: run.shows("can't be used"), 10),
                       f"the broken scripts are not listed:\n{run.text}")
    run.wait(0.3)
    failures: list[str] = []
    quit_politely(run, failures)
    figures.failures += failures
    return 4


# --- in-process, generated -----------------------------------------------------------------

hostile_texts = st.lists(
    st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=8),
              st.sampled_from(["\u202e", "\u2066", "\x07", "\x00", "\r", "\x7f", "\x85"])),
    min_size=1, max_size=5,
).map("".join)


async def in_the_app(cases: int, figures: Figures, seed: int) -> int:
    """Generated hostile sessions, resumed and ended in the app; every screen's text
    searched for a control character."""
    if cases <= 0:
        return 0
    made: list[Transcript] = []

    @settings(max_examples=cases, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(hostile_texts, min_size=1, max_size=12))
    def collect(texts: list[str]) -> None:
        made.append(hostile_session(texts))

    hypothesis_seed(seed)(collect)()
    for number, transcript in enumerate(made[:cases]):
        with bridges_home("torture-display-") as home:
            _write(home, transcript)
            await _one_in_app(home, figures, f"generated session #{number + 1}")
    return min(cases, len(made))


async def _one_in_app(home: Path, figures: Figures, name: str) -> None:
    fake = FakeClock()
    app = BridgesApp(now=fake.now, wall=fake.wall)
    try:
        async with running(app, size=SIZE) as pilot:
            for _ in range(100):  # the offer comes a moment after start-up
                await pilot.pause(0.05)
                if screen_name(app) == "ResumeScreen":
                    break
            figures.check_that(screen_name(app) == "ResumeScreen",
                               f"{name}: no resume offer but {screen_name(app)}")
            _look(app, figures, f"{name}, resume offer")
            await pilot.press("r")
            _look(app, figures, f"{name}, resumed")
            await pilot.press("e")
            await pilot.press("y")
            await pilot.pause()
            figures.check_that(screen_name(app) == "SummaryScreen",
                               f"{name}: ended early, but shows {screen_name(app)}")
            _look(app, figures, f"{name}, summary")
    except Exception as error:
        figures.fail(f"{name}: crashed with {type(error).__name__}: {error}")


def _look(app: BridgesApp, figures: Figures, where: str) -> None:
    shown = app.export_screenshot()
    found = CONTROL.findall(shown.replace("\n", "").replace("\t", ""))
    figures.check_that(not found, f"{where}: control characters on screen: {sorted(set(found))!r}")


async def hostile_display(cases: int, seed: int = 0) -> Figures:
    figures = Figures("Hostile text on screen (pty + app)")
    with timed(figures):
        figures.trials += on_the_terminal(figures)
        figures.trials += await in_the_app(cases, figures, seed)
    figures.measured = {"payloads": str(len(PAYLOADS))}
    return figures

