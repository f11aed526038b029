"""The history: every past session in a table, newest first, with filters by practice
and by a word from the notes or the agreement. Enter opens a session's summary; from
here a session can also be replayed, exported or let go of (both partners agreeing),
and the trends opened.

The rows come from the history index (`core.history_index`): at once for every file it
knows, from their headers for the rest, which a background thread then reads whole,
newest first, filling in floor balance and check-in as it goes. A file that cannot be
read is a row that says so and why, under every filter.
"""

from __future__ import annotations

import time
from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Select, Static
from textual.worker import get_current_worker

from bridges_tui.core.language.words import N_, _, n_
from bridges_tui.core.looking_back.history_index import HistoryIndex, SessionRow
from bridges_tui.core.looking_back.session_summary import (
    clock,
)
from bridges_tui.core.text.harmless import one_line
from bridges_tui.tui.history_table import COLUMNS, GIVE_WAY, column_widths, headings, table_row
from bridges_tui.tui.screens.about_file import AboutFile
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.key_bar import KeyBar
from bridges_tui.tui.widgets.session_table import SessionTable, TableRows

FILTER_DELAY = 0.25
#: The practice filter's width in `styles/history.tcss`: longer words widen it.
PRACTICES_WIDTH = 26
BATCH_SECONDS = 0.25
SAVE_SECONDS = 1.0
#: The keys that leave the search for the sessions found.
RESULTS = Binding.Group(N_("Results"))


class HistoryScreen(Screen):
    """Past sessions, newest first (see the module docstring)."""

    BINDING_GROUP_TITLE = N_("History")
    CSS_PATH = sheets("history")
    BINDINGS = [
        # Enter itself belongs to the table (the key bar shows "Open"); this puts it in
        # the command palette.
        Binding("enter", "open", N_("Open"), id="history.open_session", show=False,
                tooltip=N_("Open the session's summary")),
        Binding("r", "replay", N_("Replay"), id="history.replay", tooltip=N_("Play the session back")),
        Binding("t", "trends", N_("Trends"), id="history.trends",
                tooltip=N_("Sessions per week, floor balance and check-ins over time")),
        Binding("x", "export", N_("Export"), id="history.export",
                tooltip=N_("Save the session as Markdown or TOML")),
        Binding("d", "delete", N_("Let go"), id="history.delete",
                tooltip=N_("Remove the session and all made from it (both of you agree first)")),
        # Out of the key bar for room (the filter box says "/"), still in the palette.
        Binding("slash", "filter", N_("Find"), key_display="/", id="history.filter", show=False,
                tooltip=N_("Find sessions by a word from the notes or the agreement")),
        Binding("escape", "back", N_("Back"), id="history.back", tooltip=N_("Leave the history")),
        # While the search box has the focus (the keys above are hidden then: a letter
        # is part of the search), these say how to get out of it, and do. Ahead of the
        # box (which would take the arrows to scroll itself, in vain), only then.
        Binding("down", "to_results('down')", N_("Results"), key_display="↓", group=RESULTS,
                priority=True, id="history.to_results", tooltip=N_("Move into the sessions found")),
        Binding("enter", "to_results('enter')", N_("Results"), key_display="⏎", group=RESULTS,
                priority=True, id="history.search_done", tooltip=N_("Move into the sessions found")),
        Binding("up", "to_results('up')", N_("Results"), show=False, priority=True,
                id="history.up_to_results"),
        Binding("escape", "leave_search", N_("Done"), id="history.leave_search",
                tooltip=N_("Leave the search; the sessions found stay")),
    ]

    class Open(AboutFile):
        """Show the session's summary."""

    class Replay(AboutFile):
        """Play the session back."""

    class Export(AboutFile):
        """Save the session as Markdown or TOML, somewhere else."""

    class Delete(AboutFile):
        """Let the session go (after both partners agree)."""

    class Trends(Message):
        """Show the trends across `rows`."""

        def __init__(self, rows: list[SessionRow]) -> None:
            super().__init__()
            self.rows = rows

    class Leave(Message):
        """Back to where the history was opened from."""

    def __init__(self, index: HistoryIndex, today: date) -> None:
        super().__init__()
        self.index = index
        self.today = today
        self.rows: list[SessionRow] = []
        self.shown: list[SessionRow] = []
        self._reading = 0
        self._filter_timer: Timer | None = None
        self._wide = False
        self._width = 0
        self._away = False
        #: The table's column widths as last laid out (0: given way for room).
        self._cell_widths: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static(_("History"), id="history-title")
        with Horizontal(id="history-filters"):
            practices = Select([], prompt=_("All practices"), id="history-practice")
            # As wide as its words in the language spoken (`#history-practice` is the least).
            practices.styles.width = max(PRACTICES_WIDTH, cell_len(_("All practices")) + 10)
            yield practices
            yield Input(placeholder=_("/ search notes, agreements"), id="history-text")
        yield SessionTable(id="history-table")
        yield Static("", id="history-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(SessionTable).focus()

    def on_screen_suspend(self) -> None:
        self._away = True

    def on_screen_resume(self) -> None:
        # Back from a summary (an agreement corrected), a dialog (a file deleted)…
        if self._away:
            self._away = False
            self.reload()

    def on_resize(self, event: Resize) -> None:
        self._wide = event.size.width >= 110
        if event.size.width != self._width:
            self._width = event.size.width
            self._fill_table()

    # --- rows -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the folder again (cheap: the index) and show it."""
        try:
            self.rows = self.index.scan()
        except OSError as error:
            self.rows = []
            self.notify(_("Can't read the sessions folder: {problem}").format(problem=error), severity="error",
                        timeout=10, markup=False)
        self._practice_options()
        self._apply_filters()
        pending = self.index.pending(self.rows)
        if pending:
            self._read_pending(pending)

    @work(thread=True, exclusive=True, group="history-read")
    def _read_pending(self, pending: list) -> None:
        """Read whole the files the index did not know, newest first, in batches."""
        worker = get_current_worker()
        self.app.call_from_thread(self._reading_count, len(pending))
        batch: list[SessionRow] = []
        # Real time, not the app's clock: this paces work, it measures nothing.
        started = saved = time.monotonic()
        for path in pending:
            if worker.is_cancelled:
                self.index.save()
                return
            batch.append(self.index.read(path))
            if time.monotonic() - started >= BATCH_SECONDS:
                self.app.call_from_thread(self._filled, batch)
                batch, started = [], time.monotonic()
            if time.monotonic() - saved >= SAVE_SECONDS:
                # Keep what was read even if bridges is closed before the end.
                self.index.save()
                saved = time.monotonic()
        self.index.save()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._filled, batch, True)

    def _reading_count(self, count: int) -> None:
        self._reading = count
        self._show_title()

    def _filled(self, batch: list[SessionRow], done: bool = False) -> None:
        fresh = {row.id: row for row in batch}
        self.rows = [fresh.get(row.id, row) for row in self.rows]
        self._reading = 0 if done else max(0, self._reading - len(batch))
        if self.query_one("#history-text", Input).value.strip() or done:
            self._apply_filters()
            return
        table = self.query_one(SessionTable)
        keys = {row.id for row in self.shown}
        self.shown = [fresh.get(row.id, row) for row in self.shown]
        for row in batch:
            if row.id in keys:
                table.update_row(table_row(row, self.today, wide=self._wide))
        self._show_title()

    def _practice_options(self) -> None:
        titles: dict[str, str] = {}
        for row in self.rows:
            if row.practice and row.practice not in titles:
                titles[row.practice] = one_line(row.title or row.practice)
        select = self.query_one("#history-practice", Select)
        current = select.value
        options = sorted(((title, practice) for practice, title in titles.items()), key=lambda o: o[0].casefold())
        with select.prevent(Select.Changed):
            select.set_options(options)
            if current in titles:
                select.value = current

    # --- filters --------------------------------------------------------------------

    @on(Input.Changed, "#history-text")
    def _text_changed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._apply_filters)

    @on(Select.Changed, "#history-practice")
    def _practice_changed(self) -> None:
        self._apply_filters()

    @on(Input.Submitted, "#history-text")
    def _to_table(self) -> None:
        self._apply_filters()
        self.query_one(SessionTable).focus()

    def _apply_filters(self) -> None:
        practice = self.query_one("#history-practice", Select).value
        text = self.query_one("#history-text", Input).value
        chosen = practice if isinstance(practice, str) else None
        self.shown = self.index.filter(self.rows, chosen, text)
        if text.strip():
            # Sessions whose words the index lost are read again, then found.
            missing = self.index.missing_words(self.rows)
            if missing:
                self._read_pending(missing)
        self._fill_table()

    # --- the table ------------------------------------------------------------------

    def _fill_table(self) -> None:
        if not self._width:
            return  # not laid out yet: the first resize fills it, at the right widths
        selected = self.highlighted
        self._cell_widths = column_widths(self.size.width, wide=self._wide)
        shown = self.shown
        # A line's cells are made when it is first drawn: the first paint waits for the
        # twenty lines on screen, not for a thousand (nor holds them all in memory).
        rows = TableRows([row.id for row in shown], lambda index: table_row(shown[index], self.today, wide=self._wide))
        self.query_one(SessionTable).set_rows(
            # The headings are marked where they are kept (`history_table`), and
            # translated here, as they are shown.
            tuple(_(heading) for heading in COLUMNS), tuple(self._cell_widths), rows,
            right=frozenset({3, 4}), keep=selected.id if selected else None,
        )
        self._show_title()

    @property
    def highlighted(self) -> SessionRow | None:
        """The session under the cursor."""
        if not self.is_mounted or not self.shown:
            return None
        table = self.query_one(SessionTable)
        index = table.cursor
        if not 0 <= index < len(self.shown) or table.keys[index:index + 1] != [self.shown[index].id]:
            return None
        return self.shown[index]

    def _show_title(self) -> None:
        total = len(self.rows)
        if len(self.shown) != total:
            count = n_("{shown} of {n} session", "{shown} of {n} sessions", total).format(
                shown=f"{len(self.shown):,}", n=f"{total:,}")
        else:
            count = n_("{n} session", "{n} sessions", total).format(n=f"{total:,}")
        title = Text.assemble((_("History"), "bold"), " · " + _("{count} · newest first").format(count=count))
        if self._reading:
            title.append(" · " + _("reading {n} more…").format(n=f"{self._reading:,}"), style="italic")
        self.query_one("#history-title", Static).update(title)

    @on(SessionTable.Highlighted)
    def _show_detail(self) -> None:
        row = self.highlighted
        detail = self.query_one("#history-detail", Static)
        if row is None:
            empty = _("No sessions yet: esc, then start one.") if not self.rows else _("No session matches.")
            detail.update(Text(empty))
            return
        if not row.readable:
            detail.update(Text.assemble(("⚠ ", "bold"), f"{row.path.name}: {one_line(row.error)}",
                                        "\n" + _("It is left exactly as it is; open it in an editor to see why.")))
        elif row.status == "in-progress":
            detail.update(Text(_("{session} is in progress, or bridges stopped during it: resume it from the "
                                 "start screen. Here it can be looked at, not changed.").format(session=row.id)))
        elif not row.detailed:
            detail.update(Text(_("{session} · reading…").format(session=row.id)))
        else:
            if row.agreement:
                agreed = _("Agreed: “{agreement}”").format(agreement=one_line(row.agreement))
            else:
                agreed = _("Nothing agreed.")
            about = n_("{session} · {n} turn", "{session} · {n} turns", row.turns or 0).format(
                session=row.id, n=row.turns)
            if row.duration_s is not None:
                about += " · " + _("{length} from start to close").format(length=clock(row.duration_s))
            about += "".join(f" · {heading}: {shown}" for heading, shown in self._given_way(row))
            detail.update(Text.assemble(agreed, ("\n" + about, "italic")))

    def _given_way(self, row: SessionRow) -> list[tuple[str, str]]:
        """The columns given way for room (Floor, Check-in: `GIVE_WAY`), as the detail
        line says them instead: heading and cell."""
        cells = table_row(row, self.today, wide=self._wide).cells
        widths = self._cell_widths
        return [(headings()[column], cells[column]) for column in GIVE_WAY
                if column < len(widths) and widths[column] == 0 and cells[column] not in ("–", "")]

    # --- actions --------------------------------------------------------------------

    def _chosen(self) -> SessionRow | None:
        row = self.highlighted
        if row is None:
            self.notify(_("No session is selected."), severity="warning", timeout=3)
        elif not row.readable:
            self.notify(_("{file} can't be read: {problem}").format(file=row.path.name, problem=one_line(row.error)),
                        severity="warning", markup=False)
            return None
        return row

    @on(SessionTable.Opened)
    def action_open(self) -> None:
        row = self._chosen()
        if row is not None:
            self.post_message(self.Open(row.path))

    def action_replay(self) -> None:
        row = self._chosen()
        if row is not None:
            self.post_message(self.Replay(row.path))

    def action_export(self) -> None:
        row = self._chosen()
        if row is not None:
            self.post_message(self.Export(row.path))

    def action_delete(self) -> None:
        # A file that can't be read may be deleted too: asking first is protection enough.
        row = self.highlighted
        if row is not None:
            self.post_message(self.Delete(row.path))

    def action_trends(self) -> None:
        self.post_message(self.Trends(self.rows))

    def action_filter(self) -> None:
        self.query_one("#history-text", Input).focus()

    def action_to_results(self, key: str = "") -> None:
        """Leave the search for the sessions it found (the cursor on the first); `key`
        is the key that asked (each has its own binding, so the key bar shows each).
        Once the box has every key typed before this one: they wait in its queue."""
        self.query_one("#history-text", Input).call_later(self._to_table)

    def action_leave_search(self) -> None:
        """Esc in the search: the same, the sessions found stay."""
        self.action_to_results("escape")

    def action_back(self) -> None:
        self.post_message(self.Leave())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the search box has the focus only the keys out of it work (and show):
        every other key there is part of the search."""
        searching = self.focused is not None and self.focused.id == "history-text"
        if action in ("to_results", "leave_search"):
            return searching
        if action in ("replay", "trends", "export", "delete", "back", "open"):
            return not searching
        return True
