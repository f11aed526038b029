"""Dates and times as the language spoken now writes them, from Babel's CLDR data:
"Wed 25 Nov, 20:31" in English, "Mi., 25. Nov., 20:31" in German, "mié, 25 nov, 20:31"
in Spanish; "3 days ago", "vor 3 Tagen", "hace 3 días".

Every function takes the moment and says it in `spoken()`'s language. English is
British English ("25 Nov", a 24-hour clock), as bridges wrote dates before it spoke
other languages. Babel is imported on the first date shown, not at start-up: it
costs about 14 ms to import and 8 ms to read a language's data (measured with
`python -X importtime` on this machine), more than a first screen without dates
should pay.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from bridges_tui.core.language.words import spoken

if TYPE_CHECKING:
    from babel import Locale

#: The CLDR locale for each language code bridges speaks.
_LOCALE_IDS = {"en": "en_GB", "es": "es_ES", "de": "de_DE"}
#: CLDR skeletons: the fields a date shows, each language putting them in its order.
_DAY_FORMAT = "MMMd"
_DAY_AND_YEAR_FORMAT = "yMMMd"
_WEEKDAY_FORMAT = "MMMEd"
_WEEKDAY_AND_YEAR_FORMAT = "yMMMEd"


@cache
def _locale(code: str) -> Locale:
    """CLDR's data for `code`; British English's for a code CLDR doesn't know (a
    volunteer's new catalog, the tests' pseudo-language), so a date is never an error."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(_LOCALE_IDS.get(code, code))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(_LOCALE_IDS["en"])


def _skeleton(skeleton: str, moment: date | datetime) -> str:
    from babel.dates import format_skeleton

    return format_skeleton(skeleton, moment, locale=_locale(spoken()))


def _time(moment: datetime) -> str:
    from babel.dates import format_time

    return format_time(moment, "short", locale=_locale(spoken()))


def day(moment: date | datetime, today: date | None = None) -> str:
    """The day: "25 Nov", with the year when it is not `today`'s ("25 Nov 2025");
    with no `today`, always with the year."""
    if today is not None and moment.year == today.year:
        return _skeleton(_DAY_FORMAT, moment)
    return _skeleton(_DAY_AND_YEAR_FORMAT, moment)


def weekday(moment: date | datetime, today: date | None = None) -> str:
    """The day with its weekday: "Wed 25 Nov" ("Wed 25 Nov 2025" in another year
    than `today`'s, or always with the year when there is no `today`)."""
    if today is not None and moment.year == today.year:
        return _skeleton(_WEEKDAY_FORMAT, moment)
    return _skeleton(_WEEKDAY_AND_YEAR_FORMAT, moment)


def moment(started: datetime, today: date | None = None) -> str:
    """A session's start, short: "Wed 25 Nov, 20:31" ("Wed 25 Nov 2025, 20:31" in
    another year than `today`'s, or with the year when there is no `today`)."""
    from babel.dates import get_datetime_format

    joined = str(get_datetime_format("medium", locale=_locale(spoken())))
    return joined.replace("{1}", weekday(started, today)).replace("{0}", _time(started))


def long_moment(started: datetime) -> str:
    """A session's start in full, for a heading: "Wednesday, 25 November 2026, 20:31"."""
    from babel.dates import format_date, get_datetime_format

    joined = str(get_datetime_format("long", locale=_locale(spoken())))
    spelled = format_date(started, "full", locale=_locale(spoken()))
    return joined.replace("'", "").replace("{1}", spelled).replace("{0}", _time(started))


def clock_time(moment: datetime) -> str:
    """The time of day: "20:31"."""
    return _time(moment)


def days_ago(then: date, today: date) -> str:
    """How many days ago, in words: "3 days ago", "vor 3 Tagen", "hace 3 días"; in
    weeks from two weeks on ("2 weeks ago"), as Babel rounds."""
    from babel.dates import format_timedelta

    delta: timedelta = then - today
    return format_timedelta(
        delta, granularity="day", add_direction=True, threshold=1.1, locale=_locale(spoken())
    )
