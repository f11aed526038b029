"""Searching the disk for a couple's words, byte by byte, as a recovery tool or a
curious guest with `grep -r` would: in UTF-8 and in UTF-16 both ways round, in every
file under the folders given (hidden and temporary files included)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


def files_under(*folders: Path) -> list[Path]:
    """Every file under `folders` (a folder that does not exist holds none)."""
    return [path for folder in folders for path in sorted(folder.rglob("*")) if path.is_file()]


def found_on_disk(words: Iterable[str], *folders: Path) -> list[str]:
    """Where any of `words` is on disk under `folders`, one line per finding ("'kayak'
    (utf-8) in /x/y"); empty when none is anywhere."""
    findings: list[str] = []
    wanted = [(word, encoding, word.encode(encoding)) for word in words for encoding in ENCODINGS]
    for path in files_under(*folders):
        try:
            data = path.read_bytes()
        except OSError:
            continue  # gone meanwhile (a temporary file)
        findings += [f"{word!r} ({encoding}) in {path}" for word, encoding, raw in wanted if raw in data]
    return findings


def everything_on_disk(home: Path) -> bytes:
    """The bytes of every file under `home`, one after another."""
    return b"".join(path.read_bytes() for path in files_under(home))
