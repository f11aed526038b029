"""Fixtures shared by every test: no test ever touches the real home folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def bridges_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point BRIDGES_HOME at a fresh temporary folder for every test."""
    home = tmp_path / "bridges-home"
    monkeypatch.setenv("BRIDGES_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home
