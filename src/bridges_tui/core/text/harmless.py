"""Text from a couple's files, made safe to show: names, notes and agreements are data,
and must never be able to drive a terminal or hide what they say.

Transcripts are written by bridges, but they are also opened in editors and may arrive
from a backup or another machine; whatever they hold is shown as plain characters.
Markup is a separate concern (the TUI passes rich `Text`, never markup strings); this
module removes what no renderer can make harmless: terminal control characters and the
bidirectional overrides that make text read differently from what it is.
"""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, CSI, BEL…) except newline and tab, DEL, and the bidi
# embeddings, overrides and isolates. Patterns as text, compiled (and cached by `re`)
# on first use: compiling them costs half a millisecond, which `bridges list` may not
# need to spend (see `one_line`).
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_LINE_BREAKS = r"\s*[\n\u2028\u2029]\s*"


def harmless(text: object) -> str:
    """`text` with every terminal control character removed (newlines and tabs kept)."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(_CONTROL, "", text)


def one_line(text: object) -> str:
    """`text` made harmless and folded onto one line (line breaks become " / ")."""
    if isinstance(text, str) and text.isprintable():
        # No control, bidi or line-break character is printable: nothing to remove or
        # fold. (Nearly all text is like that, and the history passes thousands of
        # cells through here.)
        return text.strip()
    return re.sub(_LINE_BREAKS, " / ", harmless(text).strip()).replace("\t", " ")


def shortened(text: str, width: int) -> str:
    """`text` cut to at most `width` characters, ending in "…" when it was cut."""
    if width <= 0:
        return ""
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"
