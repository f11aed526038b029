"""Holds: a lock (`flock`) kept on a saved session file while a bridges keeps that
session open, so that another bridges running at the same time leaves it alone. The
kernel drops a hold when its process ends, however it ends (even SIGKILL), so a hold
never outlives a crash. `safe_files` moves a hold on to each new version it writes.
"""

from __future__ import annotations

import fcntl
import os
import stat
import weakref
from pathlib import Path


class Hold:
    """A lock on a saved file, kept while its session is open in this bridges.

    Another bridges sees it with `is_held` and leaves the file alone. The kernel drops
    the lock when the process ends, however it ends (even SIGKILL).
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._finalizer = weakref.finalize(self, _close_quietly, fd)

    def release(self) -> None:
        """Give the file up (closing the lock); harmless to call twice."""
        self._finalizer()


def _close_quietly(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def is_held(path: Path | str) -> bool:
    """True when a running bridges holds the file at `path` (see `Hold`)."""
    fd = open_plain(path)
    if fd is None:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
    return False


def hold(path: Path | str) -> Hold | None:
    """Lock the file at `path` for this process; None when another bridges holds it
    (or there is no plain file there). The lock is on the file as it is now; saving
    with `write_held` moves it to the new file."""
    while True:
        fd = open_plain(path)
        if fd is None:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            now = os.lstat(path)
        except OSError:
            os.close(fd)
            return None
        if now.st_ino == os.fstat(fd).st_ino:
            return Hold(fd)
        os.close(fd)  # replaced meanwhile: lock the file that is there now


def open_plain(path: Path | str) -> int | None:
    """A read-only descriptor on the plain file at `path` (never through a link, never
    a folder or a pipe), or None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return fd
