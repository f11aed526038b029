"""What tells one version of a file from another, without reading it: its signature.

The store compares signatures to know that nobody changed a file since it wrote or
read it; the history index keys what it knows of a session by the signature of its
file. One definition for both, kept light for `bridges list` (the standard library's
`os` alone).
"""

from __future__ import annotations

import os

from bridges_tui.core.files.light_typing import cast

#: Device, inode, size, modification time and change time (ns): a rewrite in place, a
#: file moved over another, a touch, and a `touch` that put the old time back (the
#: change time still moves) all give a new signature.
Signature = tuple[int, int, int, int, int]
NO_SIGNATURE: Signature = (0, 0, 0, 0, 0)


def signature_of(info: os.stat_result) -> Signature:
    """The signature of the file `info` describes."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def as_signature(value: object) -> Signature:
    """A signature as a JSON file keeps it (a list of five whole numbers); ValueError
    for anything else."""
    if not isinstance(value, list):
        raise ValueError("signature")
    numbers = cast("list[object]", value)
    if len(numbers) != 5:
        raise ValueError("signature")
    device, inode, size, modified, changed = numbers
    if not (
        isinstance(device, int) and isinstance(inode, int) and isinstance(size, int)
        and isinstance(modified, int) and isinstance(changed, int)
    ):
        raise ValueError("signature")
    return (device, inode, size, modified, changed)
