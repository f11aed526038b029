"""SIGKILL in the middle of `bridges lock`, `bridges passphrase` and `bridges unlock`
over a folder of many sessions (a thousand in the full run).

Each round copies a folder of plain sessions (each one's text different), then, for
each command in turn (lock, then a new passphrase, then unlock), runs the real command
(the `bridges` entry point, the passphrases on a pipe through `--passphrase-fd`, as a
script gives them) and kills it with SIGKILL at a random moment, again and again;
then runs it once more, unkilled, which must finish the job.

A kill comes at a random moment of the run: one in five at any time before the first
file is turned over (start-up, the key derivations), the rest once the sessions are
being turned over (the folder has begun to change), at a random point of what is left
to turn over (the estimate of which is rough, so some come after its last steps). A
kill that comes after the end ends that command's kills in the round.

After every kill, every session must be on disk in its old form or its new one (or
both, holding the same text), with exactly its text; nothing else but the lock's own
files and temporary files (0600, swept by the next run). After the run that finishes:
every session in its new form only, no marker, no temporary file; while locked, not
a word of any session anywhere in the data folder; unlocked, the very bytes of the
start; and `bridges list` lists every session.

To know which passphrase a run after a killed `bridges passphrase` must be given as the
current one, the driver looks at which identity file is in place (the couple would try
the old one, be told it doesn't open it, and type the new one).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from bridges_tui.core.files.lock_files import IDENTITY_FILE, REKEY_FILE, UNDERWAY_FILE
from bridges_tui.core.files.session_key import LockError, SessionKey, open_identity, open_marker
from bridges_tui.testing.sessions import numbered_session, write_session

from .figures import Figures, timed

PASSPHRASES = ("a long walk by the river", "tea on the balcony at dawn")
#: In every session's first note: what must never be on disk in the clear while locked.
SECRET = "the lighthouse key under the blue pot"
COMMANDS = ("lock", "passphrase", "unlock")
FINISHED = {"lock": "Locked", "passphrase": "The passphrase is changed", "unlock": "Unlocked"}
#: What running the command again says when a kill came after its last step.
ALREADY = {"lock": "locked already", "unlock": "not locked"}


def bridges_command() -> list[str]:
    """The installed `bridges` entry point beside this Python (else `python -m`)."""
    script = Path(sys.executable).parent / "bridges"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bridges_tui"]


def plain_folder(home: Path, count: int) -> dict[str, bytes]:
    """`count` plain sessions in `home`/sessions, each with its own text (its number in
    its first note, beside `SECRET`); their ids and bytes."""
    written: dict[str, bytes] = {}
    for number in range(count):
        transcript = numbered_session(1 + number % 5)
        first = transcript.turns[0]
        transcript = replace(transcript, turns=(replace(first, note=f"session {number}: {SECRET}"),
                                                *transcript.turns[1:]))
        day, rest = divmod(number, 1440)
        session_id = f"2026{1 + day // 28:02d}{1 + day % 28:02d}-{rest // 60:02d}{rest % 60:02d}00-share-the-why"
        written[session_id] = write_session(home / "sessions", session_id, transcript).read_bytes()
    return written


@dataclass
class Keys:
    """Every identity the folder has had, opened once each (the key derivation costs
    seconds): by the identity file's bytes, and the new one of a passphrase change."""

    by_identity: dict[bytes, SessionKey] = field(default_factory=dict)
    extra: dict[str, SessionKey] = field(default_factory=dict)

    def learn(self, home: Path) -> None:
        identity = home / IDENTITY_FILE
        if identity.exists():
            data = identity.read_bytes()
            if data not in self.by_identity:
                # A second identity is the new passphrase's: try that one first.
                for phrase in PASSPHRASES if not self.by_identity else reversed(PASSPHRASES):
                    try:
                        self.by_identity[data] = open_identity(identity, phrase)
                        break
                    except LockError:
                        continue
        marker = home / REKEY_FILE
        if marker.exists():
            for key in list(self.all()):
                try:
                    new = open_marker(marker.read_bytes(), marker, key)
                except LockError:
                    continue
                self.extra[new.recipient] = new
                break

    def all(self) -> list[SessionKey]:
        found = {key.recipient: key for key in self.by_identity.values()}
        found.update(self.extra)
        return list(found.values())

    def either(self) -> SessionKey | None:
        keys = self.all()
        if not keys:
            return None
        opened = keys[0]
        for other in keys[1:]:
            opened = opened.accepting(other)
        return opened


@dataclass
class Tally:
    """What the kills of one command found."""

    kills: int = 0
    mid_turnover: int = 0
    before_any_file: int = 0
    after_every_file: int = 0
    finished_first: int = 0
    temps: int = 0


class LockKills:
    """One run of the check: rounds of lock, passphrase and unlock, each killed."""

    def __init__(
        self, scratch: Path, sessions: int, kills_each: int, per_round: int, seed: int,
        commands: tuple[str, ...] = COMMANDS,
    ) -> None:
        self.commands = commands
        self.figures = Figures(f"SIGKILL during {', '.join(commands)} ({sessions:,} sessions)")
        self.rng = random.Random(seed)
        self.scratch = scratch
        self.kills_each = kills_each
        self.per_round = per_round
        self.template = scratch / "template"
        self.texts = plain_folder(self.template, sessions)
        self.turns = {sid: text.count(b"[[turns]]") for sid, text in self.texts.items()}
        self.tally = {command: Tally() for command in commands}
        #: Seconds per session turned over, per command (learned as the kills go).
        self.rate = {command: 0.003 for command in commands}
        #: Seconds from the start to the first file turned over (the key derivations).
        self.start_up = {command: 2.5 for command in commands}
        self.listed = 0
        self.done_already = 0
        #: The identity file each round's lock left: the first passphrase's.
        self.first_identity: dict[Path, bytes] = {}

    def run(self) -> Figures:
        rounds = 0
        # A kill that lands after the last step ends a command's kills for the round:
        # rounds go on until each command has had its share.
        while any(tally.kills < self.kills_each for tally in self.tally.values()) and rounds < 4 * self.kills_each:
            home = self.scratch / f"round{rounds}"
            shutil.copytree(self.template, home)
            keys = Keys()
            for command in self.commands:
                kills = max(0, min(self.per_round, self.kills_each - self.tally[command].kills))
                self._command(home, command, kills, keys, f"round {rounds}, {command}")
            shutil.rmtree(home)
            rounds += 1
            if not self.figures.ok:
                break
        self.figures.trials = sum(tally.kills for tally in self.tally.values())
        self.figures.measured = {
            f"`bridges {command}` killed": (
                f"{tally.kills} times: {tally.mid_turnover} with the sessions half turned over, "
                f"{tally.before_any_file} before the first, {tally.after_every_file} after the last; "
                f"{tally.temps} temporary files left, all swept"
                + (f"; {tally.finished_first} runs ended before their kill" if tally.finished_first else "")
            )
            for command, tally in self.tally.items()
        }
        self.figures.measured["finished by running it again"] = (
            f"every time ({len(self.commands) * rounds} commands; {self.done_already} found the job done and said so)"
        )
        self.figures.measured["`bridges list` afterwards"] = f"{self.listed:,} sessions listed, every one readable"
        return self.figures

    # --- one command, killed again and again, then finished ----------------------------

    def _command(self, home: Path, command: str, kills: int, keys: Keys, where: str) -> None:
        tally = self.tally[command]
        old = keys.either()  # the key before this command (none before the lock)
        made = 0
        attempts = 0
        while made < kills and attempts < kills * 4:
            attempts += 1
            before = self._state(home, command, keys, old, where)
            if before is None:
                return
            if before.old == 0 and not before.marked and made:
                break  # the last kill came after the last step: the job is done
            killed, moment = self._kill_one(home, command, before, tally, where)
            keys.learn(home)
            after = self._state(home, command, keys, old, f"{where}, kill {made + 1}")
            if after is None:
                return
            if not killed:
                tally.finished_first += 1
                break
            made += 1
            tally.kills += 1
            tally.temps += after.temps
            if after.new == 0:
                tally.before_any_file += 1
            elif after.old == 0:
                tally.after_every_file += 1
            else:
                tally.mid_turnover += 1
            turned = after.new - before.new
            if moment is not None and turned > 20:
                self.rate[command] = 0.7 * self.rate[command] + 0.3 * moment / turned
        self._finish(home, command, keys, old, where)

    def _kill_one(self, home: Path, command: str, before: State, tally: Tally, where: str) -> tuple[bool, float | None]:
        """Start the command and kill it; (killed, seconds into its turnover)."""
        child, started = self._start(home, command)
        sessions = home / "sessions"
        moment: float | None = None
        if self.rng.random() < 0.2:
            deadline = started + self.rng.uniform(0, self.start_up[command])
            while child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
        else:
            unchanged = os.stat(sessions).st_mtime_ns
            limit = started + 120
            while child.poll() is None and time.monotonic() < limit:
                if os.stat(sessions).st_mtime_ns != unchanged:
                    break
                time.sleep(0.002)
            began = time.monotonic()
            if child.poll() is None:
                self.start_up[command] = 0.7 * self.start_up[command] + 0.3 * (began - started)
            wait = self.rng.uniform(0, 0.95 * self.rate[command] * max(before.old, 1))
            while child.poll() is None and time.monotonic() < began + wait:
                time.sleep(0.001)
            moment = time.monotonic() - began
        killed = child.poll() is None
        if killed:
            child.send_signal(signal.SIGKILL)
        _, err = child.communicate(timeout=60)
        if "Traceback" in err:
            self.figures.fail(f"{where}: a traceback: {err.strip().splitlines()[-1]}")
        if not killed and child.returncode != 0:
            self.figures.fail(f"{where}: ended by itself with {child.returncode}: {err.strip()[-300:]}")
        return killed, moment

    def _start(self, home: Path, command: str) -> tuple[subprocess.Popen[str], float]:
        read_end, write_end = os.pipe()
        os.write(write_end, "".join(f"{line}\n" for line in self._passphrases(home, command)).encode())
        os.close(write_end)
        try:
            child = subprocess.Popen(
                [*bridges_command(), command, "--passphrase-fd", str(read_end)],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                env={**os.environ, "BRIDGES_HOME": str(home)}, pass_fds=(read_end,),
            )
        finally:
            os.close(read_end)
        return child, time.monotonic()

    def _passphrases(self, home: Path, command: str) -> list[str]:
        first, second = PASSPHRASES
        if command == "lock":
            return [first]
        if command == "unlock":
            return [second]
        # A passphrase change: the current one is the new one once its identity is in place.
        locked_with_first = (home / IDENTITY_FILE).read_bytes() == self.first_identity.get(home)
        return [first if locked_with_first else second, second]

    def _finish(self, home: Path, command: str, keys: Keys, old: SessionKey | None, where: str) -> None:
        child, _ = self._start(home, command)
        _, err = child.communicate(timeout=300)
        figures = self.figures
        keys.learn(home)
        # A kill after the last step leaves the job done: then the command says so.
        done_already = child.returncode == 1 and ALREADY.get(command, "\0") in err
        finished = (child.returncode == 0 and FINISHED[command] in err) or done_already
        if not figures.check_that(finished, f"{where}: running it again did not finish "
                                            f"({child.returncode}): {err.strip()[-400:]}"):
            return
        self.done_already += done_already
        state = self._state(home, command, keys, old, f"{where}, finished")
        if state is None:
            return
        figures.check_that(state.old == 0 and state.temps == 0,
                           f"{where}, finished: {state.old} sessions in the old form, {state.temps} temporary files")
        for marker in (UNDERWAY_FILE, REKEY_FILE):
            figures.check_that(not (home / marker).exists(), f"{where}, finished: {marker} is still there")
        everything = b"".join(path.read_bytes() for path in home.rglob("*") if path.is_file())
        if command == "lock":
            self.first_identity[home] = (home / IDENTITY_FILE).read_bytes()
        if command in ("lock", "passphrase"):
            figures.check_that(SECRET.encode() not in everything, f"{where}, finished: a note in the clear on disk")
        if command == "passphrase":
            self._list(home, where)
        if command == "unlock":
            files = {path.name: path.read_bytes() for path in (home / "sessions").iterdir()}
            figures.check_that(files == {f"{sid}.toml": text for sid, text in self.texts.items()},
                               f"{where}, finished: the plain files are not the bytes of the start")
            figures.check_that(not (home / IDENTITY_FILE).exists(), f"{where}, finished: the identity is still there")

    def _list(self, home: Path, where: str) -> None:
        read_end, write_end = os.pipe()
        os.write(write_end, f"{PASSPHRASES[1]}\n".encode())
        os.close(write_end)
        try:
            result = subprocess.run(
                [*bridges_command(), "list", "--json", "--passphrase-fd", str(read_end)],
                capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
                env={**os.environ, "BRIDGES_HOME": str(home)}, pass_fds=(read_end,),
            )
        finally:
            os.close(read_end)
        try:
            rows = json.loads(result.stdout)
        except ValueError:
            self.figures.fail(f"{where}: `bridges list` printed no list ({result.returncode}): {result.stderr[-300:]}")
            return
        readable = [row for row in rows if not row.get("error")]
        self.figures.check_that(len(readable) == len(self.texts),
                                f"{where}: `bridges list` listed {len(readable)} readable of {len(self.texts)}")
        self.listed += len(readable)

    # --- what is on disk --------------------------------------------------------------

    def _state(self, home: Path, command: str, keys: Keys, old: SessionKey | None, where: str) -> State | None:
        """Every session's forms on disk, checked against its text; None after a loss
        (counted), since the round can't go on from there."""
        figures = self.figures
        either = keys.either()
        state = State()
        seen: dict[str, int] = {}
        folder = home / "sessions"
        for name in sorted(os.listdir(folder)):
            path = folder / name
            mode = stat.S_IMODE(os.lstat(path).st_mode)
            figures.check_that(mode == 0o600, f"{where}: {name} is {mode:o}")
            if name.startswith("."):
                state.temps += 1
                continue
            if name.endswith(".toml.age"):
                session_id, data = name[: -len(".toml.age")], path.read_bytes()
                if either is None:
                    figures.fail(f"{where}: {name} is locked, but no identity opens")
                    continue
                try:
                    text = either.open(data, path)
                except LockError as error:
                    figures.fail(f"{where}: {error}")
                    continue
                is_new = command == "lock" or (command == "passphrase" and old is not None and not old.opens(data))
            elif name.endswith(".toml"):
                session_id, text = name[: -len(".toml")], path.read_bytes()
                is_new = command == "unlock"
            else:
                figures.fail(f"{where}: an unexpected file {name}")
                continue
            if session_id not in self.texts:
                figures.fail(f"{where}: a session nobody wrote: {name}")
                continue
            if text != self.texts[session_id]:
                figures.fail(f"{where}: {name} does not hold its session's text")
                continue
            seen[session_id] = seen.get(session_id, 0) + 1
            if is_new:
                state.new += 1
            else:
                state.old += 1
        state.marked = (home / UNDERWAY_FILE).exists() or (home / REKEY_FILE).exists()
        lost = [sid for sid in self.texts if sid not in seen]
        for sid in lost:
            figures.lost_turns += self.turns[sid]
            figures.lost_notes += self.turns[sid]
        if lost:
            figures.fail(f"{where}: {len(lost)} sessions lost, e.g. {lost[0]}")
            return None
        return state


@dataclass
class State:
    """How many sessions are in the old form and the new (both: counted in each)."""

    old: int = 0
    new: int = 0
    temps: int = 0
    #: A lock command's marker is there (lock-underway or rekey.age).
    marked: bool = False


def lock_kills(
    kills_each: int, sessions: int = 1000, seed: int = 0, per_round: int = 10,
    commands: tuple[str, ...] = COMMANDS,
) -> Figures:
    """At least `kills_each` SIGKILLs during each of `commands` (lock, passphrase and
    unlock, in that order) of a folder of `sessions` sessions, `per_round` of each in a
    round."""
    with tempfile.TemporaryDirectory(prefix="torture-lock-") as scratch:
        check = LockKills(Path(scratch), sessions, kills_each, per_round, seed, commands)
        with timed(check.figures):
            return check.run()
