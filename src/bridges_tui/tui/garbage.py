"""When Python's garbage collector may run: not while the app starts (see
`collect_garbage_again`), and not between a key and its frame.

A collection that lands while a key is being answered delays the frame that shows
it: a hand-over allocates enough to set off a few, about 2 ms in all. Collections
are put off until that frame is out, the way Textual pauses them while it scrolls
(`App.PAUSE_GC_ON_SCROLL`); they then run between frames, where nobody waits.
"""

from __future__ import annotations

import gc

from textual.dom import DOMNode

#: How long collections wait after a key: three frames at Textual's 60 per second,
#: by when the frame that shows the key has been written. (Textual has no event for
#: "frame written", and `call_after_refresh` runs before the frame is drawn.)
HOLD_SECONDS = 0.05


def hold_collections_until_drawn(node: DOMNode) -> None:
    """No collection until `node`'s next frame is out. Does nothing while collections
    are already off (during start-up, see `bridges_tui.cli.main`, or a hold). The app
    turns them back on, not `node`: a screen closed within the hold takes its timers
    with it, and collections would stay off for good."""
    if gc.isenabled():
        gc.disable()
        node.app.set_timer(HOLD_SECONDS, gc.enable, name="collections back on")


def collect_garbage_again() -> None:
    """Undo `bridges_tui.cli.main`'s start-up speed-up once the first screen is up.
    What exists by now lives as long as the app (the parsed stylesheets too), so it is
    frozen out of every later collection, which keeps them short while a turn's clock
    runs: unfrozen, the stylesheets alone cost each hand-over 2 ms."""
    gc.freeze()
    gc.enable()
