"""Driving the real app in-process (Textual's Pilot) on a fake clock: the checks that
inject faults into the process itself, or need hours to pass in a moment."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from textual.widgets import Input

from bridges_tui.tui.app import BridgesApp, TalkRequest

from . import walk

START = datetime(2026, 11, 25, 20, 31, 7, tzinfo=timezone(timedelta(hours=1)))
SIZE = (100, 32)


class FakeTime:
    """A monotonic clock and a matching wall clock, both moved only by `advance`."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def now(self) -> float:
        return self.seconds

    def wall(self) -> datetime:
        return START + timedelta(seconds=int(self.seconds - 1000.0))

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


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


def talk_app(fake: FakeTime, names: tuple[str, str] = ("Sam", "Alex"),
             practice: Any = None) -> BridgesApp:
    """The app as `bridges talk` opens it, on fake time."""
    request = TalkRequest(practice or walk.practice(), names, None)
    return BridgesApp(talk=request, now=fake.now, wall=fake.wall)


def screen_name(app: BridgesApp) -> str:
    return type(app.screen).__name__


async def take_turn(pilot: Any, app: BridgesApp, fake: FakeTime, seconds: float,
                    note: str | None = None) -> bool:
    """Start the step, hold the floor `seconds`, hand over, and keep `note` if the step
    asks for one. True when a note prompt was answered."""
    await pilot.press("space")
    fake.advance(seconds)
    await pilot.press("space")
    await pilot.pause()
    if screen_name(app) != "NotePrompt":
        return False
    app.screen.query_one(Input).value = note or ""
    await pilot.press("enter")
    await pilot.pause()
    return True


def notifications(app: BridgesApp) -> list[str]:
    """What the app has told the couple in toasts so far."""
    return [str(note.message) for note in app._notifications]


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
