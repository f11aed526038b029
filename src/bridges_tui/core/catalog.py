"""The catalog: every practice on offer, built-in and the couple's own.

Built-in scripts ship inside the package (`bridges_tui/practices/*.toml`), in a fixed
order; user scripts live in the config folder's `practices/`. A broken user script is
listed with why, and the others still load; a user script with a built-in's id
replaces it in place. Reading one script is `practices`' job.
"""

from __future__ import annotations

import functools
from pathlib import Path

from bridges_tui.core.model import Practice
from bridges_tui.core.paths import user_practices_dir
from bridges_tui.core.practices import (
    PracticeProblem,
    PracticeScriptError,
    load_practice_file,
    parse_practice_bytes,
)
from bridges_tui.core.records import record


#: Built-ins in the order the picker shows them; any other built-in file follows by id.
#: Being on the same team comes first, where the source advises a couple to start;
#: then the two core flows, then the others in the source's order.
BUILTIN_ORDER: tuple[str, ...] = (
    "same-team", "share-the-why", "assume-the-best", "differences", "say-what-you-want",
    "undefended",
)


#: The built-in scripts, inside the package. A plain path rather than
#: `importlib.resources`, whose machinery costs the first screen about 5 ms; bridges
#: is always installed as files on disk (a wheel or an editable install), never zipped.
BUILTIN_FOLDER = Path(__file__).resolve().parent.parent / "practices"


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


@functools.cache
def builtin_practice(practice_id: str) -> Practice:
    """A practice that ships with bridges; KeyError if there is none with that id."""
    files = _builtin_files()
    if practice_id not in files:
        raise KeyError(f"no built-in practice {practice_id!r}")
    entry = files[practice_id]
    return parse_practice_bytes(entry.read_bytes(), str(entry), "built-in")


@record
class Catalog:
    """Every practice on offer: built-ins first, then the user's own, by id."""

    practices: tuple[Practice, ...]
    #: Ids of built-ins that a user script replaces.
    overridden: tuple[str, ...] = ()
    #: User scripts that could not be loaded, with why: the script's problems, or the
    #: reason the file (or folder) could not be read.
    broken: tuple[tuple[Path, PracticeScriptError | str], ...] = ()

    def get(self, practice_id: str) -> Practice | None:
        """The practice with this id, or None."""
        return next((p for p in self.practices if p.id == practice_id), None)

    def ids(self) -> tuple[str, ...]:
        """Every practice id, in catalog order."""
        return tuple(practice.id for practice in self.practices)


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
    builtins = {pid: builtin_practice(pid) for pid in builtin_ids()}
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
    ordered = [users.pop(pid, practice) for pid, practice in builtins.items()]
    ordered += [users[pid] for pid in sorted(users)]
    return Catalog(practices=tuple(ordered), overridden=overridden, broken=tuple(broken))
