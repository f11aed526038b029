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
    # The tests read bridges' English words: a developer's own language must not
    # change them (a test that wants another language sets it itself).
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return home
