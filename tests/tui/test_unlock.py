"""A locked folder in the app: the unlock screen first (a wrong passphrase said calmly,
then the right one), nothing of the sessions before it, and then everything as before,
a whole session and the history, with nothing on disk in the clear.

Each unlock runs age's real key derivation (seconds here): the locked folder is made
once for the module and copied into each test's home.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Input, Markdown, Static

from bridges_tui.core.files import lock_moves
from bridges_tui.core.files.config import Config, save_config
from bridges_tui.core.files.history_index_file import LOCKED_INDEX_FILE, LOCKED_WORDS_FILE, read_document
from bridges_tui.core.files.lock_files import IDENTITY_FILE
from bridges_tui.core.files.session_key import SessionKey, new_key, seal_identity
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.looking_back.history_index import HistoryIndex
from bridges_tui.testing.disk_search import everything_on_disk, files_under, found_on_disk
from bridges_tui.testing.history import AGREEMENT, FIRST, write_history
from bridges_tui.testing.pilot import first_screen, running
from bridges_tui.testing.talk import run_to_the_summary
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.unlock import UnlockScreen
from bridges_tui.tui.widgets.key_bar import KeyBar
from bridges_tui.tui.widgets.session_table import SessionTable

PASSPHRASE = "a long walk by the river"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(scope="module")
def locked_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SessionKey]:
    home = tmp_path_factory.mktemp("locked") / "home"
    write_history(home)
    key = new_key()
    assert lock_moves.lock(home / "sessions", key, seal_identity(key, PASSPHRASE)) == []
    return home, key


@pytest.fixture
def locked(locked_template: tuple[Path, SessionKey], bridges_home: Path) -> SessionKey:
    shutil.copytree(locked_template[0], bridges_home)
    # The names a couple had remembered before locking (the lock command forgets them;
    # even so, the unlock screen must not show them).
    save_config(bridges_home / "config.toml", Config(names=("Sam", "Alex")))
    return locked_template[1]


def said(app: BridgesApp) -> str:
    return str(app.screen.query_one("#unlock-said", Static).render())


def screen_text(app: BridgesApp) -> str:
    return "\n".join(str(static.render()) for static in app.screen.query(Static))


async def type_passphrase(pilot, passphrase: str) -> None:
    """Type it and press Enter, then wait for the key derivation's answer."""
    app = pilot.app
    app.screen.query_one("#passphrase", Input).value = passphrase
    await pilot.press("enter")
    for _ in range(1200):
        await pilot.pause(0.05)
        if not isinstance(app.screen, UnlockScreen) or not app.screen.query_one("#passphrase", Input).disabled:
            break
    await pilot.pause()


async def test_a_wrong_passphrase_is_said_calmly_and_the_right_one_opens_setup(
    locked: SessionKey, bridges_home: Path
) -> None:
    app = BridgesApp()
    async with running(app, size=(100, 30)) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        text = screen_text(app)
        assert "locked" in text
        for private in ("Sam", "Alex", AGREEMENT, "Share the why", "Last"):
            assert private not in text
        assert app.screen.query_one("#passphrase", Input).password  # masked
        await type_passphrase(pilot, "not the passphrase")
        assert isinstance(app.screen, UnlockScreen)
        assert "doesn't open them" in said(app) and "try again" in said(app)
        assert app.screen.query_one("#passphrase", Input).value == ""
        await type_passphrase(pilot, PASSPHRASE)
        await first_screen(pilot)
        # Setup, with the offer to resume the unfinished session on top: read, now.
        assert [type(screen).__name__ for screen in app.screen_stack[-2:]] == ["SetupScreen", "ResumeScreen"]


async def test_a_whole_session_while_locked_is_on_disk_only_encrypted(
    locked: SessionKey, bridges_home: Path, talk_app, fake_time
) -> None:
    before = set((bridges_home / "sessions").iterdir())
    app = talk_app("share-the-why")
    async with running(app, size=(80, 24)) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        await type_passphrase(pilot, PASSPHRASE)
        await pilot.pause()
        await run_to_the_summary(pilot, fake_time)
        assert type(app.screen).__name__ == "SummaryScreen"
    [new] = set((bridges_home / "sessions").iterdir()) - before
    assert new.name.endswith(".toml.age")
    transcript = SessionStore(bridges_home / "sessions", locked).load(new)
    assert transcript.status == "complete"
    notes = [turn.note for turn in transcript.turns if turn.note]
    assert notes and all(note.startswith("note for ") for note in notes)
    config = (bridges_home / "config.toml").read_bytes()
    disk = everything_on_disk(bridges_home).replace(config, b"")
    assert b"note for " not in disk and b"Sam" not in disk and b"Share the why" not in disk
    assert [path.name for path in bridges_home.rglob("*.toml")] == ["config.toml"]
    assert "history-index.json" not in {path.name for path in bridges_home.iterdir()}


async def test_a_note_typed_while_locked_is_nowhere_on_disk_in_the_clear(
    locked: SessionKey, bridges_home: Path, talk_app, fake_time, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever bridges might put in the temporary folder goes to one this test searches.
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    distinctive = "periwinkle kayak beneath the attic stairs"
    before = set((bridges_home / "sessions").iterdir())
    app = talk_app("share-the-why")
    async with running(app, size=(80, 24)) as pilot:
        await type_passphrase(pilot, PASSPHRASE)
        await pilot.pause()
        await run_to_the_summary(pilot, fake_time, note=distinctive + " ({label})")
        assert type(app.screen).__name__ == "SummaryScreen"
    [new] = set((bridges_home / "sessions").iterdir()) - before
    notes = [turn.note for turn in SessionStore(new.parent, locked).load(new).turns if turn.note]
    assert notes and all(distinctive in note for note in notes)  # it was written, encrypted
    assert len(files_under(bridges_home, temp)) > 6
    assert found_on_disk((distinctive, "periwinkle", "kayak"), bridges_home, temp) == []


async def test_the_unlock_screen_shows_its_keys_and_the_help_tells_of_the_lock(locked: SessionKey) -> None:
    app = BridgesApp()
    async with running(app, size=(80, 24)) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        bar = str(app.screen.query_one(KeyBar).render())
        assert "Quit" in bar and "Help" in bar
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        shown = app.screen.query_one(Markdown).source
        assert "`bridges lock`" in shown and "`bridges unlock`" in shown


async def test_the_history_while_locked_lists_every_session_as_before(
    locked: SessionKey, bridges_home: Path
) -> None:
    app = BridgesApp(start="history")
    async with running(app, size=(100, 30)) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        await type_passphrase(pilot, PASSPHRASE)
        await first_screen(pilot)
        for _ in range(100):
            tables = app.screen.query(SessionTable)
            if tables and len(tables.first().keys) >= 6:
                break
            await pilot.pause(0.05)
        table = app.screen.query_one(SessionTable)
        assert len(table.keys) == 6 and FIRST in table.keys
        table.move_to_key(FIRST)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        # A correction to the agreement is saved, encrypted, as before.
        agreement = app.screen.query_one("#agreement", Input)
        assert agreement.value == AGREEMENT
        agreement.value = "Talk before moving the zebra sofa."
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HistoryScreen"
    path = bridges_home / "sessions" / f"{FIRST}.toml.age"
    assert SessionStore(path.parent, locked).load(path).closing.agreement == "Talk before moving the zebra sofa."
    assert b"zebra" not in everything_on_disk(bridges_home)
    assert not (bridges_home / "history-index.json").exists()
    assert not (bridges_home / "history-words.json").exists()
    assert (bridges_home / IDENTITY_FILE).exists()


@pytest.mark.parametrize("size", SIZES)
def test_unlock_screen(snap_compare, bridges_home: Path, size) -> None:
    # Only the marker of a locked folder is needed to show the screen.
    bridges_home.mkdir()
    (bridges_home / IDENTITY_FILE).write_bytes(b"age-encryption.org/v1\n")
    assert snap_compare(BridgesApp(), terminal_size=size, run_before=first_screen)


async def test_letting_go_while_locked_needs_both_and_leaves_nothing_of_it_even_encrypted(
    locked: SessionKey, bridges_home: Path, talk_app, fake_time
) -> None:
    sessions = bridges_home / "sessions"
    before = set(sessions.iterdir())
    app = talk_app("share-the-why")
    async with running(app, size=(80, 24)) as pilot:
        await type_passphrase(pilot, PASSPHRASE)
        await pilot.pause()
        await run_to_the_summary(pilot, fake_time, note="periwinkle kayak ({label})")
        [new] = set(sessions.iterdir()) - before
        assert new.name.endswith(".toml.age")
        # The encrypted index on disk knows the session, its words too (as after a
        # `bridges list` or a search of a long history).
        listing = HistoryIndex(SessionStore(sessions, locked), bridges_home)
        listing.read_all()
        assert listing.save() is None
        words = read_document(bridges_home / LOCKED_WORDS_FILE, locked)
        assert "periwinkle" in words[new.name][1]
        await pilot.press("ctrl+l", "s")
        await pilot.pause()
        assert new.exists(), "one partner alone can't let it go"
        await pilot.press("a")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "SetupScreen"
    assert not new.exists() and set(sessions.iterdir()) == before
    for name in (LOCKED_INDEX_FILE, LOCKED_WORDS_FILE):
        kept = read_document(bridges_home / name, locked)
        assert kept and new.name not in kept and f"{FIRST}.toml.age" in kept
    assert b"periwinkle" not in everything_on_disk(bridges_home)
    assert not (bridges_home / "letting-go").exists()


async def test_a_session_off_the_record_while_locked_writes_nothing_and_can_be_kept_encrypted(
    locked: SessionKey, bridges_home: Path, talk_app, fake_time
) -> None:
    sessions = bridges_home / "sessions"
    before = {path: path.read_bytes() for path in files_under(bridges_home)}
    app = talk_app("share-the-why", off_the_record=True)
    async with running(app, size=(80, 24)) as pilot:
        await type_passphrase(pilot, PASSPHRASE)
        await pilot.pause()
        await run_to_the_summary(pilot, fake_time, note="periwinkle kayak ({label})")
        assert type(app.screen).__name__ == "SummaryScreen"
        assert {path: path.read_bytes() for path in files_under(bridges_home)} == before
        # Both keep it after all: written from now on, encrypted like any session.
        await pilot.press("ctrl+s", "s", "a")
        await pilot.pause()
    [new] = set(sessions.iterdir()) - set(before)
    assert new.name.endswith(".toml.age")
    notes = [turn.note for turn in SessionStore(sessions, locked).load(new).turns if turn.note]
    assert notes and all("periwinkle kayak" in note for note in notes)
    assert found_on_disk(("periwinkle", "kayak"), bridges_home) == []
