"""Checking a practice script: the problems it can have, and how they are worded.

`ScriptChecker` walks one parsed script and collects every problem instead of stopping
at the first; each `PracticeProblem` names the file, the step and the field, says what
is wrong in the words of someone writing TOML by hand, and hints how to fix it ("did you
mean \"lead\"?"). What a script may contain is `practices`' business; this module only
knows how to check a value and say what is wrong with it.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from bridges_tui.core.language.words import N_, _, n_
from bridges_tui.core.model.field_checks import LANGUAGE_CODE
from bridges_tui.core.model.records import record
from bridges_tui.core.text.durations import DurationError, parse_duration

MAX_ID_LENGTH = 40
MAX_TITLE_LENGTH = 60

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Names people plausibly reach for that difflib would not match to the real key.
_ALIASES = {
    "steps": N_("opening, round or closing"),  # translated in the hint
    "turn_seconds": "turn", "seconds": "duration", "time": "duration",
    "length": "duration", "minutes": "duration", "who": "speaker", "role": "speaker",
    "text": "prompt", "question": "prompt", "listen": "listener",
    "listening": "listener", "starter": "starters", "notes": "note",
    "name": "title", "description": "summary", "writer": "by",
    "about": "idea", "why": "idea", "reflect": "confirm", "mirror": "confirm",
    "loop": "confirm", "hint": "reframe", "frame": "reframe",
}

# Examples for hints, by field; a step's id and title get their own (`step.id`).
# Translated where a hint shows them (`example`): the keys stay, the words change.
EXAMPLES = {
    "id": 'id = "share-the-why"', "step.id": 'id = "name-it"',
    "title": N_('title = "Share the why"'), "step.title": N_('title = "Name what you want"'),
    "summary": N_('summary = "What this practice is for, in a sentence or two."'),
    "turn": 'turn = "2m"', "speaker": 'speaker = "lead"',
    "prompt": N_('prompt = "What you ask the speaker, in one breath."'),
    "listener": N_('listener = "What the listener does meanwhile."'),
    "note.label": N_('note = { label = "What did you hear?", by = "listener" }'),
    "idea": N_('idea = "Why this practice helps, in two or three sentences."'),
    "reframe": N_('reframe = "Try what you noticed and what you worried it meant."'),
    "language": 'language = "es"',
}


def example(field: str) -> str:
    """The example line for `field` (a key of `EXAMPLES`), in the language spoken now."""
    return _(EXAMPLES[field])


@record
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
        lines = [n_("{path}: {n} problem", "{path}: {n} problems", count).format(path=path, n=count)]
        lines += [str(problem) for problem in problems]
        super().__init__("\n".join(lines))


def _close_match(word: str, choices: tuple[str, ...], cutoff: float) -> list[str]:
    """The choice `word` was probably meant to be, if any (a list of at most one)."""
    import difflib  # only a broken script needs it: spared from the first screen

    return difflib.get_close_matches(word.lower(), choices, n=1, cutoff=cutoff)


def quote(value: Any) -> str:
    """A value from a script as a message shows it: quoted, escaped, never too long."""
    if isinstance(value, str):
        import json  # only a broken script needs it: spared from the first screen

        text = value if len(value) <= 40 else value[:39] + "…"
        quoted = json.dumps(text, ensure_ascii=False)
        return _CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)
    return kind(value)


def kind(value: object) -> str:
    """What a TOML value is, in words a person writing the script would use."""
    if isinstance(value, bool):
        return _("true/false ({value})").format(value=str(value).lower())
    if isinstance(value, (int, float)):
        return _("a number ({value})").format(value=value)
    kinds: dict[type, str] = {str: _("text"), list: _("a list"), dict: _("a table")}
    return kinds.get(type(value)) or _("a date/time ({value})").format(value=value)


def suggest_id(text: str) -> str:
    """A usable id made from `text`: "Share The Why!" -> "share-the-why"."""
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower()))
    return slug[:MAX_ID_LENGTH].strip("-") or "my-practice"


class ScriptChecker:
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
            close = _close_match(key, known, cutoff=0.6)
            alias = _ALIASES.get(key.lower())
            if close:
                hint = _('did you mean "{word}"?').format(word=close[0])
            elif alias:
                hint = (_("did you mean {words}?").format(words=_(alias)) if "," in alias
                        else _('did you mean "{word}"?').format(word=alias))
            else:
                hint = _(what).format(keys=", ".join(known))
            # The key is the script's own text: spelled so it can never drive a terminal.
            shown = _CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", key)
            self.problem(where, prefix + shown, _("unknown key"), hint)

    def text(
        self, table: dict[str, Any], key: str, where: str, *, required: bool = True,
        max_length: int | None = None, prefix: str = "",
    ) -> str | None:
        field = prefix + key
        shown = (where and EXAMPLES.get(f"step.{key}")) or EXAMPLES.get(field)
        shown = _(shown) if shown else f'{key} = "..."'
        if key not in table:
            if required:
                self.problem(where, field, _("is missing"), _("add it, e.g. {example}").format(example=shown))
            return None
        value = table[key]
        if not isinstance(value, str):
            hint = _("put the text in double quotes, e.g. {example}").format(example=shown)
            self.problem(where, field, _("must be text, not {kind}").format(kind=kind(value)), hint)
            return None
        if not value.strip():
            hint = _("write what it should say") if required else _("write what it should say, or remove the line")
            self.problem(where, field, _("is empty"), hint)
            return None
        return self.clean(value, where, field, max_length)

    def clean(self, value: str, where: str, field: str, max_length: int | None) -> str | None:
        if _CONTROL.search(value):
            self.problem(where, field, _("contains a control character: {text}").format(text=quote(value)),
                         _("remove it; scripts hold plain text only"))
            return None
        value = value.strip()
        # Ids, titles and labels sit on one line of the screen.
        if max_length is not None and "\n" in value:
            self.problem(where, field, _("must be on one line"), _("remove the line break"))
            return None
        if max_length is not None and len(value) > max_length:
            self.problem(where, field, _("is {count} characters long").format(count=len(value)),
                         _("keep it to {count} so that it fits on the screen").format(count=max_length))
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
            close = _close_match(value, choices, cutoff=0.7)
            if value.lower() == "both" and "together" in choices:
                close = ["together"]  # the word a transcript uses for the same thing
            hint = _('did you mean "{word}"?').format(word=close[0]) if close else _(_CHOICE_HINTS[key])
            message = _("must be one of {choices}, not {value}").format(
                choices=", ".join(choices), value=quote(value))
            self.problem(where, field, message, hint)
            return None
        return value

    def duration(
        self, table: dict[str, Any], key: str, where: str, *, required: bool
    ) -> int | None:
        if key not in table:
            if required:
                self.problem(where, key, _("is missing"), _("add it, e.g. {example}").format(example=EXAMPLES["turn"]))
            return None
        value = table[key]
        try:
            if not isinstance(value, (str, int, float)):
                raise DurationError(_("{kind} is not a duration").format(kind=kind(value)))
            return parse_duration(value)
        except DurationError as error:
            self.problem(where, key, error.problem, error.accepted)
            return None

    def flag(self, table: dict[str, Any], key: str, where: str) -> bool | None:
        """An optional true/false key (false when absent); None when it is neither."""
        value = table.get(key, False)
        if not isinstance(value, bool):
            hint = _("write {key} = true or {key} = false, without quotes").format(key=key)
            self.problem(where, key, _("must be true or false, not {kind}").format(kind=kind(value)), hint)
            return None
        return value

    def language(self, table: dict[str, Any]) -> str | None:
        """The script's optional `language`: a code like "es" (None when absent or wrong)."""
        value = self.text(table, "language", "", required=False)
        if value is None:
            return None
        if not LANGUAGE_CODE.fullmatch(value):
            message = _('must be a language code like "es" or "de", not {value}').format(value=quote(value))
            hint = _('write its ISO 639 code, e.g. language = "es" (Spanish) or "de" (German)')
            self.problem("", "language", message, hint)
            return None
        return value

    def ident(self, table: dict[str, Any], where: str) -> str | None:
        value = self.text(table, "id", where)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value) or len(value) > MAX_ID_LENGTH:
            message = _("{id} may use only lowercase letters, digits and single dashes "
                        "(at most {count} characters)").format(id=quote(value), count=MAX_ID_LENGTH)
            self.problem(where, "id", message, _('try "{id}"').format(id=suggest_id(value)))
            return None
        return value


_CHOICE_HINTS = {
    "speaker": N_("lead: the partner leading this round speaks; other: the partner who is "
                  "not leading speaks; together: both talk"),
    "by": N_("speaker: the one who spoke writes the note; listener: the one who listened does"),
}


#: A line that opens a quoted value: key = "text… (or 'text…), capturing the key, the
#: quote and the rest of the line.
_OPENS_TEXT = re.compile(r"""^\s*([A-Za-z0-9_.-]+)\s*=\s*(["'])(.*)$""")


def _unclosed_text(text: str, line: int | None) -> tuple[int, str, str, str] | None:
    """The first line (from `line`, 1-based, or from the top) whose quoted value has
    no closing quote: its number, its key, its quote mark and the line as written;
    None if there is none."""
    lines = text.splitlines()
    numbers = [line] if line is not None else range(1, len(lines) + 1)
    for number in numbers:
        if not 1 <= number <= len(lines):
            continue
        written = lines[number - 1].rstrip("\r")
        found = _OPENS_TEXT.match(written)
        if found is None:
            continue
        key, mark, rest = found.groups()
        if rest.startswith(mark * 2):
            continue  # a triple-quoted string may run over lines
        body = rest.replace("\\\\", "").replace("\\" + mark, "") if mark == '"' else rest
        if mark not in body:
            return number, key, mark, written.strip()
    return None


def _unclosed_problem(path: str, text: str, message: str) -> PracticeProblem | None:
    """The plain message for a quoted value left open, when that is what `message`
    (tomllib's) is about: it names the line and says how to close it."""
    found = re.match(r"Illegal character '\\n' \(at line (\d+), column \d+\)$", message)
    if found is None and not re.match(r"(Unterminated string|Expected \"'\") \(at end of document\)$",
                                      message):
        return None
    unclosed = _unclosed_text(text, int(found.group(1)) if found else None)
    if unclosed is None:
        return None
    number, key, mark, written = unclosed
    return PracticeProblem(
        path, _("line {number}").format(number=number), key,
        _("the text has no closing quote: {line}").format(line=written),
        _("close the string on that line: {line}").format(line=written + mark),
    )


def toml_problem(path: str, error: tomllib.TOMLDecodeError, text: str = "") -> PracticeProblem:
    """The problem a TOML error stands for, in words a script's writer can act on;
    `text` (the script) lets an unclosed quote be named with its line."""
    message = str(error)
    unclosed = _unclosed_problem(path, text, message)
    if unclosed is not None:
        return unclosed
    where = ""
    found = re.search(r"\s*\(at (line \d+, column \d+|end of document)\)$", message)
    if found:
        where = found.group(1)
        if where == "end of document":
            where = _("end of file")
        else:
            line, column = re.findall(r"\d+", where)
            where = _("line {line}, column {column}").format(line=line, column=column)
        message = message[: found.start()]
    hints = (
        # tomllib's own (English) openings, each with the hint it calls for.
        ("Invalid value", N_('text needs double quotes, e.g. title = "Share the why"')),
        ("Cannot overwrite", N_("a key appears twice; each step is its own [[round]] table")),
        ("Cannot declare", N_("a table appears twice; steps use double brackets: [[round]]")),
        ("Expected '='", N_('each line is key = value, and text needs quotes: key = "text"')),
        ("Unclosed", N_("close the list or table with ] or }, and put commas between items")),
        ("Unterminated string", N_('close the quote on the same line, or use """triple quotes"""')),
        ("Illegal character", N_("remove the invisible control character from the file")),
    )
    hint = _(next((h for start, h in hints if message.startswith(start)),
                  N_("check the quotes, brackets and commas around that spot")))
    message = _("not valid TOML: {problem}").format(problem=message[:1].lower() + message[1:])
    return PracticeProblem(path, where, "", message, hint)
