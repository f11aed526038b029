"""Practice scripts: TOML files that say what a guided conversation asks, step by step.

Built-in scripts ship inside the package (`bridges_tui/practices/*.toml`); people add
their own to the config folder's `practices/` (`catalog` gathers both). This module is
the script format itself: parsing, checking and the problems it reports. A script
looks like this::

    format = "bridges-practice"   # optional marker
    version = 1                   # optional; newer versions are refused clearly
    id = "share-the-why"          # lowercase letters, digits and dashes
    title = "Share the why"
    summary = "Two sentences about what the practice is for."
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

Loading checks everything and reports every problem at once, each naming the file,
the step and the field, with a hint how to fix it: a typo in a hand-written script
(an unknown key, "leed" for "lead") is an error, never silently ignored. A script with
control characters in its text is refused, so nothing read from it can drive a terminal.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from bridges_tui.core.durations import DurationError, parse_duration
from bridges_tui.core.model import NOTE_WRITERS, ROLES, ModelError, NoteSpec, Practice, Step

PRACTICE_FORMAT = "bridges-practice"
PRACTICE_VERSION = 1

PARTS: tuple[str, ...] = ("opening", "round", "closing")
TOP_KEYS = ("format", "version", "id", "title", "summary", "turn", *PARTS)
STEP_KEYS = ("id", "title", "speaker", "duration", "prompt", "listener", "starters", "note")
NOTE_KEYS = ("label", "by")

MAX_ID_LENGTH = 40
MAX_TITLE_LENGTH = 60
# A script is a page of text; a bigger file is something else dropped in the folder.
MAX_FILE_BYTES = 256 * 1024

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Names people plausibly reach for that difflib would not match to the real key.
_ALIASES = {
    "steps": "opening, round or closing",
    "turn_seconds": "turn", "seconds": "duration", "time": "duration",
    "length": "duration", "minutes": "duration", "who": "speaker", "role": "speaker",
    "text": "prompt", "question": "prompt", "listen": "listener",
    "listening": "listener", "starter": "starters", "notes": "note",
    "name": "title", "description": "summary", "writer": "by",
}

# Examples for hints, by field; a step's id and title get their own (`step.id`).
_EXAMPLES = {
    "id": 'id = "share-the-why"', "step.id": 'id = "name-it"',
    "title": 'title = "Share the why"', "step.title": 'title = "Name what you want"',
    "summary": 'summary = "What this practice is for, in a sentence or two."',
    "turn": 'turn = "2m"', "speaker": 'speaker = "lead"',
    "prompt": 'prompt = "What you ask the speaker, in one breath."',
    "listener": 'listener = "What the listener does meanwhile."',
    "note.label": 'note = { label = "What did you hear?", by = "listener" }',
}


@attrs.frozen
class PracticeProblem:
    """One thing wrong with a script: where it is, which field, what, and how to fix it."""

    path: str
    #: e.g. "round[2] (step 'explain-why')", "line 3, column 8", or "" for top level.
    where: str
    #: e.g. "speaker", "note.by", "starters[2]"; "" when no single field is at fault.
    field: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = ": ".join(part for part in (self.path, self.where, self.field) if part)
        return f"{text}: {self.message}"


class PracticeScriptError(Exception):
    """A script that cannot be used; `problems` lists every problem found in it."""

    def __init__(self, path: str, problems: list[PracticeProblem]) -> None:
        self.path = path
        self.problems = problems
        count = len(problems)
        lines = [f"{path}: {count} problem{'s' if count != 1 else ''}"]
        lines += [str(problem) for problem in problems]
        super().__init__("\n".join(lines))


def _quote(value: Any) -> str:
    """A value from a script as a message shows it: quoted, escaped, never too long."""
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:39] + "…"
        quoted = json.dumps(text, ensure_ascii=False)
        return _CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)
    return _kind(value)


def _kind(value: Any) -> str:
    """What a TOML value is, in words a person writing the script would use."""
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    kinds = {str: "text", list: "a list", dict: "a table"}
    return kinds.get(type(value), f"a date/time ({value})")


def suggest_id(text: str) -> str:
    """A usable id made from `text`: "Share The Why!" -> "share-the-why"."""
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower()))
    return slug[:MAX_ID_LENGTH].strip("-") or "my-practice"


class _Checker:
    """Walks one parsed script, collecting problems instead of stopping at the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[PracticeProblem] = []

    def problem(self, where: str, field: str, message: str, hint: str | None) -> None:
        self.problems.append(PracticeProblem(self.path, where, field, message, hint))

    def unknown_keys(
        self, table: dict[str, Any], known: tuple[str, ...], where: str, what: str,
        prefix: str = "",
    ) -> None:
        for key in table:
            if key in known:
                continue
            close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
            alias = _ALIASES.get(key.lower())
            if close:
                hint = f'did you mean "{close[0]}"?'
            elif alias:
                hint = f"did you mean {alias}?" if "," in alias else f'did you mean "{alias}"?'
            else:
                hint = f"{what} can have only these keys: " + ", ".join(known)
            self.problem(where, prefix + key, "unknown key", hint)

    def text(
        self, table: dict[str, Any], key: str, where: str, *, required: bool = True,
        max_length: int | None = None, prefix: str = "",
    ) -> str | None:
        field = prefix + key
        example = (where and _EXAMPLES.get(f"step.{key}")) or _EXAMPLES.get(field)
        example = example or f'{key} = "..."'
        if key not in table:
            if required:
                self.problem(where, field, "is missing", f"add it, e.g. {example}")
            return None
        value = table[key]
        if not isinstance(value, str):
            hint = f"put the text in double quotes, e.g. {example}"
            self.problem(where, field, f"must be text, not {_kind(value)}", hint)
            return None
        if not value.strip():
            hint = "write what it should say" + ("" if required else ", or remove the line")
            self.problem(where, field, "is empty", hint)
            return None
        return self.clean(value, where, field, max_length)

    def clean(self, value: str, where: str, field: str, max_length: int | None) -> str | None:
        if _CONTROL.search(value):
            self.problem(where, field, f"contains a control character: {_quote(value)}",
                         "remove it; scripts hold plain text only")
            return None
        value = value.strip()
        # Ids, titles and labels sit on one line of the screen.
        if max_length is not None and "\n" in value:
            self.problem(where, field, "must be on one line", "remove the line break")
            return None
        if max_length is not None and len(value) > max_length:
            self.problem(where, field, f"is {len(value)} characters long",
                         f"keep it to {max_length} so that it fits on the screen")
            return None
        return value

    def choice(
        self, table: dict[str, Any], key: str, choices: tuple[str, ...], where: str, *,
        default: str | None = None, prefix: str = "",
    ) -> str | None:
        field = prefix + key
        if key not in table and default is not None:
            return default
        value = self.text(table, key, where, prefix=prefix)
        if value is None:
            return None
        if value not in choices:
            close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.7)
            if value.lower() == "both" and "together" in choices:
                close = ["together"]  # the word a transcript uses for the same thing
            hint = f'did you mean "{close[0]}"?' if close else _CHOICE_HINTS[key]
            message = f"must be one of {', '.join(choices)}, not {_quote(value)}"
            self.problem(where, field, message, hint)
            return None
        return value

    def duration(
        self, table: dict[str, Any], key: str, where: str, *, required: bool
    ) -> int | None:
        if key not in table:
            if required:
                self.problem(where, key, "is missing", f"add it, e.g. {_EXAMPLES['turn']}")
            return None
        value = table[key]
        try:
            if not isinstance(value, (str, int, float)):
                raise DurationError(f"{_kind(value)} is not a duration")
            return parse_duration(value)
        except DurationError as error:
            self.problem(where, key, error.problem, error.accepted)
            return None

    def ident(self, table: dict[str, Any], where: str) -> str | None:
        value = self.text(table, "id", where)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value) or len(value) > MAX_ID_LENGTH:
            message = (f"{_quote(value)} may use only lowercase letters, digits and single "
                       f"dashes (at most {MAX_ID_LENGTH} characters)")
            self.problem(where, "id", message, f'try "{suggest_id(value)}"')
            return None
        return value


_CHOICE_HINTS = {
    "speaker": "lead: the partner leading this round speaks; other: the partner who is "
    "not leading speaks; together: both talk",
    "by": "speaker: the one who spoke writes the note; listener: the one who listened does",
}


def _toml_problem(path: str, error: tomllib.TOMLDecodeError) -> PracticeProblem:
    message = str(error)
    where = ""
    found = re.search(r"\s*\(at (line \d+, column \d+|end of document)\)$", message)
    if found:
        where = found.group(1).replace("end of document", "end of file")
        message = message[: found.start()]
    hints = (
        ("Invalid value", 'text needs double quotes, e.g. title = "Share the why"'),
        ("Cannot overwrite", "a key appears twice; each step is its own [[round]] table"),
        ("Cannot declare", "a table appears twice; steps use double brackets: [[round]]"),
        ("Expected '='", 'each line is key = value, and text needs quotes: key = "text"'),
        ("Unclosed", "close the list or table with ] or }, and put commas between items"),
        ("Unterminated string", 'close the quote on the same line, or use """triple quotes"""'),
        ("Illegal character", "remove the invisible control character from the file"),
    )
    hint = next((h for start, h in hints if message.startswith(start)),
                "check the quotes, brackets and commas around that spot")
    message = f"not valid TOML: {message[:1].lower()}{message[1:]}"
    return PracticeProblem(path, where, "", message, hint)


def parse_practice(text: str, path: str, source: str = "user") -> Practice:
    """The practice a script's text describes, or PracticeScriptError with every problem.

    `path` names the script in messages; `source` is "built-in" or "user".
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PracticeScriptError(path, [_toml_problem(path, error)]) from None
    check = _Checker(path)

    if "format" in document and document["format"] != PRACTICE_FORMAT:
        if document["format"] == "bridges-transcript":
            hint = "this is a saved session, not a practice script"
        else:
            hint = f'write format = "{PRACTICE_FORMAT}", or leave the line out'
        message = f'must be "{PRACTICE_FORMAT}", not {_quote(document["format"])}'
        check.problem("", "format", message, hint)
        # Some other kind of file: its every key would be "unknown", burying the point.
        raise PracticeScriptError(path, check.problems)
    version = document.get("version", PRACTICE_VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        message = f"must be a whole number like {PRACTICE_VERSION}, not {_quote(version)}"
        hint = f"write version = {PRACTICE_VERSION}, or leave it out"
        check.problem("", "version", message, hint)
    elif version > PRACTICE_VERSION:
        # A newer format may have keys this one does not know; listing them would bury
        # the one problem that matters.
        message = (f"this script is version {version}, newer than this bridges "
                   f"understands ({PRACTICE_VERSION})")
        check.problem("", "version", message, "update bridges to use it")
        raise PracticeScriptError(path, check.problems)

    check.unknown_keys(document, TOP_KEYS, "", "a script")
    practice_id = check.ident(document, "")
    title = check.text(document, "title", "", max_length=MAX_TITLE_LENGTH)
    summary = check.text(document, "summary", "")
    turn = check.duration(document, "turn", "", required=True)

    seen: dict[str, str] = {}  # step id -> where it was first used
    parts = {part: list(_steps(check, document, part, seen)) for part in PARTS}
    if not any(part in document for part in PARTS):
        check.problem("", "round", "the practice has no steps",
                      "add at least one [[round]] table with id, title, speaker and prompt")

    if check.problems:
        raise PracticeScriptError(path, check.problems)
    try:
        return Practice(
            id=practice_id, title=title, summary=summary, turn_seconds=turn,
            opening=parts["opening"], round=parts["round"], closing=parts["closing"],
            source=source, path=path,
        )
    except ModelError as error:  # every rule is checked above; this is a safety net
        problem = PracticeProblem(path, "", error.field, error.problem, None)
        raise PracticeScriptError(path, [problem]) from None


def _steps(check: _Checker, document: dict[str, Any], part: str,
           seen: dict[str, str]) -> Iterator[Step]:
    """The valid steps of one part; problems with the others go to `check`."""
    tables = document.get(part, [])
    if isinstance(tables, dict):
        message = f"must be a list of steps, but [{part}] makes it a single table"
        check.problem("", part, message, f"write [[{part}]] (double brackets) above each step")
        return
    if not isinstance(tables, list):
        check.problem("", part, f"must be a list of steps, not {_kind(tables)}",
                      f"write each step as a [[{part}]] table")
        return
    if part in document and not tables:
        hint = f"add a [[{part}]] step, or remove the line"
        check.problem("", part, "is an empty list", hint)
    for number, table in enumerate(tables, start=1):
        where = f"{part}[{number}]"
        if not isinstance(table, dict):
            check.problem(where, "", f"must be a table of step fields, not {_kind(table)}",
                          f"write each step as a [[{part}]] table")
            continue
        raw_id = table.get("id")
        if isinstance(raw_id, str) and ID_PATTERN.fullmatch(raw_id.strip()):
            where += f" (step '{raw_id.strip()}')"
        step = _step(check, table, where, seen)
        if step is not None:
            yield step


def _step(
    check: _Checker, table: dict[str, Any], where: str, seen: dict[str, str]
) -> Step | None:
    before = len(check.problems)
    check.unknown_keys(table, STEP_KEYS, where, "a step")
    step_id = check.ident(table, where)
    if step_id is not None:
        if step_id in seen:
            check.problem(where, "id", f'"{step_id}" is already the id of {seen[step_id]}',
                          "give every step its own id")
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
    if len(check.problems) > before:
        return None
    return Step(id=step_id, title=title, speaker=speaker, prompt=prompt,
                listener=listener or "", seconds=seconds, starters=starters, note=note)


def _starters(check: _Checker, table: dict[str, Any], where: str) -> tuple[str, ...]:
    value = table.get("starters", [])
    hint = 'write a list of text, e.g. starters = ["This matters to me because…"]'
    if not isinstance(value, list):
        check.problem(where, "starters", f"must be a list of text, not {_kind(value)}", hint)
        return ()
    found: list[str] = []
    for number, item in enumerate(value, start=1):
        field = f"starters[{number}]"
        if not isinstance(item, str):
            check.problem(where, field, f"must be text, not {_kind(item)}", hint)
        elif not item.strip():
            check.problem(where, field, "is empty", "write the starter, or remove it")
        elif (cleaned := check.clean(item, where, field, max_length=None)) is not None:
            found.append(cleaned)
    return tuple(found)


def _note(check: _Checker, table: dict[str, Any], where: str) -> NoteSpec | None:
    if "note" not in table:
        return None
    value = table["note"]
    if not isinstance(value, dict):
        check.problem(where, "note", f"must be a table, not {_kind(value)}",
                      f"write {_EXAMPLES['note.label']}")
        return None
    check.unknown_keys(value, NOTE_KEYS, where, "a note", prefix="note.")
    label = check.text(value, "label", where, max_length=MAX_TITLE_LENGTH, prefix="note.")
    by = check.choice(value, "by", NOTE_WRITERS, where, default="listener", prefix="note.")
    if label is None or by is None:
        return None
    return NoteSpec(label=label, by=by)


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
    if len(data) > MAX_FILE_BYTES:
        hint = f"a script is at most {MAX_FILE_BYTES // 1024} KB of text"
        problem = PracticeProblem(path, "", "", "is too large to be a practice script", hint)
        raise PracticeScriptError(path, [problem])
    try:
        text = data.decode("utf-8-sig")  # tolerate the BOM some editors write
    except UnicodeDecodeError as error:
        problem = PracticeProblem(path, f"byte {error.start}", "", "is not UTF-8 text",
                                  "save the file as UTF-8 in your editor")
        raise PracticeScriptError(path, [problem]) from None
    return parse_practice(text, path, source)
