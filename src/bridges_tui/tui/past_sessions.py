"""Looking back: the history, a past session's summary (with the agreement and notes
correctable), its replay, the trends, export and letting a session go (both partners
agreeing: `letting_go` removes it and all made from it); and, on setup, the question
how the last agreement went.

A plain object the app owns, beside `LiveSession`. Everything here works on the
transcripts themselves; the history index only lists them, and it reads the folder
through a store of its own, since it is used from threads. The screens are imported
on first use, so nothing of this slows the first screen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.screen import Screen

from bridges_tui.core.files import paths
from bridges_tui.core.files.safe_files import StoreError, plain_reason, write_private
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.files.transcript_file import TranscriptError
from bridges_tui.core.language.words import _
from bridges_tui.core.model.session import Transcript
from bridges_tui.core.practice_scripts.catalog import Catalog
from bridges_tui.tui.hiding import HeldBack
from bridges_tui.tui.live_session import LiveSession

if TYPE_CHECKING:
    from bridges_tui.core.looking_back.corrections import Correction
    from bridges_tui.core.looking_back.history_index import AgreementToFollow, HistoryIndex, SessionRow
    from bridges_tui.tui.screens.export_dialog import ExportChoice
    from bridges_tui.tui.screens.setup import SetupScreen


class PastSession:
    """One session opened from the history: what its summary shows and corrects."""

    #: A past session is on disk, by definition.
    off_the_record = False

    def __init__(self, path: Path, transcript: Transcript, store: SessionStore,
                 changed: Callable[[], None], held: HeldBack) -> None:
        self.path = path
        self.transcript = transcript
        self._store = store
        self._changed = changed
        self._held = held

    def correct(self, correction: Correction) -> Transcript:
        """Apply `correction` to the file (once the screen is back, while it is
        hidden), and return the transcript as it now stands."""
        from bridges_tui.core.looking_back.corrections import corrected

        fixed = corrected(self.transcript, correction)
        if self._held.held:
            self.transcript = fixed
            self._held.now_or_later(f"past {self.path}", self._write)
            return fixed
        self._store.save(self.path, fixed)
        self.transcript = fixed
        self._changed()
        return fixed

    def _write(self) -> None:
        self._store.save(self.path, self.transcript)
        self._changed()

    def saved_line(self) -> str:
        """Where the file is, and what may be corrected in it."""
        if self.transcript.status == "in-progress":
            return _("{file} · in progress: resume it from the start screen. Nothing can be changed "
                     "here.").format(file=paths.shown(self.path))
        return _("File: {file} · the agreement and the notes can be corrected").format(file=paths.shown(self.path))


class PastSessions:
    """The sessions folder as the couple looks back on it."""

    def __init__(self, app: App[None], store: SessionStore, live: LiveSession,
                 catalog: Callable[[], Catalog], *, now: Callable[[], float],
                 wall: Callable[[], datetime], setup: Callable[[], Screen],
                 hints: Callable[[], bool], held: HeldBack) -> None:
        """`setup` makes a fresh setup screen, for when the history has nothing under it;
        `hints` says whether the couple wants phrasing hints; `held` holds writes back
        while the screen is hidden."""
        self._app = app
        self._held = held
        self._hints = hints
        self.store = store
        self._live = live
        self._catalog = catalog
        self._now = now
        self._wall = wall
        self._setup = setup
        self._index: HistoryIndex | None = None
        self._making_index = threading.Lock()

    @property
    def index(self) -> HistoryIndex:
        """The index of the sessions folder, made on first use, with a store of its own.
        Made once, though two threads ask at start (the look for an unfinished session
        and the follow-up's): two would each read, and the one kept might not be the
        one that read, so that what was read was never saved."""
        with self._making_index:
            if self._index is None:
                from bridges_tui.core.looking_back import letting_go
                from bridges_tui.core.looking_back.history_index import HistoryIndex

                index = HistoryIndex(self.store.sibling(), paths.data_dir())
                index.held = self._held.held
                self._held.follow(self._hold_index)
                # A let-go a SIGKILL cut short is finished before anything past is read
                # (a `stat` when there is none); if it can't be yet, the next start tries.
                letting_go.finish(index)
                self._index = index
            return self._index

    def _hold_index(self, held: bool) -> None:
        """The history's index writes nothing while the screen is hidden (a history
        being read in a thread goes on reading), and what it read is saved after."""
        if self._index is not None:
            self._index.held = held
            if not held:
                self._save_index_soon()

    def _save_index_soon(self) -> None:
        self._app.run_worker(self.index.save, thread=True, group="index-save")

    # --- on setup -------------------------------------------------------------------

    def ask_followup(self, setup: SetupScreen) -> None:
        """Ask on `setup` how the most recent agreement went, if there is one."""

        def look() -> None:
            try:
                found = self.index.agreement_to_follow()
                self.index.save()
            except OSError:
                return  # no history to read: nothing to ask
            if found is not None:
                self._app.call_from_thread(self._show_followup, setup, found)

        self._app.run_worker(look, thread=True, group="followup", exclusive=True)

    def _show_followup(self, setup: SetupScreen, found: AgreementToFollow) -> None:
        if setup.is_attached:
            setup.ask_followup(found)

    # --- the history ------------------------------------------------------------------

    def open_history(self) -> None:
        """Show the history, on top, or go back to it if it is open underneath."""
        from bridges_tui.tui.screens.history import HistoryScreen

        app = self._app
        if any(isinstance(screen, HistoryScreen) for screen in app.screen_stack):
            while not isinstance(app.screen_stack[-1], HistoryScreen):
                app.pop_screen()
            return
        app.push_screen(HistoryScreen(self.index, self._wall().date()))

    def leave_history(self) -> None:
        """Back to where the history was opened from; to setup after `bridges history`."""
        if len(self._app.screen_stack) > 2:
            self._app.pop_screen()
        else:
            self._live.let_go()
            self._app.switch_screen(self._setup())

    def _load(self, path: Path) -> Transcript | None:
        try:
            return self.store.load(path)
        except (TranscriptError, OSError) as error:
            self._app.notify(_("Can't open {file}: {problem}").format(file=path.name, problem=error),
                             severity="error", timeout=10)
            return None

    # --- one past session ---------------------------------------------------------------

    def open(self, path: Path) -> None:
        """The summary of the session at `path`: read-only but for agreement and notes."""
        if self._live.is_kept_in(path):
            self._app.notify(_("That is the session you just finished: its summary is open."))
            self.leave_history()
            return
        transcript = self._load(path)
        if transcript is None:
            return
        from bridges_tui.tui.screens.summary import SummaryScreen

        practice = self._catalog().get(transcript.practice, transcript.language)
        session = PastSession(path, transcript, self.store, self._save_index_soon, self._held)
        self._app.push_screen(SummaryScreen(
            transcript, session, plan=practice.plan() if practice is not None else None, path=path,
            hints=self._hints(), reframe=practice.reframe if practice is not None else None,
        ))

    def replay(self, path: Path) -> None:
        """Play the session at `path` back."""
        transcript = self._load(path)
        if transcript is None:
            return
        from bridges_tui.tui.screens.replay import ReplayScreen

        practice = self._catalog().get(transcript.practice, transcript.language)
        self._app.push_screen(ReplayScreen(transcript, practice, now=self._now))

    def trends(self, rows: list[SessionRow]) -> None:
        from bridges_tui.tui.screens.trends import TrendsScreen

        self._app.push_screen(TrendsScreen(rows, self._wall().date()))

    def export(self, path: Path) -> None:
        """Ask where, then write the session as Markdown or TOML (never over a file).
        A name refused keeps the dialog open, saying why beside it; a cancel says
        nothing was written."""
        transcript = self._load(path)
        if transcript is None:
            return
        from bridges_tui.tui.screens.export_dialog import ExportDialog

        def done(choice: ExportChoice | None) -> None:
            if choice is None:
                self._app.notify(_("Not exported."), timeout=3)
            else:
                self._app.notify(_("Exported to {file}").format(file=paths.shown(choice.path)))

        dialog = ExportDialog(path.stem, Path.home(),
                              write=lambda choice: self._write_export(path, transcript, choice))
        self._app.push_screen(dialog, done)

    def _write_export(self, path: Path, transcript: Transcript, choice: ExportChoice) -> str | None:
        """Write the export; None once written, else why not, in plain words."""
        from bridges_tui.core.looking_back.export import exported

        target = choice.path
        try:
            if target.exists() or target.is_symlink():
                raise StoreError(target, _("a file with that name already exists; choose another name"))
            if target.resolve().parent == self.store.folder.resolve():
                raise StoreError(target, _("that is the sessions folder; choose another place"))
            write_private(target, exported(path, transcript, choice.form))
        except OSError as error:
            return plain_reason(error)
        except UnicodeDecodeError as error:
            return _("the session's file can't be read: {problem}").format(problem=error)
        return None

    def delete(self, path: Path) -> None:
        """Let the session at `path` go, once both partners have agreed, each with a
        key of their own: its file and all made from it are removed."""
        entry = self.store.entry(path)
        what = path.name
        names: tuple[str, str] = ("A", "B")
        if entry.readable and entry.started is not None:
            from bridges_tui.core.language import dates

            names = entry.partners or names
            what = f"{entry.title}, {dates.moment(entry.started)}, {' & '.join(names)}"
        detail = _("{session}.\nIts file, its entry in the history and its words for the search are "
                   "removed from this computer; this cannot be undone. "
                   "Each of you agrees with your own key; one of you alone can't.").format(session=what)

        from bridges_tui.tui.screens.both_agree import BothAgreeScreen

        def answer(sure: bool | None) -> None:
            if sure:
                self._let_go(path)

        self._app.push_screen(BothAgreeScreen(_("Let this session go?"), detail, names,
                                              yes=_("Let it go"), no=_("Keep it")), answer)

    def let_go_of_live(self) -> None:
        """Let the session just held go (its summary asked), once both agree."""
        if self._live.path is not None:
            self.delete(self._live.path)
            return
        conversation = self._live.conversation
        if conversation is None:
            return
        from bridges_tui.tui.screens.both_agree import BothAgreeScreen

        def answer(sure: bool | None) -> None:
            if sure:  # never written (the disk said no): nothing to remove but memory
                self._live.let_go()
                self._app.switch_screen(self._setup())

        self._app.push_screen(BothAgreeScreen(
            _("Let this session go?"), _("It is not on disk yet; letting it go forgets it, and bridges "
                                         "stops trying to save it. Each of you agrees with your own "
                                         "key; one of you alone can't."),
            conversation.partners, yes=_("Let it go"), no=_("Keep it")), answer)

    def look_for_unfinished(self) -> None:
        """In a thread, at start: a let-go a SIGKILL cut short is finished first (so it
        is never offered), then the newest unfinished session is offered for resuming."""
        try:
            _made = self.index  # making it finishes any let-go a SIGKILL cut short
        except OSError:
            pass  # the folder can't be read: the offer finds nothing either
        self._live.offer_resume()

    def _let_go(self, path: Path) -> None:
        from bridges_tui.core.looking_back import letting_go
        from bridges_tui.tui.screens.summary import SummaryScreen

        live = self._live.is_kept_in(path)
        if live:
            self.store.release(path)  # this bridges' own hold would read as another's
        try:
            problem = letting_go.let_go(self.index, path)
        except OSError as error:
            if live:
                self.store.hold(path)
            self._app.notify(_("Not let go: {problem}").format(problem=error), severity="error", timeout=10)
            return
        said = _("Let go: {file} is removed from this computer.").format(file=path.name)
        if problem is not None:
            said = _("Let go: {file} is removed from this computer. Its history entry couldn't be removed "
                     "yet ({problem}); bridges finishes that next time.").format(file=path.name, problem=problem)
        self._app.notify(said, timeout=8)
        if live:
            # Nothing may save that session again: its summary goes.
            self._live.let_go()
            self._drop_screens(lambda screen: isinstance(screen, SummaryScreen) and not screen.past)
        else:
            self._drop_screens(lambda screen: isinstance(screen, SummaryScreen) and screen.path == path)

    def _drop_screens(self, gone: Callable[[Screen], bool]) -> None:
        """Close the screens on top that show a deleted session (back to the history)."""
        from bridges_tui.tui.screens.history import HistoryScreen

        app = self._app
        if not any(gone(screen) for screen in app.screen_stack[1:]):
            return
        while len(app.screen_stack) > 1 and not isinstance(app.screen_stack[-1], HistoryScreen):
            app.pop_screen()
        if len(app.screen_stack) == 1:  # the summary was all there was: a fresh setup
            app.push_screen(self._setup())
            return
        history = app.screen_stack[-1]
        if isinstance(history, HistoryScreen) and any(gone(screen) for screen in app.screen_stack[1:]):
            # The live session's summary lies under the history: start afresh beneath.
            while len(app.screen_stack) > 1:
                app.pop_screen()
            app.push_screen(self._setup())
            app.push_screen(HistoryScreen(history.index, history.today))
