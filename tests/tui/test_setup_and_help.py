"""The setup screen, help, the command palette and a terminal that is too small."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual import events
from textual.content import Content
from textual.widgets import Input, Static

from bridges_tui.core.practice_scripts.catalog import builtin_card, builtin_ids, builtin_practice
from bridges_tui.core.text.durations import format_duration
from bridges_tui.testing.pilot import running
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.help import HelpScreen
from bridges_tui.tui.screens.setup import SetupScreen
from bridges_tui.tui.screens.too_small import TooSmallScreen
from bridges_tui.tui.widgets.practice_list import PracticeList
from bridges_tui.tui.widgets.score_input import ScoreInput


def highlight(practices: PracticeList, practice_id: str) -> None:
    """Highlight a practice by its id (the list has group headings between them)."""
    practices.highlighted = [option.id for option in practices.options].index(practice_id)


async def fill_setup(pilot, a: str, b: str, turn: str | None = None) -> None:
    screen = pilot.app.screen
    screen.query_one("#name-a", Input).value = a
    screen.query_one("#name-b", Input).value = b
    if turn is not None:
        screen.query_one("#turn", Input).value = turn
    await pilot.pause()


async def test_start_from_setup_remembers_names_and_keeps_the_checkin(
    fake_time, bridges_home: Path
) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(100, 32)) as pilot:
        await pilot.pause(0.05)  # the look back for past sessions starts
        await app.workers.wait_for_complete()  # the look for an unfinished session
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await fill_setup(pilot, "Sam 🌻", "Alex", turn="1m30s")
        highlight(app.screen.query_one(PracticeList), "assume-the-best")
        app.screen.query_one("#checkin-a", Input).value = "3"
        app.screen.query_one("#checkin-b", Input).value = "2"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.conversation.practice.id == "assume-the-best"
    config = tomllib.loads((bridges_home / "config.toml").read_text(encoding="utf-8"))
    assert config["partners"]["names"] == ["Sam 🌻", "Alex"]
    [session] = (bridges_home / "sessions").glob("*.toml")
    saved = tomllib.loads(session.read_text(encoding="utf-8"))
    assert saved["checkin"]["before"] == [3, 2]
    assert saved["turn_s"] == 90

    again = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(again, size=(100, 32)) as pilot:
        await pilot.pause(0.05)  # the look back for past sessions starts
        await again.workers.wait_for_complete()  # the look for an unfinished session
        await pilot.pause()
        # The unfinished session is offered first; not now.
        await pilot.press("escape")
        assert again.screen.query_one("#name-a", Input).value == "Sam 🌻"
        assert again.screen.query_one("#name-b", Input).value == "Alex"


async def test_setup_explains_what_is_missing(fake_time, bridges_home: Path) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(100, 32)) as pilot:
        await pilot.pause(0.05)  # the look back for past sessions starts
        await app.workers.wait_for_complete()  # the look for an unfinished session
        await pilot.pause()
        cases = [
            (("", "Alex", None), "Partner A's name: please give a name"),
            (("Sam", "sam", None), "two different names"),
            (("Sam", "Alex", "forever"), "Turn length:"),
        ]
        for (a, b, turn), message in cases:
            await fill_setup(pilot, a, b, turn)
            await pilot.press("ctrl+s")
            assert isinstance(app.screen, SetupScreen)
            assert message in str(app.screen.query_one("#setup-error", Static).render())
        await fill_setup(pilot, "Sam", "Alex", "2m")
        app.screen.query_one("#checkin-a", Input).value = "4"
        await pilot.press("ctrl+s")
        assert "give both scores, or skip both" in str(
            app.screen.query_one("#setup-error", Static).render()
        )
    assert not list(bridges_home.glob("sessions/*.toml")), "nothing starts until the setup is right"


@pytest.mark.parametrize("press", ["click", "enter", "space"])
async def test_the_start_button_starts_by_mouse_and_by_keyboard(
    press: str, fake_time, bridges_home: Path
) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(100, 32)) as pilot:
        await pilot.pause(0.05)  # the look back for past sessions starts
        await app.workers.wait_for_complete()
        await pilot.pause()

        async def press_start() -> None:
            if press == "click":
                await pilot.click("#start")
            else:
                app.screen.query_one("#start").focus()
                await pilot.press(press)

        await fill_setup(pilot, "Sam", "")
        # Pressed with a name missing, it says so, stays, and goes to the empty box.
        await press_start()
        assert isinstance(app.screen, SetupScreen)
        assert "Partner B's name" in str(app.screen.query_one("#setup-error", Static).render())
        assert app.screen.query_one("#name-b").has_focus
        await fill_setup(pilot, "Sam", "Alex")
        await press_start()
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.conversation.partners == ("Sam", "Alex")


async def test_the_turn_length_follows_the_practice_until_the_couple_types_one(
    fake_time, bridges_home: Path
) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        turn = screen.query_one("#turn", Input)
        practices = screen.query_one(PracticeList)
        first, second = screen.catalog.cards[:2]
        assert practices.practice_id == first.id
        assert turn.value == format_duration(first.turn_seconds)
        highlight(practices, second.id)
        await pilot.pause()
        assert turn.value == format_duration(second.turn_seconds)
        about = str(screen.query_one("#practice-about", Static).render())
        assert second.summary.split()[0] in about
        assert f"{format_duration(second.turn_seconds)} each" in about
        turn.value = "3m"
        await pilot.pause()
        assert "3m each" in str(screen.query_one("#practice-about", Static).render())
        highlight(practices, first.id)
        await pilot.pause()
        assert turn.value == "3m", "a length the couple typed is theirs"


async def test_setup_reads_the_steps_of_the_highlighted_practice_only(
    fake_time, bridges_home: Path
) -> None:
    # The picker needs titles, summaries and lengths, all on the cards; parsing a dozen
    # scripts' steps would cost the first screen several milliseconds.
    builtin_practice.cache_clear()
    builtin_card.cache_clear()
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, SetupScreen)
        assert builtin_card.cache_info().currsize == len(builtin_ids())
        assert builtin_practice.cache_info().currsize == 0
        await pilot.press("tab", "tab", "down", "down")  # to the list, two practices on
        assert app.screen.query_one(PracticeList).practice_id == app.screen.catalog.cards[2].id
        assert builtin_practice.cache_info().currsize == 0
        await fill_setup(pilot, "Sam", "Alex")
        await pilot.press("ctrl+s")  # the chosen one, read whole now it starts
        assert isinstance(app.screen, ConversationScreen)
        assert builtin_practice.cache_info().currsize == 1


@pytest.mark.parametrize("move_on", ["enter", "tab"])
async def test_names_typed_ahead_land_in_their_own_boxes(move_on: str, fake_time, bridges_home: Path) -> None:
    # Keys in one burst, as a fast typist or a paste ("Sam<Tab>Alex") sends them: each
    # is routed before the one before it is handled, so Enter's or Tab's move to the
    # next box used to come late.
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("S", "a", "m", move_on, "A", "l", "e", "x", move_on, "down"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#name-a", Input).value == "Sam"
        assert screen.query_one("#name-b", Input).value == "Alex"
        practices = screen.query_one(PracticeList)
        assert app.focused is practices and practices.practice_id == screen.catalog.cards[1].id
        await pilot.press("shift+tab")
        assert app.focused is screen.query_one("#name-b", Input)
        await pilot.press("shift+tab")
        assert app.focused is screen.query_one("#name-a", Input)


async def test_a_burst_through_turn_length_and_checkin_keeps_every_key(fake_time, bridges_home: Path) -> None:
    # The same burst further down the form, from the practice list on:
    # "<Down><Tab><End><BS><BS>90s<Tab>4<Tab>3<Tab>" typed or pasted at once.
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        screen = app.screen
        turn = screen.query_one("#turn", Input)
        practices = screen.query_one(PracticeList)
        practices.focus()
        await pilot.pause()
        for key in ("down", "tab", "end", "backspace", "backspace", "9", "0", "s", "tab", "4", "tab", "3", "tab"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        assert practices.practice_id == screen.catalog.cards[1].id
        assert turn.value == "90s"
        assert screen.query_one("#checkin-a", ScoreInput).score == 4
        assert screen.query_one("#checkin-b", ScoreInput).score == 3
        assert app.focused is screen.query_one("#start")


async def test_a_burst_with_a_backspace_deletes_where_it_was_typed(fake_time, bridges_home: Path) -> None:
    # Backspace is an Input's binding, run once the key came back up to the app:
    # behind the keys that followed it, "Samm⌫uel" became "Sammue".
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        for key in ("S", "a", "m", "m", "backspace", "u", "e", "l", "left", "left", "delete", "E"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#name-a", Input).value == "SamuEl"


async def test_a_checkin_score_is_one_digit_from_1_to_5(fake_time, bridges_home: Path) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        await pilot.pause()
        score = app.screen.query_one("#checkin-a", ScoreInput)
        score.focus()
        await pilot.press("7", "x", "0")
        assert score.value == "" and score.score is None
        await pilot.press("4", "5")
        assert score.score == 4, "one digit only"
        await pilot.press("backspace")
        assert score.score is None, "an empty box is a skip"
        app.screen.query_one("#name-a", Input).value = "Sam [b]"
        await pilot.pause()
        assert Content.from_markup(score.border_title).plain == "Sam [b] feels", "a name is never markup"


async def test_help_opens_and_closes(talk_app) -> None:
    app = talk_app()
    async with running(app, size=(100, 32)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ConversationScreen)


async def test_every_conversation_key_is_a_palette_command(talk_app) -> None:
    app = talk_app()
    async with running(app, size=(100, 32)) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for wanted in ("Conversation: Start", "Conversation: Break", "Conversation: End",
                       "bridges: Help", "bridges: Quit"):
            assert wanted in titles, titles
        # Keys that mean nothing yet (no turn running) are not offered.
        assert "Conversation: Pause" not in titles
        await pilot.press("space")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Conversation: Pause" in titles


async def test_quit_asks_first(talk_app) -> None:
    app = talk_app()
    async with running(app, size=(100, 32)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.press("n")
        assert isinstance(app.screen, ConversationScreen)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert app.return_code == 0


async def test_too_small_says_so_and_recovers(talk_app) -> None:
    app = talk_app()
    async with running(app, size=(100, 32)) as pilot:
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "50×15" in str(app.screen.query_one("#too-small", Static).render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.3)  # the too-small screen follows a size once it holds still
        assert isinstance(app.screen, ConversationScreen)


async def test_a_terminal_too_small_from_the_start_says_so(fake_time, bridges_home: Path) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(50, 15)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.3)
        assert isinstance(app.screen, SetupScreen)
