"""The setup's list of practices: an `OptionList` that keeps a burst of keys in order
(see `typed_ahead`), as the boxes around it do."""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList

from bridges_tui.tui.widgets.typed_ahead import keep_typed_ahead


class PracticeList(OptionList):
    """Up, Down, Enter and Tab act at once; a key that reaches the list after the
    focus has moved on goes on to where the focus is now."""

    async def on_key(self, event: events.Key) -> None:
        await keep_typed_ahead(self, event)
