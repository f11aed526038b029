"""Running the real `bridges` command as a couple's shell would: a fresh process of
this checkout's Python, the test's BRIDGES_HOME, no terminal on stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def bridges(*args: str, cwd: Path | None = None, columns: int = 80) -> subprocess.CompletedProcess[str]:
    """Run `python -m bridges_tui ARGS` in `cwd` on a terminal `columns` wide, and
    return what it printed. A traceback is never an answer to anything: it fails here."""
    result = subprocess.run(
        [sys.executable, "-m", "bridges_tui", *args],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        env={**os.environ, "COLUMNS": str(columns)}, cwd=cwd,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result
