"""Off the record in the real app: a whole session held in memory only (nothing of it
on disk, nor in the temporary folder), the header's mark all along, the setup line
that says what it costs, and "keep it after all", which needs both partners; and the
end of every session, kept unless both let it go."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Static

from bridges_tui.core.files.store import SessionStore
from bridges_tui.testing.cli import bridges
from bridges_tui.testing.disk_search import found_on_disk
from bridges_tui.testing.pilot import running
from bridges_tui.testing.talk import notifications, run_to_the_summary
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.both_agree import BothAgreeScreen
from bridges_tui.tui.screens.confirm import ConfirmScreen
from bridges_tui.tui.screens.conversation import OFF_THE_RECORD, ConversationScreen
from bridges_tui.tui.screens.setup import SetupScreen
from bridges_tui.tui.screens.summary import SummaryScreen

NOTE = "periwinkle kayak beneath the attic stairs"
WORDS = (NOTE, "periwinkle", "kayak", "attic")


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Whatever bridges might put in the temporary folder goes to one a test searches."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def saved_text(app: BridgesApp) -> str:
    return str(app.screen.query_one("#summary-saved", Static).render())


def session_files(home: Path) -> list[Path]:
    folder = home / "sessions"
    return sorted(folder.iterdir()) if folder.exists() else []


async def test_a_whole_session_off_the_record_leaves_nothing_on_disk(
    talk_app, fake_time, bridges_home: Path, temp: Path
) -> None:
    app = talk_app(off_the_record=True)
    async with running(app, size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert screen.query_one("#step-box").border_subtitle == OFF_THE_RECORD
        await run_to_the_summary(pilot, fake_time, note=NOTE + " ({label})")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        notes = [turn.note for turn in summary.transcript.turns if turn.note]
        assert notes and all(NOTE in note for note in notes)  # held, in memory
        assert "Off the record: nothing is saved" in saved_text(app)
        assert "forgets the session" in saved_text(app)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "leaving forgets it" in app.screen.detail
        await pilot.press("y")
    assert session_files(bridges_home) == []
    assert found_on_disk((*WORDS, "Sam", "Alex"), bridges_home, temp) == []
    assert not (bridges_home / "config.toml").exists()  # the names not remembered either
    assert not (bridges_home / "history-index.json").exists()


async def test_setup_says_what_off_the_record_costs_and_leaving_the_summary_forgets_it(
    fake_time, bridges_home: Path, temp: Path
) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        line = setup.query_one("#record-line", Static)
        assert "Saved as you go" in str(line.render())
        await pilot.press("ctrl+o")
        assert str(line.render()) == (
            "Off the record: nothing is saved; a crash or a closed terminal loses it."
        )
        setup.query_one("#name-a").value = "Sam"  # type: ignore[attr-defined]
        setup.query_one("#name-b").value = "Alex"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.query_one("#step-box").border_subtitle == OFF_THE_RECORD
        await run_to_the_summary(pilot, fake_time, note=NOTE)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+n")  # a new session: this one is forgotten
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.live.conversation is None
        # Ctrl+O again: back to saving as you go, for the next one.
        assert not app.screen.off_the_record
    assert session_files(bridges_home) == []
    assert found_on_disk((*WORDS, "Alex"), bridges_home, temp) == []


async def test_keep_it_after_all_needs_both_and_writes_a_session_bridges_show_reads(
    talk_app, fake_time, bridges_home: Path
) -> None:
    app = talk_app(off_the_record=True)
    async with running(app, size=(80, 24)) as pilot:
        await run_to_the_summary(pilot, fake_time, note=NOTE)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, BothAgreeScreen)
        assert dialog.keys == ("s", "a")
        await pilot.press("s", "s", "y")  # Sam alone, however often: not kept
        await pilot.pause()
        assert isinstance(app.screen, BothAgreeScreen) and session_files(bridges_home) == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and session_files(bridges_home) == []
        await pilot.press("ctrl+s", "a", "s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Saved to" in saved_text(app)
        assert app.screen.query_one("#let-go").display and not app.screen.query_one("#keep").display
        # From now on it is kept as any session is: what is typed on the summary too.
        app.screen.query_one("#agreement").value = "Walk after dinner on Sundays."  # type: ignore[attr-defined]
        await pilot.press("ctrl+n")
        await pilot.pause()
    [path] = session_files(bridges_home)
    transcript = SessionStore(path.parent).load(path)
    assert transcript.status == "complete" and transcript.closing.agreement == "Walk after dinner on Sundays."
    assert all(NOTE in (turn.note or NOTE) for turn in transcript.turns)
    shown = bridges("show", path.name.removesuffix(".toml"))
    assert shown.returncode == 0, shown.stderr
    assert "Share the why" in shown.stdout and "Walk after dinner on Sundays." in shown.stdout


async def test_a_session_is_kept_unless_both_let_it_go(
    talk_app, fake_time, bridges_home: Path, temp: Path
) -> None:
    app = talk_app()
    async with running(app, size=(80, 24)) as pilot:
        assert app.screen.query_one("#step-box").border_subtitle in (None, "")
        await run_to_the_summary(pilot, fake_time, note=NOTE)
        assert isinstance(app.screen, SummaryScreen)
        assert "Kept, unless you both let it go" in saved_text(app)
        [path] = session_files(bridges_home)
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, BothAgreeScreen)
        await pilot.press("a", "a")  # Alex alone: not let go
        await pilot.pause()
        assert path.exists() and isinstance(app.screen, BothAgreeScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert any("Let go" in said for said in notifications(app))
        assert app.live.conversation is None
    assert session_files(bridges_home) == []
    assert found_on_disk(WORDS, bridges_home, temp) == []
    assert not (bridges_home / "letting-go").exists()


async def test_the_history_shows_nothing_of_a_session_off_the_record(
    talk_app, fake_time, bridges_home: Path
) -> None:
    app = talk_app(off_the_record=True)
    async with running(app, size=(100, 30)) as pilot:
        await run_to_the_summary(pilot, fake_time, note=NOTE)
        await pilot.press("f2")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "HistoryScreen"
        assert "No sessions yet" in "\n".join(str(s.render()) for s in app.screen.query(Static))
    index = bridges_home / "history-index.json"
    if index.exists():
        assert json.loads(index.read_text(encoding="utf-8"))["sessions"] == {}
    assert session_files(bridges_home) == []


async def test_a_session_the_disk_refused_is_let_go_of_by_both_and_never_saved_later(
    talk_app, fake_time, bridges_home: Path
) -> None:
    bridges_home.mkdir()
    (bridges_home / "sessions").write_text("a file where the folder should be", encoding="utf-8")
    app = talk_app()
    async with running(app, size=(80, 24)) as pilot:
        await run_to_the_summary(pilot, fake_time, note=NOTE)
        assert app.live.keeper is not None and app.live.keeper.unsaved and app.live.path is None
        await pilot.press("ctrl+l", "s")
        await pilot.pause()
        assert isinstance(app.screen, BothAgreeScreen), "one partner alone can't"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.live.keeper is None  # nothing left to retry
        (bridges_home / "sessions").unlink()
        app.live.retry()
    assert session_files(bridges_home) == []
