"""The couple's settings as the app keeps them: read once, when first asked for, written
back when their names are remembered or a language is chosen. A file that can't be
written is said once, and what they chose still holds until they leave.

Read when first asked for, rather than as the app starts: `bridges talk` needs none of
them for its first frame, and reading them there would cost it the config module and
`tomllib` (about 1.5 ms); the app asks once its first screen is up, to say what is
wrong with the file if anything is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from bridges_tui.core.files import paths
from bridges_tui.core.language.words import _

if TYPE_CHECKING:
    from bridges_tui.core.files.config import Config


class Settings:
    """`config` as read (defaults, and `warning` to show, when the file could not be
    used), and the two moments that change it."""

    def __init__(self, warn: Callable[[str], None]) -> None:
        self.path = paths.config_file()
        self._warn = warn
        self._read: tuple[Config, str | None] | None = None

    @property
    def config(self) -> Config:
        """The settings, read from the file the first time they are asked for."""
        return self._read_once()[0]

    @property
    def warning(self) -> str | None:
        """What is wrong with the file, to say once; None when it could be used."""
        return self._read_once()[1]

    def _read_once(self) -> tuple[Config, str | None]:
        if self._read is None:
            from bridges_tui.core.files.config import load_config

            self._read = load_config(self.path)
        return self._read

    def remember_names(self, names: tuple[str, str], *, locked: bool) -> None:
        """Keep the names for the next setup; never while locked (the names are then
        kept only in the encrypted sessions) or with a blank start screen."""
        if self.config.names == names or locked or self.config.blank_start:
            return
        self._save(replace(self.config, names=names), _("Could not remember your names: {problem}"))

    def speak_in(self, code: str | None) -> list[str]:
        """Speak `code` from now on, and at every start (None: as the computer is set);
        the lines to show when it can't be spoken (bridges then speaks English)."""
        import os

        from bridges_tui.core.language.choice import choose_language
        from bridges_tui.core.language.words import speak

        if self.config.language != code:
            self._save(replace(self.config, language=code), _("Could not remember the language: {problem}"))
        choice = choose_language(os.environ, saved=code)
        return [note for note in (choice.note, speak(choice.code)) if note]

    def _save(self, config: Config, failed: str) -> None:
        from bridges_tui.core.files.config import save_config

        self._read = (config, self.warning)
        try:
            save_config(self.path, config)
        except Exception as error:
            self._warn(failed.format(problem=error))
