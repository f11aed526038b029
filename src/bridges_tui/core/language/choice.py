"""Which language bridges speaks: the couple's `--lang`, else their saved choice, else
the environment as `gettext` reads it (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`),
else English. A language bridges has no words for, or a code that is not a language
at all, falls back to English with one calm line saying so; it is never an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from bridges_tui.core.language.words import _

#: English first: the language of the source, and of everything not yet translated.
ENGLISH = "en"
#: The languages bridges has words for, as shown in the setup's choice.
SUPPORTED: Mapping[str, str] = {"en": "English", "es": "Español", "de": "Deutsch"}
#: What `gettext` reads, in its order: the first one set decides.
ENVIRONMENT_KEYS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

# "de", "de_DE", "de-AT", "de_DE.UTF-8", "de_DE@euro", "es_419": the language is
# the two or three letters before any region, encoding or modifier.
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[_-][A-Za-z0-9]{2,8})*(?:\.[\w-]+)?(?:@\w+)?$")


class LanguageChoice(NamedTuple):
    """The language chosen (`code`, one of `SUPPORTED`), what was asked for, and
    the one line to show when that could not be had (None when it could)."""

    code: str
    asked: str | None = None
    note: str | None = None


def language_of(tag: str) -> str | None:
    """The language in a locale name or language tag ("de_DE.UTF-8" -> "de"); None
    for "C", "POSIX" and anything that is not a language."""
    tag = tag.strip()
    if tag in ("C", "POSIX") or tag.startswith(("C.", "POSIX.")):
        return None
    match = _TAG.match(tag)
    return match.group(1).lower() if match else None


def asked_in(environ: Mapping[str, str]) -> str | None:
    """The language the environment asks for, as `gettext` reads it: the first of
    `ENVIRONMENT_KEYS` that is set; `LANGUAGE` may list several ("de:en"), and the first
    one bridges speaks wins."""
    for name in ENVIRONMENT_KEYS:
        value = environ.get(name, "")
        if not value:
            continue
        tags = value.split(":") if name == "LANGUAGE" else [value]
        spoken = [tag for tag in tags if language_of(tag) in SUPPORTED]
        return spoken[0] if spoken else tags[0]
    return None


def choose_language(
    environ: Mapping[str, str], *, flag: str | None = None, saved: str | None = None
) -> LanguageChoice:
    """The language to speak: `flag` (`--lang`), else `saved` (the setup's choice),
    else the environment's; English when none is set or bridges can't speak it."""
    asked = next((tag for tag in (flag, saved) if tag), None) or asked_in(environ)
    if asked is None:
        return LanguageChoice(ENGLISH)
    code = language_of(asked)
    if code is not None and code in SUPPORTED:
        return LanguageChoice(code, asked)
    if code is None and (flag or saved):
        note = _("“{asked}” is not a language bridges knows, so it carries on in English.").format(asked=asked)
    elif code is None:
        return LanguageChoice(ENGLISH, asked)  # "C", "POSIX": plain English, nothing to say
    else:
        note = _("bridges doesn't speak “{asked}” yet, so it carries on in English.").format(asked=asked)
    return LanguageChoice(ENGLISH, asked, note)
