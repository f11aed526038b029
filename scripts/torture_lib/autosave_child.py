"""The child that `crash_write` kills: creates a session, then saves it again and again
with one more turn each time, printing the number of turns after each save returns.

Usage: python -m torture_lib.autosave_child FOLDER [PARTNER_A PARTNER_B]
(with `scripts/` on PYTHONPATH, as `crash_write` runs it)
"""

from __future__ import annotations

import sys
from pathlib import Path

from bridges_tui.core.files.store import SessionStore
from bridges_tui.testing.sessions import numbered_session


def main(folder: str, partners: tuple[str, str]) -> None:
    store = SessionStore(Path(folder))
    path = store.create(numbered_session(0, partners=partners))
    print(f"created {path.name}", flush=True)
    turns = 0
    while True:
        turns += 1
        store.save(path, numbered_session(turns, partners=partners))
        print(turns, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("Sam", "Alex"))
