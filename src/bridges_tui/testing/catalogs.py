"""Checks of the catalogs in `bridges_tui/locale`, for the tests and for
`scripts/translations check`: every sentence translated and none fuzzy, the same
placeholders as the English, and each compiled `bridges.mo` holding exactly what its
`bridges.po` says (a `.po` edited and not compiled would show the old words)."""

from __future__ import annotations

import gettext
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bridges_tui.core.language.words import DOMAIN, LOCALE_DIR

_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[sdrifx%]")


@dataclass(frozen=True)
class Problem:
    language: str
    message: str
    what: str

    def __str__(self) -> str:
        return f"{self.language}: {self.message!r}: {self.what}"


def languages(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """The languages with a catalog, by code."""
    return sorted(path.parent.parent.name for path in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read_catalog(code: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    with (locale_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po:
        return read_po(po, locale=code)


def problems(code: str, locale_dir: Path = LOCALE_DIR) -> list[Problem]:
    """What is wrong with `code`'s catalog: untranslated, fuzzy, placeholders that
    differ from the English, a compiled catalog out of step with its `.po`."""
    catalog = read_catalog(code, locale_dir)
    found: list[Problem] = []
    with (locale_dir / "bridges.pot").open("rb") as pot:
        wanted = {_texts(message.id)[0] for message in read_po(pot) if message.id}
    have = {_texts(message.id)[0] for message in catalog if message.id}
    found += [Problem(code, m, "missing: run scripts/translations update") for m in sorted(wanted - have)]
    try:
        with (locale_dir / code / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as mo:
            compiled = gettext.GNUTranslations(mo)
    except OSError as error:
        return [*found, Problem(code, "", f"no compiled catalog ({error.strerror}): "
                                          "run scripts/translations compile")]
    for message in catalog:
        if not message.id:
            continue
        strings, ids = _texts(message.string), _texts(message.id)
        first = ids[0]
        if message.fuzzy:
            found.append(Problem(code, first, "fuzzy: check it and drop the fuzzy mark"))
        if not all(strings):
            found.append(Problem(code, first, "not translated"))
            continue
        english = sorted(_PLACEHOLDER.findall(first))
        if any(sorted(_PLACEHOLDER.findall(string)) != english for string in strings):
            found.append(Problem(code, first, f"placeholders differ from the English {english}"))
        shown = compiled.ngettext(first, ids[-1], 1) if len(ids) > 1 else compiled.gettext(first)
        if shown != strings[0]:
            found.append(Problem(code, first,
                                 "compiled catalog is out of date: run scripts/translations compile"))
    return found


def _texts(value: object) -> tuple[str, ...]:
    """A message's id or its translation, one text or a plural's several, as texts."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (tuple, list)):
        return tuple(text if isinstance(text, str) else "" for text in value)  # pyright: ignore[reportUnknownVariableType]
    return ("",)


def main(argv: list[str]) -> int:
    locale_dir = Path(argv[0]) if argv else LOCALE_DIR
    found = [problem for code in languages(locale_dir) for problem in problems(code, locale_dir)]
    for problem in found:
        print(problem)
    print(f"{len(languages(locale_dir))} languages, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
