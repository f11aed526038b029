"""`bridges list`: every past session, newest first, as a table or as JSON.

It should answer about as fast as `bridges --version`, even with a thousand sessions.
So when the history index describes the sessions folder exactly as it is (the usual
case: the app keeps it up to date), the sessions are listed from the index file alone
(`history_index_file`), and nothing heavier than the standard library is imported.
Otherwise the full index reads whatever is new or changed, as the history screen
does, and saves itself for next time.

Text from the files (names, notes) is printed as plain characters, with terminal
control characters removed.
"""

from __future__ import annotations

import gc
import json
import os
import sys

from bridges_tui.commands.command_error import CommandError
from bridges_tui.core.files import paths
from bridges_tui.core.files.history_index_file import LETTING_GO_FILE, indexed_sessions
from bridges_tui.core.files.light_typing import TYPE_CHECKING
from bridges_tui.core.files.lock_files import is_locked
from bridges_tui.core.language.words import N_, _
from bridges_tui.core.text.harmless import one_line
from bridges_tui.core.text.session_text import clock, status_word

if TYPE_CHECKING:
    from bridges_tui.core.files.session_row import SessionRow

HEADER = (N_("ID"), N_("DATE"), N_("PRACTICE"), N_("PARTNERS"), N_("LENGTH"), N_("STATUS"))


def list_sessions(as_json: bool, passphrase_fd: int | None = None) -> int:
    """Every past session, newest first; unreadable files named on stderr. Exit 0."""
    # Tens of thousands of small objects and not one cycle among them: the cycle
    # collector would walk them some thirty times, a tenth of the command's time.
    # (Mercurial pauses it while it parses big files, for the same reason.)
    gc.disable()
    try:
        return _list_sessions(as_json, passphrase_fd)
    finally:
        gc.enable()


def _list_sessions(as_json: bool, passphrase_fd: int | None) -> int:
    folder = paths.sessions_folder()
    if is_locked(folder):
        rows = _read_all(folder, passphrase_fd)  # no index on disk while locked
    elif os.path.exists(os.path.join(os.path.dirname(folder), LETTING_GO_FILE)):
        rows = None  # a let-go was cut short: the full index finishes it first
    else:
        rows = indexed_sessions(folder, os.path.dirname(folder))
    if rows is None:
        rows = _read_all(folder, None)
    readable = [row for row in rows if row.readable]
    for row in rows:
        if not row.readable:
            print(_("bridges: can't read {file}: {error}").format(file=one_line(row.file), error=one_line(row.error)),
                  file=sys.stderr)
    if as_json:
        json.dump([_as_json(row) for row in readable], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif readable:
        _print_table(tuple(_(word) for word in HEADER), [_as_line(row) for row in readable])
    else:
        print(_("No sessions yet in {folder}.").format(folder=folder) if not rows else _("No readable sessions."),
              file=sys.stderr)
    return 0


def _read_all(folder: str, passphrase_fd: int | None) -> list[SessionRow]:
    """Every session through the full index: files it does not know (or no longer
    knows as they are) are read whole, and the index is saved for the next listing."""
    from bridges_tui.commands.locking import store_for_reading
    from bridges_tui.commands.past_sessions import finish_letting_go
    from bridges_tui.core.files.safe_files import StoreError
    from bridges_tui.core.looking_back.history_index import HistoryIndex

    index = HistoryIndex(store_for_reading(passphrase_fd), paths.data_dir())
    finish_letting_go(index)  # a let-go a SIGKILL cut short, if any
    try:
        rows = index.read_all()
    except StoreError as error:
        raise CommandError(str(error)) from None
    index.save()  # a cache: if it can't be written, listing still worked
    return rows


def _as_line(row: SessionRow) -> tuple[str, ...]:
    started, ended = row.started, row.ended
    length = "–"
    if started is not None and ended is not None:
        length = clock(max(0.0, (ended - started).total_seconds()))  # as `duration_s`
    return (
        row.id,
        # "2026-11-18 19:52", as strftime("%Y-%m-%d %H:%M") writes it, in half the time.
        started.isoformat(" ", "minutes")[:16] if started else "",
        row.title or row.practice or "",
        " & ".join(row.partners) if row.partners else "",
        length,
        status_word(row.status),
    )


def _as_json(row: SessionRow) -> dict[str, object]:
    return {
        "id": row.id,
        "file": row.file,
        "started": row.started.isoformat() if row.started else None,
        "ended": row.ended.isoformat() if row.ended else None,
        "practice": row.practice,
        "title": row.title,
        "partners": list(row.partners) if row.partners else None,
        "length_s": row.duration_s,
        "status": row.status,
        "floor_s": (
            {"A": round(row.floor.a, 1), "B": round(row.floor.b, 1),
             "together": round(row.floor.together, 1)}
            if row.floor else None
        ),
        "checkin": {
            "before": list(row.checkin_before) if row.checkin_before else None,
            "after": list(row.checkin_after) if row.checkin_after else None,
        },
        "agreement": row.agreement,
    }


def _print_table(header: tuple[str, ...], lines: list[tuple[str, ...]]) -> None:
    measured = [_measured(line) for line in [header, *lines]]
    widths = [max(column) for column in zip(*(sizes for _, sizes, _ in measured), strict=False)]
    out = []
    for cells, sizes, plain in measured:
        if plain:  # one character, one terminal cell: str.ljust pads it right
            out.append("  ".join(map(str.ljust, cells, widths)).rstrip())
        else:
            out.append("  ".join([cell + " " * (width - size)
                                  for cell, size, width in zip(cells, sizes, widths, strict=False)]).rstrip())
    sys.stdout.write("\n".join(out) + "\n")


def _measured(line: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[int, ...], bool]:
    """A line's cells made harmless (`one_line`), the terminal cells each takes, and
    whether that is simply its length."""
    joined = "".join(line)
    if joined.isascii() and joined.isprintable():
        # Nearly every line: nothing to remove or fold, one cell per character.
        cells = tuple(map(str.strip, line))
        return cells, tuple(map(len, cells)), True
    cells = tuple(map(one_line, line))
    return cells, tuple(map(_width, cells)), False


def _width(text: str) -> int:
    """Terminal cells, as Rich counts them: wide characters (CJK, most emoji) take two,
    combining marks and joiners none."""
    if text.isascii():
        return len(text)
    # Only for the rare line that needs it: importing Rich's tables costs `bridges list`
    # about 6 ms, more than printing the rest of a thousand-line ASCII table.
    from rich.cells import cell_len

    return cell_len(text)
