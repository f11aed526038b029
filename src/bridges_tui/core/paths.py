"""Where bridges keeps its files: the one place that decides.

Sessions live in the user data folder, the config (`config.toml`, user `practices/`)
in the user config folder. `BRIDGES_HOME` puts everything under one folder instead;
every test sets it so that no test touches the real home.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "bridges"


def home_override() -> Path | None:
    """The folder named by BRIDGES_HOME, if it is set (and not empty)."""
    value = os.environ.get("BRIDGES_HOME", "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    return home_override() or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return home_override() or Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def sessions_dir() -> Path:
    """Where transcripts are saved, one TOML file per session."""
    return data_dir() / "sessions"


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_practices_dir() -> Path:
    """Where people drop practice scripts of their own."""
    return config_dir() / "practices"


def shown(path: Path) -> str:
    """A path as a person reads it: under the home folder it starts with `~`."""
    try:
        return "~/" + str(Path(path).relative_to(Path.home()))
    except ValueError:
        return str(path)
