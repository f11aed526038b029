"""The small prompt that keeps a note when a step asks for one ("What did you hear?")."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

MAX_NOTE_LENGTH = 10_000


class NotePrompt(ModalScreen[str | None]):
    """Enter keeps the note, Escape skips it.

    Escape never throws away typed words on its own: with text in the box, the first
    Escape only asks, and a second one discards.
    """

    BINDINGS = [Binding("escape", "skip", "Skip", id="note.skip")]

    def __init__(self, label: str, writer: str, text: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.label = label
        self.writer = writer
        self.text = text
        self._escape_armed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog note-dialog"):
            yield Static(self.label, classes="dialog-title")
            yield Static(f"{self.writer} writes this note.", classes="dialog-detail")
            yield Input(self.text, placeholder="A few words to keep…", id="note-text",
                        max_length=MAX_NOTE_LENGTH)
            yield Static("Enter keeps it · Esc skips", id="note-help", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _keep(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    @on(Input.Changed)
    def _typed(self) -> None:
        if self._escape_armed:
            self._escape_armed = False
            self.query_one("#note-help", Static).update("Enter keeps it · Esc skips")

    def action_skip(self) -> None:
        typed = self.query_one(Input).value.strip()
        if typed and typed != self.text.strip() and not self._escape_armed:
            self._escape_armed = True
            self.query_one("#note-help", Static).update(
                "Press Esc again to throw these words away, or Enter to keep them."
            )
            return
        self.dismiss(None if not self.text else self.text)
