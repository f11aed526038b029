"""`bridges start-screen [remembered|blank]`: what the start screen shows to whoever
opens bridges, before the couple starts.

- remembered (the default): the names from the last session, and the last agreement
  with the question how it went;
- blank: empty name boxes and no agreement, and the offer to resume an unfinished
  session says "you two" rather than their names. Choosing it also forgets the names
  bridges had written down, and none are written from then on.

Without an argument it says which is set. The choice is kept in `config.toml`
(`[start] screen`).
"""

from __future__ import annotations

from dataclasses import replace

from bridges_tui.commands.command_error import CommandError
from bridges_tui.core.files import paths
from bridges_tui.core.files.config import load_config, save_config
from bridges_tui.core.files.safe_files import StoreError, plain_reason
from bridges_tui.core.language.words import N_, _

#: What someone who opens bridges sees, with each choice.
SHOWS = {
    "remembered": N_("The start screen shows the names from your last session and your last "
                     "agreement, and asks how it went."),
    "blank": N_("The start screen shows no names and no last agreement until you start; your "
                "names are not written down."),
}


def start_screen(choice: str | None) -> int:
    """Say what the start screen shows, or set it to `choice`."""
    path = paths.config_file()
    config, warning = load_config(path)
    if choice is None:
        if warning:
            raise CommandError(warning)
        print(_("start screen: {choice}. {shows}")
            .format(choice=config.start_screen, shows=_(SHOWS[config.start_screen])))
        return 0
    changed = replace(config, start_screen=choice,
                      names=None if choice == "blank" else config.names)
    if changed != config:
        try:
            save_config(path, changed)
        except OSError as error:
            problem = str(error) if isinstance(error, StoreError) else _("can't save {path}: {error}").format(
                path=path, error=plain_reason(error))
            raise CommandError(problem) from None
    forgot = ""
    if config.names and not changed.names:
        forgot = " " + _("The names bridges had remembered are forgotten.")
    print(_("start screen: {choice}. {shows}").format(choice=choice, shows=_(SHOWS[choice])) + forgot)
    return 0
