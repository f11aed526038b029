"""The app's own words in German, where a person reads them: the history's dates,
statuses and headings, the question before leaving, the command palette (bridges'
commands and Textual's), and the words after a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from bridges_tui.core.language import words
from bridges_tui.testing.history import write_history
from bridges_tui.testing.pilot import running
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.crash import crash_message
from bridges_tui.tui.history_table import headings
from bridges_tui.tui.screens.confirm import ConfirmScreen
from bridges_tui.tui.widgets.session_table import SessionTable

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def german():
    words.speak("de")
    yield
    words.speak("en")


async def test_the_history_reads_in_german(bridges_home: Path, fake_time) -> None:
    write_history(bridges_home)
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        await pilot.pause()
        rows = app.screen.query_one(SessionTable).rows
        cells = [[cell.strip() for cell in rows[index].cells] for index in range(len(rows))]
    whens = [row[0] for row in cells]
    assert "24. Nov. 19:00" in whens, whens
    assert "vollständig" in [row[6] for row in cells]
    assert headings() == ("Wann", "Übung", "Paar", "Dauer", "Rede", "Nähe", "Stand")


async def test_leaving_and_the_palette_speak_german(bridges_home: Path, fake_time) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "bridges: Hilfe" in titles and "bridges: Beenden" in titles
        assert "Farbschema" in titles and "Theme" not in titles and "Quit" not in titles
        await pilot.press("ctrl+q")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConfirmScreen)
        assert (screen.question, screen.detail) == ("bridges verlassen?", "Alles ist schon gespeichert.")
        assert (screen.yes, screen.no) == ("Beenden", "Bleiben")


def test_the_words_after_a_crash_are_german(tmp_path: Path) -> None:
    said = crash_message(RuntimeError("x"), tmp_path / "s.toml", None, None)
    assert said.startswith("bridges hat angehalten: etwas Unerwartetes ist schiefgegangen (RuntimeError).")
    assert "nichts ging verloren" in said


async def test_the_palette_search_box_speaks_german(bridges_home: Path, fake_time) -> None:
    from textual.command import CommandInput, CommandPalette

    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        app.action_command_palette()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Befehle suchen…"
