"""Durations as scripts write them (90, "2m", "1m30s") and as the screen shows them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bridges_tui.core.text.durations import (
    MAX_SECONDS,
    DurationError,
    format_clock,
    format_duration,
    parse_duration,
)


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        (90, 90),
        ("90", 90),
        ("90s", 90),
        ("2m", 120),
        ("1m30s", 90),
        ("1m 30s", 90),
        ("  1M30S  ", 90),
        ("1 m 30 s", 90),
        ("2 min", 120),
        ("1 minute 5 seconds", 65),
        ("1h", 3600),
        ("4h", MAX_SECONDS),
        (120.0, 120),
    ],
)
def test_accepts_the_forms_people_write(written: str | int, seconds: int) -> None:
    assert parse_duration(written) == seconds


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (0, "longer than zero"),
        ("0", "longer than zero"),
        ("0m", "longer than zero"),
        (-30, "longer than zero"),
        ("-30s", "longer than zero"),
        ("", "empty"),
        ("   ", "empty"),
        ("abc", "not a duration"),
        ("2x", "not a duration"),
        ("1m30", "not a duration"),
        ("1.5m", "not a duration"),
        ("30s 1m", "units go h, m, s"),
        ("1m 1m", "units go h, m, s"),
        ("m", "not a duration"),
        (90.5, "whole number"),
        (True, "not a duration"),
        ("5h", "at most 4 hours"),
        (MAX_SECONDS + 1, "at most 4 hours"),
        ("999999999m", "at most 4 hours"),
    ],
)
def test_refuses_and_says_what_is_accepted(written: object, problem: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(written)  # type: ignore[arg-type]
    assert problem in str(caught.value)
    assert '"1m30s"' in str(caught.value)  # the message always shows what works
    assert isinstance(caught.value, ValueError)


def test_error_quotes_the_value_with_control_characters_escaped() -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration("2\x1b[31mm")
    assert "\x1b" not in str(caught.value)
    assert "\\x1b" in caught.value.problem


@pytest.mark.parametrize(
    ("seconds", "short"),
    [(45, "45s"), (60, "1m"), (90, "1m30s"), (120, "2m"), (3600, "1h"), (3905, "1h5m5s"),
     (0, "0s"), (89.6, "1m30s"), (-90, "-1m30s")],
)
def test_format_duration(seconds: float, short: str) -> None:
    assert format_duration(seconds) == short


@pytest.mark.parametrize(
    ("seconds", "clock"),
    [(0, "0:00"), (45, "0:45"), (125, "2:05"), (125.9, "2:05"), (600, "10:00"),
     (3725, "1:02:05"), (-5, "-0:05")],
)
def test_format_clock(seconds: float, clock: str) -> None:
    assert format_clock(seconds) == clock


@given(st.integers(min_value=1, max_value=MAX_SECONDS))
def test_formatted_durations_read_back_the_same(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds
