"""Practice scripts: TOML files that say what a guided conversation asks, step by step.

Built-in scripts ship inside the package (`bridges_tui/practices/*.toml`); people add
their own to the config folder's `practices/` (`catalog` gathers both). This module is
the script format itself: what a script may contain, and reading it into a `Practice`
(`checks` words the problems; `cards` reads what a list shows of a script without
its steps). A script looks like this::

    format = "bridges-practice"   # optional marker
    version = 1                   # optional; newer versions are refused clearly
    id = "share-the-why"          # lowercase letters, digits and dashes
    title = "Share the why"
    summary = "Two sentences about what the practice is for."
    language = "es"               # optional: the language its words are in (ISO 639)
    idea = "..."                  # optional: the idea behind it, 2-3 sentences (help)
    reframe = "..."               # optional: one line, how to word a blaming note here
    turn = "2m"                   # suggested turn length: 90, "90s", "2m", "1m30s"

    [[opening]]                   # steps before the round (optional)
    [[round]]                     # runs once with A leading, then with B leading
    [[closing]]                   # steps after both rounds (optional)
    id = "name-it"                # unique within the script
    title = "Name what you want"
    speaker = "lead"              # lead | other | together
    duration = "1m"               # optional; defaults to the practice's turn
    prompt = "..."                # what the speaker is asked: one breath long
    listener = "..."              # what the listener does (not needed for together)
    starters = ["...", "..."]     # optional sentence starters
    note = { label = "What did you hear?", by = "listener" }  # optional: speaker | listener
    confirm = true                # optional: the speaker reflects back; the listener
                                  # answers "yes, you got it" or "not quite"

Loading checks everything and reports every problem at once, each naming the file,
the step and the field, with a hint how to fix it: a typo in a hand-written script
(an unknown key, "leed" for "lead") is an error, never silently ignored. A script with
control characters in its text is refused, so nothing read from it can drive a terminal.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from bridges_tui.core.language.words import N_, _
from bridges_tui.core.model.session import (
    NOTE_WRITERS,
    ROLES,
    ModelError,
    NoteSpec,
    NoteWriter,
    Practice,
    Role,
    Step,
)
from bridges_tui.core.practice_scripts.checks import (
    ID_PATTERN,
    MAX_ID_LENGTH,
    MAX_TITLE_LENGTH,
    PracticeProblem,
    PracticeScriptError,
    ScriptChecker,
    example,
    kind,
    quote,
    suggest_id,
    toml_problem,
)

__all__ = [
    "MAX_ID_LENGTH", "MAX_TITLE_LENGTH", "PracticeProblem", "PracticeScriptError",
    "load_practice_file", "parse_practice", "parse_practice_bytes",
    "suggest_id",
]

PRACTICE_FORMAT = "bridges-practice"
PRACTICE_VERSION = 1

PARTS: tuple[str, ...] = ("opening", "round", "closing")
TOP_KEYS = ("format", "version", "id", "language", "title", "summary", "idea", "reframe", "turn", *PARTS)
STEP_KEYS = (
    "id", "title", "speaker", "duration", "prompt", "listener", "starters", "note", "confirm",
)
NOTE_KEYS = ("label", "by")

# A script is a page of text; a bigger file is something else dropped in the folder.
MAX_FILE_BYTES = 256 * 1024
#: The idea is two or three sentences on the help screen; the reframe one line under
#: a note being typed.
MAX_IDEA_LENGTH = 400
MAX_REFRAME_LENGTH = 120


def parse_practice(text: str, path: str, source: str = "user") -> Practice:
    """The practice a script's text describes, or PracticeScriptError with every problem.

    `path` names the script in messages; `source` is "built-in" or "user".
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PracticeScriptError(path, [toml_problem(path, error, text)]) from None
    except RecursionError:  # tomllib recurses once per level of [[[…]]] or {a={…}}
        problem = PracticeProblem(path, "", "", _("is nested too deeply to be a practice script"),
                                  _("a script needs no lists or tables inside each other"))
        raise PracticeScriptError(path, [problem]) from None
    check = ScriptChecker(path)

    if "format" in document and document["format"] != PRACTICE_FORMAT:
        if document["format"] == "bridges-transcript":
            hint = _("this is a saved session, not a practice script")
        else:
            hint = _('write format = "{format}", or leave the line out').format(format=PRACTICE_FORMAT)
        message = _('must be "{format}", not {value}').format(
            format=PRACTICE_FORMAT, value=quote(document["format"]))
        check.problem("", "format", message, hint)
        # Some other kind of file: its every key would be "unknown", burying the point.
        raise PracticeScriptError(path, check.problems)
    version = document.get("version", PRACTICE_VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        message = _("must be a whole number like {version}, not {value}").format(
            version=PRACTICE_VERSION, value=quote(version))
        hint = _("write version = {version}, or leave it out").format(version=PRACTICE_VERSION)
        check.problem("", "version", message, hint)
    elif version > PRACTICE_VERSION:
        # A newer format may have keys this one does not know; listing them would bury
        # the one problem that matters.
        message = _("this script is version {version}, newer than this bridges understands "
                    "({known})").format(version=version, known=PRACTICE_VERSION)
        check.problem("", "version", message, _("update bridges to use it"))
        raise PracticeScriptError(path, check.problems)

    heading = read_heading(check, document)

    seen: dict[str, str] = {}  # step id -> where it was first used
    parts = {part: tuple(_steps(check, document, part, seen)) for part in PARTS}
    if not any(part in document for part in PARTS):
        check.problem("", "round", _("the practice has no steps"),
                      _("add at least one [[round]] table with id, title, speaker and prompt"))

    if check.problems:
        raise PracticeScriptError(path, check.problems)
    try:
        return Practice(
            **heading, opening=parts["opening"], round=parts["round"],
            closing=parts["closing"], source=source, path=path,
        )
    except ModelError as error:  # every rule is checked above; this is a safety net
        problem = PracticeProblem(path, "", error.field, error.problem, None)
        raise PracticeScriptError(path, [problem]) from None


def read_heading(check: ScriptChecker, document: dict[str, Any]) -> dict[str, Any]:
    """The script's own fields, everything but its steps, checked in the order they
    are usually written."""
    check.unknown_keys(document, TOP_KEYS, "", N_("a script can have only these keys: {keys}"))
    practice_id = check.ident(document, "")
    language = check.language(document)
    title = check.text(document, "title", "", max_length=MAX_TITLE_LENGTH)
    summary = check.text(document, "summary", "")
    idea = check.text(document, "idea", "", required=False)
    if idea is not None and len(idea) > MAX_IDEA_LENGTH:
        check.problem("", "idea", _("is {count} characters long").format(count=len(idea)),
                      _("keep it to two or three sentences (at most {count} characters)")
                      .format(count=MAX_IDEA_LENGTH))
    reframe = check.text(document, "reframe", "", required=False, max_length=MAX_REFRAME_LENGTH)
    turn = check.duration(document, "turn", "", required=True)
    return {"id": practice_id, "title": title, "summary": summary, "idea": idea,
            "reframe": reframe, "turn_seconds": turn, "language": language}


def _steps(check: ScriptChecker, document: dict[str, Any], part: str,
           seen: dict[str, str]) -> Iterator[Step]:
    """The valid steps of one part; problems with the others go to `check`."""
    tables = document.get(part, [])
    if isinstance(tables, dict):
        message = _("must be a list of steps, but [{part}] makes it a single table").format(part=part)
        check.problem("", part, message,
                      _("write [[{part}]] (double brackets) above each step").format(part=part))
        return
    if not isinstance(tables, list):
        check.problem("", part, _("must be a list of steps, not {kind}").format(kind=kind(tables)),
                      _("write each step as a [[{part}]] table").format(part=part))
        return
    if part in document and not tables:
        hint = _("add a [[{part}]] step, or remove the line").format(part=part)
        check.problem("", part, _("is an empty list"), hint)
    for number, item in enumerate(cast("list[Any]", tables), start=1):
        where = f"{part}[{number}]"
        if not isinstance(item, dict):
            check.problem(where, "", _("must be a table of step fields, not {kind}").format(kind=kind(item)),
                          _("write each step as a [[{part}]] table").format(part=part))
            continue
        table = cast("dict[str, Any]", item)  # tomllib's keys are always text
        raw_id = table.get("id")
        if isinstance(raw_id, str) and ID_PATTERN.fullmatch(raw_id.strip()):
            where += " " + _("(step '{id}')").format(id=raw_id.strip())
        step = _step(check, table, where, seen)
        if step is not None:
            yield step


def _step(
    check: ScriptChecker, table: dict[str, Any], where: str, seen: dict[str, str]
) -> Step | None:
    before = len(check.problems)
    check.unknown_keys(table, STEP_KEYS, where, N_("a step can have only these keys: {keys}"))
    step_id = check.ident(table, where)
    if step_id is not None:
        if step_id in seen:
            message = _('"{id}" is already the id of {step}').format(id=step_id, step=seen[step_id])
            check.problem(where, "id", message, _("give every step its own id"))
        else:
            seen[step_id] = where.split(" ")[0]
    title = check.text(table, "title", where, max_length=MAX_TITLE_LENGTH)
    speaker = check.choice(table, "speaker", ROLES, where)
    seconds = check.duration(table, "duration", where, required=False)
    prompt = check.text(table, "prompt", where)
    # The listener's guidance is what keeps a turn a turn; only a together step,
    # where nobody is only listening, may leave it out.
    listener = check.text(table, "listener", where, required=speaker in ("lead", "other"))
    starters = _starters(check, table, where)
    note = _note(check, table, where)
    confirm = check.flag(table, "confirm", where)
    if confirm and speaker == "together":
        check.problem(where, "confirm", _("a together step has nobody listening to confirm it"),
                      _('reflecting back is a turn: use speaker = "lead" or "other", or remove confirm'))
    if len(check.problems) > before or step_id is None or title is None or speaker is None or prompt is None:
        return None  # (a missing id, title, speaker or prompt is one of the problems)
    return Step(id=step_id, title=title, speaker=cast("Role", speaker), prompt=prompt,
                listener=listener or "", seconds=seconds, starters=starters, note=note,
                confirm=bool(confirm))


def _starters(check: ScriptChecker, table: dict[str, Any], where: str) -> tuple[str, ...]:
    value = table.get("starters", [])
    hint = _('write a list of text, e.g. starters = ["This matters to me because…"]')
    if not isinstance(value, list):
        check.problem(where, "starters", _("must be a list of text, not {kind}").format(kind=kind(value)), hint)
        return ()
    found: list[str] = []
    for number, item in enumerate(cast("list[Any]", value), start=1):
        field = f"starters[{number}]"
        if not isinstance(item, str):
            check.problem(where, field, _("must be text, not {kind}").format(kind=kind(item)), hint)
        elif not item.strip():
            check.problem(where, field, _("is empty"), _("write the starter, or remove it"))
        elif (cleaned := check.clean(item, where, field, max_length=None)) is not None:
            found.append(cleaned)
    return tuple(found)


def _note(check: ScriptChecker, table: dict[str, Any], where: str) -> NoteSpec | None:
    if "note" not in table:
        return None
    value = table["note"]
    if not isinstance(value, dict):
        check.problem(where, "note", _("must be a table, not {kind}").format(kind=kind(value)),
                      _("write {example}").format(example=example("note.label")))
        return None
    table = cast("dict[str, Any]", value)
    check.unknown_keys(
        table, NOTE_KEYS, where, N_("a note can have only these keys: {keys}"), prefix="note."
    )
    label = check.text(table, "label", where, max_length=MAX_TITLE_LENGTH, prefix="note.")
    by = check.choice(table, "by", NOTE_WRITERS, where, default="listener", prefix="note.")
    if label is None or by is None:
        return None
    return NoteSpec(label=label, by=cast("NoteWriter", by))  # one of NOTE_WRITERS, checked


def load_practice_file(path: Path, source: str = "user") -> Practice:
    """The practice in the script at `path`.

    Raises PracticeScriptError for a script with problems, OSError when the file
    cannot be read at all.
    """
    with path.open("rb") as file:
        data = file.read(MAX_FILE_BYTES + 1)
    return parse_practice_bytes(data, str(path), source)


def parse_practice_bytes(data: bytes, path: str, source: str) -> Practice:
    """The practice in a script's raw bytes (checked for size and UTF-8 first); raises
    PracticeScriptError like `parse_practice`."""
    return parse_practice(script_text(data, path), path, source)


def script_text(data: bytes, path: str) -> str:
    """A script's text, or PracticeScriptError when it is too large or not UTF-8."""
    if len(data) > MAX_FILE_BYTES:
        hint = _("a script is at most {count} KB of text").format(count=MAX_FILE_BYTES // 1024)
        problem = PracticeProblem(path, "", "", _("is too large to be a practice script"), hint)
        raise PracticeScriptError(path, [problem])
    try:
        return data.decode("utf-8-sig")  # tolerate the BOM some editors write
    except UnicodeDecodeError as error:
        problem = PracticeProblem(path, _("byte {number}").format(number=error.start), "",
                                  _("is not UTF-8 text"), _("save the file as UTF-8 in your editor"))
        raise PracticeScriptError(path, [problem]) from None
