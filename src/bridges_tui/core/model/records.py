"""Frozen records that check their values when they are made.

`@record` makes a class a frozen dataclass (with slots) whose fields may name a
`convert` function and a `check`: on every construction, and on every
`dataclasses.replace`, each field is converted first, then each is checked in the
order the class lists them, and last the class's own `_check_record`, if it has one,
looks at the whole. A check raises `ModelError` naming the field.

`dataclasses` only collects a record's fields here (so `fields`, `replace` and
`asdict` work as usual); the methods every record shares are written once, below.
Letting `dataclasses` write them would compile six functions per class, and the
model's twenty-odd records would cost the first screen about 7 ms.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

#: A field's check: (the record being made, the field's name, its value).
Check = Callable[[Any, str, Any], None]

_CONVERT = "bridges.convert"
_CHECK = "bridges.check"
_MISSING = dataclasses.MISSING

T = TypeVar("T")


def field(
    *,
    default: Any = _MISSING,
    factory: Callable[[], Any] | Any = _MISSING,
    convert: Callable[[Any], Any] | None = None,
    check: Check | None = None,
) -> Any:
    """A record's field: its default (or a `factory` for one), how a value given is
    converted, and how it is checked."""
    metadata: dict[str, Any] = {}
    if convert is not None:
        metadata[_CONVERT] = convert
    if check is not None:
        metadata[_CHECK] = check
    return dataclasses.field(default=default, default_factory=factory, metadata=metadata)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """Make `cls` a frozen, slotted, checked dataclass (see the module's docstring).
    Checks that need the whole record go in a `_check_record(self)` method."""
    for name in (*_SHARED, "__post_init__"):
        if name in cls.__dict__:
            raise TypeError(f"{cls.__name__}: a record makes its own {name}; whole-record checks go in _check_record")
    made: Any = dataclasses.dataclass(init=False, repr=False, eq=False, slots=True)(cls)
    fields = dataclasses.fields(made)
    made._record_names = tuple(item.name for item in fields)
    made._record_fills = tuple((item.name, item.default, item.default_factory) for item in fields)
    made._record_steps = tuple(
        (item.name, item.metadata.get(_CONVERT), item.metadata.get(_CHECK))
        for item in fields
        if _CONVERT in item.metadata or _CHECK in item.metadata
    )
    made.__match_args__ = made._record_names
    for name, method in _SHARED.items():
        setattr(made, name, method)
    return made


def field_names(cls: type) -> tuple[str, ...]:
    """The names of a record's fields, in the order the class lists them."""
    names: tuple[str, ...] = vars(cls)["_record_names"]  # set by `record`, unseen by checkers
    return names


def _init(self: Any, *args: Any, **values: Any) -> None:
    cls = self.__class__
    if args:
        values = _by_name(cls, args, values)
    for name, default, factory in cls._record_fills:
        value = values.pop(name, _MISSING)
        if value is _MISSING:
            if factory is not _MISSING:
                value = factory()
            elif default is not _MISSING:
                value = default
            else:
                raise TypeError(f"{cls.__name__}() needs a value for {name!r}")
        object.__setattr__(self, name, value)
    if values:
        raise TypeError(f"{cls.__name__}() has no field {next(iter(values))!r}")
    _post_init(self)


def _by_name(cls: Any, args: tuple[Any, ...], values: dict[str, Any]) -> dict[str, Any]:
    """Values given by position, named, merged with those given by name."""
    if len(args) > len(cls._record_names):
        raise TypeError(f"{cls.__name__}() takes {len(cls._record_names)} values, not {len(args)}")
    named = dict(zip(cls._record_names, args, strict=False))
    for name, value in values.items():
        if name in named:
            raise TypeError(f"{cls.__name__}() got two values for {name!r}")
        named[name] = value
    return named


def _post_init(self: Any) -> None:
    steps: tuple[tuple[str, Callable[[Any], Any] | None, Check | None], ...] = self.__class__._record_steps
    for name, convert, _ in steps:
        if convert is not None:
            object.__setattr__(self, name, convert(getattr(self, name)))
    for name, _, check in steps:
        if check is not None:
            check(self, name, getattr(self, name))
    whole = getattr(self, "_check_record", None)
    if whole is not None:
        whole()


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in self._record_names)


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_names)
    return f"{type(self).__qualname__}({shown})"


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


#: The methods every record shares.
_SHARED = {
    "__init__": _init, "__repr__": _repr, "__eq__": _eq, "__hash__": _hash,
    "__setattr__": _setattr, "__delattr__": _delattr,
}
