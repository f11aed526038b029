"""The practice the reliability checks walk through, and how to install it."""

from __future__ import annotations

from pathlib import Path

from bridges_tui.core.model.session import Practice
from bridges_tui.core.practice_scripts.reading import parse_practice

#: The practice the trials walk: every kind of step, and notes by the speaker and by
#: both. It is the trials' own (dropped into the trial's practices folder), so that
#: new built-in steps never stall a trial that does not know their keys.
PRACTICE_SCRIPT = """\
format = "bridges-practice"
version = 1
id = "crash-walk"
title = "Crash walk"
summary = "The reliability suite's walk. Every kind of step, and notes."
turn = "1m"

[[opening]]
id = "arrive"
title = "Arrive"
speaker = "together"
prompt = "Sit together."
note = { label = "How we arrive", by = "speaker" }

[[round]]
id = "say"
title = "Say it"
speaker = "lead"
prompt = "Say one thing."
listener = "Listen."

[[round]]
id = "hear"
title = "Say what you heard"
speaker = "other"
prompt = "Say back what you heard."
listener = "Nod, or add what they missed."
note = { label = "What I heard", by = "speaker" }

[[closing]]
id = "close"
title = "Close"
speaker = "together"
prompt = "Say thank you."
note = { label = "What we keep", by = "speaker" }
"""
PRACTICE = "crash-walk"
PLAN = parse_practice(PRACTICE_SCRIPT, "crash-walk.toml").plan()
STEPS = len(PLAN)


def add_practice(home: Path) -> None:
    """Put the trials' practice where `bridges` finds the couple's own scripts."""
    folder = home / "practices"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "crash-walk.toml").write_text(PRACTICE_SCRIPT, encoding="utf-8")


def practice() -> Practice:
    return parse_practice(PRACTICE_SCRIPT, "crash-walk.toml", "user")
