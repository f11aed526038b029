"""The passphrase lock's files, and telling a locked folder from a plain one.

A locked folder has `identity.age` in the data folder (beside `sessions/`): an age
X25519 identity, encrypted with the couple's passphrase (age's scrypt recipe). Each
session is then `<id>.toml.age`, encrypted to that identity's recipient, so writing
one costs no key derivation. While `bridges lock`, `unlock` or `passphrase` is under
way, a marker beside it says which (`lock-underway`, or `rekey.age`, which holds the
new identity encrypted to both the old and the new one's recipient); running the
command again finishes the job.

This module is light on purpose (the standard library only, never pyrage): every
start asks `is_locked`, and an unlocked start must not pay for the lock.
"""

from __future__ import annotations

import os

from bridges_tui.core.files.light_typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

IDENTITY_FILE = "identity.age"
#: Plain text, one word: "lock" or "unlock" (a rekey has its own, encrypted marker).
UNDERWAY_FILE = "lock-underway"
REKEY_FILE = "rekey.age"
PLAIN_SUFFIX = ".toml"
LOCKED_SUFFIX = ".toml.age"
#: The age format's first line: what tells an encrypted file from a damaged one.
AGE_HEADER = b"age-encryption.org/v1\n"


def lock_folder(sessions: Path | str) -> str:
    """Where the lock's files live for the sessions folder `sessions`: its parent."""
    return os.path.dirname(os.path.abspath(sessions))


def identity_path(sessions: Path | str) -> str:
    return os.path.join(lock_folder(sessions), IDENTITY_FILE)


def is_locked(sessions: Path | str) -> bool:
    """True when the sessions in `sessions` are locked (or a lock is under way)."""
    return os.path.lexists(identity_path(sessions)) or underway(sessions) == "lock"


def underway(sessions: Path | str) -> str | None:
    """The lock command a killed bridges left unfinished: "lock", "unlock",
    "passphrase", or None."""
    folder = lock_folder(sessions)
    if os.path.lexists(os.path.join(folder, REKEY_FILE)):
        return "passphrase"
    try:
        with open(os.path.join(folder, UNDERWAY_FILE), encoding="utf-8") as file:
            word = file.read(20).strip()
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return "lock"  # unreadable: treat the folder as locked, the safe side
    return word if word in ("lock", "unlock") else "lock"


def session_id(name: str) -> str:
    """A session's id from its file's name, locked or not."""
    for suffix in (LOCKED_SUFFIX, PLAIN_SUFFIX):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def is_session_name(name: str) -> bool:
    return not name.startswith(".") and (name.endswith(PLAIN_SUFFIX) or name.endswith(LOCKED_SUFFIX))
