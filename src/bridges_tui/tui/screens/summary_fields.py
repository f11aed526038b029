"""The summary's fields, as the summary screen composes them: what happened (floor
time, the follow-up, the steps and their notes), and the closing words (what each
learned, what both agree to try, the check-in after). The screen fills them in and
follows what is typed into them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Static

from bridges_tui.core.language.words import _
from bridges_tui.core.model.session import Transcript
from bridges_tui.core.text.harmless import one_line
from bridges_tui.tui.widgets.balance_bar import BalanceBar
from bridges_tui.tui.widgets.score_input import ScoreInput
from bridges_tui.tui.widgets.steps_and_notes import StepsAndNotes
from bridges_tui.tui.widgets.words_input import WordsInput


def what_happened(transcript: Transcript, *, past: bool, read_only: bool) -> ComposeResult:
    """Floor time, the follow-up of the last agreement, the steps and their notes."""
    a, b = (one_line(name) for name in transcript.partners)
    yield Label(_("Floor time"), classes="field-label")
    yield BalanceBar((a, b), id="summary-balance")
    yield Static("", id="summary-floor")
    if transcript.followup is not None:
        yield Static("", id="summary-followup")
    if read_only:
        heading = _("Steps and notes")
    elif past:
        heading = _("Steps and notes  (Enter on a step corrects its note)")
    else:
        heading = _("Steps and notes  (Enter on a step edits its note)")
    yield Label(heading, classes="field-label")
    yield StepsAndNotes(id="summary-steps")


def closing_words(transcript: Transcript) -> ComposeResult:
    """What each learned, each box named for its partner on its border (so it stays
    clear whose line is whose once typed into), what both agree to try, and the
    check-in after."""
    a, b = (one_line(name) for name in transcript.partners)
    learned = transcript.closing.learned
    yield Label(_("What I learned"), classes="field-label")
    for n, (letter, name) in enumerate((("a", a), ("b", b))):
        box = WordsInput(learned[n] if len(learned) > n else "", placeholder=_("one line"), id=f"learned-{letter}")
        box.border_title = Text(name[:30])
        yield box
    yield from agreement(transcript, read_only=False)
    yield Label(_("How connected do you feel now? (optional)"), classes="field-label")
    after = transcript.checkin.after or (None, None)
    with Horizontal(id="summary-checkin"):
        for letter, name, score in (("a", a, after[0]), ("b", b, after[1])):
            yield ScoreInput(name, score, id=f"after-{letter}")


def agreement(transcript: Transcript, *, read_only: bool) -> ComposeResult:
    """What both agree to try: a box, or the words alone when nothing may change."""
    yield Label(_("What we agree to try"), classes="field-label")
    agreed = transcript.closing.agreement or ""
    if read_only:
        yield Static(Text(one_line(agreed) or _("Nothing agreed yet.")), id="agreement-shown")
        return
    box = WordsInput(agreed, placeholder=_("One small thing, this week"), id="agreement")
    box.border_title = Text(" & ".join(one_line(name)[:20] for name in transcript.partners))
    yield box
