"""`bridges show ID`: one session's summary in the terminal, with rich.

The session's `Outline`, as the summary screen and the export tell it too: floor
time per partner, the check-in, the follow-up of the last agreement, every step with
its note and the breathers between them, what each learned and what both agreed.
Every piece of the couple's text goes in as rich `Text` (never markup) and is
stripped of control characters first.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from bridges_tui.core.language.words import _, in_quotes, spoken
from bridges_tui.core.looking_back.outline import BreatherLine, Outline
from bridges_tui.core.looking_back.session_summary import (
    checkin_text,
    clock,
    share_text,
    status_word,
    turn_line,
)
from bridges_tui.core.model.session import Transcript
from bridges_tui.core.text.harmless import harmless, one_line

_BAR_WIDTH = 30


def print_summary(transcript: Transcript, path: Path, console: Console | None = None) -> None:
    """Print the summary of `transcript` (read from `path`)."""
    out = console or Console(highlight=False, emoji=False)
    outline = Outline.of(transcript)
    t, summary = transcript, outline.summary
    a, b = (one_line(name) for name in t.partners)

    title = Text.assemble((one_line(t.title), "bold"), f" · {status_word(t.status)} · ",
                          _started(t))
    if summary.length_s is not None:
        title.append(f" · {clock(summary.length_s)}")
    out.print(title)
    out.print(Text(f"{a} & {b} · {path.stem}", style="dim"))
    out.print()

    out.print(_label(_("Floor time")), Text(summary.floor_line((a, b))))
    balance = summary.floor.balance
    if balance is not None:
        filled = round(_BAR_WIDTH * balance)
        shares = share_text(balance).split("/")
        bar = Text(f"{'':13}{a} {shares[0]}% ")
        bar.append("█" * filled, style="cyan")
        bar.append("░" * (_BAR_WIDTH - filled), style="magenta")
        bar.append(f" {shares[1]}% {b}")
        out.print(bar)
    change = checkin_text(summary.checkin_before, summary.checkin_after)
    if change:
        out.print(_label(_("Check-in")),
                  Text(change + "   " + _("(before→after, {a},{b}; 1 distant … 5 close)").format(a=a, b=b)))
    if outline.followup is not None:
        agreed = in_quotes(one_line(outline.followup.agreement))
        out.print(_label(_("Last time")), Text(f"{agreed}: {outline.followup.answer}"))
    out.print()

    out.print(Text(_("Steps and notes"), style="bold"))
    if not outline.steps:
        out.print(Text("  " + _("No turns were taken.")))
    for moment in outline.moments:
        if isinstance(moment, BreatherLine):
            out.print(Text("  ~ " + _("breather {length}").format(length=clock(moment.seconds)), style="dim"))
            continue
        turn = moment.turn
        out.print(Text(f"  {moment.number}. {one_line(turn.title)} · {one_line(moment.speaker)} · "
                       f"{turn_line(turn)}"))
        if turn.note:
            note = Text(in_quotes(harmless(turn.note).strip()), style="italic")
            if moment.noted_by:
                note.append(f" ({one_line(moment.noted_by)})", style="not italic dim")
            out.print(Padding(note, (0, 0, 0, 5), expand=False))
    out.print()

    if outline.learned:
        out.print(Text(_("What we learned"), style="bold"))
        for name, text in outline.learned:
            out.print(Padding(Text(f"{one_line(name)}: {one_line(text)}"), (0, 0, 0, 2), expand=False))
    out.print(Text(_("What we agree to try"), style="bold"))
    agreement = outline.agreement
    agreed = one_line(agreement) if agreement else _("Nothing was agreed this time.")
    out.print(Padding(Text(agreed), (0, 0, 0, 2), expand=False))
    out.print()
    out.print(Text(_("File: {path}").format(path=path), style="dim"))


def _started(transcript: Transcript) -> str:
    """When the session began: "Wed 25 Nov 2026, 20:31" in English (as before), in
    the language's own words from Babel otherwise."""
    if spoken() == "en":
        return transcript.started.strftime("%a %d %b %Y, %H:%M")
    from bridges_tui.core.language.dates import long_moment

    return long_moment(transcript.started)


def _label(text: str) -> Text:
    return Text(f"{text:<11} ", style="bold")
