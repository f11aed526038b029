"""The passphrase lock in the core: sessions on disk only as age files, the same TOML
text inside, and lock, unlock and a passphrase change that survive a kill anywhere.

The key derivation (scrypt, age's default strength) takes seconds here, so it runs
in few tests: one identity is made and sealed once for the module, and most tests
pass its opened key, as the command does after its one derivation per start.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridges_tui.core.files import lock_moves
from bridges_tui.core.files.history_index_file import LOCKED_INDEX_FILE, LOCKED_WORDS_FILE
from bridges_tui.core.files.keeper import SessionKeeper
from bridges_tui.core.files.lock_files import IDENTITY_FILE, REKEY_FILE, UNDERWAY_FILE, is_locked, underway
from bridges_tui.core.files.safe_files import StoreError
from bridges_tui.core.files.session_key import (
    LockError,
    SessionKey,
    WrongPassphrase,
    identity_text,
    new_key,
    seal_identity,
)
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.files.transcript_file import TranscriptError, dump_transcript
from bridges_tui.core.looking_back.history_index import INDEX_FILE, WORDS_FILE, HistoryIndex
from bridges_tui.core.model.session import Transcript
from bridges_tui.testing.files import mode
from bridges_tui.testing.sessions import numbered_session, write_session
from bridges_tui.testing.strategies import transcripts

PASSPHRASE = "a long walk by the river"
NEW_PASSPHRASE = "tea on the balcony at dawn"
NOTE = "the zebra-striped umbrella we never returned"


class Killed(BaseException):
    """Stands for SIGKILL at a chosen step (a BaseException: nothing catches it)."""


@pytest.fixture(scope="module")
def sealed() -> tuple[SessionKey, bytes]:
    key = new_key()
    return key, seal_identity(key, PASSPHRASE)


@pytest.fixture(scope="module")
def sealed_new() -> tuple[SessionKey, bytes]:
    key = new_key()
    return key, seal_identity(key, NEW_PASSPHRASE)


def sessions_in(home: Path, count: int) -> dict[str, bytes]:
    """`count` plain sessions in `home`/sessions; their file names and bytes."""
    folder = home / "sessions"
    written = {}
    for number in range(count):
        transcript = numbered_session(3 + number)
        path = write_session(folder, f"20261101-20{number:04d}-share-the-why", transcript)
        written[path.name] = path.read_bytes()
    return written


def locked_texts(folder: Path, key: SessionKey) -> dict[str, bytes]:
    """The plain text of every session, in whichever form it is on disk."""
    found = {}
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".toml.age"):
            found[path.name[: -len(".age")]] = key.open(path.read_bytes(), path)
        elif path.name.endswith(".toml"):
            found[path.name] = path.read_bytes()
    return found


def all_bytes(home: Path) -> bytes:
    return b"".join(path.read_bytes() for path in home.rglob("*") if path.is_file())


# --- round trips ----------------------------------------------------------------------


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(transcripts(), min_size=1, max_size=6))
def test_lock_and_unlock_give_back_the_same_toml_bytes(
    sealed: tuple[SessionKey, bytes], many: list[Transcript]
) -> None:
    key, identity = sealed
    # Not the test's home: Hypothesis runs this many times in one test.
    with tempfile.TemporaryDirectory() as temp:
        home = Path(temp)
        plain = SessionStore(home / "sessions")
        paths = [plain.create(transcript) for transcript in many]
        for path in paths:
            plain.release(path)  # as when the session is over
        before = {path.name: path.read_bytes() for path in paths}
        assert lock_moves.lock(home / "sessions", key, identity) == []
        names = sorted(os.listdir(home / "sessions"))
        assert names == sorted(name + ".age" for name in before)
        assert locked_texts(home / "sessions", key) == before
        locked = SessionStore(home / "sessions", key)
        for path in paths:
            loaded = locked.load(path.with_name(path.name + ".age"))
            assert dump_transcript(loaded).encode() == before[path.name]
        assert lock_moves.unlock(home / "sessions", key) == []
        assert {path.name: path.read_bytes() for path in (home / "sessions").iterdir()} == before
        assert not (home / IDENTITY_FILE).exists() and not is_locked(home / "sessions")


def test_a_locked_store_keeps_every_session_only_encrypted(
    sealed: tuple[SessionKey, bytes], bridges_home: Path
) -> None:
    key, identity = sealed
    sessions_in(bridges_home, 2)
    index = HistoryIndex(SessionStore(bridges_home / "sessions"), bridges_home)
    index.read_all()
    assert index.save() is None and (bridges_home / INDEX_FILE).exists()
    assert lock_moves.lock(bridges_home / "sessions", key, identity) == []
    assert not (bridges_home / INDEX_FILE).exists() and not (bridges_home / WORDS_FILE).exists()

    store = SessionStore(bridges_home / "sessions", key)
    keeper = SessionKeeper(store)
    transcript = numbered_session(2)
    for turns in range(1, 4):
        transcript = numbered_session(turns)
        noted = transcript.turns[-1]
        transcript = replace(transcript, turns=(*transcript.turns[:-1], replace(noted, note=f"{NOTE} {turns}")))
        assert keeper.keep(transcript), keeper.problem
    assert keeper.path is not None and keeper.path.name.endswith(".toml.age")
    assert mode(keeper.path) == 0o600
    assert store.load(keeper.path) == transcript
    rows = store.list()
    assert len(rows) == 3 and all(row.readable for row in rows)
    assert keeper.path.name[: -len(".toml.age")] in [row.id for row in rows]
    assert store.resolve(rows[0].id) == rows[0].path

    locked_index = HistoryIndex(store, bridges_home)
    assert len(locked_index.read_all()) == 3
    assert locked_index.filter(locked_index.read_all(), text="zebra") != []
    assert locked_index.save() is None
    assert NOTE.encode() not in all_bytes(bridges_home)
    assert b"zebra" not in all_bytes(bridges_home)
    assert b"words that must survive" not in all_bytes(bridges_home)


class NoLoading(SessionStore):
    """A store that fails the test if a whole session file is read."""

    def load(self, path: Path | str) -> Transcript:
        raise AssertionError(f"{path} was read whole")


def test_the_history_index_of_a_locked_folder_is_kept_encrypted_and_spares_reading_them(
    sealed: tuple[SessionKey, bytes], sealed_new: tuple[SessionKey, bytes], bridges_home: Path
) -> None:
    key, identity = sealed
    new, new_identity = sealed_new
    folder = bridges_home / "sessions"
    sessions_in(bridges_home, 3)
    store = SessionStore(folder)
    noted = numbered_session(2)
    store.release(store.create(replace(noted, turns=(*noted.turns[:-1], replace(noted.turns[-1], note=NOTE)))))
    assert lock_moves.lock(folder, key, identity) == []
    index = HistoryIndex(SessionStore(folder, key), bridges_home)
    assert len(index.read_all()) == 4
    assert index.save() is None
    assert (bridges_home / LOCKED_INDEX_FILE).exists() and (bridges_home / LOCKED_WORDS_FILE).exists()
    assert not (bridges_home / INDEX_FILE).exists() and not (bridges_home / WORDS_FILE).exists()
    assert mode(bridges_home / LOCKED_INDEX_FILE) == 0o600
    assert b"zebra" not in all_bytes(bridges_home)
    # The next look back reads the index, not the sessions, and finds the words.
    again = HistoryIndex(NoLoading(folder, key), bridges_home)
    rows = again.scan()
    assert len(rows) == 4 and all(row.detailed and row.readable for row in rows)
    assert len(again.filter(rows, text="zebra")) == 1
    # Sealed to another key (a passphrase change cut short, say): read again, as if lost.
    other = HistoryIndex(SessionStore(folder, new), bridges_home)
    assert all(not row.readable for row in other.read_all())
    # A new key, and unlocking, take the encrypted index away with the old key.
    assert lock_moves.change_passphrase(folder, key, new, new_identity) == []
    assert not (bridges_home / LOCKED_INDEX_FILE).exists()
    rebuilt = HistoryIndex(SessionStore(folder, new), bridges_home)
    rebuilt.read_all()
    assert rebuilt.save() is None and (bridges_home / LOCKED_INDEX_FILE).exists()
    assert lock_moves.unlock(folder, new) == []
    assert not (bridges_home / LOCKED_INDEX_FILE).exists() and not (bridges_home / LOCKED_WORDS_FILE).exists()


def test_a_store_without_the_key_writes_nothing_into_a_locked_folder(
    sealed: tuple[SessionKey, bytes], bridges_home: Path
) -> None:
    key, identity = sealed
    sessions_in(bridges_home, 1)
    assert lock_moves.lock(bridges_home / "sessions", key, identity) == []
    plain = SessionStore(bridges_home / "sessions")
    with pytest.raises(StoreError, match="locked"):
        plain.create(numbered_session(1))
    [row] = plain.list()
    assert row.error is not None and "locked" in row.error
    assert os.listdir(bridges_home / "sessions") == [row.path.name]


# --- faults ---------------------------------------------------------------------------


def test_a_wrong_passphrase_says_so_and_names_the_identity_file(
    sealed: tuple[SessionKey, bytes], bridges_home: Path
) -> None:
    key, identity = sealed
    sessions_in(bridges_home, 1)
    assert lock_moves.lock(bridges_home / "sessions", key, identity) == []
    before = (bridges_home / IDENTITY_FILE).read_bytes()
    with pytest.raises(WrongPassphrase) as wrong:
        lock_moves.open_folder(bridges_home / "sessions", "not it")
    assert str(bridges_home / IDENTITY_FILE) in str(wrong.value)
    assert "passphrase" in str(wrong.value)
    opened = lock_moves.open_folder(bridges_home / "sessions", PASSPHRASE)
    assert opened.same_as(key)
    assert (bridges_home / IDENTITY_FILE).read_bytes() == before


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda data: b"", "not an encrypted"),
        (lambda data: b"hello, I am not age\n", "not an encrypted"),
        (lambda data: data[: len(data) // 2], "damaged or cut short"),
        (None, "missing"),
    ],
    ids=["empty", "not-age", "truncated", "missing"],
)
def test_a_damaged_or_missing_identity_is_named_and_left_alone(
    sealed: tuple[SessionKey, bytes], bridges_home: Path, damage: object, said: str
) -> None:
    key, identity = sealed
    sessions_in(bridges_home, 1)
    assert lock_moves.lock(bridges_home / "sessions", key, identity) == []
    file = bridges_home / IDENTITY_FILE
    if damage is None:
        file.unlink()
        sealed_session = next((bridges_home / "sessions").iterdir())
        kept = sealed_session.read_bytes()
    else:
        file.write_bytes(damage(file.read_bytes()))  # type: ignore[operator]
        kept = file.read_bytes()
    with pytest.raises(LockError) as error:
        lock_moves.open_folder(bridges_home / "sessions", PASSPHRASE)
    assert str(file) in str(error.value) and said in str(error.value)
    if damage is None:
        assert sealed_session.read_bytes() == kept
    else:
        assert file.read_bytes() == kept


def test_damaged_foreign_and_misplaced_session_files_are_named_and_kept(
    sealed: tuple[SessionKey, bytes], bridges_home: Path
) -> None:
    key, identity = sealed
    sessions_in(bridges_home, 4)
    assert lock_moves.lock(bridges_home / "sessions", key, identity) == []
    folder = bridges_home / "sessions"
    files = sorted(folder.iterdir())
    files[0].write_bytes(files[0].read_bytes()[:-20])  # cut short
    files[1].write_bytes(new_key().seal(b'format = "bridges-transcript"\n'))  # another identity
    files[2].write_bytes(b"age-encryption.org/v1\n-> garbage\n")  # damaged header
    stray = write_session(folder, "20261102-100000-share-the-why", numbered_session(2))
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    store = SessionStore(folder, key)
    rows = {row.path.name: row for row in store.list()}
    assert "cut short" in (rows[files[0].name].error or "")
    assert "another key" in (rows[files[1].name].error or "")
    assert "damaged" in (rows[files[2].name].error or "")
    assert "plain file in a locked folder" in (rows[stray.name].error or "")
    assert rows[files[3].name].readable
    for bad in files[:3]:
        with pytest.raises(LockError) as error:
            store.load(bad)
        assert str(bad) in str(error.value)
    with pytest.raises(TranscriptError) as misplaced:
        store.load(stray)
    assert str(stray) in str(misplaced.value)
    with pytest.raises(OSError):
        store.save(files[0], numbered_session(1))
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
    # Unlocking turns over what it can, names what it can't, and keeps the lock on.
    problems = lock_moves.unlock(folder, key)
    assert len(problems) == 3 and all(str(bad) in " ".join(problems) for bad in files[:3])
    assert (bridges_home / IDENTITY_FILE).exists() and underway(folder) == "unlock"
    for bad in files[:3]:
        assert bad.read_bytes() == before[bad.name]


# --- a new passphrase -----------------------------------------------------------------


def test_a_new_passphrase_reseals_every_session_to_a_new_identity(
    sealed: tuple[SessionKey, bytes], sealed_new: tuple[SessionKey, bytes], bridges_home: Path
) -> None:
    key, identity = sealed
    new, new_identity = sealed_new
    before = sessions_in(bridges_home, 3)
    folder = bridges_home / "sessions"
    assert lock_moves.lock(folder, key, identity) == []
    assert lock_moves.change_passphrase(folder, key, new, new_identity) == []
    assert not (bridges_home / REKEY_FILE).exists()
    assert locked_texts(folder, new) == before
    assert not any(key.opens(path.read_bytes()) for path in folder.iterdir())
    with pytest.raises(WrongPassphrase):
        lock_moves.open_folder(folder, PASSPHRASE)
    assert lock_moves.open_folder(folder, NEW_PASSPHRASE).same_as(new)


# --- kills at every step --------------------------------------------------------------


def killing_at(number: int) -> lock_moves.Step:
    count = 0

    def step(_: str) -> None:
        nonlocal count
        count += 1
        if count == number:
            raise Killed

    return step


def steps_of(move: object) -> int:
    count = 0

    def step(_: str) -> None:
        nonlocal count
        count += 1

    move(step)  # type: ignore[operator]
    return count


def test_a_lock_killed_at_any_step_loses_nothing_and_finishes_when_run_again(
    sealed: tuple[SessionKey, bytes], tmp_path: Path
) -> None:
    key, identity = sealed
    template = tmp_path / "template"
    before = sessions_in(template, 4)
    trial = tmp_path / "trial"
    shutil.copytree(template, trial)
    total = steps_of(lambda step: lock_moves.lock(trial / "sessions", key, identity, step))
    assert total >= 10
    for number in range(1, total + 1):
        shutil.rmtree(trial)
        shutil.copytree(template, trial)
        with pytest.raises(Killed):
            lock_moves.lock(trial / "sessions", key, identity, killing_at(number))
        assert locked_texts(trial / "sessions", key) == before, number
        assert is_locked(trial / "sessions")
        # Run again, as `bridges lock` would after opening the identity already there.
        again = identity if not (trial / IDENTITY_FILE).exists() else None
        assert lock_moves.lock(trial / "sessions", key, again) == []
        assert sorted(os.listdir(trial / "sessions")) == sorted(name + ".age" for name in before)
        assert locked_texts(trial / "sessions", key) == before
        assert not (trial / UNDERWAY_FILE).exists()


def test_an_unlock_killed_at_any_step_loses_nothing_and_finishes_when_run_again(
    sealed: tuple[SessionKey, bytes], tmp_path: Path
) -> None:
    key, identity = sealed
    template = tmp_path / "template"
    before = sessions_in(template, 4)
    assert lock_moves.lock(template / "sessions", key, identity) == []
    trial = tmp_path / "trial"
    shutil.copytree(template, trial)
    total = steps_of(lambda step: lock_moves.unlock(trial / "sessions", key, step))
    assert total >= 10
    for number in range(1, total + 1):
        shutil.rmtree(trial)
        shutil.copytree(template, trial)
        with pytest.raises(Killed):
            lock_moves.unlock(trial / "sessions", key, killing_at(number))
        assert locked_texts(trial / "sessions", key) == before, number
        if (trial / IDENTITY_FILE).exists():
            assert lock_moves.unlock(trial / "sessions", key) == []
        else:
            assert underway(trial / "sessions") == "unlock"
            assert lock_moves.unlock(trial / "sessions", key) == []
        assert {p.name: p.read_bytes() for p in (trial / "sessions").iterdir()} == before
        assert not is_locked(trial / "sessions") and not (trial / UNDERWAY_FILE).exists()


def test_a_passphrase_change_killed_at_any_step_loses_nothing_and_finishes_when_run_again(
    sealed: tuple[SessionKey, bytes], sealed_new: tuple[SessionKey, bytes], tmp_path: Path
) -> None:
    key, identity = sealed
    new, new_identity = sealed_new
    template = tmp_path / "template"
    before = sessions_in(template, 4)
    assert lock_moves.lock(template / "sessions", key, identity) == []
    trial = tmp_path / "trial"
    shutil.copytree(template, trial)
    total = steps_of(lambda step: lock_moves.change_passphrase(trial / "sessions", key, new, new_identity, step))
    assert total >= 6
    for number in range(1, total + 1):
        shutil.rmtree(trial)
        shutil.copytree(template, trial)
        with pytest.raises(Killed):
            lock_moves.change_passphrase(trial / "sessions", key, new, new_identity, killing_at(number))
        # Whichever identity file is in place, the folder opens and reads as before.
        current = key if (trial / IDENTITY_FILE).read_bytes() == identity else new
        resumed = lock_moves.new_identity_of_change(trial / "sessions", current)
        opened = current if resumed is None or resumed.same_as(current) else resumed.accepting(current)
        assert locked_texts(trial / "sessions", opened) == before, number
        if resumed is not None:
            assert resumed.same_as(new)
            assert lock_moves.change_passphrase(trial / "sessions", opened, new, new_identity) == []
        assert locked_texts(trial / "sessions", new) == before
        assert (trial / IDENTITY_FILE).read_bytes() == new_identity
        assert not (trial / REKEY_FILE).exists()


# --- the standard tool reads them -----------------------------------------------------


def age_decrypt_with_passphrase(path: Path, passphrase: str) -> bytes:
    """`age -d` on `path`, typing `passphrase` at its prompt on a terminal (age reads a
    passphrase from the terminal only)."""
    import pty
    import select

    pid, fd = pty.fork()
    if pid == 0:  # the child: age itself
        os.execvp("age", ["age", "-d", str(path)])
    output = b""
    typed = False
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if not typed and b"passphrase" in output.lower():
            os.write(fd, passphrase.encode() + b"\n")
            typed = True
    os.waitpid(pid, 0)
    return output


@pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed (Debian: apt-get install age)")
def test_the_standard_age_tool_decrypts_the_identity_and_then_a_session(
    sealed: tuple[SessionKey, bytes], bridges_home: Path
) -> None:
    import subprocess

    key, identity = sealed
    before = sessions_in(bridges_home, 1)
    assert lock_moves.lock(bridges_home / "sessions", key, identity) == []
    shown = age_decrypt_with_passphrase(bridges_home / IDENTITY_FILE, PASSPHRASE)
    assert key.secret().encode() in shown
    identity_file = bridges_home / "identity.txt"
    identity_file.write_bytes(identity_text(key))
    [name] = before
    result = subprocess.run(
        ["age", "-d", "-i", str(identity_file), str(bridges_home / "sessions" / (name + ".age"))],
        capture_output=True, timeout=30, check=True,
    )
    assert result.stdout == before[name]
