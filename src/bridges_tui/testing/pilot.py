"""Driving the real app with Textual's Pilot, from the moment its first screen is open.

bridges opens its first screen just after Textual's start-up (see `BridgesApp.on_mount`:
opened inside the start-up batch it would be drawn twice), so when `App.run_test`
hands over, the screen on top may still be Textual's empty default one, and a test's
first query or key would reach that. `running` waits for the first screen first.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from textual.app import App
from textual.pilot import Pilot

#: Textual's id for the empty screen every app starts on.
DEFAULT_SCREEN_ID = "_default"


#: A first screen that takes longer than this is a failure of its own, not a wait.
TIMEOUT_SECONDS = 30.0


async def first_screen(pilot: Pilot[Any]) -> None:
    """Wait until the app shows a screen of its own, and that screen has settled."""
    waited = 0.0
    while pilot.app.screen.id == DEFAULT_SCREEN_ID:
        if waited > TIMEOUT_SECONDS:
            raise TimeoutError(f"{type(pilot.app).__name__} opened no screen of its own")
        await pilot.pause(0.01)
        waited += 0.01
    await pilot.pause()


@asynccontextmanager
async def running(app: App[Any], *, size: tuple[int, int] = (80, 24), **options: Any) -> AsyncIterator[Pilot[Any]]:
    """`app.run_test(size=size, **options)`, handing over once its first screen is open."""
    async with app.run_test(size=size, **options) as pilot:
        await first_screen(pilot)
        yield pilot


def screen_text(app: App[Any]) -> str:
    """Every character on the terminal as the app last composed it, modal dialogs' and
    the screens behind them included: what a person looking at it could read (as
    `App.export_screenshot` renders it, as text)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()
