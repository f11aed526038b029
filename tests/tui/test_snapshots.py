"""Snapshots of every conversation-side screen at 80×24 and 120×40.

Time is fake and the data folder has a fixed path, so each picture is the same on
every run. Update them after a deliberate change with
`scripts/test tests/tui/test_snapshots.py --snapshot-update`, and look at each one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bridges_tui.testing.talk import moving
from bridges_tui.tui.app import BridgesApp

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(autouse=True)
def fixed_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder that is shown the same way on every run ("~/bridges/…"), and
    private to this test even when several test runs share the machine."""
    monkeypatch.setenv("HOME", str(tmp_path))
    home = tmp_path / "bridges"
    monkeypatch.setenv("BRIDGES_HOME", str(home))
    return home


@pytest.mark.parametrize("size", SIZES)
def test_setup(snap_compare, size) -> None:
    assert snap_compare(BridgesApp(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_setup_finding_a_practice(snap_compare, fake_time, size) -> None:
    """What "fight", typed into the list, leaves: the practices that speak of fights."""
    run = moving(fake_time, ("tab", "tab"), tuple("fight"))
    assert snap_compare(BridgesApp(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_together_step_waiting(snap_compare, talk_app, size) -> None:
    assert snap_compare(talk_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_a_speaking(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 35)
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_b_speaking(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 50, ("space",),
                 ("space",), 100, ("space",), ("space",), 20)
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_overtime(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 72, "wait for the flash to fade")
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_paused(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 20, ("p",), 15)
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_listening_loop_question(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 50, ("space",),
                 ("space",), 100, ("space",), ("space",), 60, ("space",))
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_listening_loop_clarifying(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 50, ("space",),
                 ("space",), 100, ("space",), ("space",), 60, ("space",), ("n",), 14)
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_note_prompt(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 50, ("space",),
                 ("space",), 100, ("space",), ("space",), 60, ("space",), ("y",),
                 ("type", "Change helps Sam feel less stuck"))
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_note_prompt_with_a_phrasing_hint(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 50, ("space",),
                 ("space",), 100, ("space",), ("space",), 60, ("space",), ("y",),
                 ("type", "You always move things without asking"))
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_breather(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 20, ("b",), 125)
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_hidden(snap_compare, talk_app, fake_time, size) -> None:
    """The hide key mid-turn: the neutral view, nothing of the conversation beneath."""
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 35, ("f12",))
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 50, ("space",),
                 ("space",), 100, ("space",), ("space",), 60, ("space",), ("y",),
                 ("type", "Change helps Sam feel less stuck"), ("enter",),
                 ("e",), ("y",))
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_summary_with_both_lines_filled(snap_compare, talk_app, fake_time, size) -> None:
    # Each box keeps its partner's name once typed into; the focus (on Alex's) shows.
    run = moving(fake_time, ("space",), 40, ("space",), ("e",), ("y",),
                 ("type", "#learned-a", "Alex needs warning before a change"), ("tab",),
                 ("type", "#learned-b", "Sam gets restless when things stay stuck"))
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_setup_off_the_record(snap_compare, size) -> None:
    # The line says plainly what off the record costs.
    assert snap_compare(BridgesApp(), terminal_size=size, run_before=moving(None, ("ctrl+o",)))


@pytest.mark.parametrize("size", SIZES)
def test_a_speaking_off_the_record(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 35)
    assert snap_compare(talk_app(off_the_record=True), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_summary_off_the_record(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("e",), ("y",))
    assert snap_compare(talk_app(off_the_record=True), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_letting_go_with_one_partner_agreed(snap_compare, talk_app, fake_time, size) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("e",), ("y",), ("ctrl+l",), ("a",))
    assert snap_compare(talk_app(), terminal_size=size, run_before=run)
