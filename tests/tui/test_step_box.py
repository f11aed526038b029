"""The step box counts the lines of what it will show without wrapping the lines that
fit: the count must be wrapping's, for every text of every built-in, in every language."""

from __future__ import annotations

import pytest
from textual.content import Content

from bridges_tui.core.language import words
from bridges_tui.core.practice_scripts.catalog import builtin_ids, builtin_practice
from bridges_tui.core.talk.conversation import Conversation
from bridges_tui.tui.conversation_text import texts_ahead
from bridges_tui.tui.widgets.step_box import _lines

WIDTHS = (9, 20, 37, 56, 76, 96, 116)


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_the_lines_counted_are_the_lines_wrapped(language: str) -> None:
    words.speak(language)
    try:
        checked = 0
        for practice_id in builtin_ids():
            conversation = Conversation(builtin_practice(practice_id, language), ("Sam", "Alexandra"))
            for text in (text for step in texts_ahead(conversation) for text in step if text):
                for width in WIDTHS:
                    assert _lines(text, width) == len(Content(text).wrap(width)), (practice_id, width, text)
                    checked += 1
        assert checked > 1000
    finally:
        words.speak("en")


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("Fits exactly", 12, 1),
    ("Fits exactly.", 12, 2),
    ("One line\nand another", 40, 2),
    ("“Wide” characters 日本語", 24, 1),
    ("“Wide” characters 日本語", 23, 2),
])
def test_edges_of_fitting(text: str, width: int, lines: int) -> None:
    assert _lines(text, width) == lines == len(Content(text).wrap(width))
