"""Files on disk as the tests look at them: a file's permission bits, and a call that
fails the way a disk does."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path


def mode(path: Path) -> int:
    """The permission bits of `path` itself (a link's own, not its target's)."""
    return stat.S_IMODE(os.lstat(path).st_mode)


def failing(code: int) -> Callable[..., None]:
    """A stand-in for any file call that raises OSError(`code`), as the disk would."""

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail
