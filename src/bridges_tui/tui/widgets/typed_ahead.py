"""Keys typed ahead of the focus, for the text boxes of a form.

Textual routes each key to the box that has the focus when the key arrives, and runs
Tab's binding (and a box's Enter) only after the keys behind it were routed: a burst
("Sam<Tab>Alex" pasted, a fast typist, an assistive tool) put "SamAlex" in the first
box. So a box moves the focus on Tab at once, and a key that still reaches a box
which has lost the focus goes on to the box that has it now.
"""

from __future__ import annotations

from textual import events
from textual.dom import NoScreen
from textual.widgets import Input


def keep_typed_ahead(box: Input, event: events.Key) -> bool:
    """Route `event`, which reached `box`, as the couple meant it; True if it was
    handled here (the box must then do nothing more with it)."""
    try:
        focused = box.screen.focused
    except NoScreen:  # a key that came as the box's dialog closed: it has no box
        event.stop()
        event.prevent_default()
        return True
    if focused is not None and focused is not box:
        event.stop()
        event.prevent_default()
        focused.post_message(events.Key(event.key, event.character))
        return True
    if event.key in ("tab", "shift+tab"):
        event.stop()
        event.prevent_default()
        if event.key == "tab":
            box.screen.focus_next()
        else:
            box.screen.focus_previous()
        return True
    return False
