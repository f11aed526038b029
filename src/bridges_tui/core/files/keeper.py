"""Keeps a running session on disk, and in memory whenever the disk says no.

After every turn, note and break the app hands the keeper a fresh transcript. The
first save claims the session's file; later ones rewrite it atomically. When a
write fails (a full disk, a folder that vanished or turned read-only) the keeper
holds on to the latest transcript and reports the problem in plain words; the app
retries until a write succeeds. Nothing typed is lost meanwhile.

The keeper holds its session's file (see `SessionStore.hold`) so that a second
bridges on the same folder leaves it alone. A resumed session that another bridges
turns out to be keeping after all is never written over: it is saved as a new
session instead.

A session held off the record has a keeper without a store (`KeptInMemory`): the
same calls, and nothing written.
"""

from __future__ import annotations

from pathlib import Path

from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.model.session import Transcript


class SessionKeeper:
    """Saves one session's transcript, and remembers what is not yet saved."""

    def __init__(self, store: SessionStore, path: Path | None = None) -> None:
        self.store = store
        self.path = path
        self.problem: str | None = None
        self._unsaved: Transcript | None = None

    @property
    def unsaved(self) -> bool:
        """True while the newest transcript exists only in memory."""
        return self._unsaved is not None

    def keep(self, transcript: Transcript) -> bool:
        """Save `transcript` now. False (with `problem` set) when it could not be written."""
        self._unsaved = transcript
        return self.retry()

    def retry(self) -> bool:
        """Try again to write what is not yet saved. True once it is on disk."""
        transcript = self._unsaved
        if transcript is None:
            return True
        try:
            if self.path is not None and not self.store.hold(self.path):
                self.path = None  # another bridges keeps that file: start a new one
            if self.path is None:
                self.path = self.store.create(transcript)
            else:
                self.store.save(self.path, transcript)
        except Exception as error:
            self.problem = str(error) or type(error).__name__
            return False
        self._unsaved = None
        self.problem = None
        return True


class KeptInMemory:
    """The keeper of a session held off the record: it writes nothing, anywhere.

    It answers as `SessionKeeper` does (every keep succeeds, there is never a file),
    so the live session saves after every turn as usual and nothing reaches the disk
    by design: this keeper has no store to write through. Keeping the session after
    all means handing its transcript to a `SessionKeeper` (see `LiveSession`).
    """

    #: Never a file, never a problem, never anything waiting to be written.
    path: Path | None = None
    problem: str | None = None
    unsaved = False

    def keep(self, transcript: Transcript) -> bool:
        """Nothing to do: the conversation holds the transcript, in memory only."""
        return True

    def retry(self) -> bool:
        """Nothing is ever waiting to be written."""
        return True
