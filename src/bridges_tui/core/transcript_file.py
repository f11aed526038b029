"""The transcript file format (version 1): a `Transcript` to TOML text and back.

The layout is the one in DESIGN.md, written so that a couple can open the file in an
editor and read it: top-level keys first, then `[checkin]`, one `[[turns]]` table per
turn, `[[breaks]]` and `[closing]`, each with its keys in a fixed order. Keys this
version does not know (written by a newer bridges, or by hand) are read into the
model's `extra` mappings and written back after the known keys, so a rewrite never
drops them.

Reading refuses anything it cannot vouch for with `TranscriptError`, whose reason names
the field at fault ("turns[3].spoken_s: must be a number of seconds, got 'soon'").
Turns and breaks are counted from 1, as a person reading the file would count them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

import attrs

from .model import (
    STATUSES,
    TRANSCRIPT_FORMAT,
    TRANSCRIPT_VERSION,
    Break,
    Checkin,
    Closing,
    ModelError,
    Transcript,
    Turn,
    clean_name,
)


class TranscriptError(ValueError):
    """A transcript that cannot be read; `reason` says why, `path` where (if known)."""

    def __init__(self, reason: str, path: Path | str | None = None, action: str = "read") -> None:
        self.reason = reason
        self.path = Path(path) if path is not None else None
        self.action = action
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path is None:
            return self.reason
        return f"can't {self.action} {self.path}: {self.reason}"

    def at(self, path: Path | str, action: str = "read") -> TranscriptError:
        """The same reason, told about the file at `path`."""
        return TranscriptError(self.reason, path, action)


@attrs.frozen
class TranscriptHeader:
    """The top-level keys of a transcript: enough to list a session without its turns."""

    practice: str
    title: str
    started: datetime
    ended: datetime | None
    status: str
    partners: tuple[str, str]
    version: int = TRANSCRIPT_VERSION


# Known keys in the order they are written; anything else is an `extra`.
_TOP_KEYS = (
    "format", "version", "practice", "title", "started", "ended", "status", "partners",
    "turn_s", "checkin", "turns", "breaks", "closing",
)
_CHECKIN_KEYS = ("before", "after")
_TURN_KEYS = (
    "step", "title", "speaker", "started", "planned_s", "spoken_s", "paused_s", "note",
    "note_by",
)
_BREAK_KEYS = ("started", "seconds")
_CLOSING_KEYS = ("learned", "agreement")
_ALL_KNOWN = {
    "": _TOP_KEYS,
    "checkin": _CHECKIN_KEYS,
    "turns": _TURN_KEYS,
    "breaks": _BREAK_KEYS,
    "closing": _CLOSING_KEYS,
}


# --- writing ----------------------------------------------------------------------


def dump_transcript(transcript: Transcript) -> str:
    """The TOML text of `transcript`, in the version-1 layout."""
    t = transcript
    # The known keys that are model attributes: everything but `format` and the tables.
    document = {"format": TRANSCRIPT_FORMAT, **_known(t, _TOP_KEYS[1:9])}
    document["checkin"] = _with_extra(_known(t.checkin, _CHECKIN_KEYS), t.checkin.extra, "checkin")
    document["turns"] = [_with_extra(_known(u, _TURN_KEYS), u.extra, "turns") for u in t.turns]
    document["breaks"] = [_with_extra(_known(b, _BREAK_KEYS), b.extra, "breaks") for b in t.breaks]
    document["closing"] = _with_extra(_known(t.closing, _CLOSING_KEYS), t.closing.extra, "closing")
    # Empty tables and lists are left out of the file.
    document = {key: value for key, value in document.items() if value not in ({}, [])}
    # Unknown plain keys land after the known ones, unknown tables after [closing]:
    # the writer puts a table's plain keys before its sub-tables, keeping each order.
    return "\n".join(toml_table_lines(_with_extra(document, t.extra, ""))) + "\n"


def _known(part: object, keys: tuple[str, ...]) -> dict[str, Any]:
    """The known keys of a model object that have a value. An empty agreement ("") is
    still an answer; only None (or no lessons at all) is left out."""
    values = {key: getattr(part, key) for key in keys}
    return {key: value for key, value in values.items() if value is not None and value != ()}


def _with_extra(known: dict[str, Any], extra: Mapping[str, Any], where: str) -> dict[str, Any]:
    table = dict(known)
    for key, value in extra.items():
        if key in _ALL_KNOWN[where]:
            raise ValueError(f"{where or 'top level'}: extra key {key!r} shadows a known one")
        table[key] = value
    return table


def _is_table(value: Any) -> bool:
    if isinstance(value, Mapping):
        return True
    return (
        isinstance(value, (list, tuple))
        and bool(value)
        and all(isinstance(item, Mapping) for item in value)
    )


# --- reading ----------------------------------------------------------------------


def load_transcript(text: str) -> Transcript:
    """The transcript in `text`. Raises TranscriptError naming the field at fault."""
    document = _parse(text)
    header = read_header(document)
    fields = _Fields(document, "")
    turn_s = fields.get("turn_s", int, "must be a whole number of seconds", required=False)
    try:
        checkin = _checkin(fields.table("checkin"))
        turns = tuple(
            _turn(table, index) for index, table in enumerate(fields.tables("turns"), 1)
        )
        breaks = tuple(
            _break(table, index) for index, table in enumerate(fields.tables("breaks"), 1)
        )
        closing = _closing(fields.table("closing"))
        return Transcript(
            practice=header.practice,
            title=header.title,
            started=header.started,
            partners=header.partners,
            status=header.status,  # type: ignore[arg-type]
            ended=header.ended,
            turn_s=turn_s,
            checkin=checkin,
            turns=turns,
            breaks=breaks,
            closing=closing,
            version=header.version,
            extra=fields.rest(_TOP_KEYS),
        )
    except ModelError as error:
        raise TranscriptError(f"{error.field}: {error.problem}") from None


def load_header(text: str) -> TranscriptHeader:
    """Only the top-level keys of a transcript (or of the part of it before its first
    table). Raises TranscriptError like `load_transcript`."""
    return read_header(_parse(text))


def read_header(document: Mapping[str, Any]) -> TranscriptHeader:
    """Check a parsed document's format marker, version and top-level keys."""
    fields = _Fields(document, "")
    marker = fields.get("format", str, "must be text")
    if marker != TRANSCRIPT_FORMAT:
        raise TranscriptError(
            f'format: expected "{TRANSCRIPT_FORMAT}", got {marker!r}; '
            "this is not a bridges transcript"
        )
    version = fields.get("version", int, "must be a whole number")
    if version > TRANSCRIPT_VERSION:
        raise TranscriptError(
            f"written by a newer bridges (version {version}); "
            f"this version reads up to {TRANSCRIPT_VERSION}"
        )
    if version < 1:
        raise TranscriptError(f"version: there is no version {version}")
    practice = fields.get("practice", str, "must be non-empty text", check=str.strip)
    title = fields.get("title", str, "must be non-empty text", check=str.strip)
    started = fields.get("started", datetime, _DATETIME, check=_has_offset)
    ended = fields.get("ended", datetime, _DATETIME, check=_has_offset, required=False)
    status = fields.get("status", str, "must be text")
    if status not in STATUSES:
        raise TranscriptError(f"status: must be one of {', '.join(STATUSES)}; got {status!r}")
    if status == "in-progress" and ended is not None:
        raise TranscriptError("ended: an in-progress session has no end time")
    if status != "in-progress" and ended is None:
        raise TranscriptError(f"ended: is missing; a {status} session needs its end time")
    names = fields.get("partners", list, "must be a list of two names")
    if len(names) != 2 or not all(isinstance(name, str) for name in names):
        raise TranscriptError("partners: must be a list of two names")
    try:
        partners = (clean_name(names[0]), clean_name(names[1]))
    except ModelError as error:
        raise TranscriptError(f"partners: {error.problem}") from None
    return TranscriptHeader(practice, title, started, ended, status, partners, version)


_DATETIME = "must be a date and time with a UTC offset, like 2026-11-25T20:31:07+01:00"


def _has_offset(value: datetime) -> bool:
    return value.tzinfo is not None


def _parse(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TranscriptError(f"not valid TOML: {error}") from None


class _Fields:
    """One table of a parsed file, handing out typed values with field-naming errors."""

    def __init__(self, values: Mapping[str, Any], path: str) -> None:
        self.values = values
        self.path = path

    def name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(
        self,
        key: str,
        kind: type | tuple[type, ...],
        problem: str,
        *,
        required: bool = True,
        check: Callable[[Any], object] | None = None,
    ) -> Any:
        if key not in self.values:
            if required:
                raise TranscriptError(f"{self.name(key)}: is missing")
            return None
        value = self.values[key]
        # bool is an int to Python, but never a number of anything in these files.
        if (
            not isinstance(value, kind)
            or (isinstance(value, bool) and kind is not bool)
            or (check is not None and not check(value))
        ):
            raise TranscriptError(f"{self.name(key)}: {problem}, got {_shown(value)}")
        return value

    def table(self, key: str) -> dict[str, Any]:
        value = self.values.get(key, {})
        if not isinstance(value, dict):
            raise TranscriptError(f"{self.name(key)}: must be a table, got {_shown(value)}")
        return value

    def tables(self, key: str) -> list[dict[str, Any]]:
        value = self.values.get(key, [])
        if not isinstance(value, list):
            raise TranscriptError(f"{self.name(key)}: must be a list of tables ([[{key}]])")
        for index, item in enumerate(value, 1):
            if not isinstance(item, dict):
                raise TranscriptError(f"{self.name(key)}[{index}]: must be a table")
        return value

    def rest(self, known: tuple[str, ...]) -> dict[str, Any]:
        return {key: value for key, value in self.values.items() if key not in known}


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a table" if isinstance(value, dict) else "a list"
    text = toml_value(value) if isinstance(value, (str, int, float, date, time)) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _number(fields: _Fields, key: str, required: bool = True) -> Any:
    return fields.get(key, (int, float), "must be a number of seconds", required=required)


def _pair(fields: _Fields, key: str) -> list[int] | None:
    return fields.get(key, list, "must be a list of two scores, like [3, 4]", required=False)


def _checkin(table: dict[str, Any]) -> Checkin:
    fields = _Fields(table, "checkin")
    return Checkin(
        before=_pair(fields, "before"),
        after=_pair(fields, "after"),
        extra=fields.rest(_CHECKIN_KEYS),
    )


def _within(path: str, build: Callable[[], Any]) -> Any:
    try:
        return build()
    except ModelError as error:
        raise TranscriptError(f"{path}.{error.field}: {error.problem}") from None


def _turn(table: dict[str, Any], index: int) -> Turn:
    fields = _Fields(table, f"turns[{index}]")
    values = {
        "step": fields.get("step", str, "must be text"),
        "title": fields.get("title", str, "must be text"),
        "speaker": fields.get("speaker", str, "must be A, B or both"),
        "started": fields.get("started", datetime, _DATETIME, check=_has_offset),
        "planned_s": _number(fields, "planned_s"),
        "spoken_s": _number(fields, "spoken_s"),
        "note": fields.get("note", str, "must be text", required=False),
        "note_by": fields.get("note_by", str, "must be A, B or both", required=False),
        "extra": fields.rest(_TURN_KEYS),
    }
    paused = _number(fields, "paused_s", required=False)
    if paused is not None:
        values["paused_s"] = paused
    return _within(fields.path, lambda: Turn(**values))


def _break(table: dict[str, Any], index: int) -> Break:
    fields = _Fields(table, f"breaks[{index}]")
    started = fields.get("started", datetime, _DATETIME, check=_has_offset)
    seconds = _number(fields, "seconds")
    return _within(
        fields.path, lambda: Break(started, seconds, extra=fields.rest(_BREAK_KEYS))
    )


def _closing(table: dict[str, Any]) -> Closing:
    fields = _Fields(table, "closing")
    learned = fields.get("learned", list, "must be a list of text", required=False)
    if learned is not None and not all(isinstance(item, str) for item in learned):
        raise TranscriptError("closing.learned: must be a list of text")
    agreement = fields.get("agreement", str, "must be text", required=False)
    return _within(
        "closing",
        lambda: Closing(
            learned=learned or (), agreement=agreement, extra=fields.rest(_CLOSING_KEYS)
        ),
    )


# --- TOML text --------------------------------------------------------------------
# Written by hand rather than with tomli_w (1.2), which spreads every array over several
# lines, writes datetimes with a space, folds short [[breaks]] into an inline array and,
# in its multi-line mode, turns "\r\n" in a note into "\n". The config file uses the
# same writer, so both files read alike.

_BARE_KEY = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
# Control characters, DEL, the C1 controls and the Unicode line separators are
# invisible or move the cursor in an editor, so they are always spelled as escapes.
_ESCAPES = {code: f"\\u{code:04x}" for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)}
_ESCAPES.update({ord("\b"): "\\b", ord("\f"): "\\f", ord("\r"): "\\r", ord("\n"): "\\n"})
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\"})
_ESCAPES[ord("\t")] = "\t"
_ONE_LINE = str.maketrans(_ESCAPES)
_MULTI_LINE = str.maketrans({**_ESCAPES, ord("\n"): "\n"})
_LINE_WIDTH = 88


def toml_table_lines(
    table: Mapping[str, Any], header: str | None = None, many: bool = False
) -> list[str]:
    """The lines of one TOML table: its header (`[header]`, or `[[header]]` when
    `many`; none at top level), its plain keys in order, then its sub-tables."""
    lines: list[str] = []
    if header is not None:
        lines.append(f"[[{header}]]" if many else f"[{header}]")
    nested: list[tuple[str, Any]] = []
    for key, value in table.items():
        if _is_table(value):
            nested.append((key, value))
        else:
            lines.append(f"{_key(key)} = {toml_value(value, top=True)}")
    for key, value in nested:
        name = f"{header}.{_key(key)}" if header is not None else _key(key)
        if isinstance(value, Mapping):
            lines += ["", *toml_table_lines(value, name)]
        else:
            for item in value:
                lines += ["", *toml_table_lines(item, name, many=True)]
    if lines and not lines[0]:
        del lines[0]
    return lines


def toml_value(value: Any, top: bool = False) -> str:
    """`value` spelled as TOML. `top` is a value written right after `key =`, where a
    text with line breaks reads best as a multi-line string and a long list one item
    a line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # inf, -inf, nan and 1e+16 are all valid TOML as repr spells them
    if isinstance(value, str):
        if top and "\n" in value:
            return '"""\n' + value.translate(_MULTI_LINE) + '"""'
        return '"' + value.translate(_ONE_LINE) + '"'
    if isinstance(value, datetime):
        return _writable(value).isoformat()
    if isinstance(value, (date, time)):
        if isinstance(value, time) and value.tzinfo is not None:
            raise ValueError("TOML has no time of day with a UTC offset")
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        items = [toml_value(item) for item in value]
        one_line = "[" + ", ".join(items) + "]"
        if not top or len(one_line) <= _LINE_WIDTH or len(items) < 2:
            return one_line
        return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        pairs = ", ".join(f"{_key(key)} = {toml_value(item)}" for key, item in value.items())
        return "{ " + pairs + " }"
    raise TypeError(f"{type(value).__name__} can't be written to TOML")


def _key(key: str) -> str:
    if key and _BARE_KEY.issuperset(key):
        return key
    return '"' + key.translate(_ONE_LINE) + '"'


def _writable(moment: datetime) -> datetime:
    # Offsets with seconds (historic local mean time) have no TOML spelling; such a
    # moment is written in UTC instead, which names the same instant.
    offset = moment.utcoffset()
    if offset is not None and offset.total_seconds() % 60:
        return moment.astimezone(timezone.utc)
    return moment
