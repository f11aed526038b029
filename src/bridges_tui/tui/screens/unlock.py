"""The first screen of a locked folder: the passphrase, asked for calmly.

Nothing from the sessions is read or shown before the passphrase is right: this
screen knows only that the folder is locked. It reports what was typed (`Tried`)
and the app opens the folder's key, in a thread, since the key derivation takes a
second or more; a wrong passphrase comes back as `refused`, and they try again.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from bridges_tui.core.language.words import N_, _
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.key_bar import KeyBar

HELP = N_(
    "Your sessions are kept encrypted with a passphrase you chose. "
    "If it is lost, nobody can read them, not even bridges."
)


class UnlockScreen(Screen[None]):
    """A masked passphrase field, and a calm word when it is not right."""

    CSS_PATH = sheets("dialogs")

    class Tried(Message):
        """Someone typed a passphrase and pressed Enter."""

        def __init__(self, passphrase: str) -> None:
            super().__init__()
            self.passphrase = passphrase

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="unlock"):
            yield Static(_("bridges · your sessions are locked"), classes="dialog-title")
            yield Static(_(HELP), classes="dialog-detail")
            yield Input(placeholder=_("Passphrase"), password=True, id="passphrase")
            yield Static(_("Type the passphrase, then press Enter."), id="unlock-said", classes="dialog-help")
        yield KeyBar()

    def on_mount(self) -> None:
        self.add_class("dialog-screen")
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        field = self.query_one("#passphrase", Input)
        if not field.value or field.disabled:
            return
        field.disabled = True
        self._say(_("Opening your sessions… (this takes a moment)"))
        self.post_message(self.Tried(field.value))

    def refused(self, reason: str) -> None:
        """The passphrase did not open the sessions: say why, and let them try again."""
        field = self.query_one("#passphrase", Input)
        field.value = ""
        field.disabled = False
        field.focus()
        self._say(reason)

    def _say(self, text: str) -> None:
        self.query_one("#unlock-said", Static).update(text)
