"""The checks the model's fields make (see `records.field`), and the error they raise.

Each check gets the record being made, the field's name and its value, and raises
`ModelError` naming the field when the value will not do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

from bridges_tui.core.language.words import _
from bridges_tui.core.model.records import Check


class ModelError(ValueError):
    """A value that the model refuses; the message names the field."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def is_whole(value: object) -> bool:
    """A whole number, and not True or False (which Python counts as 1 and 0).

    For checks at the core's edge, whose callers may pass anything whatever their
    parameters say: written on `object`, so the checker does not call them needless."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    """A whole or decimal number, and not True or False (see `is_whole`)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_text(value: object) -> bool:
    """A string (see `is_whole`)."""
    return isinstance(value, str)


def text(instance: Any, name: str, value: Any) -> None:
    """Text with something in it."""
    if not isinstance(value, str) or not value.strip():
        raise ModelError(name, _("must be non-empty text, got {value}").format(value=repr(value)))


def optional_text(instance: Any, name: str, value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise ModelError(name, _("must be text, got {kind}").format(kind=type(value).__name__))


def one_of(choices: tuple[str, ...]) -> Check:
    def check(instance: Any, name: str, value: Any) -> None:
        if value not in choices:
            raise ModelError(
                name, _("must be one of {choices}; got {value}").format(
                    choices=", ".join(choices), value=repr(value)
                )
            )

    return check


def seconds(positive: bool) -> Check:
    """A finite number of seconds: above zero, or (`positive` False) zero or more."""
    def check(instance: Any, name: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ModelError(name, _("must be a number of seconds, got {value}").format(value=repr(value)))
        if value != value or value in (float("inf"), float("-inf")):
            raise ModelError(name, _("must be a finite number, got {value}").format(value=repr(value)))
        if value < 0 or (positive and value == 0):
            problem = (
                _("must be greater than zero, got {value}") if positive
                else _("must be zero or more, got {value}")
            )
            raise ModelError(name, problem.format(value=repr(value)))

    return check


#: A language as a practice script or a transcript names it: two or three lowercase
#: letters, ISO 639 ("en", "es", "de").
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def language(instance: Any, name: str, value: Any) -> None:
    """A language code: "en", "es", "de" (two or three lowercase letters)."""
    if not isinstance(value, str) or not LANGUAGE_CODE.fullmatch(value):
        raise ModelError(
            name, _('must be a language code like "en" or "es", got {value}').format(value=repr(value))
        )


def count(instance: Any, name: str, value: Any) -> None:
    """A whole number, zero or more."""
    if not is_whole(value) or value < 0:
        raise ModelError(
            name, _("must be a whole number, zero or more, got {value}").format(value=repr(value))
        )


def optional(check: Check) -> Check:
    """`check`, for a field that may also be None."""

    def check_if_given(instance: Any, name: str, value: Any) -> None:
        if value is not None:
            check(instance, name, value)

    return check_if_given


def aware(instance: Any, name: str, value: Any) -> None:
    """A date and time with its UTC offset (or None)."""
    if value is None:
        return
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ModelError(
            name, _("must be a date and time with a UTC offset, got {value}").format(value=repr(value))
        )


def texts(instance: Any, name: str, value: Any) -> None:
    if not all(isinstance(item, str) for item in value):
        raise ModelError(name, _("must be a list of text"))


def freeze(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """A read-only copy of a table of keys this version does not know."""
    return MappingProxyType(dict(value or {}))


def as_tuple(value: Any) -> tuple[Any, ...]:
    """A list, as a tuple (a lone string is refused, not split into letters)."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise ModelError("list", _("expected a list, got {value}").format(value=repr(value)))
    return tuple(value)
