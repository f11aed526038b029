"""The couple's settings, kept in `config.toml` in the config folder.

```toml
[partners]
names = ["Sam", "Alex"]   # remembered from the last session

[hints]
phrasing = true           # a gentle hint under a note that sounds like blame

[start]
screen = "blank"          # the start screen shows no names and no last agreement
                          # ("remembered", the default: it shows both)

[language]
code = "de"               # the language chosen on the setup screen (none: the
                          # environment's, as LANG and the like say)
```

A broken config file must never stop the app or be lost: `load_config` falls back to
the defaults and says what is wrong, and `save_config` refuses to overwrite a file it
cannot read. Keys this version does not know are kept and written back.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from bridges_tui.core.files.safe_files import (
    StoreError,
    ensure_private_dir,
    plain_reason,
    write_private,
)
from bridges_tui.core.files.saved_language import KEY as LANGUAGE_KEY
from bridges_tui.core.files.saved_language import SECTION as LANGUAGE_SECTION
from bridges_tui.core.files.toml_text import toml_document
from bridges_tui.core.language.words import _
from bridges_tui.core.model.records import field, record
from bridges_tui.core.model.session import ModelError, clean_name

# A config file is a few lines; anything bigger is not ours to read.
_MAX_CONFIG_BYTES = 1024 * 1024


class ConfigError(ValueError):
    """What is wrong with a config file, in words meant for the couple."""


def _names(value: Any) -> tuple[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, (list, tuple)) or len(names := cast("Sequence[object]", value)) != 2:
        raise ModelError("partners.names", _("must be a list of two names"))
    try:
        return (clean_name(names[0]), clean_name(names[1]))
    except ModelError as error:
        raise ModelError("partners.names", error.problem) from None


def _frozen(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


def _true_or_false(config: Config, name: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise ModelError(
            "hints.phrasing", _("must be true or false, got {value}").format(value=repr(value))
        )


#: What the start screen may show (`Config.start_screen`).
START_SCREENS = ("remembered", "blank")


def _start_screen(config: Config, name: str, value: Any) -> None:
    if value not in START_SCREENS:
        raise ModelError(
            "start.screen", _('must be "remembered" or "blank", got {value}').format(value=repr(value))
        )


def _language(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ModelError(
            "language.code", _("must be a language code such as \"de\", got {value}").format(value=repr(value))
        )
    # A code bridges doesn't speak is kept: `choose_language` says so, in one line.
    return value.strip() or None


@record
class Config:
    """What bridges remembers between sessions."""

    #: The partners' names from the last session (A, B), offered again at setup.
    names: tuple[str, str] | None = field(default=None, convert=_names)
    #: Whether a gentle phrasing hint may appear under a note as it is typed.
    phrasing_hints: bool = field(default=True, check=_true_or_false)
    #: Everything in the file this version does not know, in the file's own shape
    #: (top-level keys, and unknown keys inside [partners], [hints], [start] and
    #: [language]).
    extra: Mapping[str, Any] = field(factory=dict, convert=_frozen)
    #: What the start screen shows before the couple starts: "remembered" (the names
    #: and the last agreement, to follow it up) or "blank" (neither; names are then not
    #: written down either). Last, so the fields before keep their places.
    start_screen: str = field(default="remembered", check=_start_screen)
    #: The language chosen on the setup screen ("de"); None: the environment's.
    language: str | None = field(default=None, convert=_language)

    @property
    def blank_start(self) -> bool:
        """True when the start screen shows no names and no last agreement."""
        return self.start_screen == "blank"


def load_config(path: Path | str) -> tuple[Config, str | None]:
    """The config at `path`, and a warning to show when it could not be used.

    Never raises: a missing file gives the defaults quietly; an unreadable or broken
    one gives the defaults and a plain message naming the file and the problem.
    """
    target = Path(path)
    try:
        return read_config(target), None
    except FileNotFoundError:
        return Config(), None
    except (OSError, ConfigError) as error:
        problem = plain_reason(error) if isinstance(error, OSError) else str(error)
        return Config(), _(
            "Your settings in {path} couldn't be used ({problem}), so bridges is using its "
            "defaults and will leave that file as it is until it is fixed or removed."
        ).format(path=target, problem=problem)


def read_config(path: Path | str) -> Config:
    """The config at `path`, strictly: raises OSError (FileNotFoundError when there is
    none) or ConfigError saying what is wrong."""
    target = Path(path)
    with open(target, "rb") as file:
        data = file.read(_MAX_CONFIG_BYTES + 1)
    if len(data) > _MAX_CONFIG_BYTES:
        raise ConfigError(_("it is too large to be a config file"))
    import tomllib  # here: a start that reads no TOML need not load it (1.1 ms)

    try:
        document = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(_("it is not UTF-8 text")) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(_("it is not valid TOML: {error}").format(error=error)) from None
    except RecursionError:
        raise ConfigError(_("it is nested too deeply to be a config file")) from None
    return _from_document(document)


def _from_document(document: dict[str, Any]) -> Config:
    extra = dict(document)
    partners = _section(extra, "partners")
    hints = _section(extra, "hints")
    start = _section(extra, "start")
    language = _section(extra, LANGUAGE_SECTION)
    names = partners.pop("names", None)
    phrasing = hints.pop("phrasing", True)
    start_screen = start.pop("screen", "remembered")
    code = language.pop(LANGUAGE_KEY, None)
    for section, rest in (("partners", partners), ("hints", hints), ("start", start), (LANGUAGE_SECTION, language)):
        if rest:
            extra[section] = rest
    try:
        return Config(names=names, phrasing_hints=phrasing, start_screen=start_screen, language=code, extra=extra)
    except ModelError as error:
        raise ConfigError(f"{error.field}: {error.problem}") from None


def _section(document: dict[str, Any], name: str) -> dict[str, Any]:
    value = document.pop(name, {})
    if not isinstance(value, dict):
        raise ConfigError(_("{name}: must be a table ([{name}])").format(name=name))
    return dict(cast("dict[str, Any]", value))  # tomllib's keys are always text


def config_text(config: Config) -> str:
    """The TOML text of `config`: [partners], [hints], [start] and [language] (when not
    the default), then anything else it kept."""
    extra = dict(config.extra)
    partners = dict(extra.pop("partners", None) or {})
    hints = dict(extra.pop("hints", None) or {})
    start = dict(extra.pop("start", None) or {})
    language = dict(extra.pop(LANGUAGE_SECTION, None) or {})
    document: dict[str, Any] = {}
    if config.names is not None:
        document["partners"] = {"names": list(config.names), **partners}
    elif partners:
        document["partners"] = partners
    document["hints"] = {"phrasing": config.phrasing_hints, **hints}
    if config.start_screen != "remembered" or start:
        document["start"] = {"screen": config.start_screen, **start}
    if config.language is not None:
        document[LANGUAGE_SECTION] = {LANGUAGE_KEY: config.language, **language}
    elif language:
        document[LANGUAGE_SECTION] = language
    document.update(extra)
    return toml_document(document)


def save_config(path: Path | str, config: Config) -> None:
    """Write `config` to `path` (0600, atomically; the folder is made 0700).

    Raises StoreError, leaving the file untouched, when a file already there cannot be
    read as a config: the couple may want what is in it.
    """
    target = Path(path)
    try:
        read_config(target)
    except FileNotFoundError:
        pass
    except (OSError, ConfigError) as error:
        problem = plain_reason(error) if isinstance(error, OSError) else str(error)
        raise StoreError(
            target,
            _("the file there can't be read ({problem}); fix or remove it first").format(problem=problem),
            errno.EEXIST,
        ) from error
    ensure_private_dir(target.parent)
    write_private(target, config_text(config))
