"""The couple's language in the real app: a past session replays in the language it
was held in, whatever bridges speaks now; a practice missing in the language spoken
is shown in English, said once; the picker lists the practices in that language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from bridges_tui.core.language import words
from bridges_tui.core.practice_scripts import catalog
from bridges_tui.core.practice_scripts.catalog import BUILTIN_FOLDER, builtin_card, builtin_practice
from bridges_tui.testing.history import FIRST, write_history
from bridges_tui.testing.pilot import running
from bridges_tui.testing.talk import notifications
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.replay import ReplayScreen
from bridges_tui.tui.screens.setup import SetupScreen
from bridges_tui.tui.widgets.session_table import SessionTable


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    words.speak("en")


def prompt_of(screen) -> str:
    return str(screen.query_one("#replay-prompt", Static).render())


async def replay_third_turn(app: BridgesApp) -> str:
    async with running(app, size=(100, 30)) as pilot:
        app.screen.query_one(SessionTable).move_to_key(FIRST)
        await pilot.pause()
        await pilot.press("r", "right", "right")
        assert isinstance(app.screen, ReplayScreen)
        return prompt_of(app.screen)


@pytest.mark.parametrize(("held_in", "spoken"), [("de", "en"), ("en", "de"), ("es", "de"), (None, "de")])
async def test_a_past_session_replays_in_the_language_it_was_held_in(
    bridges_home: Path, fake_time, held_in: str | None, spoken: str
) -> None:
    """(None: a file from before languages, which was English.)"""
    files = write_history(bridges_home)
    path = files[FIRST]
    text = path.read_text(encoding="utf-8")
    assert 'language = "en"\n' in text
    if held_in != "en":
        line = f'language = "{held_in}"\n' if held_in else ""
        path.write_text(text.replace('language = "en"\n', line, 1), encoding="utf-8")
    words.speak(spoken)
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    prompt = await replay_third_turn(app)
    explain = builtin_practice("share-the-why", held_in or "en").round[1]
    assert explain.id == "explain-why"
    assert f"Sam: {explain.prompt[:30]}" in " ".join(prompt.split()), prompt


async def test_the_picker_lists_the_practices_in_the_language_spoken(bridges_home: Path, fake_time) -> None:
    words.speak("es")
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        practices = app.screen.query_one("#practice", OptionList)
        prompts = [str(practices.get_option_at_index(i).prompt) for i in range(practices.option_count)]
        assert any("Reconstruir puentes emocionales" in line for line in prompts)
        assert any(line.endswith("Comparte el porqué") or "Comparte el porqué" in line for line in prompts)
        assert not any("Share the why" in line for line in prompts)
        assert not any("in English" in note for note in notifications(app))


async def test_a_practice_missing_in_the_language_spoken_is_english_said_once(
    bridges_home: Path, fake_time, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "practices"
    shutil.copytree(BUILTIN_FOLDER, copy)
    (copy / "de" / "love-maps.toml").unlink()
    monkeypatch.setattr(catalog, "BUILTIN_FOLDER", copy)
    for cached in (catalog._builtin_files, catalog._translated_files, builtin_card, builtin_practice):
        cached.cache_clear()
    try:
        words.speak("de")
        app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
        async with running(app, size=(80, 24)) as pilot:
            await pilot.pause()
            practices = app.screen.query_one("#practice", OptionList)
            prompts = [str(practices.get_option_at_index(i).prompt) for i in range(practices.option_count)]
            assert any("What's new in your world" in line for line in prompts)
            assert any("Sag, warum" in line for line in prompts)
            said = [note for note in notifications(app) if "Englisch" in note]
            assert said == ["„What's new in your world“ gibt es noch nicht in deiner Sprache, "
                            "darum steht sie auf Englisch da."]
            app.screen.query_one("#practice", OptionList).action_cursor_down()
            await pilot.pause()
            assert len([note for note in notifications(app) if "Englisch" in note]) == 1
    finally:
        for cached in (catalog._builtin_files, catalog._translated_files, builtin_card, builtin_practice):
            cached.cache_clear()
