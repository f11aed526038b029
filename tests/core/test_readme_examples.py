"""The README's examples are the format's documentation: the practice script in it
loads as written, and the transcript in it reads, listening loop and taken-back
turn included."""

from __future__ import annotations

import re
from pathlib import Path

from bridges_tui.core.files.transcript_file import load_transcript
from bridges_tui.core.practice_scripts.reading import parse_practice

README = Path(__file__).parents[2] / "README.md"


def toml_block(containing: str) -> str:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    [block] = [b for b in blocks if containing in b]
    return block


def test_the_example_practice_script_loads_as_written() -> None:
    practice = parse_practice(toml_block('id = "one-good-thing"'), "one-good-thing.toml")
    assert practice.idea and practice.reframe
    assert [step.confirm for step in practice.round] == [False, True]
    assert len(practice.plan()) == 6


def test_the_example_transcript_reads_with_its_listening_loop() -> None:
    transcript = load_transcript(toml_block('format = "bridges-transcript"'))
    loop = transcript.turns[-1]
    assert (loop.speaker, loop.tries, loop.clarify_s) == ("B", 2, 20.0)
    assert transcript.floor_seconds() == {"A": 131.4 + 20.0, "B": 95.0, "both": 0.0}
    [taken_back] = transcript.taken_back
    assert (taken_back.step, taken_back.note_by) == ("reflect-back", "A") and taken_back.note


def test_the_readme_shows_the_key_table_as_the_core_has_it() -> None:
    from bridges_tui.core.talk.keys import KEY_NOTES, key_table_markdown

    text = README.read_text(encoding="utf-8")
    assert key_table_markdown() in text
    assert KEY_NOTES in text
