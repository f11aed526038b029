"""The key each partner presses to agree to something neither may decide alone
(letting a session go, keeping one held off the record): a letter of their own name,
so that one press by one person is never both answers.

Usually a name's first letter (Sam: s, Alex: a). Two names that begin alike take the
next letter of the second name that is free (Sam and Sasha: s and a); a letter with
an accent is its plain letter (Émile: e); a name with no plain letter at all (an emoji,
李雷, שלום) takes the partner's own letter, a or b, or the first letter still free.
"""

from __future__ import annotations

import string
import unicodedata


def letters_of(name: str) -> list[str]:
    """The plain letters a–z of `name`, lower case, in order, each once."""
    plain = unicodedata.normalize("NFKD", name).casefold()
    found: list[str] = []
    for character in plain:
        if character in string.ascii_lowercase and character not in found:
            found.append(character)
    return found


def partner_keys(names: tuple[str, str]) -> tuple[str, str]:
    """The two partners' keys: two different letters a–z, each from its partner's
    name where the name allows (see the module docstring)."""
    taken: list[str] = []
    for name, own in zip(names, ("a", "b"), strict=True):
        choices = [*letters_of(name), own, *string.ascii_lowercase]
        taken.append(next(letter for letter in choices if letter not in taken))
    return taken[0], taken[1]
