"""Frozen records that check their values when they are made.

`@record` makes a class a frozen dataclass (with slots) whose fields may name a
`convert` function and a `check`: on every construction, and on every
`dataclasses.replace`, each field is converted first, then each is checked in the
order the class lists them, and last the class's own `_check_record`, if it has one,
looks at the whole. A check raises `ModelError` naming the field.

The standard library does all the work, so the model costs the first screen no
import of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

#: A field's check: (the record being made, the field's name, its value).
Check = Callable[[Any, str, Any], None]

_CONVERT = "bridges.convert"
_CHECK = "bridges.check"

T = TypeVar("T")


def field(
    *,
    default: Any = dataclasses.MISSING,
    factory: Callable[[], Any] | Any = dataclasses.MISSING,
    convert: Callable[[Any], Any] | None = None,
    check: Check | None = None,
) -> Any:
    """A record's field: its default (or a `factory` for one), how a value given is
    converted, and how it is checked."""
    metadata = {}
    if convert is not None:
        metadata[_CONVERT] = convert
    if check is not None:
        metadata[_CHECK] = check
    return dataclasses.field(default=default, default_factory=factory, metadata=metadata)


def _post_init(self: Any) -> None:
    steps = type(self)._record_steps
    for name, convert, _ in steps:
        if convert is not None:
            object.__setattr__(self, name, convert(getattr(self, name)))
    for name, _, check in steps:
        if check is not None:
            check(self, name, getattr(self, name))
    whole = getattr(self, "_check_record", None)
    if whole is not None:
        whole()


def record(cls: type[T]) -> type[T]:
    """Make `cls` a frozen, slotted, checked dataclass (see the module's docstring).
    Checks that need the whole record go in a `_check_record(self)` method."""
    if "__post_init__" in cls.__dict__:
        raise TypeError(f"{cls.__name__}: put whole-record checks in _check_record, not __post_init__")
    cls.__post_init__ = _post_init  # type: ignore[attr-defined]
    made = dataclasses.dataclass(frozen=True, slots=True)(cls)
    made._record_steps = tuple(  # type: ignore[attr-defined]
        (item.name, item.metadata.get(_CONVERT), item.metadata.get(_CHECK))
        for item in dataclasses.fields(made)
        if _CONVERT in item.metadata or _CHECK in item.metadata
    )
    return made
