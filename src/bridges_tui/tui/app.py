"""The bridges app: opens on setup (or straight into a conversation, or on the
history), keeps the session on disk after every change, and moves between the screens.

The app owns the session's lifecycle (start, autosave, finish, resume) and what is
done to past sessions (open, correct, replay, export, delete); the screens show it
and report what the couple does. The screens for looking back, and the index behind
them, are imported only when first opened, so the first screen comes up fast.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from bridges_tui.core.talk.conversation import Conversation
    from bridges_tui.tui.screens.setup import SetupScreen

from bridges_tui.core.files import paths
from bridges_tui.core.files.config import load_config, save_config
from bridges_tui.core.files.keeper import SessionKeeper
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.model.records import record
from bridges_tui.core.model.session import Practice, Transcript
from bridges_tui.core.practice_scripts.catalog import Catalog, load_catalog
from bridges_tui.core.talk.clock import local_now
from bridges_tui.core.talk.session_choice import SessionChoice
from bridges_tui.tui.fitting import FitsTheTerminal
from bridges_tui.tui.garbage import collect_garbage_again
from bridges_tui.tui.looking_back import LookingBack
from bridges_tui.tui.resuming import OffersToResume
from bridges_tui.tui.styles import SHARED, read_every_sheet, sheets

RETRY_SECONDS = 5.0


@record
class TalkRequest:
    """`bridges talk`: open straight in a conversation with these settings."""

    practice: Practice
    names: tuple[str, str]
    turn_seconds: int | None = None


class BridgesApp(LookingBack, OffersToResume, FitsTheTerminal, App[None]):
    """Two people, one keyboard: setup, conversation, breather, summary; and the
    history of past sessions (see `LookingBack`)."""

    TITLE = "bridges"
    #: Reading past sessions waits this long after start-up, so the first screen is
    #: drawn before any of them is read (Textual writes frames from a thread of its own).
    LOOK_BACK_DELAY = 0.3
    CSS_PATH = sheets(SHARED)
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help", tooltip="Keys and the ideas behind the practices"),
        Binding("ctrl+q", "request_quit", "Quit", id="app.quit", priority=True,
                tooltip="Leave bridges (asks first; everything is already saved)"),
    ]

    def __init__(
        self,
        *,
        talk: TalkRequest | None = None,
        catalog: Catalog | None = None,
        now: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = local_now,
        start: str = "setup",
    ) -> None:
        # The first screen's own sheet is read with the shared one, before anything
        # is drawn; every later screen adds its own when first shown (its CSS_PATH).
        if start not in ("setup", "history"):
            raise ValueError(f"start must be 'setup' or 'history', not {start!r}")
        first = "conversation" if talk is not None else start
        super().__init__(css_path=sheets(SHARED, first))
        self.talk = talk
        #: "setup" (the usual) or "history" (`bridges history`).
        self.start = start
        self.now = now
        self.wall = wall
        self.store = SessionStore(paths.sessions_dir())
        self._catalog = catalog
        self.config_path = paths.config_file()
        self.config, self.config_warning = load_config(self.config_path)
        self.keeper: SessionKeeper | None = None
        self.conversation: Conversation | None = None
        self._retry_timer = None
        self._history_index = None
        #: True once the first screen (setup, a conversation or the history) is open.
        self.first_screen_open = False

    # --- start-up ---------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        """Every practice, read on first use."""
        if self._catalog is None:
            self._catalog = load_catalog(paths.user_practices_dir())
        return self._catalog

    def on_mount(self) -> None:
        self.set_timer(self.LOOK_BACK_DELAY, self._settle_in)
        if self.config_warning:
            self.notify(self.config_warning, severity="warning", timeout=10)
        self._make_folder_private()
        # The first screen is opened once the app has finished mounting. Opened from
        # here, it would be built inside Textual's start-up batch, drawn once for
        # nothing (the batch holds every frame back) and drawn again after it.
        self.call_later(self._open_first_screen)

    @asynccontextmanager
    async def run_test(self, *args: Any, **kwargs: Any) -> AsyncIterator[Pilot[None]]:
        """`App.run_test` (Textual's test harness), handing over only once the first
        screen is open: it opens just after start-up (see `on_mount`), so without
        this a test's first query or key could reach the empty default screen."""
        async with super().run_test(*args, **kwargs) as pilot:
            while not self.first_screen_open:
                await pilot.pause()
            await pilot.pause()
            yield pilot

    def _open_first_screen(self) -> None:
        if self.talk is not None:
            request = self.talk
            choice = SessionChoice(request.practice, request.names, request.turn_seconds, None)
            self.start_session(choice, first_screen=True)
        elif self.start == "history":
            self.open_history()
        else:
            self.push_screen(self._setup_screen())
            # Looking for an unfinished session reads every session's header: not
            # before the first screen is drawn, and not on the event loop.
            self.set_timer(self.LOOK_BACK_DELAY, lambda: self.run_worker(
                self._find_unfinished, thread=True, group="resume", exclusive=True))
        self.first_screen_open = True
        self._fit_to_size()  # a terminal too small from the start: say so on top

    def _settle_in(self) -> None:
        """Once the first screen is up: what start-up put off, in this order (the
        sheets read last would stay out of the collector's freeze)."""
        read_every_sheet(self.stylesheet)
        collect_garbage_again()

    def _make_folder_private(self) -> None:
        """Tighten a sessions folder that others could read, and tell the couple."""
        try:
            tightened = self.store.ensure_folder()
        except OSError:
            return  # the first save says what is wrong, and keeps the session in memory
        if tightened:
            self.notify(
                f"Your sessions folder {paths.shown(self.store.folder)} could be read by "
                "others; bridges has made it private (only you can open it now).",
                severity="warning", timeout=10,
            )

    def _setup_screen(self) -> SetupScreen:
        from bridges_tui.tui.screens.setup import SetupScreen

        setup = SetupScreen(self.catalog, self.config.names, on_start=self.start_session)
        self.set_timer(self.LOOK_BACK_DELAY, lambda: self._look_back_from(setup))
        return setup

    def _look_back_from(self, setup: SetupScreen) -> None:
        """Once setup is on screen: which practices were done before, and how the last
        agreement went. Both read past sessions, in threads."""
        if setup.is_attached:
            setup.read_done_before()
            self._ask_followup(setup)

    def _ask_followup(self, setup: SetupScreen) -> None:
        """Ask on `setup` how the most recent agreement went, if there is one."""

        def look() -> None:
            try:
                found = self.history_index.agreement_to_follow()
                self.history_index.save()
            except OSError:
                return  # no history to read: nothing to ask
            if found is not None:
                self.call_from_thread(self._show_followup, setup, found)

        self.run_worker(look, thread=True, group="followup", exclusive=True)

    def _show_followup(self, setup: SetupScreen, found) -> None:
        from bridges_tui.tui.widgets.followup_question import FollowupQuestion

        if setup.is_attached:
            setup.query_one(FollowupQuestion).ask(found.session, found.agreement, found.started)

    # --- a session's lifecycle ---------------------------------------------------

    def start_session(self, choice: SessionChoice, *, first_screen: bool = False) -> None:
        """Begin a new conversation and save it at once, so nothing can be lost.

        As the first screen (`bridges talk`) it holds nothing typed yet, so it is saved
        just after it is first drawn, and the couple see it without waiting on the disk.
        """
        from bridges_tui.core.talk.conversation import Conversation

        self.remember_names(choice.names)
        conversation = Conversation(
            choice.practice,
            choice.names,
            turn_seconds=choice.turn_seconds,
            now=self.now,
            wall=self.wall,
            checkin_before=choice.checkin,
            followup=choice.followup,
        )
        self._open_conversation(conversation, SessionKeeper(self.store), save_now=not first_screen)

    def _open_conversation(self, conversation: Conversation, keeper: SessionKeeper,
                           *, save_now: bool = True) -> None:
        from bridges_tui.tui.screens.conversation import ConversationScreen

        self.conversation = conversation
        self.keeper = keeper
        if save_now:
            self.save_session()
        self.push_screen(
            ConversationScreen(
                conversation, now=self.now, on_change=self.save_session, on_finish=self.finish_session
            )
        )
        if not save_now:
            self.call_after_refresh(self.save_session)

    def save_session(self) -> None:
        """Write the session to disk now; on failure keep it in memory and retry."""
        if self.conversation is None or self.keeper is None:
            return
        if self.keeper.keep(self.conversation.transcript()):
            self._saved()
        else:
            self._unsaved()

    def _saved(self) -> None:
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
            self.notify("Saved again: the session is safely on disk.", timeout=5)

    def _unsaved(self) -> None:
        problem = self.keeper.problem if self.keeper else "unknown problem"
        if self._retry_timer is None:
            self.notify(
                f"Can't save right now ({problem}). Keep going: everything is kept in "
                f"memory and bridges tries again every {RETRY_SECONDS:.0f} seconds.",
                severity="error",
                timeout=15,
            )
            self._retry_timer = self.set_interval(RETRY_SECONDS, self._retry)

    def _retry(self) -> None:
        if self.keeper is not None and self.keeper.retry():
            self._saved()

    def finish_session(self) -> None:
        """Close the conversation (complete or ended early) and show the summary."""
        conversation = self.conversation
        if conversation is None:
            return
        if conversation.state == "done":
            conversation.finish()
        self.save_session()
        from bridges_tui.tui.screens.summary import SummaryScreen

        self.switch_screen(
            SummaryScreen(
                conversation.transcript(), edit=self._correct_live, saved_line=self._saved_line,
                plan=conversation.plan, on_new=self.new_session,
            )
        )

    def _correct_live(self, correction) -> Transcript:
        """Apply a change made on the end-of-session summary, and save it."""
        from bridges_tui.core.looking_back.corrections import (
            CheckinCorrection,
            ClosingCorrection,
            NoteCorrection,
        )

        conversation = self.conversation
        if conversation is None:
            raise RuntimeError("this session is no longer open")
        if isinstance(correction, NoteCorrection):
            conversation.set_note(correction.turn, correction.text)
        elif isinstance(correction, ClosingCorrection):
            conversation.set_closing(correction.learned, correction.agreement)
        elif isinstance(correction, CheckinCorrection):
            conversation.set_checkin_after(correction.after)
        self.save_session()
        return conversation.transcript()

    def _saved_line(self) -> str:
        keeper = self.keeper
        if keeper is not None and keeper.unsaved:
            return f"Not saved yet ({keeper.problem}); bridges keeps trying."
        if keeper is not None and keeper.path is not None:
            return f"Saved to {paths.shown(keeper.path)}"
        return "Not saved yet: bridges keeps trying."

    def new_session(self) -> None:
        self.conversation = None
        self.keeper = None
        self.switch_screen(self._setup_screen())

    def remember_names(self, names: tuple[str, str]) -> None:
        if self.config.names == names:
            return
        self.config = replace(self.config, names=names)
        try:
            save_config(self.config_path, self.config)
        except Exception as error:
            self.notify(f"Could not remember your names: {error}", severity="warning")

    # --- keys, help, palette, size -------------------------------------------------

    def notify(self, message: str, *, title: str = "", severity: str = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications carry names, notes and file names: never read them as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def action_help(self) -> None:
        # Imported here: its Markdown widget costs the first screen ~30 ms to load.
        from bridges_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.catalog))

    def action_request_quit(self) -> None:
        from bridges_tui.tui.screens.confirm import ConfirmScreen  # a dialog, not the first screen

        if isinstance(self.screen, ConfirmScreen):
            return
        # Words typed a moment ago on a summary are saved before anything else.
        for screen in self.screen_stack:
            flush = getattr(screen, "flush_edits", None)
            if flush is not None:
                flush()
        detail = "Everything is already saved."
        if self.conversation is not None and self.conversation.state not in ("finished",):
            detail += " The session waits for you: bridges offers to resume it next time."

        def answer(sure: bool | None) -> None:
            if sure:
                self.save_session()
                self.exit()

        self.push_screen(ConfirmScreen("Leave bridges?", detail, yes="Quit", no="Stay"), answer)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a command in the palette."""
        area = getattr(screen, "BINDING_GROUP_TITLE", None) or "bridges"
        for binding in getattr(screen, "BINDINGS", []):
            # Shown in the key bar, or kept out of it only for room (those have a tooltip).
            if isinstance(binding, Binding) and (binding.show or binding.tooltip):
                action = binding.action
                if screen.check_action(action.split("(")[0], ()) is not True:
                    continue
                yield SystemCommand(
                    f"{area}: {binding.description}",
                    binding.tooltip or binding.description,
                    lambda action=action, screen=screen: screen.run_action(action),
                )
        yield SystemCommand("bridges: Help", "Keys and the ideas behind the practices", self.action_help)
        yield SystemCommand("bridges: Quit", "Leave bridges (asks first)", self.action_request_quit)
        yield from (
            command for command in super().get_system_commands(screen)
            if command.title not in ("Quit",)
        )


def run_app(talk: TalkRequest | None = None, start: str = "setup") -> int:
    BridgesApp(talk=talk, start=start).run()
    return 0
