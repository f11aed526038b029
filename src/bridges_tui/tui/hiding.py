"""Hide at once: one key, the same on every screen, puts a neutral view over
everything and brings it all back as it was.

The key is `F12` or `ctrl+g`: F12 for the partner on the right (the end of the top
row), ctrl+g for the one on the left, so neither has to reach across the other. Both
are free everywhere in bridges and in Textual's text boxes (ctrl+h would be Backspace
in a terminal, Escape already skips a note and closes dialogs, F1, F2 and F5-F7 are
taken, and a letter would type into a note), and neither is a shell's or tmux's
usual prefix. It is an app binding with priority, so it works whichever box has the
focus, in every dialog and in the command palette.

Hiding pushes `HiddenScreen`, a whole opaque screen, over the stack; the screens
beneath are not touched, so their boxes keep what was typed, their focus and their
scroll. A turn that is running is paused with the conversation's own pause (the
transcript counts the time as paused, as any pause); it comes back paused, so that the
clock never runs while nobody can see it, and Space goes on.

While hidden nothing is written: saves wait (`HeldBack`) and are made when the
screen comes back, and so does whatever would open a screen over the neutral view
(the offer to resume, the unlock screen's answer); the history's index, which may be
filling in from a thread, keeps what it read until then (`HistoryIndex.held`). Every
other key does nothing until the hide key is pressed again. Only a crash writes while
hidden: the session is saved then, as always.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App

from bridges_tui.core.language.words import N_, _
from bridges_tui.tui.fitting import TerminalFit

if TYPE_CHECKING:
    from bridges_tui.tui.screens.hidden import HiddenScreen

#: The keys, as a `Binding` takes them, and how the couple is told about them.
HIDE_KEYS = "f12,ctrl+g"
HIDE_SHOWN = "F12"
HIDE_WORDS = N_("F12 or ctrl+g")


class HeldBack:
    """What waits while the screen is hidden: writes to disk, and screens that would
    open over the neutral view. The latest of each kind is kept, and all are made, in
    order, when the screen comes back. `report` is told, in words, of one that then
    fails (what waited cannot raise to whoever asked for it)."""

    def __init__(self, report: Callable[[str], None]) -> None:
        self._report = report
        self._waiting: dict[str, tuple[Callable[[], object], bool]] = {}
        self._followers: list[Callable[[bool], None]] = []
        self.held = False

    def follow(self, follower: Callable[[bool], None]) -> None:
        """Tell `follower` True when the hold begins and False when it ends (for what
        writes by itself, in a thread: the history's index)."""
        self._followers.append(follower)

    def now_or_later(self, kind: str, move: Callable[[], object], *, opens_screen: bool = False) -> None:
        """Make `move` now, or when the hold ends (in place of one of the same `kind`);
        say if it `opens_screen` (a crash makes only the writes)."""
        if self.held:
            self._waiting[kind] = (move, opens_screen)
        else:
            move()

    def hold(self) -> None:
        """From now on, what is asked for waits."""
        self.held = True
        for follower in self._followers:
            follower(True)

    def release(self, *, screens: bool = True) -> None:
        """Make everything that waited (but the screens, unless `screens`), and let
        the next ones through."""
        self.held = False
        for follower in self._followers:
            follower(False)
        waiting = [move for move, opens_screen in self._waiting.values() if screens or not opens_screen]
        self._waiting.clear()
        for move in waiting:
            try:
                move()
            except Exception as error:
                self._report(_("Not saved: {problem}").format(problem=error))


class Hiding:
    """The hide key's two moves, for the app. `pause` pauses a running turn, if any
    (True if it did)."""

    def __init__(self, app: App[None], held: HeldBack, fit: TerminalFit,
                 pause: Callable[[], bool]) -> None:
        self._app = app
        self._held = held
        self._fit = fit
        self._pause = pause
        self._screen: HiddenScreen | None = None
        #: Made once and kept (installed): a screen built afresh took more than a frame.
        self._made: HiddenScreen | None = None

    @property
    def hidden(self) -> bool:
        """True while the neutral view is up."""
        return self._screen is not None

    def toggle(self) -> None:
        """Hide, or come back."""
        if self._screen is None:
            self.hide()
        else:
            self.show()

    def hide(self) -> None:
        self._held.hold()
        self._fit.paused = True  # the too-small notice waits too: it would cover this
        if self._pause():
            from bridges_tui.tui.screens.conversation import ConversationScreen

            for screen in self._app.screen_stack:  # shown paused, already, when it comes back
                if isinstance(screen, ConversationScreen):
                    screen.refresh_view()
        if self._made is None:
            from bridges_tui.tui.screens.hidden import HiddenScreen  # not before it is first needed

            self._made = HiddenScreen(HIDE_SHOWN)
            self._app.install_screen(self._made, "hidden")
        self._screen = self._made
        self._app.push_screen("hidden")

    def show(self) -> None:
        if self._screen is None:
            return
        if self._app.screen is self._screen:
            self._app.pop_screen()
        self._screen = None
        self._held.release()
        self._fit.paused = False
        self._fit.fit()
