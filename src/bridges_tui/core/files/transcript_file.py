"""The transcript file format (version 1): a `Transcript` to TOML text and back.

The layout is the one in DESIGN.md, written so that a couple can open the file in an
editor and read it: top-level keys first, then `[checkin]`, `[followup]` (how the
last agreement went), one `[[turns]]` table per turn, `[[breaks]]` and `[closing]`,
and `[[taken_back]]` (turns an undo took back, kept for their notes), each with its
keys in a fixed order. Every table is optional; a file from before `language` or
`[followup]` existed reads as English, with no follow-up. Keys this version does not know
(written by a newer bridges, or by hand) are read into the model's `extra` mappings
and written back after the known keys, so a rewrite never drops them.

Reading refuses anything it cannot vouch for with `TranscriptError`, whose reason names
the field at fault ("turns[3].spoken_s: must be a number of seconds, got 'soon'").
Turns and breaks are counted from 1, as a person reading the file would count them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, cast

from bridges_tui.core.files.lock_files import session_id
from bridges_tui.core.files.safe_files import failed_action
from bridges_tui.core.files.session_row import SessionRow
from bridges_tui.core.files.toml_text import toml_document, toml_value
from bridges_tui.core.language.words import N_, _
from bridges_tui.core.model.field_checks import LANGUAGE_CODE
from bridges_tui.core.model.records import field_names
from bridges_tui.core.model.session import (
    STATUSES,
    TRANSCRIPT_FORMAT,
    TRANSCRIPT_VERSION,
    Break,
    Checkin,
    Closing,
    Followup,
    ModelError,
    Status,
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
        return failed_action(self.action, self.path, self.reason)

    def at(self, path: Path | str, action: str = "read") -> TranscriptError:
        """The same reason, told about the file at `path`."""
        return TranscriptError(self.reason, path, action)


def _keys(kind: type) -> tuple[str, ...]:
    """A table's known keys: the fields of its record, in their order, but `extra`
    (which holds the keys this version does not know)."""
    return tuple(name for name in field_names(kind) if name != "extra")


#: The top of the file as a person reads it: what the file is, then when the session
#: was, how it ended and who sat there. Every other field follows in the model's order.
_HEADER = ("format", "version", "practice", "title", "language", "started", "ended", "status", "partners")
# Known keys in the order they are written; anything else is an `extra`.
_TOP_KEYS = (*_HEADER, *(name for name in _keys(Transcript) if name not in _HEADER))
_CHECKIN_KEYS = _keys(Checkin)
_FOLLOWUP_KEYS = _keys(Followup)
_TURN_KEYS = _keys(Turn)
_BREAK_KEYS = _keys(Break)
_CLOSING_KEYS = _keys(Closing)
_ALL_KNOWN = {
    "": _TOP_KEYS,
    "checkin": _CHECKIN_KEYS,
    "followup": _FOLLOWUP_KEYS,
    "turns": _TURN_KEYS,
    "breaks": _BREAK_KEYS,
    "closing": _CLOSING_KEYS,
    "taken_back": _TURN_KEYS,
}
#: The top-level keys that are plain values (the tables follow them in the file).
_PLAIN_TOP_KEYS = tuple(name for name in _TOP_KEYS if name not in _ALL_KNOWN)


# --- writing ----------------------------------------------------------------------


def dump_transcript(transcript: Transcript) -> str:
    """The TOML text of `transcript`, in the version-1 layout."""
    t = transcript
    # The known keys that are model attributes: everything but `format` and the tables.
    document: dict[str, Any] = {"format": TRANSCRIPT_FORMAT, **_known(t, _PLAIN_TOP_KEYS[1:])}
    document["checkin"] = _with_extra(_known(t.checkin, _CHECKIN_KEYS), t.checkin.extra, "checkin")
    if t.followup is not None:
        document["followup"] = _with_extra(
            _known(t.followup, _FOLLOWUP_KEYS), t.followup.extra, "followup"
        )
    document["turns"] = [_with_extra(_known(u, _TURN_KEYS), u.extra, "turns") for u in t.turns]
    document["breaks"] = [_with_extra(_known(b, _BREAK_KEYS), b.extra, "breaks") for b in t.breaks]
    document["closing"] = _with_extra(_known(t.closing, _CLOSING_KEYS), t.closing.extra, "closing")
    document["taken_back"] = [
        _with_extra(_known(u, _TURN_KEYS), u.extra, "taken_back") for u in t.taken_back
    ]
    # Empty tables and lists are left out of the file.
    document = {key: value for key, value in document.items() if value not in ({}, [])}
    # Unknown plain keys land after the known ones, unknown tables after [closing]:
    # the writer puts a table's plain keys before its sub-tables, keeping each order.
    return toml_document(_with_extra(document, t.extra, ""))


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


# --- reading ----------------------------------------------------------------------


def load_transcript(text: str) -> Transcript:
    """The transcript in `text`. Raises TranscriptError naming the field at fault."""
    document = _parse(text)
    practice, title, started, ended, status, partners, version = _header(document)
    fields = _Fields(document, "")
    turn_s = fields.get("turn_s", int, N_("must be a whole number of seconds"), required=False)
    # Absent in files written before languages: those sessions were held in English.
    language = fields.get("language", str, N_('must be a language code like "en" or "es"'),
                          required=False, check=LANGUAGE_CODE.fullmatch) or "en"
    try:
        checkin = _checkin(fields.table("checkin"))
        # Absent in files written before the follow-up existed; present, it is complete.
        followup = _followup(fields.table("followup")) if "followup" in document else None
        turns = tuple(
            _turn(table, index) for index, table in enumerate(fields.tables("turns"), 1)
        )
        breaks = tuple(
            _break(table, index) for index, table in enumerate(fields.tables("breaks"), 1)
        )
        closing = _closing(fields.table("closing"))
        taken_back = tuple(
            _turn(table, index, "taken_back")
            for index, table in enumerate(fields.tables("taken_back"), 1)
        )
        return Transcript(
            practice=practice, title=title, language=language, started=started, partners=partners,
            status=status, ended=ended, turn_s=turn_s, checkin=checkin, followup=followup, turns=turns,
            breaks=breaks, closing=closing, taken_back=taken_back, version=version,
            extra=fields.rest(_TOP_KEYS),
        )
    except ModelError as error:
        raise TranscriptError(f"{error.field}: {error.problem}") from None


def load_header(text: str, path: Path | str = "") -> SessionRow:
    """The session whose transcript (or the part of it before its first table) is
    `text`, as a list shows it from the top-level keys alone (`path`: its file, if it
    has one). Raises TranscriptError like `load_transcript`."""
    practice, title, started, ended, status, partners, _version = _header(_parse(text))
    return SessionRow(session_id(Path(path).name), path, practice, title, started, ended, status, partners)


def _header(document: Mapping[str, Any]) -> tuple[str, str, datetime, datetime | None, Status, tuple[str, str], int]:
    """A parsed document's format marker checked, and its version and top-level keys:
    (practice, title, started, ended, status, partners, version)."""
    fields = _Fields(document, "")
    marker = fields.get("format", str, N_("must be text"))
    if marker != TRANSCRIPT_FORMAT:
        raise TranscriptError(
            _('format: expected "{format}", got {marker}; this is not a bridges transcript')
            .format(format=TRANSCRIPT_FORMAT, marker=repr(marker))
        )
    version = fields.get("version", int, N_("must be a whole number"))
    if version > TRANSCRIPT_VERSION:
        raise TranscriptError(
            _("written by a newer bridges (version {version}); this version reads up to {known}")
            .format(version=version, known=TRANSCRIPT_VERSION)
        )
    if version < 1:
        raise TranscriptError(_("version: there is no version {version}").format(version=version))
    practice = fields.get("practice", str, N_("must be non-empty text"), check=str.strip)
    title = fields.get("title", str, N_("must be non-empty text"), check=str.strip)
    started = fields.get("started", datetime, _DATETIME, check=_has_offset)
    ended = fields.get("ended", datetime, _DATETIME, check=_has_offset, required=False)
    status = fields.get("status", str, N_("must be text"))
    if status not in STATUSES:
        raise TranscriptError(
            _("status: must be one of {choices}; got {status}")
            .format(choices=", ".join(STATUSES), status=repr(status))
        )
    if status == "in-progress" and ended is not None:
        raise TranscriptError(_("ended: an in-progress session has no end time"))
    if status != "in-progress" and ended is None:
        raise TranscriptError(
            _("ended: is missing; a {status} session needs its end time").format(status=status)
        )
    names = fields.get("partners", list, N_("must be a list of two names"))
    if len(names) != 2 or not all(isinstance(name, str) for name in names):
        raise TranscriptError(_("partners: must be a list of two names"))
    try:
        partners = (clean_name(names[0]), clean_name(names[1]))
    except ModelError as error:
        raise TranscriptError(f"partners: {error.problem}") from None
    return (practice, title, started, ended, status, partners, version)


#: Translated where it is told (`_Fields.get`).
_DATETIME = N_("must be a date and time with a UTC offset, like 2026-11-25T20:31:07+01:00")


def _has_offset(value: datetime) -> bool:
    return value.tzinfo is not None


def _parse(text: str) -> dict[str, Any]:
    import tomllib  # here: a start that reads no TOML need not load it (1.1 ms)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TranscriptError(_("not valid TOML: {error}").format(error=error)) from None
    except RecursionError:
        # tomllib recurses once per level of [[[…]]] or {a={…}}: a few hundred is enough.
        raise TranscriptError(_("is nested too deeply to be a transcript")) from None


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
                raise TranscriptError(self.name(key) + ": " + _("is missing"))
            return None
        value = self.values[key]
        # bool is an int to Python, but never a number of anything in these files.
        if (
            not isinstance(value, kind)
            or (isinstance(value, bool) and kind is not bool)
            or (check is not None and not check(value))
        ):
            told = _("{problem}, got {value}").format(problem=_(problem), value=_shown(value))
            raise TranscriptError(f"{self.name(key)}: {told}")
        return value

    def table(self, key: str) -> dict[str, Any]:
        value = self.values.get(key, {})
        if not isinstance(value, dict):
            raise TranscriptError(
                f"{self.name(key)}: " + _("must be a table, got {value}").format(value=_shown(value))
            )
        return cast("dict[str, Any]", value)  # tomllib's keys are always text

    def tables(self, key: str) -> list[dict[str, Any]]:
        value = self.values.get(key, [])
        if not isinstance(value, list):
            raise TranscriptError(
                f"{self.name(key)}: " + _("must be a list of tables ([[{key}]])").format(key=key)
            )
        items = cast("list[Any]", value)
        for index, item in enumerate(items, 1):
            if not isinstance(item, dict):
                raise TranscriptError(f"{self.name(key)}[{index}]: " + _("must be a table"))
        return items

    def rest(self, known: tuple[str, ...]) -> dict[str, Any]:
        return {key: value for key, value in self.values.items() if key not in known}


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return _("a table") if isinstance(value, dict) else _("a list")
    text = toml_value(value) if isinstance(value, (str, int, float, date, time)) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _number(fields: _Fields, key: str, required: bool = True) -> Any:
    return fields.get(key, (int, float), N_("must be a number of seconds"), required=required)


def _pair(fields: _Fields, key: str) -> Any:
    """A list, or None; `Checkin` makes it a pair of scores or says why it can't."""
    return fields.get(key, list, N_("must be a list of two scores, like [3, 4]"), required=False)


def _checkin(table: dict[str, Any]) -> Checkin:
    fields = _Fields(table, "checkin")
    return Checkin(
        before=_pair(fields, "before"),
        after=_pair(fields, "after"),
        extra=fields.rest(_CHECKIN_KEYS),
    )


def _followup(table: dict[str, Any]) -> Followup:
    fields = _Fields(table, "followup")
    session = fields.get("session", str, N_("must be the id of a session"))
    agreement = fields.get("agreement", str, N_("must be text"))
    answer = fields.get("answer", str, N_("must be kept, partly or not-yet"))
    return _within(
        "followup",
        lambda: Followup(session, agreement, answer, extra=fields.rest(_FOLLOWUP_KEYS)),
    )


def _within(path: str, build: Callable[[], Any]) -> Any:
    try:
        return build()
    except ModelError as error:
        raise TranscriptError(f"{path}.{error.field}: {error.problem}") from None


def _turn(table: dict[str, Any], index: int, where: str = "turns") -> Turn:
    fields = _Fields(table, f"{where}[{index}]")
    values: dict[str, Any] = {
        "step": fields.get("step", str, N_("must be text")),
        "title": fields.get("title", str, N_("must be text")),
        "speaker": fields.get("speaker", str, N_("must be A, B or both")),
        "started": fields.get("started", datetime, _DATETIME, check=_has_offset),
        "planned_s": _number(fields, "planned_s"),
        "spoken_s": _number(fields, "spoken_s"),
        "note": fields.get("note", str, N_("must be text"), required=False),
        "note_by": fields.get("note_by", str, N_("must be A, B or both"), required=False),
        # A listening loop's figures; absent on other steps and in older files.
        "tries": fields.get("tries", int, N_("must be a whole number"), required=False),
        "clarify_s": _number(fields, "clarify_s", required=False),
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
    learned = fields.get("learned", list, N_("must be a list of text"), required=False)
    if learned is not None and not all(isinstance(item, str) for item in learned):
        raise TranscriptError(_("closing.learned: must be a list of text"))
    agreement = fields.get("agreement", str, N_("must be text"), required=False)
    return _within(
        "closing",
        lambda: Closing(
            learned=learned or (), agreement=agreement, extra=fields.rest(_CLOSING_KEYS)
        ),
    )
