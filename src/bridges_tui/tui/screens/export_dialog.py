"""Where to export a session, and as what: Markdown to print or keep, or its TOML."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from bridges_tui.core.language.words import N_, _
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.button_row import ButtonRow

FORMATS = [(N_("Markdown, to print or keep"), "markdown"), (N_("TOML, the file itself"), "toml")]
SUFFIXES = {"markdown": ".md", "toml": ".toml"}


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """The format ("markdown" or "toml") and the file to write."""

    form: str
    path: Path


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Asks for a format and a file name. Enter exports, from anywhere in the dialog
    but an open list of formats; only Esc or a click on Cancel cancels (the button
    is out of the Tab order, so Tab then Enter cannot cancel by surprise).

    The dialog writes through `write` (given by whoever opened it), which answers
    None once the file is written or why it was not: then the dialog stays open
    with the reason beside the path, for another name."""

    CSS_PATH = sheets("history", "dialogs")
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="export.cancel"),
        # Ahead of the focused box or button, so Enter means export wherever it is.
        Binding("enter", "export", N_("Export"), priority=True, id="export.export"),
    ]

    def __init__(self, session_id: str, folder: Path,
                 write: Callable[[ExportChoice], str | None]) -> None:
        super().__init__(classes="dialog-screen")
        self.session_id = session_id
        self.folder = folder
        self._write = write
        self._refused_name: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export-dialog"):
            yield Static(_("Export this session"), classes="dialog-title")
            formats = [(_(words), form) for words, form in FORMATS]
            yield Select(formats, value="markdown", allow_blank=False, id="export-format")
            yield Input(str(self._default("markdown")), id="export-path")
            yield Static("", id="export-refused", markup=False)
            yield Static(_("Written private to you (0600); an existing file is not replaced."),
                         classes="dialog-help")
            with ButtonRow(classes="dialog-buttons"):
                cancel = Button(_("Cancel (esc)"), id="cancel")
                cancel.can_focus = False
                yield cancel
                yield Button(_("Export (enter)"), id="export", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _default(self, form: str) -> Path:
        return self.folder / f"bridges-{self.session_id}{SUFFIXES[form]}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # An open list of formats takes Enter to choose one.
        if action == "export":
            return not self.query_one("#export-format", Select).expanded
        return True

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        value = Path(path.value.strip() or str(self._default("markdown")))
        if value.suffix in SUFFIXES.values() and isinstance(event.value, str):
            path.value = str(value.with_suffix(SUFFIXES[event.value]))

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        # A new name: the old reason no longer applies. (The changes of a name typed
        # fast arrive after its Enter: what counts is the name in the box now.)
        if self.query_one("#export-path", Input).value.strip() != self._refused_name:
            self._refuse("")

    def action_export(self) -> None:
        """Enter: export, once the box has every key typed before it (keys for the
        box wait in its queue, and a binding ahead of the box would otherwise see a
        name half typed)."""
        self.query_one("#export-path", Input).call_later(self._export)

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        """Write the export, or say beside the path why not."""
        if not self.is_attached or self.app.screen is not self:
            return  # already answered (an Enter and a click at once)
        text = self.query_one("#export-path", Input).value.strip()
        self._refused_name = text
        if not text:
            self._refuse(_("Please give a file name."))
            return
        form = self.query_one("#export-format", Select).value
        choice = ExportChoice(form if isinstance(form, str) else "markdown", Path(text).expanduser())
        refused = self._write(choice)
        if refused is not None:
            self._refuse(_("Not exported: {problem}").format(problem=refused))
            self.query_one("#export-path", Input).focus()
            return
        self.dismiss(choice)

    def _refuse(self, reason: str) -> None:
        refused = self.query_one("#export-refused", Static)
        refused.update(reason)
        refused.display = bool(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without writing (the opener says so)."""
        self.dismiss(None)
