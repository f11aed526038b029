"""Issue 18, choosing the language on the setup screen: F3 lists the languages in their
own words; a choice is spoken at once, the setup built again in it with nothing typed
lost, and kept in the settings for every later start, `--lang` still choosing for one
run; "as this computer is set" forgets it again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from bridges_tui.cli import _speak_the_language
from bridges_tui.core.files.config import Config, load_config, save_config
from bridges_tui.core.language import words
from bridges_tui.testing.pilot import running, screen_text
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.language import LanguageDialog
from bridges_tui.tui.screens.setup import SetupScreen
from bridges_tui.tui.widgets.practice_list import PracticeList


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    words.speak("en")
    yield
    words.speak("en")


@pytest.fixture(autouse=True)
def english_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")


async def choose(pilot, name: str) -> None:
    """F3, then the language called `name` in the list, and Enter."""
    await pilot.press("f3")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, LanguageDialog)
    languages = dialog.query_one("#languages", OptionList)
    prompts = [str(option.prompt) for option in languages.options]
    target = next(index for index, prompt in enumerate(prompts) if prompt.startswith(name))
    while languages.highlighted != target:
        await pilot.press("down" if (languages.highlighted or 0) < target else "up")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


def box(setup: SetupScreen, name: str) -> str:
    return setup.query_one(name, Input).value


async def test_a_language_chosen_is_spoken_at_once_and_nothing_typed_is_lost(bridges_home: Path) -> None:
    async with running(BridgesApp(), size=(80, 24)) as pilot:
        setup = pilot.app.screen
        assert isinstance(setup, SetupScreen)
        for name, value in (("#name-a", "Sam"), ("#name-b", "Alex"), ("#turn", "3m"),
                            ("#checkin-a", "4"), ("#checkin-b", "2")):
            setup.query_one(name, Input).value = value
        setup.query_one(PracticeList).highlight("assume-the-best")
        await pilot.press("ctrl+o")  # off the record
        setup.query_one("#turn", Input).focus()
        await pilot.pause()
        assert "F3 English" in screen_text(pilot.app).splitlines()[1]

        await choose(pilot, "Deutsch")

        again = pilot.app.screen
        assert isinstance(again, SetupScreen) and again is not setup
        shown = screen_text(pilot.app)
        assert "bridges · ein begleitetes Gespräch zu zweit" in shown
        assert "Beenden" in shown.splitlines()[-1] and "Quit" not in shown
        assert "Ohne Speichern: nichts wird gespeichert" in shown  # still off the record
        assert (box(again, "#name-a"), box(again, "#name-b"), box(again, "#turn")) == ("Sam", "Alex", "3m")
        assert (box(again, "#checkin-a"), box(again, "#checkin-b")) == ("4", "2")
        assert again.off_the_record
        assert again.query_one(PracticeList).practice_id == "assume-the-best"
        assert again.card is not None and again.card.title == "Vom Besten ausgehen"  # the German built-in
        assert pilot.app.focused is again.query_one("#turn", Input)
    assert load_config(bridges_home / "config.toml")[0].language == "de"


async def test_the_screen_built_again_is_the_one_a_german_start_shows(bridges_home: Path) -> None:
    """Nothing stays English after the choice: the setup rebuilt in German reads, word
    for word, as one opened in German."""
    save_config(bridges_home / "config.toml", Config(names=("Sam", "Alex")))
    async with running(BridgesApp(), size=(100, 30)) as pilot:
        await choose(pilot, "Deutsch")
        rebuilt = screen_text(pilot.app)
    async with running(BridgesApp(), size=(100, 30)) as pilot:  # still German: it was saved
        assert words.spoken() == "de"
        started = screen_text(pilot.app)
    assert rebuilt == started


async def test_esc_leaves_the_language_as_it_is(bridges_home: Path) -> None:
    async with running(BridgesApp(), size=(80, 24)) as pilot:
        setup = pilot.app.screen
        await pilot.click("#setup-title", offset=(70, 1))  # "F3 English", top right, opens it too
        await pilot.pause()
        assert isinstance(pilot.app.screen, LanguageDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is setup and words.spoken() == "en"
    assert not (bridges_home / "config.toml").exists()


async def test_as_this_computer_is_set_forgets_the_choice(bridges_home: Path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    save_config(bridges_home / "config.toml", Config(names=("Sam", "Alex"), language="de"))
    _speak_the_language([])
    assert words.spoken() == "de"  # the saved choice comes before the computer's
    async with running(BridgesApp(), size=(80, 24)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, LanguageDialog)
        shown = screen_text(pilot.app)
        assert "English" in shown and "Español" in shown and "Deutsch" in shown
        assert "(Español)" in shown  # what the computer would speak
        await pilot.press("escape")
        await choose(pilot, "Wie dieser Computer")
        assert words.spoken() == "es"
        assert "bridges · una conversación guiada para dos" in screen_text(pilot.app)
    config = load_config(bridges_home / "config.toml")[0]
    assert config.language is None and config.names == ("Sam", "Alex")
    assert "[language]" not in (bridges_home / "config.toml").read_text()


def test_every_command_speaks_the_saved_language_and_lang_still_chooses(bridges_home: Path) -> None:
    save_config(bridges_home / "config.toml", Config(language="de"))
    assert _speak_the_language(["list"]) == ["list"] and words.spoken() == "de"
    assert _speak_the_language(["--lang", "es", "list"]) == ["list"] and words.spoken() == "es"
    assert _speak_the_language(["--lang=en"]) == [] and words.spoken() == "en"


def test_a_saved_language_bridges_does_not_speak_carries_on_in_english(bridges_home: Path, capsys) -> None:
    bridges_home.mkdir(parents=True, exist_ok=True)
    (bridges_home / "config.toml").write_text('[language]\ncode = "tlh"\n', encoding="utf-8")
    _speak_the_language([])
    assert words.spoken() == "en"
    assert capsys.readouterr().err.strip() == "bridges doesn't speak “tlh” yet, so it carries on in English."
    assert load_config(bridges_home / "config.toml") == (Config(language="tlh"), None)  # kept as written


async def test_the_answer_to_how_it_went_is_kept_across_the_choice(bridges_home: Path) -> None:
    from bridges_tui.testing.history import write_history
    from bridges_tui.tui.screens.resume import ResumeScreen
    from bridges_tui.tui.widgets.followup_question import FollowupQuestion

    write_history(bridges_home)
    save_config(bridges_home / "config.toml", Config(names=("Sam", "Alex")))

    async def asked(pilot) -> FollowupQuestion:
        for _ in range(200):
            await pilot.pause(0.02)
            if isinstance(pilot.app.screen, ResumeScreen):
                await pilot.press("escape")  # not now: the unfinished session can wait
            screen = pilot.app.screen
            if isinstance(screen, SetupScreen) and screen.query_one(FollowupQuestion).display:
                return screen.query_one(FollowupQuestion)
        raise AssertionError("the follow-up question never came")

    async with running(BridgesApp(), size=(100, 34)) as pilot:
        question = await asked(pilot)
        question.answer("partly")
        await pilot.pause()
        await choose(pilot, "Español")
        again = await asked(pilot)
        await pilot.pause()
        assert again is not question and again.answered == "partly"
        assert "en parte" in screen_text(pilot.app)  # the answer shown, in Spanish
        assert again.followup is not None and again.followup.answer == "partly"
