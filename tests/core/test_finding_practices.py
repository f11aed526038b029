"""Finding a practice by typing into the picker: words from what it says of itself,
or the minutes a couple has."""

from __future__ import annotations

from pathlib import Path

import pytest

from bridges_tui.core.practice_scripts.catalog import BUILTIN_ORDER, load_catalog
from bridges_tui.core.practice_scripts.finding import find_practices, minutes_of

OWN = '''\
id = "evening-check-in"
title = "Évening check-in"
summary = "A short talk about the day."
turn = "90s"

[[round]]
id = "the-day"
title = "How was your day?"
speaker = "lead"
prompt = "Tell your partner one moment from today."
listener = "Listen."
'''


@pytest.fixture
def catalog(tmp_path: Path):
    (tmp_path / "evening.toml").write_text(OWN, encoding="utf-8")
    return load_catalog(tmp_path)


def test_nothing_typed_finds_everything_in_its_groups(catalog) -> None:
    found = find_practices(catalog, "  ")
    assert found.ids == (*BUILTIN_ORDER, "evening-check-in")
    assert found.groups == catalog.grouped() and found.best == "same-team"


def test_after_a_fight_is_found_by_fight_and_highlighted(catalog) -> None:
    found = find_practices(catalog, "fight")
    assert "after-a-fight" in found.ids and found.best == "after-a-fight"
    # Its group's moment speaks of a fight too: the other hard talks come with it.
    [(hard, cards)] = [(g, c) for g, c in found.groups if g.title == "Hard talks"]
    assert [card.id for card in cards] == list(hard.ids)
    assert "appreciations" not in found.ids


@pytest.mark.parametrize(
    ("typed", "ids", "best"),
    [
        ("FIGHT", None, "after-a-fight"),             # case aside
        ("apprec", ("appreciations",), "appreciations"),  # a part of a word
        ("imago", ("mirror-validate-empathise",), "mirror-validate-empathise"),  # the idea
        ("love map", ("love-maps",), "love-maps"),    # every word, anywhere
        ("evening check", ("evening-check-in",), "evening-check-in"),  # accents aside
        ("appreciations fight", (), None),
        ("zzz", (), None),
    ],
)
def test_words_match_title_summary_idea_and_group(catalog, typed, ids, best) -> None:
    found = find_practices(catalog, typed)
    if ids is not None:
        assert found.ids == ids
    assert found.best == best
    assert all(cards for _, cards in found.groups), "a group with nothing found is left out"


def test_a_title_match_is_highlighted_before_one_in_a_summary(catalog) -> None:
    found = find_practices(catalog, "stress")
    # Let your differences bring you closer speaks of stress in its summary, and comes
    # first in the list; the stress-reducing talk has it in its title.
    assert found.ids[0] != "stress-reducing" and found.best == "stress-reducing"


@pytest.mark.parametrize("typed", ["10", "10m", "10 min", "10 minutes"])
def test_minutes_find_what_fits_in_the_time_a_couple_has(catalog, typed: str) -> None:
    found = find_practices(catalog, typed)
    assert found.minutes == 10 and find_practices(catalog, "fight").minutes is None
    assert found.ids, "something fits in ten minutes"
    assert all(minutes_of(catalog.card(pid)) <= 10 for pid in found.ids)
    every = [pid for pid in catalog.ids() if minutes_of(catalog.card(pid)) <= 10]
    assert list(found.ids) == every
    # The longest that fits is highlighted: the most of the time they have.
    assert found.best == max(found.ids, key=lambda pid: minutes_of(catalog.card(pid)))


def test_too_few_minutes_find_nothing(catalog) -> None:
    assert find_practices(catalog, "1").ids == () and find_practices(catalog, "1").best is None
