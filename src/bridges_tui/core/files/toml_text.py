r"""TOML text written by hand, for the files people open in an editor: transcripts and
the config.

Not tomli_w (1.2), which spreads every array over several lines, writes datetimes with a
space, folds short [[breaks]] into an inline array and, in its multi-line mode, turns
"\r\n" in a note into "\n". Both files use this writer, so they read alike, and a value
read back with `tomllib` is the value written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import Any, cast

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


def toml_document(table: Mapping[str, Any]) -> str:
    """The whole text of a TOML file holding `table`: its plain keys first, then its
    tables (see `toml_table_lines`), ending in a newline."""
    return "\n".join(toml_table_lines(table)) + "\n"


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
            lines += ["", *toml_table_lines(cast("Mapping[str, Any]", value), name)]
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
        items = [toml_value(item) for item in cast("Sequence[Any]", value)]
        one_line = "[" + ", ".join(items) + "]"
        if not top or len(one_line) <= _LINE_WIDTH or len(items) < 2:
            return one_line
        return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        table = cast("Mapping[str, Any]", value)
        pairs = ", ".join(f"{_key(key)} = {toml_value(item)}" for key, item in table.items())
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
        return moment.astimezone(UTC)
    return moment


def _is_table(value: Any) -> bool:
    """True for what is written as a table: a mapping, or a non-empty list of them."""
    if isinstance(value, Mapping):
        return True
    if not isinstance(value, (list, tuple)):
        return False
    items = cast("Sequence[Any]", value)
    return bool(items) and all(isinstance(item, Mapping) for item in items)
