""""Last time you agreed: … How did it go?" on the setup screen: the most recent
agreement, and the couple's answer to take into the new session's transcript."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Select, Static

from bridges_tui.core.harmless_text import one_line, shortened
from bridges_tui.core.model import Followup

ANSWERS = [("kept it", "kept"), ("partly", "partly"), ("not yet", "not-yet")]
MAX_SHOWN = 160


class FollowupQuestion(Horizontal):
    """Hidden until `ask` gives it an agreement; `followup` is the answer, if any."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session: str | None = None
        self.agreement: str | None = None
        self.display = False

    def compose(self) -> ComposeResult:
        yield Static("", id="followup-text")
        yield Select(ANSWERS, prompt="skip", id="followup-answer")

    def ask(self, session: str, agreement: str, started: datetime | None) -> None:
        """Show the agreement of session `session` and ask how it went."""
        self.session = session
        self.agreement = agreement
        when = f" ({started:%a %d %b})" if started is not None else ""
        text = Text.assemble(
            (f"Last time{when} you agreed: ", "bold"),
            f"“{shortened(one_line(agreement), MAX_SHOWN)}” ",
            ("How did it go?", "bold"),
        )
        self.query_one("#followup-text", Static).update(text)
        self.display = True

    @property
    def followup(self) -> Followup | None:
        """The answer as it goes into the transcript; None when skipped or not asked."""
        answer = self.query_one("#followup-answer", Select).value
        if self.session is None or self.agreement is None or not isinstance(answer, str):
            return None
        return Followup(self.session, self.agreement, answer)  # type: ignore[arg-type]
