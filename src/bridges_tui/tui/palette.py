"""The command palette's commands for a screen: every key it shows (or keeps out of
the key bar only for room) that works now, named "area: what it does"."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual.actions import parse as parse_action
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from bridges_tui.tui.hiding import HIDE_WORDS


def screen_commands(screen: Screen) -> Iterator[SystemCommand]:
    """The palette's commands for `screen`'s own keys."""
    area = getattr(screen, "BINDING_GROUP_TITLE", None) or "bridges"
    for binding in getattr(screen, "BINDINGS", []):
        # Shown in the key bar, or kept out of it only for room (those have a tooltip).
        if isinstance(binding, Binding) and (binding.show or binding.tooltip):
            action = binding.action
            _, name, parameters = parse_action(action)
            if screen.check_action(name, parameters) is not True:
                continue
            yield SystemCommand(
                f"{area}: {binding.description}",
                binding.tooltip or binding.description,
                lambda action=action, screen=screen: screen.run_action(action),
            )


def app_commands(open_help: Callable[[], object], hide: Callable[[], object],
                 leave: Callable[[], object]) -> Iterator[SystemCommand]:
    """bridges' own commands, on every screen: help, hide, quit (asking first)."""
    yield SystemCommand("bridges: Help", "Keys and the ideas behind the practices", open_help)
    yield SystemCommand("bridges: Hide", f"Hide everything at once; {HIDE_WORDS} to come back", hide)
    yield SystemCommand("bridges: Quit", "Leave bridges (asks first)", leave)
