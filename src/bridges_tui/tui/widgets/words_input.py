"""A text box for the couple's own words: it keeps every character they type, and
shows every character it holds harmlessly.

Textual's `Input` ignores a key whose character is not printable in Python's sense,
and that includes the invisible characters inside words: the zero-width joiner that
makes 👩‍❤️‍👨 one emoji, the zero-width non-joiner of Persian and Hindi, and the marks
that set the direction of right-to-left text. A terminal sends each of them as a key
of its own when they are typed or picked from an emoji picker; this box keeps them.

The other way round, a box filled from a file (a note, what each learned, the
agreement) may hold control characters; `Input` would send an escape sequence among
them to the terminal as it is. This box shows each control character as a visible
symbol instead (␛ for ESC), one for one, and leaves the value itself exactly as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.highlighter import Highlighter
from rich.text import Text
from textual import events
from textual.widgets import Input

from bridges_tui.core.model.session import WORD_MARKS
from bridges_tui.tui.widgets.typed_ahead import keep_typed_ahead

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _symbol(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟
    return "\u2421" if code == 0x7F else "\ufffd"  # ␡, and � for the C1 controls


class _ShownHarmlessly(Highlighter):
    """Shows control characters as symbols; the same length, so the cursor still fits."""

    def __call__(self, text: str | Text) -> Text:
        shown = text.copy() if isinstance(text, Text) else Text(text)
        if _CONTROL.search(shown.plain):
            shown.plain = _CONTROL.sub(_symbol, shown.plain)
        return shown

    def highlight(self, text: Text) -> None:  # __call__ does the work
        pass


class WordsInput(Input):
    """An `Input` that keeps joiners and direction marks typed as keys, and never
    shows a control character raw."""

    def __init__(self, value: str | None = None, placeholder: str = "", *,
                 enter_moves_to: str | None = None, id: str | None = None,
                 max_length: int = 0, drops_key: Callable[[str], bool] | None = None) -> None:
        """`enter_moves_to`: a selector on the screen; Enter moves the focus there.
        `drops_key`: asked for each key as the box comes to it, in the order typed (a
        screen's binding could not: Textual drops it for any key the focused box
        types, and runs it ahead of keys still on their way to the box); a key it
        says so for is not typed."""
        super().__init__(value, placeholder, highlighter=_ShownHarmlessly(), id=id, max_length=max_length)
        self._enter_moves_to = enter_moves_to
        self._drops_key = drops_key

    async def on_key(self, event: events.Key) -> None:
        # Enter moves the focus at once, as Tab does (see `typed_ahead`).
        if await keep_typed_ahead(self, event):
            return
        if self._drops_key is not None and self._drops_key(event.key):
            event.stop()
            event.prevent_default()
            return
        if event.key == "enter" and self._enter_moves_to is not None:
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.value))
            self.screen.set_focus(self.screen.query_one(self._enter_moves_to))
            return
        if event.character is not None and event.character in WORD_MARKS:
            event.stop()
            event.prevent_default()
            if self.selection.is_empty:
                self.insert_text_at_cursor(event.character)
            else:
                self.replace(event.character, *self.selection)
