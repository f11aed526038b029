"""Fixtures for driving the real app with Pilot and a clock that moves only when told."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bridges_tui.core.practice_scripts.catalog import builtin_practice
from bridges_tui.testing.clock import FakeClock
from bridges_tui.testing.talk import talk_app as open_talk
from bridges_tui.tui.app import BridgesApp


@pytest.fixture(autouse=True)
def look_back_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read past sessions at once rather than after the real-time start-up pause."""
    monkeypatch.setattr(BridgesApp, "LOOK_BACK_DELAY", 0.001)  # Textual refuses 0


@pytest.fixture
def fake_time() -> FakeClock:
    return FakeClock()


@pytest.fixture
def talk_app(fake_time: FakeClock):
    """Make an app that opens straight into a conversation, on fake time."""

    def make(practice_id: str = "share-the-why", names=("Sam", "Alex"), turn_seconds=None, *,
             off_the_record: bool = False) -> BridgesApp:
        return open_talk(fake_time, builtin_practice(practice_id), names, turn_seconds,
                         off_the_record=off_the_record)

    return make


@pytest.fixture
def saved_session(bridges_home: Path):
    """Read the one session file on disk, as a couple's editor would see it."""

    def read() -> dict:
        files = sorted((bridges_home / "sessions").glob("*.toml"))
        assert len(files) == 1, files
        return tomllib.loads(files[0].read_text(encoding="utf-8"))

    return read
