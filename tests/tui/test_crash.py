"""A crash never prints their words: an error nobody expected, raised inside a key's
handler in the middle of a session, leaves the session saved and a plain message,
with no traceback and none of the local variables Textual would show."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

from bridges_tui.tui.crash import crash_message

NOTE = "Sam felt left out at the wedding"

#: Runs the real app (headless, as a terminal would, with Textual's own exit printing),
#: takes two turns, keeps a note, and breaks inside the next key's handler.
SESSION = f"""
import sys
from textual.widgets import Input
from bridges_tui.core.practice_scripts.catalog import builtin_practice
from bridges_tui.testing.clock import FakeClock
from bridges_tui.testing.pilot import first_screen
from bridges_tui.tui.app import BridgesApp, TalkRequest
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.note_prompt import NotePrompt

press = ConversationScreen.action_press

def broken_pause(self, key, wanted):
    if key != "p":
        return press(self, key, wanted)
    words = self.conversation.turns[-1].note  # a local that holds the couple's words
    raise RuntimeError("could not pause after: " + str(words))

ConversationScreen.action_press = broken_pause
clock = FakeClock()

async def couple(pilot):
    await first_screen(pilot)
    for _ in range(4):  # two turns, each a few seconds long
        await pilot.press("space")
        clock.advance(5)
    assert isinstance(pilot.app.screen, NotePrompt), pilot.app.screen
    pilot.app.screen.query_one(Input).value = {NOTE!r}
    await pilot.press("enter")
    await pilot.press("space")
    await pilot.press("p")

app = BridgesApp(talk=TalkRequest(builtin_practice("assume-the-best"), ("Noor", "Jo")),
                 now=clock.now, wall=clock.wall)
app.run(headless=True, size=(80, 24), auto_pilot=couple)
sys.exit(app.return_code)
"""


def test_a_crash_mid_session_saves_it_and_shows_no_words(bridges_home: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "COLUMNS": "100"})
    shown = done.stdout + done.stderr
    assert done.returncode == 1, shown
    assert NOTE not in shown and "Traceback" not in shown and "words =" not in shown, shown
    assert "bridges stopped" in shown and "nothing was lost" in shown, shown
    sessions = list((bridges_home / "sessions").glob("*.toml"))
    assert len(sessions) == 1
    assert sessions[0].name in shown.replace("\n", ""), "the message says where the session is"
    saved = tomllib.loads(sessions[0].read_text(encoding="utf-8"))
    assert saved["status"] == "in-progress"
    assert any(turn.get("note") == NOTE for turn in saved["turns"])
    log = bridges_home / "crash.log"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    where = log.read_text(encoding="utf-8")
    assert "broken_pause" in where and "RuntimeError" in where
    assert NOTE not in where, "the log holds where it stopped, not their words"


def test_the_message_never_claims_a_save_that_did_not_happen() -> None:
    saved = Path("/home/sam/sessions/20261125-203107-share-the-why.toml")
    told = crash_message(KeyError("a note"), saved, "bridges could not write them", None)
    assert "nothing was lost" not in told and "could not be saved" in told
    assert "holds it as last saved" in told and "a note" not in told
    assert "nothing was lost" in crash_message(KeyError("a note"), saved, None, None)
