"""Private, atomic file writes: the one way bridges puts a file on disk.

A couple's transcripts are intimate, so every file is created readable by its owner
only (0600) inside folders only the owner can enter (0700), and every write is
all-or-nothing: the new text goes to a temporary file beside the target, reaches the
disk, and only then replaces the old file. A crash mid-write leaves the old file, never
half of the new one, and never a stray temporary file that anyone else could read.

A temporary file is locked (`flock`) from the moment it exists until it has replaced
its target, so a leftover from a killed process (unlocked) can be told from a write in
progress in another bridges (locked): `sweep_leftovers` removes only the former. The
same lock, kept on a saved file (`file_holds`), marks a session that a running bridges
is keeping, so that another bridges never writes over it.

Failures become `StoreError`, whose message is a plain sentence a person can act on
("can't save to /x/y: the disk is full").
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
import tempfile
from pathlib import Path

from bridges_tui.core.files.file_holds import Hold, open_plain
from bridges_tui.core.language.words import N_, _

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700

#: What `tempfile.mkstemp` names a temporary file here: `.<target>.<8 random>.tmp`.
_TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
# A file system without hard links makes `create_private` claim names another way.
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}

# errno -> what to tell a person (translated when told). Anything else falls back to
# the system's wording.
_PLAIN_REASONS: dict[int, str] = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOTDIR: N_("is not a folder"),
    errno.EISDIR: N_("is a folder"),
    errno.ENOENT: N_("the folder does not exist"),
    errno.ELOOP: N_("is a symbolic link; bridges won't write through it"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EIO: N_("the disk reported an input/output error"),
    errno.EEXIST: N_("a file with that name already exists"),
}

#: What bridges was trying to do when a file failed it, each as the whole sentence
#: it is told in (so each language words it in its own order), with `{path}` and
#: `{reason}`. A StoreError's `action` is one of these keys.
FAILED_ACTIONS: dict[str, str] = {
    "save to": N_("can't save to {path}: {reason}"),
    "read": N_("can't read {path}: {reason}"),
    "open": N_("can't open {path}: {reason}"),
    "overwrite": N_("can't overwrite {path}: {reason}"),
    "delete": N_("can't delete {path}: {reason}"),
    "remove": N_("can't remove {path}: {reason}"),
    "let go of": N_("can't let go of {path}: {reason}"),
}


def failed_action(action: str, path: Path | str, reason: str) -> str:
    """The sentence saying that `action` (a key of `FAILED_ACTIONS`) failed on
    `path` because of `reason`, in the language spoken now."""
    return _(FAILED_ACTIONS[action]).format(path=path, reason=reason)


class StoreError(OSError):
    """A file or folder bridges could not read or write, in plain words.

    `str(error)` is the whole sentence, e.g. "can't save to /x/y: the disk is full";
    `path` and `reason` hold its parts, `action` which sentence it is (a key of
    `FAILED_ACTIONS`) and `errno` the system's error number (0 when bridges itself
    refused).
    """

    def __init__(
        self, path: Path | str, reason: str, code: int = 0, action: str = "save to"
    ) -> None:
        if action not in FAILED_ACTIONS:
            raise ValueError(f"no sentence for the action {action!r}; add it to FAILED_ACTIONS")
        super().__init__(code, reason)
        self.path = Path(path)
        self.reason = reason
        self.action = action

    def __str__(self) -> str:
        return failed_action(self.action, self.path, self.reason)


def plain_reason(error: OSError) -> str:
    """What went wrong with a system call, said the way a person would say it."""
    if isinstance(error, StoreError):
        return error.reason
    if error.errno in _PLAIN_REASONS:
        return _(_PLAIN_REASONS[error.errno])
    return (error.strerror or str(error) or type(error).__name__).lower()


def store_error(path: Path | str, error: OSError, action: str = "save to") -> StoreError:
    """Turn an OSError about `path` into a StoreError with a plain message; `action`
    names the sentence it is told in (a key of `FAILED_ACTIONS`: "read", "let go of"…)."""
    if isinstance(error, StoreError):
        return error
    if error.errno == errno.ENOENT and action != "save to":
        # Only a write fails for want of a folder; a read or delete wants the file.
        return StoreError(path, _("there is no such file"), errno.ENOENT, action)
    return StoreError(path, plain_reason(error), error.errno or 0, action)


def ensure_private_dir(path: Path | str) -> bool:
    """Make sure `path` is a folder only its owner can enter; True when it tightened one.

    Missing folders (parents too) are created with mode 0700. An existing folder that
    others could read or enter is tightened to 0700, and True is returned so the app can
    tell the couple. Existing parents are left alone: they are not ours to change.
    Raises StoreError when the folder cannot be made or is not a folder.
    """
    folder = Path(path)
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        _make_private_dirs(folder)
        return False
    except NotADirectoryError:
        # Name the file that stands where a folder should be, not the path below it.
        blocker = next((p for p in folder.parents if os.path.isfile(p)), folder)
        raise StoreError(blocker, _("is not a folder"), errno.ENOTDIR) from None
    except OSError as error:
        raise store_error(folder, error) from error
    if not stat.S_ISDIR(info.st_mode):
        raise StoreError(folder, _("is not a folder"), errno.ENOTDIR)
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            os.chmod(folder, PRIVATE_DIR_MODE)
        except OSError as error:
            raise store_error(folder, error) from error
        return True
    return False


def _make_private_dirs(folder: Path) -> None:
    missing: list[Path] = []
    probe = folder
    while not os.path.lexists(probe):
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe not in missing and not probe.is_dir():
        raise StoreError(probe, _("is not a folder"), errno.ENOTDIR)
    for each in reversed(missing):
        try:
            os.mkdir(each, PRIVATE_DIR_MODE)
        except FileExistsError:
            # Another bridges (or the couple) made it a moment ago; check it below.
            if not each.is_dir():
                raise StoreError(each, _("is not a folder"), errno.ENOTDIR) from None
            continue
        except OSError as error:
            raise store_error(each, error) from error
        try:
            # The umask may have taken away owner bits; the mode must be exactly 0700.
            os.chmod(each, PRIVATE_DIR_MODE)
        except OSError as error:
            raise store_error(each, error) from error


def write_private(path: Path | str, text: str | bytes) -> os.stat_result:
    """Replace the file at `path` with `text` (UTF-8, or bytes as they are: a locked
    session), atomically and privately.

    The text goes to a temporary file in the same folder, created 0600 from the first
    moment and locked, then flushed and synced to disk, renamed over `path`, and the
    folder is synced so the rename itself survives a power cut. The temporary file is
    removed on any failure, leaving the old file as it was. A symbolic link (or a
    folder) at `path` is refused rather than written through. The folder must already
    exist (see `ensure_private_dir`).

    Returns the new file's `os.lstat` result, so a caller can later tell whether
    someone else changed the file. Raises StoreError with a plain message.
    """
    info, fd = _replace(Path(path), text)
    os.close(fd)
    return info


def write_held(path: Path | str, text: str | bytes) -> tuple[os.stat_result, Hold]:
    """`write_private`, keeping the new file locked: the Hold moves on with each save
    (release the old one), so another bridges always sees the session as kept."""
    info, fd = _replace(Path(path), text)
    return info, Hold(fd)


def _replace(target: Path, text: str | bytes) -> tuple[os.stat_result, int]:
    """Write `text` over `target`; its lstat, and the new file's descriptor, locked."""
    try:
        existing = os.lstat(target)
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise store_error(target, error) from error
    if existing is not None:
        if stat.S_ISLNK(existing.st_mode):
            raise StoreError(target, _(_PLAIN_REASONS[errno.ELOOP]), errno.ELOOP)
        if stat.S_ISDIR(existing.st_mode):
            raise StoreError(target, _("is a folder"), errno.EISDIR)
    with _TempFile(target, text) as temp:
        try:
            os.replace(temp.path, target)
        except OSError as error:
            raise store_error(target, error) from error
        temp.placed()
        fd = temp.keep()
    _sync_folder(target.parent)
    try:
        return os.lstat(target), fd
    except OSError as error:
        os.close(fd)
        raise store_error(target, error) from error


def create_private(
    folder: Path | str, names: list[str], text: str | bytes
) -> tuple[Path, os.stat_result, Hold]:
    """Save `text` as a new file in `folder` under the first of `names` that is free.

    Never overwrites anything, not even a link or an empty file: the whole text is
    written to a temporary file first, then given the name with a hard link, which
    fails if the name exists. So a crash leaves no file or the whole one, never an
    empty or half-written file. (A file system without hard links gets the name
    claimed with O_EXCL instead.) Returns the path, its lstat, and a Hold on it.
    Raises StoreError; FileExistsError when every name is taken.
    """
    where = Path(folder)
    with _TempFile(where / names[0], text) as temp:
        for name in names:
            target = where / name
            try:
                os.link(temp.path, target)
            except FileExistsError:
                continue
            except OSError as error:
                if error.errno not in _NO_LINKS:
                    raise store_error(target, error) from error
                if not _claim(target):
                    continue
                try:
                    os.replace(temp.path, target)
                except OSError as error:
                    _unlink_quietly(target)
                    raise store_error(target, error) from error
            else:
                _unlink_quietly(Path(temp.path))
            temp.placed()
            fd = temp.keep()
            _sync_folder(where)
            return target, os.fstat(fd), Hold(fd)
    raise FileExistsError(errno.EEXIST, _("every name is taken"), str(where))


def _claim(target: Path) -> bool:
    # O_EXCL | O_NOFOLLOW: fails if anything, even a dangling link, has the name.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        os.close(os.open(target, flags, PRIVATE_FILE_MODE))
    except FileExistsError:
        return False
    except OSError as error:
        raise store_error(target, error) from error
    return True


class _TempFile:
    """A private, locked temporary file beside `target`, holding `text` on disk.

    Removed on leaving the `with` block unless `placed()` says it now has its final
    name; its descriptor (and lock) is closed then too, unless `keep()` took it.
    """

    def __init__(self, target: Path, text: str | bytes) -> None:
        self.target = target
        self.data = text if isinstance(text, bytes) else text.encode("utf-8")
        self.path = ""
        self.fd = -1
        self._placed = False

    def __enter__(self) -> _TempFile:
        try:
            self._make()
            view = memoryview(self.data)
            while view:
                written = os.write(self.fd, view)
                view = view[written:]
            os.fsync(self.fd)
        except BaseException as error:
            self.__exit__(None, None, None)
            if isinstance(error, OSError):
                raise store_error(self.target, error) from error
            raise
        return self

    def _make(self) -> None:
        while True:
            # mkstemp opens with O_CREAT | O_EXCL and mode 0600: private from the start,
            # and never an existing file or link that someone planted under that name.
            self.fd, self.path = tempfile.mkstemp(
                prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent
            )
            fcntl.flock(self.fd, fcntl.LOCK_EX)
            if os.fstat(self.fd).st_nlink:
                return
            # Another bridges swept it up in the instant before it was locked.
            os.close(self.fd)
            self.fd = -1

    def placed(self) -> None:
        self._placed = True

    def keep(self) -> int:
        fd, self.fd = self.fd, -1
        return fd

    def __exit__(self, *exc: object) -> None:
        if not self._placed and self.path:
            _unlink_quietly(Path(self.path))
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def sweep_leftovers(folder: Path | str) -> list[str]:
    """Remove the temporary files that killed processes left in `folder`; returns
    their names. A temporary file another bridges is writing right now is locked,
    and left alone."""
    swept: list[str] = []
    try:
        names = [name for name in os.listdir(folder) if _TEMP_NAME.match(name)]
    except OSError:
        return swept
    for name in names:
        path = os.path.join(folder, name)
        fd = open_plain(path)
        if fd is None:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.lstat(path).st_ino == os.fstat(fd).st_ino:
                os.unlink(path)
                swept.append(name)
        except OSError:
            pass  # in use (locked), gone already, or a read-only folder: leave it
        finally:
            os.close(fd)
    return swept


def _sync_folder(folder: Path) -> None:
    # Makes the rename durable. Some systems and file systems cannot open or sync a
    # folder; the new file is already in place by then, so a failure here must not be
    # reported as a failed save.
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        dir_fd = os.open(folder, flags)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
