"""Damaged files in a locked folder: sessions cut short, with bytes flipped, encrypted
to another identity, empty, not age at all, a plain `.toml` among the locked ones; and
the identity file missing, cut short, flipped, empty, plain, or under another
passphrase.

Each damaged file is put in a locked folder beside good sessions and used every way
bridges uses one: listed (by the store and by the history index), opened, saved over,
turned over by an unlock and a passphrase change (on a copy). Each use must give a
plain message (no raw control character, no traceback) that names the file; the file
must keep its bytes; and every good session must still list, open and turn over. A
few of each kind also go through the real `bridges list`, `show` and `unlock`.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from bridges_tui.core.files import lock_moves
from bridges_tui.core.files.lock_files import IDENTITY_FILE
from bridges_tui.core.files.safe_files import StoreError
from bridges_tui.core.files.session_key import SessionKey, identity_text, new_key, seal_identity
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.files.transcript_file import TranscriptError, dump_transcript
from bridges_tui.core.looking_back.history_index import HistoryIndex
from bridges_tui.testing.sessions import numbered_session

from .figures import Figures, timed
from .hostile import RAW_CONTROL
from .lock_kills import bridges_command

PASSPHRASE = "a long walk by the river"
GOOD = 6
DAMAGED_ID = "20261201-120000-share-the-why"

Damage = Callable[[random.Random, bytes, SessionKey], bytes]


def _cut(rng: random.Random, data: bytes, _: SessionKey) -> bytes:
    return data[: rng.randrange(0, len(data))]


def _flip(rng: random.Random, data: bytes, _: SessionKey) -> bytes:
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        spot = rng.randrange(len(damaged)) if rng.random() < 0.5 else rng.randrange(min(200, len(damaged)))
        damaged[spot] ^= 1 << rng.randrange(8)
    return bytes(damaged)


def _another_key(rng: random.Random, data: bytes, key: SessionKey) -> bytes:
    return new_key().seal(key.open(data, "a good session"))


def _appended(rng: random.Random, data: bytes, _: SessionKey) -> bytes:
    return data + rng.randbytes(rng.randint(1, 64))


def _header_only(rng: random.Random, data: bytes, _: SessionKey) -> bytes:
    return data[: data.index(b"\n---") + rng.randint(1, 48)]


def _junk(rng: random.Random, data: bytes, _: SessionKey) -> bytes:
    return rng.choice([b"", b"age-encryption.org/v1\n", b"age-encryption.org/v1\n-> X25519\n",
                       rng.randbytes(rng.randint(1, 4000)), b"\x1b]0;PWNED\x07" * 10])


def _plain_toml(rng: random.Random, data: bytes, key: SessionKey) -> bytes:
    return key.open(data, "a good session")  # the decrypted text, under a `.toml.age` name


SESSION_DAMAGE: dict[str, Damage] = {
    "cut short": _cut, "bytes flipped": _flip, "another identity": _another_key,
    "junk appended": _appended, "header only": _header_only, "not age": _junk,
    "plain TOML named .toml.age": _plain_toml,
}
#: Kinds that are a plain `.toml` file beside the locked ones, not a damaged `.age`.
PLAIN_BESIDE = "plain .toml in the locked folder"


class DamageCheck:
    """A locked folder of good sessions, and each damaged file tried against it."""

    def __init__(self, scratch: Path, figures: Figures, seed: int) -> None:
        self.figures = figures
        self.rng = random.Random(seed)
        self.home = scratch / "home"
        self.scratch = scratch
        self.key = new_key()
        self.sealed = seal_identity(self.key, PASSPHRASE)  # the one key derivation of the run
        self.new = new_key()
        self.sealed_new = seal_identity(self.new, "tea on the balcony at dawn")
        store = SessionStore(self.home / "sessions")
        for number in range(GOOD):
            store.release(store.create(numbered_session(2 + number)))
        assert lock_moves.lock(self.home / "sessions", self.key, self.sealed) == []
        self.folder = self.home / "sessions"
        self.good = {path.name: path.read_bytes() for path in self.folder.iterdir()}
        self.by_kind: dict[str, int] = {}

    # --- a damaged session file --------------------------------------------------------

    def session(self, number: int) -> None:
        kind = self.rng.choice([*SESSION_DAMAGE, PLAIN_BESIDE])
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
        source = self.good[self.rng.choice(sorted(self.good))]
        if kind == PLAIN_BESIDE:
            path, data = self.folder / f"{DAMAGED_ID}.toml", self.key.open(source, "a good session")
        else:
            path, data = self.folder / f"{DAMAGED_ID}.toml.age", SESSION_DAMAGE[kind](self.rng, source, self.key)
        label = f"#{number} ({kind})"
        path.write_bytes(data)
        os.chmod(path, 0o600)
        try:
            self._use(path, data, label, deep=number % 50 == 0)
        except Exception as error:
            self.figures.fail(f"{label}: crashed with {type(error).__name__}: {str(error)[:200]}")
        finally:
            path.unlink(missing_ok=True)
            self._good_still_there(label)

    def _use(self, path: Path, data: bytes, label: str, deep: bool) -> None:
        figures = self.figures
        store = SessionStore(self.folder, self.key)
        rows = {row.path.name: row for row in store.list()}
        row = rows.get(path.name)
        if not figures.check_that(row is not None, f"{label}: not listed at all"):
            return
        assert row is not None
        figures.check_that(row.error is not None, f"{label}: listed as readable")
        self._plain(row.error or "", label)
        figures.check_that(all(rows[name].readable for name in self.good), f"{label}: a good session stopped listing")
        try:
            store.load(path)
            figures.fail(f"{label}: opened as if it were a session")
        except (TranscriptError, StoreError) as error:
            self._names(str(error), path, label)
        try:
            store.save(path, numbered_session(1))
            figures.fail(f"{label}: saved over")
        except (TranscriptError, StoreError) as error:
            self._names(str(error), path, label)
        index = HistoryIndex(SessionStore(self.folder, self.key), self.home)
        listed = {item.path.name: item for item in index.read_all()}
        figures.check_that(path.name in listed and not listed[path.name].readable,
                           f"{label}: the history lists it as readable, or not at all")
        figures.check_that(all(listed[name].readable for name in self.good), f"{label}: the history lost a good one")
        figures.check_that(path.read_bytes() == data, f"{label}: the file was changed")
        if deep:
            self._turned_over(path, data, label)

    def _turned_over(self, path: Path, data: bytes, label: str) -> None:
        """An unlock and a passphrase change, each on a copy: the damaged file named in
        the problems and left as it is, every good one turned over."""
        if path.name.endswith(".toml"):
            self._plain_locked(path, data, label)
            return
        for move in ("unlock", "passphrase"):
            copy = self.scratch / f"copy-{move}"
            shutil.copytree(self.home, copy)
            sessions = copy / "sessions"
            if move == "unlock":
                problems = lock_moves.unlock(sessions, self.key)
                turned = all((sessions / name.removesuffix(".age")).exists() for name in self.good)
            else:
                problems = lock_moves.change_passphrase(sessions, self.key, self.new, self.sealed_new)
                turned = all(self.new.opens((sessions / name).read_bytes()) for name in self.good)
            said = " ".join(problems)
            self.figures.check_that(len(problems) == 1 and str(sessions / path.name) in said,
                                    f"{label}: {move} did not name it alone: {said[:200]}")
            self._plain(said, label)
            self.figures.check_that(turned, f"{label}: {move} did not turn over the good sessions")
            self.figures.check_that((sessions / path.name).read_bytes() == data, f"{label}: {move} changed it")
            self.figures.check_that((copy / IDENTITY_FILE).exists(), f"{label}: {move} removed the identity")
            shutil.rmtree(copy)

    def _plain_locked(self, path: Path, data: bytes, label: str) -> None:
        """A plain session in a locked folder is no damage: locking again locks it."""
        copy = self.scratch / "copy-lock"
        shutil.copytree(self.home, copy)
        sessions = copy / "sessions"
        problems = lock_moves.lock(sessions, self.key, None)
        self.figures.check_that(problems == [], f"{label}: locking it again: {problems}")
        locked = sessions / (path.name + ".age")
        self.figures.check_that(not (sessions / path.name).exists() and locked.exists()
                                and self.key.open(locked.read_bytes(), locked) == data,
                                f"{label}: locking it again did not lock it as it was")
        shutil.rmtree(copy)

    # --- a damaged identity --------------------------------------------------------------

    def identity(self, number: int) -> None:
        identity = self.home / IDENTITY_FILE
        kinds: dict[str, Callable[[bytes], bytes | None]] = {
            "identity missing": lambda data: None,
            "identity empty": lambda data: b"",
            "identity cut short": lambda data: data[: self.rng.randrange(1, len(data))],
            "identity with bytes flipped": lambda data: _flip(self.rng, data, self.key),
            "identity in the clear": lambda data: identity_text(self.key),
            "identity under another passphrase": lambda data: seal_identity(self.key, "not the passphrase"),
            "identity not age": lambda data: _junk(self.rng, data, self.key),
        }
        kind = list(kinds)[number % len(kinds)]
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
        label = f"#{number} ({kind})"
        damaged = kinds[kind](self.sealed)
        if damaged is None:
            identity.unlink()
        else:
            identity.write_bytes(damaged)
        try:
            lock_moves.open_folder(self.folder, PASSPHRASE)
            self.figures.fail(f"{label}: the folder opened")
        except StoreError as error:
            self._names(str(error), identity, label)
        except Exception as error:
            self.figures.fail(f"{label}: crashed with {type(error).__name__}: {str(error)[:200]}")
        if damaged is None:
            self.figures.check_that(not identity.exists(), f"{label}: an identity appeared")
        else:
            self.figures.check_that(identity.read_bytes() == damaged, f"{label}: the identity file was changed")
        identity.write_bytes(self.sealed)
        os.chmod(identity, 0o600)
        self._good_still_there(label)

    # --- through the real command -------------------------------------------------------

    def commands(self) -> int:
        """`bridges list`, `show` and `unlock` with one damaged file of each kind in the
        folder, then `bridges list` with a damaged identity; the runs made."""
        copy = self.scratch / "command"
        shutil.copytree(self.home, copy)
        sessions = copy / "sessions"
        damaged: dict[str, bytes] = {}
        for number, damage in enumerate(SESSION_DAMAGE.values()):
            source = self.good[sorted(self.good)[number % GOOD]]
            name = f"20261202-12{number:02d}00-share-the-why.toml.age"
            damaged[name] = damage(self.rng, source, self.key)
            (sessions / name).write_bytes(damaged[name])
        plain_name = "20261202-130000-share-the-why.toml"
        damaged[plain_name] = dump_transcript(numbered_session(1)).encode()
        (sessions / plain_name).write_bytes(damaged[plain_name])
        listed = self._run(copy, "list", "--json")
        try:
            rows = json.loads(listed.stdout)
        except ValueError:
            rows = []
            self.figures.fail(f"`bridges list`: no list ({listed.returncode}): {listed.stderr[-300:]}")
        readable = {row["id"] for row in rows if not row.get("error")}
        self.figures.check_that(len(readable) == GOOD, f"`bridges list`: {len(readable)} readable of {GOOD}")
        for name in damaged:
            self.figures.check_that(name in listed.stderr, f"`bridges list` did not name {name}")
        bad_id = sorted(damaged)[0].removesuffix(".toml.age")
        shown = self._run(copy, "show", bad_id)
        self.figures.check_that(shown.returncode == 1 and sorted(damaged)[0] in shown.stderr,
                                f"`bridges show` of a damaged one: {shown.returncode} {shown.stderr[-200:]}")
        unlocked = self._run(copy, "unlock")
        self.figures.check_that(unlocked.returncode == 1, "`bridges unlock` said it finished")
        for name, data in damaged.items():
            if name.endswith(".age"):
                self.figures.check_that(name in unlocked.stderr, f"`bridges unlock` did not name {name}")
            self.figures.check_that((sessions / name).read_bytes() == data, f"`bridges unlock` changed {name}")
        self.figures.check_that(
            all((sessions / name.removesuffix(".age")).exists() for name in self.good),
            "`bridges unlock` did not turn the good sessions over",
        )
        (copy / IDENTITY_FILE).write_bytes(self.sealed[: len(self.sealed) // 2])
        cut = self._run(copy, "list")
        self.figures.check_that(cut.returncode == 1 and str(copy / IDENTITY_FILE) in cut.stderr,
                                f"`bridges list`, identity cut short: {cut.returncode} {cut.stderr[-200:]}")
        shutil.rmtree(copy)
        return 4

    def _run(self, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
        read_end, write_end = os.pipe()
        os.write(write_end, f"{PASSPHRASE}\n".encode())
        os.close(write_end)
        try:
            result = subprocess.run(
                [*bridges_command(), *args, "--passphrase-fd", str(read_end)],
                capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
                env={**os.environ, "BRIDGES_HOME": str(home), "COLUMNS": "100"}, pass_fds=(read_end,),
            )
        finally:
            os.close(read_end)
        self.figures.check_that("Traceback" not in result.stderr, f"`bridges {args[0]}`: a traceback")
        self._plain(result.stderr, f"`bridges {args[0]}`")
        return result

    # --- what every use must show ---------------------------------------------------------

    def _names(self, message: str, path: Path, label: str) -> None:
        self.figures.check_that(str(path) in message, f"{label}: the message does not name the file: {message[:200]}")
        self._plain(message, label)

    def _plain(self, message: str, label: str) -> None:
        self.figures.check_that(not RAW_CONTROL.search(message), f"{label}: a raw control character: {message[:120]!r}")
        self.figures.check_that("Traceback" not in message and "pyrage" not in message.lower(),
                                f"{label}: not a plain message: {message[:200]}")

    def _good_still_there(self, label: str) -> None:
        now = {path.name: path.read_bytes() for path in self.folder.iterdir()}
        if not self.figures.check_that(now == self.good, f"{label}: the good sessions changed"):
            for name, data in self.good.items():
                (self.folder / name).write_bytes(data)


def damaged_locked_files(sessions: int, identities: int, seed: int = 0) -> Figures:
    """`sessions` damaged session files and `identities` damaged identity files, each
    in a locked folder, and a few of each kind through the real command."""
    figures = Figures("Damaged files in a locked folder (sessions, the identity)")
    with timed(figures), tempfile.TemporaryDirectory(prefix="torture-lockdamage-") as scratch:
        check = DamageCheck(Path(scratch), figures, seed)
        for number in range(sessions):
            check.session(number)
        for number in range(identities):
            check.identity(number)
        runs = check.commands()
        figures.trials = sessions + identities
        figures.measured = {
            "kinds": ", ".join(f"{kind} {count}" for kind, count in sorted(check.by_kind.items())),
            "through `bridges list`, `show`, `unlock`": f"{runs} runs, one damaged file of each kind",
        }
    return figures
