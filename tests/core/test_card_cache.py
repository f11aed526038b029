"""The built-ins kept between starts, their cards and each one opened whole: the same
as reading the scripts, read again whenever a script changed or the file can't be
trusted, and private."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bridges_tui import __version__
from bridges_tui.core.model.session import Practice, PracticeCard
from bridges_tui.core.practice_scripts import card_cache
from bridges_tui.core.practice_scripts.card_cache import CACHE_FILE, cached_cards, cached_practice
from bridges_tui.core.practice_scripts.cards import parse_practice_card
from bridges_tui.core.practice_scripts.catalog import BUILTIN_FOLDER, builtin_ids, builtin_practice, load_catalog
from bridges_tui.core.practice_scripts.reading import parse_practice_bytes


@pytest.fixture
def scripts(tmp_path: Path) -> dict[str, Path]:
    """Three built-in scripts, copied where a test may change them."""
    folder = tmp_path / "scripts"
    folder.mkdir()
    found = {}
    for practice_id in ("share-the-why", "assume-the-best", "appreciations"):
        found[practice_id] = Path(shutil.copy(BUILTIN_FOLDER / f"{practice_id}.toml", folder))
    return found


class Reader:
    """Reads a card from its script, counting which were read."""

    def __init__(self, scripts: dict[str, Path]) -> None:
        self.scripts = scripts
        self.read: list[str] = []

    def __call__(self, practice_id: str) -> PracticeCard:
        self.read.append(practice_id)
        path = self.scripts[practice_id]
        return parse_practice_card(path.read_bytes(), str(path), "built-in")


def test_the_second_start_reads_no_script_and_gets_the_same_cards(tmp_path: Path, scripts: dict[str, Path]) -> None:
    cache = tmp_path / CACHE_FILE
    first, second = Reader(scripts), Reader(scripts)
    made = cached_cards(cache, "en", scripts, first)
    kept = cached_cards(cache, "en", scripts, second)
    assert first.read == list(scripts)
    assert second.read == []
    assert kept == made
    assert list(kept) == list(scripts)


def test_the_catalog_with_the_cache_is_the_catalog_without_it(tmp_path: Path) -> None:
    cache = tmp_path / CACHE_FILE
    for language in ("en", "de", "es"):
        plain = load_catalog(tmp_path / "none", language)
        for _written_then_read in range(2):
            kept = load_catalog(tmp_path / "none", language, cards_cache=cache)
            assert kept.cache == cache
            assert replace(kept, cache=None) == plain
    assert len(plain.cards) == len(builtin_ids())


def test_a_script_changed_since_is_read_again_and_the_file_rewritten(tmp_path: Path, scripts: dict[str, Path]) -> None:
    cache = tmp_path / CACHE_FILE
    cached_cards(cache, "en", scripts, Reader(scripts))
    path = scripts["assume-the-best"]
    path.write_text(path.read_text(encoding="utf-8").replace('title = "Assume the best"', 'title = "Assume better"'),
                    encoding="utf-8")
    again = Reader(scripts)
    cards = cached_cards(cache, "en", scripts, again)
    assert again.read == ["assume-the-best"]
    assert cards["assume-the-best"].title == "Assume better"
    assert cached_cards(cache, "en", scripts, Reader(scripts))["assume-the-best"].title == "Assume better"


def test_a_script_touched_with_the_same_size_is_read_again(tmp_path: Path, scripts: dict[str, Path]) -> None:
    cache = tmp_path / CACHE_FILE
    cached_cards(cache, "en", scripts, Reader(scripts))
    path = scripts["appreciations"]
    later = path.stat().st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))
    again = Reader(scripts)
    cached_cards(cache, "en", scripts, again)
    assert again.read == ["appreciations"]


@pytest.mark.parametrize("content", [
    b"",
    b"not a pickle at all",
    pickle.dumps({"format": card_cache.FORMAT, "version": __version__, "languages": {"en": ["x"]}}),
    pickle.dumps({"format": card_cache.FORMAT, "version": "0.0.0-another", "languages": {}}),
    pickle.dumps([1, 2, 3]),
    # A card with a field it doesn't have, and one with a value that isn't one.
    pickle.dumps({"format": card_cache.FORMAT, "version": __version__, "languages": {"en": {
        "share-the-why": {"stamp": None, "card": {"id": "share-the-why", "colour": "red"}}}}}),
], ids=["empty", "garbage", "a-list-of-cards", "another-version", "not-a-dict", "a-strange-card"])
def test_a_damaged_or_foreign_file_is_ignored_and_written_anew(
    tmp_path: Path, scripts: dict[str, Path], content: bytes
) -> None:
    cache = tmp_path / CACHE_FILE
    cache.write_bytes(content)
    reader = Reader(scripts)
    cards = cached_cards(cache, "en", scripts, reader)
    assert reader.read == list(scripts)
    assert cards["share-the-why"].title == "Share the why"
    assert cached_cards(cache, "en", scripts, Reader(scripts)) == cards


class Planted:
    """Would show it was made, if the file could make objects of its choosing."""

    made = False

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return (Planted._make, ())

    @staticmethod
    def _make() -> None:
        Planted.made = True


def test_a_file_that_names_a_class_or_function_makes_nothing(tmp_path: Path, scripts: dict[str, Path]) -> None:
    cache = tmp_path / CACHE_FILE
    cache.write_bytes(pickle.dumps({"format": card_cache.FORMAT, "version": __version__, "languages": Planted()}))
    reader = Reader(scripts)
    cached_cards(cache, "en", scripts, reader)
    assert not Planted.made
    assert reader.read == list(scripts)


def test_each_language_keeps_its_own_cards(tmp_path: Path) -> None:
    cache = tmp_path / CACHE_FILE
    english = load_catalog(tmp_path / "none", "en", cards_cache=cache)
    german = load_catalog(tmp_path / "none", "de", cards_cache=cache)
    assert english.card("share-the-why") != german.card("share-the-why")

    def not_read(practice_id: str) -> PracticeCard:
        raise AssertionError(f"{practice_id} was read from its script")

    # The German cards did not push the English ones out.
    kept = cached_cards(cache, "en", {"share-the-why": BUILTIN_FOLDER / "share-the-why.toml"}, not_read)
    assert kept["share-the-why"] == english.card("share-the-why")


def test_the_file_is_private(tmp_path: Path, scripts: dict[str, Path]) -> None:
    cache = tmp_path / CACHE_FILE
    cached_cards(cache, "en", scripts, Reader(scripts))
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600


def test_without_a_data_folder_nothing_is_written_and_the_cards_are_read(
    tmp_path: Path, scripts: dict[str, Path]
) -> None:
    cache = tmp_path / "not-made-yet" / CACHE_FILE
    cards = cached_cards(cache, "en", scripts, Reader(scripts))
    assert set(cards) == set(scripts)
    assert not cache.parent.exists()


# --- whole practices -----------------------------------------------------------------


class WholeReader:
    """Reads one practice whole from its script, counting the readings."""

    def __init__(self, script: Path) -> None:
        self.script = script
        self.count = 0

    def __call__(self) -> Practice:
        self.count += 1
        return parse_practice_bytes(self.script.read_bytes(), str(self.script), "built-in")


def test_a_practice_opened_again_is_not_read_and_is_the_same(tmp_path: Path, scripts: dict[str, Path]) -> None:
    cache = tmp_path / CACHE_FILE
    script = scripts["share-the-why"]
    first, second = WholeReader(script), WholeReader(script)
    made = cached_practice(cache, "en", "share-the-why", script, first)
    kept = cached_practice(cache, "en", "share-the-why", script, second)
    assert (first.count, second.count) == (1, 0)
    assert kept == made
    assert kept.plan() == made.plan()
    assert any(step.note is not None for step in kept.round)  # notes came back as notes


def test_every_builtin_in_every_language_comes_back_whole(tmp_path: Path) -> None:
    cache = tmp_path / CACHE_FILE
    for language in ("en", "de", "es"):
        for practice_id in builtin_ids():
            read = builtin_practice(practice_id, language)
            assert builtin_practice(practice_id, language, cache) == read  # written
            builtin_practice.cache_clear()
            assert builtin_practice(practice_id, language, cache) == read  # read from the file


def test_a_practice_changed_since_is_read_again(tmp_path: Path, scripts: dict[str, Path]) -> None:
    cache = tmp_path / CACHE_FILE
    script = scripts["assume-the-best"]
    cached_practice(cache, "en", "assume-the-best", script, WholeReader(script))
    text = script.read_text(encoding="utf-8")
    script.write_text(text.replace('title = "Assume the best"', 'title = "Assume better"'), encoding="utf-8")
    again = WholeReader(script)
    assert cached_practice(cache, "en", "assume-the-best", script, again).title == "Assume better"
    assert again.count == 1


def test_cards_and_whole_practices_keep_each_other(tmp_path: Path, scripts: dict[str, Path]) -> None:
    cache = tmp_path / CACHE_FILE
    script = scripts["share-the-why"]
    cached_practice(cache, "en", "share-the-why", script, WholeReader(script))
    cards = Reader(scripts)
    cached_cards(cache, "en", scripts, cards)  # rewrites the file, with the cards
    assert set(cards.read) == set(scripts)
    again = WholeReader(script)
    cached_practice(cache, "en", "share-the-why", script, again)
    assert again.count == 0  # the cards did not push the practice out
    cached_practice(cache, "en", "appreciations", scripts["appreciations"], WholeReader(scripts["appreciations"]))
    assert cached_cards(cache, "en", scripts, Reader(scripts)).keys() == scripts.keys()
    no_cards = Reader(scripts)
    cached_cards(cache, "en", scripts, no_cards)
    assert no_cards.read == []  # nor did the practice push the cards out


@pytest.mark.parametrize("kept", [
    b"not a pickle",
    pickle.dumps({"id": "share-the-why"}),
    pickle.dumps({"id": "share-the-why", "title": "T", "summary": "S", "turn_seconds": 60,
                  "opening": (), "round": ({"id": "x", "colour": "red"},), "closing": ()}),
    pickle.dumps(["a", "list"]),
    pickle.dumps(Planted()),
    "text, not bytes",
], ids=["garbage", "no-steps", "a-strange-step", "a-list", "a-planted-object", "not-bytes"])
def test_a_damaged_practice_is_read_again(tmp_path: Path, scripts: dict[str, Path], kept: object) -> None:
    cache = tmp_path / CACHE_FILE
    script = scripts["share-the-why"]
    cached_practice(cache, "en", "share-the-why", script, WholeReader(script))
    data = pickle.loads(cache.read_bytes())
    data["languages"]["en"]["share-the-why"]["practice"] = kept
    cache.write_bytes(pickle.dumps(data))
    again = WholeReader(script)
    practice = cached_practice(cache, "en", "share-the-why", script, again)
    assert again.count == 1
    assert not Planted.made
    assert practice == WholeReader(script)()


def test_talk_s_first_screen_imports_no_script_reader_once_its_practice_is_kept(tmp_path: Path) -> None:
    """What the cache is for: with the practice kept, reading it loads neither the
    script reader and its checks nor `tomllib`."""
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from bridges_tui.core.practice_scripts.catalog import builtin_practice\n"
        f"practice = builtin_practice('share-the-why', 'en', Path({str(tmp_path / CACHE_FILE)!r}))\n"
        "reader = [f'bridges_tui.core.practice_scripts.{name}' for name in ('reading', 'checks', 'cards')]\n"
        "print(practice.title, *sorted(m for m in sys.modules if m in (*reader, 'tomllib')))\n"
    )
    run = [sys.executable, "-c", probe]
    first = subprocess.run(run, capture_output=True, text=True, check=True).stdout.split()
    second = subprocess.run(run, capture_output=True, text=True, check=True).stdout.split()
    assert "tomllib" in first  # the first start reads the script
    assert second[:3] == ["Share", "the", "why"]
    assert second[3:] == []
