"""When Python's garbage collector runs while bridges starts: the one place that
decides it.

Opening the app builds a few hundred thousand long-lived objects (Textual's classes,
the stylesheets, the first screen) and next to no garbage, yet the collector would
walk them again and again: a sixth of the time to the first screen. So collections
are paused from the moment `bridges` knows it opens the app (`pause_for_start_up`,
from `bridges_tui.cli`) until the first screen is up, when what exists by then is
frozen out of every later collection and collections resume
(`freeze_what_start_up_made`, from the app).
"""

from __future__ import annotations

import gc


def pause_for_start_up() -> None:
    """No collection until `freeze_what_start_up_made` (or `resume`)."""
    gc.disable()


def freeze_what_start_up_made() -> None:
    """Once the first screen is up: what exists by now lives as long as the app (the
    parsed stylesheets too), so it is frozen out of every later collection, which
    keeps them short while a turn's clock runs (unfrozen, the stylesheets alone cost
    each hand-over 2 ms); then collections resume."""
    gc.freeze()
    gc.enable()


def resume() -> None:
    """Collections on again, frozen or not (the app has closed, or never opened)."""
    gc.enable()
