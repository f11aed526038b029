"""The passphrase lock through the real `bridges` command: list, show and export of
locked sessions, lock, unlock, a new passphrase, a wrong one, and no terminal.

Each opening of the folder runs age's key derivation (seconds here), so the locked
folder is made once and copied into each test's home.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from bridges_tui.core.files import lock_moves
from bridges_tui.core.files.config import Config, save_config
from bridges_tui.core.files.lock_files import IDENTITY_FILE, UNDERWAY_FILE, is_locked
from bridges_tui.core.files.session_key import new_key, seal_identity
from bridges_tui.testing.cli import bridges
from bridges_tui.testing.history import AGREEMENT, FIRST, SECOND, write_history

PASSPHRASE = "a long walk by the river"
NEW_PASSPHRASE = "tea on the balcony at dawn"


@pytest.fixture(scope="module")
def locked_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    home = tmp_path_factory.mktemp("locked") / "home"
    write_history(home)
    plain = {path.name: path.read_bytes() for path in (home / "sessions").iterdir()}
    key = new_key()
    assert lock_moves.lock(home / "sessions", key, seal_identity(key, PASSPHRASE)) == []
    return home, plain


@pytest.fixture
def locked(locked_template: tuple[Path, dict[str, bytes]], bridges_home: Path) -> dict[str, bytes]:
    shutil.copytree(locked_template[0], bridges_home)
    return locked_template[1]


def test_help_says_the_lock_exists() -> None:
    result = bridges("--help", columns=100)
    assert result.returncode == 0
    assert "locked with a passphrase" in result.stdout and "--passphrase-fd" in result.stdout
    for command in ("lock", "unlock", "passphrase"):
        assert re.search(rf"^    {command}\b", result.stdout, re.MULTILINE), command


def test_list_show_and_export_read_locked_sessions_with_the_passphrase(
    locked: dict[str, bytes], bridges_home: Path
) -> None:
    listed = bridges("list", "--json", passphrases=[PASSPHRASE])
    assert listed.returncode == 0, listed.stderr
    ids = [row["id"] for row in json.loads(listed.stdout)]
    assert FIRST in ids and SECOND in ids
    assert all(not name.endswith(".toml") for name in os.listdir(bridges_home / "sessions"))
    assert not (bridges_home / "history-index.json").exists()  # nothing written in the clear

    shown = bridges("show", FIRST, passphrases=[PASSPHRASE], columns=100)
    assert shown.returncode == 0, shown.stderr
    assert "Sam" in shown.stdout and "Alex" in shown.stdout

    target = bridges_home.parent / "first.toml"
    exported = bridges("export", FIRST, "--format", "toml", "-o", str(target), passphrases=[PASSPHRASE])
    assert exported.returncode == 0, exported.stderr
    assert "plain text" in exported.stderr and "not locked" in exported.stderr
    assert target.read_bytes() == locked[f"{FIRST}.toml"]


def test_a_wrong_passphrase_is_refused_plainly_and_changes_nothing(
    locked: dict[str, bytes], bridges_home: Path
) -> None:
    before = {path: path.read_bytes() for path in bridges_home.rglob("*") if path.is_file()}
    result = bridges("list", passphrases=["not the passphrase"])
    assert result.returncode == 1
    assert f"{bridges_home / IDENTITY_FILE}" in result.stderr and "passphrase doesn't open it" in result.stderr
    assert result.stdout == ""
    assert {path: path.read_bytes() for path in bridges_home.rglob("*") if path.is_file()} == before


def test_without_a_terminal_or_a_descriptor_the_command_says_how(locked: dict[str, bytes]) -> None:
    for command in (["list"], ["show", FIRST], ["export", FIRST], ["unlock"]):
        result = bridges(*command)
        assert result.returncode == 1, command
        assert "no terminal" in result.stderr and "--passphrase-fd" in result.stderr


def test_unlock_gives_back_the_plain_toml_files(locked: dict[str, bytes], bridges_home: Path) -> None:
    result = bridges("unlock", passphrases=[PASSPHRASE])
    assert result.returncode == 0, result.stderr
    assert "Unlocked" in result.stderr
    assert {path.name: path.read_bytes() for path in (bridges_home / "sessions").iterdir()} == locked
    assert not is_locked(bridges_home / "sessions")
    again = bridges("unlock", passphrases=[PASSPHRASE])
    assert again.returncode == 1 and "not locked" in again.stderr
    listed = bridges("list")  # as before the lock: no passphrase asked
    assert listed.returncode == 0 and FIRST in listed.stdout


def test_a_new_passphrase_opens_the_sessions_and_the_old_one_no_longer_does(
    locked: dict[str, bytes], bridges_home: Path
) -> None:
    short = bridges("passphrase", passphrases=[PASSPHRASE, "short"])
    assert short.returncode == 1 and "at least 8 characters" in short.stderr
    changed = bridges("passphrase", passphrases=[PASSPHRASE, NEW_PASSPHRASE])
    assert changed.returncode == 0, changed.stderr
    old = bridges("list", passphrases=[PASSPHRASE])
    assert old.returncode == 1 and "passphrase doesn't open it" in old.stderr
    new = bridges("export", FIRST, "--format", "toml", passphrases=[NEW_PASSPHRASE])
    assert new.returncode == 0, new.stderr
    assert new.stdout.encode() == locked[f"{FIRST}.toml"]


def test_lock_encrypts_everything_and_forgets_the_remembered_names(bridges_home: Path) -> None:
    write_history(bridges_home)
    save_config(bridges_home / "config.toml", Config(names=("Sam", "Alex")))
    before = {path.name: path.read_bytes() for path in (bridges_home / "sessions").iterdir()}
    short = bridges("lock", passphrases=["short"])
    assert short.returncode == 1 and "at least 8 characters" in short.stderr
    assert not is_locked(bridges_home / "sessions")
    locked = bridges("lock", passphrases=[PASSPHRASE])
    assert locked.returncode == 0, locked.stderr
    assert "Locked" in locked.stderr and "names were forgotten" in locked.stderr
    assert sorted(os.listdir(bridges_home / "sessions")) == sorted(name + ".age" for name in before)
    files = [path for path in bridges_home.rglob("*") if path.is_file()]
    plain = b"".join(path.read_bytes() for path in files if path.suffix != ".age")
    assert b"Sam" not in plain and b"Alex" not in plain
    # In ciphertext three letters turn up by chance (about once in a thousand runs);
    # the names as written (quoted) and the agreement cannot.
    everything = b"".join(path.read_bytes() for path in files)
    assert b'"Sam"' not in everything and AGREEMENT.encode() not in everything
    again = bridges("lock", passphrases=[PASSPHRASE])
    assert again.returncode == 1 and "locked already" in again.stderr
    shown = bridges("export", FIRST, "--format", "toml", passphrases=[PASSPHRASE])
    assert shown.stdout.encode() == before[f"{FIRST}.toml"]


def test_a_lock_cut_short_before_its_key_was_kept_is_finished_by_locking_again(bridges_home: Path) -> None:
    write_history(bridges_home)
    before = {path.name: path.read_bytes() for path in (bridges_home / "sessions").iterdir()}
    (bridges_home / UNDERWAY_FILE).write_text("lock\n")  # killed right after its marker
    result = bridges("lock", passphrases=[PASSPHRASE])
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(bridges_home / "sessions")) == sorted(name + ".age" for name in before)
    assert not (bridges_home / UNDERWAY_FILE).exists()


def test_an_unlock_cut_short_after_removing_the_key_is_finished_without_a_passphrase(
    locked: dict[str, bytes], bridges_home: Path
) -> None:
    assert bridges("unlock", passphrases=[PASSPHRASE]).returncode == 0
    (bridges_home / UNDERWAY_FILE).write_text("unlock\n")  # killed before its last step
    result = bridges("unlock")  # no terminal, no descriptor: none is needed
    assert result.returncode == 0, result.stderr
    assert not (bridges_home / UNDERWAY_FILE).exists()
    assert {path.name: path.read_bytes() for path in (bridges_home / "sessions").iterdir()} == locked


def test_a_plain_session_copied_into_a_locked_folder_is_locked_by_bridges_lock(
    locked: dict[str, bytes], bridges_home: Path
) -> None:
    name = f"{FIRST}.toml"
    (bridges_home / "sessions" / f"{name}.age").unlink()
    (bridges_home / "sessions" / name).write_bytes(locked[name])  # back from a backup
    listed = bridges("list", passphrases=[PASSPHRASE])
    assert name in listed.stderr and "plain file in a locked folder" in listed.stderr
    result = bridges("lock", passphrases=[PASSPHRASE])
    assert result.returncode == 0, result.stderr
    assert not (bridges_home / "sessions" / name).exists()
    shown = bridges("export", FIRST, "--format", "toml", passphrases=[PASSPHRASE])
    assert shown.stdout.encode() == locked[name]


def test_locking_again_forgets_names_a_lock_killed_at_its_end_left(
    locked: dict[str, bytes], bridges_home: Path
) -> None:
    save_config(bridges_home / "config.toml", Config(names=("Sam", "Alex")))  # killed before forgetting
    again = bridges("lock", passphrases=[PASSPHRASE])
    assert again.returncode == 1 and "locked already" in again.stderr
    assert "names were forgotten" in again.stderr
    assert b"Sam" not in (bridges_home / "config.toml").read_bytes()
