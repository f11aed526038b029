"""Letting a session go: its file, its index entry and its words removed in an order
that a SIGKILL anywhere leaves fully there or fully gone once `finish` has run (as
every start runs it); each partner's own key; and the keeper of a session held off
the record, which writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bridges_tui.core.files.keeper import KeptInMemory
from bridges_tui.core.files.safe_files import StoreError
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.looking_back import letting_go
from bridges_tui.core.looking_back.history_index import INDEX_FILE, WORDS_FILE, HistoryIndex
from bridges_tui.core.text.partner_keys import partner_keys
from bridges_tui.testing.disk_search import found_on_disk
from bridges_tui.testing.history import FIRST, SECOND, first_session, write_history

#: Words of SECOND's note only ("That Jo left the party because he was bored with me.").
SECOND_WORDS = ("bored", "party")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    write_history(tmp_path)
    index = index_of(tmp_path)
    index.read_all()
    assert index.save() is None
    return tmp_path


def index_of(home: Path) -> HistoryIndex:
    return HistoryIndex(SessionStore(home / "sessions"), home)


def indexed(home: Path, name: str) -> dict[str, object]:
    return json.loads((home / name).read_text(encoding="utf-8"))["sessions"]


def test_letting_go_removes_the_file_its_entry_and_its_words(home: Path) -> None:
    path = home / "sessions" / f"{SECOND}.toml"
    assert f"{SECOND}.toml" in indexed(home, WORDS_FILE)
    index = index_of(home)
    assert letting_go.let_go(index, path) is None
    assert not path.exists()
    for name in (INDEX_FILE, WORDS_FILE):
        assert f"{SECOND}.toml" not in indexed(home, name) and f"{FIRST}.toml" in indexed(home, name)
    assert found_on_disk(SECOND_WORDS, home) == []
    assert not (home / letting_go.MARKER_FILE).exists()
    # A read begun before the let-go never puts the session back in the index.
    index.read(path.with_name(f"{FIRST}.toml"))
    assert f"{SECOND}.toml" not in indexed(home, WORDS_FILE)


@pytest.mark.parametrize("cut_after", ["marker", "unlink", "index"])
def test_a_let_go_cut_short_anywhere_is_finished_by_the_next_start(home: Path, cut_after: str) -> None:
    path = home / "sessions" / f"{SECOND}.toml"
    (home / letting_go.MARKER_FILE).write_text(f"{SECOND}\n", encoding="utf-8")
    if cut_after in ("unlink", "index"):
        path.unlink()
    if cut_after == "index":
        index = index_of(home)
        index.drop_for_good([f"{SECOND}.toml"])
    # Killed while the index was being written: its temporary file holds the old words.
    (home / f".{WORDS_FILE}.abcd1234.tmp").write_bytes((home / WORDS_FILE).read_bytes())
    again = index_of(home)
    assert letting_go.finish(again) is None
    assert not path.exists()
    assert f"{SECOND}.toml" not in indexed(home, INDEX_FILE)
    assert found_on_disk(SECOND_WORDS, home) == []
    assert not (home / letting_go.MARKER_FILE).exists()
    assert [row.id for row in again.scan() if row.id == FIRST] == [FIRST]


def test_finish_without_a_marker_touches_nothing(home: Path) -> None:
    before = {path: path.read_bytes() for path in home.rglob("*") if path.is_file()}
    assert letting_go.finish(index_of(home)) is None
    assert {path: path.read_bytes() for path in home.rglob("*") if path.is_file()} == before


def test_a_session_another_bridges_keeps_is_not_let_go(home: Path) -> None:
    path = home / "sessions" / f"{FIRST}.toml"
    other = SessionStore(home / "sessions")
    assert other.hold(path)
    with pytest.raises(StoreError, match="another bridges has this session open"):
        letting_go.let_go(index_of(home), path)
    assert path.exists() and not (home / letting_go.MARKER_FILE).exists()
    other.release(path)


def test_a_file_that_cannot_be_removed_is_said_and_no_promise_is_left(home: Path) -> None:
    path = home / "sessions" / "20261231-000000-share-the-why.toml"  # never there
    with pytest.raises(StoreError, match=r"can.t delete .*: there is no such file"):
        letting_go.let_go(index_of(home), path)
    assert not (home / letting_go.MARKER_FILE).exists()


def test_a_stray_line_in_the_marker_never_reaches_outside_the_folder(home: Path, tmp_path: Path) -> None:
    outside = tmp_path / "precious.toml"
    outside.write_text("keep me", encoding="utf-8")
    (home / letting_go.MARKER_FILE).write_text("../precious\n/etc/passwd\n.hidden\n", encoding="utf-8")
    assert letting_go.finish(index_of(home)) is None
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert (home / "sessions" / f"{FIRST}.toml").exists()


@pytest.mark.parametrize(
    ("names", "keys"),
    [
        (("Sam", "Alex"), ("s", "a")),
        (("Sam", "Sasha"), ("s", "a")),
        (("sam", "Sam2"), ("s", "a")),  # the second name's next free letter
        (("Émile", "Eve"), ("e", "v")),
        (("😀", "Alex"), ("a", "l")),  # no letter: the partner's own, a, taken first
        (("李雷", "שלום"), ("a", "b")),
        (("Bo", "😀"), ("b", "a")),  # b taken: the first letter still free
        (("Aa", "A"), ("a", "b")),
    ],
)
def test_each_partner_gets_a_key_of_their_own(names: tuple[str, str], keys: tuple[str, str]) -> None:
    assert partner_keys(names) == keys
    assert keys[0] != keys[1]


def test_the_keeper_off_the_record_holds_in_memory_and_writes_nothing(tmp_path: Path) -> None:
    keeper = KeptInMemory()
    transcript = first_session()
    assert keeper.keep(transcript) and keeper.retry()
    assert (keeper.path, keeper.problem, keeper.unsaved) == (None, None, False)
    assert list(tmp_path.iterdir()) == []
