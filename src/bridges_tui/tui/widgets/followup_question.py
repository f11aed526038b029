""""Last time you agreed: … How did it go?" on the setup screen: the most recent
agreement, and the couple's answer to take into the new session's transcript."""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text
from textual.containers import Horizontal
from textual.widgets import Static

from bridges_tui.core.language.words import N_, _, in_quotes
from bridges_tui.core.model.session import Followup, FollowupAnswer

ANSWERS: list[tuple[str, FollowupAnswer]] = [(N_("kept it"), "kept"), (N_("partly"), "partly"),
                                            (N_("not yet"), "not-yet")]
MAX_SHOWN = 160


class FollowupQuestion(Horizontal):
    """Empty and hidden until `ask` gives it an agreement (most sessions have none to
    follow up, and the first screen is quicker without); `followup` is the answer."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session: str | None = None
        self.agreement: str | None = None
        self.display = False

    def ask(self, session: str, agreement: str, started: datetime | None) -> None:
        """Show the agreement of session `session` and ask how it went."""
        # Imported only now: the first screen is up by then, and most ask nothing.
        from bridges_tui.core.language.dates import weekday
        from bridges_tui.core.text.harmless import one_line, shortened

        self.session = session
        self.agreement = agreement
        if started is not None:
            asked = _("Last time ({day}) you agreed:").format(day=weekday(started, date.today()))
        else:
            asked = _("Last time you agreed:")
        text = Text.assemble(
            (asked + " ", "bold"),
            in_quotes(shortened(one_line(agreement), MAX_SHOWN)) + " ",
            (_("How did it go?"), "bold"),
        )
        if self.children:
            self.query_one("#followup-text", Static).update(text)
        else:
            from textual.widgets import Select  # a module of its own, needed only now

            answers = [(_(words), answer) for words, answer in ANSWERS]
            self.mount(Static(text, id="followup-text"),
                       Select(answers, prompt=_("skip"), id="followup-answer"))
        self.display = True

    @property
    def answered(self) -> FollowupAnswer | None:
        """The answer picked, None while none is (or nothing was asked)."""
        from textual.widgets import Select

        answer = next(self.query("#followup-answer").results(Select), None)
        for _words, value in ANSWERS:
            if answer is not None and answer.value == value:
                return value
        return None  # skipped, or not asked

    def answer(self, value: str) -> None:
        """Pick `value` as the answer, as if chosen in the list."""
        from textual.widgets import Select

        for answer in self.query("#followup-answer").results(Select):
            answer.value = value

    @property
    def followup(self) -> Followup | None:
        """The answer as it goes into the transcript; None when skipped or not asked."""
        answer = self.answered
        if self.session is None or self.agreement is None or answer is None:
            return None
        return Followup(self.session, self.agreement, answer)
