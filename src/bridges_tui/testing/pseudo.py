"""A pseudo-language for the tests: every marked sentence of `bridges.pot`, 40 % longer
(German runs about a third longer than English), its letters accented and the whole
between ⁅ and ⁆. A screen that shows a ⁅ without its ⁆ has cut a sentence short; an
English sentence with no brackets on screen was never marked.

`write_pseudo(folder)` writes the compiled catalog of language `PSEUDO` into `folder`
(laid out as `bridges_tui/locale` is), to speak with `words.speak` once
`words.LOCALE_DIR` points there. Placeholders (`{name}`, `%(count)s`), Rich markup
(`[b]`, `[/]`) and key names in square brackets are kept as they are, so every
sentence still formats and renders.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bridges_tui.core.language.words import DOMAIN, LOCALE_DIR

#: The pseudo-language's code: no real language has it, so CLDR gives British dates.
PSEUDO = "qps"
OPEN, CLOSE = "⁅", "⁆"
#: How much longer than the English each sentence is made.
STRETCH = 0.4

_ACCENTED = str.maketrans(
    "aeiouycnsrzAEIOUYCNSRZ", "áéíóúýçñšřžÁÉÍÓÚÝÇÑŠŘŽ"
)
# What must pass through untouched: placeholders, printf forms and markup or key names.
_KEPT = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[sdrifx%]|\[[^\[\]]*\]")


def stretched(sentence: str) -> str:
    """`sentence` in the pseudo-language: "Saved to {path}." -> "⁅Šávéd tó {path}. ẋẋẋ⁆"."""
    if not sentence.strip():
        return sentence
    pieces: list[str] = []
    shown = 0
    at = 0
    for kept in _KEPT.finditer(sentence):
        words = sentence[at : kept.start()]
        pieces += [words.translate(_ACCENTED), kept.group()]
        shown += len(words)
        at = kept.end()
    pieces.append(sentence[at:].translate(_ACCENTED))
    shown += len(sentence) - at
    # The brackets and a space count towards the 40 %; the rest is padding of words, so
    # that text which wraps still wraps as a translation would.
    extra = max(1, math.ceil(shown * STRETCH) - 3)
    padding = " ".join("ẋ" * min(5, extra - start) for start in range(0, extra, 6))
    lead, body, trail = _split_edges("".join(pieces))
    return f"{lead}{OPEN}{body} {padding}{CLOSE}{trail}"


def _split_edges(text: str) -> tuple[str, str, str]:
    """Leading and trailing white space stay outside the brackets (a sentence that
    ends in a new line still ends a line)."""
    body = text.strip()
    start = text.index(body[0])
    return text[:start], body, text[start + len(body) :]


def write_pseudo(folder: Path, pot: Path = LOCALE_DIR / "bridges.pot") -> Path:
    """Write `folder/PSEUDO/LC_MESSAGES/bridges.mo` from `pot`; returns its path."""
    with pot.open("rb") as source:
        template = read_po(source)
    # English's plural rule (two forms) is the pseudo-language's.
    catalog = Catalog(locale="en", domain=DOMAIN)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, str):
            catalog.add(message.id, stretched(message.id))
        else:
            singular, plural = message.id
            catalog.add(message.id, (stretched(singular), stretched(plural)))
    target = folder / PSEUDO / "LC_MESSAGES" / f"{DOMAIN}.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as compiled:
        write_mo(compiled, catalog)
    return target


def unclosed(text: str) -> list[str]:
    """The lines of `text` (a screen, as `testing.pilot.screen_text` reads it) where a
    pseudo-language sentence opens and the screen never shows it closing: each is a
    sentence cut short. A sentence may wrap onto later lines; its ⁆ is looked for
    there."""
    lines = text.splitlines()
    open_at: list[int] = []
    cut: list[str] = []
    for number, line in enumerate(lines):
        for character in line:
            if character == OPEN:
                open_at.append(number)
            elif character == CLOSE:
                if open_at:
                    open_at.pop()
                else:
                    cut.append(f"line {number + 1}: a sentence whose start is cut off: {line.strip()!r}")
    cut += [f"line {number + 1}: {lines[number].strip()!r}" for number in open_at]
    return cut
