"""What the history and a past session's summary ask about a session's file (open,
replay, export, let go): one message carrying the file's path, nested in each screen
under the name of what is asked."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message


class AboutFile(Message):
    """Something asked about the session file at `path`."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
