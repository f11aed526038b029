"""The phrasing hint under a note: it appears as the couple types, says why on request,
can be hidden, can be turned off in config.toml, and never blocks or changes a note."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from bridges_tui.testing.pilot import running
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.note_prompt import NotePrompt
from bridges_tui.tui.widgets.phrasing_hint import PhrasingHint

BLAMING = "You never listen, it's your fault"


async def to_the_first_note(pilot, fake_time) -> None:
    """share-the-why: through the opening and A's round to B's note on reflect-back."""
    for _ in range(3):
        await pilot.press("space")
        fake_time.advance(30)
        await pilot.press("space")
    await pilot.press("space")
    fake_time.advance(30)
    await pilot.press("space", "y")
    assert isinstance(pilot.app.screen, NotePrompt)


async def type_note(pilot, text: str) -> PhrasingHint:
    screen = pilot.app.screen
    screen.query_one(Input).value = text
    await pilot.pause()
    return screen.query_one(PhrasingHint)


def line(hint: PhrasingHint, which: str) -> str:
    widget = hint.query_one(f".hint-{which}", Static)
    return str(widget.render()) if widget.display and hint.has_class(
        "-hint" if which == "line" else "-why") else ""


async def test_the_hint_appears_explains_itself_and_hides(
    talk_app, fake_time, saved_session
) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=(80, 24)) as pilot:
        await to_the_first_note(pilot, fake_time)
        hint = await type_note(pilot, "Change helps Sam feel less stuck")
        assert line(hint, "line") == ""
        hint = await type_note(pilot, BLAMING)
        shown = line(hint, "line")
        assert "“You never” can land as a verdict" in shown
        assert "“This matters to me because…”" in shown, "the practice's own frame"
        assert app.screen.query_one(Input).has_focus, "the hint never takes focus"
        await pilot.press("ctrl+y")
        assert line(hint, "why").startswith("This hint appears because the note says “You never”")
        await pilot.press("ctrl+o")
        assert line(hint, "line") == "" and line(hint, "why") == ""
        await type_note(pilot, BLAMING + ", you always do")
        assert line(hint, "line") == "", "hidden stays hidden for this note"
        # Saving is never blocked, and the words are kept exactly as typed.
        await pilot.press("enter")
        assert isinstance(app.screen, ConversationScreen)
    assert saved_session()["turns"][3]["note"] == BLAMING + ", you always do"


async def test_enter_saves_with_the_hint_on_show(talk_app, fake_time, saved_session) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=(80, 24)) as pilot:
        await to_the_first_note(pilot, fake_time)
        hint = await type_note(pilot, "  Why can't you just say it?  ")
        assert "complaint dressed as a question" in line(hint, "line")
        await pilot.press("enter")
        assert isinstance(app.screen, ConversationScreen)
    assert saved_session()["turns"][3]["note"] == "Why can't you just say it?"


async def test_hints_can_be_turned_off_in_the_config(
    talk_app, fake_time, bridges_home: Path
) -> None:
    bridges_home.mkdir(parents=True, exist_ok=True)
    (bridges_home / "config.toml").write_text("[hints]\nphrasing = false\n", encoding="utf-8")
    app = talk_app("share-the-why")
    async with running(app, size=(80, 24)) as pilot:
        assert app.settings.config.phrasing_hints is False
        await to_the_first_note(pilot, fake_time)
        hint = await type_note(pilot, BLAMING)
        assert line(hint, "line") == "" and hint.hint is None
        await pilot.press("ctrl+y")  # means nothing now
        assert line(hint, "why") == ""
