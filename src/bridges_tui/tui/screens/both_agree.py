"""A question only both partners can answer yes: each presses a key of their own (a
letter of their name, `partner_keys`), so one press by one person never decides for
two. Asked before a session is let go of, and before one held off the record is kept
after all.

Escape, or the button that changes nothing (it has the focus), answers no at once,
whoever presses it: either partner may stop it. Any other key is not an answer.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from bridges_tui.core.language.words import N_, _
from bridges_tui.core.text.harmless import one_line
from bridges_tui.core.text.partner_keys import partner_keys
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.button_row import ButtonRow


class BothAgreeScreen(ModalScreen[bool]):
    """Answers True once both partners have pressed their own key; False on Escape."""

    CSS_PATH = sheets("dialogs")
    BINDINGS = [Binding("escape", "answer_no", N_("No"), show=False, id="both-agree.no")]

    def __init__(self, question: str, detail: str, names: tuple[str, str], *, yes: str, no: str) -> None:
        """`yes` names what both agree to ("Let it go"), `no` what leaving it does
        ("Keep it")."""
        super().__init__(classes="dialog-screen")
        self.question = question
        self.detail = detail
        self.names = (one_line(names[0]), one_line(names[1]))
        #: Each partner's key: what they press to say yes.
        self.keys = partner_keys(names)
        self.yes = yes
        self.no = no
        #: Who has said yes so far (0: partner A, 1: partner B).
        self.agreed: set[int] = set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield Static(self.detail, classes="dialog-detail", markup=False)
            for partner in (0, 1):
                yield Static("", id=f"agree-{'ab'[partner]}", classes="agree-line")
            with ButtonRow(classes="dialog-buttons"):
                yield Button(_("{answer} (esc)").format(answer=self.no), id="no", variant="primary")

    def on_mount(self) -> None:
        # The safe answer has the focus, so a stray Enter changes nothing.
        self.query_one("#no", Button).focus()
        self._show()

    def _show(self) -> None:
        for partner in (0, 1):
            name, key = self.names[partner], self.keys[partner]
            line = Text()
            if partner in self.agreed:
                line.append("✓ ", style="bold")
                # "Let it go" reads "let it go" after the name (the first letter only:
                # a German noun keeps its capital).
                answer = self.yes[:1].lower() + self.yes[1:]
                line.append(_("{name} agrees: {answer}.").format(name=name, answer=answer))
            else:
                line.append("· ")
                line.append(_("{name}, if you agree: press").format(name=name) + " ")
                line.append(key, style="bold reverse")
            self.query_one(f"#agree-{'ab'[partner]}", Static).update(line)

    def on_key(self, event: events.Key) -> None:
        character = (event.character or "").casefold()
        if character not in self.keys:
            return
        event.stop()
        event.prevent_default()
        self.agreed.add(self.keys.index(character))
        self._show()
        if len(self.agreed) == 2:
            self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_answer_no(self) -> None:
        self.dismiss(False)
