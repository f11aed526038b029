"""Dates in the language spoken now, from Babel: the same moment reads as an English,
a Spanish and a German speaker would write it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from bridges_tui.core.language import dates
from bridges_tui.core.language.words import speak

STARTED = datetime(2026, 11, 25, 20, 31)
THIS_YEAR = date(2026, 12, 3)
NEXT_YEAR = date(2027, 1, 5)


@pytest.fixture
def speaking() -> Iterator[None]:
    yield
    speak("en")


@pytest.mark.parametrize(
    ("code", "short_day", "with_year", "short_moment", "long_moment", "three_days"),
    [
        ("en", "25 Nov", "25 Nov 2026", "Wed 25 Nov, 20:31", "Wednesday, 25 November 2026, 20:31", "3 days ago"),
        ("es", "25 nov", "25 nov 2026", "mié, 25 nov, 20:31",
         "miércoles, 25 de noviembre de 2026, 20:31", "hace 3 días"),
        ("de", "25. Nov.", "25. Nov. 2026", "Mi., 25. Nov., 20:31",
         "Mittwoch, 25. November 2026, 20:31", "vor 3 Tagen"),
    ],
)
def test_a_moment_reads_in_the_language_spoken(
    speaking: None, code: str, short_day: str, with_year: str, short_moment: str, long_moment: str, three_days: str
) -> None:
    assert speak(code) is None
    assert dates.day(STARTED, THIS_YEAR) == short_day
    assert dates.day(STARTED, NEXT_YEAR) == with_year
    assert dates.moment(STARTED, THIS_YEAR) == short_moment
    assert dates.long_moment(STARTED) == long_moment
    assert dates.days_ago(date(2026, 11, 22), date(2026, 11, 25)) == three_days


def test_one_day_ago_is_singular_and_the_year_shows_outside_this_one(speaking: None) -> None:
    speak("de")
    assert dates.days_ago(date(2026, 11, 24), date(2026, 11, 25)) == "vor 1 Tag"
    assert "2026" in dates.weekday(STARTED, NEXT_YEAR)
    assert "2026" not in dates.weekday(STARTED, THIS_YEAR)


def test_a_language_cldr_does_not_know_gets_british_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    # A volunteer's new catalog (or the tests' pseudo-language) may carry a code that
    # CLDR has no data for: its dates are British English, never an error.
    monkeypatch.setattr(dates, "spoken", lambda: "qqq")
    assert dates.moment(STARTED, THIS_YEAR) == "Wed 25 Nov, 20:31"
    assert dates.days_ago(date(2026, 11, 22), date(2026, 11, 25)) == "3 days ago"
