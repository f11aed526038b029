"""How a session's figures read, the same on every screen, on the command line and in
the Markdown export: clock faces, status words, floor shares, check-ins, dates.

Plain functions of plain values, with nothing heavier than the standard library:
`bridges list` formats a thousand rows with them before anything else is imported.
"""

from __future__ import annotations

from datetime import date, datetime

from bridges_tui.core.language.words import N_, _
from bridges_tui.core.text.durations import format_clock

#: A session's status as a person reads it, in English (translated where shown).
STATUS_WORDS = {"complete": N_("complete"), "ended-early": N_("ended early"), "in-progress": N_("in progress")}
#: How the last agreement went, in words (the file keeps "not-yet"; a person reads "not yet").
FOLLOWUP_WORDS = {"kept": N_("kept"), "partly": N_("partly kept"), "not-yet": N_("not yet")}


def clock(seconds: float) -> str:
    """Whole seconds as a clock face ("2:05"), rounded rather than cut."""
    return format_clock(round(seconds))


def status_word(status: str | None) -> str:
    """"complete", "ended early", "in progress" (or the raw word for anything else)."""
    word = STATUS_WORDS.get(status or "")
    return _(word) if word is not None else status or ""


def followup_word(answer: str) -> str:
    """"kept", "partly kept", "not yet" (or the raw word for anything else)."""
    word = FOLLOWUP_WORDS.get(answer)
    return _(word) if word is not None else answer


def share_text(balance: float | None) -> str:
    """A's and B's shares of the floor in whole percents that add up to 100: "52/48";
    "–" before anyone spoke alone."""
    if balance is None:
        return "–"
    a = round(balance * 100)
    return f"{a}/{100 - a}"


def scores_text(scores: tuple[int, int] | None) -> str:
    """A check-in pair as "3,4" (A first), or "–" when it was skipped."""
    return "–" if scores is None else f"{scores[0]},{scores[1]}"


def checkin_text(before: tuple[int, int] | None, after: tuple[int, int] | None) -> str:
    """How the check-in moved: "3,2→4,4"; empty when neither was given."""
    if before is None and after is None:
        return ""
    return f"{scores_text(before)}→{scores_text(after)}"


def when_text(started: datetime | None, today: date) -> str:
    """When a session started, short: "Tue 25 Nov 20:31" this year, "25 Nov 2025 20:31"
    before it; "?" when unknown. In the language spoken ("Di., 25. Nov. 20:31")."""
    from bridges_tui.core.language import dates  # Babel: only once a date is shown

    if started is None:
        return "?"
    if started.year == today.year:
        return f"{dates.weekday(started, today)} {dates.clock_time(started)}"
    return f"{dates.day(started)} {dates.clock_time(started)}"
