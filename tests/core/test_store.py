"""The sessions folder: naming, autosave, never overwriting what can't be read,
listing from headers, finding a session by id, and keeping everything private."""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bridges_tui.core.files import paths
from bridges_tui.core.files import store as store_module
from bridges_tui.core.files.safe_files import StoreError
from bridges_tui.core.files.store import (
    AmbiguousSession,
    SessionNotFound,
    SessionStore,
    UnsafeSessionId,
    file_name_for,
)
from bridges_tui.core.files.transcript_file import TranscriptError, dump_transcript
from bridges_tui.core.model.session import Transcript, Turn
from bridges_tui.testing.clock import START
from bridges_tui.testing.files import failing, mode

CET = timezone(timedelta(hours=1))
BODY_START = "\n[[turns]]"


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=CET)


def a_turn(n: int, when: datetime) -> Turn:
    return Turn(f"step-{n}", f"Step {n}", "AB"[n % 2], when, 120, 100.0 + n, note=f"note {n}")


EVENING = START  # the fake clock's, so the session file's name is 20261125-203107-…


def session(started: datetime = EVENING, turns: int = 2, **changes: object) -> Transcript:
    values: dict[str, object] = dict(
        practice="share-the-why", title="Share the why", started=started,
        partners=("Sam", "Alex"), status="in-progress",
        turns=tuple(a_turn(n, started + timedelta(minutes=n)) for n in range(turns)),
    )
    values.update(changes)
    return Transcript(**values)  # type: ignore[arg-type]


def finished(transcript: Transcript) -> Transcript:
    ended = transcript.started + timedelta(hours=1)
    return replace(transcript, status="complete", ended=ended)


@pytest.fixture
def folder(bridges_home: Path) -> Path:
    return paths.sessions_dir()


@pytest.fixture
def store(folder: Path) -> SessionStore:
    return SessionStore(folder)


# Files that are not transcripts this version can read, and why.
BROKEN = {
    "not-toml": ('format = "bridges-transcript"\nversion = = 1\n', "not valid TOML"),
    "truncated": (dump_transcript(session())[:-40], "not valid TOML"),
    "wrong-type": (dump_transcript(session()).replace("spoken_s = 100.0", 'spoken_s = "long"'),
                   "turns[1].spoken_s: must be a number of seconds"),
    "missing-key": (dump_transcript(session()).replace('title = "Share the why"\n', ""),
                    "title: is missing"),
    "future": (dump_transcript(session()).replace("version = 1", "version = 2"),
               "written by a newer bridges (version 2); this version reads up to 1"),
    "not-utf8": ('format = "bridges-transcript"\ntitle = "caf\xe9"\n', "is not UTF-8 text"),
    "shopping-list": ("eggs = 12\n", "format: is missing"),
}


def plant(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_bytes(text.encode("latin-1") if "\xe9" in text else text.encode())
    return path


# --- create ------------------------------------------------------------------------


def test_create_names_the_file_after_its_start_and_practice(
    store: SessionStore, folder: Path
) -> None:
    assert not folder.exists()
    path = store.create(session())
    assert path == folder / "20261125-203107-share-the-why.toml"
    assert store.load(path) == session()
    assert mode(path) == 0o600
    assert mode(folder) == 0o700


def test_a_name_clash_never_overwrites(store: SessionStore, folder: Path) -> None:
    first = store.create(session())
    before = first.read_bytes()
    second = store.create(session(turns=5))
    third = store.create(session(turns=1))
    assert [first.name, second.name, third.name] == [
        "20261125-203107-share-the-why.toml",
        "20261125-203107-share-the-why-2.toml",
        "20261125-203107-share-the-why-3.toml",
    ]
    assert first.read_bytes() == before
    assert len(store.load(second).turns) == 5


def test_two_stores_at_once_claim_different_names(folder: Path) -> None:
    # Two bridges started in the same second: each claims its name with O_EXCL.
    one, other = SessionStore(folder), SessionStore(folder)
    assert one.create(session()) != other.create(session())


def test_a_foreign_file_or_link_at_the_name_is_left_alone(
    store: SessionStore, folder: Path, tmp_path: Path
) -> None:
    plant(folder, "20261125-203107-share-the-why", "my own notes, not a transcript")
    (folder / "20261125-203107-share-the-why-2.toml").symlink_to(tmp_path / "target")
    path = store.create(session())
    assert path.name == "20261125-203107-share-the-why-3.toml"
    assert (folder / "20261125-203107-share-the-why.toml").read_text() == (
        "my own notes, not a transcript")
    assert not (tmp_path / "target").exists()


def test_an_odd_practice_id_makes_a_safe_name(store: SessionStore) -> None:
    path = store.create(session(practice="../../etc/Our way: ä"))
    assert path.parent == store.folder
    assert path.name == "20261125-203107-etc-Our-way.toml"


@pytest.mark.parametrize("call", ["write", "fsync", "link"])
def test_a_failed_create_leaves_nothing_behind(
    store: SessionStore, folder: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    monkeypatch.setattr(os, call, failing(errno.ENOSPC))
    with pytest.raises(StoreError, match="the disk is full"):
        store.create(session())
    monkeypatch.undo()
    assert os.listdir(folder) == []


def test_without_hard_links_a_name_is_claimed_with_o_excl(
    store: SessionStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plant(folder, "20261125-203107-share-the-why", "my own notes, not a transcript")
    monkeypatch.setattr(os, "link", failing(errno.EPERM))  # e.g. a FAT memory stick
    path = store.create(session(turns=2))
    assert path.name == "20261125-203107-share-the-why-2.toml"
    assert len(store.load(path).turns) == 2
    assert sorted(os.listdir(folder)) == [
        "20261125-203107-share-the-why-2.toml", "20261125-203107-share-the-why.toml"]


def test_a_loose_folder_is_tightened_and_the_store_remembers(
    store: SessionStore, folder: Path
) -> None:
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    store.create(session())
    assert mode(folder) == 0o700
    assert store.tightened_folder is True


# --- save --------------------------------------------------------------------------


def test_autosave_rewrites_the_session_privately(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.create(session(turns=0))
    seen_modes: list[int] = []
    real_replace = os.replace

    def spy(source: str, target: str) -> None:
        seen_modes.append(mode(Path(source)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    for count in range(1, 6):
        store.save(path, session(turns=count))
    assert seen_modes == [0o600] * 5
    assert len(store.load(path).turns) == 5
    assert mode(path) == 0o600
    assert os.listdir(store.folder) == [path.name]


def test_autosave_does_not_read_the_file_back(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.create(session())

    def no_reading(*args: object) -> None:
        raise AssertionError("save re-read a file it wrote itself")

    monkeypatch.setattr(store_module, "read_bounded", no_reading)
    for count in range(3, 40):
        store.save(path, session(turns=count))
    monkeypatch.undo()
    assert len(store.load(path).turns) == 39  # the saves were made, unread


def test_a_loaded_file_is_saved_without_reading_it_again(
    store: SessionStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plant(folder, "20261101-100000-share-the-why", dump_transcript(session()))
    (folder / "sub").mkdir()
    store.load(folder / "sub" / ".." / path.name)  # however the path is spelled

    def no_reading(*args: object) -> None:
        raise AssertionError("save re-read a file it had just loaded")

    monkeypatch.setattr(store_module, "read_bounded", no_reading)
    store.save(path, session(turns=4))
    monkeypatch.undo()
    assert len(store.load(path).turns) == 4


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_file_that_does_not_read_is_reported_and_never_overwritten(
    store: SessionStore, folder: Path, kind: str
) -> None:
    text, reason = BROKEN[kind]
    path = plant(folder, f"20261101-100000-{kind}", text)
    before = path.read_bytes()
    with pytest.raises(TranscriptError) as caught:
        store.load(path)
    assert reason in caught.value.reason
    assert str(path) in str(caught.value)
    with pytest.raises(TranscriptError) as refused:
        store.save(path, session())
    assert reason in str(refused.value)
    assert "overwrite" in str(refused.value)
    assert path.read_bytes() == before
    assert sorted(os.listdir(folder)) == [path.name]


def test_a_file_changed_behind_its_back_is_checked_before_it_is_overwritten(
    store: SessionStore,
) -> None:
    path = store.create(session())
    path.write_text("scribbles")
    with pytest.raises(TranscriptError):
        store.save(path, session(turns=3))
    assert path.read_text() == "scribbles"
    # Edited by hand, but still a transcript: the couple's session goes on.
    path.write_text(dump_transcript(session(turns=1)))
    store.save(path, session(turns=3))
    assert len(store.load(path).turns) == 3


def test_a_file_it_cannot_read_at_all_is_not_overwritten(
    store: SessionStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plant(folder, "20261101-100000-x", dump_transcript(session()))
    before = path.read_bytes()
    real_open = open

    def refuse(file: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if str(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(StoreError, match="permission denied"):
        store.save(path, session(turns=5))
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_a_new_file_may_be_saved_at_a_fresh_path(store: SessionStore, folder: Path) -> None:
    path = folder / "20261101-100000-mine.toml"
    store.save(path, session())
    assert store.load(path) == session()


def test_unknown_keys_survive_a_load_and_save(store: SessionStore, folder: Path) -> None:
    text = dump_transcript(session()).replace(
        'partners = ["Sam", "Alex"]', 'partners = ["Sam", "Alex"]\nmood = "hopeful"', 1
    ).replace('note = "note 0"', 'note = "note 0"\nvolume = 7\n\n[turns.felt]\nA = "heard"', 1)
    path = plant(folder, "20261101-100000-share-the-why", text)
    loaded = store.load(path)
    assert loaded.extra == {"mood": "hopeful"}
    assert loaded.turns[0].extra == {"volume": 7, "felt": {"A": "heard"}}
    longer = replace(loaded, turns=(*loaded.turns, a_turn(7, at(25, 21))))
    store.save(path, longer)
    rewritten = path.read_text()
    assert 'mood = "hopeful"' in rewritten
    assert "volume = 7" in rewritten and '[turns.felt]\nA = "heard"' in rewritten
    assert store.load(path) == longer


def test_a_planted_link_at_a_session_path_is_not_written_through(
    store: SessionStore, folder: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.toml"
    victim.write_text(dump_transcript(session()))
    before = victim.read_bytes()
    folder.mkdir(parents=True)
    link = folder / "20261101-100000-share-the-why.toml"
    link.symlink_to(victim)
    store.load(link)  # reading through it is harmless; writing is not
    with pytest.raises(StoreError, match="symbolic link"):
        store.save(link, session(turns=9))
    assert victim.read_bytes() == before
    assert link.is_symlink()


def test_a_failing_save_keeps_the_old_file_and_leaves_no_temporary_file(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.create(session())
    before = path.read_bytes()
    for call in ("write", "replace"):
        monkeypatch.setattr(os, call, failing(errno.ENOSPC))
        with pytest.raises(StoreError) as caught:
            store.save(path, session(turns=8))
        monkeypatch.undo()
        assert str(caught.value) == f"can't save to {path}: the disk is full"
        assert path.read_bytes() == before
        assert os.listdir(store.folder) == [path.name]
    store.save(path, session(turns=8))  # the disk has room again; autosave carries on
    assert len(store.load(path).turns) == 8


def test_save_and_delete_refuse_paths_outside_the_folder(
    store: SessionStore, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.toml"
    with pytest.raises(StoreError, match="is not a session file"):
        store.save(outside, session())
    assert not outside.exists()
    outside.write_text("keep me")
    for path in (outside, store.folder / ".." / "outside.toml", store.folder / "notes.txt"):
        with pytest.raises(StoreError):
            store.delete(path)
    assert outside.read_text() == "keep me"


def test_delete_removes_one_session(store: SessionStore) -> None:
    keep = store.create(session())
    gone = store.create(session(started=at(26, 9)))
    store.delete(gone)
    assert not gone.exists() and keep.exists()
    assert [entry.path for entry in store.list()] == [keep]
    with pytest.raises(StoreError, match=r"can't delete .*: there is no such file"):
        store.delete(gone)


# --- list --------------------------------------------------------------------------


def test_list_is_newest_first_with_header_fields(store: SessionStore) -> None:
    older = store.create(finished(session(started=at(20, 19))))
    newer = store.create(session(started=at(26, 8), partners=("Zoë", "שרה")))
    plus_five = timezone(timedelta(hours=5))
    other_zone = session(started=datetime(2026, 11, 26, 9, 30, tzinfo=plus_five))
    earliest = store.create(other_zone)  # 04:30 UTC: before `newer` despite its name
    entries = store.list()
    assert [entry.path for entry in entries] == [newer, earliest, older]
    top = entries[0]
    assert (top.id, top.practice, top.title, top.status, top.partners, top.error) == (
        newer.stem, "share-the-why", "Share the why", "in-progress", ("Zoë", "שרה"), None)
    assert top.started == at(26, 8) and top.ended is None
    assert entries[2].status == "complete" and entries[2].ended == at(20, 20)
    assert top.duration_s is None and entries[2].duration_s == 3600.0


def test_a_duration_is_never_negative_and_needs_a_readable_header(
    store: SessionStore, folder: Path
) -> None:
    backwards = session(status="complete", ended=at(25, 20, 30))  # a minute before the start
    store.create(backwards)
    plant(folder, "20261101-100000-broken", "not a transcript")
    durations = {entry.id: entry.duration_s for entry in store.list()}
    assert durations == {file_name_for(backwards): 0.0, "20261101-100000-broken": None}


def test_list_reads_headers_not_whole_files(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in range(1, 6):
        store.create(session(started=at(day, 20), turns=30))

    def no_whole_files(*args: object) -> None:
        raise AssertionError("list() parsed a whole transcript")

    monkeypatch.setattr(store_module, "load_transcript", no_whole_files)
    entries = store.list()
    assert len(entries) == 5 and all(entry.readable for entry in entries)


def test_a_file_whose_body_is_broken_lists_by_its_header_and_fails_when_opened(
    store: SessionStore, folder: Path
) -> None:
    # Decided: list() vouches for the header only. The file is listed like any other,
    # and what is wrong with its turns is reported when it is opened.
    text = dump_transcript(session(started=at(3, 20)))
    header = text.split(BODY_START)[0]
    path = plant(folder, "20261103-200000-share-the-why", header + "\n[[turns]\nstep = ")
    (entry,) = store.list()
    assert (entry.path, entry.error, entry.partners) == (path, None, ("Sam", "Alex"))
    with pytest.raises(TranscriptError, match="not valid TOML"):
        store.load(path)


def test_a_header_that_only_reads_whole_falls_back_to_the_whole_file(store: SessionStore) -> None:
    # A top-level text with a line that starts with "[" cuts the header short.
    path = store.create(session(extra={"story": "first line\n[not a table]\nlast line"}))
    (entry,) = store.list()
    assert (entry.path, entry.error, entry.title) == (path, None, "Share the why")


def test_unreadable_files_are_listed_with_their_reasons(
    store: SessionStore, folder: Path, tmp_path: Path
) -> None:
    good = store.create(session())
    for kind, (text, _) in BROKEN.items():
        plant(folder, f"20261101-1000{len(kind):02d}-{kind}", text)
    plant(folder, "empty", "")
    (folder / "a-folder.toml").mkdir()
    (folder / "dangling.toml").symlink_to(folder / "gone.toml.old")
    outside = tmp_path / "outside.toml"
    outside.write_text(dump_transcript(session()))
    (folder / "escape.toml").symlink_to(outside)
    (folder / ".20261125-203107-share-the-why.toml.x1y2.tmp").write_text("half")
    (folder / "README.txt").write_text("not a session")

    reasons = {entry.id: entry.error for entry in store.list()}
    assert reasons.pop(good.stem) is None
    assert len(reasons) == len(BROKEN) + 4
    for kind, (_, reason) in BROKEN.items():
        header_reason = reasons[f"20261101-1000{len(kind):02d}-{kind}"]
        if kind in ("wrong-type", "truncated"):
            assert header_reason is None  # their headers are fine; see the test above
        else:
            assert header_reason is not None and reason in header_reason
    assert reasons["empty"] == "format: is missing"
    assert reasons["a-folder"] == "is not a file"
    assert reasons["dangling"] == "is a link to a file that is gone"
    assert reasons["escape"] == "is a link to a file outside the sessions folder"


def test_list_notices_a_changed_file(store: SessionStore) -> None:
    path = store.create(session())
    assert store.list()[0].status == "in-progress"
    store.save(path, finished(session()))
    assert store.list()[0].status == "complete"
    path.write_text("garbage = ")
    assert store.list()[0].error is not None


def test_in_progress_lists_only_unfinished_sessions(store: SessionStore) -> None:
    store.create(finished(session(started=at(1, 9))))
    open_one = store.create(session(started=at(2, 9)))
    open_two = store.create(session(started=at(3, 9)))
    assert [entry.path for entry in store.in_progress()] == [open_two, open_one]


def test_an_empty_or_missing_folder_lists_nothing(store: SessionStore) -> None:
    assert store.list() == [] and store.in_progress() == []


# --- resolve -----------------------------------------------------------------------


@pytest.fixture
def three(store: SessionStore) -> list[Path]:
    return [
        store.create(session(started=at(25, 20, 31, 7))),
        store.create(session(started=at(25, 20, 31, 7))),  # ...-share-the-why-2
        store.create(session(started=at(26, 8), practice="breather")),
    ]


def test_resolve_by_whole_id_or_unique_prefix(store: SessionStore, three: list[Path]) -> None:
    assert store.resolve("20261126") == three[2]
    assert store.resolve("20261126-080000-breather.toml") == three[2]
    # An exact id wins even though it is also the start of "...-2".
    assert store.resolve("20261125-203107-share-the-why") == three[0]
    assert store.resolve("20261125-203107-share-the-why-2") == three[1]


def test_an_ambiguous_prefix_lists_the_candidates(store: SessionStore, three: list[Path]) -> None:
    with pytest.raises(AmbiguousSession) as caught:
        store.resolve("202611")
    assert caught.value.candidates == sorted(path.stem for path in three)
    assert "20261126-080000-breather" in str(caught.value)


def test_an_unknown_id_is_not_found(store: SessionStore, three: list[Path]) -> None:
    with pytest.raises(SessionNotFound, match="no session"):
        store.resolve("2019")


@pytest.mark.parametrize(
    "bad",
    ["", "  ", "../sessions/x", "..", "a/b", "a\\b", "/etc/passwd", "x\x00y", ".hidden",
     "/", "..\\..\\x", "sessions/../../x"],
)
def test_an_id_that_could_leave_the_folder_is_refused(
    store: SessionStore, three: list[Path], bad: str
) -> None:
    with pytest.raises(UnsafeSessionId):
        store.resolve(bad)


def test_a_link_that_leads_outside_is_refused_but_one_inside_is_fine(
    store: SessionStore, three: list[Path], tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text(dump_transcript(session()))
    (store.folder / "20270101-000000-escape.toml").symlink_to(outside)
    (store.folder / "20270102-000000-alias.toml").symlink_to(three[2])
    with pytest.raises(UnsafeSessionId):
        store.resolve("20270101")
    assert store.resolve("20270102") == store.folder / "20270102-000000-alias.toml"


def test_default_store_lives_in_the_data_folder(bridges_home: Path) -> None:
    assert SessionStore.default().folder == bridges_home / "sessions"


# --- two bridges, one folder ---------------------------------------------------------


def test_a_session_kept_by_another_bridges_is_not_unfinished_and_not_overwritten(
    folder: Path,
) -> None:
    from bridges_tui.core.files.keeper import SessionKeeper

    first = SessionStore(folder)
    path = first.create(session(turns=1))  # the first bridges keeps it
    second = SessionStore(folder)
    assert second.in_progress() == []
    with pytest.raises(StoreError, match="another bridges has this session open"):
        second.save(path, session(turns=0))
    # Resumed in the second anyway (a race): saved as a session of its own instead.
    keeper = SessionKeeper(second, path)
    assert keeper.keep(session(turns=2))
    assert keeper.path != path and len(second.load(keeper.path).turns) == 2
    assert len(first.load(path).turns) == 1
    first.release(path)  # the first bridges ends: its session is unfinished, the copy busy
    assert [entry.path for entry in SessionStore(folder).in_progress()] == [path]


def test_listing_sweeps_what_a_killed_bridges_left(store: SessionStore, folder: Path) -> None:
    path = store.create(session())
    (folder / f".{path.name}.k1ll3d00.tmp").write_text("half a session")
    assert [entry.path for entry in store.list()] == [path]
    assert os.listdir(folder) == [path.name]


def test_a_fifo_named_like_a_session_never_hangs(store: SessionStore, folder: Path) -> None:
    folder.mkdir(parents=True)
    fifo = folder / "20261101-100000-fifo.toml"
    os.mkfifo(fifo)
    [entry] = store.list()
    assert entry.error == "is not a file"
    with pytest.raises(StoreError, match="is not a file"):
        store.load(fifo)
