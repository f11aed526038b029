"""`bridges talk`: every wrong argument ends with a plain message and exit status 1,
before any screen is drawn."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from bridges_tui.cli import main
from bridges_tui.testing.cli import bridges
from bridges_tui.tui import app
from bridges_tui.tui.app import TalkRequest


def test_unknown_practice_lists_the_known_ones() -> None:
    result = bridges("talk", "share-teh-why", "--names", "Sam", "Alex")
    assert result.returncode == 1
    assert "no practice called 'share-teh-why'" in result.stderr
    assert "share-the-why" in result.stderr and "assume-the-best" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_names_known_says_how_to_give_them() -> None:
    result = bridges("talk", "share-the-why")
    assert result.returncode == 1
    assert "--names Sam Alex" in result.stderr


def test_bad_duration_says_what_is_accepted() -> None:
    for bad in ("0", "-2m", "soon", "5h"):
        result = bridges("talk", "share-the-why", "--names", "Sam", "Alex", f"--turn={bad}")
        assert result.returncode == 1, bad
        assert f"--turn {bad!r}" in result.stderr
        assert '"1m30s"' in result.stderr


def test_blank_or_identical_names_are_refused() -> None:
    blank = bridges("talk", "share-the-why", "--names", "  ", "Alex")
    assert blank.returncode == 1 and "--names" in blank.stderr
    same = bridges("talk", "share-the-why", "--names", "Sam", "sam")
    assert same.returncode == 1 and "must differ" in same.stderr


def test_remembered_names_are_used(bridges_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bridges_home.mkdir(parents=True)
    (bridges_home / "config.toml").write_text('[partners]\nnames = ["Zoë", "Kim"]\n')
    opened: list[TalkRequest | None] = []
    monkeypatch.setattr(app, "run_app", lambda talk=None, start="setup": opened.append(talk) or 0)
    # No --names: the conversation opens with the names from the last session, in order.
    assert main(["talk", "share-the-why"]) == 0
    assert [request.names for request in opened if request is not None] == [("Zoë", "Kim")]


def test_a_command_leaves_the_garbage_collector_on(bridges_home: Path, capsys) -> None:
    """Only opening the app pauses the collector, and never past `main`."""
    assert main(["list"]) == 0
    assert gc.isenabled()
    assert main(["talk", "no-such-practice", "--names", "Sam", "Alex"]) == 1
    assert gc.isenabled()
