"""Where sessions are kept: one TOML transcript per session in a private folder.

`SessionStore` creates, saves (autosaves), loads, lists, finds and deletes transcripts.
Its promises: files are 0600 in a 0700 folder; every write is atomic; a name clash never
overwrites a session; and it never overwrites a file it cannot read. It may rewrite a
file it created or loaded itself, as long as nobody changed the file since (a cheap
`stat`, so autosaving after every turn stays fast); any other existing file is read
first, and left alone if it does not read as a transcript. A session this store is
keeping is held (a lock the kernel drops when bridges ends, however it ends), so a
second bridges on the same folder neither offers it for resuming nor writes over it.
Temporary files left by a killed bridges are swept up when the folder is listed.

Listing reads only each file's header (`session_entries`), so the history opens quickly
with a thousand sessions. A file whose header reads but whose turns are broken is listed
like any other; what is wrong with it is reported when it is opened. A file whose header
does not read is listed with the reason, never hidden.

A locked folder (`lock_files`) is kept by a store given its opened `SessionKey`: it
writes `<id>.toml.age`, encrypted to the key, and decrypts what it reads; the TOML
text is the same either way. A store without a key refuses to write into a locked
folder (nothing in the clear while locked), and lists a locked file, or a plain one
in a locked folder, with the reason, never hidden and never touched.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bridges_tui.core.files import paths
from bridges_tui.core.files.file_holds import Hold, hold, is_held
from bridges_tui.core.files.lock_files import LOCKED_SUFFIX, is_locked, is_session_name, session_id
from bridges_tui.core.files.safe_files import (
    StoreError,
    create_private,
    ensure_private_dir,
    plain_reason,
    store_error,
    sweep_leftovers,
    write_held,
    write_private,
)
from bridges_tui.core.files.session_entries import MAX_TRANSCRIPT_BYTES, decode_text, read_bounded, read_entry

# The id errors and `file_name_for` are part of the store's API, as before the split.
from bridges_tui.core.files.session_ids import (
    SUFFIX,
    AmbiguousSession,
    SessionNotFound,
    UnsafeSessionId,
    file_name_for,
    newest_first,
    resolve_session,
    stays_inside,
)
from bridges_tui.core.files.session_row import SessionRow
from bridges_tui.core.files.signatures import Signature, signature_of
from bridges_tui.core.files.transcript_file import TranscriptError, dump_transcript, load_transcript
from bridges_tui.core.language.words import _
from bridges_tui.core.model.session import Transcript

if TYPE_CHECKING:
    from bridges_tui.core.files.session_key import SessionKey

__all__ = [
    "AmbiguousSession", "SessionNotFound", "SessionRow", "SessionStore", "UnsafeSessionId",
    "file_name_for",
]

class SessionStore:
    """The couple's sessions folder (see the module docstring for its promises)."""

    def __init__(self, folder: Path | str, key: SessionKey | None = None) -> None:
        self.folder = Path(folder)
        #: The opened key of a locked folder (None: plain TOML files).
        self.key = key
        #: What its session files' names end with.
        self.suffix = LOCKED_SUFFIX if key is not None else SUFFIX
        #: True once this store has had to tighten the folder to 0700 (to tell the user).
        self.tightened_folder = False
        # What each file looked like right after we wrote or read it (its signature, which
        # tells it from one someone changed since): key is the path.
        self._known: dict[str, Signature] = {}
        # Listing cache: path -> (signature, entry), so re-opening history only stats.
        self._listed: dict[str, tuple[Signature, SessionRow]] = {}
        # The sessions this store is keeping: path -> the lock on its file.
        self._holds: dict[str, Hold] = {}

    def sibling(self) -> SessionStore:
        """Another store of the same folder and key (a store is not shared by threads)."""
        return SessionStore(self.folder, self.key)

    @classmethod
    def default(cls) -> SessionStore:
        """The store in the usual place (or under BRIDGES_HOME)."""
        return cls(paths.sessions_dir())

    def ensure_folder(self) -> bool:
        """Create the folder (0700), or tighten it; True if it had to be tightened."""
        tightened = ensure_private_dir(self.folder)
        self.tightened_folder = self.tightened_folder or tightened
        return tightened

    # --- writing ------------------------------------------------------------------

    def create(self, transcript: Transcript) -> Path:
        """Save a new session under a fresh name, hold it, and return its path.

        The name is `<YYYYMMDD-HHMMSS>-<practice-id>.toml`; if that is taken, `-2`,
        `-3`… is added. The file gets its name only once the whole text is on disk,
        and only if the name is free: two bridges started in the same second cannot
        both get it, an existing file is never overwritten, and a crash never leaves
        an empty or half-written session.
        """
        text = self._file_bytes(transcript)
        self.ensure_folder()
        base = file_name_for(transcript)
        names = [f"{base}{'' if number == 1 else f'-{number}'}{self.suffix}" for number in range(1, 1000)]
        try:
            path, info, held = create_private(self.folder, names, text)
        except FileExistsError:
            raise StoreError(
                self.folder, _("too many sessions named {name}").format(name=base), errno.EEXIST
            ) from None
        self._known[str(path)] = signature_of(info)
        self._holds[str(path)] = held
        return path

    def hold(self, path: Path | str) -> bool:
        """Keep the session at `path` here: True once this store holds it, False when
        another running bridges does (then leave the file alone)."""
        target = self._inside(path)
        if str(target) in self._holds:
            return True
        for _attempt in range(5):
            held = hold(target)
            if held is not None:
                self._holds[str(target)] = held
                return True
            if not os.path.lexists(target):
                return False
            time.sleep(0.01)  # someone may be only glancing (is_held); ask again
        return False

    def release(self, path: Path | str) -> None:
        """Stop keeping the session at `path` (another bridges may then resume it)."""
        held = self._holds.pop(str(self._inside(path)), None)
        if held is not None:
            held.release()

    def held_elsewhere(self, path: Path | str) -> bool:
        """True when another running bridges is keeping the session at `path`."""
        try:
            target = self._inside(path)
        except StoreError:
            return False
        return str(target) not in self._holds and is_held(target)

    def save(self, path: Path | str, transcript: Transcript) -> None:
        """Rewrite the session at `path` atomically (autosave calls this after every
        turn, note and break).

        Overwrites only a file this store wrote or read and that nobody changed since;
        any other existing file is loaded first, and if it does not read as a transcript
        the save is refused (TranscriptError) and the file is left as it is.
        """
        target = self._inside(path)
        text = self._file_bytes(transcript)
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            info = None
        except OSError as error:
            raise store_error(target, error) from error
        if info is not None:
            if stat.S_ISLNK(info.st_mode):
                raise StoreError(
                    target, _("is a symbolic link; bridges won't write through it"), errno.ELOOP
                )
            if self._known.get(str(target)) != signature_of(info):
                try:
                    self.load(target)
                except TranscriptError as error:
                    raise TranscriptError(
                        _("it doesn't read as a transcript, so it was left as it is ({reason})")
                        .format(reason=error.reason),
                        target,
                        action="overwrite",
                    ) from None
        self.ensure_folder()
        held = self._holds.get(str(target))
        if held is None:
            if info is not None and is_held(target):
                raise StoreError(
                    target, _("another bridges has this session open, so it was left as it is"),
                    errno.EBUSY,
                )
            self._known[str(target)] = signature_of(write_private(target, text))
            return
        # The lock moves to the new file with the rename: never a moment unheld.
        info, self._holds[str(target)] = write_held(target, text)
        held.release()
        self._known[str(target)] = signature_of(info)

    def delete(self, path: Path | str) -> None:
        """Remove one session file (only ever a file inside this store's folder)."""
        target = self._inside(path)
        try:
            os.unlink(target)
        except OSError as error:
            raise store_error(target, error, action="delete") from error
        self._known.pop(str(target), None)
        self._listed.pop(str(target), None)
        held = self._holds.pop(str(target), None)
        if held is not None:
            held.release()

    # --- reading ------------------------------------------------------------------

    def load(self, path: Path | str) -> Transcript:
        """The transcript at `path`.

        Raises TranscriptError (with the path and the reason) when the file is not a
        transcript this version can read, StoreError when it cannot be read at all.
        """
        target = Path(path)
        problem = self._wrong_form(target.name)
        if problem is not None:
            raise TranscriptError(problem, target)
        data, info = read_bounded(target, MAX_TRANSCRIPT_BYTES + 1)
        if len(data) > MAX_TRANSCRIPT_BYTES:
            raise TranscriptError(_("is too large to be a transcript"), target)
        if self.key is not None:
            data = self.key.open(data, target)
        try:
            transcript = load_transcript(decode_text(data))
        except TranscriptError as error:
            raise error.at(target) from None
        # Keyed as save() will ask, however the caller spelled the path.
        try:
            self._known[str(self._inside(target))] = signature_of(info)
        except StoreError:
            pass  # a file outside the folder is never saved to, so nothing to remember
        return transcript

    def text_of(self, path: Path | str) -> str:
        """The TOML text of the session file at `path` as it is on disk (decrypted, when
        locked): what an export as TOML writes."""
        target = Path(path)
        data, _info = read_bounded(target, MAX_TRANSCRIPT_BYTES + 1)
        if self.key is not None:
            data = self.key.open(data, target)
        return decode_text(data)

    def list(self) -> list[SessionRow]:
        """Every session in the folder, newest first, read from the files' headers.

        Temporary files that a killed bridges left behind are removed on the way."""
        try:
            scan = os.scandir(self.folder)
        except FileNotFoundError:
            return []
        except OSError as error:
            raise store_error(self.folder, error, action="read") from error
        entries: list[SessionRow] = []
        seen: set[str] = set()
        leftovers = False
        with scan:
            for item in scan:
                if item.name.startswith(".") and item.name.endswith(".tmp"):
                    leftovers = True
                if not is_session_name(item.name):
                    continue
                key = item.path
                seen.add(key)
                entries.append(self._entry(Path(key), key))
        for gone in self._listed.keys() - seen:
            del self._listed[gone]
        if leftovers:
            sweep_leftovers(self.folder)
        return newest_first(entries)

    def entry(self, path: Path | str) -> SessionRow:
        """The list entry of one session file (its header, or why it can't be read)."""
        target = Path(path)
        return self._entry(target, str(target))

    def in_progress(self) -> list[SessionRow]:
        """Sessions left unfinished (crash, closed terminal), newest first; a session
        another running bridges is keeping is not unfinished, only busy, and is left
        out."""
        return [
            entry for entry in self.list()
            if entry.status == "in-progress" and not self.held_elsewhere(entry.path)
        ]

    def resolve(self, session_id: str) -> Path:
        """The file of the session whose id (file name without .toml) is `session_id`,
        or starts with it.

        Raises SessionNotFound, AmbiguousSession (listing the candidates), or
        UnsafeSessionId for anything that could reach outside the folder.
        """
        return resolve_session(self.folder, session_id, self.suffix)

    # --- helpers ------------------------------------------------------------------

    def _inside(self, path: Path | str) -> Path:
        """`path` if it names a session file directly inside the folder, else refuse."""
        target = Path(path)
        name = target.name
        if (
            not name.endswith(self.suffix)
            or name.startswith(".")
            or os.path.realpath(target.parent) != os.path.realpath(self.folder)
        ):
            raise StoreError(
                target, _("is not a session file in {folder}").format(folder=self.folder), errno.EPERM
            )
        return self.folder / name

    def _entry(self, path: Path, key: str) -> SessionRow:
        try:
            if os.path.islink(path) and not stays_inside(self.folder, path):
                outside = _("is a link to a file outside the sessions folder")
                return SessionRow(session_id(path.name), path, error=outside, detailed=True)
            info = os.stat(path)
        except FileNotFoundError:
            return SessionRow(session_id(path.name), path, error=_("is a link to a file that is gone"), detailed=True)
        except OSError as error:
            return SessionRow(session_id(path.name), path, error=plain_reason(error), detailed=True)
        if not stat.S_ISREG(info.st_mode):
            return SessionRow(session_id(path.name), path, error=_("is not a file"), detailed=True)
        signature = signature_of(info)
        cached = self._listed.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
        problem = self._wrong_form(path.name)
        if problem is not None:
            entry = SessionRow(session_id(path.name), path, error=problem, detailed=True)
        elif self.key is not None:
            entry = self._locked_entry(path)
        else:
            entry = read_entry(path)
        self._listed[key] = (signature, entry)
        return entry

    def _file_bytes(self, transcript: Transcript) -> str | bytes:
        """What goes on disk for `transcript`: its TOML, encrypted when locked."""
        text = dump_transcript(transcript)
        if self.key is not None:
            return self.key.seal(text.encode("utf-8"))
        if is_locked(self.folder):
            raise StoreError(
                self.folder, _("the sessions are locked; unlock them first (nothing was written)"),
                errno.EACCES,
            )
        return text

    def _wrong_form(self, name: str) -> str | None:
        """Why a session file of this name is not one this store reads, or None."""
        locked_name = name.endswith(LOCKED_SUFFIX)
        if self.key is not None and not locked_name:
            return _("is a plain file in a locked folder; `bridges lock` locks it (it was left as it is)")
        if self.key is None and locked_name:
            return _("is locked (encrypted); it opens only with the passphrase")
        return None

    def _locked_entry(self, path: Path) -> SessionRow:
        """The row of a locked file: it is decrypted whole (a header alone can't be)."""
        from bridges_tui.core.files.transcript_file import load_header

        try:
            data, _info = read_bounded(path, MAX_TRANSCRIPT_BYTES + 1)
            if len(data) > MAX_TRANSCRIPT_BYTES:
                too_large = _("is too large to be a transcript")
                return SessionRow(session_id(path.name), path, error=too_large, detailed=True)
            assert self.key is not None
            return load_header(decode_text(self.key.open(data, path)), path)
        except TranscriptError as error:
            return SessionRow(session_id(path.name), path, error=error.reason, detailed=True)
        except OSError as error:
            return SessionRow(session_id(path.name), path, error=plain_reason(error), detailed=True)
