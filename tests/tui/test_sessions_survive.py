"""A session survives what real life does to it: a closed terminal, a full disk."""

from __future__ import annotations

import errno
import os
import tomllib
from pathlib import Path

import pytest

from bridges_tui.testing.pilot import running
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.resume import ResumeScreen
from bridges_tui.tui.screens.setup import SetupScreen


def session_files(home: Path) -> list[Path]:
    return sorted((home / "sessions").glob("*.toml"))


async def crash_mid_session(talk_app, fake_time) -> None:
    """Take two turns, start a third, and vanish without a goodbye."""
    app = talk_app("share-the-why")
    async with running(app, size=(100, 32)) as pilot:
        for seconds in (40, 55):
            await pilot.press("space")
            fake_time.advance(seconds)
            await pilot.press("space")
        await pilot.press("space")
        fake_time.advance(30)
        await pilot.pause()
    # Leaving run_test without quitting is as close to a crash as Pilot gets: no
    # finish, no summary. What is on disk is what autosave wrote. A dead process's
    # hold on its session file goes with it (the kernel drops the lock); this app
    # lives on inside the test's process, so let go of it by hand.
    app.store.release(app.live.keeper.path)


async def test_resume_after_a_crash(talk_app, fake_time, bridges_home) -> None:
    await crash_mid_session(talk_app, fake_time)
    [path] = session_files(bridges_home)
    before = tomllib.loads(path.read_text(encoding="utf-8"))
    assert before["status"] == "in-progress"
    assert [t["spoken_s"] for t in before["turns"]] == [40, 55]

    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(100, 32)) as pilot:
        await pilot.pause(0.05)  # the look back for past sessions starts
        await app.workers.wait_for_complete()  # the look for an unfinished session
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "Share the why" in str(app.screen.query_one(".dialog-detail").render())
        await pilot.press("r")
        assert isinstance(app.screen, ConversationScreen)
        conversation = app.screen.conversation
        # The turn that was under way starts again, waiting for its speaker.
        assert conversation.step_number == 3 and conversation.state == "ready"
        await pilot.press("space")
        fake_time.advance(70)
        await pilot.press("space")
    after = tomllib.loads(path.read_text(encoding="utf-8"))
    assert len(session_files(bridges_home)) == 1, "resuming continues the same file"
    assert [t["spoken_s"] for t in after["turns"]] == [40, 55, 70]
    assert after["status"] == "in-progress"


async def test_close_an_unfinished_session_as_ended_early(talk_app, fake_time, bridges_home) -> None:
    await crash_mid_session(talk_app, fake_time)
    [path] = session_files(bridges_home)
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(100, 32)) as pilot:
        await pilot.pause(0.05)  # the look back for past sessions starts
        await app.workers.wait_for_complete()  # the look for an unfinished session
        await pilot.pause()
        await pilot.press("c")
        assert isinstance(app.screen, SetupScreen)
    closed = tomllib.loads(path.read_text(encoding="utf-8"))
    assert closed["status"] == "ended-early"
    assert "ended" in closed
    assert [t["spoken_s"] for t in closed["turns"]] == [40, 55], "nothing said is lost"


async def test_later_leaves_it_in_progress(talk_app, fake_time, bridges_home) -> None:
    await crash_mid_session(talk_app, fake_time)
    [path] = session_files(bridges_home)
    text = path.read_bytes()
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(100, 32)) as pilot:
        await pilot.pause(0.05)  # the look back for past sessions starts
        await app.workers.wait_for_complete()  # the look for an unfinished session
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, SetupScreen)
    assert path.read_bytes() == text


async def test_a_full_disk_keeps_every_word_and_saves_once_it_clears(
    talk_app, fake_time, bridges_home, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace
    disk_full = False

    def replace(source, target, *args, **kwargs):
        if disk_full:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    app = talk_app("share-the-why")
    async with running(app, size=(100, 32)) as pilot:
        disk_full = True  # the session's file exists; now the disk fills up
        for seconds in (40, 55, 65):
            await pilot.press("space")
            fake_time.advance(seconds)
            await pilot.press("space")
        await pilot.pause()
        assert app.live.keeper.unsaved
        shown = [n.message for n in app._notifications]
        assert any("Can't save right now" in m and "disk is full" in m for m in shown), shown
        [path] = session_files(bridges_home)
        on_disk = tomllib.loads(path.read_text(encoding="utf-8"))
        assert "turns" not in on_disk, "the first save claimed the file before the disk filled"
        assert not list((bridges_home / "sessions").glob(".*")), "no temporary file is left"

        disk_full = False
        app.live.retry()  # what the retry timer does every few seconds
        assert not app.live.keeper.unsaved
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert [t["spoken_s"] for t in saved["turns"]] == [40, 55, 65]


async def test_a_note_half_typed_is_on_disk_and_skipping_it_takes_it_back(
    talk_app, fake_time, bridges_home
) -> None:
    from bridges_tui.tui.screens.note_prompt import DRAFT_SECONDS, NotePrompt

    app = talk_app("share-the-why")
    async with running(app, size=(100, 32)) as pilot:
        for _ in range(20):  # on to the first step that asks for a note
            if isinstance(app.screen, NotePrompt):
                break
            if app.screen.conversation.state == "confirming":
                await pilot.press("y")
                continue
            await pilot.press("space")
            fake_time.advance(40)
            await pilot.press("space")
        assert isinstance(app.screen, NotePrompt)
        await pilot.press(*"Sundays matter")
        await pilot.pause(DRAFT_SECONDS + 0.2)
        [path] = session_files(bridges_home)
        notes = [turn.get("note") for turn in tomllib.loads(path.read_text(encoding="utf-8"))["turns"]]
        assert notes[-1] == "Sundays matter", "a crash now would lose nothing"
        await pilot.press("escape", "escape")  # the first Escape only asks
        assert isinstance(app.screen, ConversationScreen)
        notes = [turn.get("note") for turn in tomllib.loads(path.read_text(encoding="utf-8"))["turns"]]
        assert notes[-1] is None, "skipped: the draft is gone from the file too"
