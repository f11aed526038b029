"""Issue 19, a conversation that forgives: each case a couple met at 80x24, driven
through the real app with Pilot on a fake clock, checked on screen and on disk."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input, Markdown

from bridges_tui.testing.history import BROKEN, FIRST, NEWER, write_history
from bridges_tui.testing.pilot import running
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.breather import BreatherScreen
from bridges_tui.tui.screens.confirm import ConfirmScreen
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.export_dialog import ExportDialog
from bridges_tui.tui.screens.help import HelpScreen
from bridges_tui.tui.screens.history import HistoryScreen
from bridges_tui.tui.screens.note_prompt import NotePrompt
from bridges_tui.tui.screens.summary import SummaryScreen
from bridges_tui.tui.widgets.key_bar import KeyBar
from bridges_tui.tui.widgets.session_table import SessionTable

SIZE = (80, 24)


def session_text(home: Path) -> str:
    """The one session file on disk, as bridges last wrote it."""
    [path] = sorted((home / "sessions").glob("*.toml"))
    return path.read_text(encoding="utf-8")


def toasts(app) -> list[str]:
    """What the app has said in toasts so far."""
    return [str(note.message) for note in app._notifications]


async def walk_every_step(pilot, fake_time) -> None:
    """Take every step of share-the-why: 40 s each, "y" to a listening check, and a
    note for each step that asks ("note for <its title>")."""
    app = pilot.app
    for _ in range(40):
        screen = app.screen
        if isinstance(screen, NotePrompt):
            screen.query_one(Input).value = f"note for {screen.label}"
            await pilot.press("enter")
            continue
        assert isinstance(screen, ConversationScreen)
        conversation = screen.conversation
        if conversation.state == "done":
            return
        if conversation.state == "confirming":
            await pilot.press("y")
            continue
        await pilot.press("space")
        fake_time.advance(40)
        await pilot.press("space")
    raise AssertionError("the practice did not end")


# --- 1. Space goes on in a paused turn -------------------------------------------------


def conversation_of(app):
    """The conversation, under any dialog open on top of its screen."""
    [screen] = [s for s in app.screen_stack if isinstance(s, ConversationScreen)]
    return screen.conversation


async def test_space_goes_on_in_a_turn_paused_with_p(talk_app, fake_time, bridges_home) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=SIZE) as pilot:
        await pilot.press("space")
        fake_time.advance(10)
        await pilot.press("p")
        talk = conversation_of(app)
        assert talk.state == "paused"
        fake_time.advance(5)
        await pilot.press("space")
        assert talk.state == "speaking" and talk.step_number == 1, "the turn goes on"
        assert not talk.transcript().turns
        assert "[[turns]]" not in session_text(bridges_home)


async def test_space_goes_on_in_a_turn_paused_by_a_breather(talk_app, fake_time) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=SIZE) as pilot:
        await pilot.press("space")
        fake_time.advance(10)
        await pilot.press("b")
        assert isinstance(app.screen, BreatherScreen)
        fake_time.advance(120)
        await pilot.press("enter")
        talk = conversation_of(app)
        assert isinstance(app.screen, ConversationScreen) and talk.state == "paused"
        await pilot.press("space")
        assert talk.state == "speaking" and talk.step_number == 1
        assert not talk.transcript().turns


# --- 2. a double Space, and undo as far back as needed -----------------------------------


async def test_a_double_space_at_a_turns_start_keeps_the_turn_going(talk_app, fake_time) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=SIZE) as pilot:
        await pilot.press("space", "space")
        talk = conversation_of(app)
        assert talk.state == "speaking" and talk.step_number == 1, "not started and ended"
        assert "Space again to hand over" in toasts(app)
        fake_time.advance(30)
        await pilot.press("space")
        assert talk.step_number == 2, "a press after the guard hands over"


async def test_the_space_that_ends_a_turn_twice_stays_out_of_the_note(talk_app, fake_time) -> None:
    app = talk_app("assume-the-best")
    async with running(app, size=SIZE) as pilot:
        await pilot.press("space")
        fake_time.advance(60)
        await pilot.press("space", "space")  # calm-first; the-story begins at once
        fake_time.advance(40)
        await pilot.press("space", "space")  # the-story is handed over, twice
        assert isinstance(app.screen, NotePrompt)
        assert app.screen.query_one(Input).value == ""
        await pilot.press(*"A B")  # within the guard still, but words: every key kept
        assert app.screen.query_one(Input).value == "A B"


async def test_undo_goes_back_three_hand_overs_to_the_first_turn_with_its_note(
    talk_app, fake_time, bridges_home
) -> None:
    app = talk_app("assume-the-best")
    async with running(app, size=SIZE) as pilot:
        for seconds, note in ((60, None), (40, "Sam thought Alex left early"), (30, None)):
            await pilot.press("space")
            fake_time.advance(seconds)
            await pilot.press("space")
            if note is not None:
                assert isinstance(app.screen, NotePrompt)
                app.screen.query_one(Input).value = note
                await pilot.press("enter")
        talk = conversation_of(app)
        assert talk.step_number == 4
        for back_to in (3, 2, 1):
            await pilot.press("u")
            assert talk.step_number == back_to and talk.state == "paused"
        assert not talk.transcript().turns
        assert "Sam thought Alex left early" in session_text(bridges_home)
        # On again: the story's note comes back with its turn.
        await pilot.press("space")
        fake_time.advance(5)
        await pilot.press("space", "space")
        fake_time.advance(5)
        await pilot.press("space")
        assert isinstance(app.screen, NotePrompt)
        assert app.screen.query_one(Input).value == "Sam thought Alex left early"


# --- 3. a note belongs to its step on screen ------------------------------------------------


async def test_the_header_shows_the_step_whose_note_is_being_written(talk_app, fake_time) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=SIZE) as pilot:
        for _ in range(3):
            await pilot.press("space")
            fake_time.advance(40)
            await pilot.press("space")
        await pilot.press("space")
        fake_time.advance(40)
        await pilot.press("space", "y")  # step 4's listening check: Alex got it
        assert isinstance(app.screen, NotePrompt)
        [screen] = [s for s in app.screen_stack if isinstance(s, ConversationScreen)]
        heading = str(screen.query_one("#step-heading").render())
        assert "step 4 of 8" in heading and "Ask and reflect back" in heading
        await pilot.press(*"ey")  # keys of the conversation: typed into the note
        assert app.screen.query_one(Input).value == "ey"
        await pilot.press("enter")
        assert "step 5 of 8" in str(screen.query_one("#step-heading").render())


# --- undo keeps every note on disk -------------------------------------------------


async def undo_the_last_three(pilot, fake_time, bridges_home) -> tuple[str, ...]:
    """Walk to the end, then press u three times: step 8 comes back, then step 7 (a
    listening check), then the check's last move. Returns the two notes of the turns
    taken back."""
    await walk_every_step(pilot, fake_time)
    turns = pilot.app.screen.conversation.transcript().turns
    notes = (turns[6].note, turns[7].note)
    assert all(notes) and all(note in session_text(bridges_home) for note in notes)
    for _ in range(3):
        await pilot.press("u")
    conversation = pilot.app.screen.conversation
    assert conversation.step_number == 7 and len(conversation.transcript().turns) == 6
    return notes


async def test_notes_of_undone_turns_stay_on_disk_for_a_crash(
    talk_app, fake_time, bridges_home
) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=SIZE) as pilot:
        notes = await undo_the_last_three(pilot, fake_time, bridges_home)
        await pilot.pause()
        # A crash leaves what autosave last wrote.
        crashed = session_text(bridges_home)
        app.store.release(app.live.keeper.path)
    assert all(note in crashed for note in notes)


async def test_notes_of_undone_turns_stay_on_disk_when_the_session_ends_early(
    talk_app, fake_time, bridges_home
) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=SIZE) as pilot:
        notes = await undo_the_last_three(pilot, fake_time, bridges_home)
        await pilot.press("e")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        ended = session_text(bridges_home)
    assert 'status = "ended-early"' in ended
    assert all(note in ended for note in notes)


# --- 4. the summary at 80x24 ---------------------------------------------------------


async def test_the_summary_opens_on_what_each_learned_and_keeps_whose_box_is_whose(
    talk_app, fake_time
) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=SIZE) as pilot:
        await pilot.press("space")
        fake_time.advance(40)
        await pilot.press("space", "e", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        screen = app.screen
        # The focus starts on the first partner's line, and both lines and the
        # agreement are on the first view, without scrolling.
        assert app.focused is screen.query_one("#learned-a")
        seen = screen.query_one("#summary").region
        for box in ("#learned-a", "#learned-b", "#agreement"):
            assert seen.contains_region(screen.query_one(box).region), box
        await pilot.press(*"Alex needs warning")
        await pilot.press("tab", *"Sam gets restless")
        await pilot.pause()
        learned_a = screen.query_one("#learned-a", Input)
        learned_b = screen.query_one("#learned-b", Input)
        assert learned_a.value == "Alex needs warning" and learned_b.value == "Sam gets restless"
        # Typed into, each box still names its partner on its border.
        assert (str(learned_a.border_title), str(learned_b.border_title)) == ("Sam", "Alex")
        # The box with the focus looks unlike the others, not only by colour.
        assert app.focused is learned_b
        assert learned_b.styles.border_top[0] != learned_a.styles.border_top[0]


# --- 5. history search ----------------------------------------------------------------


def bar_text(app) -> str:
    """The key bar as drawn."""
    return str(app.screen.query_one(KeyBar).render())


async def history_search(pilot, word: str) -> None:
    """Type `word` into the history's search box, key by key, as a person would."""
    await pilot.press("slash", *word)
    await pilot.pause(0.4)  # the search runs once typing pauses


async def test_down_moves_from_the_history_search_into_the_results(bridges_home, fake_time) -> None:
    write_history(bridges_home)
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        screen = app.screen
        await history_search(pilot, "furniture")
        table = screen.query_one(SessionTable)
        assert table.keys == [NEWER, BROKEN, FIRST]
        # While the search has the focus the bar says how to get out, and offers no
        # key that would be typed into the search instead.
        bar = bar_text(app)
        assert "Results" in bar and "Done" in bar
        assert "Export" not in bar and "Replay" not in bar
        await pilot.press("down")
        assert table.has_focus and table.cursor == 0
        await pilot.press("down", "down", "up", "down")
        assert table.cursor == 2 and table.has_focus, "in the results the arrows move the cursor"
        assert table.keys[2] == FIRST  # the only one of them that can be read
        bar = bar_text(app)
        assert "Export" in bar and "Done" not in bar
        await pilot.press("x")  # meant for the table: it opens the export dialog
        assert isinstance(app.screen, ExportDialog)
        assert screen.query_one("#history-text", Input).value == "furniture"


async def test_up_escape_and_enter_each_leave_the_history_search(bridges_home, fake_time) -> None:
    write_history(bridges_home)
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        screen = app.screen
        table = screen.query_one(SessionTable)
        for key in ("up", "escape", "enter"):
            await history_search(pilot, "x")
            assert screen.query_one("#history-text", Input).has_focus
            await pilot.press(key)
            assert table.has_focus, key
            assert isinstance(app.screen, HistoryScreen), f"{key} leaves the search, not the history"
            screen.query_one("#history-text", Input).value = ""


# --- 6. the export dialog ----------------------------------------------------------------


async def open_export(pilot, bridges_home) -> ExportDialog:
    """The history's export dialog for the one readable past session."""
    pilot.app.screen.query_one(SessionTable).move_to_key(FIRST)
    await pilot.pause()
    await pilot.press("x")
    assert isinstance(pilot.app.screen, ExportDialog)
    return pilot.app.screen


async def test_tab_then_enter_in_the_export_dialog_exports(bridges_home, fake_time, tmp_path) -> None:
    write_history(bridges_home)
    target = tmp_path / "kept.md"
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        dialog = await open_export(pilot, bridges_home)
        dialog.query_one("#export-path", Input).value = str(target)
        # Tab from the path: never onto Cancel, so Enter still exports.
        await pilot.press("tab")
        assert app.focused is not dialog.query_one("#cancel")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert target.read_text(encoding="utf-8").startswith("# Share the why")
    assert any("Exported to" in toast for toast in toasts(app))


async def test_only_escape_or_the_cancel_button_cancels_and_it_says_so(
    bridges_home, fake_time, tmp_path
) -> None:
    write_history(bridges_home)
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        for cancel in ("escape", "click"):
            dialog = await open_export(pilot, bridges_home)
            dialog.query_one("#export-path", Input).value = str(tmp_path / f"{cancel}.md")
            if cancel == "click":
                await pilot.click("#cancel")
            else:
                await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen), cancel
            assert toasts(app).count("Not exported.") == (1 if cancel == "escape" else 2)
    assert not list(tmp_path.glob("*.md")), "a cancel writes nothing"


async def test_a_refused_name_keeps_the_export_dialog_open_saying_why(
    bridges_home, fake_time, tmp_path
) -> None:
    write_history(bridges_home)
    taken = tmp_path / "taken.md"
    taken.write_text("someone else's file", encoding="utf-8")
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        dialog = await open_export(pilot, bridges_home)
        path = dialog.query_one("#export-path", Input)
        path.value = str(taken)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog, "the couple may choose another name"
        refused = str(dialog.query_one("#export-refused").render())
        assert "a file with that name already exists" in refused
        assert dialog.query_one("#export-refused").region.y == path.region.bottom
        path.value = str(tmp_path / "other.md")
        await pilot.pause()
        assert not dialog.query_one("#export-refused").display, "a new name, a fresh start"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert taken.read_text(encoding="utf-8") == "someone else's file"
    assert (tmp_path / "other.md").exists()


async def test_enter_typed_right_after_a_name_exports_to_the_whole_name(
    bridges_home, fake_time, tmp_path
) -> None:
    # Enter is the dialog's own key, ahead of the box; the keys typed before it must
    # still be in the name it writes to.
    write_history(bridges_home)
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        dialog = await open_export(pilot, bridges_home)
        folder = tmp_path / "exports"
        folder.mkdir()
        dialog.query_one("#export-path", Input).value = f"{folder}/"
        await pilot.press("end")
        # A burst, as a terminal sends a name typed fast or pasted: every key is in
        # the app's queue before the first is handled (Pilot's press waits after each).
        for key, character in [*((c, c) for c in "kept.md"), ("enter", "\r")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
    assert [path.name for path in folder.iterdir()] == ["kept.md"]


# --- the help's keys are the key table's ------------------------------------------------


async def test_the_help_shows_the_conversations_keys_from_the_key_table(talk_app) -> None:
    from bridges_tui.core.talk.keys import KEY_NOTES, key_table_markdown

    app = talk_app("share-the-why")
    async with running(app, size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.query_one(Markdown).source
        assert key_table_markdown() in shown and KEY_NOTES in shown
        # What the table says about a paused turn, the help says too.
        assert "go on (paused)" in shown


# --- 8. the smaller things ----------------------------------------------------------------


async def test_ctrl_c_asks_to_leave_as_ctrl_q_does(talk_app, fake_time) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=SIZE) as pilot:
        await pilot.press("space")
        fake_time.advance(10)
        await pilot.press("ctrl+c")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Leave bridges?" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("n")
        assert isinstance(app.screen, ConversationScreen), "staying is one key away"


async def test_the_key_bar_at_60_columns_leaves_out_whole_keys_never_half(talk_app) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=(60, 20)) as pilot:
        await pilot.press("space")
        bar = app.screen.query_one(KeyBar).render_line(0).text.rstrip()
        assert bar.endswith("f1 Help"), bar
        assert "Hand over" in bar and "Break" in bar and "End" in bar


async def test_a_setup_problem_goes_once_it_is_fixed(fake_time, bridges_home) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        screen.query_one("#name-a", Input).value = "Sam"
        screen.query_one("#name-b", Input).value = "Alex"
        turn = screen.query_one("#turn", Input)
        turn.value = "abc7"
        await pilot.press("ctrl+s")
        error = screen.query_one("#setup-error")
        assert "Turn length" in str(error.render())
        turn.focus()
        await pilot.press("end", "backspace", "backspace", "backspace", "backspace", "7", "m")
        assert turn.value == "7m"
        assert str(error.render()).strip() == "", "fixed, so no longer shown"
        assert turn.has_focus


async def test_the_history_and_the_replay_each_say_what_their_length_counts(
    bridges_home, fake_time
) -> None:
    write_history(bridges_home)
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=SIZE) as pilot:
        pilot.app.screen.query_one(SessionTable).move_to_key(FIRST)
        await pilot.pause()
        detail = str(app.screen.query_one("#history-detail").render())
        assert "11:40 from start to close" in detail
        await pilot.press("r")
        await pilot.pause()
        position = str(app.screen.query_one("#replay-position").render())
        assert "of 10:50, start to last hand-over" in position
