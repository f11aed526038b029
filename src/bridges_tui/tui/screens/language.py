"""F3 on setup: which language bridges speaks. Each language is named in its own words
("Deutsch", "Español"), so a couple who can't read the one on screen still finds
theirs; the last choice goes back to however this computer is set."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bridges_tui.core.language.choice import SUPPORTED
from bridges_tui.core.language.words import N_, _
from bridges_tui.tui.styles import sheets

#: The option that forgets the choice: the language then comes from the environment.
AS_THE_COMPUTER = "as-the-computer"


class LanguageDialog(ModalScreen[str | None]):
    """The languages bridges speaks, the one spoken now highlighted. Answers the code
    chosen, `AS_THE_COMPUTER`, or None when closed with Esc."""

    CSS_PATH = sheets("dialogs")
    BINDINGS = [Binding("escape", "dismiss(None)", N_("Cancel"), id="language.cancel")]

    def __init__(self, spoken: str, saved: str | None, computers: str) -> None:
        super().__init__(classes="dialog-screen")
        #: The language spoken now, the one saved (None: none is), and the one the
        #: computer's settings give.
        self.spoken = spoken
        self.saved = saved
        self.computers = computers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog language-dialog"):
            yield Static(_("Which language should bridges speak?"), classes="dialog-title")
            options = [Option(name, id=code) for code, name in SUPPORTED.items()]
            options.append(Option(_("As this computer is set ({language})").format(
                language=SUPPORTED.get(self.computers, self.computers)), id=AS_THE_COMPUTER))
            yield OptionList(*options, id="languages")
            yield Static(_("Kept for next time, for every bridges command; --lang still "
                           "chooses for one run. Enter chooses, Esc leaves it as it is."),
                         classes="dialog-help")

    def on_mount(self) -> None:
        languages = self.query_one("#languages", OptionList)
        chosen = self.spoken if self.saved is not None else AS_THE_COMPUTER
        ids = [option.id for option in languages.options]
        languages.highlighted = ids.index(chosen) if chosen in ids else 0
        languages.focus()

    @on(OptionList.OptionSelected, "#languages")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
