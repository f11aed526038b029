"""Running the real `bridges` command as a couple's shell would: a fresh process of
this checkout's Python, the test's BRIDGES_HOME, no terminal on stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def bridges(
    *args: str, cwd: Path | None = None, columns: int = 80, passphrases: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m bridges_tui ARGS` in `cwd` on a terminal `columns` wide, and
    return what it printed. A traceback is never an answer to anything: it fails here.

    With `passphrases`, they are given a line each on a pipe, as a script would, and
    `--passphrase-fd N` naming it is added to ARGS."""
    fds: tuple[int, ...] = ()
    if passphrases is not None:
        read_end, write_end = os.pipe()
        os.write(write_end, "".join(f"{line}\n" for line in passphrases).encode())
        os.close(write_end)
        fds = (read_end,)
        args = (*args, "--passphrase-fd", str(read_end))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bridges_tui", *args],
            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
            env={**os.environ, "COLUMNS": str(columns)}, cwd=cwd, pass_fds=fds,
        )
    finally:
        for fd in fds:
            os.close(fd)
    assert "Traceback" not in result.stderr, result.stderr
    return result
