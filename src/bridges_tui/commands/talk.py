"""`bridges talk PRACTICE`: open straight in a conversation.

Everything that can be wrong with the arguments is checked before Textual starts,
so a typo gets a plain message and exit status 1 instead of a half-drawn screen.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from bridges_tui.commands.command_error import CommandError
from bridges_tui.core.files import paths
from bridges_tui.core.language.words import _, spoken
from bridges_tui.core.model.session import ModelError, Practice, clean_name
from bridges_tui.core.practice_scripts.card_cache import CACHE_FILE
from bridges_tui.core.practice_scripts.catalog import Catalog, builtin_ids, builtin_practice, load_catalog
from bridges_tui.core.text.durations import DurationError, parse_duration


def talk(practice_id: str, names: Sequence[str] | None, turn: str | None, *,
         off_the_record: bool = False) -> int:
    """Check the arguments, then open the app in the conversation (held in memory only,
    `off_the_record`)."""
    practice = _practice(practice_id)
    turn_seconds = None
    if turn is not None:
        try:
            turn_seconds = parse_duration(turn)
        except DurationError as error:
            raise CommandError(_("--turn {value}: {error}").format(value=repr(turn), error=error)) from None
    pair = _names(names)
    if pair[0].casefold() == pair[1].casefold():
        raise CommandError(_("the two names must differ, so the panes can tell you apart"))

    from bridges_tui.tui.app import TalkRequest, run_app

    return run_app(TalkRequest(practice, pair, turn_seconds, off_the_record=off_the_record))


def _practice(practice_id: str) -> Practice:
    """The practice to talk through. Without scripts of the couple's own, only the one
    built-in is read; otherwise the whole catalog, since theirs may replace it."""
    user_dir = paths.user_practices_dir()
    has_own = user_dir.is_dir() and any(user_dir.glob("*.toml"))
    language = spoken()
    cache = paths.data_dir() / CACHE_FILE
    if not has_own and practice_id in builtin_ids():
        return _in_english_if_so(builtin_practice(practice_id, language, cache), language)
    catalog = load_catalog(user_dir, language, cards_cache=cache)
    practice = catalog.get(practice_id)
    if practice is None:
        known = ", ".join(catalog.ids()) or _("none")
        raise CommandError(
            _("no practice called {id}. Known practices: {known}").format(id=repr(practice_id), known=known)
        )
    return _in_english_if_so(practice, language)


def _in_english_if_so(practice: Practice, language: str) -> Practice:
    """`practice`, having said on stderr, once, when it is a built-in in English for
    want of a translation into `language`."""
    if practice.source == "built-in" and practice.language != language:
        print(Catalog(cards=(practice.card,), untranslated=(practice.id,)).note, file=sys.stderr)
    return practice


def _names(names: Sequence[str] | None) -> tuple[str, str]:
    if names is None:
        from bridges_tui.core.files.config import load_config  # only when the names are not given

        config, _warning = load_config(paths.config_file())
        if config.names is None:
            raise CommandError(_(
                "who is talking? Give both names once, e.g. "
                "`bridges talk share-the-why --names Sam Alex`; bridges remembers them."
            ))
        return config.names
    try:
        return clean_name(names[0]), clean_name(names[1])
    except ModelError as error:
        raise CommandError(f"--names: {error.problem}") from None
