"""What a couple chooses before a conversation starts: practice, names, turn length,
check-in, how their last agreement went, and whether it is kept on disk at all."""

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
    #: Held in memory only: no transcript, no autosave, no history entry, nothing on
    #: disk, until both partners choose to keep it after all on its summary.
    off_the_record: bool = False
