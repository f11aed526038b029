"""Practice cards: what the picker shows of a script, read from its heading alone, and
the catalog that reads a built-in's steps only when that practice is chosen."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from bridges_tui.core.practice_scripts import reading as practices
from bridges_tui.core.practice_scripts.catalog import (
    BUILTIN_FOLDER,
    BUILTIN_ORDER,
    builtin_card,
    builtin_ids,
    builtin_practice,
    load_catalog,
)
from bridges_tui.core.practice_scripts.reading import PracticeScriptError, parse_practice, parse_practice_card

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


@pytest.mark.parametrize("practice_id", BUILTIN_ORDER)
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
    assert card == builtin_practice(practice_id).card


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

