"""Reads the big countdown off the screen: Textual's `Digits` draws each character
as a 3 × 3 block of box-drawing glyphs; this turns them back into seconds."""

from __future__ import annotations

import re

from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD

_CLOCK = re.compile(r"^(\+?)(\d{1,3}):(\d\d)$")


def _glyphs() -> dict[tuple[str, str, str], str]:
    glyphs: dict[tuple[str, str, str], str] = {}
    for table in (DIGITS3X3, DIGITS3X3_BOLD):
        for index, char in enumerate(DIGITS):
            rows = tuple(table[index * 3 + row].ljust(3)[:3] for row in range(3))
            if char in "0123456789+:" and rows != ("   ", "   ", "   "):
                glyphs.setdefault(rows, char)
    return glyphs


_GLYPHS = _glyphs()


def read_countdown(screen: str) -> int | None:
    """The countdown's whole seconds (negative in overtime, shown as "+0:12"), or None
    when no countdown is on the screen."""
    lines = screen.split("\n")
    for row in range(len(lines) - 2):
        top, middle, bottom = lines[row], lines[row + 1], lines[row + 2]
        if not any(char in top for char in "╭╶╷┏╺╻") :
            continue
        width = min(len(top), len(middle), len(bottom))
        col = 0
        while col < width - 2:
            chars = []
            at = col
            while at <= width - 3:
                char = _GLYPHS.get((top[at:at + 3], middle[at:at + 3], bottom[at:at + 3]))
                if char is None:
                    break
                chars.append(char)
                at += 3
            match = _CLOCK.match("".join(chars)) if len(chars) >= 4 else None
            if match:
                seconds = int(match.group(2)) * 60 + int(match.group(3))
                return -seconds if match.group(1) else seconds
            col += 1
    return None
