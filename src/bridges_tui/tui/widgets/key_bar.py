"""The keys that work now, on every screen's bottom line: what Textual's `Footer`
shows (the screen's shown bindings, keys greyed out while they can't be used, a key
group such as "+ - ±30s", the command palette on the right), drawn as one line.

Textual's `Footer` is a widget per key, rebuilt only after the frame in which the keys
changed. So a turn's start or a hand-over took three frames: the move itself, then the
footer twice (its new keys take their compact style a frame late), and the footer
showed the right keys about 40 ms after everything else. The bar is one widget that
repaints in the same frame as the change it belongs to, and picks the compact style
by itself when the wide one does not fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.binding import ActiveBinding
from textual.content import Content
from textual.screen import Screen
from textual.style import Style as VisualStyle
from textual.widget import Widget

from bridges_tui.core.language.words import _

NO_STYLE = VisualStyle()
DIM = VisualStyle(dim=True)


class Key(NamedTuple):
    """One key on the bar."""

    key: str  # as pressed, e.g. "space"
    shown: str  # as shown, e.g. "^q"
    description: str
    enabled: bool
    tooltip: str


class Group(NamedTuple):
    """Keys that share one label, such as "+ - ±30s"."""

    keys: tuple[Key, ...]
    label: str


class Piece(NamedTuple):
    """A run of the line: its text, what it is ("key", "description", "gap",
    "separator") and the key it belongs to (its index in the bar), if any."""

    text: str
    part: str
    key: int | None = None


def bar_items(screen: Screen) -> tuple[list[Key | Group], Key | None]:
    """The screen's shown keys in order (a key group where the keys share one label),
    and the command palette's key, as Textual's `Footer` would show them."""
    active = screen.active_bindings
    firsts: dict[str, ActiveBinding] = {}  # an action bound to two keys shows the first
    for entry in active.values():
        if entry.binding.show:
            firsts.setdefault(entry.binding.action, entry)
    items: list[Key | Group] = []
    for group, entries in groupby(firsts.values(), lambda entry: entry.binding.group):
        keys = [_key(screen, entry) for entry in entries]
        if group is not None and len(keys) > 1:
            items.append(Group(tuple(key._replace(description="") for key in keys), _said(group.description)))
        else:
            items.extend(keys)
    app = screen.app
    palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
    return items, (_key(screen, palette) if palette is not None else None)


def _key(screen: Screen, entry: ActiveBinding) -> Key:
    # The screens declare their words with `N_` (at import, before a language is
    # chosen): they are translated here, as shown.
    binding = entry.binding
    description = _said(binding.description)
    return Key(binding.key, screen.app.get_key_display(binding), description,
               entry.enabled, _said(entry.tooltip) or description)


def _said(words: str) -> str:
    """`words` in the language spoken now; empty stays empty (gettext would give
    the catalog's header for it)."""
    return _(words) if words else words


def bar_pieces(items: Iterable[Key | Group], palette: Key | None, width: int) -> tuple[list[Piece], list[Key]]:
    """The line for `width` columns: the wide style ("  ^q Quit ") if it fits, else
    the compact one ("^q Quit"), else the compact one without the palette's key, else
    without whole keys from the end, F1's last of all (its help lists every key): a
    key is never cut in half. Returns the pieces and the keys they refer to."""
    items = list(items)
    for compact, right in ((False, palette), (True, palette), (True, None)):
        keys: list[Key] = []
        left = _left_pieces(items, compact, keys)
        tail = _palette_pieces(right, compact, keys) if right is not None else []
        spare = width - _length(left) - _length(tail)
        if spare >= 0 or (compact and not tail):
            break
    while spare < 0 and len(items) > 1:
        items = _without_one(items)
        keys = []
        left = _left_pieces(items, True, keys)
        spare = width - _length(left)
    gap = [Piece(" " * spare, "gap")] if tail and spare > 0 else []
    return left + gap + tail, keys


def _without_one(items: list[Key | Group]) -> list[Key | Group]:
    """`items` less the last one that is not F1 (or F1, when it is all there is left
    besides the first)."""
    for index in range(len(items) - 1, 0, -1):
        item = items[index]
        if not (isinstance(item, Key) and item.key == "f1"):
            return items[:index] + items[index + 1:]
    return items[:-1]


def _left_pieces(items: list[Key | Group], compact: bool, keys: list[Key]) -> list[Piece]:
    pieces: list[Piece] = []
    for item in items:
        if isinstance(item, Group):
            for number, key in enumerate(item.keys):
                if number or not compact:
                    pieces.append(Piece(" ", "gap"))
                keys.append(key)
                pieces.append(Piece(key.shown, "key", len(keys) - 1))
            pieces.append(Piece(f" {item.label} ", "description"))
        else:
            keys.append(item)
            pieces.extend(_key_pieces(item, compact, len(keys) - 1))
            if compact:
                pieces.append(Piece(" ", "gap"))
    return pieces


def _key_pieces(key: Key, compact: bool, index: int) -> list[Piece]:
    if compact:
        return [Piece(key.shown, "key", index), Piece(f" {key.description}", "description", index)]
    return [Piece(f" {key.shown} ", "key", index), Piece(f"{key.description} ", "description", index)]


def _palette_pieces(palette: Key, compact: bool, keys: list[Key]) -> list[Piece]:
    keys.append(palette)
    return [Piece("▏", "separator"), *_key_pieces(palette, compact, len(keys) - 1)]


def _length(pieces: list[Piece]) -> int:
    return sum(cell_len(piece.text) for piece in pieces)


class KeyBar(Widget, can_focus=False):
    """The bottom line of a screen: its keys, as Textual's `Footer` shows them. A click
    on a key presses it; hovering shows what it does."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--hover",
                         "key-bar--separator"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--hover {
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    KeyBar > .key-bar--separator {
        color: $foreground 20%;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._items: tuple[list[Key | Group], Key | None] = ([], None)
        self._keys: list[Key] = []
        self._spans: list[tuple[int, int, int]] = []  # (start, end, key index)
        self._hovered: int | None = None

    def on_mount(self) -> None:
        self._items = bar_items(self.screen)
        # Immediate: the bar is brought up to date by the move that changes the keys, so
        # it is drawn in that move's frame.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        items = bar_items(screen)
        if items != self._items:  # focus moves often leave the keys as they were
            self._items = items
            self._hovered = None  # the key under the mouse may be another one now
            self.tooltip = None
            self.refresh()

    def render(self) -> Content:
        # Textual's own Content, with the component styles as Textual caches them: a
        # Rich `Text` took Rich's slower way through the compositor, and the bar is
        # redrawn in every frame that changes the keys (a turn's start, a hand-over).
        pieces, self._keys = bar_pieces(*self._items, self.size.width)
        styles = {part: self.get_visual_style(f"key-bar--{part}", partial=True)
                  for part in ("key", "description", "separator", "hover")}
        parts: list[tuple[str, VisualStyle]] = []
        self._spans = []
        at = 0
        for piece in pieces:
            style = styles.get(piece.part, NO_STYLE)
            width = cell_len(piece.text)
            if piece.key is not None:
                if piece.key == self._hovered:
                    style = style + styles["hover"]
                if not self._keys[piece.key].enabled:
                    style = style + DIM
                self._spans.append((at, at + width, piece.key))
            parts.append((piece.text, style))
            at += width
        return Content.assemble(*parts)

    def _key_at(self, x: int) -> int | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, index: int | None) -> None:
        if index != self._hovered:
            self._hovered = index
            self.tooltip = self._keys[index].tooltip if index is not None else None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = self._key_at(event.x)
        if index is None:
            return
        key = self._keys[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
