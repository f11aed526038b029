"""What the in-process checks share (the app driven by Textual's Pilot on a fake clock,
from `bridges_tui.testing.talk`): their terminal size, a scratch BRIDGES_HOME, patching
for the duration, and calls that fail for paths in one folder."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SIZE = (100, 32)


@contextmanager
def bridges_home(prefix: str = "torture-") -> Iterator[Path]:
    """A fresh BRIDGES_HOME for the duration (the one before it comes back after)."""
    before = os.environ.get("BRIDGES_HOME")
    with tempfile.TemporaryDirectory(prefix=prefix) as scratch:
        home = Path(scratch) / "home"
        os.environ["BRIDGES_HOME"] = str(home)
        try:
            yield home
        finally:
            if before is None:
                os.environ.pop("BRIDGES_HOME", None)
            else:
                os.environ["BRIDGES_HOME"] = before


@contextmanager
def patched(owner: Any, name: str, value: Any) -> Iterator[None]:
    """`owner.name = value` for the duration."""
    old = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, old)


def files_in(folder: Path) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []


def failing_for(folder: Path, code: int, real: Callable[..., Any],
                pick: Callable[..., str | None]) -> Callable[..., Any]:
    """`real`, raising OSError(code) whenever `pick(*args)` names a path in `folder`."""
    inside = str(folder)

    def call(*args: Any, **kwargs: Any) -> Any:
        where = pick(*args, **kwargs)
        if where is not None and where.startswith(inside):
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    return call


def fd_path(fd: int, *args: Any, **kwargs: Any) -> str | None:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None
