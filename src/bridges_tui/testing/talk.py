"""The real app opened straight into a conversation on a fake clock, and the moves a
test or a trial makes in it with Textual's Pilot: take a turn, walk a whole practice
to its summary, read the toasts."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Static

from bridges_tui.core.model.session import Practice
from bridges_tui.testing.clock import FakeClock
from bridges_tui.testing.pilot import first_screen
from bridges_tui.tui.app import BridgesApp, TalkRequest
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.note_prompt import NotePrompt


def talk_app(clock: FakeClock, practice: Practice, names: tuple[str, str] = ("Sam", "Alex"),
             turn_seconds: int | None = None, *, off_the_record: bool = False) -> BridgesApp:
    """The app as `bridges talk` opens it (with `--off-the-record`, if so), on `clock`'s time."""
    request = TalkRequest(practice, names, turn_seconds, off_the_record=off_the_record)
    return BridgesApp(talk=request, now=clock.now, wall=clock.wall)


def screen_name(app: BridgesApp) -> str:
    return type(app.screen).__name__


async def take_turn(pilot: Any, app: BridgesApp, clock: FakeClock, seconds: float,
                    note: str | None = None) -> bool:
    """Start the step, hold the floor `seconds`, hand over, and keep `note` if the step
    asks for one. True when a note prompt was answered."""
    await pilot.press("space")
    clock.advance(seconds)
    await pilot.press("space")
    await pilot.pause()
    if screen_name(app) != "NotePrompt":
        return False
    app.screen.query_one(Input).value = note or ""
    await pilot.press("enter")
    await pilot.pause()
    return True


def notifications(app: BridgesApp) -> list[str]:
    """What the app has told the couple in toasts so far."""
    return [str(note.message) for note in app._notifications]


def shown(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def run_to_the_summary(
    pilot: Any, fake_time: FakeClock, *, not_quite_once: bool = False, note: str = "note for {label}"
) -> list[str]:
    """Walk every step: start, speak 40 s, hand over; answer a listening loop with y
    (or first with n, once, when asked); keep every note asked for (`note`, with the
    prompt's label in place of {label}). Returns the headings seen, one per step."""
    app = pilot.app
    headings: list[str] = []
    said_not_quite = False
    for _ in range(200):
        screen = app.screen
        if isinstance(screen, NotePrompt):
            screen.query_one(Input).value = note.format(label=screen.label)
            await pilot.press("enter")
            continue
        assert isinstance(screen, ConversationScreen), screen
        conversation = screen.conversation
        if conversation.state == "done":
            await pilot.press("space")
            break
        if conversation.state == "confirming":
            if not_quite_once and not said_not_quite:
                said_not_quite = True
                await pilot.press("n")
                fake_time.advance(12)
                await pilot.press("space")  # the clarification ends; another try
                fake_time.advance(20)
                await pilot.press("space")
                assert conversation.state == "confirming"
            await pilot.press("y")
            continue
        headings.append(shown(app, "#step-heading"))
        await pilot.press("space")
        fake_time.advance(40)
        await pilot.press("space")
    else:
        raise AssertionError("the session never reached its end")
    await pilot.pause()
    return headings


def moving(fake_time: FakeClock, *steps: Any) -> Any:
    """A run_before that presses keys and moves fake time: ("keys", ...) or seconds."""

    async def run(pilot: Any) -> None:
        await first_screen(pilot)  # it opens just after start-up
        for step in steps:
            if isinstance(step, (int, float)):
                fake_time.advance(step)
                if isinstance(pilot.app.screen, ConversationScreen):
                    pilot.app.screen.refresh_view()
            elif step == "wait for the flash to fade":
                await pilot.pause(1.0)
            elif isinstance(step, tuple) and step[0] == "type":
                # ("type", text) fills the screen's first box; ("type", "#id", text) that one.
                *box, text = step[1:]
                screen = pilot.app.screen
                (screen.query_one(str(box[0]), Input) if box else screen.query_one(Input)).value = text
            else:
                await pilot.press(*step)
            await pilot.pause()

    return run
