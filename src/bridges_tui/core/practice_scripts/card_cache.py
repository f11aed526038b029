"""The built-in practices as read, kept between starts in one small file of the data
folder (`practice-cards.cache`): every built-in's card, and the whole of each one
opened, so that a first screen reads the file rather than the scripts.

- Setup's first frame reads the cards from it rather than the top of twelve scripts:
  2.7 ms (21 alternated starts, each in its own home: 169.0 against 171.7 ms, the bare
  app 137.3 ms). In-process, the cards take 0.33 ms from the file against 2.5 ms from
  the scripts.
- `bridges talk` reads its practice from it (0.03 ms, against 0.4-0.8 ms to parse the
  script), so that its first frame imports none of the script reader, its checks or
  `tomllib`: see `cached_practice`.

Each card is kept with the size and time of the script it was read from, the cards of
each language apart, and the file with the version of bridges that wrote it: a script
changed since, another version, a damaged or unreadable file, and the card is read
from its script again, as it always was, and the file written anew. (That start, the
first one, after an upgrade or in a new language, pays the private, synced write
before its first frame: 0.4-0.9 ms here.) It holds the built-ins' cards only, nothing
of the couple's, and is written private like every file bridges writes. Its format is
a pickle of plain dicts, strings and numbers, read by an unpickler that refuses every
class: `pickle` is loaded at start-up anyway, where `json` would cost the first frame
a millisecond to import.
"""

from __future__ import annotations

import io
import os
import pickle
from collections.abc import Callable, Mapping
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, cast

from bridges_tui import __version__
from bridges_tui.core.files.safe_files import write_private
from bridges_tui.core.model.session import ModelError, NoteSpec, Practice, PracticeCard, Step

#: The file, in the data folder.
CACHE_FILE = "practice-cards.cache"
FORMAT = "bridges-practice-cards"
#: The parts of a practice that hold its steps.
_PARTS = ("opening", "round", "closing")


class _PlainUnpickler(pickle.Unpickler):
    """Reads dicts, lists, strings and numbers, and refuses every class."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name}")  # not plain data: the file is not ours


def cached_cards(
    cache: Path, language: str, scripts: Mapping[str, Path], read: Callable[[str], PracticeCard]
) -> dict[str, PracticeCard]:
    """The card of each script in `scripts` (by id, in its order): from `cache` where
    it holds it as the script is now, else `read(id)`; `cache` is written anew when
    any card was read."""
    every = _kept(cache)
    kept = every.get(language, {})
    cards: dict[str, PracticeCard] = {}
    stamps: dict[str, list[Any]] = {}
    missed = False
    for practice_id, script in scripts.items():
        stamp = _stamp(script)
        entry = kept.get(practice_id)
        card = _card(entry) if entry is not None and stamp is not None and entry.get("stamp") == stamp else None
        if card is None:
            card, missed = read(practice_id), True
        cards[practice_id] = card
        if stamp is not None:
            stamps[practice_id] = stamp
    if missed or kept.keys() != stamps.keys():
        # Only when it is written: a start that reads every card from the file makes none of this.
        every[language] = {practice_id: {**_whole(kept.get(practice_id), stamp), "stamp": stamp,
                                         "card": _fields(cards[practice_id])}
                           for practice_id, stamp in stamps.items()}
        _write(cache, every)
    return cards


def cached_practice(cache: Path, language: str, practice_id: str, script: Path,
                    read: Callable[[], Practice]) -> Practice:
    """The built-in `practice_id` whole, as its `script` is now: from `cache` where it
    holds it, else `read()`, and then kept there beside its card."""
    every = _kept(cache)
    kept = every.setdefault(language, {})
    stamp = _stamp(script)
    entry = kept.get(practice_id)
    if entry is not None and stamp is not None and entry.get("stamp") == stamp:
        practice = _practice(entry.get("practice"))
        if practice is not None:
            return practice
    practice = read()
    if stamp is not None:
        card = {"card": entry["card"]} if entry is not None and entry.get("stamp") == stamp and "card" in entry else {}
        kept[practice_id] = {**card, "stamp": stamp,
                             "practice": pickle.dumps(asdict(practice), protocol=pickle.HIGHEST_PROTOCOL)}
        _write(cache, every)
    return practice


def _whole(entry: dict[str, Any] | None, stamp: list[Any]) -> dict[str, Any]:
    """The whole practice kept in `entry`, when it was kept from the script as it is now."""
    if entry is None or entry.get("stamp") != stamp or "practice" not in entry:
        return {}
    return {"practice": entry["practice"]}


def _fields(card: PracticeCard) -> dict[str, Any]:
    return {f.name: getattr(card, f.name) for f in fields(card)}


def _stamp(script: Path) -> list[Any] | None:
    try:
        found = os.stat(script)
    except OSError:
        return None  # read from the script, which says what is wrong
    return [str(script), found.st_size, found.st_mtime_ns]


def _kept(cache: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """The entries kept in `cache` by this version, by language and id; none when it
    is missing, unreadable, damaged, or another version's."""
    try:
        data: object = _PlainUnpickler(io.BytesIO(cache.read_bytes())).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError,
            IndexError, KeyError, MemoryError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    kept = cast("dict[str, Any]", data)
    languages: object = kept.get("languages")
    if not (kept.get("format") == FORMAT and kept.get("version") == __version__ and isinstance(languages, dict)):
        return {}
    return {language: _entries(cards) for language, cards in cast("dict[str, Any]", languages).items()}


def _entries(cards: object) -> dict[str, dict[str, Any]]:
    if not isinstance(cards, dict):
        return {}
    entries = cast("dict[str, Any]", cards)
    return {key: cast("dict[str, Any]", value) for key, value in entries.items() if isinstance(value, dict)}


def _card(entry: dict[str, Any]) -> PracticeCard | None:
    kept: object = entry.get("card")
    if not isinstance(kept, dict):
        return None
    try:
        return PracticeCard(**cast("dict[str, Any]", kept))
    except (TypeError, ModelError):
        return None  # a field renamed or missing, a value that isn't one: read it again


def _practice(kept: object) -> Practice | None:
    """The practice kept as a pickle of its fields (by `asdict`); None when it isn't one."""
    if not isinstance(kept, bytes):
        return None
    try:
        data = dict(_PlainUnpickler(io.BytesIO(kept)).load())
        for part in _PARTS:
            data[part] = tuple(map(_step, data[part]))
        return Practice(**data)
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError,
            KeyError, MemoryError, RecursionError, ModelError):
        return None  # read it again


def _step(kept: dict[str, Any]) -> Step:
    data = dict(kept)
    if data.get("note") is not None:
        data["note"] = NoteSpec(**data["note"])
    return Step(**data)


def _write(cache: Path, languages: dict[str, dict[str, dict[str, Any]]]) -> None:
    if not cache.parent.is_dir():
        return  # the data folder is made with the first session, not for this
    data = {"format": FORMAT, "version": __version__, "languages": languages}
    try:
        write_private(cache, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # kept next time, perhaps; the cards were read all the same
