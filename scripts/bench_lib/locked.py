"""The measures of a locked folder (the passphrase lock, issue 14): the history of a
thousand locked sessions once the passphrase is typed, the key derivation on its own,
and the autosave while locked (`records.autosave` with a key).

The history is measured in a real pseudo-terminal as the couple meets it: `bridges
history` starts on the unlock screen (its first paint, timed like any first paint).
A wrong passphrase is typed first: Enter to the calm "doesn't open them" is age's key
derivation as the app runs it (scrypt, at the strength age itself chose when the
identity was made: seconds, on purpose), since a wrong passphrase costs the same
derivation as the right one. Then the right one: Enter to the history, less that
derivation, is what bridges adds once the passphrase is right, the part the budget
is about. The two derivations run in the same process one after the other, so the
noise of a shared machine mostly cancels out.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .apps import BRIDGES, child_env
from .apps import _history_usable as history_usable
from .pty_terminal import Terminal

PASSPHRASE = "a long walk by the river"
UNLOCK_MARKER = "your sessions are locked"
REFUSED = "doesn't open them"
TIMEOUT = 60.0


def locked_copy(history: Path, into: Path) -> Path:
    """A locked copy of the history home at `into`, its encrypted index built (as after
    a couple's first look back while locked)."""
    from bridges_tui.core.files import lock_moves
    from bridges_tui.core.files.session_key import new_key, seal_identity
    from bridges_tui.core.files.store import SessionStore
    from bridges_tui.core.looking_back.history_index import HistoryIndex

    shutil.copytree(history, into)
    for index in ("history-index.json", "history-words.json"):
        (into / index).unlink(missing_ok=True)
    key = new_key()
    problems = lock_moves.lock(into / "sessions", key, seal_identity(key, PASSPHRASE))
    if problems:
        raise RuntimeError(f"locking the bench's history failed: {problems[0]}")
    index = HistoryIndex(SessionStore(into / "sessions", key), into)
    index.read_all()
    problem = index.save()
    if problem:
        raise RuntimeError(f"the locked index could not be written: {problem}")
    return into


def work_factor(home: Path) -> int | None:
    """The scrypt work factor (log2 N) of the identity file's recipient stanza."""
    head = (home / "identity.age").read_bytes()[:200].decode("ascii", "replace")
    found = re.search(r"^-> scrypt \S+ (\d+)$", head, re.MULTILINE)
    return int(found.group(1)) if found else None


@dataclass
class LockedHistory:
    unlock_paint: list[float] = field(default_factory=list)  # start → unlock screen
    to_history: list[float] = field(default_factory=list)  # Enter → history usable
    derivation: list[float] = field(default_factory=list)  # Enter → a wrong passphrase refused


def locked_history(home: Path, runs: int) -> LockedHistory:
    """`runs` starts of `bridges history` on the locked `home`, each given a wrong
    passphrase first, then the right one."""
    result = LockedHistory()
    for run in range(runs + 1):  # the first warms the caches, and is not counted
        with Terminal((BRIDGES, "history"), child_env(home), track_frames=False) as term:
            painted = term.wait_for(lambda t: UNLOCK_MARKER in t.screen.text(), TIMEOUT) - term.started
            term.settle(0.2)
            term.press("not the passphrase")
            term.settle(0.2)
            pressed = term.press("\r")
            refused = term.wait_for(lambda t: REFUSED in t.screen.text(), TIMEOUT) - pressed
            term.settle(0.3)
            term.press(PASSPHRASE)
            term.settle(0.2)
            pressed = term.press("\r")
            shown = term.wait_for(lambda t: history_usable(t.screen.text()), TIMEOUT) - pressed
        if run:
            result.unlock_paint.append(painted)
            result.to_history.append(shown)
            result.derivation.append(refused)
    return result
