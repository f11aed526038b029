"""The words bridges shows, in the chosen language: `_` for a sentence, `n_` for one
with a count in it, `N_` to mark a sentence that is kept now and translated where it
is shown (a class attribute, a table). Until `speak` is called, and for any sentence a
catalog lacks, the words are the English ones in the code.

The catalogs are the standard `gettext` kind: `bridges_tui/locale/<code>/LC_MESSAGES/
bridges.po`, compiled to the `bridges.mo` beside it (a test keeps the two in step).
Only the chosen language's catalog is read, when `speak` is called.
"""

from __future__ import annotations

import gettext
from pathlib import Path

#: Where the catalogs are, inside the package (so a wheel carries them).
LOCALE_DIR = Path(__file__).resolve().parent.parent.parent / "locale"
DOMAIN = "bridges"

_spoken: gettext.NullTranslations = gettext.NullTranslations()
_code = "en"


def speak(code: str) -> str | None:
    """Speak `code` from now on. Returns a line to show when its catalog can't be
    read (missing or damaged): bridges then carries on in English, losing nothing."""
    global _spoken, _code
    if code == "en":
        _spoken, _code = gettext.NullTranslations(), "en"
        return None
    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as catalog:
            spoken = gettext.GNUTranslations(catalog)
    except FileNotFoundError:
        problem = "its words are missing"
    except (OSError, ValueError, UnicodeError, IndexError) as error:  # a damaged file
        problem = f"its words could not be read ({type(error).__name__})"
    else:
        _spoken, _code = spoken, code
        return None
    _spoken, _code = gettext.NullTranslations(), "en"
    return f"bridges can't speak “{code}” here: {problem} ({path}), so it carries on in English."


def spoken() -> str:
    """The code of the language spoken now ("en" until `speak` says otherwise)."""
    return _code


def _(sentence: str) -> str:
    """`sentence` in the language spoken now (English where the catalog has none)."""
    return _spoken.gettext(sentence)


def n_(singular: str, plural: str, count: int) -> str:
    """The form of a sentence for `count`, by the language's own plural rules (from
    its catalog's header: German and Spanish have two forms, others more)."""
    return _spoken.ngettext(singular, plural, count)


def N_(sentence: str) -> str:
    """Marks `sentence` for the catalogs without translating it now: for words kept
    before a language is chosen (a binding's description, a table), translated with
    `_` where they are shown."""
    return sentence


def in_quotes(words: str) -> str:
    """`words` (a partner's, or a starter to say) between the quotation marks of the
    language spoken: “…” in English, „…“ in German, «…» in Spanish."""
    return _("“{words}”").format(words=words)
