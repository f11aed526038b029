"""Practice cards: what the picker shows of a script (how long it takes included), read
from its heading and a scan of its steps' lengths, and the catalog that reads a
built-in's steps only when that practice is chosen."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from bridges_tui.core.practice_scripts import cards as practices
from bridges_tui.core.practice_scripts.cards import parse_practice_card
from bridges_tui.core.practice_scripts.catalog import (
    BUILTIN_FOLDER,
    builtin_card,
    builtin_ids,
    builtin_practice,
    load_catalog,
)
from bridges_tui.core.practice_scripts.reading import PracticeScriptError, parse_practice

HEADING = '''\
id = "bracketed"
title = "Bracketed"
summary = """\\
Talk it through.
[not a table] but a line of the summary."""
turn = "2m"
'''
STEPS = '''
[[round]]
id = "say-it"
title = "Say it"
speaker = "lead"
prompt = "Say it."
listener = "Listen."
'''


def card_of(text: str, path: str = "mine.toml") -> Any:
    return parse_practice_card(text.encode(), path, "user")


@pytest.fixture
def whole_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the scripts read whole from now on."""
    read: list[str] = []

    def counting(text: str, path: str, source: str = "user") -> Any:
        read.append(path)
        return parse_practice(text, path, source)

    monkeypatch.setattr(practices, "parse_practice", counting)
    return read


@pytest.mark.parametrize("practice_id", builtin_ids())
def test_a_builtins_card_comes_from_its_heading_alone(
    practice_id: str, whole_reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = BUILTIN_FOLDER / f"{practice_id}.toml"
    parsed: list[str] = []
    loads = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: parsed.append(text) or loads(text))
    card = parse_practice_card(path.read_bytes(), str(path), "built-in")
    monkeypatch.undo()
    assert whole_reads == [] and len(parsed) == 1
    assert "[[" not in parsed[0] and "prompt" not in parsed[0], "the steps were parsed"
    # The scan of its steps found the length the whole reading finds.
    practice = builtin_practice(practice_id)
    assert card == practice.card
    assert card.turns == len(practice.plan())
    assert card.seconds() == sum(practice.seconds_for(p.step) for p in practice.plan())
    assert card.seconds(45) == sum(practice.seconds_for(p.step, 45) for p in practice.plan())


PLAIN_HEADING = HEADING.replace("[not a table]", "(fine)")
WRITTEN_EVERY_WAY = PLAIN_HEADING + '''
[[opening]]   # a comment after the table
id = "arrive"
title = "Arrive"
speaker = "together"
duration = 90
prompt = """\\
Sit down. A text of many lines may hold lines that look like steps:
[[round]]
duration = "9m"
and they are not."""

[[round]]
id = "say-it"
title = "Say it"
speaker = "lead"
duration = "1m30s"   # its own length
prompt = \'\'\'A literal text, with """ inside it.\'\'\'
listener = "Listen."

[[ round ]]
id = "back"
title = "Say it back"
speaker = "other"
prompt = "Say it back. Did I get it?"
listener = "Answer."
confirm = true
note = { label = "What I heard", by = "speaker" }

[[closing]]
id = "end"
title = "End"
speaker = "together"
duration = \'45s\'
prompt = "Thank each other."
'''


def test_the_scan_reads_every_plain_way_of_writing_a_step_and_its_length(
    whole_reads: list[str],
) -> None:
    card = card_of(WRITTEN_EVERY_WAY)
    assert whole_reads == []
    assert (card.turns, card.set_seconds, card.free_turns) == (6, 90 + 2 * 90 + 45, 2)
    assert card.seconds() == 315 + 2 * 120 and card.seconds(60) == 315 + 2 * 60
    assert card == parse_practice(WRITTEN_EVERY_WAY, "mine.toml").card


@pytest.mark.parametrize(
    "change",
    [
        ('note = { label = "What I heard", by = "speaker" }',
         '[round.note]\nlabel = "What I heard"\nby = "speaker"'),  # a table of its own
        ("duration = 90\n", "duration = 90.0\n"),  # a number the scan doesn't read
        ("duration = 90\n", "duration = 1_0\n"),
        ("duration = 90\n", 'duration = "90" "s"\n'),  # not TOML: the whole reading says so
        ("duration = 90\n", "  duration    =\t90\nduration = 30\n"),  # twice
        ("[[opening]]   # a comment after the table", "[[opening]]\n[opening.x]"),
    ],
)
def test_whatever_the_scan_cannot_settle_is_settled_by_the_whole_script(
    change: tuple[str, str], whole_reads: list[str]
) -> None:
    text = WRITTEN_EVERY_WAY.replace(*change)
    assert text != WRITTEN_EVERY_WAY
    try:
        expected = parse_practice(text, "mine.toml").card
    except PracticeScriptError as whole_error:
        with pytest.raises(PracticeScriptError) as card_error:
            card_of(text)
        assert str(card_error.value) == str(whole_error)
    else:
        assert card_of(text) == expected
    assert whole_reads == ["mine.toml"]


def test_steps_written_in_the_heading_are_counted_too(whole_reads: list[str]) -> None:
    text = PLAIN_HEADING + 'round = [{ id = "x", title = "X", speaker = "together", '
    text += 'prompt = "Go.", duration = "1m" }, { id = "y", title = "Y", '
    text += 'speaker = "together", prompt = "Again." }]\n'
    card = card_of(text)
    assert whole_reads == []
    assert (card.turns, card.seconds()) == (4, 2 * 60 + 2 * 120)
    assert card == parse_practice(text, "mine.toml").card


def test_a_heading_line_that_starts_with_a_bracket_is_settled_by_the_whole_script(
    whole_reads: list[str],
) -> None:
    card = card_of(HEADING + STEPS)
    assert whole_reads == ["mine.toml"]
    assert card.summary == "Talk it through.\n[not a table] but a line of the summary."
    assert card.id == "bracketed" and card.turn_seconds == 120 and card.source == "user"


def test_a_script_with_no_tables_is_all_heading(whole_reads: list[str]) -> None:
    text = HEADING.replace("[not a table]", "(fine)") + 'round = [{ id = "x", title = "X", '
    text += 'speaker = "together", prompt = "Go." }]\n'
    assert card_of(text).title == "Bracketed" and whole_reads == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (('title = "Bracketed"\n', ""), "title"),
        (('turn = "2m"\n', 'turn = "soon"\n'), "turn"),
        (('id = "bracketed"\n', 'id = "bracketed"\nversion = 2\n'), "version"),
        (('id = "bracketed"\n', 'id = "bracketed"\nformat = "other"\n'), "format"),
    ],
)
def test_a_heading_with_a_problem_gets_the_whole_scripts_error(
    change: tuple[str, str], field: str
) -> None:
    text = HEADING.replace("[not a table]", "(fine)").replace(*change) + STEPS
    with pytest.raises(PracticeScriptError) as from_card:
        card_of(text)
    with pytest.raises(PracticeScriptError) as from_whole:
        parse_practice(text, "mine.toml")
    assert str(from_card.value) == str(from_whole.value)
    assert from_card.value.problems[0].field == field


def test_a_too_large_script_is_refused_before_it_is_read() -> None:
    with pytest.raises(PracticeScriptError, match="too large"):
        parse_practice_card(b"#" * (practices.MAX_FILE_BYTES + 1), "big.toml", "user")


def test_the_catalog_reads_a_builtins_steps_only_when_it_is_chosen(tmp_path: Path) -> None:
    builtin_practice.cache_clear()
    builtin_card.cache_clear()
    catalog = load_catalog(tmp_path / "nowhere")
    assert catalog.ids() == builtin_ids()
    assert builtin_practice.cache_info().currsize == 0, "the catalog parsed steps"
    practice = catalog.get("assume-the-best")
    assert practice is not None and practice.round
    assert practice.card == catalog.card("assume-the-best")
    assert builtin_practice.cache_info().currsize == 1
    assert catalog.card("nope") is None and catalog.get("nope") is None


def test_a_users_script_is_read_whole_and_its_card_replaces_the_builtins(
    tmp_path: Path,
) -> None:
    text = HEADING.replace("[not a table]", "(fine)").replace('"bracketed"', '"share-the-why"')
    (tmp_path / "why.toml").write_text(text + STEPS, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    card = catalog.card("share-the-why")
    assert card is not None and card.title == "Bracketed" and card.source == "user"
    assert card.path == str(tmp_path / "why.toml")
    practice = catalog.get("share-the-why")
    assert practice is not None and [step.id for step in practice.round] == ["say-it"]
    assert catalog.own == (practice,)

