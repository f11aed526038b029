"""The key of a locked folder: an age X25519 identity, kept encrypted with the
passphrase (see `lock_files`). Everything that touches pyrage is here, and this
module is imported only when a folder is locked.

Opening the identity runs age's scrypt key derivation (about a second or more, on
purpose: it is what makes guessing a passphrase slow); it happens once per start.
Encrypting and decrypting a session with the opened key costs well under a
millisecond. Every failure is a `LockError` that names the file, in plain words.
"""

from __future__ import annotations

import errno
from datetime import UTC, datetime
from pathlib import Path

import pyrage
from pyrage import passphrase as scrypt  # pyright: ignore[reportMissingModuleSource]
from pyrage import x25519  # pyright: ignore[reportMissingModuleSource]

from bridges_tui.core.files.lock_files import AGE_HEADER
from bridges_tui.core.files.safe_files import StoreError
from bridges_tui.core.files.session_entries import MAX_TRANSCRIPT_BYTES, read_bounded
from bridges_tui.core.language.words import _


class LockError(StoreError):
    """A locked file bridges could not open, in plain words naming the file."""

    def __init__(self, path: Path | str, reason: str, code: int = errno.EINVAL) -> None:
        super().__init__(path, reason, code, action="open")


class WrongPassphrase(LockError):
    """The passphrase does not open the identity file."""


class SessionKey:
    """An opened identity: seals (encrypts) to its recipient, opens what was sealed to
    it. `also` are older identities still accepted while a passphrase change is
    under way."""

    def __init__(self, identity: x25519.Identity, also: tuple[x25519.Identity, ...] = ()) -> None:
        self._identity = identity
        self._also = also
        self.recipient = str(identity.to_public())

    def seal(self, data: bytes) -> bytes:
        return pyrage.encrypt(data, [self._identity.to_public()])

    def open(self, data: bytes, path: Path | str) -> bytes:
        """The plain bytes of the age file `data` read from `path`."""
        return open_sealed(data, path, [self._identity, *self._also])

    def opens(self, data: bytes) -> bool:
        """True when this identity itself (not an older one) opens `data`."""
        try:
            pyrage.decrypt(data, [self._identity])
        except pyrage.DecryptError:
            return False
        return True

    def secret(self) -> str:
        return str(self._identity)

    def accepting(self, older: SessionKey) -> SessionKey:
        return SessionKey(self._identity, (older._identity, *older._also))

    def same_as(self, other: SessionKey) -> bool:
        return self.recipient == other.recipient


def open_sealed(data: bytes, path: Path | str, identities: list[x25519.Identity]) -> bytes:
    if not data.startswith(AGE_HEADER):
        raise LockError(path, _("is not an encrypted bridges file (it may be damaged)"))
    try:
        return pyrage.decrypt(data, identities)
    except pyrage.DecryptError as error:
        if "no matching keys" in str(error).lower():
            raise LockError(path, _("was encrypted with another key, not this folder's")) from None
        raise LockError(path, _("is damaged or cut short, so it can't be decrypted")) from None


def new_key() -> SessionKey:
    """A fresh identity, for `bridges lock` or a passphrase change."""
    return SessionKey(x25519.Identity.generate())


def identity_text(key: SessionKey) -> bytes:
    """The identity as age's own tools keep one (`age -d -i` reads it)."""
    made = datetime.now(UTC).replace(microsecond=0).isoformat()
    return f"# created: {made}\n# public key: {key.recipient}\n{key.secret()}\n".encode()


def seal_identity(key: SessionKey, passphrase: str) -> bytes:
    """The identity file's bytes: the identity encrypted with `passphrase` (scrypt,
    age's default strength)."""
    return scrypt.encrypt(identity_text(key), passphrase)


def key_from_text(text: bytes, path: Path | str) -> SessionKey:
    """The identity in an identity file's plain text (comments allowed)."""
    try:
        lines = text.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise LockError(path, _("does not hold an age identity")) from None
    secrets = [line.strip() for line in lines if line.strip().startswith("AGE-SECRET-KEY-")]
    if len(secrets) != 1:
        raise LockError(path, _("does not hold an age identity"))
    try:
        return SessionKey(x25519.Identity.from_str(secrets[0]))
    except pyrage.IdentityError:
        raise LockError(path, _("holds a damaged age identity")) from None


def open_identity(path: Path | str, passphrase: str) -> SessionKey:
    """The key kept in the identity file at `path`, opened with `passphrase`.

    Raises WrongPassphrase, or LockError when the file is missing or damaged."""
    try:
        data, _info = read_bounded(Path(path), MAX_TRANSCRIPT_BYTES)
    except StoreError as error:
        if error.errno == errno.ENOENT:
            raise LockError(path, _("is missing, so the locked sessions can't be opened"), errno.ENOENT) from None
        raise LockError(path, error.reason, error.errno or errno.EIO) from None
    if not data.startswith(AGE_HEADER):
        raise LockError(path, _("is not an encrypted age file (it may be damaged)"))
    try:
        text = scrypt.decrypt(data, passphrase)
    except pyrage.DecryptError as error:
        if "decryption failed" in str(error).lower():
            raise WrongPassphrase(path, _("that passphrase doesn't open it")) from None
        raise LockError(path, _("is damaged or cut short, so it can't be decrypted")) from None
    return key_from_text(text, path)


def seal_for_both(new: SessionKey, old: SessionKey) -> bytes:
    """The new identity, encrypted to both the old and the new recipient: the marker of
    a passphrase change, readable whichever identity file is in place."""
    recipients = [x25519.Recipient.from_str(new.recipient), x25519.Recipient.from_str(old.recipient)]
    return pyrage.encrypt(identity_text(new), recipients)


def open_marker(data: bytes, path: Path | str, key: SessionKey) -> SessionKey:
    """The new identity that the passphrase-change marker at `path` holds."""
    return key_from_text(key.open(data, path), path)
