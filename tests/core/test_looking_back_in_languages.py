"""Looking back in German and Spanish: the Markdown export's headings and date, the
done-before line's plural forms, the status and follow-up words, the turn lengths,
"vor 3 Tagen", and a let-go refused in one whole sentence."""

from __future__ import annotations

import errno
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bridges_tui.core.files.safe_files import StoreError
from bridges_tui.core.language import dates, words
from bridges_tui.core.looking_back import letting_go
from bridges_tui.core.looking_back.done_before import DoneBefore, last_done_text
from bridges_tui.core.looking_back.export import session_markdown
from bridges_tui.core.text.durations import DurationError, format_about, parse_duration
from bridges_tui.core.text.session_text import followup_word, status_word, when_text
from bridges_tui.testing.history import FIRST, first_session, second_session


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    words.speak("en")


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 20, 30, tzinfo=UTC)


def test_the_export_in_german() -> None:
    words.speak("de")
    text = session_markdown(first_session(), FIRST)
    assert text.startswith("# Share the why: Dienstag, 20. Oktober 2026, 19:30\n")
    for heading in ("## Redezeit", "## Nähe", "## Schritte", "## Was wir gelernt haben",
                    "## Was wir ausprobieren wollen"):
        assert f"\n{heading}\n" in text
    assert "| wer | Zeit |" in text and "### Atempause · 5:00" in text
    assert "- Sam: 3 vorher, 4 danach" in text and "(notiert von Alex)" in text
    assert "Sam & Alex · vollständig ·" in text
    assert "Aus bridges exportiert: Sitzung" in text
    followed = session_markdown(second_session(), "x")
    assert "## Wie es mit der letzten Vereinbarung lief" in followed and "\n\nEingehalten.\n" in followed


def test_done_before_counts_in_each_language() -> None:
    today = date(2026, 11, 25)
    words.speak("de")
    assert last_done_text(DoneBefore(1, at(11, 25)), today) == "zuletzt heute"
    assert last_done_text(DoneBefore(2, at(11, 24)), today) == "2×, zuletzt gestern"
    assert last_done_text(DoneBefore(3, at(11, 12)), today) == "3×, zuletzt am 12. Nov."
    words.speak("es")
    assert last_done_text(DoneBefore(1, at(11, 12)), today) == "hecha por última vez el 12 nov"
    assert last_done_text(DoneBefore(4, at(11, 25)), today) == "4 veces, la última hoy"


def test_words_and_dates_in_german() -> None:
    words.speak("de")
    assert dates.days_ago(date(2026, 11, 22), date(2026, 11, 25)) == "vor 3 Tagen"
    assert when_text(datetime(2026, 11, 24, 19, 5), date(2026, 11, 25)) == "Di., 24. Nov. 19:05"
    assert (status_word("ended-early"), followup_word("partly")) == ("vorzeitig beendet", "teilweise eingehalten")
    assert status_word("something-new") == "something-new"
    assert format_about(600) == "etwa 10 Min."
    with pytest.raises(DurationError, match="ist zu lang: eine Dauer darf höchstens 4 Stunden sein; nimm ganze"):
        parse_duration("5h")


def test_a_let_go_refused_is_one_german_sentence(tmp_path: Path) -> None:
    """The verb and the reason both in German: one sentence, no English left in it."""
    words.speak("de")
    path = tmp_path / "20261020-193000-share-the-why.toml"
    refused = letting_go._cant_let_go(path, PermissionError(errno.EACCES, "Permission denied"))
    assert str(refused) == f"{path} lässt sich nicht loslassen: Zugriff verweigert"
    assert isinstance(refused, StoreError) and refused.reason == "Zugriff verweigert"
