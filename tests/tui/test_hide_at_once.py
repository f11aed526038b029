"""Issue 20, hide at once: on every screen the hide key (F12, or ctrl+g for the other
hand) puts a neutral view over everything within the frame, with none of the couple's
words on it; a running turn pauses; nothing is written while hidden; and the same key
brings back exactly what was there, the words half typed in a box included.

Each test reads the whole terminal as the app composed it (`screen_text`), and the
data folder's every file (`files_on_disk`), before, during and after.
"""

from __future__ import annotations

import threading
import time
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input

from bridges_tui.core.files.config import Config, save_config
from bridges_tui.testing.history import AGREEMENT, FIRST, write_history
from bridges_tui.testing.pilot import running, screen_text
from bridges_tui.testing.talk import run_to_the_summary
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.breather import BreatherScreen
from bridges_tui.tui.screens.confirm import ConfirmScreen
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.export_dialog import ExportDialog
from bridges_tui.tui.screens.help import HelpScreen
from bridges_tui.tui.screens.hidden import HiddenScreen
from bridges_tui.tui.screens.history import HistoryScreen
from bridges_tui.tui.screens.note_prompt import NotePrompt
from bridges_tui.tui.screens.replay import ReplayScreen
from bridges_tui.tui.screens.resume import ResumeScreen
from bridges_tui.tui.screens.setup import SetupScreen
from bridges_tui.tui.screens.summary import SummaryScreen
from bridges_tui.tui.screens.trends import TrendsScreen
from bridges_tui.tui.widgets.practice_list import PracticeList
from bridges_tui.tui.widgets.session_table import SessionTable

SIZE = (80, 24)
THE_LINE = "Paused. Press F12 to come back."
#: A note no screen shows unless the couple typed it.
NOTE = "the blue teapot from Lisbon"
#: Words of the couple's own that the neutral view must never show.
THEIRS = ("Sam", "Alex", "Share the why", "Assume the best", "furniture", "teapot", "Ask before", "agreed")


def files_on_disk(home: Path) -> dict[str, tuple[int, int]]:
    """Every file under `home`, with its modification time and size."""
    return {str(path.relative_to(home)): (path.stat().st_mtime_ns, path.stat().st_size)
            for path in sorted(home.rglob("*")) if path.is_file()}


async def hide_and_come_back(pilot, home: Path, *, same_view: bool = True) -> tuple[str, str]:
    """Hide with F12, check the neutral view, press keys and let time pass (nothing
    shows, nothing is written), come back with ctrl+g, and check the same screens, the
    same focus and (`same_view`) the same picture are back. The view before, and after."""
    app = pilot.app
    before, stack, focused = screen_text(app), list(app.screen_stack), app.screen.focused
    on_disk = files_on_disk(home)
    await pilot.press("f12")
    assert isinstance(app.screen, HiddenScreen)
    hidden = screen_text(app)
    assert hidden.split() == THE_LINE.split(), hidden
    for words in THEIRS:
        assert words not in hidden
    # Keys that do something elsewhere do nothing here: no help, no quit, no palette.
    await pilot.press("f1", "ctrl+q", "ctrl+p", "x", "space", "escape", "enter")
    await pilot.pause(0.8)  # real time: the note's draft, the summary's typing, a retry
    assert app.screen_stack[:-1] == stack and isinstance(app.screen, HiddenScreen)
    assert screen_text(app).split() == THE_LINE.split()
    assert files_on_disk(home) == on_disk, "nothing is written while hidden"
    await pilot.press("ctrl+g")
    await pilot.pause()
    assert app.screen_stack == stack
    assert app.screen.focused is focused
    after = screen_text(app)
    if same_view:
        assert after == before
    return before, after


@pytest.fixture
def talk(talk_app):
    return talk_app()


async def start_a_turn(pilot, fake_time) -> ConversationScreen:
    """The first step under way, 5 s into it."""
    await pilot.press("space")
    fake_time.advance(5)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ConversationScreen) and screen.conversation.state == "speaking"
    return screen


# --- a conversation ---------------------------------------------------------------------


async def test_a_running_turn_is_paused_hidden_and_comes_back_paused(talk, fake_time, bridges_home: Path) -> None:
    app = talk
    async with running(app, size=SIZE) as pilot:
        screen = await start_a_turn(pilot, fake_time)
        await pilot.pause(0.1)  # the first save, after the first frame
        clock = screen.conversation.clock
        before, after = await hide_and_come_back(pilot, bridges_home, same_view=False)
        assert "Paused" not in before
        # The conversation's own pause: the clock stood still, the screen says so.
        assert screen.conversation.state == "paused"
        assert "Paused · Space or p to go on" in after
        fake_time.advance(30)  # the hidden time counts as paused
        assert clock.shown_seconds() == 55
        await pilot.press("space")
        fake_time.advance(10)
        await pilot.press("space")
        await pilot.pause()
    turn = tomllib.loads(next((bridges_home / "sessions").glob("*.toml")).read_text())["turns"][0]
    assert turn["spoken_s"] == 15.0 and turn["paused_s"] == 30.0


async def test_a_half_typed_note_comes_back_and_waits_to_be_saved(talk, fake_time, bridges_home: Path) -> None:
    app = talk
    async with running(app, size=SIZE) as pilot:
        # Share the why asks for a note at its fourth step, when B hands over.
        for _ in range(3):
            await pilot.press("space")
            fake_time.advance(20)
            await pilot.press("space")
        await pilot.press("space")
        fake_time.advance(20)
        await pilot.press("space")
        while isinstance(app.screen, ConversationScreen) and app.screen.conversation.state == "confirming":
            await pilot.press("y")
        assert isinstance(app.screen, NotePrompt)
        box = app.screen.query_one(Input)
        await pilot.press(*"the blue ")
        box.insert_text_at_cursor("teapot from")  # the draft's timer starts: it fires while hidden
        await hide_and_come_back(pilot, bridges_home)
        assert box.value == "the blue teapot from" and app.screen.focused is box
        await pilot.pause(0.5)
        assert "the blue teapot from" in next((bridges_home / "sessions").glob("*.toml")).read_text(), \
            "the draft is saved once the screen is back"
        await pilot.press(*" Lisbon", "enter")
        await pilot.pause()
    assert NOTE in next((bridges_home / "sessions").glob("*.toml")).read_text()


async def test_a_crash_while_hidden_still_saves_what_waited(talk, fake_time, bridges_home: Path) -> None:
    app = talk
    with pytest.raises(RuntimeError, match="something unexpected"):
        async with running(app, size=SIZE) as pilot:
            await pilot.press("space")
            fake_time.advance(20)
            await pilot.press("space")  # the first turn, handed over and saved
            await pilot.pause()
            session = next((bridges_home / "sessions").glob("*.toml"))
            assert "[[turns]]" in session.read_text()
            await pilot.press("f12")
            app.live.conversation.set_note(0, NOTE)  # as a note kept a moment before would
            app.post_message(ConversationScreen.Changed())
            await pilot.pause()
            assert NOTE not in session.read_text(), "the save waits while hidden"
            app._handle_exception(RuntimeError("something unexpected"))
            await pilot.pause()
    assert NOTE in session.read_text(), "a crash makes the save that waited"


@pytest.mark.parametrize("opened", ["breather", "end", "help", "palette"])
async def test_over_a_conversation(opened: str, talk, fake_time, bridges_home: Path) -> None:
    app = talk
    async with running(app, size=SIZE) as pilot:
        screen = await start_a_turn(pilot, fake_time)
        await pilot.pause(0.1)
        await pilot.press({"breather": "b", "end": "e", "help": "f1", "palette": "ctrl+p"}[opened])
        if opened == "palette":
            await pilot.press(*"brea")
        await pilot.pause()
        shown = type(app.screen).__name__
        # Beneath a breather nothing runs; beneath the others the turn pauses, and shows it.
        _, after = await hide_and_come_back(pilot, bridges_home, same_view=opened == "breather")
        assert type(app.screen).__name__ == shown
        if opened != "breather":
            assert "space Go on" in after.splitlines()[-1]  # the key bar, under any dialog
        # A turn still on the floor beneath (the question to end, the help) is paused.
        assert screen.conversation.state == ("on-break" if opened == "breather" else "paused")
        if opened == "palette":
            assert "brea" in screen_text(app)
        if opened == "breather":
            assert isinstance(app.screen, BreatherScreen)
        if opened == "end":
            assert isinstance(app.screen, ConfirmScreen)
        if opened == "help":
            assert isinstance(app.screen, HelpScreen)


# --- setup, the offer to resume, the summary ---------------------------------------------


@pytest.fixture
def past(bridges_home: Path) -> dict[str, Path]:
    save_config(bridges_home / "config.toml", Config(names=("Sam", "Alex")))
    return write_history(bridges_home)


async def on_setup(pilot) -> SetupScreen:
    """Setup with the names remembered and the last agreement asked about, the offer to
    resume put off."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause(0.02)
        if isinstance(app.screen, ResumeScreen):
            break
    assert isinstance(app.screen, ResumeScreen)
    await pilot.press("escape")
    setup = app.screen
    assert isinstance(setup, SetupScreen)
    for _ in range(100):
        if "Ask before we" in screen_text(app):
            break
        await pilot.pause(0.02)
    return setup


async def test_the_setup_screen_with_a_name_half_typed(past, fake_time, bridges_home: Path) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        setup = await on_setup(pilot)
        assert "Ask before we" in screen_text(app) and "Sam" in screen_text(app)
        name = setup.query_one("#name-b", Input)
        name.focus()
        await pilot.press("end", "backspace", "backspace")
        await hide_and_come_back(pilot, bridges_home)
        assert name.value == "Al"


async def test_the_offer_to_resume(past, fake_time, bridges_home: Path) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, ResumeScreen):
                break
        assert "Sam" in screen_text(app)
        await hide_and_come_back(pilot, bridges_home)
        assert isinstance(app.screen, ResumeScreen)


async def test_the_offer_to_resume_waits_while_hidden(
    past, fake_time, bridges_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BridgesApp, "LOOK_BACK_DELAY", 0.3)
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        await pilot.press("f12")  # before the look for an unfinished session starts
        assert isinstance(app.screen, HiddenScreen)
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HiddenScreen) and "Sam" not in screen_text(app)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen), "offered once the screen is back"


async def test_the_history_index_made_while_hidden_is_written_once_back(
    past, fake_time, bridges_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Setup reads every session for the last agreement, and keeps what it read in the
    # history's index: not while the screen is hidden.
    monkeypatch.setattr(BridgesApp, "LOOK_BACK_DELAY", 0.3)
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        await pilot.press("f12")
        # However slow the machine: the look back has begun (it made the index) and
        # is over, all while hidden.
        assert await soon(pilot, lambda: app.past._index is not None)
        await app.workers.wait_for_complete()
        assert not (bridges_home / "history-index.json").exists()
        await pilot.press("f12")
        assert await soon(pilot, lambda: (bridges_home / "history-index.json").exists())


async def test_the_two_looks_back_at_start_share_one_index(
    past, fake_time, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At start the look for an unfinished session and the follow-up's both ask for
    # the index, in threads, at once. Made twice, the one kept was at times not the
    # one that read the sessions, and what it read was never saved (the test above
    # failed about one run in five under a full suite).
    from bridges_tui.core.looking_back import letting_go

    finish = letting_go.finish
    monkeypatch.setattr(letting_go, "finish", lambda index: (time.sleep(0.2), finish(index)))
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE):
        made: list[object] = []
        threads = [threading.Thread(target=lambda: made.append(app.past.index)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(made) == 2 and made[0] is made[1] is app.past.index


async def soon(pilot, happened, seconds: float = 10.0) -> bool:
    """Whether `happened()` comes true within `seconds` of the app running (a
    deadline for a loaded machine, not a measure of speed)."""
    for _ in range(int(seconds / 0.05)):
        if happened():
            return True
        await pilot.pause(0.05)
    return happened()


async def test_the_summary_with_an_agreement_half_typed(talk, fake_time, bridges_home: Path) -> None:
    app = talk
    async with running(app, size=SIZE) as pilot:
        await run_to_the_summary(pilot, fake_time)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        box = summary.query_one("#agreement", Input)
        box.focus()
        await pilot.pause(0.7)
        await pilot.press(*"Tea at six")  # saved 0.6 s after typing stops: while hidden
        await hide_and_come_back(pilot, bridges_home)
        await pilot.pause(0.8)
        assert box.value == "Tea at six"
    saved = tomllib.loads(next((bridges_home / "sessions").glob("*.toml")).read_text())
    assert saved["closing"]["agreement"] == "Tea at six"


# --- looking back ----------------------------------------------------------------------------


async def open_history(pilot) -> HistoryScreen:
    app = pilot.app
    await pilot.pause(0.1)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    return app.screen


@pytest.mark.parametrize("where", ["history", "search", "summary", "replay", "trends", "export"])
async def test_looking_back(where: str, past, fake_time, bridges_home: Path) -> None:
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        history = await open_history(pilot)
        history.query_one(SessionTable).move_to_key(FIRST)
        await pilot.pause()
        if where == "search":
            await pilot.press("slash", *"furn")
            await pilot.pause(0.3)  # the words are looked up in a thread
            await app.workers.wait_for_complete()
            await pilot.pause()
        elif where == "summary":
            await pilot.press("enter")
            await pilot.pause()
            app.screen.query_one("#agreement", Input).focus()
            await pilot.press("end", *" first")  # saved 0.6 s later: while hidden
        elif where == "replay":
            await pilot.press("r", "right", "right", "space")  # playing
        elif where == "trends":
            await pilot.press("t")
        elif where == "export":
            await pilot.press("x")
            await pilot.pause()
            await pilot.press("backspace", "backspace")
        await pilot.pause()
        shown = app.screen
        await hide_and_come_back(pilot, bridges_home, same_view=where != "replay")
        assert app.screen is shown
        if where == "replay":
            assert isinstance(shown, ReplayScreen) and not shown.playing
        if where == "trends":
            assert isinstance(shown, TrendsScreen)
        if where == "export":
            assert isinstance(shown, ExportDialog)
        if where == "search":
            assert shown.query_one("#history-text", Input).value == "furn"
        if where == "summary":
            await pilot.pause(0.8)
    if where == "summary":
        saved = tomllib.loads((bridges_home / "sessions" / f"{FIRST}.toml").read_text())
        assert saved["closing"]["agreement"] == f"{AGREEMENT} first"


async def test_the_history_table_keeps_its_place(past, fake_time, bridges_home: Path) -> None:
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        history = await open_history(pilot)
        table = history.query_one(SessionTable)
        await pilot.press("down", "down")
        row = table.cursor
        assert row == 2
        await hide_and_come_back(pilot, bridges_home)
        assert table.cursor == row


async def test_the_practice_list_on_setup_keeps_what_was_found(fake_time, bridges_home: Path) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        practices = app.screen.query_one("#practice", PracticeList)
        practices.focus()
        await pilot.press(*"fight")  # typing finds a practice
        await pilot.pause()
        chosen = (practices.highlighted, practices.practice_id)
        assert chosen[1] == "after-a-fight"
        await hide_and_come_back(pilot, bridges_home)
        assert (practices.highlighted, practices.practice_id) == chosen


# --- a locked folder ----------------------------------------------------------------------


async def test_the_unlock_screen_and_its_answer_wait_while_hidden(bridges_home: Path, fake_time) -> None:
    from bridges_tui.core.files import lock_moves
    from bridges_tui.core.files.session_key import new_key, seal_identity
    from bridges_tui.tui.screens.unlock import UnlockScreen

    write_history(bridges_home)
    key = new_key()
    assert lock_moves.lock(bridges_home / "sessions", key, seal_identity(key, "by the river")) == []
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        box = app.screen.query_one("#passphrase", Input)
        await pilot.press(*"by the riv")
        await hide_and_come_back(pilot, bridges_home)
        assert box.value == "by the riv" and app.screen.focused is box
        await pilot.press(*"er", "enter", "f12")  # hidden while the key is derived
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        assert isinstance(app.screen, HiddenScreen), "the open folder waits for the screen"
        assert screen_text(app).split() == THE_LINE.split()
        await pilot.press("f12")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(isinstance(screen, SetupScreen) for screen in app.screen_stack)
        assert "Sam" in screen_text(app)  # the session still in progress, offered for resuming


# --- what waits --------------------------------------------------------------------------------


def test_what_waits_is_made_in_order_the_latest_of_each_kind_and_a_failure_is_said() -> None:
    from bridges_tui.tui.hiding import HeldBack

    made: list[str] = []
    said: list[str] = []
    held = HeldBack(said.append)
    told: list[bool] = []
    held.follow(told.append)
    held.now_or_later("live", lambda: made.append("now"))
    assert made == ["now"], "not held: at once"
    held.hold()
    held.now_or_later("live", lambda: made.append("first save"))
    held.now_or_later("offer", lambda: made.append("offer"))
    held.now_or_later("live", lambda: made.append("latest save"))

    def refused() -> None:
        raise OSError("the disk is full")

    held.now_or_later("past", refused)
    assert made == ["now"]
    held.release()
    assert made == ["now", "latest save", "offer"]
    assert told == [True, False]
    assert said == ["Not saved: the disk is full"]
    held.now_or_later("live", lambda: made.append("after"))
    assert made[-1] == "after" and not held.held


def test_a_crash_makes_only_the_writes_that_waited() -> None:
    from bridges_tui.tui.hiding import HeldBack

    made: list[str] = []
    held = HeldBack(made.append)
    held.hold()
    held.now_or_later("offer", lambda: made.append("offer"), opens_screen=True)
    held.now_or_later("live", lambda: made.append("save"))
    held.release(screens=False)
    assert made == ["save"]
