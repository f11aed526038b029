"""The passphrase lock on the command line: asking for the passphrase, opening a locked
folder for `list`, `show` and `export`, and `bridges lock`, `unlock` and `passphrase`.

A passphrase is typed on the terminal without echo (`getpass`), or, for scripts, read
from a file descriptor the script opened (`--passphrase-fd N`: one passphrase a line,
in the order the command asks). Never from the command line or the environment,
where other programs and the shell's history could see it. With neither a terminal
nor a descriptor, the command stops with a message saying so.

pyrage (through `session_key`) is imported here only once a folder turns out to be
locked, or is being locked.
"""

from __future__ import annotations

import os
import sys

from bridges_tui.commands.command_error import CommandError
from bridges_tui.core.files import paths
from bridges_tui.core.files.light_typing import TYPE_CHECKING
from bridges_tui.core.files.lock_files import identity_path, is_locked, underway
from bridges_tui.core.language.words import _

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bridges_tui.core.files.session_key import SessionKey
    from bridges_tui.core.files.store import SessionStore

#: Shorter than this is too easy to guess, even with scrypt in the way.
SHORTEST = 8


class Passphrases:
    """Where this command's passphrases come from: the terminal, or a descriptor."""

    def __init__(self, fd: int | None) -> None:
        self._lines: Iterator[str] | None = None
        if fd is not None:
            try:
                text = os.fdopen(fd, encoding="utf-8", closefd=False).read(64 * 1024)
            except (OSError, ValueError, UnicodeDecodeError) as error:
                raise CommandError(_("can't read a passphrase from file descriptor {fd}: {error}")
                    .format(fd=fd, error=error)) from None
            self._lines = iter(text.splitlines())

    def ask(self, prompt: str) -> str:
        if self._lines is not None:
            line = next(self._lines, None)
            if line is None:
                raise CommandError(_("the passphrase file descriptor ran out of lines (one passphrase a line)"))
            return line
        if not sys.stdin.isatty():
            raise CommandError(_(
                "the sessions are locked, and there is no terminal to type the passphrase on; "
                "a script can give it with --passphrase-fd N (see `bridges --help`)"
            ))
        import getpass

        try:
            return getpass.getpass(prompt)
        except EOFError:
            raise CommandError(_("no passphrase was typed")) from None

    def new(self) -> str:
        """A new passphrase: twice on a terminal, once from a descriptor."""
        first = self.ask(_("New passphrase: "))
        if len(first) < SHORTEST:
            raise CommandError(
                _("a passphrase needs at least {n} characters; nothing was changed").format(n=SHORTEST)
            )
        if self._lines is None and self.ask(_("The same again: ")) != first:
            raise CommandError(_("the two passphrases differ; nothing was changed"))
        return first


def store_for_reading(fd: int | None) -> SessionStore:
    """The sessions folder's store, opened with the passphrase when it is locked."""
    from bridges_tui.core.files.store import SessionStore

    folder = paths.sessions_dir()
    if not is_locked(folder):
        return SessionStore(folder)
    return SessionStore(folder, open_key(Passphrases(fd)))


def open_key(passphrases: Passphrases, prompt: str | None = None) -> SessionKey:
    """The folder's key, the passphrase asked for once (the one key derivation)."""
    from bridges_tui.core.files import lock_moves
    from bridges_tui.core.files.session_key import LockError

    folder = paths.sessions_dir()
    doing = underway(folder)
    if doing in ("lock", "unlock"):
        print(_("bridges: `bridges {command}` was cut short; run it again to finish it").format(command=doing),
              file=sys.stderr)
    elif doing == "passphrase":
        print(_("bridges: a passphrase change was cut short; run `bridges passphrase` again to finish it"),
              file=sys.stderr)
    try:
        return lock_moves.open_folder(folder, passphrases.ask(_("Passphrase: ") if prompt is None else prompt))
    except LockError as error:
        raise CommandError(str(error)) from None


def lock_sessions(fd: int | None) -> int:
    """`bridges lock`: encrypt every session (finishing a lock that was cut short)."""
    from bridges_tui.core.files import lock_moves
    from bridges_tui.core.files.session_key import new_key, seal_identity

    folder = paths.sessions_dir()
    passphrases = Passphrases(fd)
    doing = underway(folder)
    if doing == "lock" and os.path.lexists(identity_path(folder)):
        key, sealed = open_key(passphrases, _("The passphrase you chose: ")), None
    elif is_locked(folder) and doing != "lock":
        if doing is not None or not lock_moves.plain_ones(folder):
            _forget_names()  # in case a lock was killed between its last file and this
            raise CommandError(_("the sessions are locked already (`bridges passphrase` changes the passphrase)"))
        # Plain sessions in a locked folder (copied back from a backup): lock them too.
        key, sealed = open_key(passphrases), None
    else:
        phrase = passphrases.new()
        print(_("Locking… (making the key takes a few seconds)"), file=sys.stderr)
        key = new_key()
        sealed = seal_identity(key, phrase)
    done = _done(lock_moves.lock(folder, key, sealed), _("Locked: the sessions are now encrypted."))
    if done == 0:
        _forget_names()
    return done


def _forget_names() -> None:
    """The names the app remembers are the sessions' too: not kept in the clear while
    locked (the app asks for them once more, and does not write them down)."""
    from dataclasses import replace

    from bridges_tui.core.files.config import load_config, save_config

    config, warning = load_config(paths.config_file())
    if warning or config.names is None:
        return
    try:
        save_config(paths.config_file(), replace(config, names=None))
    except OSError as error:
        print(_("bridges: the remembered names are still in {path}: {error}")
            .format(path=paths.config_file(), error=error),
              file=sys.stderr)
        return
    print(_("The remembered names were forgotten too: type them once more next time."), file=sys.stderr)


def unlock_sessions(fd: int | None) -> int:
    """`bridges unlock`: every session back to plain TOML."""
    from bridges_tui.core.files import lock_moves

    folder = paths.sessions_dir()
    doing = underway(folder)
    if not is_locked(folder) and doing is None:
        raise CommandError(_("the sessions are not locked"))
    # An unlock cut short after its last step but one (the key removed): every session
    # is plain already, and only the marker is left to go; no passphrase is needed.
    key = None if doing == "unlock" and not os.path.lexists(identity_path(folder)) else open_key(Passphrases(fd))
    return _done(lock_moves.unlock(folder, key), _("Unlocked: the sessions are plain TOML files again."))


def change_passphrase(fd: int | None) -> int:
    """`bridges passphrase`: a new passphrase (and a new key for every session)."""
    from bridges_tui.core.files import lock_moves
    from bridges_tui.core.files.session_key import new_key, seal_identity

    folder = paths.sessions_dir()
    if not is_locked(folder):
        raise CommandError(_("the sessions are not locked, so there is no passphrase to change"))
    passphrases = Passphrases(fd)
    key = open_key(passphrases, _("Current passphrase: "))
    phrase = passphrases.new()
    print(_("Changing the passphrase… (making the key takes a few seconds)"), file=sys.stderr)
    new = lock_moves.new_identity_of_change(folder, key) or new_key()
    sealed = seal_identity(new, phrase)
    return _done(lock_moves.change_passphrase(folder, key, new, sealed), _("The passphrase is changed."))


def _done(problems: list[str], said: str) -> int:
    if problems:
        for problem in problems:
            print(f"bridges: {problem}", file=sys.stderr)
        print(_("bridges: not finished; the files named were left as they are. "
                "Put them right and run the command again."), file=sys.stderr)
        return 1
    print(said, file=sys.stderr)
    return 0
