"""A session as every list shows it (`SessionRow`): the sessions folder's listing, the
history table and its index, the trends and `bridges list` all hold this one type.

A row knows a session's file and what its header says; once the whole file has been
read (`detailed`), also its floor time, check-ins, agreement and follow-up; or, when
the file can't be read, why. It is light on purpose: `bridges list` makes a thousand
of them from the history index alone, so this module needs nothing beyond the standard
library's `datetime`, and a row is a plain slotted class, not a `record` (importing
`records`, with `dataclasses`, would cost that command about 12 ms, a quarter of its
time: median of 21 runs of `python -c` importing its modules with and without).
"""

from __future__ import annotations

from bridges_tui.core.files.light_typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path


class FloorTime:
    """Seconds on the floor: partner A alone, partner B alone, and both together."""

    __slots__ = ("a", "b", "together")

    def __init__(self, a: float = 0.0, b: float = 0.0, together: float = 0.0) -> None:
        self.a = a
        self.b = b
        self.together = together

    @property
    def balance(self) -> float | None:
        """A's share of the floor held alone, 0..1; None before anyone spoke alone."""
        alone = self.a + self.b
        return None if alone <= 0 else self.a / alone

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FloorTime):
            return NotImplemented
        return (self.a, self.b, self.together) == (other.a, other.b, other.together)

    def __hash__(self) -> int:
        return hash((self.a, self.b, self.together))

    def __repr__(self) -> str:
        return f"FloorTime(a={self.a!r}, b={self.b!r}, together={self.together!r})"


#: What a row holds beyond its id and file, in order: what the history index keeps of
#: each session (`history_index_file` writes and reads them in this order).
ROW_FIELDS = (
    "practice", "title", "started", "ended", "status", "partners", "floor",
    "checkin_before", "checkin_after", "agreement", "followup_of", "turns", "error",
)


class SessionRow:
    """One session in a list, or a file that can't be read.

    `error` is None for a readable file; otherwise it is the reason, and the figures
    are None. `detailed` is False while only the header is known (floor, check-ins,
    agreement, follow-up and turns are None until the whole file is read).
    """

    __slots__ = ("id", "file", *ROW_FIELDS, "detailed", "_path")

    def __init__(
        self, id: str, path: Path | str,
        practice: str | None = None, title: str | None = None,
        started: datetime | None = None, ended: datetime | None = None, status: str | None = None,
        partners: tuple[str, str] | None = None, floor: FloorTime | None = None,
        checkin_before: tuple[int, int] | None = None, checkin_after: tuple[int, int] | None = None,
        agreement: str | None = None, followup_of: str | None = None, turns: int | None = None,
        error: str | None = None, detailed: bool = False,
    ) -> None:
        self.id = id
        #: The file, as text (a `Path` for each of a thousand rows costs milliseconds).
        self.file = str(path)
        self.practice = practice
        self.title = title
        self.started = started
        self.ended = ended
        self.status = status
        self.partners = partners
        self.floor = floor
        self.checkin_before = checkin_before
        self.checkin_after = checkin_after
        self.agreement = agreement
        #: The id of the earlier session whose agreement this one followed up.
        self.followup_of = followup_of
        self.turns = turns
        self.error = error
        self.detailed = detailed
        self._path: Path | None = None

    @property
    def path(self) -> Path:
        """The file, as a `Path` (made the first time it is asked for)."""
        if self._path is None:
            from pathlib import Path  # loaded already wherever a row's path is wanted

            self._path = Path(self.file)
        return self._path

    @property
    def readable(self) -> bool:
        """True when the file reads (as far as it was read: see `detailed`)."""
        return self.error is None

    @property
    def balance(self) -> float | None:
        """A's share of the floor held alone, 0..1, once known."""
        return None if self.floor is None else self.floor.balance

    @property
    def duration_s(self) -> float | None:
        """How long the session lasted, start to end, in seconds, breathers included;
        None while it is in progress or when the file does not read."""
        if self.started is None or self.ended is None:
            return None
        # A hand-edited end before the start is not a negative session.
        return max(0.0, (self.ended - self.started).total_seconds())

    def _values(self) -> tuple[object, ...]:
        return (self.id, self.file, *(getattr(self, name) for name in ROW_FIELDS), self.detailed)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SessionRow):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in ("id", "file", *ROW_FIELDS, "detailed"))
        return f"SessionRow({shown})"
