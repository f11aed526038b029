"""Practice cards: what a script says of itself (id, title, summary, turn, idea) and
how long it takes, read from its heading and a scan of its steps' table lines, so that
listing scripts parses none of their steps (`reading` reads a script whole).
"""

from __future__ import annotations

import re
import tomllib
from typing import Any, cast

from bridges_tui.core.model.session import PracticeCard
from bridges_tui.core.practice_scripts.checks import ScriptChecker
from bridges_tui.core.practice_scripts.reading import (
    MAX_FILE_BYTES,
    PARTS,
    PRACTICE_FORMAT,
    PRACTICE_VERSION,
    parse_practice,
    read_heading,
    script_text,
)
from bridges_tui.core.text.durations import DurationError, parse_duration

__all__ = ["MAX_FILE_BYTES", "parse_practice_card"]

#: Where a script's heading ends: its first [table] or [[table]] line. TOML puts every
#: top-level key before the first table, so the text above that line is the heading.
_FIRST_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def parse_practice_card(data: bytes, path: str, source: str) -> PracticeCard:
    """What a script says of itself (id, title, summary, turn, idea) and how long it
    takes, read from its heading and a scan of its steps' table lines and durations,
    so that listing scripts parses none of their steps.

    The steps go unchecked: use it for scripts known to be whole, the built-ins, whose
    tests read them whole. Whatever the heading and the scan can't settle (a text in
    the heading with a line that starts with "[", a table other than a step, a
    duration written some other way, or any problem) is settled by reading the whole
    script, with `parse_practice`'s errors.
    """
    text = script_text(data, path)
    heading_text, *rest = _FIRST_TABLE.split(text, maxsplit=1)
    try:
        document = tomllib.loads(heading_text)
    except (tomllib.TOMLDecodeError, RecursionError):
        document = None
    if document is not None and _this_format(document):
        check = ScriptChecker(path)
        heading = read_heading(check, document)
        below = text[len(heading_text):] if rest else ""
        length = _scanned_length(document, below, heading["turn_seconds"])
        if not check.problems and length is not None:
            del heading["reframe"], heading["language"]  # a card shows neither
            turns, set_seconds, free_turns = length
            return PracticeCard(**heading, turns=turns, set_seconds=set_seconds,
                                free_turns=free_turns, source=source, path=path)
    return parse_practice(text, path, source).card


_STEP_TABLE = re.compile(r"[ \t]*\[\[[ \t]*(opening|round|closing)[ \t]*\]\][ \t]*(?:#.*)?")
_DURATION = re.compile(
    r"""[ \t]*duration[ \t]*=[ \t]*(?:"([^"\\]*)"|'([^']*)'|(\d+))[ \t]*(?:#.*)?"""
)


def _scanned_length(
    document: dict[str, Any], below: str, turn_seconds: int | None
) -> tuple[int, int, int] | None:
    """(turns, seconds of the turns that set their own length, turns at the turn
    length), from the steps written in the heading (`round = [...]`) and the step
    tables below it, read line by line; None when anything is not as plainly written
    as that, for the whole reading to settle. (About 0.05 ms a script: a tenth of
    reading it whole.)"""
    parts: dict[str, list[int | None]] = {part: [] for part in PARTS}
    for part in PARTS:
        if part in document:
            tables = document[part]
            if not isinstance(tables, list):
                return None
            for table in cast("list[Any]", tables):
                if not isinstance(table, dict):
                    return None
                seconds = _scanned_seconds(cast("dict[str, Any]", table).get("duration"))
                if seconds == 0:
                    return None
                parts[part].append(seconds)
    inline = {part for part in PARTS if parts[part]}
    current: str | None = None
    closing_quotes: str | None = None  # inside a multi-line text: the quotes that end it
    for line in below.splitlines():
        if closing_quotes is None:  # a line of a text is a line of a text, however it looks
            start = line.lstrip()
            if start.startswith("["):
                table = _STEP_TABLE.fullmatch(line)
                if table is None or table.group(1) in inline:
                    return None  # another table ([round.note], say), or a part twice
                current = str(table.group(1))
                parts[current].append(None)
            elif start.startswith("duration"):
                written = _DURATION.fullmatch(line)
                if written is None or current is None or parts[current][-1] is not None:
                    return None
                seconds = _scanned_seconds(next(g for g in written.groups() if g is not None))
                if not seconds:
                    return None
                parts[current][-1] = seconds
        if "'''" in line or '"""' in line:
            closing_quotes = _quotes_open_after(line, closing_quotes)
    if closing_quotes is not None or turn_seconds is None:
        return None
    plan = [*parts["opening"], *parts["round"], *parts["round"], *parts["closing"]]
    if not plan:
        return None
    set_seconds = sum(seconds for seconds in plan if seconds is not None)
    return len(plan), set_seconds, sum(1 for seconds in plan if seconds is None)


def _quotes_open_after(line: str, closing_quotes: str | None) -> str | None:
    """The quotes that would end the multi-line text still open after `line`, if one
    is (`closing_quotes`: the one open before it)."""
    position = 0
    while True:
        if closing_quotes is not None:
            end = line.find(closing_quotes, position)
            if end < 0:
                return closing_quotes
            position, closing_quotes = end + 3, None
        found = [(at, quotes) for quotes in ('"""', "'''")
                 if (at := line.find(quotes, position)) >= 0]
        if not found:
            return None
        at, closing_quotes = min(found)
        position = at + 3


def _scanned_seconds(value: object) -> int | None:
    """A step's own duration in seconds; None when it names none, 0 when it is not one."""
    if value is None:
        return None
    try:
        return parse_duration(value)
    except DurationError:
        return 0


def _this_format(document: dict[str, Any]) -> bool:
    version = document.get("version", PRACTICE_VERSION)
    return (document.get("format", PRACTICE_FORMAT) == PRACTICE_FORMAT
            and type(version) is int and version == PRACTICE_VERSION)
