"""Names and notes are shown exactly as typed: square brackets are not markup."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Input

from bridges_tui.testing.pilot import running
from bridges_tui.tui.screens.note_prompt import NotePrompt
from bridges_tui.tui.screens.summary import SummaryScreen

ODD = ("[b]Sam[/b] [/]", "Al[ex")


async def test_markup_like_names_and_notes_show_literally(talk_app, fake_time) -> None:
    app = talk_app("share-the-why", names=ODD)
    async with running(app, size=(100, 32)) as pilot:
        for seconds in (30, 30, 60, 40):
            await pilot.press("space")
            fake_time.advance(seconds)
            await pilot.press("space")
            if isinstance(app.screen, NotePrompt):
                app.screen.query_one(Input).value = "[red]not markup[/red] [/]"
                await pilot.press("enter")
            elif app.screen.conversation.state == "confirming":
                await pilot.press("y")
                if isinstance(app.screen, NotePrompt):
                    app.screen.query_one(Input).value = "[red]not markup[/red] [/]"
                    await pilot.press("enter")
        shown = app.screen.query_one("#step-prompt").render()
        assert "[b]Sam[/b] [/]" in str(shown) or "Al[ex" in str(shown)
        # A border title is kept as escaped markup; what is drawn is its plain text.
        title = app.screen.query_one("#pane-a").border_title
        assert Content.from_markup(title).plain == "[b]Sam[/b] [/]"
        await pilot.press("e", "y")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.pause()
        lines = [str(option.prompt) for option in app.screen.query_one("#summary-steps").options]
        assert any("[red]not markup[/red] [/]" in line for line in lines), lines


async def test_the_balance_bar_fits_names_with_emoji_and_wide_letters(talk_app) -> None:
    # Emoji and CJK letters take two columns each: counted as one, the bar ran past
    # the line and the second name was cut off.
    app = talk_app("share-the-why", names=("Sam 🌻🌻", "李雪"))
    async with running(app, size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one("#balance")
        line = "".join(segment.text for segment in bar.render_line(0))
        assert line.rstrip().endswith("0:00 李雪"), line
        assert Content(line).cell_length == bar.size.width
