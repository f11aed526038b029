"""The hand-written TOML writer behind transcripts and the config: whatever it writes,
`tomllib` reads back as the same value, and it reads well in an editor."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridges_tui.core.files.toml_text import toml_document, toml_value
from bridges_tui.testing.strategies import offsets, toml_values

# Any text and any moment, wider than a transcript's: the writer serves the config too.
values = toml_values(st.text(), st.datetimes(timezones=offsets), max_leaves=10)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), values, max_size=5))
def test_any_document_reads_back_as_written(document: dict) -> None:
    assert tomllib.loads(toml_document(document)) == document


def test_a_document_reads_like_a_hand_written_file() -> None:
    text = toml_document({
        "names": ["Sam", "Alex"],
        "when": datetime(2026, 11, 25, 20, 31, 7, tzinfo=timezone(timedelta(hours=1))),
        "hints": {"phrasing": True},
        "turns": [{"note": "one\ntwo"}, {"odd key": "\x1b[31m"}],
    })
    assert text == (
        'names = ["Sam", "Alex"]\n'
        "when = 2026-11-25T20:31:07+01:00\n"
        "\n[hints]\nphrasing = true\n"
        '\n[[turns]]\nnote = """\none\ntwo"""\n'
        '\n[[turns]]\n"odd key" = "\\u001b[31m"\n'
    )


def test_a_long_list_gets_one_item_a_line() -> None:
    items = [f"item number {n}" for n in range(8)]
    text = toml_document({"learned": items})
    assert text.startswith('learned = [\n    "item number 0",\n')
    assert tomllib.loads(text)["learned"] == items


def test_what_toml_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="UTC offset"):
        toml_value(datetime(2026, 1, 1, tzinfo=UTC).timetz())
    with pytest.raises(TypeError, match="set"):
        toml_value({1, 2})
