"""Where bridges keeps its files: the one place that decides.

Sessions live in the user data folder, the config (`config.toml`, user `practices/`)
in the user config folder. `BRIDGES_HOME` puts everything under one folder instead;
every test sets it so that no test touches the real home.

pathlib and platformdirs are imported on first use, not with this module: with
BRIDGES_HOME set, `bridges list` finds its folders as text (`sessions_folder`) and
needs neither, which spares it a sixth of its time.
"""

from __future__ import annotations

import os

from bridges_tui.core.files.light_typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

APP_NAME = "bridges"


def home_override() -> Path | None:
    """The folder named by BRIDGES_HOME, if it is set (and not empty)."""
    value = os.environ.get("BRIDGES_HOME", "").strip()
    return _path(value).expanduser() if value else None


def data_dir() -> Path:
    override = home_override()
    if override is not None:
        return override
    import platformdirs

    return _path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    override = home_override()
    if override is not None:
        return override
    import platformdirs

    return _path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def sessions_dir() -> Path:
    """Where transcripts are saved, one TOML file per session."""
    return data_dir() / "sessions"


def sessions_folder() -> str:
    """`sessions_dir()` as text, spelled exactly as `str(sessions_dir())`; when
    BRIDGES_HOME names a plain absolute folder, found without importing anything."""
    value = os.environ.get("BRIDGES_HOME", "").strip()
    if os.path.isabs(value) and os.path.normpath(value) == value:
        # Nothing for pathlib to tidy: no "~", "." or "..", no doubled or trailing "/".
        return os.path.join(value, "sessions")
    return str(sessions_dir())


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_practices_dir() -> Path:
    """Where people drop practice scripts of their own."""
    return config_dir() / "practices"


def shown(path: Path) -> str:
    """A path as a person reads it: under the home folder it starts with `~`."""
    from pathlib import Path

    try:
        return "~/" + str(Path(path).relative_to(Path.home()))
    except ValueError:
        return str(path)


def _path(text: str) -> Path:
    from pathlib import Path

    return Path(text)
