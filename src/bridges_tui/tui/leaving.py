"""Leaving bridges: the question asked before it closes (Ctrl+Q, Ctrl+C), and the
words shown when it stopped on something it did not expect (see `tui.crash`).

Both say what becomes of the session held now: saved, waiting to be resumed, or
forgotten because it was off the record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bridges_tui.core.language.words import _

if TYPE_CHECKING:
    from textual.app import App

    from bridges_tui.tui.hiding import HeldBack
    from bridges_tui.tui.live_session import LiveSession


def ask_to_leave(app: App[None], live: LiveSession) -> None:
    """Ask whether to leave, saying what becomes of the session; close once sure,
    saving first. Asked once: not again over its own question."""
    from bridges_tui.tui.screens.confirm import ConfirmScreen  # a dialog, not the first screen

    if isinstance(app.screen, ConfirmScreen):
        return
    from bridges_tui.tui.screens.summary import SummaryScreen

    # Words typed a moment ago on a summary are saved before anything else.
    for screen in app.screen_stack:
        if isinstance(screen, SummaryScreen):
            screen.flush_edits()

    def answer(sure: bool | None) -> None:
        if sure:
            live.save()
            app.exit()

    app.push_screen(ConfirmScreen(_("Leave bridges?"), leaving_words(live), yes=_("Quit"), no=_("Stay")),
                    answer)


def leaving_words(live: LiveSession) -> str:
    """What leaving does to the session held now, in a sentence or two."""
    if live.off_the_record:
        return _("This session is off the record: leaving forgets it, and nothing of it is kept.")
    if live.waiting:
        return _("Everything is already saved. The session waits for you: bridges offers to resume "
                 "it next time.")
    return _("Everything is already saved.")


def words_after_crash(error: Exception, live: LiveSession, held: HeldBack) -> str:
    """After a crash: the session saved if it can be (with the writes that waited for
    the hidden screen), then the plain message to show in place of a traceback."""
    from bridges_tui.tui.crash import crash_message, write_crash_log

    keeper = live.keeper
    try:
        held.release(screens=False)  # the writes that waited for the screen
        live.save()
    except Exception:  # the error may lie in saving itself: the message says so
        unsaved: str | None = _("bridges could not write them")
    else:
        unsaved = (keeper.problem or _("not saved yet")) if keeper is not None and keeper.unsaved else None
    return crash_message(error, live.path, unsaved, write_crash_log(error), off_the_record=live.off_the_record)
