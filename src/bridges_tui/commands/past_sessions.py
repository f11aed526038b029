"""`bridges list`, `bridges show ID` and `bridges export ID`: past sessions from the
command line.

An ID is a session's file name without `.toml`, or any unique start of it. Anything
that could reach outside the sessions folder is refused before the disk is touched
(see `session_ids`). Text from the files (names, notes) is printed as plain
characters: rich `Text`, never markup, with terminal control characters removed.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from bridges_tui.cli import CommandError
from bridges_tui.core import paths
from bridges_tui.core.harmless_text import one_line
from bridges_tui.core.history_index import HistoryIndex, SessionRow
from bridges_tui.core.model import Transcript
from bridges_tui.core.safe_files import StoreError, write_private
from bridges_tui.core.session_ids import AmbiguousSession, SessionNotFound, UnsafeSessionId
from bridges_tui.core.session_summary import clock, status_word
from bridges_tui.core.store import SessionStore
from bridges_tui.core.transcript_file import TranscriptError

MAX_CANDIDATES = 10


def _index() -> HistoryIndex:
    store = SessionStore(paths.sessions_dir())
    return HistoryIndex(store, paths.data_dir())


# --- list -------------------------------------------------------------------------------


def list_sessions(as_json: bool) -> int:
    """Every past session, newest first; unreadable files named on stderr. Exit 0."""
    index = _index()
    try:
        rows = index.read_all()
    except StoreError as error:
        raise CommandError(str(error)) from None
    index.save()  # a cache: if it can't be written, listing still worked
    readable = [row for row in rows if row.readable]
    for row in rows:
        if not row.readable:
            print(f"bridges: can't read {one_line(row.path)}: {one_line(row.error)}", file=sys.stderr)
    if as_json:
        json.dump([_as_json(row) for row in readable], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif readable:
        _print_table(
            ("ID", "DATE", "PRACTICE", "PARTNERS", "LENGTH", "STATUS"),
            [_as_line(row) for row in readable],
        )
    else:
        where = index.store.folder
        print(f"No sessions yet in {where}." if not rows else "No readable sessions.", file=sys.stderr)
    return 0


def _as_line(row: SessionRow) -> tuple[str, ...]:
    partners = " & ".join(row.partners) if row.partners else ""
    return (
        row.id,
        row.started.strftime("%Y-%m-%d %H:%M") if row.started else "",
        row.title or row.practice or "",
        partners,
        clock(row.duration_s) if row.duration_s is not None else "–",
        status_word(row.status),
    )


def _as_json(row: SessionRow) -> dict[str, object]:
    return {
        "id": row.id,
        "file": str(row.path),
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


def _width(text: str) -> int:
    # Wide characters (CJK, most emoji) take two cells in a terminal.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_table(header: tuple[str, ...], lines: list[tuple[str, ...]]) -> None:
    cells = [header] + [tuple(one_line(cell) for cell in line) for line in lines]
    widths = [max(_width(line[column]) for line in cells) for column in range(len(header))]
    out = []
    for line in cells:
        padded = [cell + " " * (width - _width(cell)) for cell, width in zip(line, widths)]
        out.append("  ".join(padded).rstrip())
    sys.stdout.write("\n".join(out) + "\n")


# --- finding one ------------------------------------------------------------------------


def _find(store: SessionStore, session_id: str) -> Path:
    """The file of `session_id` (or a unique start of it), or a CommandError that names
    the candidates."""
    try:
        return store.resolve(session_id)
    except UnsafeSessionId as error:
        raise CommandError(f"{error}; ids are file names in {store.folder}, without .toml") from None
    except AmbiguousSession as error:
        shown = error.candidates[:MAX_CANDIDATES]
        more = len(error.candidates) - len(shown)
        lines = [f"{session_id!r} matches {len(error.candidates)} sessions; type more of the id:"]
        lines += [f"  {one_line(candidate)}" for candidate in shown]
        if more:
            lines.append(f"  … and {more} more")
        raise CommandError("\n".join(lines)) from None
    except SessionNotFound as error:
        raise CommandError(_not_found(store, session_id, str(error))) from None
    except StoreError as error:
        raise CommandError(str(error)) from None


def _not_found(store: SessionStore, session_id: str, message: str) -> str:
    try:
        ids = sorted((path.stem for path in store.folder.glob("*.toml")), reverse=True)
    except OSError:
        ids = []
    wanted = session_id.strip().casefold()
    near = [name for name in ids if wanted and wanted in name.casefold()] or ids
    if not near:
        return f"{message}; there are no sessions yet"
    label = "sessions whose id contains it" if near is not ids else "the most recent sessions"
    lines = [f"{message}. {label[0].upper()}{label[1:]}:"]
    lines += [f"  {one_line(name)}" for name in near[:MAX_CANDIDATES]]
    return "\n".join(lines)


def _load(store: SessionStore, path: Path) -> Transcript:
    try:
        return store.load(path)
    except (TranscriptError, StoreError) as error:
        raise CommandError(str(error)) from None


# --- show -------------------------------------------------------------------------------


def show_session(session_id: str) -> int:
    """Print one session's summary with rich."""
    store = SessionStore(paths.sessions_dir())
    path = _find(store, session_id)
    transcript = _load(store, path)
    from bridges_tui.commands.session_print import print_summary

    print_summary(transcript, path)
    return 0


# --- export -----------------------------------------------------------------------------


def export_session(session_id: str, form: str, output: str | None) -> int:
    """Write one session as Markdown or as its own TOML, to `output` or stdout."""
    store = SessionStore(paths.sessions_dir())
    path = _find(store, session_id)
    transcript = _load(store, path)
    from bridges_tui.core.export import exported

    try:
        text = exported(path, transcript, form)
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"can't read {path}: {error}") from None
    if output is None or output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(output).expanduser()
    _refuse_inside_sessions(store, target)
    try:
        write_private(target, text)
    except StoreError as error:
        raise CommandError(str(error)) from None
    print(f"Wrote {target}", file=sys.stderr)
    return 0


def _refuse_inside_sessions(store: SessionStore, target: Path) -> None:
    """An export never lands among the transcripts, where it could replace one."""
    try:
        inside = target.resolve().parent == store.folder.resolve()
    except OSError:
        inside = False
    if inside:
        raise CommandError(f"won't write {target}: it is in the sessions folder; choose another place")
