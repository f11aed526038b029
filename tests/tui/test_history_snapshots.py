"""Snapshots of looking back at 80×24 and 120×40: the history, a past session's
summary, a replay in the middle of a turn, and the trends.

A fixed sample history, a fake clock and a per-test home folder (shown as "~/bridges")
make each picture the same on every run. Update them after a deliberate change with
`scripts/test tests/tui/test_history_snapshots.py --snapshot-update`, and look at each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bridges_tui.testing.history import FIRST, write_history
from bridges_tui.testing.pilot import first_screen
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.replay import ReplayScreen
from bridges_tui.tui.widgets.session_table import SessionTable

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(autouse=True)
def fixed_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    home = tmp_path / "bridges"
    monkeypatch.setenv("BRIDGES_HOME", str(home))
    write_history(home)
    return home


def history_app(fake_time) -> BridgesApp:
    return BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)


def steps(fake_time, *moves):
    """A run_before: ("first",) moves to the first session's row; numbers move fake time."""

    async def run(pilot) -> None:
        await first_screen(pilot)  # it opens just after start-up
        for move in moves:
            if move == "first session":
                pilot.app.screen.query_one(SessionTable).move_to_key(FIRST)
            elif isinstance(move, (int, float)):
                fake_time.advance(move)
                if isinstance(pilot.app.screen, ReplayScreen):
                    pilot.app.screen.refresh_view()
            else:
                await pilot.press(*move)
            await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare, fake_time, size) -> None:
    assert snap_compare(history_app(fake_time), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_past_summary(snap_compare, fake_time, size) -> None:
    run = steps(fake_time, "first session", ("enter",))
    assert snap_compare(history_app(fake_time), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_replay_mid_session(snap_compare, fake_time, size) -> None:
    run = steps(fake_time, "first session", ("r",), ("right", "right"), ("space",), 75)
    assert snap_compare(history_app(fake_time), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_trends(snap_compare, fake_time, size) -> None:
    assert snap_compare(history_app(fake_time), terminal_size=size, run_before=steps(fake_time, ("t",)))
