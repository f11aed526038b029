"""Private atomic writes: modes of everything created, failures that leave no trace,
and links that are never written through."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bridges_tui.core.files import file_holds, safe_files
from bridges_tui.core.files.safe_files import (
    StoreError,
    ensure_private_dir,
    plain_reason,
    write_private,
)
from bridges_tui.testing.files import failing, mode

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "private"
    ensure_private_dir(made)
    return made


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that would leave new files readable by everyone, if we let it."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


# --- write_private ------------------------------------------------------------------


def test_a_new_file_holds_the_text_and_only_its_owner_can_read_it(
    folder: Path, loose_umask: None
) -> None:
    target = folder / "s.toml"
    write_private(target, "note = \"Zoë 👩‍❤️‍👨\"\n")
    assert target.read_text(encoding="utf-8") == "note = \"Zoë 👩‍❤️‍👨\"\n"
    assert mode(target) == 0o600
    assert os.listdir(folder) == ["s.toml"]


def test_rewriting_a_readable_file_leaves_it_private(folder: Path) -> None:
    target = folder / "s.toml"
    target.write_text("old")
    target.chmod(0o644)
    write_private(target, "new")
    assert target.read_text() == "new"
    assert mode(target) == 0o600


def test_the_temporary_file_is_private_from_the_start_and_beside_the_target(
    folder: Path, loose_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, int, str]] = []
    real_write, real_replace = os.write, os.replace

    def spy_write(fd: int, data: bytes) -> int:
        # Before a single byte is written, the file must already be private.
        seen.append(("write", stat.S_IMODE(os.fstat(fd).st_mode), ""))
        return real_write(fd, data)

    def spy_replace(source: str, target: str) -> None:
        seen.append(("replace", mode(Path(source)), os.path.dirname(source)))
        real_replace(source, target)

    monkeypatch.setattr(os, "write", spy_write)
    monkeypatch.setattr(os, "replace", spy_replace)
    write_private(folder / "s.toml", "text")
    assert seen[0][:2] == ("write", 0o600)
    assert seen[-1] == ("replace", 0o600, str(folder))


@pytest.mark.parametrize("call", ["write", "fsync", "replace"])
def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    target = folder / "s.toml"
    target.write_bytes(b"the old words\n")
    monkeypatch.setattr(os, call, failing(errno.ENOSPC))
    with pytest.raises(StoreError) as caught:
        write_private(target, "new words")
    monkeypatch.undo()
    assert str(caught.value) == f"can't save to {target}: the disk is full"
    assert caught.value.errno == errno.ENOSPC
    assert isinstance(caught.value, OSError)
    assert target.read_bytes() == b"the old words\n"
    assert os.listdir(folder) == ["s.toml"]


def test_an_interrupted_write_cleans_up_and_is_not_disguised(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_private(folder / "s.toml", "text")
    monkeypatch.undo()
    assert os.listdir(folder) == []


def test_permission_denied_is_said_plainly(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_files.tempfile, "mkstemp", failing(errno.EACCES))
    with pytest.raises(StoreError, match=r": permission denied$"):
        write_private(folder / "s.toml", "text")


@pytest.mark.skipif(IS_ROOT, reason="root writes into read-only folders regardless of mode")
def test_a_read_only_folder_is_reported_without_a_trace(folder: Path) -> None:
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="permission denied"):
            write_private(folder / "s.toml", "text")
    finally:
        folder.chmod(0o700)
    assert os.listdir(folder) == []


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="the folder does not exist"):
        write_private(tmp_path / "nowhere" / "s.toml", "text")


def test_a_folder_that_cannot_be_synced_does_not_fail_the_save(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync

    def fsync_files_only(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not supported")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_files_only)
    write_private(folder / "s.toml", "text")
    assert (folder / "s.toml").read_text() == "text"


def test_a_planted_link_is_not_written_through(folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone else's file")
    link = folder / "s.toml"
    link.symlink_to(elsewhere)
    with pytest.raises(StoreError, match="symbolic link"):
        write_private(link, "text")
    assert elsewhere.read_text() == "someone else's file"
    assert link.is_symlink()
    assert sorted(os.listdir(folder)) == ["s.toml"]


def test_a_dangling_link_is_refused_too(folder: Path, tmp_path: Path) -> None:
    link = folder / "s.toml"
    link.symlink_to(tmp_path / "would-be-created")
    with pytest.raises(StoreError):
        write_private(link, "text")
    assert not (tmp_path / "would-be-created").exists()


def test_a_folder_in_the_way_is_refused(folder: Path) -> None:
    (folder / "s.toml").mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        write_private(folder / "s.toml", "text")


def test_write_private_returns_the_new_files_stat(folder: Path) -> None:
    info = write_private(folder / "s.toml", "12345")
    assert info.st_size == 5
    assert info.st_ino == os.lstat(folder / "s.toml").st_ino


# --- ensure_private_dir -------------------------------------------------------------


def test_missing_folders_are_made_private_parents_too(tmp_path: Path, loose_umask: None) -> None:
    deep = tmp_path / "a" / "b" / "c"
    assert ensure_private_dir(deep) is False
    for made in (tmp_path / "a", tmp_path / "a" / "b", deep):
        assert mode(made) == 0o700


def test_an_existing_parent_is_left_as_it_was(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    ensure_private_dir(tmp_path / "mine")
    assert mode(tmp_path) == 0o755


def test_a_strict_umask_still_gives_a_usable_private_folder(tmp_path: Path) -> None:
    old = os.umask(0o277)
    try:
        ensure_private_dir(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    assert mode(tmp_path / "a") == mode(tmp_path / "a" / "b") == 0o700


def test_a_loose_folder_is_tightened_and_says_so(tmp_path: Path) -> None:
    loose = tmp_path / "sessions"
    loose.mkdir()
    loose.chmod(0o755)
    assert ensure_private_dir(loose) is True
    assert mode(loose) == 0o700
    assert ensure_private_dir(loose) is False


def test_a_file_where_the_folder_should_be_is_reported(tmp_path: Path) -> None:
    (tmp_path / "sessions").write_text("")
    with pytest.raises(StoreError, match=r": is not a folder$"):
        ensure_private_dir(tmp_path / "sessions")
    with pytest.raises(StoreError, match=r"sessions: is not a folder$"):
        ensure_private_dir(tmp_path / "sessions" / "deeper")


def test_a_folder_that_cannot_be_made_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "mkdir", failing(errno.EROFS))
    with pytest.raises(StoreError, match="the disk is read-only"):
        ensure_private_dir(tmp_path / "new")


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "the disk is full"), (errno.EACCES, "permission denied"),
     (errno.EPERM, "permission denied"), (errno.ENOTDIR, "is not a folder"),
     (errno.EXDEV, os.strerror(errno.EXDEV).lower())],
)
def test_plain_reasons(code: int, words: str) -> None:
    assert plain_reason(OSError(code, os.strerror(code))) == words


# --- leftovers and holds --------------------------------------------------------------


def test_a_killed_writers_temporary_file_is_swept_but_a_live_one_is_not(folder: Path) -> None:
    import fcntl

    dead = folder / ".s.toml.abcd1234.tmp"
    dead.write_text("half of a session")
    live = folder / ".s.toml.wxyz5678.tmp"
    live.write_text("a write in progress")
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # what a bridges writing right now holds
    try:
        assert safe_files.sweep_leftovers(folder) == [dead.name]
    finally:
        os.close(fd)
    assert sorted(os.listdir(folder)) == [live.name]
    (folder / "notes.tmp").write_text("not ours: no dot, no random part")
    assert safe_files.sweep_leftovers(folder) == [live.name]
    assert os.listdir(folder) == ["notes.tmp"]


def test_a_held_file_is_seen_as_held_and_cannot_be_held_twice(folder: Path) -> None:
    target = folder / "s.toml"
    info, held = safe_files.write_held(target, "one")
    assert info.st_ino == os.lstat(target).st_ino
    assert file_holds.is_held(target)
    assert file_holds.hold(target) is None
    # A save moves the lock to the new file: it is never unheld in between.
    _, again = safe_files.write_held(target, "two")
    held.release()
    assert file_holds.is_held(target) and target.read_text() == "two"
    again.release()
    assert not file_holds.is_held(target)
    taken = file_holds.hold(target)
    assert taken is not None
    taken.release()


def test_create_private_never_overwrites_and_leaves_no_empty_file(folder: Path) -> None:
    (folder / "a.toml").write_text("someone's")
    (folder / "b.toml").symlink_to(folder / "elsewhere")
    path, _, held = safe_files.create_private(folder, ["a.toml", "b.toml", "c.toml"], "mine")
    held.release()
    assert path == folder / "c.toml" and path.read_text() == "mine"
    assert (folder / "a.toml").read_text() == "someone's"
    assert not (folder / "elsewhere").exists()
    assert sorted(os.listdir(folder)) == ["a.toml", "b.toml", "c.toml"]
    with pytest.raises(FileExistsError):
        safe_files.create_private(folder, ["a.toml"], "more")
    assert sorted(os.listdir(folder)) == ["a.toml", "b.toml", "c.toml"]
