"""Found on start-up: a session that never finished (the terminal closed, the laptop died)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from bridges_tui.core.files.store import SessionRow
from bridges_tui.core.language.dates import moment
from bridges_tui.core.language.words import N_, _
from bridges_tui.core.practice_scripts.catalog import Catalog
from bridges_tui.core.text.harmless import one_line
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.button_row import ButtonRow


class ResumeScreen(ModalScreen[str | None]):
    """Offers to resume the session, or to close it as ended early; never deletes it.

    Answers "resume", "close", or None ("not now": it stays in progress and is
    offered again next time).
    """

    CSS_PATH = sheets("dialogs")
    BINDINGS = [
        Binding("r", "answer('resume')", N_("Resume"), id="resume.resume"),
        Binding("c", "answer('close')", N_("Close it"), id="resume.close"),
        Binding("escape,l", "answer(None)", N_("Later"), id="resume.later"),
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
        when = moment(entry.started, date.today()) if entry.started else _("an earlier time")
        who = " & ".join(map(one_line, entry.partners)) if entry.partners and self.names else _("you two")
        resumable = bool(entry.practice) and self.catalog.card(entry.practice) is not None
        detail = (
            _("{title}, started {when} by {who}, did not finish.").format(title=title, when=when, who=who) + "\n"
            + _("Resume it where it stopped (the turn that was under way starts again), "
                "or close it as ended early. Either way every word stays saved.")
        )
        if not resumable:
            detail += "\n\n" + _("Its practice ({practice}) is not installed, so it can only be closed.").format(
                practice=one_line(entry.practice))
        with Vertical(classes="dialog"):
            yield Static(_("An unfinished session"), classes="dialog-title")
            yield Static(Text(detail), classes="dialog-detail")
            with ButtonRow(classes="dialog-buttons"):
                yield Button(_("Resume (r)"), id="resume", variant="primary", disabled=not resumable)
                yield Button(_("Close as ended early (c)"), id="close")
                yield Button(_("Later (esc)"), id="later")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "later" else event.button.id)

    def action_answer(self, choice: str | None) -> None:
        if choice == "resume" and self.query_one("#resume", Button).disabled:
            return
        self.dismiss(choice)
