"""The `bridges` command: opens the app by default, plus a few non-interactive commands.

Textual is imported only by the commands that open the app, so `bridges --version`
and the listing commands start fast. Errors go to stderr with exit status 1, never
as a traceback.
"""

from __future__ import annotations

import sys

from bridges_tui import __version__
from bridges_tui.commands.command_error import CommandError
from bridges_tui.core.language.words import N_, _, n_

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

    # argparse's own words ("usage:", "options", its errors) through bridges' catalog.
    # Python ships no translations of them, and argparse reads them from `gettext`'s
    # global domain, in the environment's language rather than the one chosen here.
    setattr(argparse, "_", _)  # noqa: B010 (argparse's own name for its lookup)
    setattr(argparse, "ngettext", n_)  # noqa: B010

    parser = argparse.ArgumentParser(
        prog="bridges",
        description=_("Timed, guided turns for two people to talk and listen at one laptop."),
        epilog=_(LOCK_HELP),
    )
    parser.add_argument("--version", action="version", version=f"bridges {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--lang", metavar="CODE",
                        help=_("the language to speak: en, es or de (default: the one chosen on the "
                               "setup screen with F3, else the environment's LANGUAGE, LC_ALL, "
                               "LC_MESSAGES or LANG)"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in _COMMANDS.items():
        if only is None or name == only:
            add(commands)
    return parser


LOCK_HELP = N_(
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
        help=_("when the sessions are locked, read the passphrase from file descriptor N "
             "(one a line) instead of the terminal"),
    )


def _practices(commands: Any) -> None:
    commands.add_parser("practices", help=_("list every practice: id, title, source, summary"))


def _check(commands: Any) -> None:
    check = commands.add_parser("check", help=_("check a practice script and report every problem"))
    check.add_argument("file", help=_("the practice script (a .toml file)"))
    check.add_argument("--against", metavar="ORIGINAL",
                       help=_("check FILE as a translation of the script ORIGINAL: the same steps, "
                              "ids, speakers, lengths and notes (a translation of a built-in, "
                              "with its `language` key, is checked against the English by itself)"))


def _talk(commands: Any) -> None:
    talk = commands.add_parser(
        "talk",
        help=_("open straight in a conversation"),
        description=_("Open bridges straight in a conversation with PRACTICE."),
    )
    talk.add_argument("practice", help=_("a practice id, as `bridges practices` lists them"))
    talk.add_argument("--names", nargs=2, metavar=("A", "B"),
                      help=_("the two partners (A sits left, B right); remembered for next time"))
    talk.add_argument("--turn", metavar="DURATION",
                      help=_("turn length: 90, 90s, 2m or 1m30s (default: the practice's)"))
    talk.add_argument("--off-the-record", action="store_true",
                      help=_("hold the session in memory only: nothing is saved, and a crash "
                             "or a closed terminal loses it (the summary can keep it after all)"))


def _history(commands: Any) -> None:
    commands.add_parser("history", help=_("open the app on the history of past sessions"))


def _list(commands: Any) -> None:
    listing = commands.add_parser("list", help=_("list past sessions: id, date, practice, partners, length, status"))
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    _passphrase_fd(listing)


def _show(commands: Any) -> None:
    show = commands.add_parser("show", help=_("print one session's summary"))
    show.add_argument("id", help=_("a session id as `bridges list` shows it (any unique start of it)"))
    _passphrase_fd(show)


def _export(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help=_("write one session as Markdown (to print or keep) or as its TOML file"),
    )
    export.add_argument("id", help=_("a session id as `bridges list` shows it (any unique start of it)"))
    export.add_argument("--format", choices=("markdown", "toml"), default="markdown",
                        help=_("markdown (default) or toml"))
    export.add_argument("-o", "--output", metavar="FILE",
                        help=_("write to FILE instead of printing (created private, 0600; plain text, "
                             "even when the sessions are locked)"))
    _passphrase_fd(export)


def _lock(commands: Any) -> None:
    lock = commands.add_parser(
        "lock", help=_("lock the sessions with a passphrase, encrypted on disk (asks for it twice)"),
    )
    _passphrase_fd(lock)


def _unlock(commands: Any) -> None:
    unlock = commands.add_parser(
        "unlock", help=_("turn locked sessions back into plain TOML files (asks for the passphrase)"),
    )
    _passphrase_fd(unlock)


def _passphrase(commands: Any) -> None:
    change = commands.add_parser(
        "passphrase", help=_("change the passphrase of locked sessions (asks for the current one, then a new one)"),
    )
    _passphrase_fd(change)


def _start_screen(commands: Any) -> None:
    start = commands.add_parser(
        "start-screen",
        help=_("what the start screen shows: your names and last agreement (remembered), "
               "or neither until you start (blank); without a choice, which it is"),
    )
    start.add_argument("choice", nargs="?", choices=("remembered", "blank"))


#: argparse's words a couple can meet, marked here for the catalogs (argparse looks
#: them up itself, through `build_parser`'s hook).
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("expected one argument"),
    n_("expected %s argument", "expected %s arguments", 2), N_("argument %(argument_name)s: %(message)s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("%(prog)s: error: %(message)s\n"),
)


#: Each command, in the order `bridges --help` lists them, and how to add its parser.
_COMMANDS: dict[str, Callable[[Any], None]] = {
    "practices": _practices, "check": _check, "talk": _talk, "history": _history,
    "list": _list, "show": _show, "export": _export, "lock": _lock, "unlock": _unlock, "passphrase": _passphrase,
    "start-screen": _start_screen,
}


#: The commands that open the app (None: plain `bridges`).
APP_COMMANDS = (None, "talk", "history")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    argv = _speak_the_language(argv)
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


def _speak_the_language(argv: list[str]) -> list[str]:
    """Speak the couple's language from here on (`--lang`, else the one they chose on
    the setup screen, else the environment's), before any word is shown; returns
    `argv` without `--lang`. A language bridges can't speak carries on in English,
    with one line on stderr saying so."""
    import os

    from bridges_tui.core.files import paths
    from bridges_tui.core.files.saved_language import saved_language
    from bridges_tui.core.language.choice import choose_language
    from bridges_tui.core.language.words import speak

    flag, rest = _take_lang(argv)
    saved = saved_language(paths.config_file()) if flag is None else None
    choice = choose_language(os.environ, flag=flag, saved=saved)
    for note in (choice.note, speak(choice.code)):
        if note:
            print(note, file=sys.stderr)
    return rest


def _take_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """`--lang CODE` (or `--lang=CODE`) taken out of `argv`, wherever it stands."""
    flag: str | None = None
    rest: list[str] = []
    words = iter(argv)
    for word in words:
        if word == "--lang":
            flag = next(words, "") or None
        elif word.startswith("--lang="):
            flag = word.removeprefix("--lang=") or None
        else:
            rest.append(word)
    return flag, rest


def _run(parser: argparse.ArgumentParser | None, args: argparse.Namespace | None) -> int:
    try:
        if parser is None or args is None or args.command is None:
            return open_app()
        if args.command == "practices":
            from bridges_tui.commands import practices

            return practices.list_practices()
        if args.command == "check":
            from bridges_tui.commands import practices

            return practices.check_script(args.file, args.against)
        if args.command == "talk":
            from bridges_tui.commands.talk import talk

            return talk(args.practice, args.names, args.turn, off_the_record=args.off_the_record)
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
        if args.command == "start-screen":
            from bridges_tui.commands.start_screen import start_screen

            return start_screen(args.choice)
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
    parser.error(_("unknown command {command}").format(command=repr(args.command)))
    return 2


def open_app() -> int:
    from bridges_tui.tui.app import run_app

    return run_app()

