"""A yes/no question asked before anything that cannot be taken back."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from bridges_tui.core.language.words import N_, _
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.button_row import ButtonRow


class ConfirmScreen(ModalScreen[bool]):
    """Answers True only for an explicit yes; Escape, n, or the safe button answer False."""

    CSS_PATH = sheets("dialogs")
    BINDINGS = [
        Binding("escape,n", "answer(False)", N_("No"), show=False, id="confirm.no"),
        Binding("y", "answer(True)", N_("Yes"), show=False, id="confirm.yes"),
    ]

    def __init__(self, question: str, detail: str = "", *, yes: str | None = None, no: str | None = None) -> None:
        """`yes` and `no` name the buttons (already in the language spoken): "Yes" and
        "No" unless given."""
        super().__init__(classes="dialog-screen")
        self.question = question
        self.detail = detail
        self.yes = yes if yes is not None else _("Yes")
        self.no = no if no is not None else _("No")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, classes="dialog-detail", markup=False)
            with ButtonRow(classes="dialog-buttons"):
                yield Button(_("{answer} (n)").format(answer=self.no), id="no", variant="primary")
                yield Button(_("{answer} (y)").format(answer=self.yes), id="yes", variant="error")

    def on_mount(self) -> None:
        # The safe answer has the focus, so a stray Enter changes nothing.
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
