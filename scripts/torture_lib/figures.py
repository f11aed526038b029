"""What a check found: trials, failures, words lost, and the table that shows it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Figures:
    """The outcome of one check.

    `lost_turns` and `lost_notes` count completed turns and saved notes that were not
    on disk afterwards: the figures that must be zero. `measured` holds the other
    figures worth reporting ("max floor time lost": "1.2 s"), in order.
    """

    check: str
    trials: int = 0
    failures: list[str] = field(default_factory=list)
    lost_turns: int = 0
    lost_notes: int = 0
    measured: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures and not self.lost_turns and not self.lost_notes

    def fail(self, what: str) -> None:
        self.failures.append(what)

    def check_that(self, condition: bool, what: str) -> bool:
        if not condition:
            self.fail(what)
        return condition

    def report(self) -> str:
        """Every failure, one a line (for a test's assertion message)."""
        lines = [f"{self.check}: {len(self.failures)} failures in {self.trials} trials"]
        lines += [f"  - {failure}" for failure in self.failures[:20]]
        if len(self.failures) > 20:
            lines.append(f"  … and {len(self.failures) - 20} more")
        return "\n".join(lines)


@contextmanager
def timed(figures: Figures) -> Iterator[Figures]:
    start = time.monotonic()
    try:
        yield figures
    finally:
        figures.seconds += time.monotonic() - start


def table(rows: list[Figures], total_seconds: float) -> str:
    """The figures table: one row per check (the goal of its last three columns is
    zero), each followed by the other figures it measured."""
    head = ("check", "trials", "failures", "turns lost", "notes lost", "time")
    body = [
        (row.check, str(row.trials), str(len(row.failures)), str(row.lost_turns),
         str(row.lost_notes), f"{row.seconds:.0f} s")
        for row in rows
    ]
    trials = sum(row.trials for row in rows)
    foot = ("all checks", str(trials), str(sum(len(row.failures) for row in rows)),
            str(sum(row.lost_turns for row in rows)), str(sum(row.lost_notes for row in rows)),
            f"{total_seconds:.0f} s")
    widths = [max(len(line[i]) for line in [head, *body, foot]) for i in range(len(head))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(cells)
        )

    rule = "-" * len(line(head))
    out = [line(head), rule]
    for row, cells in zip(rows, body, strict=False):
        out.append(line(cells))
        out.extend(f"    {key}: {value}" if value else f"    {key}"
                   for key, value in row.measured.items())
    out += [rule, line(foot)]
    return "\n".join(out)
