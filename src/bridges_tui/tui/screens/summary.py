"""The end of a session: who held the floor how long, every step with its notes,
the check-in after, what each learned and what both agree to try.

Everything typed here is saved as it is typed (a moment later), so closing the
terminal never loses it.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from bridges_tui.core import paths
from bridges_tui.core.conversation import Conversation
from bridges_tui.core.durations import format_clock
from bridges_tui.core.keeper import SessionKeeper
from bridges_tui.tui.screens.note_prompt import NotePrompt
from bridges_tui.tui.widgets.balance_bar import BalanceBar

SAVE_DELAY = 0.6
STATUS_WORDS = {"complete": "complete", "ended-early": "ended early", "in-progress": "in progress"}


class SummaryScreen(Screen):
    """Shows what the session amounted to; the closing words are edited in place."""

    BINDING_GROUP_TITLE = "Summary"
    BINDINGS = [
        Binding("ctrl+n", "new_session", "New session", id="summary.new", priority=True,
                tooltip="Start another conversation"),
    ]

    def __init__(self, conversation: Conversation, keeper: SessionKeeper | None, *,
                 on_change: Callable[[], None], on_new: Callable[[], None]) -> None:
        super().__init__()
        self.conversation = conversation
        self.keeper = keeper
        self._on_change = on_change
        self._on_new = on_new
        self._save_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        transcript = self.conversation.transcript()
        a, b = transcript.partners
        with VerticalScroll(id="summary"):
            yield Static("", id="summary-title")
            yield Static("", id="summary-saved")
            yield Label("Floor time", classes="field-label")
            yield BalanceBar(transcript.partners, id="summary-balance")
            yield Static("", id="summary-floor")
            yield Label("Steps and notes  (Enter on a step edits its note)", classes="field-label")
            yield OptionList(id="summary-steps")
            yield Label("How connected do you feel now? (optional)", classes="field-label")
            with Horizontal(id="summary-checkin"):
                yield Select([(str(n), n) for n in range(1, 6)], prompt="skip", id="after-a")
                yield Select([(str(n), n) for n in range(1, 6)], prompt="skip", id="after-b")
            yield Label("What I learned", classes="field-label")
            learned = transcript.closing.learned
            yield Input(learned[0] if len(learned) > 0 else "", placeholder=f"{a}: one line", id="learned-a")
            yield Input(learned[1] if len(learned) > 1 else "", placeholder=f"{b}: one line", id="learned-b")
            yield Label("What we agree to try", classes="field-label")
            yield Input(transcript.closing.agreement or "", placeholder="One small thing, this week", id="agreement")
            with Horizontal(id="summary-buttons"):
                yield Button("New session (ctrl+n)", id="new", variant="primary")
                yield Button("Quit (ctrl+q)", id="quit")
        yield Footer()

    def on_mount(self) -> None:
        transcript = self.conversation.transcript()
        self.query_one("#after-a", Select).border_title = transcript.partners[0]
        self.query_one("#after-b", Select).border_title = transcript.partners[1]
        after = transcript.checkin.after
        if after is not None:
            self.query_one("#after-a", Select).value = after[0]
            self.query_one("#after-b", Select).value = after[1]
        self._show()

    def _show(self) -> None:
        transcript = self.conversation.transcript()
        status = STATUS_WORDS.get(transcript.status, transcript.status)
        self.query_one("#summary-title", Static).update(
            Text.assemble((transcript.title, "bold"), f" · {status} · ",
                          transcript.started.strftime("%a %d %b %Y, %H:%M"))
        )
        where = self.keeper.path if self.keeper and self.keeper.path else None
        saved = f"Saved to {paths.shown(where)}" if where else "Not saved yet: bridges keeps trying."
        if self.keeper is not None and self.keeper.unsaved:
            saved = f"Not saved yet ({self.keeper.problem}); bridges keeps trying."
        self.query_one("#summary-saved", Static).update(saved)
        floor = transcript.floor_seconds()
        self.query_one(BalanceBar).seconds = (floor["A"], floor["B"])
        a, b = transcript.partners
        parts = [f"{a} {format_clock(round(floor['A']))}", f"{b} {format_clock(round(floor['B']))}"]
        if floor["both"]:
            parts.append(f"together {format_clock(round(floor['both']))}")
        breaks = sum(item.seconds for item in transcript.breaks)
        if breaks:
            parts.append(f"breathers {format_clock(round(breaks))}")
        self.query_one("#summary-floor", Static).update(" · ".join(parts))
        steps = self.query_one("#summary-steps", OptionList)
        highlighted = steps.highlighted
        steps.clear_options()
        for index, turn in enumerate(transcript.turns):
            line = Text(f"{index + 1}. {turn.title} · {transcript.name_of(turn.speaker)} · "
                        f"{format_clock(round(turn.spoken_s))}")
            if turn.overtime_s >= 1:
                line.append(f" (+{format_clock(round(turn.overtime_s))})")
            if turn.note:
                writer = f" ({transcript.name_of(turn.note_by)})" if turn.note_by else ""
                line.append(f"\n   “{turn.note}”{writer}", style="italic")
            steps.add_option(Option(line, id=str(index)))
        if not transcript.turns:
            steps.add_option(Option("No turns were taken.", disabled=True))
        if highlighted is not None and highlighted < steps.option_count:
            steps.highlighted = highlighted

    # --- editing ------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#summary-steps")
    def _edit_note(self, event: OptionList.OptionSelected) -> None:
        index = int(event.option.id or 0)
        transcript = self.conversation.transcript()
        turn = transcript.turns[index]
        planned = self.conversation.plan[index]
        label = planned.step.note.label if planned.step.note else "Note"
        writer = turn.note_by or planned.note_writer or turn.speaker

        def keep(text: str | None) -> None:
            if text is not None:
                self.conversation.set_note(index, text)
                self._save_now()

        self.app.push_screen(NotePrompt(label, transcript.name_of(writer), turn.note or ""), keep)

    @on(Input.Changed, "#learned-a, #learned-b, #agreement")
    def _closing_changed(self) -> None:
        learned = tuple(self.query_one(f"#learned-{x}", Input).value.strip() for x in ("a", "b"))
        agreement = self.query_one("#agreement", Input).value.strip() or None
        self.conversation.set_closing(learned if any(learned) else (), agreement)
        self._save_soon()

    @on(Select.Changed, "#after-a, #after-b")
    def _checkin_changed(self) -> None:
        scores = [self.query_one(f"#after-{x}", Select).value for x in ("a", "b")]
        if all(isinstance(score, int) for score in scores):
            self.conversation.set_checkin_after((scores[0], scores[1]))
        else:
            self.conversation.set_checkin_after(None)
        self._save_soon()

    def _save_soon(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_now)

    def _save_now(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self._on_change()
        self._show()

    def on_unmount(self) -> None:
        if self._save_timer is not None:
            self._save_now()

    # --- leaving --------------------------------------------------------------------

    @on(Button.Pressed, "#new")
    def action_new_session(self) -> None:
        self._save_now()
        self._on_new()

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self._save_now()
        self.app.action_request_quit()
