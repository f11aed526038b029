"""Keys typed ahead of the focus, for the boxes and lists of a form.

Textual routes each key to the box that has the focus when the key arrives, and runs
a key's binding (Tab, a box's Enter, Backspace, the arrows) only once the key has come
back up to the app, behind the keys that followed it: a burst ("Sam<Tab>Alex" pasted,
a fast typist, an assistive tool) put "SamAlex" in the first box, and "Samm⌫uel"
became "Sammue". So a box moves the focus on Tab at once and runs its own editing keys
at once, and a key that still reaches a box which has lost the focus goes on to the
box that has it now.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.dom import NoScreen
from textual.widget import Widget
from textual.widgets import Input

#: Each kind of widget's own keys (an Input's Backspace, Delete, arrows, Home, End…;
#: a list's Up, Down, Enter) and their actions, worked out once per kind.
_OWN_KEYS: dict[type[Widget], dict[str, str]] = {}


def own_keys(kind: type[Widget]) -> dict[str, str]:
    """The keys `kind` (and the classes it is made from) binds, and their actions."""
    keys = _OWN_KEYS.get(kind)
    if keys is None:
        keys = {}
        for cls in reversed(kind.__mro__):
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                keys[binding.key] = binding.action
        _OWN_KEYS[kind] = keys
    return keys


async def keep_typed_ahead(box: Widget, event: events.Key) -> bool:
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
    action = own_keys(type(box)).get(event.key)
    if action is not None and not (event.key == "enter" and isinstance(box, Input)):  # a box's own (WordsInput)
        event.stop()
        event.prevent_default()
        await box.run_action(action)
        return True
    return False
