"""Turn lengths as people write them, and as the screen shows them.

A practice script may say `turn = 90`, `"90s"`, `"2m"` or `"1m30s"`; this module turns
any of those into whole seconds, and refuses anything else with a message that says
what would have been accepted. It also formats seconds back, short (`"1m30s"`) for
lists and as a clock (`"2:05"`) for the countdown.
"""

from __future__ import annotations

import math
import re

from bridges_tui.core.language.words import N_, _

#: The longest duration a script may ask for. Anything longer is almost surely a typo
#: ("90m" for "90s"), and no turn in a conversation should run that long.
MAX_SECONDS = 4 * 60 * 60

#: What a duration may be, in English (translated where it is said).
ACCEPTED = N_('use whole seconds (90) or text like "90s", "2m", "1m30s" (up to 4h)')

_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}

# Unit words people naturally type; each maps to the one-letter unit above.
_UNIT_WORDS = {
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
}

_PART = re.compile(r"(\d+)\s*([a-z]+)")


class DurationError(ValueError):
    """A duration that cannot be used; `problem` says what is wrong with it and the
    message goes on to say what is accepted."""

    def __init__(self, problem: str) -> None:
        accepted = _(ACCEPTED)
        super().__init__(f"{problem}; {accepted}")
        self.problem = problem
        self.accepted = accepted


def _shown(text: str) -> str:
    # Quote what the person wrote, escaping control characters so that a stray escape
    # sequence is shown, not obeyed, and cutting off a runaway value.
    if len(text) > 30:
        text = text[:29] + "…"
    return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


def _too_short(written: str) -> str:
    return _("{written} is too short: a duration must be longer than zero").format(written=written)


def _not_a_duration(written: str) -> str:
    return _("{written} is not a duration").format(written=written)


def _checked(seconds: int, written: str) -> int:
    if seconds <= 0:
        raise DurationError(_too_short(written))
    if seconds > MAX_SECONDS:
        raise DurationError(_("{written} is too long: a duration can be at most 4 hours").format(written=written))
    return seconds


def parse_duration(text: object) -> int:
    """Whole seconds from `90`, `"90"`, `"90s"`, `"2m"`, `"1m30s"` or `"1m 30s"`.

    Case and spaces don't matter; units are h, m and s (or words like "min", "sec"),
    each at most once, largest first. Raises DurationError for zero, negative, empty,
    unreadable or absurd (over 4 hours) durations.
    """
    # bool is an int in Python, but `turn = true` in a script is a mistake, not 1s.
    if isinstance(text, bool):
        raise DurationError(_not_a_duration(str(text).lower()))
    if isinstance(text, float):
        if not math.isfinite(text) or not text.is_integer():
            raise DurationError(_("{written} is not a whole number of seconds").format(written=text))
        text = int(text)
    if isinstance(text, int):
        return _checked(text, str(text))
    if not isinstance(text, str):
        raise DurationError(_not_a_duration(type(text).__name__))

    cleaned = text.strip().lower()
    written = _shown(text.strip())
    if not cleaned:
        raise DurationError(_("an empty text is not a duration"))
    if re.fullmatch(r"[+-]?\d+", cleaned):
        return _checked(int(cleaned), written)
    if cleaned.startswith("-"):
        raise DurationError(_too_short(written))

    total = 0
    used: list[str] = []
    position = 0
    for match in _PART.finditer(cleaned):
        gap = cleaned[position : match.start()]
        unit = _UNIT_WORDS.get(match.group(2))
        if gap.strip() or unit is None:
            raise DurationError(_not_a_duration(written))
        # "30s 1m" or "1m 1m" is more likely a slip than a meaning; refuse it.
        if used and (unit in used or _UNIT_SECONDS[unit] > _UNIT_SECONDS[used[-1]]):
            raise DurationError(_("{written} is not a duration (units go h, m, s, once each)").format(written=written))
        used.append(unit)
        total += int(match.group(1)) * _UNIT_SECONDS[unit]
        position = match.end()
    if not used or cleaned[position:].strip():
        raise DurationError(_not_a_duration(written))
    return _checked(total, written)


def format_duration(seconds: float) -> str:
    """Seconds written short, the way scripts write them: "45s", "2m", "1m30s", "1h5m".

    Fractions are rounded to the nearest second; a negative value gets a leading "-".
    """
    whole = round(seconds)
    if whole < 0:
        return "-" + format_duration(-whole)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h" if hours else "", f"{minutes}m" if minutes else ""]
    parts.append(f"{secs}s" if secs or not (hours or minutes) else "")
    return "".join(parts)


def format_clock(seconds: float) -> str:
    """Seconds as a clock face: "0:45", "2:05", and "1:02:05" from an hour up.

    Fractions are dropped (a countdown that wants to show 0:01 until the very end
    should pass `math.ceil(remaining)`); a negative value gets a leading "-".
    """
    if seconds < 0:
        return "-" + format_clock(-seconds)
    whole = math.floor(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def about_minutes(seconds: float) -> int:
    """A session's length in whole minutes, as a person would plan for it (at least 1)."""
    return max(1, round(seconds / 60))


def format_about(seconds: float) -> str:
    """A session's length as a person would plan for it: "about 12 min"."""
    return _("about {minutes} min").format(minutes=about_minutes(seconds))
