"""The child that `let_go_kills` kills: lets sessions go one after another, as the app
does once both partners have agreed (`letting_go.let_go` on the app's history index),
printing each id once its let-go has returned.

Usage: python -m torture_lib.let_go_child HOME ID...   (the key of a locked folder,
as `identity_text` writes it, on stdin; nothing there for a plain one)
"""

from __future__ import annotations

import sys
from pathlib import Path

from bridges_tui.core.files.session_key import key_from_text
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.looking_back import letting_go
from bridges_tui.core.looking_back.history_index import HistoryIndex


def main(home: str, ids: list[str]) -> None:
    identity = sys.stdin.buffer.read()
    key = key_from_text(identity, "stdin") if identity else None
    store = SessionStore(Path(home) / "sessions", key)
    index = HistoryIndex(store.sibling(), home)
    index.scan()  # as the history does before a session is chosen
    print("ready", flush=True)
    for one in ids:
        problem = letting_go.let_go(index, store.folder / f"{one}{store.suffix}")
        print(f"gone {one}" if problem is None else f"index {one}: {problem}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
