"""Issue 18, the screens' own words: with bridges speaking German, what a couple reads
on each screen at 80×24 (titles, boxes, buttons, the key bar's words) is German, and
no English of the screens' is left where the German belongs."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bridges_tui.core.language import words
from bridges_tui.core.practice_scripts.catalog import builtin_practice
from bridges_tui.testing.history import FIRST, SECOND, write_history
from bridges_tui.testing.pilot import running, screen_text
from bridges_tui.testing.talk import run_to_the_summary
from bridges_tui.testing.talk import talk_app as open_talk
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.breather import BreatherScreen
from bridges_tui.tui.screens.confirm import ConfirmScreen
from bridges_tui.tui.screens.summary import SummaryScreen
from bridges_tui.tui.widgets.session_table import SessionTable

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def german():
    words.speak("de")
    yield
    words.speak("en")


def german_talk(fake_time) -> BridgesApp:
    return open_talk(fake_time, builtin_practice("share-the-why", "de"), ("Sam", "Alex"))


@asynccontextmanager
async def history_at(bridges_home: Path, fake_time, session: str):
    """The history of the sample sessions at 80×24, `session` highlighted."""
    write_history(bridges_home)
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        app.screen.query_one(SessionTable).move_to_key(session)
        await pilot.pause()
        yield app, pilot


async def test_the_setup_screen_speaks_german(bridges_home: Path) -> None:
    app = BridgesApp()
    async with running(app, size=SIZE) as pilot:
        shown = screen_text(app)
        for german in ("ein begleitetes Gespräch zu zweit", "Person A (links)", "Rundenlänge",
                       "Starten", "Wird laufend gespeichert", "Übung", "Verlauf", "Ohne Speichern"):
            assert german in shown, german
        for english in ("Partner A (left)", "Turn length", "Saved as you go", "Off the record"):
            assert english not in shown, english
        await pilot.press("ctrl+o")
        assert "Ohne Speichern: nichts wird gespeichert" in screen_text(app)


async def test_a_breather_and_ending_early_speak_german(bridges_home: Path, fake_time) -> None:
    app = german_talk(fake_time)
    async with running(app, size=SIZE) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BreatherScreen)
        shown = screen_text(app)
        assert "Atempause" in shown and "Wir sind zurück" in shown and "Geht eine Weile auseinander" in shown
        assert "We're back" not in shown
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        shown = screen_text(app)
        assert "Diese Sitzung jetzt beenden?" in shown and "Weiterreden (n)" in shown
        assert "Keep talking" not in shown


async def test_the_summary_speaks_german(bridges_home: Path, fake_time) -> None:
    app = german_talk(fake_time)
    async with running(app, size=SIZE) as pilot:
        await run_to_the_summary(pilot, fake_time)
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
        for german in ("Was ich gelernt habe", "Was wir ausprobieren wollen", "Neue Sitzung"):
            assert german in shown, german
        assert "What I learned" not in shown and "New session" not in shown


async def test_a_past_summary_speaks_german(bridges_home: Path, fake_time) -> None:
    async with history_at(bridges_home, fake_time, FIRST) as (app, pilot):
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
        assert "Redezeit" in shown and "Abspielen" in shown and "Floor time" not in shown


async def test_the_history_and_a_replay_speak_german(bridges_home: Path, fake_time) -> None:
    async with history_at(bridges_home, fake_time, FIRST) as (app, pilot):
        shown = screen_text(app)
        assert "Verlauf · " in shown and "die neuesten zuerst" in shown and "Abspielen" in shown
        assert "newest first" not in shown
        await pilot.press("r")
        await pilot.pause()
        shown = screen_text(app)
        assert "Wiedergabe · " in shown and "vom Anfang bis zur letzten Übergabe" in shown
        assert "start to last hand-over" not in shown


async def test_columns_that_give_way_at_80_are_said_on_the_detail_line(bridges_home: Path, fake_time) -> None:
    # German's headings and dates leave the practice and names too little room at 80
    # columns: Floor ("Rede") and Check-in ("Nähe") give way, and the highlighted
    # session's detail line says them instead; at 120 they are columns again.
    async with history_at(bridges_home, fake_time, SECOND) as (app, pilot):
        lines = screen_text(app).splitlines()
        heading = next(line for line in lines if "Wann" in line)
        assert "Rede" not in heading and "Nähe" not in heading
        detail = " ".join(lines[-5:-1])
        assert "Rede: 100/0" in detail and "Nähe: 2,2→4,5" in detail, detail
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        heading = next(line for line in lines if "Wann" in line)
        assert "Rede" in heading and "Nähe" in heading
        assert "Rede:" not in " ".join(lines[-5:-1])


async def test_the_hidden_view_speaks_german(bridges_home: Path, fake_time) -> None:
    app = german_talk(fake_time)
    async with running(app, size=SIZE) as pilot:
        await pilot.press("f12")
        await pilot.pause()
        assert "Angehalten. Drück F12, um zurückzukommen." in screen_text(app)


async def test_words_to_say_and_words_said_are_in_german_quotation_marks(bridges_home: Path, fake_time) -> None:
    # A starter to say, on the conversation's first step.
    app = german_talk(fake_time)
    async with running(app, size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Versuch es mit: „" in shown
        assert "”" not in shown  # English's closing mark
    # A note, and the agreement followed up, on a past session's summary.
    async with history_at(bridges_home, fake_time, SECOND) as (app, pilot):
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "„That Jo left the party" in shown
        assert "“That Jo" not in shown and "”" not in shown
