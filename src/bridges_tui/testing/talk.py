"""The real app opened straight into a conversation on a fake clock, and the moves a
test or a trial makes in it with Textual's Pilot: take a turn, read the toasts."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from bridges_tui.core.model.session import Practice
from bridges_tui.testing.clock import FakeClock
from bridges_tui.tui.app import BridgesApp, TalkRequest


def talk_app(clock: FakeClock, practice: Practice, names: tuple[str, str] = ("Sam", "Alex"),
             turn_seconds: int | None = None) -> BridgesApp:
    """The app as `bridges talk` opens it, on `clock`'s time."""
    request = TalkRequest(practice, names, turn_seconds)
    return BridgesApp(talk=request, now=clock.now, wall=clock.wall)


def screen_name(app: BridgesApp) -> str:
    return type(app.screen).__name__


async def take_turn(pilot: Any, app: BridgesApp, clock: FakeClock, seconds: float,
                    note: str | None = None) -> bool:
    """Start the step, hold the floor `seconds`, hand over, and keep `note` if the step
    asks for one. True when a note prompt was answered."""
    await pilot.press("space")
    clock.advance(seconds)
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
