"""Where sessions are kept: one TOML transcript per session in a private folder.

`SessionStore` creates, saves (autosaves), loads, lists, finds and deletes transcripts.
Its promises: files are 0600 in a 0700 folder; every write is atomic; a name clash never
overwrites a session; and it never overwrites a file it cannot read. It may rewrite a
file it created or loaded itself, as long as nobody changed the file since (a cheap
`stat`, so autosaving after every turn stays fast); any other existing file is read
first, and left alone if it does not read as a transcript.

Listing reads only each file's header (the top-level keys before the first table), so
the history opens quickly with a thousand sessions. A file whose header reads but whose
turns are broken is listed like any other; what is wrong with it is reported when it is
opened. A file whose header does not read is listed with the reason, never hidden.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from datetime import datetime
from pathlib import Path

import attrs

from . import paths
from .model import Transcript
from .safe_files import (
    StoreError,
    ensure_private_dir,
    plain_reason,
    store_error,
    write_private,
)
# The id errors and `file_name_for` are part of the store's API, as before the split.
from .session_ids import (
    SUFFIX,
    AmbiguousSession,
    SessionNotFound,
    UnsafeSessionId,
    file_name_for,
    resolve_session,
    started_by_id,
    stays_inside,
)
from .transcript_file import (
    TranscriptError,
    TranscriptHeader,
    dump_transcript,
    load_header,
    load_transcript,
)

__all__ = [
    "AmbiguousSession", "SessionEntry", "SessionNotFound", "SessionStore", "UnsafeSessionId",
    "file_name_for",
]

# A transcript is a few kilobytes; anything this large is not one, and is not read.
MAX_TRANSCRIPT_BYTES = 8 * 1024 * 1024
_HEADER_CHUNK = 8192
_FIRST_TABLE = re.compile(rb"^[ \t]*\[", re.MULTILINE)
# O_EXCL: fail if anything, even a dangling link, already has the name.
_CLAIM_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)

#: What tells a file we wrote apart from one someone changed since.
_Signature = tuple[int, int, int, int, int]


@attrs.frozen
class SessionEntry:
    """One session in the list: its file, what its header says, or why it can't be read.

    `error` is None for a readable header; otherwise it is the reason, and the header
    fields are None.
    """

    id: str
    path: Path
    practice: str | None = None
    title: str | None = None
    started: datetime | None = None
    ended: datetime | None = None
    status: str | None = None
    partners: tuple[str, str] | None = None
    error: str | None = None

    @classmethod
    def from_header(cls, path: Path, header: TranscriptHeader) -> SessionEntry:
        """The entry for a file whose header reads as `header`."""
        return cls(
            path.stem, path, header.practice, header.title, header.started,
            header.ended, header.status, header.partners,
        )

    @property
    def readable(self) -> bool:
        """True when the header reads (the rest is checked when the file is opened)."""
        return self.error is None

    @property
    def duration_s(self) -> float | None:
        """How long the session lasted, start to end, in seconds; None while it is in
        progress or when the header does not read. Breathers are included."""
        if self.started is None or self.ended is None:
            return None
        # A hand-edited end before the start is not a negative session.
        return max(0.0, (self.ended - self.started).total_seconds())


def _signature(info: os.stat_result) -> _Signature:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class SessionStore:
    """The couple's sessions folder (see the module docstring for its promises)."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        #: True once this store has had to tighten the folder to 0700 (to tell the user).
        self.tightened_folder = False
        # What each file looked like right after we wrote or read it: key is the path.
        self._known: dict[str, _Signature] = {}
        # Listing cache: path -> (signature, entry), so re-opening history only stats.
        self._listed: dict[str, tuple[_Signature, SessionEntry]] = {}

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
        """Save a new session under a fresh name and return its path.

        The name is `<YYYYMMDD-HHMMSS>-<practice-id>.toml`; if that is taken, `-2`,
        `-3`… is added. Each name is claimed with O_EXCL, so two bridges started in the
        same second cannot both get it, and an existing file is never overwritten.
        """
        text = dump_transcript(transcript)
        self.ensure_folder()
        base = file_name_for(transcript)
        for number in range(1, 1000):
            path = self.folder / f"{base}{'' if number == 1 else f'-{number}'}{SUFFIX}"
            try:
                fd = os.open(path, _CLAIM_FLAGS, 0o600)
            except FileExistsError:
                continue
            except OSError as error:
                raise store_error(path, error) from error
            claimed = os.fstat(fd)
            os.close(fd)
            try:
                written = write_private(path, text)
            except BaseException:
                self._release(path, claimed)
                raise
            self._known[str(path)] = _signature(written)
            return path
        raise StoreError(self.folder, f"too many sessions named {base}", errno.EEXIST)

    def _release(self, path: Path, claimed: os.stat_result) -> None:
        # Remove the empty placeholder we claimed, and only if it is still ours.
        try:
            now = os.lstat(path)
            if (now.st_dev, now.st_ino) == (claimed.st_dev, claimed.st_ino) and not now.st_size:
                os.unlink(path)
        except OSError:
            pass

    def save(self, path: Path | str, transcript: Transcript) -> None:
        """Rewrite the session at `path` atomically (autosave calls this after every
        turn, note and break).

        Overwrites only a file this store wrote or read and that nobody changed since;
        any other existing file is loaded first, and if it does not read as a transcript
        the save is refused (TranscriptError) and the file is left as it is.
        """
        target = self._inside(path)
        text = dump_transcript(transcript)
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            info = None
        except OSError as error:
            raise store_error(target, error) from error
        if info is not None:
            if stat.S_ISLNK(info.st_mode):
                raise StoreError(
                    target, "is a symbolic link; bridges won't write through it", errno.ELOOP
                )
            if self._known.get(str(target)) != _signature(info):
                try:
                    self.load(target)
                except TranscriptError as error:
                    raise TranscriptError(
                        "it doesn't read as a transcript, so it was left as it is "
                        f"({error.reason})",
                        target,
                        action="overwrite",
                    ) from None
        self.ensure_folder()
        self._known[str(target)] = _signature(write_private(target, text))

    def delete(self, path: Path | str) -> None:
        """Remove one session file (only ever a file inside this store's folder)."""
        target = self._inside(path)
        try:
            os.unlink(target)
        except OSError as error:
            raise store_error(target, error, action="delete") from error
        self._known.pop(str(target), None)
        self._listed.pop(str(target), None)

    # --- reading ------------------------------------------------------------------

    def load(self, path: Path | str) -> Transcript:
        """The transcript at `path`.

        Raises TranscriptError (with the path and the reason) when the file is not a
        transcript this version can read, StoreError when it cannot be read at all.
        """
        target = Path(path)
        data, info = _read(target, MAX_TRANSCRIPT_BYTES + 1)
        if len(data) > MAX_TRANSCRIPT_BYTES:
            raise TranscriptError("is too large to be a transcript", target)
        try:
            transcript = load_transcript(_decode(data))
        except TranscriptError as error:
            raise error.at(target) from None
        # Keyed as save() will ask, however the caller spelled the path.
        try:
            self._known[str(self._inside(target))] = _signature(info)
        except StoreError:
            pass  # a file outside the folder is never saved to, so nothing to remember
        return transcript

    def list(self) -> list[SessionEntry]:
        """Every session in the folder, newest first, read from the files' headers."""
        try:
            scan = os.scandir(self.folder)
        except FileNotFoundError:
            return []
        except OSError as error:
            raise store_error(self.folder, error, action="read") from error
        entries: list[SessionEntry] = []
        seen: set[str] = set()
        with scan:
            for item in scan:
                if item.name.startswith(".") or not item.name.endswith(SUFFIX):
                    continue
                key = item.path
                seen.add(key)
                entries.append(self._entry(Path(key), key))
        for gone in self._listed.keys() - seen:
            del self._listed[gone]
        entries.sort(key=_newest_first, reverse=True)
        return entries

    def in_progress(self) -> list[SessionEntry]:
        """Sessions left unfinished (crash, closed terminal), newest first."""
        return [entry for entry in self.list() if entry.status == "in-progress"]

    def resolve(self, session_id: str) -> Path:
        """The file of the session whose id (file name without .toml) is `session_id`,
        or starts with it.

        Raises SessionNotFound, AmbiguousSession (listing the candidates), or
        UnsafeSessionId for anything that could reach outside the folder.
        """
        return resolve_session(self.folder, session_id)

    # --- helpers ------------------------------------------------------------------

    def _inside(self, path: Path | str) -> Path:
        """`path` if it names a session file directly inside the folder, else refuse."""
        target = Path(path)
        name = target.name
        if (
            not name.endswith(SUFFIX)
            or name.startswith(".")
            or os.path.realpath(target.parent) != os.path.realpath(self.folder)
        ):
            raise StoreError(target, f"is not a session file in {self.folder}", errno.EPERM)
        return self.folder / name

    def _entry(self, path: Path, key: str) -> SessionEntry:
        try:
            if os.path.islink(path) and not stays_inside(self.folder, path):
                return SessionEntry(
                    path.stem, path, error="is a link to a file outside the sessions folder"
                )
            info = os.stat(path)
        except FileNotFoundError:
            return SessionEntry(path.stem, path, error="is a link to a file that is gone")
        except OSError as error:
            return SessionEntry(path.stem, path, error=plain_reason(error))
        if not stat.S_ISREG(info.st_mode):
            return SessionEntry(path.stem, path, error="is not a file")
        signature = _signature(info)
        cached = self._listed.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
        entry = _read_entry(path)
        self._listed[key] = (signature, entry)
        return entry


def _read_entry(path: Path) -> SessionEntry:
    """The entry for one file: its header alone when that reads, else the whole file."""
    try:
        head, _ = _read(path, _HEADER_CHUNK)
        match = _FIRST_TABLE.search(head)
        if match is None and len(head) == _HEADER_CHUNK:
            # No table yet in the first chunk: a long header, so read it all.
            head, _ = _read(path, MAX_TRANSCRIPT_BYTES + 1)
            match = _FIRST_TABLE.search(head)
        header_bytes = head if match is None else head[: match.start()]
        try:
            return SessionEntry.from_header(path, load_header(_decode(header_bytes)))
        except TranscriptError:
            pass
        # The header alone did not parse (e.g. a line starting with "[" inside a long
        # string or list): read the whole file, and show its own reason if it fails.
        data, _ = _read(path, MAX_TRANSCRIPT_BYTES + 1)
        if len(data) > MAX_TRANSCRIPT_BYTES:
            return SessionEntry(path.stem, path, error="is too large to be a transcript")
        return SessionEntry.from_header(path, load_header(_decode(data)))
    except TranscriptError as error:
        return SessionEntry(path.stem, path, error=error.reason)
    except OSError as error:
        return SessionEntry(path.stem, path, error=plain_reason(error))


def _read(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """Up to `limit` bytes of the file at `path`, and its stat as it was read."""
    try:
        with open(path, "rb") as file:
            return file.read(limit), os.fstat(file.fileno())
    except OSError as error:
        raise store_error(path, error, action="read") from error


def _decode(data: bytes) -> str:
    try:
        # utf-8-sig: an editor may have added a byte-order mark; it means nothing here.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TranscriptError(f"is not UTF-8 text (byte {error.start + 1})") from None


def _newest_first(entry: SessionEntry) -> tuple[float, str]:
    """Sort key (used reversed): when the session started, then its id."""
    if entry.started is not None:
        return (entry.started.timestamp(), entry.id)
    # An unreadable file has no start time, but its name usually begins with one
    # (in the couple's local time): close enough to place it among the rest.
    named = started_by_id(entry.id)
    if named is not None:
        try:
            return (named.timestamp(), entry.id)
        except (ValueError, OverflowError, OSError):
            pass
    return (float("-inf"), entry.id)
