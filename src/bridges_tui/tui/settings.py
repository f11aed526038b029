"""The couple's settings as the app keeps them: read once at start, written back when
their names are remembered or a language is chosen. A file that can't be written is
said once, and what they chose still holds until they leave."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bridges_tui.core.files import paths
from bridges_tui.core.files.config import Config, load_config, save_config
from bridges_tui.core.language.words import _


class Settings:
    """`config` as read at start (defaults, and `warning` to show, when the file
    could not be used), and the two moments that change it."""

    def __init__(self, warn: Callable[[str], None]) -> None:
        self.path = paths.config_file()
        self.config: Config
        self.config, self.warning = load_config(self.path)
        self._warn = warn

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
        self.config = config
        try:
            save_config(self.path, config)
        except Exception as error:
            self._warn(failed.format(problem=error))
