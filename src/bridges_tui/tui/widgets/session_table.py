"""The table of past sessions on the history screen: a header, one line per session,
a cursor; Enter opens the session under it.

Drawn line by line (Textual's line API): only the lines on screen are ever rendered,
and their cells are only made when first drawn (`TableRows`), so a thousand sessions
cost no more than twenty, and refilling the table as a filter is typed stays instant.
(A DataTable measures every cell of every row on each fill: a third of a second for a
thousand sessions.) Readable without colour: the cursor line is reversed as well as
coloured, and an unreadable file's line is bold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import overload

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from bridges_tui.core.language.words import N_

GAP = "  "


@dataclass(frozen=True, slots=True)
class TableRow:
    """One line: the session's id, its cells, and whether it is an unreadable file."""

    key: str
    cells: tuple[str, ...]
    #: An unreadable file's line: bold, and a cell may run on over the empty ones
    #: after it (the reason the file can't be read is worth the room).
    warning: bool = False


class TableRows(Sequence[TableRow]):
    """A table's rows by key, each made by `make(index)` the first time it is needed:
    with a thousand sessions, the first paint waits for the twenty on screen only."""

    def __init__(self, keys: list[str], make: Callable[[int], TableRow]) -> None:
        self.keys = keys
        self._make = make
        self._made: list[TableRow | None] = [None] * len(keys)
        self._index: dict[str, int] | None = None

    @classmethod
    def of(cls, rows: Sequence[TableRow]) -> TableRows:
        """Rows made already."""
        made = list(rows)
        return cls([row.key for row in made], made.__getitem__)

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, index: int) -> TableRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[TableRow]: ...

    def __getitem__(self, index: int | slice) -> TableRow | list[TableRow]:
        if isinstance(index, slice):
            return [self[number] for number in range(*index.indices(len(self.keys)))]
        row = self._made[index]
        if row is None:
            row = self._made[index] = self._make(range(len(self.keys))[index])
        return row

    def index_of(self, key: str) -> int | None:
        """Where the row keyed `key` is, or None."""
        if self._index is None:
            self._index = {key: number for number, key in enumerate(self.keys)}
        return self._index.get(key)

    def replace(self, row: TableRow) -> int | None:
        """Put `row` in place of the row with its key; its index, or None if it has none."""
        index = self.index_of(row.key)
        if index is not None:
            self._made[index] = row
        return index


def _cell(cells: tuple[str, ...], number: int) -> str:
    return cells[number] if number < len(cells) else ""


class SessionTable(ScrollView, can_focus=True):
    """Columns of fixed widths (`set_rows`; a column of width 0 is left out), a cursor,
    and Enter to open."""

    BINDINGS = [
        Binding("enter", "open", N_("Open"), id="history.open", key_display="⏎",
                tooltip=N_("Open the session's summary")),
        Binding("up", "move(-1)", N_("Up"), show=False),
        Binding("down", "move(1)", N_("Down"), show=False),
        Binding("pageup", "page(-1)", N_("Page up"), show=False),
        Binding("pagedown", "page(1)", N_("Page down"), show=False),
        Binding("home", "move_to(0)", N_("First"), show=False),
        Binding("end", "move_to(-1)", N_("Last"), show=False),
    ]
    DEFAULT_CSS = """
    SessionTable { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; }
    SessionTable > .session-table--header { text-style: bold; background: $panel; }
    SessionTable > .session-table--cursor { text-style: reverse; }
    SessionTable:focus > .session-table--cursor { background: $primary; color: $text; text-style: bold; }
    SessionTable > .session-table--warning { text-style: bold; }
    """
    COMPONENT_CLASSES = {
        "session-table--header", "session-table--cursor", "session-table--warning",
    }

    cursor: reactive[int] = reactive(0)

    class Highlighted(Message):
        """The cursor moved to row `index` (None: the table is empty)."""

        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    class Opened(Message):
        """Enter (or a double click) on row `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.headers: tuple[str, ...] = ()
        self.widths: tuple[int, ...] = ()
        self.right: frozenset[int] = frozenset()
        self.rows: TableRows = TableRows.of([])

    # --- content ----------------------------------------------------------------------

    def set_rows(self, headers: tuple[str, ...], widths: tuple[int, ...],
                 rows: TableRows | Sequence[TableRow],
                 *, right: frozenset[int] = frozenset(), keep: str | None = None) -> None:
        """Show `rows` (a `TableRows` makes each when it is first drawn); the cursor goes
        to the row keyed `keep` if it is there, else the top."""
        rows = rows if isinstance(rows, TableRows) else TableRows.of(rows)
        self.headers, self.widths, self.right, self.rows = headers, widths, right, rows
        width = sum(widths) + len(GAP) * (sum(1 for each in widths if each) - 1) + 2
        self.virtual_size = Size(width, len(rows) + 1)
        index = (rows.index_of(keep) if keep is not None else None) or 0
        self.set_reactive(SessionTable.cursor, index)
        self._show_cursor()
        self.refresh()
        self.post_message(self.Highlighted(index if rows else None))

    def update_row(self, row: TableRow) -> None:
        """Replace the row with the same key (a session read in the background)."""
        index = self.rows.replace(row)
        if index is not None:
            self.refresh()
            if index == self.cursor:
                self.post_message(self.Highlighted(index))

    @property
    def keys(self) -> list[str]:
        return self.rows.keys

    def move_to_key(self, key: str) -> None:
        """Put the cursor on the row keyed `key`."""
        self.cursor = self.keys.index(key)

    # --- drawing ----------------------------------------------------------------------

    def _line(self, cells: tuple[str, ...], style: Style, spill: bool = False) -> Text:
        text = Text(" ", style=style, end="")
        shown = [number for number, width in enumerate(self.widths) if width]  # 0: not shown
        at = 0
        while at < len(shown):
            number = shown[at]
            cell = _cell(cells, number)
            width = self.widths[number]
            last = at
            while spill and cell and last + 1 < len(shown) and not _cell(cells, shown[last + 1]):
                last += 1
                width += len(GAP) + self.widths[shown[last]]
            part = Text(cell, style=style, end="")
            part.truncate(width, overflow="ellipsis")
            pad = " " * max(0, width - part.cell_len)
            text.append_text(Text(pad) + part if number in self.right else part + Text(pad))
            if last < len(shown) - 1:
                text.append(GAP)
            at = last + 1
        return text

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("session-table--header")
            text = self._line(self.headers, Style())
        else:
            index = scroll_y + y - 1
            if index >= len(self.rows):
                return Strip.blank(width, base)
            row = self.rows[index]
            style = base
            if row.warning:
                style += self.get_component_rich_style("session-table--warning")
            if index == self.cursor:
                style += self.get_component_rich_style("session-table--cursor")
            text = self._line(row.cells, Style(), spill=row.warning)
        segments = [Segment(seg.text, style + seg.style if seg.style else style)
                    for seg in text.render(self.app.console)]
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, style)

    # --- the cursor -----------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._show_cursor()
        self.refresh()
        self.post_message(self.Highlighted(new if self.rows else None))

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1))

    def _show_cursor(self) -> None:
        visible = max(1, self.size.height - 1)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 2)

    def action_move_to(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.rows) - 1

    def action_open(self) -> None:
        if self.rows:
            self.post_message(self.Opened(self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y - 1
        if event.y >= 1 and 0 <= index < len(self.rows):
            if index == self.cursor and event.chain >= 2:
                self.post_message(self.Opened(index))
            self.cursor = index

    def on_resize(self) -> None:
        self._show_cursor()
