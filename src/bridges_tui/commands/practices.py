"""`bridges practices` and `bridges check FILE`: the practices on offer, and a script
writer's check that reports every problem in a script at once.

Anything read from a script or a file name is stripped of terminal control characters
before it is printed: a script is data, and must never be able to drive the terminal.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.text import Text

from bridges_tui.core.files.paths import user_practices_dir
from bridges_tui.core.model.session import Practice, PracticeCard
from bridges_tui.core.practice_scripts.catalog import Catalog, builtin_ids, load_catalog
from bridges_tui.core.practice_scripts.reading import PracticeProblem, PracticeScriptError, load_practice_file
from bridges_tui.core.text.durations import format_about, format_duration

# C0 and C1 controls (ESC, CSI, BEL…; newline and tab are kept) and the bidi overrides
# that can make text read differently from what it is.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """`text` with every terminal control character removed."""
    return _CONTROL.sub("", str(text))


def _consoles() -> tuple[Console, Console]:
    # highlight=False: rich would otherwise colour numbers and paths in user text.
    return Console(highlight=False), Console(stderr=True, highlight=False)


def _say(console: Console, text: Text | str = "", end: str = "\n") -> None:
    # On a terminal rich wraps at word boundaries; piped, each line stays whole so
    # that a problem can be found with grep. Always Text, never a str: rich would read
    # "[bold]" in a title as markup.
    line = text if isinstance(text, Text) else Text(text)
    console.print(line, end=end, soft_wrap=not console.is_terminal)


def about(card: PracticeCard) -> str:
    """How long a practice runs: "8 turns, about 13 min"."""
    return f"{_plural(card.turns, 'turn')}, {format_about(card.seconds())}"


def shape(practice: Practice) -> str:
    """The parts of a practice and its length:
    "1 opening, 3 round (×2), 1 closing = 8 turns, about 13 min"."""
    parts = []
    if practice.opening:
        parts.append(f"{len(practice.opening)} opening")
    if practice.round:
        parts.append(f"{len(practice.round)} round (×2)")
    if practice.closing:
        parts.append(f"{len(practice.closing)} closing")
    return f"{', '.join(parts)} = {about(practice.card)}"


def _problem_lines(
    problems: list[PracticeProblem], indent: str = "", *, with_path: bool = True
) -> Text:
    text = Text()
    for problem in problems:
        line = str(problem) if with_path else str(replace(problem, path=""))
        text.append(f"{indent}{safe(line)}\n")
        if problem.hint:
            text.append(f"{indent}  hint: {safe(problem.hint)}\n", style="dim")
    return text


def _indented(text: str, width: int, indent: str = "    ") -> str:
    # Wrapped by hand rather than by rich padding, which pads every line with spaces.
    return textwrap.fill(
        text, width=max(40, width - 1), initial_indent=indent, subsequent_indent=indent,
        break_on_hyphens=False,
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def list_practices() -> int:
    """Print every practice in its group (id, title, where it comes from, summary,
    length), then any user script that could not be loaded, with its problems. Exit
    status 0. Read from the practices' cards: no built-in's steps are parsed."""
    out, err = _consoles()
    folder = user_practices_dir()
    catalog = load_catalog(folder)
    for group, cards in catalog.grouped():
        heading = Text()
        heading.append(safe(group.title), style="bold underline")
        heading.append(f": {safe(group.moment)}")
        _say(out, heading)
        _say(out)
        for card in cards:
            _say_card(out, catalog, card)
    footer = f"Your own practice scripts go in:\n    {safe(folder)}\n"
    _say(out, Text(footer + "Check one first with: bridges check FILE", style="dim"))
    out.file.flush()
    if catalog.broken:
        count = _plural(len(catalog.broken), "script")
        _say(err, Text(f"\n{count} could not be loaded (the others are fine):", style="bold"))
        for path, why in catalog.broken:
            _say(err, f"  {safe(path)}")
            if isinstance(why, PracticeScriptError):
                _say(err, _problem_lines(why.problems, "    ", with_path=False), end="")
            else:
                _say(err, f"    {safe(why)}")
    return 0


def _say_card(out: Console, catalog: Catalog, card: PracticeCard) -> None:
    source = "built-in"
    if card.source == "user":
        replaces = card.id in catalog.overridden
        source = "yours, replaces the built-in" if replaces else "yours"
    heading = Text("  ")
    heading.append(safe(card.id), style="bold")
    heading.append(f"  {safe(card.title)}  ")
    heading.append(f"({source})", style="dim")
    _say(out, heading)
    _say(out, _indented(safe(card.summary), out.width, "      "))
    details = f"{format_about(card.seconds())} · {_plural(card.turns, 'turn')} · "
    details += f"turn length {format_duration(card.turn_seconds)}"
    if card.source == "user" and card.path:
        details += f" · {safe(card.path)}"
    _say(out, Text(_indented(details, out.width, "      "), style="dim"))
    _say(out)


def check_script(file: str) -> int:
    """Check one practice script: exit 0 with the steps in session order, or exit 1
    with every problem, each with a hint how to fix it."""
    out, err = _consoles()
    path = Path(file)
    shown = safe(file)
    try:
        practice = load_practice_file(path, source="user")
    except PracticeScriptError as error:
        count = _plural(len(error.problems), "problem")
        _say(err, _problem_lines(error.problems), end="")
        _say(err, Text(f"{shown}: {count}; fix and check again", style="bold"))
        return 1
    except IsADirectoryError:
        _say(err, f"bridges: {shown} is a folder; give the path of a .toml script")
        return 1
    except FileNotFoundError:
        _say(err, f"bridges: cannot read {shown}: there is no such file")
        return 1
    except OSError as error:
        _say(err, f"bridges: cannot read {shown}: {safe(error.strerror or error).lower()}")
        return 1

    _say(out, f"ok: {practice.id} '{safe(practice.title)}': {shape(practice)}")
    for number, planned in enumerate(practice.plan(), start=1):
        part = f"round, {planned.lead} leads" if planned.part == "round" else planned.part
        who = "A and B" if planned.speaker == "both" else f"{planned.speaker} speaks"
        seconds = format_duration(practice.seconds_for(planned.step))
        columns = f"{number:>3}. {part:<16} {who:<9} {seconds:>5}  "
        _say(out, columns + safe(planned.step.title))
        if planned.step.note is not None:
            note = f"note by {planned.note_writer}: {safe(planned.step.note.label)}"
            _say(out, Text(" " * len(columns) + note, style="dim"))
        if planned.step.confirm:
            answer = f"listening loop: {planned.listener} answers y (got it) or n (not quite)"
            _say(out, Text(" " * len(columns) + answer, style="dim"))
    _advise(out, practice, path)
    return 0


def _advise(out: Console, practice: Practice, path: Path) -> None:
    """Say where the script must go to be used, and whether it replaces a built-in."""
    folder = user_practices_dir()
    if practice.id in builtin_ids():
        _say(out, Text(f"note: '{practice.id}' is also a built-in's id; from your practices "
                       "folder, this script replaces the built-in", style="dim"))
    try:
        in_folder = path.resolve().parent == folder.resolve()
    except OSError:
        in_folder = False
    if not in_folder:
        _say(out, Text(f"to use it, copy it into {safe(folder)}", style="dim"))
