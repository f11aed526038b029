"""Where to export a session, and as what: Markdown to print or keep, or its TOML."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from bridges_tui.tui.styles import sheets

FORMATS = [("Markdown, to print or keep", "markdown"), ("TOML, the file itself", "toml")]
SUFFIXES = {"markdown": ".md", "toml": ".toml"}


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """The format ("markdown" or "toml") and the file to write."""

    form: str
    path: Path


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Asks for a format and a file name; Enter exports, Escape cancels."""

    CSS_PATH = sheets("history", "dialogs")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, session_id: str, folder: Path) -> None:
        super().__init__(classes="dialog-screen")
        self.session_id = session_id
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export-dialog"):
            yield Static("Export this session", classes="dialog-title")
            yield Select(FORMATS, value="markdown", allow_blank=False, id="export-format")
            yield Input(str(self._default("markdown")), id="export-path")
            yield Static("Written private to you (0600); an existing file is not replaced.",
                         classes="dialog-help")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Export (enter)", id="export", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _default(self, form: str) -> Path:
        return self.folder / f"bridges-{self.session_id}{SUFFIXES[form]}"

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        value = Path(path.value.strip() or str(self._default("markdown")))
        if value.suffix in SUFFIXES.values() and isinstance(event.value, str):
            path.value = str(value.with_suffix(SUFFIXES[event.value]))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.notify("Please give a file name.", severity="warning")
            return
        form = self.query_one("#export-format", Select).value
        self.dismiss(ExportChoice(form if isinstance(form, str) else "markdown", Path(text).expanduser()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
