"""The app's part in looking back: the history, a past session's summary (with the
agreement and notes correctable), its replay, the trends, export and delete.

A mixin of `BridgesApp`, so that screens reach these flows as app actions
(`app.open_history`) and the app module keeps to a session's lifecycle. Everything
here works on the transcripts themselves; the history index only lists them. The
screens are imported on first use, so nothing of this slows the first screen.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from bridges_tui.core.files import paths
from bridges_tui.core.files.safe_files import StoreError, write_private
from bridges_tui.core.files.transcript_file import TranscriptError
from bridges_tui.core.model.session import Transcript

if TYPE_CHECKING:
    from bridges_tui.core.looking_back.history_index import HistoryIndex, SessionRow


class LookingBack:
    """Past sessions, for `BridgesApp` (which supplies store, catalog, keeper, now, wall)."""

    _history_index: HistoryIndex | None

    @property
    def history_index(self) -> HistoryIndex:
        """The index of the sessions folder, made on first use."""
        if self._history_index is None:
            from bridges_tui.core.looking_back.history_index import HistoryIndex

            self._history_index = HistoryIndex(self.store, paths.data_dir())  # type: ignore[attr-defined]
        return self._history_index

    def _today(self) -> date:
        return self.wall().date()  # type: ignore[attr-defined]

    def _save_index_soon(self) -> None:
        self.run_worker(self.history_index.save, thread=True, group="index-save")  # type: ignore[attr-defined]

    # --- the history ------------------------------------------------------------------

    def open_history(self) -> None:
        """Show the history, on top, or go back to it if it is open underneath."""
        from bridges_tui.tui.screens.history import HistoryScreen

        stack: list[Screen] = self.screen_stack  # type: ignore[attr-defined]
        if any(isinstance(screen, HistoryScreen) for screen in stack):
            while not isinstance(stack[-1], HistoryScreen):
                self.pop_screen()  # type: ignore[attr-defined]
                stack = self.screen_stack  # type: ignore[attr-defined]
            return
        self.push_screen(HistoryScreen(self.history_index, self._today()))  # type: ignore[attr-defined]

    action_open_history = open_history

    def leave_history(self) -> None:
        """Back to where the history was opened from; to setup after `bridges history`."""
        if len(self.screen_stack) > 2:  # type: ignore[attr-defined]
            self.pop_screen()  # type: ignore[attr-defined]
        else:
            self.new_session()  # type: ignore[attr-defined]

    def _load(self, path: Path) -> Transcript | None:
        try:
            return self.store.load(path)  # type: ignore[attr-defined]
        except (TranscriptError, OSError) as error:
            self.notify(f"Can't open {path.name}: {error}", severity="error", timeout=10)  # type: ignore[attr-defined]
            return None

    def _is_live(self, path: Path) -> bool:
        keeper = self.keeper  # type: ignore[attr-defined]
        return keeper is not None and keeper.path is not None and Path(keeper.path) == Path(path)

    # --- one past session ---------------------------------------------------------------

    def open_past_session(self, path: Path) -> None:
        """The summary of the session at `path`: read-only but for agreement and notes."""
        if self._is_live(path):
            self.notify("That is the session you just finished: its summary is open.")
            self.leave_history()
            return
        transcript = self._load(path)
        if transcript is None:
            return
        from bridges_tui.core.looking_back.corrections import Correction, corrected
        from bridges_tui.tui.screens.summary import SummaryScreen

        practice = self.catalog.get(transcript.practice)  # type: ignore[attr-defined]
        held = [transcript]

        def edit(correction: Correction) -> Transcript:
            fixed = corrected(held[0], correction)
            self.store.save(path, fixed)  # type: ignore[attr-defined]
            held[0] = fixed
            self._save_index_soon()
            return fixed

        def saved_line() -> str:
            if held[0].status == "in-progress":
                return (f"{paths.shown(path)} · in progress: resume it from the start screen. "
                        "Nothing can be changed here.")
            return f"File: {paths.shown(path)} · the agreement and the notes can be corrected"

        self.push_screen(SummaryScreen(  # type: ignore[attr-defined]
            transcript, edit=edit, saved_line=saved_line,
            plan=practice.plan() if practice is not None else None, past=True, path=path,
        ))

    def open_replay(self, path: Path) -> None:
        """Play the session at `path` back."""
        transcript = self._load(path)
        if transcript is None:
            return
        from bridges_tui.tui.screens.replay import ReplayScreen

        practice = self.catalog.get(transcript.practice)  # type: ignore[attr-defined]
        self.push_screen(ReplayScreen(transcript, practice, now=self.now))  # type: ignore[attr-defined]

    def open_trends(self, rows: list[SessionRow]) -> None:
        from bridges_tui.tui.screens.trends import TrendsScreen

        self.push_screen(TrendsScreen(rows, self._today()))  # type: ignore[attr-defined]

    def export_session(self, path: Path) -> None:
        """Ask where, then write the session as Markdown or TOML (never over a file)."""
        transcript = self._load(path)
        if transcript is None:
            return
        from bridges_tui.core.looking_back.export import exported
        from bridges_tui.tui.screens.export_dialog import ExportChoice, ExportDialog

        def write(choice: ExportChoice | None) -> None:
            if choice is None:
                return
            target = choice.path
            try:
                if target.exists() or target.is_symlink():
                    raise StoreError(target, "a file with that name already exists; choose another name")
                if target.resolve().parent == self.store.folder.resolve():  # type: ignore[attr-defined]
                    raise StoreError(target, "that is the sessions folder; choose another place")
                write_private(target, exported(path, transcript, choice.form))
            except (OSError, UnicodeDecodeError) as error:
                self.notify(f"Not exported: {error}", severity="error", timeout=10)  # type: ignore[attr-defined]
                return
            self.notify(f"Exported to {paths.shown(target)}")  # type: ignore[attr-defined]

        self.push_screen(ExportDialog(path.stem, Path.home()), write)  # type: ignore[attr-defined]

    def delete_session(self, path: Path) -> None:
        """Delete the session at `path`, after asking; the file is removed."""
        entry = self.store.entry(path)  # type: ignore[attr-defined]
        what = path.name
        if entry.readable and entry.started is not None:
            who = " & ".join(entry.partners or ())
            what = f"{entry.title}, {entry.started:%a %d %b %Y, %H:%M}, {who}"
        detail = f"{what}.\nThe file {paths.shown(path)} is removed; this cannot be undone."

        from bridges_tui.tui.screens.confirm import ConfirmScreen

        def answer(sure: bool | None) -> None:
            if sure:
                self._delete(path)

        self.push_screen(  # type: ignore[attr-defined]
            ConfirmScreen("Delete this session?", detail, yes="Delete", no="Keep it"), answer
        )

    def _delete(self, path: Path) -> None:
        from bridges_tui.tui.screens.summary import SummaryScreen

        live = self._is_live(path)
        try:
            self.store.delete(path)  # type: ignore[attr-defined]
        except OSError as error:
            self.notify(f"Not deleted: {error}", severity="error", timeout=10)  # type: ignore[attr-defined]
            return
        self.history_index.forget(path)
        self._save_index_soon()
        self.notify(f"Deleted {path.name}.")  # type: ignore[attr-defined]
        if live:
            # Nothing may save that session again: the summary under the history goes.
            self.conversation = None
            self.keeper = None
            self._drop_screens(lambda screen: isinstance(screen, SummaryScreen))
        else:
            self._drop_screens(lambda screen: getattr(screen, "path", None) == path)

    def _drop_screens(self, gone: Any) -> None:
        """Close the screens on top that show a deleted session (back to the history)."""
        stack: list[Screen] = self.screen_stack  # type: ignore[attr-defined]
        if not any(gone(screen) for screen in stack[1:]):
            return
        from bridges_tui.tui.screens.history import HistoryScreen

        while len(stack) > 1 and not isinstance(stack[-1], HistoryScreen):
            self.pop_screen()  # type: ignore[attr-defined]
            stack = self.screen_stack  # type: ignore[attr-defined]
        if any(gone(screen) for screen in stack[1:]):
            # The live session's summary lies under the history: start afresh beneath.
            history = stack[-1]
            while len(self.screen_stack) > 1:  # type: ignore[attr-defined]
                self.pop_screen()  # type: ignore[attr-defined]
            self.push_screen(self._setup_screen())  # type: ignore[attr-defined]
            self.push_screen(HistoryScreen(history.index, history.today))  # type: ignore[attr-defined]
