"""The history index: what the history table, its filters and the trends need of every
past session, without parsing every whole file each time the history opens.

Reading a whole transcript costs a couple of milliseconds (TOML with forty turns);
a thousand of them would keep the history closed for seconds. So the figures of each
session (header, floor time, check-ins, agreement, follow-up) are kept in a small JSON
file in the data folder, and the words of its notes and closing, for the text filter,
in a second one read only when someone filters by text. Each entry is keyed by the
file's name and its signature (`signatures`: inode, size, modification and change
times): a file that changed in any way, or appeared, is read again, and one that
vanished is dropped.

The index is derived data, never trusted over the transcripts: summaries, replays and
exports always read the file itself, a damaged or foreign index is ignored and rebuilt,
and a failure to write it only costs speed. It lives beside `sessions/`, private like
everything else (0600 in a 0700 folder), since note words are as intimate as the notes.

Files not yet indexed are listed from their header at once (a fraction of a
millisecond each) and read whole afterwards (`pending`, `read`), newest first, so the
rows in view fill in first; the TUI does that in a background thread.

The files themselves (their format, signatures, what an entry may hold) are in
`history_index_file`, light enough for `bridges list` to list from them alone when
they describe the folder exactly as it is.

While the sessions are locked (the store has a key) the two files are kept encrypted
to the folder's key, like the sessions (`history-index.json.age`): no word of a locked
session is on disk in the clear, and the history of a thousand locked sessions opens
as fast as a plain one (decrypting them all would take seconds). The plain index
files are removed when the folder is locked, the encrypted ones when it is unlocked
or its key changes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from bridges_tui.core.files.history_index_file import (
    INDEX_FILE,
    LOCKED_INDEX_FILE,
    LOCKED_WORDS_FILE,
    WORDS_FILE,
    document,
    file_signature,
    read_document,
)
from bridges_tui.core.files.lock_files import is_session_name, session_id
from bridges_tui.core.files.safe_files import StoreError, ensure_private_dir, plain_reason, write_private
from bridges_tui.core.files.session_ids import newest_first
from bridges_tui.core.files.session_row import SessionRow
from bridges_tui.core.files.signatures import Signature, as_signature, signature_of
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.files.transcript_file import TranscriptError
from bridges_tui.core.looking_back.history_rows import (
    matches_words,
    query_words,
    row_from_json,
    row_of,
    row_to_json,
    unreadable,
    words_of,
)
from bridges_tui.core.model.records import record

__all__ = [
    "INDEX_FILE", "READ_AT_ONCE", "WORDS_FILE", "AgreementToFollow", "HistoryIndex",
    "SessionRow", "matches_words", "newest_first", "query_words", "words_of",
]

#: Fewer new files than this are read whole at once; more are listed from their
#: header first and read in the background.
READ_AT_ONCE = 12


@record
class AgreementToFollow:
    """The most recent agreement, not yet followed up: what setup asks about."""

    session: str
    agreement: str
    started: datetime | None


class HistoryIndex:
    """The index of one sessions folder (see the module docstring)."""

    def __init__(self, store: SessionStore, folder: Path | str) -> None:
        self.store = store
        #: Where the index files live (the data folder, beside `sessions/`).
        self.folder = Path(folder)
        self._lock = threading.Lock()
        self._rows: dict[str, tuple[Signature, SessionRow]] | None = None
        self._words: dict[str, tuple[Signature, str]] | None = None
        # Words of files read before the words file itself was needed: merged in later.
        self._new_words: dict[str, tuple[Signature, str]] = {}
        self._seen: dict[str, Signature] = {}
        self._changed = False
        self._words_changed = False
        # Sessions let go of: never indexed again by a read that began before.
        self._let_go: set[str] = set()
        #: While True (the app's screen is hidden), `save` writes nothing and keeps
        #: what changed for the next one.
        self.held = False

    # --- listing ----------------------------------------------------------------------

    def scan(self) -> list[SessionRow]:
        """Every session file in the folder, newest first: from the index where the
        file is unchanged, else from its header (or read whole, when only a few are new).
        """
        with self._lock:
            known = self._load_rows()
            seen: dict[str, Signature] = {}
            rows: list[SessionRow] = []
            fresh: list[Path] = []
            try:
                scan = os.scandir(self.store.folder)
            except FileNotFoundError:
                scan = None
            except OSError as error:
                raise StoreError(self.store.folder, plain_reason(error), error.errno or 0, "read") from error
            if scan is not None:
                with scan:
                    for item in scan:
                        if not is_session_name(item.name):
                            continue
                        # No Path made for a file the index knows: with a thousand
                        # sessions, that alone would cost ten milliseconds.
                        signature, problem = file_signature(self.store.folder, item)
                        if problem is not None:
                            path = Path(item.path)
                            rows.append(SessionRow(session_id(path.name), path, error=problem, detailed=True))
                            continue
                        seen[item.name] = signature
                        cached = known.get(item.name)
                        if cached is not None and cached[0] == signature:
                            rows.append(cached[1])
                        else:
                            fresh.append(Path(item.path))
            self._seen = seen
            for gone in set(known) - set(seen):
                del known[gone]
                # Its words go too: a vanished session's words must not stay on disk.
                self._changed = self._words_changed = True
        few = len(fresh) < READ_AT_ONCE
        for path in fresh:
            rows.append(self.read(path) if few else self._header_row(path))
        return newest_first(rows)

    def pending(self, rows: Iterable[SessionRow]) -> list[Path]:
        """The files among `rows` still known only by their header, in the rows' order."""
        return [row.path for row in rows if not row.detailed]

    def read(self, path: Path) -> SessionRow:
        """Read one session file whole, index it, and return its row."""
        try:
            signature = signature_of(os.stat(path))
        except OSError as error:
            return SessionRow(session_id(path.name), path, error=plain_reason(error), detailed=True)
        words = ""
        try:
            transcript = self.store.load(path)
        except TranscriptError as error:
            row = unreadable(self.store.entry(path), error.reason)
        except OSError as error:
            row = SessionRow(session_id(path.name), path, error=plain_reason(error), detailed=True)
        else:
            row = row_of(path, transcript)
            words = words_of(transcript)
        with self._lock:
            if path.name in self._let_go:
                return row
            self._load_rows()[path.name] = (signature, row)
            self._changed = True
            if self._words is not None:
                self._words[path.name] = (signature, words)
                self._words_changed = True
            else:
                self._new_words[path.name] = (signature, words)
        return row

    def read_all(self) -> list[SessionRow]:
        """Every session, each read whole if the index does not know it yet (the
        command line, which has no screen to fill in later)."""
        rows = self.scan()
        return newest_first(row if row.detailed else self.read(row.path) for row in rows)

    def forget(self, path: Path) -> None:
        """Drop a deleted session from the index."""
        with self._lock:
            for table in (self._rows, self._words):
                if table is not None and table.pop(path.name, None) is not None:
                    self._changed = self._words_changed = True

    def drop_for_good(self, names: Iterable[str]) -> str | None:
        """Drop the sessions named `names` (file names) from both index files, and
        write both now (see `letting_go`); the problem in words if they could not be
        written."""
        with self._lock:
            rows, words = self._load_rows(), self._load_words()
            for name in names:
                self._let_go.add(name)
                rows.pop(name, None)
                words.pop(name, None)
                self._new_words.pop(name, None)
            self._changed = self._words_changed = True
        return self.save()

    # --- words ------------------------------------------------------------------------

    def words(self, row: SessionRow) -> str | None:
        """The searchable words of a session, or None until its file has been read."""
        with self._lock:
            name = os.path.basename(row.file)  # no Path: a text filter asks this of every row
            found = self._load_words().get(name)
            signature = self._seen.get(name)
            if found is None or found[0] != signature:
                return None
            return found[1]

    def missing_words(self, rows: Iterable[SessionRow]) -> list[Path]:
        """Readable files whose words are not in the index (e.g. its words file was
        lost): they must be read again before a text filter can find them."""
        return [row.path for row in rows if row.readable and self.words(row) is None]

    def filter(
        self, rows: Iterable[SessionRow], practice: str | None = None, text: str = ""
    ) -> list[SessionRow]:
        """The rows of `practice` (None: all) whose words contain every word of `text`.

        A file that cannot be read is never filtered out: it would otherwise vanish
        without a word. A row whose words are not known yet is left out until they are.
        """
        wanted = query_words(text)
        shown: list[SessionRow] = []
        for row in rows:
            if not row.readable:
                shown.append(row)
                continue
            if practice is not None and row.practice != practice:
                continue
            if wanted:
                words = self.words(row)
                if words is None or not matches_words(words, wanted):
                    continue
            shown.append(row)
        return shown

    # --- the follow-up loop ------------------------------------------------------------

    def agreement_to_follow(self) -> AgreementToFollow | None:
        """The newest finished session's agreement, unless a later session already
        said how it went.

        Walks the files newest first by name (ids begin with the start time) and reads
        only those the index does not know, only as far as it takes: the setup screen
        asks this of a long history without listing all of it.
        """
        answered: set[str] = set()
        for path, row in self._newest_by_name():
            if row is None:
                row = self.read(path)
            if row.followup_of:
                answered.add(row.followup_of)
            if not row.readable or row.status == "in-progress" or not row.agreement:
                continue
            if row.id in answered:
                return None
            return AgreementToFollow(row.id, row.agreement, row.started)
        return None

    def _newest_by_name(self) -> list[tuple[Path, SessionRow | None]]:
        """Session files newest first by name, each with its row when the index knows
        the file as it is now (None: read it). Links leading outside are left out."""
        with self._lock:
            known = self._load_rows()
            try:
                with os.scandir(self.store.folder) as scan:
                    items = sorted(
                        (item for item in scan
                         if is_session_name(item.name)),
                        key=lambda item: item.name, reverse=True,
                    )
                    found: list[tuple[Path, SessionRow | None]] = []
                    for item in items:
                        path = Path(item.path)
                        signature, problem = file_signature(self.store.folder, item)
                        if problem is not None:
                            continue
                        self._seen[item.name] = signature
                        cached = known.get(item.name)
                        found.append((path, cached[1] if cached and cached[0] == signature else None))
            except FileNotFoundError:
                return []
            return found

    # --- the files ----------------------------------------------------------------------

    def save(self) -> str | None:
        """Write what changed; the problem in words if it could not be written (the
        index is only a cache, so that never stops anything)."""
        with self._lock:
            if self.held or not (self._changed or self._words_changed or self._new_words):
                return None
            rows = {name: [list(sig), row_to_json(row)] for name, (sig, row) in (self._rows or {}).items()}
            words = None
            if self._words_changed or self._new_words:
                table = self._load_words()
                words = {name: [list(sig), text] for name, (sig, text) in table.items() if name in rows}
            self._changed = self._words_changed = False
        key = self.store.key
        try:
            ensure_private_dir(self.folder)
            if key is None:
                write_private(self.folder / INDEX_FILE, document(rows))
                if words is not None:
                    write_private(self.folder / WORDS_FILE, document(words))
            else:  # locked: nothing derived from the sessions goes on disk in the clear
                write_private(self.folder / LOCKED_INDEX_FILE, key.seal(document(rows).encode("utf-8")))
                if words is not None:
                    write_private(self.folder / LOCKED_WORDS_FILE, key.seal(document(words).encode("utf-8")))
        except OSError as error:
            return plain_reason(error)
        return None

    def _load_rows(self) -> dict[str, tuple[Signature, SessionRow]]:
        if self._rows is None:
            self._rows = {}
            entries = self._read(INDEX_FILE, LOCKED_INDEX_FILE)
            folder = str(self.store.folder)
            for name, value in entries.items():
                try:
                    signature, data = value
                    path = Path(f"{folder}{os.sep}{name}")
                    self._rows[name] = (as_signature(signature), row_from_json(path, name, data))
                except (TypeError, ValueError, KeyError, AttributeError):
                    continue  # one odd entry is read again from its file
        return self._rows

    def _load_words(self) -> dict[str, tuple[Signature, str]]:
        # Called with the lock held.
        if self._words is None:
            table: dict[str, tuple[Signature, str]] = {}
            kept = self._read(WORDS_FILE, LOCKED_WORDS_FILE)
            for name, value in kept.items():
                try:
                    signature, text = value
                    if isinstance(text, str):
                        table[name] = (as_signature(signature), text)
                except (TypeError, ValueError):
                    continue
            self._words = table
        if self._new_words:
            self._words.update(self._new_words)
            self._new_words = {}
            self._words_changed = True
        return self._words

    def _read(self, plain: str, locked: str) -> dict[str, Any]:
        key = self.store.key
        return read_document(self.folder / (plain if key is None else locked), key)

    def _header_row(self, path: Path) -> SessionRow:
        return self.store.entry(path)
