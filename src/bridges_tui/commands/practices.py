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
from bridges_tui.core.language.words import _, n_, spoken
from bridges_tui.core.model.session import Practice, PracticeCard
from bridges_tui.core.practice_scripts.catalog import (
    Catalog,
    builtin_ids,
    builtin_practice,
    load_catalog,
)
from bridges_tui.core.practice_scripts.reading import PracticeProblem, PracticeScriptError, load_practice_file
from bridges_tui.core.practice_scripts.translations import translation_problems
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
    said = n_("{n} turn, {about}", "{n} turns, {about}", card.turns)
    return said.format(n=card.turns, about=format_about(card.seconds()))


def shape(practice: Practice) -> str:
    """The parts of a practice and its length:
    "1 opening, 3 round (×2), 1 closing = 8 turns, about 13 min"."""
    parts = []
    if practice.opening:
        parts.append(_("{n} opening").format(n=len(practice.opening)))
    if practice.round:
        parts.append(_("{n} round (×2)").format(n=len(practice.round)))
    if practice.closing:
        parts.append(_("{n} closing").format(n=len(practice.closing)))
    return f"{', '.join(parts)} = {about(practice.card)}"


def _problem_lines(
    problems: list[PracticeProblem], indent: str = "", *, with_path: bool = True
) -> Text:
    text = Text()
    for problem in problems:
        line = str(problem) if with_path else str(replace(problem, path=""))
        text.append(f"{indent}{safe(line)}\n")
        if problem.hint:
            text.append(indent + "  " + _("hint: {hint}").format(hint=safe(problem.hint)) + "\n", style="dim")
    return text


def _indented(text: str, width: int, indent: str = "    ") -> str:
    # Wrapped by hand rather than by rich padding, which pads every line with spaces.
    return textwrap.fill(
        text, width=max(40, width - 1), initial_indent=indent, subsequent_indent=indent,
        break_on_hyphens=False,
    )


def list_practices() -> int:
    """Print every practice in its group (id, title, where it comes from, summary,
    length), then any user script that could not be loaded, with its problems. Exit
    status 0. Read from the practices' cards: no built-in's steps are parsed."""
    out, err = _consoles()
    folder = user_practices_dir()
    catalog = load_catalog(folder, spoken())
    for group, cards in catalog.grouped():
        heading = Text()
        heading.append(safe(group.title), style="bold underline")
        heading.append(f": {safe(group.moment)}")
        _say(out, heading)
        _say(out)
        for card in cards:
            _say_card(out, catalog, card)
    footer = _("Your own practice scripts go in:\n    {folder}\n").format(folder=safe(folder))
    _say(out, Text(footer + _("Check one first with: bridges check FILE"), style="dim"))
    out.file.flush()
    if catalog.note:
        _say(err, Text(safe(catalog.note), style="dim"))
    if catalog.broken:
        count = len(catalog.broken)
        said = n_("{n} script could not be loaded (the others are fine):",
                  "{n} scripts could not be loaded (the others are fine):", count).format(n=count)
        _say(err, Text("\n" + said, style="bold"))
        for path, why in catalog.broken:
            _say(err, f"  {safe(path)}")
            if isinstance(why, PracticeScriptError):
                _say(err, _problem_lines(why.problems, "    ", with_path=False), end="")
            else:
                _say(err, f"    {safe(why)}")
    return 0


def _say_card(out: Console, catalog: Catalog, card: PracticeCard) -> None:
    source = _("built-in")
    if card.source == "user":
        replaces = card.id in catalog.overridden
        source = _("yours, replaces the built-in") if replaces else _("yours")
    heading = Text("  ")
    heading.append(safe(card.id), style="bold")
    heading.append(f"  {safe(card.title)}  ")
    heading.append(f"({source})", style="dim")
    _say(out, heading)
    _say(out, _indented(safe(card.summary), out.width, "      "))
    turns = n_("{n} turn", "{n} turns", card.turns).format(n=card.turns)
    details = f"{format_about(card.seconds())} · {turns} · "
    details += _("turn length {length}").format(length=format_duration(card.turn_seconds))
    if card.source == "user" and card.path:
        details += f" · {safe(card.path)}"
    _say(out, Text(_indented(details, out.width, "      "), style="dim"))
    _say(out)


def _read_script(path: Path, shown: str, err: Console) -> Practice | None:
    """The practice in the script at `path`, or None once every problem with it (or
    with reading it) is said on `err`."""
    try:
        return load_practice_file(path, source="user")
    except PracticeScriptError as error:
        count = len(error.problems)
        _say(err, _problem_lines(error.problems), end="")
        said = n_("{file}: {n} problem; fix and check again", "{file}: {n} problems; fix and check again", count)
        _say(err, Text(said.format(file=shown, n=count), style="bold"))
    except IsADirectoryError:
        _say(err, _("bridges: {file} is a folder; give the path of a .toml script").format(file=shown))
    except FileNotFoundError:
        _say(err, _("bridges: cannot read {file}: there is no such file").format(file=shown))
    except OSError as error:
        _say(err, _("bridges: cannot read {file}: {error}")
            .format(file=shown, error=safe(error.strerror or error).lower()))
    return None


def check_script(file: str, against: str | None = None) -> int:
    """Check one practice script: exit 0 with the steps in session order, or exit 1
    with every problem, each with a hint how to fix it. A translation (a script whose
    `language` is not English) is also checked against its English original: the
    built-in with its id, or the script `against`."""
    out, err = _consoles()
    path = Path(file)
    shown = safe(file)
    practice = _read_script(path, shown, err)
    if practice is None:
        return 1
    original = None
    if against is not None:
        original = _read_script(Path(against), safe(against), err)
        if original is None:
            return 1
    elif practice.language not in (None, "en") and practice.id in builtin_ids():
        original = builtin_practice(practice.id)
    if original is not None:
        problems = translation_problems(practice, original)
        if problems:
            count = len(problems)
            _say(err, _problem_lines(problems), end="")
            said = n_("{file}: {n} difference from the original {original}; a translation changes only the words",
                      "{file}: {n} differences from the original {original}; a translation changes only the words",
                      count).format(file=shown, n=count, original=safe(original.path or original.id))
            _say(err, Text(said, style="bold"))
            return 1
    _say(out, _("ok: {id} '{title}': {shape}")
        .format(id=practice.id, title=safe(practice.title), shape=shape(practice)))
    for number, planned in enumerate(practice.plan(), start=1):
        part = {"opening": _("opening"), "closing": _("closing")}.get(planned.part, planned.part)
        if planned.part == "round":
            part = _("round, {lead} leads").format(lead=planned.lead)
        who = _("A and B") if planned.speaker == "both" else _("{speaker} speaks").format(speaker=planned.speaker)
        seconds = format_duration(practice.seconds_for(planned.step))
        columns = f"{number:>3}. {part:<16} {who:<9} {seconds:>5}  "
        _say(out, columns + safe(planned.step.title))
        if planned.step.note is not None:
            note = _("note by {writer}: {label}").format(
                writer=planned.note_writer, label=safe(planned.step.note.label))
            _say(out, Text(" " * len(columns) + note, style="dim"))
        if planned.step.confirm:
            answer = _("listening loop: {listener} answers y (got it) or n (not quite)").format(
                listener=planned.listener)
            _say(out, Text(" " * len(columns) + answer, style="dim"))
    if original is not None:
        _say(out, _("ok: a faithful translation ({language}) of {original}: the same steps in the same order, "
                    "with the same ids, speakers, lengths and notes").format(
                        language=practice.language, original=safe(original.path or original.id)))
    _advise(out, practice, path)
    return 0


def _advise(out: Console, practice: Practice, path: Path) -> None:
    """Say where the script must go to be used, and whether it replaces a built-in."""
    folder = user_practices_dir()
    if practice.id in builtin_ids():
        _say(out, Text(_("note: '{id}' is also a built-in's id; from your practices "
                         "folder, this script replaces the built-in").format(id=practice.id), style="dim"))
    try:
        in_folder = path.resolve().parent == folder.resolve()
    except OSError:
        in_folder = False
    if not in_folder:
        _say(out, Text(_("to use it, copy it into {folder}").format(folder=safe(folder)), style="dim"))
