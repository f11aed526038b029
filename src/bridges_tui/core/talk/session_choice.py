"""What a couple chooses before a conversation starts: practice, names, turn length,
check-in, and how their last agreement went."""

from __future__ import annotations

from bridges_tui.core.model.records import record
from bridges_tui.core.model.session import Followup, Practice


@record
class SessionChoice:
    """What the couple chose on the setup screen (or on the `bridges talk` line)."""

    practice: Practice
    names: tuple[str, str]
    turn_seconds: int | None
    checkin: tuple[int, int] | None
    #: How the last agreement went, when the couple answered (the app asks, see `ask_followup`).
    followup: Followup | None = None
