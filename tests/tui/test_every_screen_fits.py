"""Issue 18, fits the screen in every language: every screen a couple meets, at 80×24 and
larger, in the pseudo-language (`bridges_tui.testing.pseudo`: every marked sentence 40 %
longer, accented, between ⁅ and ⁆). A sentence cut short by its box, a button or the
key bar shows its ⁅ and never its ⁆, and the test names the line.

Each test walks to its screens as a couple would, reading the whole terminal
(`screen_text`) at each stop.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Input

from bridges_tui.core.files.config import Config, save_config
from bridges_tui.core.language import words
from bridges_tui.testing.history import BROKEN, FIRST, NEWER, write_history
from bridges_tui.testing.pilot import running, screen_text
from bridges_tui.testing.pseudo import CLOSE, OPEN, PSEUDO, stretched, unclosed, write_pseudo
from bridges_tui.testing.talk import run_to_the_summary
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.history import HistoryScreen
from bridges_tui.tui.screens.note_prompt import NotePrompt
from bridges_tui.tui.screens.resume import ResumeScreen
from bridges_tui.tui.screens.summary import SummaryScreen
from bridges_tui.tui.widgets.session_table import SessionTable

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def pseudo_language(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tmp_path_factory.mktemp("locale")
    write_pseudo(folder)
    monkeypatch.setattr(words, "LOCALE_DIR", folder)
    assert words.speak(PSEUDO) is None
    yield
    words.speak("en")


#: An unreadable file's reason in its history line: cut short with an ellipsis by
#: design, in every language (English too), as it runs to the end of the line; the
#: detail line below shows it whole (`test_looking_back` checks that too).
_REASON_IN_ITS_CELL = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*…")


def fits(app: BridgesApp, where: str) -> str:
    """The screen's text, after checking that no sentence on it is cut short. Of a
    dialog, only the dialog's box is read: it covers part of what is behind it, which
    was read before it opened."""
    text = screen_text(app)
    if isinstance(app.screen, HistoryScreen):
        text = "\n".join(_REASON_IN_ITS_CELL.sub("", line) if "⚠" in line else line for line in text.splitlines())
    if app.screen.is_modal:
        text = "\n".join(_within(text, box.region) for box in app.screen.children if box.display)
    cut = unclosed(text)
    size = f"{app.size.width}×{app.size.height}"
    assert not cut, f"{where} at {size} cuts sentences short:\n" + "\n".join(cut) + "\n\n" + text
    return text


def _within(text: str, region: Region) -> str:
    lines = text.splitlines()[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


@pytest.fixture
def past(bridges_home: Path) -> dict[str, Path]:
    save_config(bridges_home / "config.toml", Config(names=("Sam", "Alex")))
    return write_history(bridges_home)


def test_the_pseudo_language_is_spoken_and_40_percent_longer() -> None:
    from babel.messages.pofile import read_po

    with (Path(words.__file__).parent.parent.parent / "locale" / "bridges.pot").open("rb") as pot:
        marked = [message.id for message in read_po(pot) if isinstance(message.id, str) and message.id]
    assert marked
    for sentence in marked:
        spoken = words._(sentence)
        assert spoken.strip().startswith(OPEN), sentence
    # Placeholders keep their length (what fills them is the couple's); words grow.
    for sentence in ("Off the record: nothing is saved.", "Space", "Go on"):
        assert len(stretched(sentence)) >= 1.4 * len(sentence)


def test_a_sentence_cut_short_is_found_and_one_that_wraps_is_not() -> None:
    sentence = stretched("Resume it where it stopped")
    assert unclosed(f"│ {sentence} │") == []
    two_cut = f"│ {sentence[:12]}│\n│ {sentence[:20]}│"
    assert unclosed(two_cut) == [f"line 1: '│ {sentence[:12]}│'", f"line 2: '│ {sentence[:20]}│'"]
    assert unclosed(f"│ {sentence[:12]}\n{sentence[12:]} │") == [], "wrapped onto the next line"
    assert unclosed(f"{sentence[5:]}") == [f"line 1: a sentence whose start is cut off: {sentence[5:]!r}"]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_a_conversation_from_start_to_summary(size, talk_app, fake_time) -> None:
    app = talk_app()
    async with running(app, size=size) as pilot:
        fits(app, "a step before its first turn")
        await pilot.press("space")
        fake_time.advance(5)
        await pilot.pause()
        fits(app, "a turn being spoken")
        await pilot.press("p")
        await pilot.pause()
        fits(app, "a paused turn")
        for key, where in (("f1", "help"), ("b", "a breather"), ("e", "the question to end")):
            await pilot.press(key)
            await pilot.pause()
            fits(app, where)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        fits(app, "the command palette")
        await pilot.press("escape")
        await pilot.pause()
        # Walk on to the first note and the first listening loop, checking each stop.
        seen: set[str] = set()
        for _ in range(40):
            screen = app.screen
            if isinstance(screen, NotePrompt):
                fits(app, "a note being written")
                seen.add("note")
                screen.query_one(Input).value = "a note"
                await pilot.press("enter")
            elif isinstance(screen, ConversationScreen):
                state = screen.conversation.state
                if state == "confirming":
                    fits(app, "a listening loop's question")
                    seen.add("confirming")
                    await pilot.press("y")
                elif state == "done":
                    break
                else:
                    await pilot.press("space")
                    fake_time.advance(30)
            await pilot.pause()
            if {"note", "confirming"} <= seen:
                break
        assert {"note", "confirming"} <= seen
        await run_to_the_summary(pilot, fake_time)
        assert isinstance(app.screen, SummaryScreen)
        fits(app, "the summary")


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_setup_and_the_offer_to_resume(size, past, fake_time) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=size) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            if isinstance(app.screen, ResumeScreen):
                break
        assert isinstance(app.screen, ResumeScreen)
        fits(app, "the offer to resume")
        await pilot.press("escape")
        await pilot.pause(0.2)
        fits(app, "setup")
        await pilot.press("f12")
        await pilot.pause()
        fits(app, "the hidden view")


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_looking_back(size, past, fake_time) -> None:
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=size) as pilot:
        await pilot.pause(0.1)
        await app.workers.wait_for_complete()
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        for unreadable in (BROKEN, NEWER):
            history.query_one(SessionTable).move_to_key(unreadable)
            await pilot.pause()
            fits(app, "an unreadable file's reason")
            detail = history.query_one("#history-detail")
            assert "⚠" in _within(screen_text(app), detail.region), "the detail line names the unreadable file"
        history.query_one(SessionTable).move_to_key(FIRST)
        await pilot.pause()
        fits(app, "the history")
        await pilot.press("slash", *"furn")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        fits(app, "a search of the history")
        await pilot.press("escape")
        await pilot.pause()
        history.query_one(SessionTable).move_to_key(FIRST)
        await pilot.pause()
        for key, where in (("x", "the export dialog"), ("t", "the trends"), ("r", "the replay"),
                           ("enter", "a past summary")):
            await pilot.press(key)
            await pilot.pause()
            fits(app, where)
            if key == "r":
                await pilot.press("right", "right")
                await pilot.pause()
                fits(app, "the replay, two turns on")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen), f"{where}: {app.screen}"


async def test_the_unlock_screen(bridges_home: Path, fake_time) -> None:
    from bridges_tui.core.files import lock_moves
    from bridges_tui.core.files.session_key import new_key, seal_identity

    write_history(bridges_home)
    key = new_key()
    assert lock_moves.lock(bridges_home / "sessions", key, seal_identity(key, "by the river")) == []
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        fits(app, "the unlock screen")
        await pilot.press(*"wrong", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        fits(app, "a wrong passphrase")
