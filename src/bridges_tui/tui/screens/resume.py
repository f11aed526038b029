"""Found on start-up: a session that never finished (the terminal closed, the laptop died)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from bridges_tui.core.files.store import SessionRow
from bridges_tui.core.practice_scripts.catalog import Catalog
from bridges_tui.core.text.harmless import one_line
from bridges_tui.tui.styles import sheets


class ResumeScreen(ModalScreen[str | None]):
    """Offers to resume the session, or to close it as ended early; never deletes it.

    Answers "resume", "close", or None ("not now": it stays in progress and is
    offered again next time).
    """

    CSS_PATH = sheets("dialogs")
    BINDINGS = [
        Binding("r", "answer('resume')", "Resume", id="resume.resume"),
        Binding("c", "answer('close')", "Close it", id="resume.close"),
        Binding("escape,l", "answer(None)", "Later", id="resume.later"),
    ]

    def __init__(self, entry: SessionRow, catalog: Catalog, *, names: bool = True) -> None:
        """`names` False (a blank start screen) says "you two" instead of their names."""
        super().__init__(classes="dialog-screen")
        self.entry = entry
        self.catalog = catalog
        self.names = names

    def compose(self) -> ComposeResult:
        entry = self.entry
        # Words from the file are data: made harmless (no control characters) and shown
        # as plain text, never read as markup ("[/b]" in a title must not crash).
        title = one_line(entry.title or entry.practice or entry.id)
        when = entry.started.strftime("%a %d %b, %H:%M") if entry.started else "an earlier time"
        who = " & ".join(map(one_line, entry.partners)) if entry.partners and self.names else "you two"
        resumable = bool(entry.practice) and self.catalog.card(entry.practice) is not None
        detail = (
            f"{title}, started {when} by {who}, did not finish.\n"
            "Resume it where it stopped (the turn that was under way starts again), "
            "or close it as ended early. Either way every word stays saved."
        )
        if not resumable:
            detail += f"\n\nIts practice ({one_line(entry.practice)}) is not installed, so it can only be closed."
        with Vertical(classes="dialog"):
            yield Static("An unfinished session", classes="dialog-title")
            yield Static(Text(detail), classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume (r)", id="resume", variant="primary", disabled=not resumable)
                yield Button("Close as ended early (c)", id="close")
                yield Button("Later (esc)", id="later")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "later" else event.button.id)

    def action_answer(self, choice: str | None) -> None:
        if choice == "resume" and self.query_one("#resume", Button).disabled:
            return
        self.dismiss(choice)
