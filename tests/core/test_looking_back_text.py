"""Summaries in figures, corrections of a past session, the Markdown export, and text
from files made harmless."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bridges_tui.core.files.transcript_file import dump_transcript, load_transcript
from bridges_tui.core.looking_back.corrections import (
    CheckinCorrection,
    ClosingCorrection,
    CorrectionError,
    NoteCorrection,
    corrected,
)
from bridges_tui.core.looking_back.export import exported, markdown_text, session_markdown
from bridges_tui.core.looking_back.session_summary import (
    SessionSummary,
    checkin_text,
    share_text,
    when_text,
)
from bridges_tui.core.text.harmless import harmless, one_line, shortened
from bridges_tui.testing.history import AGREEMENT, FIRST, first_session, second_session


def test_summary_figures() -> None:
    summary = SessionSummary.of(first_session())
    assert (summary.floor.a, summary.floor.b, summary.floor.together) == (220, 30, 50)
    assert summary.breaks_s == 300 and summary.overtime_s == 40 and summary.length_s == 700
    assert summary.floor_line(("Sam", "Alex")) == "Sam 3:40 · Alex 0:30 · together 0:50 · breathers 5:00"


@pytest.mark.parametrize(
    "balance, text", [(None, "–"), (0.5, "50/50"), (0.505, "50/50"), (0.876, "88/12"), (1.0, "100/0")]
)
def test_shares_always_add_up(balance, text) -> None:
    assert share_text(balance) == text


def test_checkin_and_when() -> None:
    assert checkin_text((3, 2), (4, 4)) == "3,2→4,4"
    assert checkin_text(None, (4, 4)) == "–→4,4" and checkin_text(None, None) == ""
    moment = datetime(2026, 11, 24, 19, 5, tzinfo=UTC)
    assert when_text(moment, date(2026, 11, 25)) == "Tue 24 Nov 19:05"
    assert when_text(moment, date(2027, 1, 2)) == "24 Nov 2026 19:05"
    assert when_text(None, date(2027, 1, 2)) == "?"


def test_corrections_keep_what_they_do_not_touch() -> None:
    original = replace(first_session(), extra={"mood": "calm"},
                            closing=replace(first_session().closing, extra={"kept": True}))
    fixed = corrected(original, ClosingCorrection(original.closing.learned, "  Walk on Sundays. "))
    assert fixed.closing.agreement == "Walk on Sundays."
    assert fixed.closing.learned == original.closing.learned
    text = dump_transcript(fixed)
    assert 'mood = "calm"' in text and "kept = true" in text
    assert load_transcript(text) == fixed
    noted = corrected(fixed, NoteCorrection(0, "We arrived late.", writer="both"))
    assert (noted.turns[0].note, noted.turns[0].note_by) == ("We arrived late.", "both")
    kept_writer = corrected(noted, NoteCorrection(3, "Sam wants change.", writer="A"))
    assert kept_writer.turns[3].note_by == "B", "the note's writer stays who wrote it"
    cleared = corrected(noted, NoteCorrection(0, "   "))
    assert cleared.turns[0].note is None and cleared.turns[0].note_by is None
    assert corrected(noted, CheckinCorrection((5, 5))).checkin.after == (5, 5)
    assert corrected(noted, ClosingCorrection((), "")).closing.agreement is None
    with pytest.raises(CorrectionError, match="no turn number 9"):
        corrected(noted, NoteCorrection(8, "x"))
    with pytest.raises(CorrectionError):
        corrected(noted, CheckinCorrection((9, 1)))


def test_markdown_has_headings_per_step_notes_agreement_and_floor() -> None:
    text = session_markdown(first_session(), FIRST)
    assert text.startswith("# Share the why: Tuesday, 20 October 2026, 19:30\n")
    assert "Sam & Alex · complete · 11:40 (19:30–19:41)" in text
    assert "| Sam | 3:40 (88%) |\n| Alex | 0:30 (12%) |\n| together | 0:50 |\n| breathers | 5:00 |" in text
    assert "- Sam: 3 before, 4 after\n- Alex: 2 before, 4 after" in text
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert headings == ["### 1. Arrive together", "### 2. Name what you want",
                        "### 3. Explain why it matters", "### Breather · 5:00", "### 4. Ask and reflect back"]
    assert "Sam · 2:40 of 2:00 (+0:40 over)" in text
    assert "> Moving things around helps Sam feel less stuck after work.\n>\n> (noted by Alex)" in text
    assert "- **Sam:** Alex needs things to stay put." in text
    assert f"## What we agree to try\n\n> {AGREEMENT}" in text
    assert text.rstrip().endswith(f"Exported from bridges: session {FIRST}")
    followed = session_markdown(second_session(), "x")
    assert f"## How the last agreement went\n\n> {AGREEMENT}\n\nKept." in followed


def test_markdown_shows_the_couples_words_as_written() -> None:
    assert markdown_text("# not a heading *really* <b>x</b>") == r"\# not a heading \*really\* \<b\>x\</b\>"
    assert markdown_text("1. first\n- second") == "1\\. first\n\\- second"
    assert markdown_text("bell\x07 and \x1b[31mred") == "bell and [31mred".replace("[", "\\[")
    sneaky = replace(first_session(), closing=replace(first_session().closing, agreement="two\nlines"))
    assert "> two\n> lines" in session_markdown(sneaky, FIRST)


def test_export_as_toml_is_the_file(tmp_path: Path) -> None:
    path = tmp_path / f"{FIRST}.toml"
    path.write_text(dump_transcript(first_session()), encoding="utf-8")
    assert exported(path, first_session(), "toml") == path.read_text(encoding="utf-8")
    assert exported(path, first_session(), "markdown").startswith("# Share the why")
    with pytest.raises(ValueError):
        exported(path, first_session(), "pdf")


@given(st.text())
def test_one_line_takes_its_shortcut_only_where_it_changes_nothing(text: str) -> None:
    class Shown:  # not a str, so always the long way round
        def __str__(self) -> str:
            return text

    assert one_line(text) == one_line(Shown())


def test_harmless_text() -> None:
    assert harmless("a\x1b[2Jb\u202ec\r\nd\te") == "a[2Jbc\nd\te"
    assert one_line("  one\n two\u2028three ") == "one / two / three"
    assert shortened("Share the why", 9) == "Share th…" and shortened("Sam", 9) == "Sam"
    assert shortened("anything", 0) == ""
