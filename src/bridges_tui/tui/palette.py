"""The command palette's commands for a screen: every key it shows (or keeps out of
the key bar only for room) that works now, named "area: what it does"; bridges' own
commands; and Textual's, in the couple's language."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from bridges_tui.core.language.words import N_, _
from bridges_tui.tui.hiding import HIDE_WORDS

#: The palette's search box, before anything is typed.
PLACEHOLDER = N_("Search for commands…")

#: Textual's own commands' names and help (`App.get_system_commands`), in English as
#: Textual words them, marked here so the catalogs translate them.
TEXTUAL_WORDS = (
    N_("Theme"), N_("Change the current theme"),
    N_("Keys"), N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"),
    N_("Maximize"), N_("Maximize the focused widget"),
    N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
    # The palette's own key, on the key bar's right.
    N_("palette"), N_("Open the command palette"),
)


def screen_commands(screen: Screen) -> Iterator[SystemCommand]:
    """The palette's commands for `screen`'s own keys."""
    group = getattr(screen, "BINDING_GROUP_TITLE", None)
    area = _(group) if group else "bridges"
    for binding in getattr(screen, "BINDINGS", []):
        # Shown in the key bar, or kept out of it only for room (those have a tooltip).
        if isinstance(binding, Binding) and (binding.show or binding.tooltip):
            action = binding.action
            _name, name, parameters = parse_action(action)
            if screen.check_action(name, parameters) is not True:
                continue
            description = _(binding.description)
            yield SystemCommand(
                f"{area}: {description}",
                _(binding.tooltip) if binding.tooltip else description,
                lambda action=action, screen=screen: screen.run_action(action),
            )


def app_commands(open_help: Callable[[], object], hide: Callable[[], object],
                 leave: Callable[[], object]) -> Iterator[SystemCommand]:
    """bridges' own commands, on every screen: help, hide, quit (asking first)."""
    yield SystemCommand("bridges: " + _("Help"), _("Keys and the ideas behind the practices"), open_help)
    yield SystemCommand("bridges: " + _("Hide"),
                        _("Hide everything at once; {keys} to come back").format(keys=_(HIDE_WORDS)), hide)
    yield SystemCommand("bridges: " + _("Quit"), _("Leave bridges (asks first)"), leave)


def textual_commands(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's own commands in the language spoken, but its Quit (which would close
    bridges without asking: bridges' own Quit asks)."""
    for command in commands:
        if command.title != "Quit":
            yield command._replace(title=_(command.title), help=_(command.help))


def open_palette(app: App[None]) -> None:
    """Open Textual's command palette (as its own action does) with the search box's
    words in the language spoken."""
    from textual.command import CommandPalette

    if app.use_command_palette and not CommandPalette.is_open(app):  # pyright: ignore[reportArgumentType]
        app.push_screen(CommandPalette(placeholder=_(PLACEHOLDER), id="--command-palette"))
