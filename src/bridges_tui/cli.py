"""The `bridges` command: opens the app by default, plus a few non-interactive commands.

Textual is imported only by the commands that open the app, so `bridges --version`
and the listing commands start fast. Errors go to stderr with exit status 1, never
as a traceback.
"""

from __future__ import annotations

import sys

from bridges_tui import __version__
from bridges_tui.commands.command_error import CommandError

TYPE_CHECKING = False  # not `typing`'s: importing it would slow every command
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from typing import Any


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with `only`, of that command alone. Its help and
    its errors read the same, and the app's start-up is spared building the others
    (argparse looks up a translation of every message each might print)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="bridges",
        description="Timed, guided turns for two people to talk and listen at one laptop.",
        epilog=LOCK_HELP,
    )
    parser.add_argument("--version", action="version", version=f"bridges {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in _COMMANDS.items():
        if only is None or name == only:
            add(commands)
    return parser


LOCK_HELP = (
    "Sessions can be locked with a passphrase (`bridges lock`, the age format): while "
    "locked, every session is encrypted on disk, the app asks for the passphrase when "
    "it opens, and `bridges unlock` turns them back into plain "
    "TOML files. The README's section on the lock says how to get them back with the "
    "standard `age` tool alone. Scripts give the passphrase with --passphrase-fd N "
    "(one passphrase a line), never on the command line or in the environment."
)


def _passphrase_fd(parser: Any) -> None:
    parser.add_argument(
        "--passphrase-fd", type=int, metavar="N",
        help="when the sessions are locked, read the passphrase from file descriptor N "
             "(one a line) instead of the terminal",
    )


def _practices(commands: Any) -> None:
    commands.add_parser("practices", help="list every practice: id, title, source, summary")


def _check(commands: Any) -> None:
    check = commands.add_parser("check", help="check a practice script and report every problem")
    check.add_argument("file", help="the practice script (a .toml file)")


def _talk(commands: Any) -> None:
    talk = commands.add_parser(
        "talk",
        help="open straight in a conversation",
        description="Open bridges straight in a conversation with PRACTICE.",
    )
    talk.add_argument("practice", help="a practice id, as `bridges practices` lists them")
    talk.add_argument("--names", nargs=2, metavar=("A", "B"),
                      help="the two partners (A sits left, B right); remembered for next time")
    talk.add_argument("--turn", metavar="DURATION",
                      help="turn length: 90, 90s, 2m or 1m30s (default: the practice's)")


def _history(commands: Any) -> None:
    commands.add_parser("history", help="open the app on the history of past sessions")


def _list(commands: Any) -> None:
    listing = commands.add_parser("list", help="list past sessions: id, date, practice, partners, length, status")
    listing.add_argument("--json", action="store_true", help="print JSON, for scripts")
    _passphrase_fd(listing)


def _show(commands: Any) -> None:
    show = commands.add_parser("show", help="print one session's summary")
    show.add_argument("id", help="a session id as `bridges list` shows it (any unique start of it)")
    _passphrase_fd(show)


def _export(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="write one session as Markdown (to print or keep) or as its TOML file",
    )
    export.add_argument("id", help="a session id as `bridges list` shows it (any unique start of it)")
    export.add_argument("--format", choices=("markdown", "toml"), default="markdown",
                        help="markdown (default) or toml")
    export.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE instead of printing (created private, 0600; plain text, "
                             "even when the sessions are locked)")
    _passphrase_fd(export)


def _lock(commands: Any) -> None:
    lock = commands.add_parser(
        "lock", help="lock the sessions with a passphrase, encrypted on disk (asks for it twice)"
    )
    _passphrase_fd(lock)


def _unlock(commands: Any) -> None:
    unlock = commands.add_parser(
        "unlock", help="turn locked sessions back into plain TOML files (asks for the passphrase)"
    )
    _passphrase_fd(unlock)


def _passphrase(commands: Any) -> None:
    change = commands.add_parser(
        "passphrase", help="change the passphrase of locked sessions (asks for the current one, then a new one)"
    )
    _passphrase_fd(change)


#: Each command, in the order `bridges --help` lists them, and how to add its parser.
_COMMANDS: dict[str, Callable[[Any], None]] = {
    "practices": _practices, "check": _check, "talk": _talk, "history": _history,
    "list": _list, "show": _show, "export": _export, "lock": _lock, "unlock": _unlock, "passphrase": _passphrase,
}


#: The commands that open the app (None: plain `bridges`).
APP_COMMANDS = (None, "talk", "history")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Plain `bridges`, the usual way in, has nothing to parse; building the parser
    # anyway would cost its first screen some 7 ms. `talk` and `history` build only
    # their own.
    parser = build_parser(only=argv[0] if argv[0] in APP_COMMANDS else None) if argv else None
    args = parser.parse_args(argv) if parser is not None else None
    if args is not None and args.command not in APP_COMMANDS:
        return _run(parser, args)
    # The app's start-up runs without collections until its first screen is up: see
    # `bridges_tui.tui.garbage`, which decides when the collector runs.
    from bridges_tui.tui import garbage

    garbage.pause_for_start_up()
    try:
        return _run(parser, args)
    finally:
        garbage.resume()


def _run(parser: argparse.ArgumentParser | None, args: argparse.Namespace | None) -> int:
    try:
        if parser is None or args is None or args.command is None:
            return open_app()
        if args.command == "practices":
            from bridges_tui.commands import practices

            return practices.list_practices()
        if args.command == "check":
            from bridges_tui.commands import practices

            return practices.check_script(args.file)
        if args.command == "talk":
            from bridges_tui.commands.talk import talk

            return talk(args.practice, args.names, args.turn)
        if args.command == "history":
            from bridges_tui.tui.app import run_app

            return run_app(start="history")
        if args.command == "list":
            from bridges_tui.commands.session_list import list_sessions

            return list_sessions(args.json, args.passphrase_fd)
        if args.command in ("show", "export"):
            from bridges_tui.commands import past_sessions

            if args.command == "show":
                return past_sessions.show_session(args.id, args.passphrase_fd)
            return past_sessions.export_session(args.id, args.format, args.output, args.passphrase_fd)
        if args.command in ("lock", "unlock", "passphrase"):
            from bridges_tui.commands import locking

            if args.command == "lock":
                return locking.lock_sessions(args.passphrase_fd)
            if args.command == "unlock":
                return locking.unlock_sessions(args.passphrase_fd)
            return locking.change_passphrase(args.passphrase_fd)
    except CommandError as error:
        print(f"bridges: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`bridges list | head`): that is not an error, and
        # Python must not complain about it again when it flushes stdout at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    parser.error(f"unknown command {args.command!r}")
    return 2


def open_app() -> int:
    from bridges_tui.tui.app import run_app

    return run_app()

