"""Privacy: files 0600 and folders 0700 from the first write (temporary files too, even
with a umask that would leave them open); a looser sessions folder tightened, and the
couple told; a link planted in the sessions folder never written through; ids and
paths from the command line never leading out of the sessions folder.
"""

from __future__ import annotations

import os
import stat
import subprocess
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from bridges_tui.core.files.safe_files import StoreError
from bridges_tui.core.files.session_ids import AmbiguousSession, SessionNotFound, resolve_session
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.files.transcript_file import dump_transcript
from bridges_tui.testing.clock import FakeClock
from bridges_tui.testing.pilot import running
from bridges_tui.testing.sessions import numbered_session
from bridges_tui.testing.talk import notifications, take_turn, talk_app

from . import walk
from .figures import Figures, timed
from .in_process import SIZE, bridges_home, patched
from .terminal import BRIDGES, child_env

VICTIM_TEXT = "someone else's file: bridges must never write here\n"


def _modes(home: Path, figures: Figures, name: str) -> int:
    """Every folder under `home` 0700 and every file 0600; the number looked at."""
    seen = 0
    for root, _folders, files in os.walk(home):
        for each in [root, *(os.path.join(root, f) for f in files)]:
            info = os.lstat(each)
            if stat.S_ISLNK(info.st_mode):
                continue
            want = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
            seen += 1
            figures.check_that(stat.S_IMODE(info.st_mode) == want,
                               f"{name}: {each} is {stat.S_IMODE(info.st_mode):o}")
    return seen


async def private_from_the_first_write(figures: Figures) -> None:
    """A whole session, names remembered, with umask 0: nothing is ever readable by others."""
    temp_modes: list[int] = []
    real_mkstemp = tempfile.mkstemp

    def spy(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        fd, path = real_mkstemp(*args, **kwargs)  # type: ignore[arg-type]
        temp_modes.append(stat.S_IMODE(os.fstat(fd).st_mode))
        return fd, path

    old = os.umask(0)
    try:
        with bridges_home("torture-privacy-") as home, patched(tempfile, "mkstemp", spy):
            fake = FakeClock()
            app = talk_app(fake, walk.practice(), names=("Robin", "Jo"))
            async with running(app, size=SIZE) as pilot:
                for position in range(3):
                    await take_turn(pilot, app, fake, 30.0, f"note {position}")
            figures.trials += _modes(home, figures, "umask 0")
    finally:
        os.umask(old)
    figures.trials += len(temp_modes)
    figures.check_that(bool(temp_modes), "no temporary file was seen")
    figures.check_that(set(temp_modes) <= {0o600}, f"temporary files were {sorted(set(temp_modes))}")


async def loose_folder_tightened(figures: Figures) -> None:
    """A sessions folder others could read is made private at start-up, and said so."""
    for how in ("talk", "setup"):
        with bridges_home("torture-loose-") as home:
            folder = home / "sessions"
            folder.mkdir(parents=True)
            home.chmod(0o755)
            folder.chmod(0o755)
            fake = FakeClock()
            app = talk_app(fake, walk.practice()) if how == "talk" else _plain_app(fake)
            async with running(app, size=SIZE) as pilot:
                await pilot.pause()
                said = " ".join(notifications(app))
            figures.trials += 1
            mode = stat.S_IMODE(os.stat(folder).st_mode)
            figures.check_that(mode == 0o700, f"loose folder ({how}): still {mode:o}")
            figures.check_that("private" in said.lower() and str(folder) in said,
                               f"loose folder ({how}): the couple was not told: {said!r}")


def _plain_app(fake: FakeClock):  # type: ignore[no-untyped-def]
    from bridges_tui.tui.app import BridgesApp

    return BridgesApp(now=fake.now, wall=fake.wall)


async def planted_links(figures: Figures) -> None:
    """Links at the session's name, at the next names, at config.toml, and one swapped
    in for the session file in the middle of a session: never written through."""
    with bridges_home("torture-links-") as home:
        folder = home / "sessions"
        folder.mkdir(parents=True, mode=0o700)
        victim = home.parent / "victim.toml"
        victim.write_text(VICTIM_TEXT)
        base = "20261125-203107-crash-walk"
        for name in (f"{base}.toml", f"{base}-2.toml", "config.toml"):
            (folder / name if name != "config.toml" else home / name).symlink_to(victim)
        fake = FakeClock()
        app = talk_app(fake, walk.practice(), names=("Robin", "Jo"))
        typed: list[str | None] = []
        async with running(app, size=SIZE) as pilot:
            for position in range(2):
                asked = await take_turn(pilot, app, fake, 20.0, f"before {position}")
                typed.append(f"before {position}" if asked else None)
            path = app.live.keeper.path if app.live.keeper else None
            figures.check_that(path is not None and path.name == f"{base}-3.toml",
                               f"planted links: the session went to {path}")
            if path is not None:
                path.unlink()
                path.symlink_to(victim)  # swapped in behind the app's back
                for position in range(2, 4):
                    asked = await take_turn(pilot, app, fake, 20.0, f"during {position}")
                    typed.append(f"during {position}" if asked else None)
                figures.check_that(app.live.keeper.unsaved, "planted links: a save went through a link")
                said = " ".join(notifications(app))
                figures.check_that("symbolic link" in said, f"planted links: not told: {said!r}")
                path.unlink()
                for _ in range(40):
                    await pilot.pause(0.05)
                    app.live.save()
                    if not app.live.keeper.unsaved:
                        break
        figures.trials += 5
        figures.check_that(victim.read_text() == VICTIM_TEXT, "planted links: the victim was written")
        for name in (f"{base}.toml", f"{base}-2.toml"):
            figures.check_that((folder / name).is_symlink(), f"planted links: {name} was replaced")
        if path is not None and path.exists() and not path.is_symlink():
            saved = SessionStore(folder).load(path)
            notes = [turn.note for turn in saved.turns]
            if notes != typed:
                figures.lost_notes += sum(1 for a, b in zip(notes, typed, strict=False) if a != b)
                figures.fail(f"planted links: notes on disk {notes}, typed {typed}")
        else:
            figures.fail("planted links: the session was not saved once the link was gone")


def ids_never_escape(cases: int, figures: Figures, seed: int) -> None:
    """Any id or path, resolved or saved to, stays inside the sessions folder."""
    with tempfile.TemporaryDirectory(prefix="torture-ids-") as scratch:
        folder = Path(scratch) / "home" / "sessions"
        folder.mkdir(parents=True, mode=0o700)
        outside = Path(scratch) / "outside.toml"
        outside.write_text(dump_transcript(numbered_session(1)))
        store = SessionStore(folder)
        store.create(numbered_session(2))
        (folder / "20261101-100000-out.toml").symlink_to(outside)
        (folder / "20261101-100001-up.toml").symlink_to("../../outside.toml")
        real_folder = os.path.realpath(folder)
        ids = st.one_of(
            st.text(max_size=40),
            st.sampled_from(["..", "../outside", "../../outside.toml", "/etc/passwd", "~", ".",
                             "2026", "20261101-100000-out", "20261101", "\x00", "a/../../b",
                             "..\\..\\x", "%2e%2e%2f", "20261125-203107-share-the-why",
                             str(outside), "20261101-100001-up", " ../x ", ".hidden"]),
            st.lists(st.sampled_from(["..", "/", "sessions", "x", ".toml", "\\", "~", "\x00"]),
                     max_size=6).map("".join),
        )

        @settings(max_examples=cases, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(ids)
        def check(session_id: str) -> None:
            figures.trials += 1
            try:
                path = resolve_session(folder, session_id)
            except (SessionNotFound, AmbiguousSession, StoreError):
                path = None
            except Exception as error:
                figures.fail(f"id {session_id!r}: crashed with {type(error).__name__}: {error}")
                return
            if path is not None:
                real = os.path.realpath(path)
                figures.check_that(os.path.dirname(real) == real_folder,
                                   f"id {session_id!r} led to {real}")
            for attempt in (lambda: store.save(session_id, numbered_session(3)),
                            lambda: store.delete(session_id),
                            lambda: store.save(folder / session_id, numbered_session(3))):
                try:
                    attempt()
                except (StoreError, ValueError, OSError):
                    pass
            figures.check_that(outside.read_text() == dump_transcript(numbered_session(1)),
                               f"id {session_id!r}: the file outside was changed")

        hypothesis_seed(seed)(check)()
        _from_the_command_line(Path(scratch) / "home", figures)


def _from_the_command_line(home: Path, figures: Figures) -> None:
    """`bridges show` and `bridges export` with ids that try to leave the folder."""
    env = child_env(home)
    listed = subprocess.run([BRIDGES, "--help"], capture_output=True, text=True, env=env, timeout=60)
    for command in ("show", "export"):
        if f"    {command}" not in listed.stdout:
            continue
        for session_id in ("../outside", "../../outside.toml", "/etc/passwd", "20261101-100000-out",
                           "20261101-100001-up", "..", "\x1b]0;PWN\x07"):
            done = subprocess.run([BRIDGES, command, session_id], capture_output=True, text=True,
                                  env=env, timeout=60)
            figures.trials += 1
            figures.check_that(done.returncode != 0 and "Traceback" not in done.stderr,
                               f"`bridges {command} {session_id!r}`: exit {done.returncode}, "
                               f"{(done.stdout + done.stderr)[:200]!r}")
            figures.check_that("\x1b]0;PWN" not in done.stderr + done.stdout,
                               f"`bridges {command}` echoed an escape sequence raw")


async def privacy_checks(id_cases: int, seed: int = 0) -> Figures:
    figures = Figures("Privacy: modes, tightening, links, ids")
    with timed(figures):
        await private_from_the_first_write(figures)
        await loose_folder_tightened(figures)
        await planted_links(figures)
        ids_never_escape(id_cases, figures, seed)
    return figures

