"""A button that runs one action: the setup screen's Start.

Textual's `Button` carries 57 style rules (four variants, two styles, every state),
and parsing and matching them cost the first screen about 5 ms of the 60 or so it
may take. This one looks like a primary `Button` and behaves like one, in four rules:
it takes focus with Tab, Enter or Space presses it, and so does a click.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Static

from bridges_tui.core.language.words import N_


class ActionButton(Static, can_focus=True):
    """A focusable label that runs `action` (e.g. `"screen.start"`) when pressed."""

    DEFAULT_CSS = """
    ActionButton {
        width: auto;
        min-width: 16;
        height: 3;
        content-align: center middle;
        text-style: bold;
        color: $text;
        background: $primary;
        border-top: tall $primary-lighten-3;
        border-bottom: tall $primary-darken-3;
        pointer: pointer;
    }
    ActionButton:hover {
        background: $primary-darken-2;
        border-top: tall $primary;
    }
    ActionButton:focus {
        text-style: bold reverse;
    }
    ActionButton.-active {
        border-top: tall $primary-darken-3;
        border-bottom: tall $primary-lighten-3;
    }
    """
    BINDINGS = [Binding("enter,space", "press", N_("Press"), show=False)]

    def __init__(self, label: str, action: str, *, id: str | None = None) -> None:
        super().__init__(label, markup=False, id=id)
        self.action = action

    async def action_press(self) -> None:
        # Shown pressed for a moment, as Textual's own buttons are.
        self.add_class("-active")
        self.set_timer(0.15, lambda: self.remove_class("-active"))
        await self.run_action(self.action)

    async def _on_click(self, event: events.Click) -> None:
        event.stop()
        await self.action_press()
