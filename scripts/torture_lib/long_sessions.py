"""Long and strange sessions: four hours on a fake clock (memory flat, the clock exact),
names and notes in every script with emoji, combining marks, right-to-left text and
10,000 characters (shown, and read back exactly), and a terminal resized wildly in the
middle of a turn (in-process, and the real program on a pty).
"""

from __future__ import annotations

import gc
import random
import tempfile
from pathlib import Path

from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.talk.keys import GUARD_SECONDS
from bridges_tui.testing.clock import FakeClock
from bridges_tui.testing.pilot import running
from bridges_tui.testing.talk import screen_name, take_turn, talk_app
from bridges_tui.tui.fitting import FIT_SECONDS

from . import walk
from .crash import NOTE_OPEN, READY, TALK, _heading
from .figures import Figures, timed
from .in_process import SIZE, bridges_home
from .terminal import Killed, ProgramExited, Run

# --- four hours ---------------------------------------------------------------------------


TICK_S = 10  # fake seconds between repaints: 1,440 repaints in four hours


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def long_session(hours: float, figures: Figures) -> dict[str, str]:
    """A session of `hours` on the fake clock: the countdown repainted every TICK_S
    (what its timer does, compressed), each turn `hours / steps` long."""
    per_turn = int(hours * 3600 / walk.STEPS) // TICK_S * TICK_S
    fake = FakeClock()
    worst_clock = 0
    with bridges_home("torture-long-") as home:
        app = talk_app(fake, walk.practice())
        async with running(app, size=SIZE) as pilot:
            baseline = (0.0, 0)
            for position in range(walk.STEPS):
                await pilot.press("space")
                screen = app.screen
                planned = screen.conversation.clock.planned_s
                pane = screen.query_one("#pane-b" if walk.PLAN[position].speaker == "B" else "#pane-a")
                for elapsed in range(TICK_S, per_turn + 1, TICK_S):
                    fake.advance(TICK_S)
                    screen.refresh_view()  # what the countdown's own timer does
                    await pilot.pause()
                    shown = pane.shown_seconds
                    if not figures.check_that(shown is not None, f"long session: no countdown at {elapsed} s"):
                        break
                    worst_clock = max(worst_clock, abs(shown - (planned - elapsed)))
                await take_turn_end(pilot, app, position)
                if position == 0:
                    gc.collect()
                    baseline = (_rss_mb(), len(gc.get_objects()))
            gc.collect()
            growth = _rss_mb() - baseline[0]
            objects = len(gc.get_objects()) - baseline[1]
        saved = SessionStore(home / "sessions").load(app.live.keeper.path)
    figures.trials += walk.STEPS * per_turn // TICK_S
    spoken = [turn.spoken_s for turn in saved.turns]
    figures.check_that(spoken == [float(per_turn)] * walk.STEPS,
                       f"long session: floor times {spoken}, each should be {per_turn}")
    figures.check_that(worst_clock == 0, f"long session: the countdown was off by {worst_clock} s")
    # Textual's render caches warm up with each new turn (about 3,000 objects a turn,
    # whatever its length); within a turn, repainting the countdown adds nothing.
    figures.check_that(growth < 8.0, f"long session: memory grew {growth:.1f} MB after turn 1")
    return {f"{hours:g} h session: memory growth after turn 1": f"{growth:.1f} MB ({objects:+d} objects)",
            "countdown error": f"{worst_clock} s",
            "floor time error": f"{max(abs(x - per_turn) for x in spoken) if spoken else 0:g} s"}


async def take_turn_end(pilot: object, app: object, position: int) -> None:
    await pilot.press("space")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    if screen_name(app) == "NotePrompt":  # type: ignore[arg-type]
        await pilot.press("enter")  # type: ignore[attr-defined]


# --- strange words ----------------------------------------------------------------------------

NAMES = [
    ("Zoë 😀", "José"), ("שרה", "مريم"), ("李雷", "O'Brien"), ("👩\u200d❤️\u200d👨 Kim", "e\u0301lan"),
    ("A" * 40, "ß" * 40), ("Ana María", "Nguyễn Thị"),
]
PIECES = ["Zoë", "😀", "👩\u200d❤️\u200d👨", "שלום עולם", "مرحبا بك", "e\u0301", "a\u0308\u0301",
          "李雷", "Ελληνικά", "🇺🇦", "\u200f", "‏כן", "naïve", "🧑🏽‍🤝‍🧑🏻", "\t", " "]


def strange_note(rng: random.Random, length: int) -> str:
    parts: list[str] = []
    size = 0
    while size < length:
        piece = rng.choice(PIECES) if rng.random() < 0.5 else rng.choice("abcdefghij .,")
        parts.append(piece)
        size += len(piece)
    text = "".join(parts)[:length]
    return "x" + text[1:-1] + "x"  # no blank at either end (a note is trimmed)


async def strange_words(trials: int, figures: Figures, seed: int) -> None:
    rng = random.Random(seed)
    for trial in range(trials):
        names = NAMES[trial % len(NAMES)]
        fake = FakeClock()
        typed: list[str | None] = []
        with bridges_home("torture-words-") as home:
            app = talk_app(fake, walk.practice(), names=names)
            async with running(app, size=SIZE) as pilot:
                for position in range(walk.STEPS):
                    note = strange_note(rng, 10_000 if position == 0 else rng.randint(1, 300))
                    asked = await take_turn(pilot, app, fake, 10.0, note)
                    typed.append(note if asked else None)
                    if position == 1:
                        shown = app.export_screenshot()
                        for name in names:
                            figures.check_that(_visible(name) in _plain(shown),
                                               f"words #{trial}: {name!r} is not on screen")
            figures.trials += 1
            saved = SessionStore(home / "sessions").load(app.live.keeper.path)
        figures.check_that(saved.partners == names, f"words #{trial}: names came back {saved.partners}")
        notes = [turn.note for turn in saved.turns]
        if notes != typed:
            lost = sum(1 for a, b in zip(notes, typed, strict=False) if a != b)
            figures.lost_notes += lost
            figures.fail(f"words #{trial}: {lost} notes did not come back exactly")


def _plain(svg: str) -> str:
    import html

    return html.unescape(svg).replace("\xa0", " ")


def _visible(name: str) -> str:
    # The screen draws a name's characters; a joiner or combining mark may sit in a cell
    # of its own, so look for the part that is drawn plainly.
    return name.split("\u200d")[0].split(" ")[0][:3]


# --- resizing -------------------------------------------------------------------------------

SIZES = [(40, 12), (200, 60), (80, 24), (41, 13), (199, 59), (120, 40), (60, 20), (100, 30)]


async def resized_in_app(times: int, figures: Figures, seed: int) -> None:
    rng = random.Random(seed)
    fake = FakeClock()
    with bridges_home("torture-resize-") as home:
        app = talk_app(fake, walk.practice())
        async with running(app, size=SIZE) as pilot:
            await pilot.press("space")
            for count in range(times):
                size = rng.choice(SIZES) if rng.random() < 0.5 else (rng.randint(40, 200), rng.randint(12, 60))
                await pilot.resize_terminal(*size)
                if count % 25 == 0:
                    fake.advance(1)
                    await pilot.pause()
            await pilot.resize_terminal(*SIZE)
            # The too-small notice follows a size once it has held still for
            # FIT_SECONDS: wait for that (longer on a loaded machine), not one pause.
            for _ in range(100):
                await pilot.pause(FIT_SECONDS)
                if screen_name(app) == "ConversationScreen":
                    break
            figures.check_that(screen_name(app) == "ConversationScreen",
                               f"resize: left on {screen_name(app)} at {SIZE}")
            await take_turn_end(pilot, app, 0)
            figures.trials += times
        saved = SessionStore(home / "sessions").load(app.live.keeper.path)
        figures.check_that(len(saved.turns) == 1, f"resize: {len(saved.turns)} turns saved, not 1")


def resized_on_the_terminal(times: int, figures: Figures, seed: int, rounds: int = 1) -> None:
    """The real program, its terminal resized every few milliseconds, mid-turn and with
    the note prompt open; `rounds` programs, `times` resizes each."""
    for round_ in range(rounds):
        _resized_once(times, figures, random.Random(seed + round_))


def _resized_once(times: int, figures: Figures, rng: random.Random) -> None:

    def storm(run: Run, count: int) -> None:
        for _ in range(count):
            size = rng.choice(SIZES) if rng.random() < 0.5 else (rng.randint(40, 200), rng.randint(12, 60))
            run.resize(*size)
            run.wait(rng.random() * 0.02)
        run.resize(100, 30)
        run.term.settle(quiet=0.5, limit=20)
        # Quiet again, and listening: a busy loop after resizing ignored every key.
        busy = run.term.cpu_seconds()
        run.wait(2.0)
        busy = run.term.cpu_seconds() - busy
        figures.check_that(busy < 0.5, f"resize (pty): still busy afterwards ({busy:.1f} s of CPU in 2 s)")

    with tempfile.TemporaryDirectory(prefix="torture-resize-pty-") as scratch:
        home = Path(scratch)
        walk.add_practice(home)
        with Run(TALK, home) as run:
            try:
                run.until(lambda: run.shows(_heading(1)), 30)
                run.press(" ")
                run.until(lambda: not run.shows(READY), 5)
                storm(run, times // 2)  # mid-turn
                figures.check_that(run.until(lambda: run.shows(_heading(1)), 5),
                                   f"resize (pty): the turn is not on screen afterwards:\n{run.text}")
                run.wait(GUARD_SECONDS + 0.1)  # a quicker second Space is a double press
                run.press(" ")
                run.until(lambda: run.shows(NOTE_OPEN), 5)
                storm(run, times - times // 2)  # with the note prompt open
                figures.trials += times
                alive = run.alive() and run.until(lambda: run.shows(NOTE_OPEN), 5)
                figures.check_that(alive, f"resize (pty): the note prompt is gone:\n{run.text}")
                run.press("kept through it all")
                run.until(lambda: run.shows("kept through it all"), 5)
                run.press("\r")
                run.until(lambda: not run.shows(NOTE_OPEN), 5)
            except (Killed, ProgramExited) as error:
                figures.fail(f"resize (pty): bridges died: {error}")
        saved = SessionStore(home / "sessions")
        [entry] = saved.list()
        notes = [turn.note for turn in saved.load(entry.path).turns]
        figures.check_that(notes == ["kept through it all"], f"resize (pty): notes {notes}")


async def long_and_strange(hours: float, word_trials: int, resizes: int, seed: int = 0,
                           rounds: int = 1) -> Figures:
    figures = Figures("Long and strange: 4 h, every script, resizing")
    with timed(figures):
        measured = await long_session(hours, figures)
        await strange_words(word_trials, figures, seed)
        await resized_in_app(resizes, figures, seed)
        resized_on_the_terminal(resizes, figures, seed, rounds)
    figures.measured = measured | {"10,000-character notes": str(word_trials),
                                   "resizes": f"{resizes} in the app, {rounds} × {resizes} on a pty"}
    return figures

