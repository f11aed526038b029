"""Opening locked sessions: the passphrase typed on the unlock screen becomes the key
to the folder, in a thread (deriving it takes a moment), and the answer goes back to
the screen, or, once the key opens the folder, to the app to carry on with it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from bridges_tui.core.language.words import _
from bridges_tui.tui.hiding import HeldBack

if TYPE_CHECKING:
    from bridges_tui.core.files.session_key import SessionKey


class Unlocking:
    """Tries each passphrase on `folder`; `unlocked` gets the key that opens it."""

    def __init__(self, app: App[None], held: HeldBack, unlocked: Callable[[SessionKey], None]) -> None:
        self._app = app
        self._held = held
        self._unlocked = unlocked

    def try_passphrase(self, folder: Path, passphrase: str) -> None:
        self._app.run_worker(lambda: self._open_key(folder, passphrase), thread=True, group="unlock",
                             exclusive=True)

    def _open_key(self, folder: Path, passphrase: str) -> None:
        """In a thread: the key derivation, then back to the screen with the answer."""
        from bridges_tui.core.files import lock_moves
        from bridges_tui.core.files.session_key import LockError, WrongPassphrase

        def later(answer: Callable[[], None]) -> None:
            # The answer waits while the screen is hidden: unlocked, it would show their names.
            self._app.call_from_thread(lambda: self._held.now_or_later("unlock", answer, opens_screen=True))

        try:
            key = lock_moves.open_folder(folder, passphrase)
        except WrongPassphrase:
            later(lambda: self._refused(_("That passphrase doesn't open them. Take your time, and try again.")))
        except LockError as error:
            reason = str(error)  # `error` itself is gone once the except block ends
            later(lambda: self._refused(reason))
        else:
            later(lambda: self._unlocked(key))

    def _refused(self, reason: str) -> None:
        from bridges_tui.tui.screens.unlock import UnlockScreen

        if isinstance(self._app.screen, UnlockScreen):
            self._app.screen.refused(reason)
