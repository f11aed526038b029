"""Whole sessions driven through the real app with Pilot, on a fake clock, checked
against the transcript file on disk."""

from __future__ import annotations

from textual.widgets import Input, Static

from bridges_tui.testing.pilot import running
from bridges_tui.tui.screens.breather import BreatherScreen
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.note_prompt import NotePrompt
from bridges_tui.tui.screens.summary import SummaryScreen
from bridges_tui.tui.widgets.partner_pane import PartnerPane


async def let_time_pass(pilot, fake_time, seconds: float) -> None:
    """Move the fake clock and repaint, as the screen's own timer would."""
    fake_time.advance(seconds)
    screen = pilot.app.screen
    if isinstance(screen, ConversationScreen):
        screen.refresh_view()
    await pilot.pause()


async def take_turn(pilot, fake_time, seconds: float) -> None:
    await pilot.press("space")
    await let_time_pass(pilot, fake_time, seconds)
    await pilot.press("space")


async def write_note(pilot, text: str) -> None:
    assert isinstance(pilot.app.screen, NotePrompt)
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")


def pane(app, letter: str) -> PartnerPane:
    return app.screen.query_one(f"#pane-{letter}", PartnerPane)


def pane_text(app, letter: str) -> str:
    widget = pane(app, letter)
    parts = [str(static.render()) for static in widget.query(Static)]
    return "\n".join(parts)


async def test_bridges_talk_is_on_disk_once_its_first_screen_is_drawn(
    talk_app, saved_session
) -> None:
    # Saved just after the first frame (it holds nothing typed before that), not before.
    app = talk_app("share-the-why")
    async with running(app, size=(100, 32)) as pilot:
        await pilot.pause()
        saved = saved_session()
        assert saved["status"] == "in-progress" and saved["partners"] == ["Sam", "Alex"]
        assert saved["practice"] == "share-the-why" and not saved.get("turn")


async def test_share_the_why_end_to_end(talk_app, fake_time, saved_session) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=(100, 32)) as pilot:
        assert isinstance(app.screen, ConversationScreen)
        # Opening, together: both panes active with one shared clock.
        assert pane(app, "a").role == pane(app, "b").role == "together"
        await take_turn(pilot, fake_time, 50)

        # A names a want, with a pause in the middle.
        assert pane(app, "a").role == "speaking" and pane(app, "b").role == "listening"
        assert "Just take it in" in pane_text(app, "b")
        await pilot.press("space")
        await let_time_pass(pilot, fake_time, 40)
        await pilot.press("p")
        assert "Paused" in pane_text(app, "a")
        await let_time_pass(pilot, fake_time, 10)
        await pilot.press("p")
        await let_time_pass(pilot, fake_time, 20)
        await pilot.press("space")

        # A explains why, with 30 s more, and runs into overtime.
        await pilot.press("space", "plus")
        await let_time_pass(pilot, fake_time, 160)
        assert pane(app, "a").shown_seconds == -10
        assert "Time is up" in pane_text(app, "a")
        assert app.screen.conversation.state == "speaking", "time running out never advances"
        await pilot.press("space")

        # B reflects back; Sam says "not quite" and clarifies; B tries again, and gets
        # it; then B writes what they heard.
        assert pane(app, "b").role == "speaking"
        await take_turn(pilot, fake_time, 30)
        assert app.screen.conversation.state == "confirming"
        assert (pane(app, "a").role, pane(app, "b").role) == ("answering", "asking")
        assert "Did Alex get it?" in pane_text(app, "a")
        await pilot.press("n")
        assert (pane(app, "a").role, pane(app, "b").role) == ("speaking", "listening")
        await let_time_pass(pilot, fake_time, 15)
        await pilot.press("space")
        assert pane(app, "b").role == "speaking"
        assert "try 2" in str(app.screen.query_one("#step-heading", Static).render())
        await let_time_pass(pilot, fake_time, 20)
        await pilot.press("space", "y")
        await write_note(pilot, "Moving things around helps Sam feel less stuck.")

        # B names a want; an accidental hand-over is undone.
        await take_turn(pilot, fake_time, 5)
        assert app.screen.conversation.step_number == 6
        await pilot.press("u")
        assert app.screen.conversation.step_number == 5
        assert app.screen.conversation.state == "paused"
        await pilot.press("p")
        await let_time_pass(pilot, fake_time, 25)
        await pilot.press("space")

        # B explains why, 30 s shorter, with a breather in the middle.
        await pilot.press("space", "minus")
        await let_time_pass(pilot, fake_time, 60)
        await pilot.press("b")
        assert isinstance(app.screen, BreatherScreen)
        fake_time.advance(300)
        await pilot.press("enter")
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.conversation.state == "paused"
        await pilot.press("p")
        await let_time_pass(pilot, fake_time, 30)
        await pilot.press("space")

        # A reflects back and gets it the first time, with a note; then the closing,
        # together, with a note.
        await take_turn(pilot, fake_time, 45)
        await pilot.press("y")
        await write_note(pilot, "Familiar rooms help Alex feel calm.")
        await take_turn(pilot, fake_time, 60)
        await write_note(pilot, "We both want home to feel safe.")

        # Every step is done: space opens the summary.
        await pilot.press("space")
        assert isinstance(app.screen, SummaryScreen)
        app.screen.query_one("#learned-a", Input).value = "Alex needs things to stay put."
        app.screen.query_one("#learned-b", Input).value = "Sam gets restless when stuck."
        app.screen.query_one("#agreement", Input).value = "Talk before moving furniture."
        await pilot.pause()
        app.screen._save_now()

    saved = saved_session()
    assert saved["status"] == "complete"
    assert saved["partners"] == ["Sam", "Alex"]
    turns = saved["turns"]
    assert [(t["step"], t["speaker"]) for t in turns] == [
        ("arrive", "both"),
        ("name-it", "A"), ("explain-why", "A"), ("reflect-back", "B"),
        ("name-it", "B"), ("explain-why", "B"), ("reflect-back", "A"),
        ("understand", "both"),
    ]
    assert [t["spoken_s"] for t in turns] == [50, 60, 160, 50, 30, 90, 45, 60]
    # The listening loop: two tries for Alex, with Sam's 15 s of clarifying his own.
    assert (turns[3]["tries"], turns[3]["clarify_s"]) == (2, 15)
    assert turns[6]["tries"] == 1 and "clarify_s" not in turns[6]
    assert "tries" not in turns[2]
    assert turns[1]["paused_s"] == 10
    assert turns[2]["planned_s"] == 150 and turns[5]["planned_s"] == 90
    assert turns[3]["note"] == "Moving things around helps Sam feel less stuck."
    assert turns[3]["note_by"] == "B"
    assert turns[6]["note"] == "Familiar rooms help Alex feel calm." and turns[6]["note_by"] == "A"
    assert turns[7]["note_by"] == "both"
    assert "note" not in turns[4], "the undone turn had no note and must not gain one"
    assert len(saved["breaks"]) == 1 and saved["breaks"][0]["seconds"] == 300
    assert saved["closing"]["agreement"] == "Talk before moving furniture."
    assert saved["closing"]["learned"] == ["Alex needs things to stay put.", "Sam gets restless when stuck."]


async def test_assume_the_best_end_to_end(talk_app, fake_time, saved_session) -> None:
    app = talk_app("assume-the-best", names=("Noor", "Jo"))
    async with running(app, size=(80, 24)) as pilot:
        # Calm first, together.
        await take_turn(pilot, fake_time, 60)
        # Noor's round: the story she told herself (her own note), with a pause.
        await pilot.press("space")
        await let_time_pass(pilot, fake_time, 30)
        await pilot.press("p")
        await let_time_pass(pilot, fake_time, 8)
        await pilot.press("p")
        await let_time_pass(pilot, fake_time, 40)
        await pilot.press("space")
        await write_note(pilot, "That Jo left the party because he was bored with me.")
        # A kinder reading, 30 s longer; an accidental hand-over, undone.
        await pilot.press("space", "plus")
        await let_time_pass(pilot, fake_time, 50)
        await pilot.press("space")
        await pilot.press("u")
        await pilot.press("p")
        await let_time_pass(pilot, fake_time, 20)
        await pilot.press("space")
        # The question, in overtime.
        await pilot.press("space")
        await let_time_pass(pilot, fake_time, 75)
        assert pane(app, "a").shown_seconds == -15
        await pilot.press("space")
        # Jo says what actually happened; Noor, who listened, writes it down.
        await take_turn(pilot, fake_time, 110)
        assert isinstance(app.screen, NotePrompt)
        assert "Noor writes this note" in str(app.screen.query(Static)[1].render())
        await write_note(pilot, "Our daughter fell; Jo took her home.")
        # Jo's round, 30 s shorter for the story, and a breather before the question.
        await pilot.press("space", "minus")
        await let_time_pass(pilot, fake_time, 90)
        await pilot.press("space")
        await write_note(pilot, "That Noor didn't want me along.")
        await take_turn(pilot, fake_time, 45)
        await pilot.press("b")
        fake_time.advance(20 * 60)
        await pilot.press("enter")
        await take_turn(pilot, fake_time, 55)
        await take_turn(pilot, fake_time, 100)
        await write_note(pilot, "Noor was on a work call and lost track of time.")
        # The closing, together.
        await take_turn(pilot, fake_time, 70)
        await write_note(pilot, "The hurt came from the story, not the event.")
        await pilot.press("space")
        assert isinstance(app.screen, SummaryScreen)
        app.screen.query_one("#agreement", Input).value = "Ask before we assume."
        await pilot.pause()
        app.screen._save_now()

    saved = saved_session()
    assert saved["status"] == "complete"
    turns = saved["turns"]
    assert [(t["step"], t["speaker"]) for t in turns] == [
        ("calm-first", "both"),
        ("the-story", "A"), ("kinder-reading", "A"), ("ask", "A"), ("what-happened", "B"),
        ("the-story", "B"), ("kinder-reading", "B"), ("ask", "B"), ("what-happened", "A"),
        ("understand", "both"),
    ]
    assert [t["spoken_s"] for t in turns] == [60, 70, 70, 75, 110, 90, 45, 55, 100, 70]
    assert turns[1]["paused_s"] == 8
    assert turns[2]["planned_s"] == 90, "a one-minute step with 30 s more"
    assert turns[5]["planned_s"] == 90, "a two-minute step with 30 s less"
    assert (turns[1]["note"], turns[1]["note_by"]) == (
        "That Jo left the party because he was bored with me.", "A")
    assert (turns[4]["note"], turns[4]["note_by"]) == ("Our daughter fell; Jo took her home.", "A")
    assert (turns[5]["note_by"], turns[8]["note_by"]) == ("B", "B")
    assert saved["breaks"][0]["seconds"] == 1200
    assert saved["closing"]["agreement"] == "Ask before we assume."


async def end_early_after_a_noted_turn(pilot, fake_time) -> None:
    """One turn, its note "The dishes", then end early: on the summary."""
    await take_turn(pilot, fake_time, 30)
    await write_note(pilot, "The dishes")
    await pilot.press("e", "y")
    assert isinstance(pilot.app.screen, SummaryScreen)


async def test_on_the_summary_tab_to_the_steps_then_enter_edits_the_first_note(
    talk_app, fake_time, saved_session
) -> None:
    """The heading says "Enter on a step edits its note": it must, without an arrow
    key first. The steps come after the closing's five boxes (each learned, the
    agreement, each check-in), where the focus starts."""
    app = talk_app("same-team")
    async with running(app, size=(100, 32)) as pilot:
        await end_early_after_a_noted_turn(pilot, fake_time)
        await pilot.press(*["tab"] * 5)
        assert app.focused is app.screen.query_one("#summary-steps")
        await pilot.press("enter")
        assert isinstance(app.screen, NotePrompt)
        assert app.screen.query_one(Input).value == "The dishes"
        app.screen.query_one(Input).value = "The dishes, and who cooks"
        await pilot.press("enter")
        assert isinstance(app.screen, SummaryScreen)
    assert saved_session()["turns"][0]["note"] == "The dishes, and who cooks"


async def test_the_checkin_after_is_kept_from_one_key_each(talk_app, fake_time, saved_session) -> None:
    app = talk_app("same-team")
    async with running(app, size=(100, 40)) as pilot:
        await end_early_after_a_noted_turn(pilot, fake_time)
        await pilot.click("#after-a")
        await pilot.press("4", "tab", "9", "5")
        await pilot.pause()
        assert saved_session()["checkin"]["after"] == [4, 5]
        await pilot.press("backspace")  # B takes theirs back
        await pilot.pause()
        assert "after" not in saved_session().get("checkin", {}), "half a check-in is no check-in"


async def test_a_step_with_its_own_length_says_so_when_another_was_chosen(talk_app, fake_time) -> None:
    # "90s" chosen at setup; Share the why's first step keeps its own minute.
    app = talk_app("share-the-why", turn_seconds=90)
    async with running(app, size=(80, 24)) as pilot:
        heading = str(app.screen.query_one("#step-heading", Static).render())
        assert "1m, its own length" in heading
        conversation = app.live.conversation
        assert conversation is not None and conversation.clock.planned_s == 60
        await take_turn(pilot, fake_time, 60)
        while "1m, its own length" in str(app.screen.query_one("#step-heading", Static).render()):
            await take_turn(pilot, fake_time, 60)  # past the steps that keep a minute
            if isinstance(app.screen, NotePrompt):
                await pilot.press("escape")
        assert conversation.clock.planned_s == 90, "the chosen length, unremarked"


async def test_a_step_keeping_the_suggested_length_says_nothing_more(talk_app) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=(80, 24)):
        assert "own length" not in str(app.screen.query_one("#step-heading", Static).render())
