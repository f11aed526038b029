"""The history index: rows without parsing every file again, never trusted over the
transcripts, text filtering, and the agreement that setup follows up."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from bridges_tui.core.files.history_index_file import VERSION, indexed_sessions
from bridges_tui.core.files.session_row import ROW_FIELDS
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.looking_back.history_index import (
    INDEX_FILE,
    READ_AT_ONCE,
    WORDS_FILE,
    HistoryIndex,
    matches_words,
    query_words,
    words_of,
)
from bridges_tui.core.model.session import Followup
from bridges_tui.testing.history import (
    AGREEMENT,
    BROKEN,
    EARLY,
    FIRST,
    NEWER,
    RUNNING,
    SECOND,
    SECOND_AGREEMENT,
    at,
    first_session,
    write_history,
)
from bridges_tui.testing.sessions import write_session


@pytest.fixture
def home(tmp_path: Path) -> Path:
    write_history(tmp_path)
    return tmp_path


def index_of(home: Path) -> HistoryIndex:
    return HistoryIndex(SessionStore(home / "sessions"), home)


def test_rows_are_newest_first_with_the_figures_the_table_needs(home: Path) -> None:
    rows = index_of(home).scan()
    assert [row.id for row in rows] == [RUNNING, EARLY, NEWER, SECOND, BROKEN, FIRST]
    first = rows[-1]
    assert first.detailed and first.readable
    assert (first.floor.a, first.floor.b, first.floor.together) == (220.0, 30.0, 50.0)
    assert first.balance == pytest.approx(220 / 250)
    assert first.checkin_before == (3, 2) and first.checkin_after == (4, 4)
    assert first.agreement == AGREEMENT and first.turns == 4 and first.duration_s == 700
    assert rows[3].followup_of == FIRST
    assert rows[0].status == "in-progress" and rows[0].duration_s is None
    broken = rows[4]
    assert not broken.readable and "not valid TOML" in broken.error
    assert "newer bridges" in rows[2].error


def test_a_second_look_reads_no_transcript(home: Path, monkeypatch) -> None:
    index = index_of(home)
    first = index.scan()
    assert index.save() is None
    assert stat.S_IMODE((home / INDEX_FILE).stat().st_mode) == 0o600

    def no_reading(*args, **kwargs):
        raise AssertionError("a transcript was read although the index knew it")

    monkeypatch.setattr(SessionStore, "load", no_reading)
    monkeypatch.setattr(SessionStore, "entry", no_reading)
    again = index_of(home).scan()
    assert again == first


def test_a_changed_file_is_read_again_and_a_vanished_one_dropped(home: Path) -> None:
    index = index_of(home)
    index.scan()
    index.save()
    changed = replace(first_session(), closing=replace(first_session().closing, agreement="Walk on Sundays."))
    write_session(home / "sessions", FIRST, changed)
    (home / "sessions" / f"{EARLY}.toml").unlink()
    fresh = index_of(home)
    rows = {row.id: row for row in fresh.scan()}
    assert rows[FIRST].agreement == "Walk on Sundays."
    assert EARLY not in rows
    fresh.save()
    saved = json.loads((home / INDEX_FILE).read_text())
    assert f"{EARLY}.toml" not in saved["sessions"]


@pytest.mark.parametrize("damage", ["{not json", '{"format": "something else"}', "[]",
                                    '{"format": "bridges-history-index", "version": 1, "sessions": {"x.toml": 5}}'])
def test_a_damaged_index_is_ignored_and_rebuilt(home: Path, damage: str) -> None:
    (home / INDEX_FILE).write_text(damage)
    index = index_of(home)
    assert len(index.scan()) == 6
    assert index.save() is None
    assert json.loads((home / INDEX_FILE).read_text())["format"] == "bridges-history-index"


def test_an_index_of_the_first_version_is_rebuilt(home: Path) -> None:
    # Version 1 named every figure; the names made `bridges list` twice as slow to read it.
    index = index_of(home)
    index.read_all()
    index.save()
    document = json.loads((home / INDEX_FILE).read_text())
    document["version"] = 1
    for entry in document["sessions"].values():
        entry[1] = dict(zip(ROW_FIELDS, entry[1], strict=False))
    (home / INDEX_FILE).write_text(json.dumps(document))
    assert indexed_sessions(str(home / "sessions"), home) is None
    rebuilt = index_of(home)
    assert [figures(row) for row in rebuilt.read_all()] == [figures(row) for row in index.read_all()]
    rebuilt.save()
    assert json.loads((home / INDEX_FILE).read_text())["version"] == VERSION
    assert indexed_sessions(str(home / "sessions"), home) is not None


def test_an_index_entry_that_lies_is_not_believed_when_the_file_changed(home: Path) -> None:
    index = index_of(home)
    index.scan()
    index.save()
    document = json.loads((home / INDEX_FILE).read_text())
    figures = document["sessions"][f"{FIRST}.toml"][1]
    figures[ROW_FIELDS.index("agreement")] = "Something made up."
    figures[ROW_FIELDS.index("partners")] = [1, 2]
    (home / INDEX_FILE).write_text(json.dumps(document))
    rows = {row.id: row for row in index_of(home).scan()}
    assert rows[FIRST].agreement == AGREEMENT


FIGURES = ("id", "practice", "title", "started", "ended", "status", "partners", "checkin_before",
           "checkin_after", "agreement", "followup_of", "turns", "error", "readable", "duration_s")


def figures(row) -> tuple:
    floor = None if row.floor is None else (row.floor.a, row.floor.b, row.floor.together)
    return (str(row.path), floor, *(getattr(row, name) for name in FIGURES))


def test_the_index_file_alone_lists_what_the_full_index_lists(home: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text("anything")
    (home / "sessions" / "20261201-100000-share-the-why.toml").symlink_to(outside)
    folder = str(home / "sessions")
    assert indexed_sessions(folder, home) is None  # no index yet
    index = index_of(home)
    rows = index.read_all()
    index.save()
    quick = indexed_sessions(folder, home)
    assert quick is not None
    assert [figures(row) for row in quick] == [figures(row) for row in rows]
    assert "outside the sessions folder" in quick[0].error


@pytest.mark.parametrize("change", ["new", "changed", "gone", "odd entry"])
def test_the_index_file_alone_lists_nothing_unless_it_knows_every_file(home: Path, change: str) -> None:
    index = index_of(home)
    index.read_all()
    index.save()
    sessions = home / "sessions"
    if change == "new":
        write_session(sessions, "20261125-100000-share-the-why", first_session())
    elif change == "changed":
        path = sessions / f"{FIRST}.toml"
        path.write_text(path.read_text().replace("Share the why", "Why it matters"))
    elif change == "gone":
        (sessions / f"{EARLY}.toml").unlink()
    else:
        document = json.loads((home / INDEX_FILE).read_text())
        document["sessions"][f"{FIRST}.toml"][1][ROW_FIELDS.index("partners")] = [1, 2]
        (home / INDEX_FILE).write_text(json.dumps(document))
    assert indexed_sessions(str(sessions), home) is None


def test_many_new_files_come_first_from_their_headers(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    for number in range(READ_AT_ONCE + 3):
        write_session(folder, f"202610{number + 1:02d}-193000-share-the-why",
                      replace(first_session(), started=at(number + 1, 10, 19, 30),
                                   ended=at(number + 1, 10, 19, 50)))
    index = index_of(tmp_path)
    rows = index.scan()
    pending = index.pending(rows)
    assert len(pending) == READ_AT_ONCE + 3
    assert rows[0].title == "Share the why" and rows[0].floor is None
    assert pending[0] == rows[0].path, "the newest are read first"
    read = index.read(pending[0])
    assert read.detailed and read.agreement == AGREEMENT
    assert index.read_all()[0].detailed
    index.save()
    assert index_of(tmp_path).pending(index_of(tmp_path).scan()) == []


def test_filter_by_practice_and_by_words(home: Path) -> None:
    index = index_of(home)
    rows = index.scan()
    ids = lambda shown: [row.id for row in shown]  # noqa: E731
    assert ids(index.filter(rows, "assume-the-best")) == [NEWER, SECOND, BROKEN]
    assert ids(index.filter(rows, None, "furn")) == [NEWER, BROKEN, FIRST]
    assert ids(index.filter(rows, None, "JO party")) == [NEWER, SECOND, BROKEN]
    assert ids(index.filter(rows, "share-the-why", "bored")) == [NEWER, BROKEN]
    index.save()
    # Words come from their own file, read only when a text filter asks.
    again = index_of(home)
    again_rows = again.scan()
    assert again._words is None
    assert ids(again.filter(again_rows, None, "stuck")) == [NEWER, BROKEN, FIRST]


def test_lost_words_are_noticed(home: Path) -> None:
    index = index_of(home)
    index.scan()
    index.save()
    (home / WORDS_FILE).unlink()
    again = index_of(home)
    rows = again.scan()
    missing = again.missing_words(rows)
    assert {path.stem for path in missing} == {RUNNING, EARLY, SECOND, FIRST}
    for path in missing:
        again.read(path)
    assert [row.id for row in again.filter(rows, None, "furniture")] == [NEWER, BROKEN, FIRST]


def test_words_and_queries() -> None:
    words = words_of(first_session())
    assert "furniture" in words.split() and "moving" in words.split()
    assert query_words("Furniture, TALK!") == ["furniture", "talk"]
    assert matches_words(words, ["furn", "stuck"]) and not matches_words(words, ["holiday"])


def test_the_agreement_to_follow(home: Path) -> None:
    index = index_of(home)
    found = index.agreement_to_follow()
    # The newest finished session with an agreement; in-progress and early ones skipped.
    assert (found.session, found.agreement) == (SECOND, SECOND_AGREEMENT)
    # Once a later session has said how it went, it is not asked again.
    answered = replace(first_session(), started=at(25, 11, 9, 0), ended=at(25, 11, 9, 30),
                            followup=Followup(SECOND, SECOND_AGREEMENT, "partly"),
                            closing=replace(first_session().closing, agreement=None))
    write_session(home / "sessions", "20261125-090000-share-the-why", answered)
    assert index_of(home).agreement_to_follow() is None


def test_an_empty_or_missing_folder_has_no_rows(tmp_path: Path) -> None:
    index = index_of(tmp_path)
    assert index.scan() == [] and index.agreement_to_follow() is None
    assert index.save() is None or not (tmp_path / INDEX_FILE).exists()


def test_the_index_is_private(home: Path) -> None:
    os.chmod(home, 0o755)
    index = index_of(home)
    index.scan()
    index.save()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / WORDS_FILE).stat().st_mode) == 0o600


def test_a_held_index_writes_nothing_and_keeps_what_changed_for_later(home: Path) -> None:
    # The app holds it while its screen is hidden (the hide key).
    index = index_of(home)
    index.held = True
    assert len(index.scan()) == 6  # a small folder is read whole at once
    assert index.save() is None
    assert not (home / INDEX_FILE).exists()
    index.held = False
    assert index.save() is None
    assert len(json.loads((home / INDEX_FILE).read_text())["sessions"]) == 6
