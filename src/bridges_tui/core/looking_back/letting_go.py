"""Letting a session go: its transcript and everything derived from it removed, so
that a SIGKILL at any moment leaves it either fully there or fully gone on the next
start, never half.

What is derived from a transcript lives in two places: the transcript's own file
(autosaves and note drafts are that file, rewritten) with any temporary file a
killed save left beside it, and the history index in the data folder (its figures in
one file, its words in the other). The order of the moves:

1. A marker, `letting-go` in the data folder, names the session (its id only: the
   date and the practice, already in the file's name). Written atomically; from here
   on the let-go is promised, and the next start finishes it if this one cannot.
2. The transcript is unlinked: one atomic step, after which the session is gone
   from every listing.
3. The history index drops the session's figures and words, and both files are
   rewritten (encrypted, while locked); temporary files that killed writes left in
   either folder are swept.
4. The marker is removed.

`finish` is called on every start before the past sessions are read (the app and
`bridges list`); it repeats steps 2 to 4 for every id in a marker, so a let-go cut
short anywhere ends fully gone (and it sweeps the data folder's temporary files,
which a write killed at any other time may leave too). Removing is not wiping: the blocks a file held stay
on the disk until they are reused, which the README says (the lock is what protects
against recovery tools).
"""

from __future__ import annotations

import os
from pathlib import Path

from bridges_tui.core.files.history_index_file import LETTING_GO_FILE
from bridges_tui.core.files.lock_files import LOCKED_SUFFIX, PLAIN_SUFFIX, is_locked, session_id
from bridges_tui.core.files.safe_files import (
    StoreError,
    ensure_private_dir,
    store_error,
    sweep_leftovers,
    write_private,
)
from bridges_tui.core.language.words import _
from bridges_tui.core.looking_back.history_index import HistoryIndex

#: In the data folder while a let-go is under way: the ids of the sessions, one a line.
MARKER_FILE = LETTING_GO_FILE


def _cant_let_go(path: Path | str, error: OSError) -> StoreError:
    return store_error(path, error, action="let go of")


def let_go(index: HistoryIndex, path: Path) -> str | None:
    """Remove the session at `path` and everything derived from it (see the module
    docstring for the order). Raises StoreError (nothing removed) when the file
    cannot be removed, or another bridges is keeping it; returns the problem in
    words when the session is gone but the index could not be cleaned yet (the
    next start cleans it)."""
    store = index.store
    if store.held_elsewhere(path):
        raise StoreError(path, _("another bridges has this session open; close it there first"), 0, "let go of")
    ids = _marked(index.folder)
    wanted = session_id(Path(path).name)
    if wanted not in ids:
        ids.append(wanted)
    try:
        ensure_private_dir(index.folder)
        write_private(index.folder / MARKER_FILE, "".join(f"{one}\n" for one in ids))
    except OSError as error:
        raise _cant_let_go(path, error) from error
    try:
        store.delete(path)
    except OSError as error:
        _unmark(index.folder, ids, wanted)  # nothing was removed: no promise left behind
        raise _cant_let_go(path, error) from error
    return _forget(index, ids)


def finish(index: HistoryIndex) -> str | None:
    """Finish every let-go a SIGKILL cut short (a no-op, one `stat`, when there is
    none); the problem in words if one could not be finished yet. While the folder
    is locked and the store has no key, it waits for the unlock.

    Temporary files killed writes left in the data folder (the index's, the marker's:
    they may hold words) are swept first, whether or not a let-go was cut short."""
    sweep_leftovers(index.folder)
    if not os.path.exists(index.folder / MARKER_FILE):
        return None
    store = index.store
    if store.key is None and is_locked(store.folder):
        return None  # the index is encrypted: finished once the passphrase opens it
    ids = _marked(index.folder)
    for one in ids:
        for suffix in (PLAIN_SUFFIX, LOCKED_SUFFIX):  # locked or unlocked since, maybe
            path = store.folder / f"{one}{suffix}"
            if not os.path.lexists(path):
                continue
            if suffix != store.suffix:
                try:
                    os.unlink(path)
                except OSError as error:
                    return str(_cant_let_go(path, error))
                continue
            if store.held_elsewhere(path):
                return _("{file} is open in another bridges").format(file=path.name)
            try:
                store.delete(path)
            except OSError as error:
                return str(error)
    return _forget(index, ids)


def _forget(index: HistoryIndex, ids: list[str]) -> str | None:
    """Steps 3 and 4: the index without the sessions, the leftovers swept, the marker
    removed (kept, and the problem returned, if the index could not be written)."""
    names = [f"{one}{suffix}" for one in ids for suffix in (PLAIN_SUFFIX, LOCKED_SUFFIX)]
    problem = index.drop_for_good(names)
    sweep_leftovers(index.store.folder)
    sweep_leftovers(index.folder)
    if problem is not None:
        return problem
    try:
        os.unlink(index.folder / MARKER_FILE)
    except FileNotFoundError:
        pass
    except OSError as error:
        return str(store_error(index.folder / MARKER_FILE, error, action="remove"))
    return None


def _marked(folder: Path) -> list[str]:
    """The ids in the marker (none when there is no marker)."""
    try:
        with open(folder / MARKER_FILE, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    # Only ids as the store names them: a stray line never reaches outside the folder.
    return [line for line in lines if line and "/" not in line and not line.startswith(".")]


def _unmark(folder: Path, ids: list[str], one: str) -> None:
    rest = [other for other in ids if other != one]
    try:
        if rest:
            write_private(folder / MARKER_FILE, "".join(f"{other}\n" for other in rest))
        else:
            os.unlink(folder / MARKER_FILE)
    except OSError:
        pass  # the next start finds the session still there: a let-go of nothing removed
