"""The sample sessions the benchmark measures and the demo shows: files the app reads,
shaped as their makers say; and the test support the benchmark uses needs no test extra."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import sample_sessions  # scripts/, through pytest's pythonpath
from bridges_tui.core.files.config import load_config
from bridges_tui.core.files.transcript_file import TranscriptError, load_transcript
from bridges_tui.testing.cli import bridges
from bridges_tui.testing.sessions import builtin_practices, long_history


def read_all(folder: Path) -> tuple[list, list[str]]:
    """The transcripts in `folder`, and the names of the files that do not read."""
    read, unreadable = [], []
    for path in sorted(folder.glob("*.toml")):
        try:
            read.append(load_transcript(path.read_text(encoding="utf-8")))
        except TranscriptError:
            unreadable.append(path.name)
    return read, unreadable


def test_the_long_history_is_sessions_of_forty_noted_turns(tmp_path: Path) -> None:
    files = long_history(tmp_path, count=len(builtin_practices()) + 1, turns=40)
    transcripts, unreadable = read_all(tmp_path / "sessions")
    assert unreadable == [] and len(transcripts) == len(files)
    assert {t.practice for t in transcripts} == {p.id for p in builtin_practices()}
    for transcript in transcripts:
        assert transcript.status in ("complete", "ended-early")
        assert len(transcript.turns) == 40
        assert all(turn.note and 150 <= len(turn.note) <= 260 for turn in transcript.turns)
        assert [t.started for t in transcript.turns] == sorted(t.started for t in transcript.turns)
    assert load_config(tmp_path / "config.toml")[0].names == ("Sam", "Alex")


def test_the_demo_fills_a_folder_that_bridges_lists(bridges_home: Path) -> None:
    assert sample_sessions.main(["--count", "8", "--with-problems"]) == 0
    transcripts, unreadable = read_all(bridges_home / "sessions")
    assert len(transcripts) == 8 + 1 and len(unreadable) == 2
    finished = [t for t in transcripts if t.status != "in-progress"]
    # The next session says how the last agreement went, naming it as it was made.
    agreements = {t.closing.agreement for t in finished if t.closing.agreement}
    followed = [t.followup for t in finished if t.followup is not None]
    assert followed and all(f.agreement in agreements for f in followed)
    # Notes only where the step asks for one, by whoever the step says.
    assert any(turn.note for t in finished for turn in t.turns)
    assert all(turn.note_by for t in finished for turn in t.turns if turn.note)
    listed = bridges("list", "--json")
    assert listed.returncode == 0
    assert len(json.loads(listed.stdout)) == 8 + 1


def test_what_the_benchmark_uses_needs_no_test_extra() -> None:
    """The bench runs without the [test] extras: nothing it imports may need Hypothesis."""
    code = (
        "import sys\n"
        "import bridges_tui.testing.clock, bridges_tui.testing.sessions, bridges_tui.testing.history\n"
        "import bridges_tui.testing.cli, bridges_tui.testing.files\n"
        "print('hypothesis' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
