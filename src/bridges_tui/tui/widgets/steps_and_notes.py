"""A summary's steps, one option each with who spoke, for how long and the note kept:
Enter on a step opens its note to correct (the summary screen does that)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from bridges_tui.core.language.words import _, in_quotes
from bridges_tui.core.looking_back.outline import Outline
from bridges_tui.core.looking_back.session_summary import clock
from bridges_tui.core.text.harmless import harmless, one_line


class StepsAndNotes(OptionList):
    """The steps of a session's outline; each option's id is its turn's index."""

    def show(self, outline: Outline, *, read_only: bool) -> None:
        """Show `outline`'s steps (none can be chosen when `read_only`), keeping the
        highlight where it was; the first step is highlighted so that Enter, as the
        heading says, edits a note at once."""
        highlighted = self.highlighted
        self.clear_options()
        for step in outline.steps:
            turn = step.turn
            line = Text(f"{step.number}. {one_line(turn.title)} · {one_line(step.speaker)} · {clock(turn.spoken_s)}")
            if turn.overtime_s >= 1:
                line.append(f" (+{clock(turn.overtime_s)})")
            if turn.note:
                writer = f" ({one_line(step.noted_by)})" if step.noted_by else ""
                line.append(f"\n   {in_quotes(harmless(turn.note).strip())}{writer}", style="italic")
            self.add_option(Option(line, id=str(step.index), disabled=read_only))
        if not outline.steps:
            self.add_option(Option(_("No turns were taken."), disabled=True))
        if highlighted is None and outline.steps and not read_only:
            highlighted = 0
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted
