"""`bridges show ID` and `bridges export ID`: one past session from the command line
(`bridges list` is in `session_list`).

An ID is a session's file name without `.toml`, or any unique start of it. Anything
that could reach outside the sessions folder is refused before the disk is touched
(see `session_ids`). Text from the files (names, notes) is printed as plain
characters: rich `Text`, never markup, with terminal control characters removed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bridges_tui.commands.command_error import CommandError
from bridges_tui.commands.locking import store_for_reading
from bridges_tui.core.files.light_typing import TYPE_CHECKING
from bridges_tui.core.files.lock_files import session_id as id_of_file
from bridges_tui.core.files.safe_files import StoreError, write_private
from bridges_tui.core.files.session_ids import AmbiguousSession, SessionNotFound, UnsafeSessionId
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.files.transcript_file import TranscriptError
from bridges_tui.core.language.words import _, n_
from bridges_tui.core.model.session import Transcript
from bridges_tui.core.text.harmless import one_line

if TYPE_CHECKING:
    from bridges_tui.core.looking_back.history_index import HistoryIndex

MAX_CANDIDATES = 10


# --- finding one ------------------------------------------------------------------------


def _find(store: SessionStore, session_id: str) -> Path:
    """The file of `session_id` (or a unique start of it), or a CommandError that names
    the candidates."""
    try:
        return store.resolve(session_id)
    except UnsafeSessionId as error:
        raise CommandError(
            _("{error}; ids are file names in {folder}, without .toml").format(error=error, folder=store.folder)
        ) from None
    except AmbiguousSession as error:
        shown = error.candidates[:MAX_CANDIDATES]
        more = len(error.candidates) - len(shown)
        count = len(error.candidates)
        lines = [n_("{id} matches {n} session; type more of the id:", "{id} matches {n} sessions; type more of the id:",
                    count).format(id=repr(session_id), n=count)]
        lines += [f"  {one_line(candidate)}" for candidate in shown]
        if more:
            lines.append("  " + _("… and {n} more").format(n=more))
        raise CommandError("\n".join(lines)) from None
    except SessionNotFound as error:
        raise CommandError(_not_found(store, session_id, str(error))) from None
    except StoreError as error:
        raise CommandError(str(error)) from None


def _not_found(store: SessionStore, session_id: str, message: str) -> str:
    try:
        ids = sorted((id_of_file(path.name) for path in store.folder.glob(f"*{store.suffix}")), reverse=True)
    except OSError:
        ids = []
    wanted = session_id.strip().casefold()
    near = [name for name in ids if wanted and wanted in name.casefold()] or ids
    if not near:
        return _("{message}; there are no sessions yet").format(message=message)
    if near is not ids:
        lines = [_("{message}. Sessions whose id contains it:").format(message=message)]
    else:
        lines = [_("{message}. The most recent sessions:").format(message=message)]
    lines += [f"  {one_line(name)}" for name in near[:MAX_CANDIDATES]]
    return "\n".join(lines)


def finish_letting_go(index: HistoryIndex) -> None:
    """Finish a let-go a SIGKILL cut short, before any past session is read: one that
    was promised (its marker written) is never shown or exported again. A problem
    finishing it is said on stderr; the command goes on, and the next start tries."""
    from bridges_tui.core.looking_back import letting_go

    problem = letting_go.finish(index)
    if problem is not None:
        print(_("bridges: a session let go of is not fully removed yet: {problem}").format(problem=one_line(problem)),
              file=sys.stderr)


def _opened(store: SessionStore, session_id: str) -> tuple[Path, Transcript]:
    """The file of `session_id` and its transcript, once any let-go cut short is done."""
    from bridges_tui.core.files import paths
    from bridges_tui.core.looking_back.history_index import HistoryIndex

    finish_letting_go(HistoryIndex(store, paths.data_dir()))
    path = _find(store, session_id)
    return path, _load(store, path)


def _load(store: SessionStore, path: Path) -> Transcript:
    try:
        return store.load(path)
    except (TranscriptError, StoreError) as error:
        raise CommandError(str(error)) from None


# --- show -------------------------------------------------------------------------------


def show_session(session_id: str, passphrase_fd: int | None = None) -> int:
    """Print one session's summary with rich."""
    store = store_for_reading(passphrase_fd)
    path, transcript = _opened(store, session_id)
    from bridges_tui.commands.session_print import print_summary

    print_summary(transcript, path)
    return 0


# --- export -----------------------------------------------------------------------------


def export_session(session_id: str, form: str, output: str | None, passphrase_fd: int | None = None) -> int:
    """Write one session as Markdown or as its own TOML, to `output` or stdout."""
    store = store_for_reading(passphrase_fd)
    path, transcript = _opened(store, session_id)
    from bridges_tui.core.looking_back.export import exported

    try:
        text = exported(path, transcript, form, store.text_of(path) if form == "toml" else None)
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(_("can't read {path}: {error}").format(path=path, error=error)) from None
    if output is None or output == "-":
        sys.stdout.write(text)
        if store.key is not None and not sys.stdout.isatty():
            print(_("bridges: written as plain text (not locked) where you sent it"), file=sys.stderr)
        return 0
    target = Path(output).expanduser()
    _refuse_inside_sessions(store, target)
    try:
        write_private(target, text)
    except StoreError as error:
        raise CommandError(str(error)) from None
    if store.key is not None:
        print(_("Wrote {path} as plain text: it is not locked like the sessions").format(path=target), file=sys.stderr)
    else:
        print(_("Wrote {path}").format(path=target), file=sys.stderr)
    return 0


def _refuse_inside_sessions(store: SessionStore, target: Path) -> None:
    """An export never lands among the transcripts, where it could replace one."""
    try:
        inside = target.resolve().parent == store.folder.resolve()
    except OSError:
        inside = False
    if inside:
        raise CommandError(_("won't write {path}: it is in the sessions folder; choose another place")
            .format(path=target))
