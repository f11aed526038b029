"""Finding a practice by what the couple types into the picker: a few words (from its
title, its summary, its idea or its group's moment), or the minutes they have.

"fight" finds After a fight (and the others that speak of fights); "gottman" the
practices that follow the Gottmans; "10" or "10 min" every practice that takes about
ten minutes or less. Words are matched anywhere in a word ("apprec" finds
Appreciations), every word typed must be found, case and accents aside.
"""

from __future__ import annotations

import re
import unicodedata

from bridges_tui.core.model.records import record
from bridges_tui.core.model.session import PracticeCard
from bridges_tui.core.practice_scripts.catalog import Catalog, PracticeGroup
from bridges_tui.core.text.durations import about_minutes

#: What the couple may type to say how long they have: "10", "10m", "10 min".
_MINUTES = re.compile(r"(\d{1,3})\s*(?:m|min|mins|minutes?)?\.?")


@record
class Found:
    """The practices that match, in their groups and in catalog order, and the one to
    highlight: the first whose title matches, else the first whose summary does, else
    the first."""

    groups: tuple[tuple[PracticeGroup, tuple[PracticeCard, ...]], ...]
    best: str | None = None
    #: The minutes typed, when a number was: what is found takes about that or less.
    minutes: int | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids found, in the order they are shown."""
        return tuple(card.id for _, cards in self.groups for card in cards)


def minutes_of(card: PracticeCard) -> int:
    """How many minutes the picker says a practice takes ("about 12 min")."""
    return about_minutes(card.seconds())


def _folded(text: str) -> str:
    """`text` for matching: case and accents aside ("Émotion" -> "emotion")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def find_practices(catalog: Catalog, typed: str) -> Found:
    """The practices of `catalog` that match what was typed (everything for nothing)."""
    query = _folded(typed).strip()
    if not query:
        groups = catalog.grouped()
        return Found(groups=groups, best=groups[0][1][0].id if groups else None)
    minutes = _MINUTES.fullmatch(query)
    if minutes is not None:
        most = int(minutes.group(1))
        groups = tuple(
            (group, fits) for group, cards in catalog.grouped()
            if (fits := tuple(card for card in cards if minutes_of(card) <= most))
        )
        # The longest that fits makes the most of the time they have.
        longest = max((card for _, cards in groups for card in cards),
                      key=minutes_of, default=None)
        return Found(groups=groups, best=longest.id if longest else None, minutes=most)
    words = query.split()
    scored: list[tuple[PracticeGroup, tuple[PracticeCard, ...]]] = []
    best: tuple[int, str] | None = None
    for group, cards in catalog.grouped():
        around = _folded(f"{group.title} {group.moment}")
        found: list[PracticeCard] = []
        for card in cards:
            score = _score(words, card, around)
            if score:
                found.append(card)
                if best is None or score > best[0]:
                    best = (score, card.id)
        if found:
            scored.append((group, tuple(found)))
    return Found(groups=tuple(scored), best=best[1] if best else None)


def _score(words: list[str], card: PracticeCard, around: str) -> int:
    """0 when some word is nowhere in the card; else how well it matches: 3 when every
    word is in the title, 2 when every word is in the title or summary, 1 otherwise."""
    title = _folded(f"{card.title} {card.id}")
    summary = _folded(card.summary)
    rest = _folded(card.idea or "") + " " + around
    if not all(word in title or word in summary or word in rest for word in words):
        return 0
    if all(word in title for word in words):
        return 3
    if all(word in title or word in summary for word in words):
        return 2
    return 1
