"""A settings file bridges can't use: the app opens all the same, on its defaults, says
once what is wrong with the file and where it is, and leaves the file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from bridges_tui.core.practice_scripts.catalog import builtin_practice
from bridges_tui.testing.clock import FakeClock
from bridges_tui.testing.pilot import running
from bridges_tui.testing.talk import notifications, talk_app
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.setup import SetupScreen

BROKEN = 'names = ["Sam", "Alex"\n[start\n'


def _said_once(app: BridgesApp, config: Path) -> None:
    warnings = [note for note in notifications(app) if "couldn't be used" in note]
    assert len(warnings) == 1
    assert str(config) in warnings[0]
    assert config.read_text(encoding="utf-8") == BROKEN


@pytest.mark.parametrize("first", ["setup", "talk"])
async def test_the_app_opens_and_says_once_what_is_wrong(first: str, bridges_home: Path,
                                                         fake_time: FakeClock) -> None:
    config = bridges_home / "config.toml"
    bridges_home.mkdir()
    config.write_text(BROKEN, encoding="utf-8")
    if first == "setup":
        app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    else:
        app = talk_app(fake_time, builtin_practice("share-the-why"))
    async with running(app) as pilot:
        await pilot.pause(app.LOOK_BACK_DELAY + 0.2)
        if first == "setup":
            assert isinstance(app.screen, SetupScreen)
            assert app.screen.query_one("#name-a", Input).value == ""  # the defaults: no names
        else:
            assert isinstance(app.screen, ConversationScreen)
        _said_once(app, config)
        await pilot.pause(0.3)
        _said_once(app, config)
