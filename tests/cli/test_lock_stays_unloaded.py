"""An unlocked folder (the default) never pays for the lock: pyrage (the age format,
through `session_key`) is imported only once a folder is locked. Checked in a fresh
interpreter for the app's first screens and the commands, as a couple would run them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bridges_tui.testing.history import FIRST, write_history

APP = """\
import asyncio, sys
from bridges_tui.testing.pilot import running
from bridges_tui.tui.app import BridgesApp

async def main():
    async with running(BridgesApp(start={start!r}), size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        print(type(pilot.app.screen).__name__)

asyncio.run(main())
print("pyrage" in sys.modules)
"""

COMMAND = """\
import sys
from bridges_tui.cli import main
try:
    code = main({args!r})
except SystemExit as done:  # --version: argparse's way out
    code = done.code
print(code)
print("pyrage" in sys.modules)
"""


def loaded_pyrage(script: str) -> tuple[bool, str]:
    """Whether `script` (run in a fresh Python) had pyrage imported at its end, and what
    it printed before that."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    *before, last = result.stdout.strip().splitlines()
    return last == "True", "\n".join(before)


@pytest.mark.parametrize("start", ["setup", "history"])
def test_the_app_of_an_unlocked_folder_never_imports_pyrage(bridges_home: Path, start: str) -> None:
    write_history(bridges_home)
    loaded, shown = loaded_pyrage(APP.format(start=start))
    assert shown.splitlines()[0] in ("SetupScreen", "ResumeScreen", "HistoryScreen")
    assert not loaded


@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["show", FIRST], ["--version"]])
def test_the_commands_of_an_unlocked_folder_never_import_pyrage(bridges_home: Path, args: list[str]) -> None:
    write_history(bridges_home)
    loaded, printed = loaded_pyrage(COMMAND.format(args=args))
    assert printed.splitlines()[-1] == "0"
    assert not loaded


def test_the_check_would_see_pyrage_once_the_lock_is_used(bridges_home: Path) -> None:
    loaded, _ = loaded_pyrage("import bridges_tui.core.files.session_key\nprint('pyrage' in __import__('sys').modules)")
    assert loaded
