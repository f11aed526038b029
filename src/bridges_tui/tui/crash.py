"""What bridges says when something goes wrong that it did not expect.

Textual's own report prints the traceback with the local variables of every frame,
and a local variable may hold a note, a name or an agreement: words said in
confidence, left on a shared terminal's screen and in its scrollback. bridges shows a
plain message instead (what happened, where the session is, that nothing was lost),
and writes where in its code it stopped to a private log file in the data folder,
for a bug report: the frames and the kind of error only, never the error's own
message nor any variable, so the log holds none of the couple's words either.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from bridges_tui.core.files import paths
from bridges_tui.core.files.safe_files import ensure_private_dir, write_private
from bridges_tui.core.language.words import _

LOG_NAME = "crash.log"


def where_it_stopped(error: BaseException) -> str:
    """The stack of `error` (and of the errors it came from), with the kind of each
    error but not its message: file, line, function and the line of code."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_list(traceback.extract_tb(current.__traceback__)))
        parts.append(f"Traceback (most recent call last):\n{frames}{type(current).__qualname__}\n")
        current = current.__cause__ or current.__context__
    # The first error raised comes first, as Python prints a chain.
    return "\nDuring handling of the above, this happened:\n\n".join(reversed(parts))


def write_crash_log(error: BaseException, folder: Path | None = None) -> Path | None:
    """Write `where_it_stopped(error)` to `crash.log` in `folder` (the data folder),
    readable by its owner only; the file's path, or None if it could not be written."""
    folder = folder or paths.data_dir()
    path = folder / LOG_NAME
    try:
        ensure_private_dir(folder)
        write_private(path, where_it_stopped(error))
    except Exception:  # a crash report must never crash: the message says it is missing
        return None
    return path


def crash_message(error: BaseException, session: Path | None, unsaved: str | None, log: Path | None,
                  *, off_the_record: bool = False) -> str:
    """The words shown after a crash. `session`: the live session's file, if any;
    `unsaved`: why its last words could not be written, if they could not;
    `off_the_record`: the session open was held in memory only."""
    lines = [_("bridges stopped: something went wrong that it did not expect ({kind}).").format(
        kind=type(error).__name__)]
    if off_the_record:
        lines.append(_("The session was off the record: nothing of it was saved, so it is gone, as chosen."))
    elif session is not None and unsaved is None:
        lines.append(_("Your session is saved in {file}: nothing was lost.").format(file=paths.shown(session)))
        lines.append(_("Start bridges again and it offers to resume the session where it stopped."))
    elif unsaved is not None and session is not None:
        lines.append(_("The session's latest words could not be saved ({problem}). {file} holds it as "
                       "last saved.").format(problem=unsaved, file=paths.shown(session)))
    elif unsaved is not None:
        lines.append(_("The session's latest words could not be saved ({problem}).").format(problem=unsaved))
    else:
        lines.append(_("No session was open; every past session is saved as it was."))
    if log is not None:
        lines.append(_("Where it stopped is written to {file} (only you can read it; none of your words "
                       "are in it), for a bug report.").format(file=paths.shown(log)))
    return "\n".join(lines)
