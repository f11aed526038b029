"""The stylesheets: one per screen family, read so that no key pays for re-parsing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

from bridges_tui.core.talk.session_choice import SessionChoice
from bridges_tui.testing.pilot import running
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens import (
    breather,
    confirm,
    conversation,
    export_dialog,
    history,
    note_prompt,
    replay,
    resume,
    setup,
    summary,
    trends,
)
from bridges_tui.tui.screens import help as help_screen
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.styles import SHARED, sheets, stylesheets

SCREENS: list[type[Screen]] = [
    setup.SetupScreen, conversation.ConversationScreen, breather.BreatherScreen,
    summary.SummaryScreen, history.HistoryScreen, trends.TrendsScreen,
    replay.ReplayScreen, export_dialog.ExportDialog, confirm.ConfirmScreen,
    help_screen.HelpScreen, note_prompt.NotePrompt, resume.ResumeScreen,
]


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.__name__)
def test_each_screen_names_a_sheet_that_exists(screen: type[Screen]) -> None:
    assert screen.CSS_PATH, f"{screen.__name__} names no stylesheet"
    for path in screen.CSS_PATH:
        assert Path(path).is_file(), path


def test_every_sheet_parses_and_belongs_to_the_app_or_a_screen() -> None:
    named = {str(path) for screen in SCREENS for path in screen.CSS_PATH} | set(sheets(SHARED))
    assert {str(path) for path in stylesheets()} == named
    stylesheet = Stylesheet(variables=BridgesApp().get_css_variables())
    for path in stylesheets():
        stylesheet.read(path)
    stylesheet.parse()  # raises on any rule Textual does not understand
    assert len(stylesheet.rules) > 50


async def test_the_first_screen_reads_its_sheet_and_no_later_screen_reparses(
    fake_time, bridges_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed: list[int] = []
    original = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: (reparsed.append(1), original(self))[1])
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    assert app.css_path == [Path(path) for path in sheets(SHARED, "setup")]
    async with running(app, size=(100, 32)) as pilot:
        await pilot.pause(0.05)  # past LOOK_BACK_DELAY: the other sheets are read
        await app.workers.wait_for_complete()
        await pilot.pause()
        read = {path for path, _ in app.stylesheet.source}
        assert {str(path) for path in stylesheets()} <= read
        before = len(reparsed)
        practice = app.catalog.get("share-the-why")
        assert practice is not None
        app.live.start(SessionChoice(practice, ("Sam", "Alex"), None, None))
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert len(reparsed) == before, "showing the conversation re-parsed every sheet"
