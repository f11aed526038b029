"""The app's part in an unfinished session: once the first screen is up, the newest
session that did not finish is offered for resume (it continues where it stopped) or
for closing as ended early. Either way every word stays saved.

A mixin of `BridgesApp`, like `LookingBack`: the offer is read from the sessions
folder in a thread, after the first screen is drawn, and its screen is imported only
when there is something to offer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from bridges_tui.core.files.keeper import SessionKeeper
from bridges_tui.core.files.store import SessionRow, SessionStore


class OffersToResume:
    """Resume or close an unfinished session, for `BridgesApp` (which supplies store,
    catalog, conversation, now, wall, notify and `_open_conversation`)."""

    store: SessionStore
    conversation: Any

    def _find_unfinished(self) -> None:
        """In a thread: offer the newest in-progress session for resume, if any."""
        try:
            # A store of its own: the app's store is not shared across threads.
            waiting = SessionStore(self.store.folder).in_progress()
        except OSError:
            return
        if waiting:
            self.call_from_thread(self._offer_resume, waiting[0])

    def _offer_resume(self, entry: SessionRow) -> None:
        from bridges_tui.tui.screens.resume import ResumeScreen

        if self.conversation is not None:
            return  # a conversation started meanwhile; it is offered next time
        self.push_screen(ResumeScreen(entry, self.catalog), self._resume_answer(entry))

    def _resume_answer(self, entry: SessionRow) -> Callable[[str | None], None]:
        def answer(choice: str | None) -> None:
            if choice == "resume":
                self.resume_session(entry.path)
            elif choice == "close":
                self.close_as_ended_early(entry.path)

        return answer

    def resume_session(self, path: Path) -> None:
        """Continue an in-progress session where it stopped."""
        from bridges_tui.core.talk.conversation import Conversation

        try:
            transcript = self.store.load(path)
        except Exception as error:
            self.notify(f"Could not open {path.name}: {error}", severity="error", timeout=10)
            return
        practice = self.catalog.get(transcript.practice)
        if practice is None:
            self.notify(
                f"The practice {transcript.practice!r} is not installed any more, so this "
                "session cannot be resumed. It stays on disk untouched.",
                severity="error",
                timeout=10,
            )
            return
        conversation = Conversation.resume(practice, transcript, now=self.now, wall=self.wall)
        self._open_conversation(conversation, SessionKeeper(self.store, path))

    def close_as_ended_early(self, path: Path) -> None:
        try:
            transcript = self.store.load(path)
            last = max((turn.started for turn in transcript.turns), default=transcript.started)
            self.store.save(path, replace(transcript, status="ended-early", ended=max(last, transcript.started)))
        except Exception as error:
            self.notify(f"Could not close {path.name}: {error}", severity="error", timeout=10)
        else:
            self.notify(f"Closed {path.name} as ended early; nothing was deleted.")
