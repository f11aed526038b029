"""When the garbage collector runs: off while `bridges` starts, back on once the first
screen is up, and never between a conversation key and the frame that shows it."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import pytest

from bridges_tui.tui import garbage
from bridges_tui.tui.screens.help import HelpScreen


@pytest.fixture(autouse=True)
def collector_on_afterwards() -> Iterator[None]:
    """Whatever a test does to the collector, the next test finds it on."""
    yield
    gc.enable()


@asynccontextmanager
async def conversation_holding_for(
    talk_app, monkeypatch: pytest.MonkeyPatch, seconds: float
) -> AsyncIterator[tuple]:
    """A conversation whose keys hold collections for `seconds`, with collections on."""
    monkeypatch.setattr(garbage, "HOLD_SECONDS", seconds)
    app = talk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.05)  # past LOOK_BACK_DELAY: collections are on
        assert gc.isenabled()
        yield app, pilot


async def test_the_garbage_collector_is_back_on_once_the_first_screen_is_up(talk_app) -> None:
    """`bridges` pauses the collector while it starts (see `cli.main`); the app must
    turn it on again, or memory would only ever grow during a long session."""
    gc.disable()
    app = talk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.05)  # past LOOK_BACK_DELAY
        assert gc.isenabled()


async def test_no_collection_between_a_key_and_its_frame_and_on_again_after(
    talk_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Held longer than in use, so that Pilot's own waiting cannot outlast the hold.
    async with conversation_holding_for(talk_app, monkeypatch, 0.4) as (_, pilot):
        for key in ("space", "p", "p", "space"):  # start, pause, resume, hand over
            await pilot.press(key)
            assert not gc.isenabled(), f"collections were on right after {key}"
            await pilot.pause(0.5)
            assert gc.isenabled(), f"collections stayed off after {key}"


async def test_collections_come_back_on_even_if_the_screen_that_held_them_closes(
    talk_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with conversation_holding_for(talk_app, monkeypatch, 0.2) as (app, pilot):
        held_by = app.screen
        garbage.hold_collections_until_drawn(held_by)
        assert not gc.isenabled()
        await app.switch_screen(HelpScreen(app.catalog))  # the conversation is gone
        assert not held_by.is_attached
        await pilot.pause(0.4)
        assert gc.isenabled()
