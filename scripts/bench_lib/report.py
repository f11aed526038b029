"""The one table the benchmark prints: each measure, its budget, PASS or FAIL."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass
from datetime import datetime

COLUMNS = ("#", "Measure", "bridges", "bare app", "Budget", "Result")


@dataclass
class Row:
    item: str
    measure: str
    bridges: str
    bare: str
    budget: str
    ok: bool

    @property
    def result(self) -> str:
        return "PASS" if self.ok else "FAIL"

    def cells(self) -> tuple[str, ...]:
        return (self.item, self.measure, self.bridges, self.bare, self.budget, self.result)


def machine() -> str:
    import textual

    cpu = ""
    try:
        with open("/proc/cpuinfo") as file:
            cpu = next((line.split(":", 1)[1].strip() for line in file if line.startswith("model name")), "")
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores{f' ({cpu})' if cpu else ''}, Python {platform.python_version()}, "
        f"Textual {textual.__version__}, {platform.system()} {platform.release()}"
    )


def load_average() -> str:
    """The 1-minute load average: how busy the machine was besides the benchmark."""
    try:
        with open("/proc/loadavg") as file:
            return file.read().split()[0]
    except OSError:
        return "?"


def header(runs: int, seconds: float, elapsed: float, load_before: str) -> list[str]:
    return [
        f"bridges performance, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"machine: {machine()}; load average {load_before} before the run, {load_average()} after",
        f"medians of {runs} runs alternated with the bare app (a Static in an App); "
        f"idle and clock runs {seconds:.0f} s each; pty 100×30; whole run {elapsed:.0f} s",
    ]


def plain(rows: list[Row], head: list[str]) -> str:
    widths = [max(len(column), *(len(row.cells()[i]) for row in rows)) for i, column in enumerate(COLUMNS)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=False)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    out = [*head, "", line(COLUMNS), rule, *(line(row.cells()) for row in rows), rule]
    failed = sum(not row.ok for row in rows)
    out.append(f"{len(rows) - failed} of {len(rows)} budgets pass" + (f"; {failed} FAIL" if failed else ""))
    return "\n".join(out)


def markdown(rows: list[Row], head: list[str]) -> str:
    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    out = [*(f"{text}  " for text in head), "", line(COLUMNS), "|" + "---|" * len(COLUMNS)]
    for row in rows:
        cells = list(row.cells())
        cells[-1] = f"**{cells[-1]}**"
        out.append(line(tuple(cells)))
    failed = sum(not row.ok for row in rows)
    out += ["", f"{len(rows) - failed} of {len(rows)} budgets pass."]
    return "\n".join(out) + "\n"


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)
