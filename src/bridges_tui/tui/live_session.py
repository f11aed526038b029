"""The session being held now, from its start to its summary: kept on disk after
every change (and in memory, retried, while the disk says no), finished, corrected
on its summary, and picked up again after bridges stopped during it.

A session off the record is held the same way through a keeper with no store
(`KeptInMemory`): every save is made and none reaches the disk, so no transcript,
autosave, draft or history entry exists of it, and nothing is offered for resuming.
Kept after all (both partners chose it on the summary), it gets a `SessionKeeper`
and is written as any session is from that moment.

A plain object the app owns. The screens never reach it: they report what the couple
does with messages, and the app asks this object to act. The conversation's module
and the screens after the first are imported on first use, so none of this slows
the first screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.timer import Timer

from bridges_tui.core.files import paths
from bridges_tui.core.files.keeper import KeptInMemory, SessionKeeper
from bridges_tui.core.files.session_row import SessionRow
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.language.words import _, n_
from bridges_tui.core.model.session import Transcript
from bridges_tui.core.practice_scripts.catalog import Catalog
from bridges_tui.core.talk.session_choice import SessionChoice
from bridges_tui.core.talk.states import State
from bridges_tui.tui.hiding import HeldBack

if TYPE_CHECKING:
    from bridges_tui.core.looking_back.corrections import Correction
    from bridges_tui.core.talk.conversation import Conversation

#: While a save fails, bridges tries again this often.
RETRY_SECONDS = 5.0


class LiveSession:
    """The one conversation bridges is holding, if any, and the file it is kept in."""

    def __init__(self, app: App[None], store: SessionStore, catalog: Callable[[], Catalog], *,
                 now: Callable[[], float], wall: Callable[[], datetime], hints: Callable[[], bool],
                 held: HeldBack, names_shown: Callable[[], bool] = lambda: True) -> None:
        """`hints` says whether the couple wants phrasing hints (their config, as it is now);
        `held` holds saves back while the screen is hidden; `names_shown` whether the
        offer to resume, at the start, may name them (not with a blank start screen)."""
        self._app = app
        self._names_shown = names_shown
        self._held = held
        self._hints = hints
        self.store = store
        self._catalog = catalog
        self.now = now
        self.wall = wall
        self.conversation: Conversation | None = None
        self.keeper: SessionKeeper | KeptInMemory | None = None
        self._retry_timer: Timer | None = None

    # --- start and resume ---------------------------------------------------------

    def start(self, choice: SessionChoice, *, first_screen: bool = False) -> None:
        """Begin a new conversation and save it at once, so nothing can be lost.

        As the first screen (`bridges talk`) it holds nothing typed yet, so it is saved
        just after it is first drawn, and the couple see it without waiting on the disk.
        Off the record, it is held in memory only.
        """
        from bridges_tui.core.talk.conversation import Conversation

        conversation = Conversation(
            choice.practice,
            choice.names,
            turn_seconds=choice.turn_seconds,
            now=self.now,
            wall=self.wall,
            checkin_before=choice.checkin,
            followup=choice.followup,
        )
        keeper = KeptInMemory() if choice.off_the_record else SessionKeeper(self.store)
        self._open(conversation, keeper, save_now=not first_screen)

    def _open(self, conversation: Conversation, keeper: SessionKeeper | KeptInMemory, *,
              save_now: bool = True) -> None:
        from bridges_tui.tui.screens.conversation import ConversationScreen

        self.conversation = conversation
        self.keeper = keeper
        if save_now:
            self.save()
        self._app.push_screen(ConversationScreen(conversation, now=self.now, hints=self._hints,
                                                 off_the_record=self.off_the_record))
        if not save_now:
            self._app.call_after_refresh(self.save)

    def offer_resume(self) -> None:
        """In a thread: offer the newest session that did not finish, if any."""
        try:
            # A store of its own: the app's store is not shared across threads.
            waiting = self.store.sibling().in_progress()
        except OSError:
            return
        if waiting:
            # Never over the hide key's neutral view: it would name the session.
            self._app.call_from_thread(lambda: self._held.now_or_later(
                "offer", lambda: self._offer(waiting[0]), opens_screen=True))

    def _offer(self, entry: SessionRow) -> None:
        from bridges_tui.tui.screens.resume import ResumeScreen

        if self.conversation is not None:
            return  # a conversation started meanwhile; it is offered next time

        def answer(choice: str | None) -> None:
            if choice == "resume":
                self.resume(entry.path)
            elif choice == "close":
                self.close_as_ended_early(entry.path)

        self._app.push_screen(ResumeScreen(entry, self._catalog(), names=self._names_shown()), answer)

    def resume(self, path: Path) -> None:
        """Continue an in-progress session where it stopped."""
        from bridges_tui.core.talk.conversation import Conversation

        try:
            transcript = self.store.load(path)
        except Exception as error:
            self._app.notify(_("Could not open {file}: {problem}").format(file=path.name, problem=error),
                             severity="error", timeout=10)
            return
        practice = self._catalog().get(transcript.practice, transcript.language)
        if practice is None:
            self._app.notify(
                _("The practice {practice} is not installed any more, so this session cannot be "
                  "resumed. It stays on disk untouched.").format(practice=repr(transcript.practice)),
                severity="error",
                timeout=10,
            )
            return
        conversation = Conversation.resume(practice, transcript, now=self.now, wall=self.wall)
        self._open(conversation, SessionKeeper(self.store, path))

    def close_as_ended_early(self, path: Path) -> None:
        try:
            transcript = self.store.load(path)
            last = max((turn.started for turn in transcript.turns), default=transcript.started)
            self.store.save(path, replace(transcript, status="ended-early", ended=max(last, transcript.started)))
        except Exception as error:
            self._app.notify(_("Could not close {file}: {problem}").format(file=path.name, problem=error),
                             severity="error", timeout=10)
        else:
            self._app.notify(_("Closed {file} as ended early; nothing was deleted.").format(file=path.name))

    # --- keeping it on disk ---------------------------------------------------------

    def save(self) -> None:
        """Write the session to disk now (or, while the screen is hidden, as soon as
        it is back); on failure keep it in memory and retry."""
        self._held.now_or_later("live", self._save_now)

    def _save_now(self) -> None:
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
            self._app.notify(_("Saved again: the session is safely on disk."), timeout=5)

    def _unsaved(self) -> None:
        problem = self.keeper.problem if self.keeper else _("unknown problem")
        if self._retry_timer is None:
            seconds = round(RETRY_SECONDS)
            self._app.notify(
                n_("Can't save right now ({problem}). Keep going: everything is kept in memory and "
                   "bridges tries again every {seconds} second.",
                   "Can't save right now ({problem}). Keep going: everything is kept in memory and "
                   "bridges tries again every {seconds} seconds.", seconds).format(problem=problem, seconds=seconds),
                severity="error",
                timeout=15,
            )
            self._retry_timer = self._app.set_interval(RETRY_SECONDS, self.retry)

    def retry(self) -> None:
        """Try once more to save what is not saved yet (the retry timer's job; not
        while the screen is hidden)."""
        if self.keeper is not None and not self._held.held and self.keeper.retry():
            self._saved()

    def is_kept_in(self, path: Path) -> bool:
        """True if the live session is the one kept in `path`."""
        keeper = self.keeper
        return keeper is not None and keeper.path is not None and Path(keeper.path) == Path(path)

    @property
    def off_the_record(self) -> bool:
        """True while the session is held in memory only."""
        return isinstance(self.keeper, KeptInMemory)

    def keep_after_all(self) -> None:
        """Both chose to keep the session off the record: write it as any session is,
        from now on (encrypted, when the folder is locked)."""
        if self.conversation is None or not self.off_the_record:
            return
        self.keeper = SessionKeeper(self.store)
        self.save()

    def ask_to_keep(self) -> None:
        """On the summary of a session off the record: keep it after all, once both
        partners have agreed, each with a key of their own."""
        from bridges_tui.tui.screens.both_agree import BothAgreeScreen
        from bridges_tui.tui.screens.summary import SummaryScreen

        conversation = self.conversation
        if conversation is None or not self.off_the_record:
            return
        summary = self._app.screen

        def answer(sure: bool | None) -> None:
            if not sure:
                return
            self.keep_after_all()
            if isinstance(summary, SummaryScreen) and summary.is_attached:
                summary.kept()
            self._app.notify(self.saved_line(), timeout=6)

        self._app.push_screen(BothAgreeScreen(
            _("Keep this session after all?"),
            _("It is saved as any session is, from now on: its transcript, and in the history. "
              "Each of you agrees with your own key; one of you alone can't."),
            conversation.partners, yes=_("Keep it"), no=_("Leave it off the record")), answer)

    @property
    def path(self) -> Path | None:
        """The session's file, once it has one."""
        return self.keeper.path if self.keeper is not None else None

    # --- its end --------------------------------------------------------------------

    def finish(self) -> None:
        """Close the conversation (complete or ended early) and show the summary."""
        conversation = self.conversation
        if conversation is None:
            return
        if conversation.state == "done":
            conversation.finish()
        self.save()
        from bridges_tui.tui.screens.summary import SummaryScreen

        self._app.switch_screen(
            SummaryScreen(conversation.transcript(), self, plan=conversation.plan,
                          hints=self._hints(), reframe=conversation.practice.reframe)
        )

    def correct(self, correction: Correction) -> Transcript:
        """Apply a change made on the end-of-session summary, save it, and return the
        transcript as it now stands."""
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
        self.save()
        return conversation.transcript()

    def saved_line(self) -> str:
        """Where the session is kept, for its summary."""
        keeper = self.keeper
        if isinstance(keeper, KeptInMemory):
            return _("Off the record: nothing is saved, and leaving this summary forgets the session. "
                     "To keep it after all, both of you agree (ctrl+s).")
        if keeper is not None and keeper.unsaved:
            return _("Not saved yet ({problem}); bridges keeps trying.").format(problem=keeper.problem)
        if keeper is not None and keeper.path is not None:
            return _("Saved to {file}. Kept, unless you both let it go (ctrl+l).").format(
                file=paths.shown(keeper.path))
        return _("Not saved yet: bridges keeps trying.")

    def pause_for_hiding(self) -> bool:
        """Pause a running turn, as its own pause key does (the hide key); True if
        there was one."""
        if self.conversation is None or self.conversation.state != State.SPEAKING:
            return False
        self.conversation.pause()
        return True

    @property
    def waiting(self) -> bool:
        """True while a conversation is open that has not finished."""
        return self.conversation is not None and self.conversation.state != "finished"

    def let_go(self) -> None:
        """Hold no session any more (a new one is set up, or this one was let go of):
        nothing saves it again, and a session off the record is forgotten."""
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        self.conversation = None
        self.keeper = None
