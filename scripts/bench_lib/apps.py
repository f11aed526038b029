"""The programs the benchmark starts, how it starts them, and how it knows their first
screen is up."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .bare_app import MARKER as BARE_MARKER

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
BRIDGES = str(Path(sys.executable).parent / "bridges")
NAMES = ("Sam", "Alex")
PRACTICE = "share-the-why"

#: A checkout whose `src/bridges_tui` is measured instead of the installed one
#: (`--source`, for trying a change on a scratch copy before proposing it).
SOURCE: Path | None = None

SETUP_MARKER = "bridges · a guided conversation for two"
TALK_MARKER = "step 1 of "
HISTORY_MARKER = "History"


def child_env(home: Path | None) -> dict[str, str]:
    """The environment of a program under test (the benchmark's and torture's): a plain
    256-colour UTF-8 terminal, and its files under `home`. Nothing of the harness's own
    Python path, pytest or a no-colour preference leaks in."""
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("TEXTUAL", "PYTHON", "BRIDGES_", "PYTEST"))
        and key not in ("TMUX", "COLUMNS", "LINES", "NO_COLOR")
    }
    env.update(TERM="xterm-256color", COLORTERM="truecolor")
    env.setdefault("LANG", "C.UTF-8")
    if home is not None:
        env["BRIDGES_HOME"] = str(home)
    if SOURCE is not None:
        env["PYTHONPATH"] = str(SOURCE / "src")
    return env


def _has(text: str) -> Callable[[str], bool]:
    return lambda screen: text in screen


def key_bar(screen: str) -> str:
    """The bottom line, where bridges shows the keys that work now."""
    return screen.rstrip("\n").rsplit("\n", 1)[-1]


def _has_with_keys(text: str, key: str) -> Callable[[str], bool]:
    # A first screen is up once its keys are shown too: a screen without them is not
    # one the couple can use yet.
    return lambda screen: text in screen and key in key_bar(screen)


def _history_usable(screen: str) -> bool:
    # Usable: the screen is up and past sessions are listed on it.
    return HISTORY_MARKER in screen and any(
        word in screen for word in ("Share the why", "Assume the best", NAMES[0])
    )


@dataclass(frozen=True)
class Program:
    """A program to start on the pty, and what its first screen shows."""

    key: str
    label: str
    argv: tuple[str, ...]
    ready: Callable[[str], bool]

    @property
    def is_bare(self) -> bool:
        return self.key == "bare"


BARE = Program("bare", "bare Textual app", (PYTHON, str(HERE / "bare_app.py")), _has(BARE_MARKER))
SETUP = Program("setup", "`bridges` (setup screen)", (BRIDGES,), _has_with_keys(SETUP_MARKER, "Quit"))
TALK = Program(
    "talk",
    "`bridges talk` (conversation)",
    (BRIDGES, "talk", PRACTICE, "--names", *NAMES),
    _has_with_keys(TALK_MARKER, "Start"),
)
HISTORY = Program("history", "`bridges history`", (BRIDGES, "history"), _history_usable)

# The same two first screens in German: one catalog more to load, and longer words to lay
# out. `--lang` picks the catalog exactly as LANG=de_DE.UTF-8 would.
SETUP_DE = Program(
    "setup-de",
    "`bridges --lang de` (setup, German)",
    (BRIDGES, "--lang", "de"),
    _has_with_keys("bridges · ein begleitetes Gespräch zu zweit", "Beenden"),
)
TALK_DE = Program(
    "talk-de",
    "`bridges --lang de talk` (German)",
    (BRIDGES, "--lang", "de", "talk", PRACTICE, "--names", *NAMES),
    _has_with_keys("Schritt 1 von ", "Starten"),
)


def audited(program: Program) -> tuple[str, ...]:
    """The same bridges command, run under the import/open audit hook."""
    return (PYTHON, str(HERE / "audit_run.py"), *program.argv[1:])


def commands_available(env: dict[str, str]) -> set[str]:
    """The sub-commands `bridges --help` lists (argparse: four spaces, the name, then
    its help after two spaces or on the next line)."""
    result = subprocess.run([BRIDGES, "--help"], capture_output=True, text=True, env=env, timeout=60)
    return set(re.findall(r"^    ([a-z][a-z-]*)(?:  |$)", result.stdout, re.MULTILINE))
