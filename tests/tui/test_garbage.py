"""When the garbage collector runs: paused while `bridges` starts, and once the first
screen is up, what start-up made is frozen out of every later collection (which keeps
them short during a turn) and collections resume."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bridges_tui.testing.pilot import running
from bridges_tui.tui import garbage
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.help import HelpScreen


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    """Whatever a test does to the collector, the next test finds it on and unfrozen."""
    yield
    gc.unfreeze()
    gc.enable()


@pytest.fixture(autouse=True)
def settle_in_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start-up's deferred work waits long enough to look at the app before it."""
    monkeypatch.setattr(BridgesApp, "LOOK_BACK_DELAY", 0.3)


def tracked(thing: object) -> bool:
    """True if a collection would walk `thing` (frozen objects are left out)."""
    return any(found is thing for found in gc.get_objects())


async def test_start_up_pauses_collections_and_the_first_screen_resumes_them(talk_app) -> None:
    """`bridges` pauses the collector while it starts (`cli.main`); the app must
    resume it, or memory would only ever grow during a long session."""
    garbage.pause_for_start_up()
    app = talk_app()
    async with running(app, size=(80, 24)) as pilot:
        assert not gc.isenabled(), "collections resumed before the first screen was up"
        await pilot.pause(0.5)  # past LOOK_BACK_DELAY
        assert gc.isenabled()


async def test_the_first_screen_is_frozen_out_of_later_collections(talk_app) -> None:
    app = talk_app()
    async with running(app, size=(80, 24)) as pilot:
        first = app.screen
        assert tracked(first)
        await pilot.pause(0.5)  # past LOOK_BACK_DELAY
        assert not tracked(first), "the first screen is still walked by every collection"
        assert not tracked(app.stylesheet), "the parsed stylesheets are still walked"
        help_screen = HelpScreen(app.catalog)  # made later: collected as usual
        assert tracked(help_screen)
