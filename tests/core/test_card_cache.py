"""The built-ins' cards kept between starts: the same cards as reading the scripts,
read again whenever a script changed or the file can't be trusted, and private."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
from pathlib import Path

import pytest

from bridges_tui import __version__
from bridges_tui.core.model.session import PracticeCard
from bridges_tui.core.practice_scripts import card_cache
from bridges_tui.core.practice_scripts.card_cache import CACHE_FILE, cached_cards
from bridges_tui.core.practice_scripts.cards import parse_practice_card
from bridges_tui.core.practice_scripts.catalog import BUILTIN_FOLDER, builtin_ids, load_catalog


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
        assert load_catalog(tmp_path / "none", language, cards_cache=cache) == plain  # written
        assert load_catalog(tmp_path / "none", language, cards_cache=cache) == plain  # read
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
