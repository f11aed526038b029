"""Locking, unlocking and changing the passphrase of a sessions folder: crash-safe,
and finished by running the same command again.

Each move first writes a marker of what is under way (`lock_files`), then turns the
sessions over one file at a time: the new form is written whole beside the old one
(atomically, 0600), and only then is the old one removed. A kill at any moment leaves
every session readable in its old form or its new one, never neither; a file found in
both forms is checked (the two must hold the same text) before the old one goes. The
marker is removed last. A file that can't be turned over is left as it is, named in
the problems returned, and the marker stays, so the command can be run again.

`step` is called at each point where a kill would leave a different state on disk;
the tests stop a move there.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from bridges_tui.core.files.file_holds import is_held
from bridges_tui.core.files.history_index_file import INDEX_FILE, LOCKED_INDEX_FILE, LOCKED_WORDS_FILE, WORDS_FILE
from bridges_tui.core.files.lock_files import (
    IDENTITY_FILE,
    LOCKED_SUFFIX,
    PLAIN_SUFFIX,
    REKEY_FILE,
    UNDERWAY_FILE,
    lock_folder,
    underway,
)
from bridges_tui.core.files.safe_files import (
    StoreError,
    ensure_private_dir,
    plain_reason,
    sweep_leftovers,
    write_private,
)
from bridges_tui.core.files.session_entries import MAX_TRANSCRIPT_BYTES, read_bounded
from bridges_tui.core.files.session_key import (
    LockError,
    SessionKey,
    open_identity,
    open_marker,
    seal_for_both,
)
from bridges_tui.core.language.words import _

Step = Callable[[str], None]
Reader = Callable[[bytes], bytes]


def _same(data: bytes) -> bytes:
    return data


def _no_step(_: str) -> None:
    pass


def open_folder(sessions: Path | str, passphrase: str) -> SessionKey:
    """The key of a locked folder, opened with `passphrase` (the one key derivation of
    a start). During an unfinished passphrase change it opens both identities."""
    folder = Path(lock_folder(sessions))
    key = open_identity(folder / IDENTITY_FILE, passphrase)
    marker = folder / REKEY_FILE
    if os.path.lexists(marker):
        new = open_marker(_read(marker), marker, key)
        return key if new.same_as(key) else new.accepting(key)
    return key


def lock(sessions: Path | str, key: SessionKey, sealed_identity: bytes | None, step: Step = _no_step) -> list[str]:
    """Encrypt every plain session in `sessions` to `key`; the problems, in words.

    `sealed_identity` is the new identity file (`seal_identity`); None to finish a lock
    that was cut short, or to lock plain sessions found in a locked folder (copied in
    from a backup, say): then the identity file is in place (open it with `open_folder`)."""
    sessions, folder = Path(sessions), Path(lock_folder(sessions))
    identity = folder / IDENTITY_FILE
    if os.path.lexists(identity) and underway(sessions) != "lock" and sealed_identity is not None:
        raise LockError(identity, _("the sessions are locked already"), errno.EEXIST)
    _refuse_if_open(sessions, PLAIN_SUFFIX)
    ensure_private_dir(folder)
    write_private(folder / UNDERWAY_FILE, "lock\n")
    step("marked")
    if not os.path.lexists(identity):
        if sealed_identity is None:
            raise LockError(identity, _("is missing, so the lock can't be finished"), errno.ENOENT)
        write_private(identity, sealed_identity)
        step("identity")
    ensure_private_dir(sessions)
    sweep_leftovers(sessions)  # a killed bridges' temporary file may hold words
    problems: list[str] = []
    for plain in _files(sessions, PLAIN_SUFFIX):
        locked = plain.with_name(plain.name[: -len(PLAIN_SUFFIX)] + LOCKED_SUFFIX)
        problems += _turn_over(
            plain, locked, _same, lambda data, at=locked: key.open(data, at), key.seal, step
        )
    for derived in (INDEX_FILE, WORDS_FILE):
        _remove(folder / derived, problems)  # the plain index holds the notes' words
    step("index")
    if not problems:
        _remove(folder / UNDERWAY_FILE, problems)
    return problems


def unlock(sessions: Path | str, key: SessionKey | None, step: Step = _no_step) -> list[str]:
    """Turn every locked session back into its plain TOML; the problems, in words.

    `key` is None only to finish an unlock cut short once the identity was removed
    (every session is plain by then); a locked file found then is named, untouched."""
    sessions, folder = Path(sessions), Path(lock_folder(sessions))
    if os.path.lexists(folder / REKEY_FILE):
        raise LockError(
            folder / REKEY_FILE, _("a passphrase change is unfinished; run `bridges passphrase` first")
        )
    _refuse_if_open(sessions, LOCKED_SUFFIX)
    write_private(folder / UNDERWAY_FILE, "unlock\n")
    step("marked")
    sweep_leftovers(sessions)
    problems: list[str] = []
    for locked in _files(sessions, LOCKED_SUFFIX):
        if key is None:
            missing = folder / IDENTITY_FILE
            problems.append(
                _("{path}: is still locked, and {key} is missing, so it can't be opened")
                .format(path=locked, key=missing)
            )
            continue
        plain = locked.with_name(locked.name[: -len(LOCKED_SUFFIX)] + PLAIN_SUFFIX)
        opened: Reader = lambda data, at=locked, key=key: key.open(data, at)  # noqa: E731
        problems += _turn_over(locked, plain, opened, _same, opened, step)
    if not problems:
        _remove_locked_index(folder, problems)
        _remove(folder / IDENTITY_FILE, problems)
        step("identity")
        _remove(folder / UNDERWAY_FILE, problems)
    return problems


def change_passphrase(
    sessions: Path | str, key: SessionKey, new: SessionKey, sealed_new: bytes, step: Step = _no_step
) -> list[str]:
    """Re-encrypt every session to a new identity and keep that one under the new
    passphrase (`sealed_new`); the problems, in words. `key` is the folder's key as
    `open_folder` gives it; to finish a change cut short, `new` is its new identity."""
    sessions, folder = Path(sessions), Path(lock_folder(sessions))
    marker = folder / REKEY_FILE
    _refuse_if_open(sessions, LOCKED_SUFFIX)
    if not os.path.lexists(marker):
        write_private(marker, seal_for_both(new, key))
        step("marked")
    sweep_leftovers(sessions)
    problems: list[str] = []
    both = new.accepting(key)
    for path in _files(sessions, LOCKED_SUFFIX):
        try:
            data = _read(path)
            if new.opens(data):
                continue
            write_private(path, new.seal(both.open(data, path)))
        except OSError as error:
            problems.append(_said(path, error))
            continue
        step("resealed")
    if not problems:
        _remove_locked_index(folder, problems)  # sealed to the old key: made again when needed
        write_private(folder / IDENTITY_FILE, sealed_new)
        step("identity")
        _remove(marker, problems)
    return problems


def plain_ones(sessions: Path | str) -> list[Path]:
    """The plain session files in `sessions` (in a locked folder: ones still to lock)."""
    return _files(Path(sessions), PLAIN_SUFFIX)


def new_identity_of_change(sessions: Path | str, key: SessionKey) -> SessionKey | None:
    """The new identity of a passphrase change cut short (None: none is under way)."""
    marker = Path(lock_folder(sessions)) / REKEY_FILE
    if not os.path.lexists(marker):
        return None
    return open_marker(_read(marker), marker, key)


def _turn_over(
    old: Path, new: Path, text_of_old: Reader, text_of_new: Reader, convert: Reader, step: Step
) -> list[str]:
    """Write `old`'s contents, converted, as `new`; then remove `old`. A `new` that is
    there already must hold the same text as `old`, or both are left as they are."""
    try:
        data = _read(old)
        if os.path.lexists(new):
            if text_of_new(_read(new)) != text_of_old(data):
                return [
                    _("{old} and {new} both exist and differ; both were left as they are")
                    .format(old=old, new=new)
                ]
        else:
            write_private(new, convert(data))
            step("written")
        os.unlink(old)
    except OSError as error:
        return [_said(old, error)]
    step("removed")
    return []


def _files(sessions: Path, suffix: str) -> list[Path]:
    try:
        names = sorted(os.listdir(sessions))
    except FileNotFoundError:
        return []
    except OSError as error:
        raise StoreError(sessions, plain_reason(error), error.errno or 0, "read") from error
    other = LOCKED_SUFFIX if suffix == PLAIN_SUFFIX else None
    return [
        sessions / name for name in names
        if name.endswith(suffix) and not name.startswith(".") and not (other and name.endswith(other))
    ]


def _refuse_if_open(sessions: Path, suffix: str) -> None:
    for path in _files(sessions, suffix):
        if is_held(path):
            raise StoreError(
                path, _("a bridges is keeping this session open; close it first (nothing was changed)"),
                errno.EBUSY,
            )


def _read(path: Path) -> bytes:
    data, _info = read_bounded(path, MAX_TRANSCRIPT_BYTES + 1)
    if len(data) > MAX_TRANSCRIPT_BYTES:
        raise StoreError(path, _("is too large to be a session"), errno.EFBIG, "read")
    return data


def _remove_locked_index(folder: Path, problems: list[str]) -> None:
    for derived in (LOCKED_INDEX_FILE, LOCKED_WORDS_FILE):
        _remove(folder / derived, problems)


def _remove(path: Path, problems: list[str]) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as error:
        problems.append(_said(path, error))


def _said(path: Path, error: OSError) -> str:
    return str(error) if isinstance(error, StoreError) else f"{path}: {plain_reason(error)}"
