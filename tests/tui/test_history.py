"""Looking back in the real app: the history table, its filters, a past session's
summary (and correcting its agreement and notes), delete, export, replay on a fake
clock, and the follow-up question on the setup screen."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, Static

from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.looking_back.history_index import HistoryIndex
from bridges_tui.testing.disk_search import found_on_disk
from bridges_tui.testing.history import (
    AGREEMENT,
    BROKEN,
    EARLY,
    FIRST,
    NEWER,
    RUNNING,
    SECOND,
    SECOND_AGREEMENT,
    write_history,
)
from bridges_tui.testing.pilot import running
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.both_agree import BothAgreeScreen
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.export_dialog import ExportDialog
from bridges_tui.tui.screens.history import HistoryScreen
from bridges_tui.tui.screens.note_prompt import NotePrompt
from bridges_tui.tui.screens.replay import ReplayScreen
from bridges_tui.tui.screens.setup import SetupScreen
from bridges_tui.tui.screens.summary import SummaryScreen
from bridges_tui.tui.screens.trends import TrendsScreen
from bridges_tui.tui.widgets.followup_question import FollowupQuestion
from bridges_tui.tui.widgets.partner_pane import PartnerPane
from bridges_tui.tui.widgets.session_table import SessionTable

SIZE = (120, 40)


@pytest.fixture
def history(bridges_home: Path) -> dict[str, Path]:
    return write_history(bridges_home)


@pytest.fixture
def history_app(fake_time):
    def make() -> BridgesApp:
        return BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)

    return make


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def table_rows(screen: HistoryScreen) -> list[list[str]]:
    return [list(row.cells) for row in screen.query_one(SessionTable).rows]


def table_keys(screen: HistoryScreen) -> list[str]:
    return screen.query_one(SessionTable).keys


async def go_to(pilot, session_id: str) -> None:
    pilot.app.screen.query_one(SessionTable).move_to_key(session_id)
    await pilot.pause()


async def test_history_shows_good_unreadable_and_in_progress_sessions(history, history_app) -> None:
    before = {name: path.read_bytes() for name, path in history.items()}
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert "History · 6 sessions · newest first" in text_of(screen, "#history-title")
        rows = table_rows(screen)
        rows = [[cell.strip() for cell in row] for row in rows]
        assert [row[0] for row in rows] == [
            "Tue 24 Nov 19:00", "Wed 18 Nov 20:15", "Tue 10 Nov 09:00", "Wed 4 Nov 20:00",
            "Sun 1 Nov 12:00", "Tue 20 Oct 19:30",
        ]
        assert rows[0][1:] == ["Share the why", "Sam & Alex", "–", "–", "–", "in progress"]
        assert rows[1][3:] == ["3:20", "–", "–", "ended early"]
        assert rows[3][1:] == ["Assume the best", "Sam & Alex", "5:00", "100/0", "2,2→4,5", "complete"]
        assert rows[5][3:] == ["11:40", "88/12", "3,2→4,4", "complete"]
        # Unreadable files: rows that say so, and why.
        assert rows[2][1] == "⚠ can't read" and "written by a newer" in rows[2][2] and rows[2][6] == "unreadable"
        assert "not valid TOML" in rows[4][2]
        await go_to(pilot, BROKEN)
        assert f"{BROKEN}.toml: not valid TOML" in text_of(screen, "#history-detail")
        await pilot.press("enter")
        assert isinstance(app.screen, HistoryScreen), "an unreadable file does not open"
        await go_to(pilot, FIRST)
        assert f"Agreed: “{AGREEMENT}”" in text_of(screen, "#history-detail")
        await go_to(pilot, RUNNING)
        assert "in progress" in text_of(screen, "#history-detail")
    assert {name: path.read_bytes() for name, path in history.items()} == before


async def test_filter_by_practice_and_by_a_word(history, history_app) -> None:
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        screen = app.screen
        screen.query_one("#history-practice", Select).value = "assume-the-best"
        await pilot.pause()
        assert table_keys(screen) == [NEWER, SECOND, BROKEN]
        assert "3 of 6 sessions" in text_of(screen, "#history-title")
        screen.query_one("#history-practice", Select).clear()
        await pilot.press("slash")
        assert screen.query_one("#history-text", Input).has_focus
        screen.query_one("#history-text", Input).value = "Furniture"
        await pilot.press("enter")
        # Unreadable files are never filtered away.
        assert table_keys(screen) == [NEWER, BROKEN, FIRST]
        assert screen.query_one(SessionTable).has_focus
        screen.query_one("#history-text", Input).value = "holiday"
        await pilot.pause(0.4)
        assert table_keys(screen) == [NEWER, BROKEN]


async def test_open_a_summary_and_correct_its_agreement_and_a_note(history, history_app) -> None:
    path = history[FIRST]
    # A key this version does not know must survive the rewrite.
    path.write_text(path.read_text().replace('status = "complete"', 'status = "complete"\nmood = "calm"'))
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        await go_to(pilot, FIRST)
        await pilot.press("enter")
        summary = app.screen
        assert isinstance(summary, SummaryScreen) and summary.past
        # Babel's British English, with the year: "Tue, 20 Oct 2026".
        assert "Share the why · complete · Tue, 20 Oct 2026, 19:30 · 11:40" in text_of(summary, "#summary-title")
        assert "Sam 3:40 · Alex 0:30 · together 0:50 · breathers 5:00" in text_of(summary, "#summary-floor")
        assert "3,2→4,4" in text_of(summary, "#summary-checkin-past")
        assert "Alex needs things to stay put." in text_of(summary, "#summary-learned")
        assert not summary.query("#learned-a"), "what each learned is not editable here"
        summary.query_one("#agreement", Input).value = "Talk before moving furniture, and ask first."
        await pilot.pause()
        # The notes can be corrected too: Enter on the fourth step.
        steps = summary.query_one("#summary-steps", OptionList)
        steps.focus()
        steps.highlighted = 3
        await pilot.press("enter")
        assert isinstance(app.screen, NotePrompt)
        app.screen.query_one(Input).value = "Moving things helps Sam feel alive."
        await pilot.press("enter")
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)
        assert "ask first" in text_of(app.screen, "#history-detail")
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["closing"]["agreement"] == "Talk before moving furniture, and ask first."
    assert saved["turns"][3]["note"] == "Moving things helps Sam feel alive."
    assert saved["turns"][3]["note_by"] == "B"
    assert saved["mood"] == "calm"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def correct_note(pilot, app: BridgesApp, step: int) -> None:
    """From the history, open FIRST's summary and the note prompt of its `step`."""
    await go_to(pilot, FIRST)
    await pilot.press("enter")
    steps = app.screen.query_one("#summary-steps", OptionList)
    steps.focus()
    steps.highlighted = step
    await pilot.press("enter")
    assert isinstance(app.screen, NotePrompt)


async def test_a_note_corrected_later_gets_its_practices_own_reframe(history, history_app) -> None:
    from bridges_tui.core.practice_scripts.catalog import builtin_practice
    from bridges_tui.tui.widgets.phrasing_hint import PhrasingHint

    reframe = builtin_practice("share-the-why").reframe
    assert reframe
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        await correct_note(pilot, app, 3)  # FIRST is a share-the-why session
        app.screen.query_one(Input).value = "You never listen, it's your fault"
        await pilot.pause()
        hint = app.screen.query_one(PhrasingHint)
        assert hint.hint is not None and hint.hint.suggestion == reframe


async def test_a_note_corrected_later_gets_the_hints_of_its_sessions_language(history, history_app) -> None:
    from bridges_tui.tui.widgets.phrasing_hint import PhrasingHint

    # A session held in Spanish, corrected while bridges speaks English.
    path = history[FIRST]
    path.write_text(path.read_text(encoding="utf-8").replace(
        'language = "en"\n', 'language = "es"\n', 1), encoding="utf-8")
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        await correct_note(pilot, app, 3)
        app.screen.query_one(Input).value = "Nunca me escuchas"
        await pilot.pause()
        assert app.screen.query_one(PhrasingHint).hint is not None


@pytest.mark.parametrize("step", [1, 3], ids=["a step without a note", "a step with one"])
async def test_a_note_correction_half_typed_is_on_disk_and_escape_takes_it_back(
    step: int, history, history_app
) -> None:
    from bridges_tui.tui.screens.note_prompt import DRAFT_SECONDS

    path = history[FIRST]
    before = tomllib.loads(path.read_text(encoding="utf-8"))["turns"][step].get("note")
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        await correct_note(pilot, app, step)
        await pilot.press("ctrl+u", *"Sam moves things to feel at home")
        await pilot.pause(DRAFT_SECONDS + 0.2)
        turn = tomllib.loads(path.read_text(encoding="utf-8"))["turns"][step]
        assert turn["note"] == "Sam moves things to feel at home", "a crash now would lose nothing"
        await pilot.press("escape", "escape")  # the first Escape only asks
        assert isinstance(app.screen, SummaryScreen)
    after = tomllib.loads(path.read_text(encoding="utf-8"))["turns"][step].get("note")
    assert after == before, "skipped: the note is as it was, in the file too"


async def test_a_session_in_progress_cannot_be_changed_from_the_history(history, history_app) -> None:
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        await go_to(pilot, RUNNING)
        await pilot.press("enter")
        summary = app.screen
        assert isinstance(summary, SummaryScreen) and summary.read_only
        assert not summary.query("#agreement")
        assert "Nothing can be changed here" in text_of(summary, "#summary-saved")


async def test_letting_a_session_go_needs_both_partners_and_leaves_no_word_behind(
    history, history_app, bridges_home: Path
) -> None:
    # The index on disk knows every session, its words too (as after a search).
    index = HistoryIndex(SessionStore(bridges_home / "sessions"), bridges_home)
    index.read_all()
    assert index.save() is None
    assert " bored " in (bridges_home / "history-words.json").read_text(encoding="utf-8")
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        await go_to(pilot, SECOND)
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, BothAgreeScreen)
        assert dialog.keys == ("s", "a")
        # One partner alone, however often, with the old yes too: nothing happens.
        await pilot.press("s", "s", "S", "y", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen), "Enter answers the safe way: keep it"
        assert history[SECOND].exists()
        await pilot.press("d", "a", "escape")
        await pilot.pause()
        assert history[SECOND].exists() and isinstance(app.screen, HistoryScreen)
        await pilot.press("d", "a")
        assert isinstance(app.screen, BothAgreeScreen)
        await pilot.press("s")
        await pilot.pause(0.3)
        assert not history[SECOND].exists()
        assert isinstance(app.screen, HistoryScreen)
        assert SECOND not in table_keys(app.screen)
        assert "5 sessions" in text_of(app.screen, "#history-title")
        # From a past session's summary, too.
        await go_to(pilot, EARLY)
        await pilot.press("enter")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("d", "s", "a")
        await pilot.pause(0.3)
        assert not history[EARLY].exists()
        assert isinstance(app.screen, HistoryScreen)
    for name in ("history-index.json", "history-words.json"):
        kept = (bridges_home / name).read_text(encoding="utf-8")
        assert SECOND not in kept and EARLY not in kept and FIRST in kept
    # The words of its note ("That Jo left the party because he was bored with me.").
    assert found_on_disk(("bored", "party"), bridges_home) == []
    assert not (bridges_home / "letting-go").exists()


async def test_export_from_the_history(history, history_app, tmp_path: Path) -> None:
    target = tmp_path / "kept.md"
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        await go_to(pilot, FIRST)
        await pilot.press("x")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        # Never over an existing file.
        await pilot.press("x")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Share the why") and f"> {AGREEMENT}" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_replay_steps_and_plays_on_the_fake_clock(history, history_app, fake_time) -> None:
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        await go_to(pilot, FIRST)
        await pilot.press("r")
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        heading = lambda: text_of(replay, "#replay-heading")  # noqa: E731
        a, b = replay.query_one("#pane-a", PartnerPane), replay.query_one("#pane-b", PartnerPane)
        assert "turn 1 of 4 · Arrive together" in heading()
        await pilot.press("right", "right")
        assert "turn 3 of 4 · Explain why it matters" in heading()
        assert "Sam: Tell your partner why this matters" in text_of(replay, "#replay-prompt")
        assert (a.role, b.role) == ("speaking", "listening")
        assert a.shown_seconds == -40 and a.status == "spoke 2:40 of 2:00 (+0:40 over)"
        await pilot.press("right")
        assert "Moving things around helps Sam" in text_of(replay, "#replay-note")
        await pilot.press("left")
        # Play turn 3 from its start: 10 s of waiting, then the countdown runs.
        await pilot.press("space")
        assert replay.playing
        fake_time.advance(40)
        replay.refresh_view()
        assert a.role == "speaking" and a.shown_seconds == 90
        await pilot.press("s")  # 4×
        fake_time.advance(30)
        replay.refresh_view()
        assert a.shown_seconds == -30 and a.status == "time is up"
        # On to the breather taken before the last step: it stands still as it did.
        fake_time.advance(12.5)
        replay.refresh_view()
        assert "a breather" in heading() and "A breather: 0:30 of 5:00" in text_of(replay, "#replay-prompt")
        await pilot.press("space")
        assert not replay.playing
        fake_time.advance(100)
        replay.refresh_view()
        assert "A breather: 0:30 of 5:00" in text_of(replay, "#replay-prompt"), "paused"
        await pilot.press("s", "space")  # 16×
        fake_time.advance(60)
        replay.refresh_view()
        assert "the end" in heading() and not replay.playing
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_replay_shows_a_scripts_words_as_written(history, history_app) -> None:
    """Square brackets in a practice script are words, not markup, in the replay too."""
    from importlib import resources

    from bridges_tui.core.files import paths

    own = paths.user_practices_dir()
    own.mkdir(parents=True)
    script = resources.files("bridges_tui").joinpath("practices/share-the-why.toml").read_text(encoding="utf-8")
    (own / "share-the-why.toml").write_text(
        script.replace('listener = """\\\n', 'listener = """\\\n[b]as written[/b] '), encoding="utf-8")
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        await go_to(pilot, FIRST)
        await pilot.press("r", "right", "right")
        pane = app.screen.query_one("#pane-b", PartnerPane)
        assert pane.role == "listening"
        assert str(pane.query_one(".guidance", Static).render()).startswith("[b]as written[/b] ")


async def test_trends_open_from_the_history(history, history_app) -> None:
    app = history_app()
    async with running(app, size=(80, 24)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, TrendsScreen)
        assert "Trends · 3 sessions since 20 Oct 2026" in text_of(app.screen, "#trends-title")
        assert "2 sessions" in text_of(app.screen, "#trends-recent")
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_setup_asks_how_the_last_agreement_went_and_keeps_the_answer(
    history, fake_time, bridges_home: Path
) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(100, 34)) as pilot:
        await pilot.pause(0.05)  # the look back for past sessions starts
        await app.workers.wait_for_complete()  # the look for an unfinished session
        await pilot.pause()
        await pilot.press("escape")  # the unfinished session: later
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        question = setup.query_one(FollowupQuestion)
        # The look-up runs in the background once the setup screen is drawn.
        for _ in range(60):
            if question.display:
                break
            await pilot.pause(0.05)
        assert question.display
        assert SECOND_AGREEMENT in text_of(question, "#followup-text")
        question.query_one(Select).value = "partly"
        setup.query_one("#name-a", Input).value = "Sam"
        setup.query_one("#name-b", Input).value = "Alex"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConversationScreen)
    [newest] = (bridges_home / "sessions").glob("20261125-*.toml")
    saved = tomllib.loads(newest.read_text(encoding="utf-8"))
    assert saved["followup"] == {"session": SECOND, "agreement": SECOND_AGREEMENT, "answer": "partly"}


async def test_history_is_one_key_from_setup_and_back(history, fake_time) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        await pilot.pause(0.05)  # the look back for past sessions starts
        await app.workers.wait_for_complete()  # the look for an unfinished session
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("f2")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SetupScreen)


async def test_leaving_the_history_opened_from_the_command_line_goes_to_setup(history, history_app) -> None:
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        await pilot.press("escape")
        assert isinstance(app.screen, SetupScreen)


async def test_a_long_history_fills_in_behind_the_table(bridges_home: Path, history_app) -> None:
    from dataclasses import replace

    from bridges_tui.testing.history import at, first_session
    from bridges_tui.testing.sessions import write_session

    for day in range(1, 21):
        write_session(bridges_home / "sessions", f"202610{day:02d}-193000-share-the-why",
                      replace(first_session(), started=at(day, 10, 19, 30), ended=at(day, 10, 19, 45)))
    app = history_app()
    async with running(app, size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = table_rows(app.screen)
        assert len(rows) == 20 and all(row[4].strip() == "88/12" for row in rows)
        assert "reading" not in text_of(app.screen, "#history-title")
    assert (bridges_home / "history-index.json").exists()


async def test_only_the_lines_on_screen_are_made(bridges_home: Path, history_app) -> None:
    from dataclasses import replace

    from bridges_tui.core.files.store import SessionStore
    from bridges_tui.core.looking_back.history_index import HistoryIndex
    from bridges_tui.testing.history import at, first_session
    from bridges_tui.testing.sessions import write_session

    for number in range(60):
        day, hour = number % 28 + 1, 8 + number // 28
        write_session(bridges_home / "sessions", f"202610{day:02d}-{hour:02d}0000-share-the-why",
                      replace(first_session(), started=at(day, 10, hour, 0), ended=at(day, 10, hour, 15)))
    index = HistoryIndex(SessionStore(bridges_home / "sessions"), bridges_home)
    index.read_all()
    index.save()
    app = history_app()
    async with running(app, size=(100, 24)) as pilot:
        await pilot.pause()
        lines = app.screen.query_one(SessionTable).rows
        made = sum(row is not None for row in lines._made)
        assert len(lines) == 60 and 0 < made < 30
        await pilot.press("end")  # the oldest, made when it comes into view
        assert lines._made[59] is not None
        assert lines[59].cells[0].strip() == "1 Oct 08:00"


@pytest.mark.parametrize("wide", [False, True])
def test_no_date_is_cut_in_the_history_not_even_in_september(wide: bool) -> None:
    # English's CLDR month for September is "Sept": the longest, and once a digit of
    # the time was lost to it at 80 columns ("28 Sept 20:3").
    from datetime import date, datetime

    from bridges_tui.tui.history_table import _when, column_widths

    september = _when(datetime(2026, 9, 28, 20, 30), date(2026, 12, 4), wide=wide)
    assert "Sept" in september
    for width in (80, 100, 120):
        assert column_widths(width, wide=wide)[0] >= len(september)
