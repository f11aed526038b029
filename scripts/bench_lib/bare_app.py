"""The floor every ratio is measured against: a bare Textual app, a Static in an App.

Two key bindings (space, p) rewrite the Static, so the same key-to-frame probe can be
pointed at it for reference; they cost nothing measurable at start-up.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "hello from a bare Textual app"


class HelloApp(App[None]):
    BINDINGS = [("space", "press('space')", "space"), ("p", "press('p')", "p")]

    def compose(self) -> ComposeResult:
        yield Static(MARKER)

    def action_press(self, key: str) -> None:
        self.presses = getattr(self, "presses", 0) + 1
        self.query_one(Static).update(f"{key} pressed · {self.presses}")


if __name__ == "__main__":
    HelloApp().run()
