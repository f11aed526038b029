"""Issue 20, what the start screen shows: with the names remembered and a last
agreement to follow up, the default start screen shows both; `[start] screen =
"blank"` shows neither (nor names in the offer to resume), and writes no names down."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from bridges_tui.core.files.config import Config, load_config, save_config
from bridges_tui.testing.history import RUNNING, write_history
from bridges_tui.testing.pilot import running, screen_text
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.resume import ResumeScreen
from bridges_tui.tui.screens.setup import SetupScreen
from bridges_tui.tui.widgets.followup_question import FollowupQuestion


async def open_setup(pilot) -> tuple[str, SetupScreen]:
    """What the resume offer says, then setup once every look back is done."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause(0.02)
        if isinstance(app.screen, ResumeScreen):
            break
    assert isinstance(app.screen, ResumeScreen)
    offer = screen_text(app)
    await pilot.press("escape")
    await pilot.pause(0.1)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, SetupScreen)
    return offer, app.screen


@pytest.mark.parametrize("setting", ["remembered", "blank"])
async def test_what_someone_opening_bridges_sees(setting: str, bridges_home: Path, fake_time) -> None:
    write_history(bridges_home)
    save_config(bridges_home / "config.toml", Config(names=("Sam", "Alex"), start_screen=setting))
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(100, 34)) as pilot:
        offer, setup = await open_setup(pilot)
        shown = screen_text(app)
        names = (setup.query_one("#name-a", Input).value, setup.query_one("#name-b", Input).value)
        question = setup.query_one(FollowupQuestion)
        if setting == "remembered":
            assert names == ("Sam", "Alex")
            assert question.display and "Ask before we assume" in shown
            assert "Sam & Alex" in offer
        else:
            assert names == ("", "")
            assert not question.display
            for words in ("Sam", "Alex", "agreed", "Ask before"):
                assert words not in shown
            assert "by you two" in offer and "Sam" not in offer
            assert "Share the why" in offer  # what it was is said: a session to resume or close
        # The couple type their names and start: with a blank start they are not kept.
        setup.query_one("#name-a", Input).value = "Robin"
        setup.query_one("#name-b", Input).value = "Kim"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
    remembered = load_config(bridges_home / "config.toml")[0].names
    assert remembered == (("Robin", "Kim") if setting == "remembered" else ("Sam", "Alex"))
    assert (bridges_home / "sessions" / f"{RUNNING}.toml").exists()


async def test_a_blank_start_writes_no_names_where_there_were_none(bridges_home: Path, fake_time) -> None:
    save_config(bridges_home / "config.toml", Config(start_screen="blank"))
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        setup.query_one("#name-a", Input).value = "Robin"
        setup.query_one("#name-b", Input).value = "Kim"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert "Robin" not in (bridges_home / "config.toml").read_text()
