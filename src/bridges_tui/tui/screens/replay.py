"""Replay: a past session's two panes as they were, turn by turn.

Step through the turns with the arrow keys (each shown as it ended: who held the
floor, the step's prompt, how long they spoke, the note), or play the session back on
its own timeline at 1×, 4× or 16×: the countdown runs as it did, pauses and breathers
stand still for as long as they lasted. Where each moment falls is the core's
`Timeline`; the screen only reads the app's clock (`now`, injected, so tests play
back on a fake one) and repaints when the shown figures change.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from bridges_tui.core.language.words import N_, _, in_quotes, n_
from bridges_tui.core.looking_back.replay import Moment, Timeline
from bridges_tui.core.looking_back.session_summary import clock, turn_line
from bridges_tui.core.model.session import Practice, Step, Transcript
from bridges_tui.core.text.harmless import harmless, one_line
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.balance_bar import BalanceBar
from bridges_tui.tui.widgets.key_bar import KeyBar
from bridges_tui.tui.widgets.partner_pane import PaneState, PartnerPane

SPEEDS = (1, 4, 16)
TURN_KEYS = Binding.Group(N_("Turn"))


class ReplayScreen(Screen):
    """Plays back one transcript (see the module docstring)."""

    BINDING_GROUP_TITLE = N_("Replay")
    CSS_PATH = sheets("conversation", "history")
    BINDINGS = [
        Binding("space", "play", N_("Play/pause"), id="replay.play",
                tooltip=N_("Play the session on its own timeline, or pause it")),
        Binding("left", "turn(-1)", N_("Previous"), id="replay.previous", key_display="←",
                group=TURN_KEYS, tooltip=N_("The turn before")),
        Binding("right", "turn(1)", N_("Next"), id="replay.next", key_display="→",
                group=TURN_KEYS, tooltip=N_("The turn after")),
        Binding("s", "speed", N_("Speed"), id="replay.speed", tooltip=N_("Play at 1×, 4× or 16×")),
        Binding("home", "first", N_("First"), id="replay.first", show=False, tooltip=N_("The first turn")),
        Binding("end", "last", N_("Last"), id="replay.last", show=False, tooltip=N_("The last turn")),
        Binding("escape", "back", N_("Back"), id="replay.back", tooltip=N_("Leave the replay")),
    ]

    def __init__(self, transcript: Transcript, practice: Practice | None, *,
                 now: Callable[[], float]) -> None:
        super().__init__()
        self.transcript = transcript
        self.practice = practice
        self.timeline = Timeline(transcript)
        self._now = now
        self.speed = SPEEDS[0]
        self.playing = False
        #: Where playback is (seconds into the session), as of `_anchor_now`.
        self._anchor = 0.0
        self._anchor_now = now()
        #: The turn shown as it ended while stepping; None during and after playback.
        self.stepped: int | None = 0 if transcript.turns else None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        a, b = (one_line(name) for name in self.transcript.partners)
        with Vertical(id="replay-step"):
            yield Static("", id="replay-heading")
            yield Static("", id="replay-prompt")
        with Horizontal(id="replay-panes"):
            yield PartnerPane("A", a)
            yield PartnerPane("B", b)
        yield Static("", id="replay-note")
        yield BalanceBar((a, b), id="replay-balance")
        yield Static("", id="replay-position")
        yield KeyBar()

    def on_mount(self) -> None:
        for pane in self.query(PartnerPane):
            # Names from a file: shown as text, never read as markup.
            pane.border_title = Text(pane.partner_name)
        self.refresh_view()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < 32, "-compact")

    def on_unmount(self) -> None:
        self._stop_timer()

    def on_screen_suspend(self) -> None:
        # Covered (the hide key, the help, the palette): a playback stops where it is,
        # as a turn pauses, and goes on with Space once it is back.
        if self.playing:
            self.action_play()

    # --- where we are ---------------------------------------------------------------

    @property
    def position(self) -> float:
        """Seconds into the session that the replay shows now."""
        if not self.playing:
            return self._anchor
        return self._anchor + (self._now() - self._anchor_now) * self.speed

    def _moment(self) -> Moment:
        if self.stepped is not None:
            return self.timeline.done(self.stepped)
        return self.timeline.at(self.position)

    def _move_to(self, position: float) -> None:
        self._anchor = min(max(0.0, position), self.timeline.length_s)
        self._anchor_now = self._now()

    # --- showing ----------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Show the moment the replay is at, and wake up when it next changes."""
        if self.playing and self.position >= self.timeline.length_s:
            self.playing = False
            self._move_to(self.timeline.length_s)
        moment = self._moment()
        self._show_step(moment)
        self._show_panes(moment)
        self.query_one(BalanceBar).seconds = (moment.floor.a, moment.floor.b)
        self._show_position(moment)
        self._schedule()

    def _step_of(self, index: int) -> Step | None:
        turn = self.transcript.turns[index]
        if self.practice is None:
            return None
        plan = self.practice.plan()
        if index < len(plan) and plan[index].step.id == turn.step:
            return plan[index].step
        steps = (*self.practice.opening, *self.practice.round, *self.practice.closing)
        return next((step for step in steps if step.id == turn.step), None)

    def _show_step(self, moment: Moment) -> None:
        heading = self.query_one("#replay-heading", Static)
        prompt = self.query_one("#replay-prompt", Static)
        title = one_line(self.transcript.title)
        count = len(self.transcript.turns)
        if moment.phase == "breather":
            heading.update(Text(_("Replay · {title} · a breather").format(title=title)))
            prompt.update(Text(_("A breather: {waited} of {length}. The conversation waits.").format(
                waited=clock(moment.waited_s), length=clock(moment.breather_s))))
            self._show_note(moment)
            return
        if moment.turn is None or moment.phase == "ended":
            heading.update(Text(_("Replay · {title} · the end").format(title=title)))
            prompt.update(Text(_("The session ended here, after {length}.").format(
                length=clock(self.timeline.length_s))))
            self._show_note(moment)
            return
        turn = self.transcript.turns[moment.turn]
        heading.update(Text(_("Replay · {title} · turn {n} of {count} · {step}").format(
            title=title, n=moment.turn + 1, count=count, step=one_line(turn.title))))
        step = self._step_of(moment.turn)
        who = one_line(self.transcript.name_of(turn.speaker))
        prompt.update(Text(f"{who}: {one_line(step.prompt)}" if step else f"{who}: {one_line(turn.title)}"))
        self._show_note(moment)

    def _show_note(self, moment: Moment) -> None:
        """Stepping: the shown turn's note. Playing: the note of the turn handed over
        last, as it was written then."""
        note = self.query_one("#replay-note", Static)
        if self.stepped is not None:
            index: int | None = self.stepped
        else:
            ended = [i for i, end in enumerate(self.timeline.turn_ends) if end <= moment.position + 1e-9]
            index = ended[-1] if ended else None
        turn = self.transcript.turns[index] if index is not None else None
        if index is None or turn is None or not turn.note:
            note.update("")
            return
        writer = one_line(self.transcript.name_of(turn.note_by)) if turn.note_by else _("note")
        if self.stepped is None:
            label = _("{writer}, turn {n}:").format(writer=writer, n=index + 1) + " "
        else:
            label = f"{writer}: "
        note.update(Text.assemble((label, "bold"), (in_quotes(harmless(turn.note).strip()), "italic")))

    def _show_panes(self, moment: Moment) -> None:
        for letter, state in self._pane_states(moment).items():
            self.query_one(f"#pane-{letter.lower()}", PartnerPane).show(state)

    def _pane_states(self, moment: Moment) -> dict[str, PaneState]:
        if moment.turn is None or moment.phase in ("ended", "breather"):
            idle = PaneState(status="" if moment.phase == "ended" else _("breather"))
            return {"A": idle, "B": idle}
        turn = self.transcript.turns[moment.turn]
        step = self._step_of(moment.turn)
        states = {}
        for letter in ("A", "B"):
            if turn.speaker not in (letter, "both"):
                # The panes show text as it is, never as markup.
                guidance = one_line(step.listener) if step and step.listener else ""
                states[letter] = PaneState("listening", None, guidance)
            elif moment.phase == "waiting":
                states[letter] = PaneState("waiting", moment.shown_seconds, "", _("about to begin"))
            else:
                role = "together" if turn.speaker == "both" else "speaking"
                states[letter] = PaneState(role, moment.shown_seconds, "", self._status(moment, turn))
        return states

    def _status(self, moment: Moment, turn) -> str:
        if self.stepped is not None:
            status = _("spoke {how_long}").format(how_long=turn_line(turn))
            if turn.paused_s >= 1:
                status += " · " + _("paused {length}").format(length=clock(turn.paused_s))
            return status
        if moment.phase == "paused":
            return _("paused {waited} of {length}").format(waited=clock(moment.waited_s), length=clock(turn.paused_s))
        if moment.remaining_s < 0:
            return _("time is up")
        return ""

    def _show_position(self, moment: Moment) -> None:
        state = _("▶ playing") if self.playing else _("❚❚ paused") if self.stepped is None else _("stepping")
        at = moment.position if self.stepped is None else self.timeline.turn_ends[self.stepped]
        text = Text.assemble(
            (state, "bold"),
            # The replay runs to the last hand-over; the history's length runs on to the
            # session's close (the last note, the summary): each says what it counts.
            " " + _("{speed}× · {position} of {length}, start to last hand-over").format(
                speed=self.speed, position=clock(at), length=clock(self.timeline.length_s)),
        )
        breathers = len(self.transcript.breaks)
        if self.timeline.transcript.breaks:
            text.append(" · " + n_("{n} breather", "{n} breathers", breathers).format(n=breathers))
        self.query_one("#replay-position", Static).update(text)

    def _schedule(self) -> None:
        self._stop_timer()
        if not self.playing:
            return
        change = self.timeline.next_change(self.position)
        if change is None:
            return
        self._timer = self.set_timer(max(change / self.speed, 0.01), self.refresh_view)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    # --- keys -----------------------------------------------------------------------

    def action_play(self) -> None:
        if self.playing:
            self._move_to(self.position)
            self.playing = False
        else:
            if self.stepped is not None:
                self._move_to(self.timeline.turn_starts[self.stepped])
            elif self.position >= self.timeline.length_s:
                self._move_to(0.0)
            else:
                self._move_to(self.position)
            self.stepped = None
            self.playing = True
        self.refresh_view()

    def action_speed(self) -> None:
        self._move_to(self.position)
        self.speed = SPEEDS[(SPEEDS.index(self.speed) + 1) % len(SPEEDS)]
        self.refresh_view()

    def action_turn(self, delta: int) -> None:
        if not self.transcript.turns:
            return
        current = self.stepped
        if current is None:
            current = self.timeline.turn_at(self.position) or 0
            if delta < 0 and self.position > self.timeline.turn_starts[current] + 1:
                delta = 0  # back to the start of the turn under way, as a player does
        self._go(current + delta)

    def _go(self, index: int) -> None:
        index = max(0, min(len(self.transcript.turns) - 1, index))
        if self.playing:
            self._move_to(self.timeline.turn_starts[index])
        else:
            self.stepped = index
        self.refresh_view()

    def action_first(self) -> None:
        if self.transcript.turns:
            self._go(0)

    def action_last(self) -> None:
        if self.transcript.turns:
            self._go(len(self.transcript.turns) - 1)

    def action_back(self) -> None:
        self.dismiss()
