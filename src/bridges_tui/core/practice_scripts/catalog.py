"""The catalog: every practice on offer, built-in and the couple's own.

Built-in scripts ship inside the package (`bridges_tui/practices/*.toml`), in a fixed
order; user scripts live in the config folder's `practices/`. A broken user script is
listed with why, and the others still load; a user script with a built-in's id
replaces it in place. Reading one script is `practices`' job.

The catalog lists cards (title, summary, turn length, how long it takes), in groups:
the six practices of the source first, then the others by the moments they serve,
then the couple's own. A built-in's card is read from the top of its script and a
scan of its steps' lengths, and its steps only when it is chosen, so the first screen
parses one script's steps, not twelve. The couple's own scripts are read whole, since
only a whole reading says whether one is broken.

Built-ins come in languages: the English original in `practices/<id>.toml`, each
translation in `practices/<code>/<id>.toml`, with the same id and the same step ids,
so that history and trends join sessions held in different languages. The catalog
reads them in the language asked for, and a practice not translated into it in
English, saying so in one line (`Catalog.note`). The groups' titles go through
`gettext` when the catalog is made, so they are in the language bridges speaks.
The couple's own scripts are shown whatever their language.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from bridges_tui.core.files.paths import user_practices_dir
from bridges_tui.core.files.safe_files import plain_reason
from bridges_tui.core.language.choice import ENGLISH
from bridges_tui.core.language.words import N_, _, n_
from bridges_tui.core.model.field_checks import LANGUAGE_CODE
from bridges_tui.core.model.records import record
from bridges_tui.core.model.session import Practice, PracticeCard
from bridges_tui.core.practice_scripts.card_cache import cached_cards, cached_practice

if TYPE_CHECKING:
    from bridges_tui.core.practice_scripts.reading import PracticeScriptError

# The script reader (`reading`, `cards`, their checks and `tomllib`) is imported where a
# script is read: a first screen whose built-ins come from the cache reads none, and
# importing it would cost `bridges talk`'s first frame about 3 ms (see `card_cache`).


@record
class PracticeGroup:
    """Practices shown together, under a title and the moment they are for."""

    #: e.g. "Rebuilding Emotional Bridges"
    title: str
    #: When a couple would reach for them: "when something matters between you".
    moment: str
    #: The practices' ids, in the order they are shown.
    ids: tuple[str, ...]
    #: Where they come from, for the help screen.
    about: str = ""


#: The built-ins' groups, in the order the picker shows them. The six practices of the
#: source come first: being on the same team, where the source advises a couple to
#: start, then the two core flows, then the others in the source's order. Then the
#: practices from other methods, by moment: the hard talks (a fight to look back on
#: first), then the everyday ones, shortest first. A built-in file in no group
#: follows in a group of its own, by id. Their words are marked for the catalogs (N_)
#: and translated when a catalog is made (`_builtin_groups`).
BUILTIN_GROUPS: tuple[PracticeGroup, ...] = (
    PracticeGroup(
        title=N_("Rebuilding Emotional Bridges"), moment=N_("when something matters between you"),
        ids=("same-team", "share-the-why", "assume-the-best", "differences",
             "say-what-you-want", "undefended"),
        about=N_("The six practices of “Rebuilding Emotional Bridges” (SimplyMidori, 2024), "
                 "an article on repairing emotional intimacy. Be on the same team is where "
                 "it suggests you start."),
    ),
    PracticeGroup(
        title=N_("Hard talks"), moment=N_("after a fight, or when you keep talking past each other"),
        ids=("after-a-fight", "speaker-listener", "mirror-validate-empathise"),
        about=N_("Structured talks from couples therapy. Each follows the method its idea "
                 "names, described by the people it names."),
    ),
    PracticeGroup(
        title=N_("Every day"), moment=N_("short talks that keep you close"),
        ids=("appreciations", "love-maps", "stress-reducing"),
        about=N_("Short rituals from John Gottman and Julie Schwartz Gottman's work on what "
                 "keeps couples close."),
    ),
)
#: The group of built-ins that no group names (none, as shipped).
MORE_BUILTINS = PracticeGroup(title=N_("More practices"), moment=N_("that came with bridges"), ids=())
#: The group of the couple's own scripts (a script that replaces a built-in keeps the
#: built-in's place instead).
OWN_GROUP = PracticeGroup(title=N_("Your own"), moment=N_("practices you wrote"), ids=(),
                          about=N_("The scripts in your practices folder."))

#: The six practices of the source, "Rebuilding Emotional Bridges".
SOURCE_PRACTICES: tuple[str, ...] = BUILTIN_GROUPS[0].ids
#: Every grouped built-in, in the order the picker shows them.
BUILTIN_ORDER: tuple[str, ...] = tuple(pid for group in BUILTIN_GROUPS for pid in group.ids)


#: The built-in scripts, inside the package: the English originals, and a folder of
#: translations per language beside them (`es/`, `de/`). A plain path rather than
#: `importlib.resources`, whose machinery costs the first screen about 5 ms; bridges
#: is always installed as files on disk (a wheel or an editable install), never zipped.
BUILTIN_FOLDER = Path(__file__).resolve().parents[2] / "practices"


def _scripts_in(folder: Path) -> dict[str, Path]:
    return {entry.name.removesuffix(".toml"): entry
            for entry in folder.iterdir() if entry.name.endswith(".toml")}


@functools.cache
def _builtin_files() -> dict[str, Path]:
    found = _scripts_in(BUILTIN_FOLDER)
    order = [pid for pid in BUILTIN_ORDER if pid in found]
    order += sorted(pid for pid in found if pid not in BUILTIN_ORDER)
    return {pid: found[pid] for pid in order}


@functools.cache
def _translated_files(language: str) -> dict[str, Path]:
    """The built-ins translated into `language`, by id (none for English, or for a
    language with no folder)."""
    folder = BUILTIN_FOLDER / language
    if language == ENGLISH or not LANGUAGE_CODE.fullmatch(language) or not folder.is_dir():
        return {}
    return _scripts_in(folder)


def builtin_ids() -> tuple[str, ...]:
    """The ids of the practices that ship with bridges, in the order they are shown."""
    return tuple(_builtin_files())


def builtin_language(practice_id: str, language: str) -> str:
    """The language the built-in `practice_id` is read in when `language` is asked
    for: that one when it has been translated into it, else English. KeyError if
    there is no built-in with that id."""
    builtin_file(practice_id, ENGLISH)
    return language if practice_id in _translated_files(language) else ENGLISH


def builtin_translations(language: str) -> dict[str, Path]:
    """The scripts of the built-ins translated into `language`, by id: those with an
    English original (a translation checks against it with `bridges check`)."""
    return {pid: path for pid, path in _translated_files(language).items() if pid in _builtin_files()}


def builtin_file(practice_id: str, language: str = ENGLISH) -> Path:
    """The script of a built-in practice in `language` (its English original when it
    has not been translated into it); KeyError if there is none with that id."""
    files = _builtin_files()
    if practice_id not in files:
        raise KeyError(f"no built-in practice {practice_id!r}")
    return _translated_files(language).get(practice_id, files[practice_id])



@functools.cache
def builtin_practice(practice_id: str, language: str = ENGLISH, cache: Path | None = None) -> Practice:
    """A practice that ships with bridges, read whole, in `language` where it has
    been translated into it and in English otherwise; KeyError if there is none with
    that id. With `cache`, it is kept there between starts (see `card_cache`)."""
    entry = builtin_file(practice_id, language)
    if cache is None:
        return _read_builtin(practice_id, language, entry)
    return cached_practice(cache, language, practice_id, entry, lambda: _read_builtin(practice_id, language, entry))


def _read_builtin(practice_id: str, language: str, entry: Path) -> Practice:
    from bridges_tui.core.practice_scripts.reading import parse_practice_bytes

    practice = parse_practice_bytes(entry.read_bytes(), str(entry), "built-in")
    read_in = builtin_language(practice_id, language)
    return practice if practice.language == read_in else replace(practice, language=read_in)


@functools.cache
def builtin_card(practice_id: str, language: str = ENGLISH) -> PracticeCard:
    """What the picker shows of a built-in practice, read without its steps, in
    `language` as `builtin_practice` reads it."""
    from bridges_tui.core.practice_scripts.cards import parse_practice_card

    entry = builtin_file(practice_id, language)
    return parse_practice_card(entry.read_bytes(), str(entry), "built-in")


def _translated(group: PracticeGroup) -> PracticeGroup:
    """`group` with its words in the language bridges speaks."""
    return replace(group, title=_(group.title), moment=_(group.moment),
                   about=_(group.about) if group.about else "")


def _builtin_groups() -> tuple[PracticeGroup, ...]:
    """The groups of the built-ins there are, each with the ones it names that exist,
    in the language bridges speaks."""
    ids = builtin_ids()
    groups = [replace(_translated(group), ids=tuple(pid for pid in group.ids if pid in ids))
              for group in BUILTIN_GROUPS]
    rest = tuple(pid for pid in ids if pid not in BUILTIN_ORDER)
    if rest:
        groups.append(replace(_translated(MORE_BUILTINS), ids=rest))
    return tuple(group for group in groups if group.ids)


@record
class Catalog:
    """Every practice on offer, as cards: built-ins first, then the user's own, by id;
    and the same cards in their groups."""

    cards: tuple[PracticeCard, ...]
    #: The groups, in order; their ids, one after the other, are the cards' order.
    groups: tuple[PracticeGroup, ...] = ()
    #: The user's own practices, read whole.
    own: tuple[Practice, ...] = ()
    #: Ids of built-ins that a user script replaces.
    overridden: tuple[str, ...] = ()
    #: User scripts that could not be loaded, with why: the script's problems, or the
    #: reason the file (or folder) could not be read.
    broken: tuple[tuple[Path, PracticeScriptError | str], ...] = ()
    #: The language the built-ins were asked for.
    language: str = ENGLISH
    #: Built-ins not translated into it, shown in English (by id, in catalog order).
    untranslated: tuple[str, ...] = ()
    #: Where the built-ins are kept between starts, if anywhere (see `card_cache`).
    cache: Path | None = None

    @property
    def note(self) -> str | None:
        """The one calm line saying which built-ins are in English for want of a
        translation (None when every one is in the language asked for)."""
        titles = [card.title for pid in self.untranslated if (card := self.card(pid)) is not None]
        if not titles:
            return None
        return n_("“{titles}” isn't in your language yet, so it is shown in English.",
                  "Some practices aren't in your language yet, so they are shown in English: {titles}.",
                  len(titles)).format(titles=", ".join(titles))

    def card(self, practice_id: str) -> PracticeCard | None:
        """The card of the practice with this id, or None."""
        return next((card for card in self.cards if card.id == practice_id), None)

    def get(self, practice_id: str, language: str | None = None) -> Practice | None:
        """The whole practice with this id (a built-in's steps are read now), or None;
        a built-in in `language` (a past session's), default the catalog's."""
        card = self.card(practice_id)
        if card is None:
            return None
        if card.source == "user":
            return next(practice for practice in self.own if practice.id == practice_id)
        return builtin_practice(practice_id, language or self.language, self.cache)

    def ids(self) -> tuple[str, ...]:
        """Every practice id, in catalog order."""
        return tuple(card.id for card in self.cards)

    def grouped(self) -> tuple[tuple[PracticeGroup, tuple[PracticeCard, ...]], ...]:
        """Each group with its cards, in order."""
        by_id = {card.id: card for card in self.cards}
        return tuple((group, tuple(by_id[pid] for pid in group.ids)) for group in self.groups)


def _user_scripts(folder: Path) -> list[Path]:
    # iterdir, unlike glob, reports a folder it cannot read instead of hiding it.
    # Hidden files are editor locks and swap files, not scripts.
    return sorted(
        entry for entry in folder.iterdir()
        if entry.suffix == ".toml" and not entry.name.startswith(".") and entry.is_file()
    )


def load_catalog(user_dir: Path | None = None, language: str = ENGLISH, *,
                 cards_cache: Path | None = None) -> Catalog:
    """The built-ins in `language` (in English where one has not been translated
    into it) plus every script in `user_dir` (default: the config folder's
    `practices/`), whatever its language. A missing folder is fine; a broken script is
    listed in `broken` and the others still load. A user script with a built-in's id
    replaces it in place. With `cards_cache`, the built-ins' cards, and each one
    opened whole, are kept there between starts (see `card_cache`).
    """
    if user_dir is None:
        user_dir = user_practices_dir()
    if cards_cache is None:
        builtins = {pid: builtin_card(pid, language) for pid in builtin_ids()}
    else:
        scripts = {pid: builtin_file(pid, language) for pid in builtin_ids()}
        builtins = cached_cards(cards_cache, language, scripts, lambda pid: builtin_card(pid, language))
    users, broken = _read_own(user_dir)
    overridden = tuple(pid for pid in builtins if pid in users)
    groups = list(_builtin_groups())
    own_ids = tuple(pid for pid in sorted(users) if pid not in builtins)
    if own_ids:
        groups.append(replace(_translated(OWN_GROUP), ids=own_ids))
    cards = [users[pid].card if pid in users else builtins[pid]
             for group in groups for pid in group.ids]
    untranslated = tuple(card.id for card in cards if card.source == "built-in"
                         and builtin_language(card.id, language) != language)
    return Catalog(cards=tuple(cards), groups=tuple(groups), own=tuple(users.values()),
                   overridden=overridden, broken=tuple(broken), language=language,
                   untranslated=untranslated, cache=cards_cache)


def _read_own(user_dir: Path) -> tuple[dict[str, Practice], list[tuple[Path, PracticeScriptError | str]]]:
    """The couple's own scripts in `user_dir` by id, and those that could not be read, with why."""
    try:
        scripts = _user_scripts(user_dir) if user_dir.is_dir() else []
    except OSError as error:
        return {}, [(user_dir, _("cannot read the folder: {reason}").format(reason=plain_reason(error)))]
    if not scripts:
        return {}, []
    from bridges_tui.core.practice_scripts.reading import (
        PracticeProblem,
        PracticeScriptError,
        load_practice_file,
    )

    users: dict[str, Practice] = {}
    broken: list[tuple[Path, PracticeScriptError | str]] = []
    for script in scripts:
        try:
            practice = load_practice_file(script, source="user")
        except PracticeScriptError as error:
            broken.append((script, error))
            continue
        except OSError as error:
            broken.append((script, _("cannot read the file: {reason}").format(reason=plain_reason(error))))
            continue
        if practice.id in users:
            first = Path(users[practice.id].path or "").name
            message = _('"{id}" is already the id of {file}').format(id=practice.id, file=first)
            hint = _("give each script its own id")
            problem = PracticeProblem(str(script), "", "id", message, hint)
            broken.append((script, PracticeScriptError(str(script), [problem])))
            continue
        users[practice.id] = practice
    return users, broken
