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
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from bridges_tui.core.files.paths import user_practices_dir
from bridges_tui.core.model.records import record
from bridges_tui.core.model.session import Practice, PracticeCard
from bridges_tui.core.practice_scripts.reading import (
    PracticeProblem,
    PracticeScriptError,
    load_practice_file,
    parse_practice_bytes,
    parse_practice_card,
)


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
#: follows in a group of its own, by id.
BUILTIN_GROUPS: tuple[PracticeGroup, ...] = (
    PracticeGroup(
        title="Rebuilding Emotional Bridges", moment="when something matters between you",
        ids=("same-team", "share-the-why", "assume-the-best", "differences",
             "say-what-you-want", "undefended"),
        about="The six practices of “Rebuilding Emotional Bridges” (SimplyMidori, 2024), "
              "an article on repairing emotional intimacy. Be on the same team is where "
              "it suggests you start.",
    ),
    PracticeGroup(
        title="Hard talks", moment="after a fight, or when you keep talking past each other",
        ids=("after-a-fight", "speaker-listener", "mirror-validate-empathise"),
        about="Structured talks from couples therapy. Each follows the method its idea "
              "names, described by the people it names.",
    ),
    PracticeGroup(
        title="Every day", moment="short talks that keep you close",
        ids=("appreciations", "love-maps", "stress-reducing"),
        about="Short rituals from John Gottman and Julie Schwartz Gottman's work on what "
              "keeps couples close.",
    ),
)
#: The group of built-ins that no group names (none, as shipped).
MORE_BUILTINS = PracticeGroup(title="More practices", moment="that came with bridges", ids=())
#: The group of the couple's own scripts (a script that replaces a built-in keeps the
#: built-in's place instead).
OWN_GROUP = PracticeGroup(title="Your own", moment="practices you wrote", ids=(),
                          about="The scripts in your practices folder.")

#: The six practices of the source, "Rebuilding Emotional Bridges".
SOURCE_PRACTICES: tuple[str, ...] = BUILTIN_GROUPS[0].ids
#: Every grouped built-in, in the order the picker shows them.
BUILTIN_ORDER: tuple[str, ...] = tuple(pid for group in BUILTIN_GROUPS for pid in group.ids)


#: The built-in scripts, inside the package. A plain path rather than
#: `importlib.resources`, whose machinery costs the first screen about 5 ms; bridges
#: is always installed as files on disk (a wheel or an editable install), never zipped.
BUILTIN_FOLDER = Path(__file__).resolve().parents[2] / "practices"


@functools.cache
def _builtin_files() -> dict[str, Path]:
    found = {
        entry.name.removesuffix(".toml"): entry
        for entry in BUILTIN_FOLDER.iterdir() if entry.name.endswith(".toml")
    }
    order = [pid for pid in BUILTIN_ORDER if pid in found]
    order += sorted(pid for pid in found if pid not in BUILTIN_ORDER)
    return {pid: found[pid] for pid in order}


def builtin_ids() -> tuple[str, ...]:
    """The ids of the practices that ship with bridges, in the order they are shown."""
    return tuple(_builtin_files())


def _builtin_file(practice_id: str) -> Path:
    files = _builtin_files()
    if practice_id not in files:
        raise KeyError(f"no built-in practice {practice_id!r}")
    return files[practice_id]


@functools.cache
def builtin_practice(practice_id: str) -> Practice:
    """A practice that ships with bridges, read whole; KeyError if there is none with
    that id."""
    entry = _builtin_file(practice_id)
    return parse_practice_bytes(entry.read_bytes(), str(entry), "built-in")


@functools.cache
def builtin_card(practice_id: str) -> PracticeCard:
    """What the picker shows of a built-in practice, read without its steps."""
    entry = _builtin_file(practice_id)
    return parse_practice_card(entry.read_bytes(), str(entry), "built-in")


def _builtin_groups() -> tuple[PracticeGroup, ...]:
    """The groups of the built-ins there are, each with the ones it names that exist."""
    ids = builtin_ids()
    groups = [replace(group, ids=tuple(pid for pid in group.ids if pid in ids))
              for group in BUILTIN_GROUPS]
    rest = tuple(pid for pid in ids if pid not in BUILTIN_ORDER)
    if rest:
        groups.append(replace(MORE_BUILTINS, ids=rest))
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

    def card(self, practice_id: str) -> PracticeCard | None:
        """The card of the practice with this id, or None."""
        return next((card for card in self.cards if card.id == practice_id), None)

    def get(self, practice_id: str) -> Practice | None:
        """The whole practice with this id (a built-in's steps are read now), or None."""
        card = self.card(practice_id)
        if card is None:
            return None
        if card.source == "user":
            return next(practice for practice in self.own if practice.id == practice_id)
        return builtin_practice(practice_id)

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


def load_catalog(user_dir: Path | None = None) -> Catalog:
    """The built-ins plus every script in `user_dir` (default: the config folder's
    `practices/`). A missing folder is fine; a broken script is listed in `broken`
    and the others still load. A user script with a built-in's id replaces it in place.
    """
    if user_dir is None:
        user_dir = user_practices_dir()
    builtins = {pid: builtin_card(pid) for pid in builtin_ids()}
    users: dict[str, Practice] = {}
    broken: list[tuple[Path, PracticeScriptError | str]] = []
    try:
        scripts = _user_scripts(user_dir) if user_dir.is_dir() else []
    except OSError as error:
        scripts = []
        broken.append((user_dir, f"cannot read the folder: {error.strerror or error}"))
    for script in scripts:
        try:
            practice = load_practice_file(script, source="user")
        except PracticeScriptError as error:
            broken.append((script, error))
            continue
        except OSError as error:
            broken.append((script, f"cannot read the file: {error.strerror or error}"))
            continue
        if practice.id in users:
            first = Path(users[practice.id].path or "").name
            message = f'"{practice.id}" is already the id of {first}'
            hint = "give each script its own id"
            problem = PracticeProblem(str(script), "", "id", message, hint)
            broken.append((script, PracticeScriptError(str(script), [problem])))
            continue
        users[practice.id] = practice
    overridden = tuple(pid for pid in builtins if pid in users)
    groups = list(_builtin_groups())
    own_ids = tuple(pid for pid in sorted(users) if pid not in builtins)
    if own_ids:
        groups.append(replace(OWN_GROUP, ids=own_ids))
    cards = [users[pid].card if pid in users else builtins[pid]
             for group in groups for pid in group.ids]
    return Catalog(cards=tuple(cards), groups=tuple(groups), own=tuple(users.values()),
                   overridden=overridden, broken=tuple(broken))
