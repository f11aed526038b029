"""What a summary needs of the session it shows (the live one, `LiveSession`, or one
opened from the history, `PastSession`): corrections applied and saved, where it is
kept, and whether it is held off the record."""

from __future__ import annotations

from typing import Protocol

from bridges_tui.core.looking_back.corrections import Correction
from bridges_tui.core.model.session import Transcript


class KeptSession(Protocol):
    """The session a summary shows, as far as the summary changes it."""

    def correct(self, correction: Correction) -> Transcript:
        """Apply and save `correction`; the transcript as it now stands."""
        ...

    def saved_line(self) -> str:
        """Where the session is kept, in a line."""
        ...

    @property
    def off_the_record(self) -> bool:
        """True while the session is held in memory only."""
        ...
