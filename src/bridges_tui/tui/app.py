"""The bridges app: opens on setup (or straight into a conversation, or on the
history), and moves between the screens as the couple asks.

The app owns a few plain objects and hands each what the screens report: the
session being held (`LiveSession`: start, keeping it on disk, finish, resume) and the
sessions looked back on (`PastSessions`: history, summaries, replay, export, delete),
both made on first use; the terminal's size (`TerminalFit`), the hide key (`Hiding`)
and the passphrase of locked sessions (`Unlocking`). Screens get their domain objects in
their constructors and report what the couple does with messages nested in the
screen that sends them (`SetupScreen.Start`); the app handles each in a method named
after it (`on_setup_screen_start`), which Textual finds by that name: an `@on`
decorator would need the screen's class when this module is read, and the screens
after the first are imported only when first opened, so the first screen comes up
fast.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.events import Resize
from textual.notifications import SeverityLevel
from textual.screen import Screen

if TYPE_CHECKING:
    from bridges_tui.core.files.session_key import SessionKey
    from bridges_tui.tui.live_session import LiveSession
    from bridges_tui.tui.past_sessions import PastSessions
    from bridges_tui.tui.screens.conversation import ConversationScreen
    from bridges_tui.tui.screens.history import HistoryScreen
    from bridges_tui.tui.screens.setup import SetupScreen, Typed
    from bridges_tui.tui.screens.summary import SummaryScreen
    from bridges_tui.tui.screens.unlock import UnlockScreen

from bridges_tui.core.files import paths
from bridges_tui.core.files.lock_files import is_locked
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.language.words import N_, _, spoken
from bridges_tui.core.model.records import record
from bridges_tui.core.model.session import Practice
from bridges_tui.core.practice_scripts.card_cache import CACHE_FILE as CARDS_CACHE
from bridges_tui.core.practice_scripts.catalog import Catalog, load_catalog
from bridges_tui.core.talk.clock import local_now
from bridges_tui.core.talk.session_choice import SessionChoice
from bridges_tui.tui.fitting import TerminalFit
from bridges_tui.tui.garbage import freeze_what_start_up_made
from bridges_tui.tui.hiding import HIDE_KEYS, HeldBack, Hiding
from bridges_tui.tui.settings import Settings
from bridges_tui.tui.styles import SHARED, read_every_sheet, sheets
from bridges_tui.tui.unlocking import Unlocking


@record
class TalkRequest:
    """`bridges talk`: open straight in a conversation with these settings."""

    practice: Practice
    names: tuple[str, str]
    turn_seconds: int | None = None
    #: `--off-the-record`: held in memory only (see `LiveSession`).
    off_the_record: bool = False


class BridgesApp(App[None]):
    """Two people, one keyboard: setup, conversation, breather, summary; and the
    history of past sessions."""

    TITLE = "bridges"
    #: Reading past sessions waits this long after start-up, so the first screen is
    #: drawn before any of them is read (Textual writes frames from a thread of its own).
    LOOK_BACK_DELAY = 0.3
    CSS_PATH = sheets(SHARED)
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        # Kept in English here and translated where shown (the key bar, the palette).
        Binding("f1", "help", N_("Help"), id="app.help", tooltip=N_("Keys and the ideas behind the practices")),
        Binding("ctrl+q", "request_quit", N_("Quit"), id="app.quit", priority=True,
                tooltip=N_("Leave bridges (asks first; everything is already saved)")),
        # Priority: it must work in every box and dialog (see `tui.hiding` for the keys).
        Binding(HIDE_KEYS, "hide", N_("Hide"), id="app.hide", priority=True,
                tooltip=N_("Hide everything at once (the turn pauses); again to come back")),
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
        #: True while the sessions are locked: nothing of them is read or shown until
        #: the passphrase opens their key (the unlock screen comes first).
        self.locked = is_locked(paths.sessions_folder())
        self._catalog = catalog
        self._catalog_given = catalog is not None
        self.settings = Settings(lambda words: self.notify(words, severity="warning"))
        #: What waits while the hide key's neutral view is up (saves, screens).
        self.held = HeldBack(lambda words: self.notify(words, severity="error", timeout=10))
        self._keep_sessions(SessionStore(paths.sessions_dir()))
        self.fit = TerminalFit(self)
        self.hiding = Hiding(self, self.held, self.fit,
                             lambda: self._live is not None and self._live.pause_for_hiding())
        self.unlocking = Unlocking(self, self.held, self._unlocked)
        # Until the first screen is open the terminal's size is not followed: it is
        # fitted once as that screen opens.
        self._first_screen_open = False

    def _keep_sessions(self, store: SessionStore) -> None:
        """Read and write the sessions through `store` (a locked folder's, once open)."""
        self.store = store
        self._live: LiveSession | None = None
        self._past: PastSessions | None = None

    @property
    def live(self) -> LiveSession:
        """The session being held, made on first use (the setup is drawn before)."""
        if self._live is None:
            from bridges_tui.tui.live_session import LiveSession

            self._live = LiveSession(self, self.store, lambda: self.catalog, now=self.now, wall=self.wall,
                                     hints=lambda: self.settings.config.phrasing_hints, held=self.held,
                                     names_shown=lambda: not self.settings.config.blank_start)
        return self._live

    @property
    def past(self) -> PastSessions:
        """The sessions looked back on, made on first use (as `live` is)."""
        if self._past is None:
            from bridges_tui.tui.past_sessions import PastSessions

            self._past = PastSessions(self, self.store, self.live, lambda: self.catalog, now=self.now,
                                      wall=self.wall, setup=self._setup_screen,
                                      hints=lambda: self.settings.config.phrasing_hints, held=self.held)
        return self._past

    # --- start-up ---------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        """Every practice, read on first use, the built-ins in the language bridges
        speaks (saying once which are in English for want of a translation)."""
        if self._catalog is None:
            self._catalog = load_catalog(paths.user_practices_dir(), spoken(),
                                         cards_cache=paths.data_dir() / CARDS_CACHE)
            if self._catalog.note:
                self.notify(self._catalog.note, timeout=10)
        return self._catalog

    def on_mount(self) -> None:
        self.set_timer(self.LOOK_BACK_DELAY, self._settle_in)
        self._make_folder_private()
        # The first screen is opened once the app has finished mounting. Opened from
        # here, it would be built inside Textual's start-up batch, drawn once for
        # nothing (the batch holds every frame back) and drawn again after it.
        # (`bridges_tui.testing.pilot.running` waits for it in tests.)
        self.call_later(self._open_first_screen)

    def _open_first_screen(self) -> None:
        if self.locked and self.store.key is None:
            from bridges_tui.tui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen())
        elif self.talk is not None:
            request = self.talk
            choice = SessionChoice(request.practice, request.names, request.turn_seconds, None,
                                   off_the_record=request.off_the_record)
            self.live.start(choice, first_screen=True)
        elif self.start == "history":
            self.past.open_history()
        else:
            self.push_screen(self._setup_screen())
            # Looking for an unfinished session reads every session's header: not
            # before the first screen is drawn, and not on the event loop.
            self.set_timer(self.LOOK_BACK_DELAY, lambda: self.run_worker(
                self.past.look_for_unfinished, thread=True, group="resume", exclusive=True))
        self._first_screen_open = True
        self.fit.fit()  # a terminal too small from the start: say so on top

    def _settle_in(self) -> None:
        """Once the first screen is up: what start-up put off, in this order (the
        sheets read last would stay out of the collector's freeze)."""
        if self.settings.warning:  # read by now for setup; `bridges talk` reads them here
            self.notify(self.settings.warning, severity="warning", timeout=10)
        read_every_sheet(self.stylesheet)
        freeze_what_start_up_made()

    def _make_folder_private(self) -> None:
        """Tighten a sessions folder that others could read, and tell the couple."""
        try:
            tightened = self.store.ensure_folder()
        except OSError:
            return  # the first save says what is wrong, and keeps the session in memory
        if tightened:
            self.notify(_("Your sessions folder {folder} could be read by others; bridges has made it "
                          "private (only you can open it now).").format(folder=paths.shown(self.store.folder)),
                        severity="warning", timeout=10)

    def _setup_screen(self, typed: Typed | None = None) -> SetupScreen:
        from bridges_tui.tui.screens.setup import SetupScreen

        config = self.settings.config
        setup = SetupScreen(self.catalog, None if config.blank_start else config.names, self.store,
                            typed=typed, saved_language=config.language)
        self.set_timer(self.LOOK_BACK_DELAY, lambda: self._look_back_from(setup))
        return setup

    def _look_back_from(self, setup: SetupScreen) -> None:
        """Once setup is on screen: which practices were done before, and how the last
        agreement went. Both read past sessions, in threads."""
        if setup.is_attached:
            setup.read_done_before()
            if not self.settings.config.blank_start:
                self.past.ask_followup(setup)

    def on_resize(self, event: Resize) -> None:
        if self._first_screen_open:  # before, the first screen's opening fits it
            self.fit.resized(event.size)

    # --- what the screens report ----------------------------------------------------

    def on_unlock_screen_tried(self, message: UnlockScreen.Tried) -> None:
        self.unlocking.try_passphrase(self.store.folder, message.passphrase)

    def _unlocked(self, key: SessionKey) -> None:
        self._keep_sessions(SessionStore(self.store.folder, key))
        self.pop_screen()
        self._open_first_screen()

    def on_setup_screen_start(self, message: SetupScreen.Start) -> None:
        if not message.choice.off_the_record:  # off the record, nothing is written at all
            self.settings.remember_names(message.choice.names, locked=self.locked)
        self.live.start(message.choice)

    def on_setup_screen_language_chosen(self, message: SetupScreen.LanguageChosen) -> None:
        """F3 on setup: speak that language from now on, at every start too, and show
        the setup again in it, with everything they had typed."""
        for note in self.settings.speak_in(message.code):
            self.notify(note, severity="warning", timeout=10)
        if not self._catalog_given:
            self._catalog = None  # the built-ins are read again, in this language
        self.switch_screen(self._setup_screen(message.typed))

    def on_conversation_screen_changed(self, _: ConversationScreen.Changed) -> None:
        self.live.save()

    def on_conversation_screen_finished(self, _: ConversationScreen.Finished) -> None:
        self.live.finish()

    def on_summary_screen_new_session(self, _: SummaryScreen.NewSession) -> None:
        self.new_session()

    def on_summary_screen_open_history(self, _: SummaryScreen.OpenHistory) -> None:
        self.past.open_history()

    def on_summary_screen_replay(self, message: SummaryScreen.Replay) -> None:
        self.past.replay(message.path)

    def on_summary_screen_export(self, message: SummaryScreen.Export) -> None:
        self.past.export(message.path)

    def on_summary_screen_delete(self, message: SummaryScreen.Delete) -> None:
        self.past.delete(message.path)

    def on_summary_screen_let_go(self, _: SummaryScreen.LetGo) -> None:
        self.past.let_go_of_live()

    def on_summary_screen_keep_after_all(self, _: SummaryScreen.KeepAfterAll) -> None:
        self.live.ask_to_keep()

    def on_history_screen_open(self, message: HistoryScreen.Open) -> None:
        self.past.open(message.path)

    def on_history_screen_replay(self, message: HistoryScreen.Replay) -> None:
        self.past.replay(message.path)

    def on_history_screen_export(self, message: HistoryScreen.Export) -> None:
        self.past.export(message.path)

    def on_history_screen_delete(self, message: HistoryScreen.Delete) -> None:
        self.past.delete(message.path)

    def on_history_screen_trends(self, message: HistoryScreen.Trends) -> None:
        self.past.trends(message.rows)

    def on_history_screen_leave(self, _: HistoryScreen.Leave) -> None:
        self.past.leave_history()

    def action_open_history(self) -> None:
        """F2 on setup."""
        self.past.open_history()

    def new_session(self) -> None:
        """A fresh setup, in place of the screen on top."""
        self.live.let_go()
        self.switch_screen(self._setup_screen())

    # --- keys, help, palette, size -------------------------------------------------

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications carry names, notes and file names: never read them as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def action_hide(self) -> None:
        """The hide key: the neutral view over everything, or everything back."""
        self.hiding.toggle()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While hidden only the hide key works: nothing opens over the neutral view.
        (It works once the first screen is open, so that none can open over it.)"""
        if action == "hide":
            return self._first_screen_open
        return not self.hiding.hidden

    def action_help(self) -> None:
        # Imported here: its Markdown widget costs the first screen ~30 ms to load.
        from bridges_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.catalog))

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's key for this; in a text box it copies): a reflex meaning
        "let me out", so it asks, as Ctrl+Q does, saving first. Textual's own version
        looks for a binding to `quit`, which bridges does not have, and says nothing."""
        self.action_request_quit()

    def action_request_quit(self) -> None:
        """Ctrl+Q: asks first, saying what becomes of the session (see `tui.leaving`)."""
        from bridges_tui.tui.leaving import ask_to_leave

        ask_to_leave(self, self.live)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a command in the palette (see
        `tui.palette`), then bridges' own and Textual's (but its Quit)."""
        from bridges_tui.tui.palette import app_commands, screen_commands, textual_commands

        yield from screen_commands(screen)
        yield from app_commands(self.action_help, self.action_hide, self.action_request_quit)
        yield from textual_commands(super().get_system_commands(screen))

    def action_command_palette(self) -> None:
        """The palette, its search box in the couple's language (see `tui.palette`)."""
        from bridges_tui.tui.palette import open_palette

        open_palette(self)

    def _handle_exception(self, error: Exception) -> None:
        """Anything unexpected: the session saved, a plain message, the app closed.

        Textual's own handler prints the traceback with every frame's local variables,
        and those may hold a note or a name (see `tui.crash`); this one never shows a
        traceback, as Harlequin's `AppBase._handle_exception` does for its errors.
        """
        from bridges_tui.tui.leaving import words_after_crash

        message = words_after_crash(error, self.live, self.held)
        self._return_code = 1
        if self._exception is None:
            # As Textual does: `run_test` raises it again, so a test sees the crash.
            self._exception = error
            self._exception_event.set()
        self.bell()
        self._exit_renderables.append(Text(message))
        self._close_messages_no_wait()


#: How long one thread may keep the interpreter while another waits (Python's default
#: is 5 ms). Textual writes each frame from a thread of its own: the setup's first frame
#: reached the terminal 2.4-2.7 ms after it was drawn, at this setting 0.7 ms after.
FRAME_WAIT_SECONDS = 0.0005


def run_app(talk: TalkRequest | None = None, start: str = "setup") -> int:
    sys.setswitchinterval(FRAME_WAIT_SECONDS)
    app = BridgesApp(talk=talk, start=start)
    app.run()
    return app.return_code or 0
