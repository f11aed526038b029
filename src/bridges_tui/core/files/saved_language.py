"""The language the couple chose on the setup screen, as `config.toml` keeps it:

```toml
[language]
code = "de"
```

It is read before any word is shown, by every command, so it is read lean: the file's
bytes, parsed as TOML only when they name the section. Going through `load_config`
instead would import the model with it (12 ms by `python -X importtime` on this
machine), and `tomllib` alone costs 7 ms that `bridges list` need not pay when no
language was saved. `load_config` reads the same key into `Config.language`.
"""

from __future__ import annotations

from bridges_tui.core.files.light_typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from pathlib import Path

#: The section and key of `config.toml` that hold the choice.
SECTION = "language"
KEY = "code"

# A config file is a few lines: `config.py` refuses anything bigger.
_MAX_BYTES = 1024 * 1024


def saved_language(path: Path) -> str | None:
    """The language code saved in the config at `path`; None when none is saved, or
    when the file can't be read or parsed (the app's `load_config` says what is wrong
    with it, and this choice then simply waits)."""
    try:
        with open(path, "rb") as file:
            data = file.read(_MAX_BYTES + 1)
    except OSError:
        return None
    if SECTION.encode() not in data or len(data) > _MAX_BYTES:
        return None
    import tomllib

    try:
        section = tomllib.loads(data.decode("utf-8-sig")).get(SECTION)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    if not isinstance(section, dict):
        return None
    code: object = cast("dict[str, object]", section).get(KEY)  # tomllib's keys are text
    return (code.strip() or None) if isinstance(code, str) else None
