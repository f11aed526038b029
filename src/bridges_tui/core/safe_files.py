"""Private, atomic file writes: the one way bridges puts a file on disk.

A couple's transcripts are intimate, so every file is created readable by its owner
only (0600) inside folders only the owner can enter (0700), and every write is
all-or-nothing: the new text goes to a temporary file beside the target, reaches the
disk, and only then replaces the old file. A crash mid-write leaves the old file, never
half of the new one, and never a stray temporary file that anyone else could read.

Failures become `StoreError`, whose message is a plain sentence a person can act on
("can't save to /x/y: the disk is full").
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700

# errno -> what to tell a person. Anything else falls back to the system's wording.
_PLAIN_REASONS: dict[int, str] = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOTDIR: "is not a folder",
    errno.EISDIR: "is a folder",
    errno.ENOENT: "the folder does not exist",
    errno.ELOOP: "is a symbolic link; bridges won't write through it",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "the disk reported an input/output error",
    errno.EEXIST: "a file with that name already exists",
}


class StoreError(OSError):
    """A file or folder bridges could not read or write, in plain words.

    `str(error)` is the whole sentence, e.g. "can't save to /x/y: the disk is full";
    `path` and `reason` hold its parts and `errno` the system's error number (0 when
    bridges itself refused).
    """

    def __init__(
        self, path: Path | str, reason: str, code: int = 0, action: str = "save to"
    ) -> None:
        super().__init__(code, reason)
        self.path = Path(path)
        self.reason = reason
        self.action = action

    def __str__(self) -> str:
        return f"can't {self.action} {self.path}: {self.reason}"


def plain_reason(error: OSError) -> str:
    """What went wrong with a system call, said the way a person would say it."""
    if isinstance(error, StoreError):
        return error.reason
    if error.errno in _PLAIN_REASONS:
        return _PLAIN_REASONS[error.errno]
    return (error.strerror or str(error) or type(error).__name__).lower()


def store_error(path: Path | str, error: OSError, action: str = "save to") -> StoreError:
    """Turn an OSError about `path` into a StoreError with a plain message."""
    if isinstance(error, StoreError):
        return error
    if error.errno == errno.ENOENT and action != "save to":
        # Only a write fails for want of a folder; a read or delete wants the file.
        return StoreError(path, "there is no such file", error.errno, action)
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
        raise StoreError(blocker, "is not a folder", errno.ENOTDIR) from None
    except OSError as error:
        raise store_error(folder, error) from error
    if not stat.S_ISDIR(info.st_mode):
        raise StoreError(folder, "is not a folder", errno.ENOTDIR)
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
        raise StoreError(probe, "is not a folder", errno.ENOTDIR)
    for each in reversed(missing):
        try:
            os.mkdir(each, PRIVATE_DIR_MODE)
        except FileExistsError:
            # Another bridges (or the couple) made it a moment ago; check it below.
            if not each.is_dir():
                raise StoreError(each, "is not a folder", errno.ENOTDIR) from None
            continue
        except OSError as error:
            raise store_error(each, error) from error
        try:
            # The umask may have taken away owner bits; the mode must be exactly 0700.
            os.chmod(each, PRIVATE_DIR_MODE)
        except OSError as error:
            raise store_error(each, error) from error


def write_private(path: Path | str, text: str) -> os.stat_result:
    """Replace the file at `path` with `text` (UTF-8), atomically and privately.

    The text goes to a temporary file in the same folder, created 0600 from the first
    moment, then flushed and synced to disk, renamed over `path`, and the folder is
    synced so the rename itself survives a power cut. The temporary file is removed on
    any failure, leaving the old file as it was. A symbolic link (or a folder) at `path`
    is refused rather than written through. The folder must already exist (see
    `ensure_private_dir`).

    Returns the new file's `os.lstat` result, so a caller can later tell whether
    someone else changed the file. Raises StoreError with a plain message.
    """
    target = Path(path)
    try:
        existing = os.lstat(target)
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise store_error(target, error) from error
    if existing is not None:
        if stat.S_ISLNK(existing.st_mode):
            raise StoreError(target, _PLAIN_REASONS[errno.ELOOP], errno.ELOOP)
        if stat.S_ISDIR(existing.st_mode):
            raise StoreError(target, "is a folder", errno.EISDIR)

    data = text.encode("utf-8")
    folder = target.parent
    temp_path: str | None = None
    fd = -1
    try:
        # mkstemp opens with O_CREAT | O_EXCL and mode 0600: private from the start,
        # and never an existing file or link that someone planted under that name.
        fd, temp_path = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=folder
        )
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(temp_path, target)
        temp_path = None
    except BaseException as error:
        if fd >= 0:
            os.close(fd)
        if temp_path is not None:
            try:
                os.unlink(temp_path)
            except OSError:
                pass
        if isinstance(error, OSError):
            raise store_error(target, error) from error
        raise
    _sync_folder(folder)
    try:
        return os.lstat(target)
    except OSError as error:
        raise store_error(target, error) from error


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
