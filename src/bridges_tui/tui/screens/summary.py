"""A session's summary: who held the floor how long, every step with its notes, the
check-in, what each learned and what both agree to try.

One screen for two moments. At the end of a session (`past=False`) the closing words
and the check-in after are filled in here. For a past session (`past=True`, opened from
the history) everything is read-only except the agreement and the notes, which can be
corrected; a session still in progress cannot be changed here at all. Either way the
screen shows a `Transcript` and hands each change, as a `Correction`, to the session it
was given (`KeptSession`: the live one, or one opened from the history), which applies
and saves it and returns the transcript as it now stands. Where to go next (a new
session, the history, a replay…) it reports to the app with messages.
Typing is saved a moment after it pauses, and at once when the screen closes or the
app quits, so nothing typed is lost.

At the end of a session the summary asks whether to keep it: kept is the default and
needs nothing; letting it go (Ctrl+L) needs both partners. A session held off the
record is kept after all (Ctrl+S) only if both choose it; otherwise leaving forgets it.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Input, Label, OptionList, Static

from bridges_tui.core.language.dates import moment
from bridges_tui.core.language.words import N_, _, in_quotes
from bridges_tui.core.looking_back.corrections import (
    CheckinCorrection,
    ClosingCorrection,
    Correction,
    NoteCorrection,
)
from bridges_tui.core.looking_back.outline import Outline
from bridges_tui.core.looking_back.session_summary import checkin_text, clock, status_word
from bridges_tui.core.model.session import PlannedStep, Transcript
from bridges_tui.core.text.harmless import one_line
from bridges_tui.tui.kept_session import KeptSession
from bridges_tui.tui.screens.about_file import AboutFile
from bridges_tui.tui.screens.note_prompt import NotePrompt
from bridges_tui.tui.screens.summary_fields import agreement, closing_words, what_happened
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.balance_bar import BalanceBar
from bridges_tui.tui.widgets.key_bar import KeyBar
from bridges_tui.tui.widgets.score_input import ScoreInput
from bridges_tui.tui.widgets.steps_and_notes import StepsAndNotes

SAVE_DELAY = 0.6


class SummaryScreen(Screen):
    """Shows what a session amounted to; see the module docstring for what can change."""

    BINDING_GROUP_TITLE = N_("Summary")
    CSS_PATH = sheets("summary")
    BINDINGS = [
        Binding("ctrl+n", "new_session", N_("New session"), id="summary.new", priority=True,
                tooltip=N_("Start another conversation")),
        Binding("f2", "history", N_("History"), id="summary.history",
                tooltip=N_("Past sessions: summaries, replays, trends")),
        Binding("r", "replay", N_("Replay"), id="summary.replay",
                tooltip=N_("Play this session back, turn by turn")),
        Binding("x", "export", N_("Export"), id="summary.export",
                tooltip=N_("Save this session as Markdown or TOML")),
        Binding("d", "delete", N_("Let go"), id="summary.delete",
                tooltip=N_("Remove this session and all made from it (both of you agree first)")),
        Binding("ctrl+l", "let_go", N_("Let go"), id="summary.let-go", priority=True,
                tooltip=N_("Remove this session and all made from it (both of you agree first)")),
        Binding("ctrl+s", "keep_after_all", N_("Keep it after all"), id="summary.keep", priority=True,
                tooltip=N_("Save this session held off the record (both of you agree first)")),
        Binding("escape", "back", N_("Back"), id="summary.back", tooltip=N_("Back to the history")),
    ]

    class NewSession(Message):
        """Set up another conversation."""

    class OpenHistory(Message):
        """Show the history of past sessions."""

    class Replay(AboutFile):
        """Play the session back."""

    class Export(AboutFile):
        """Save the session as Markdown or TOML, somewhere else."""

    class Delete(AboutFile):
        """Let the past session go (after both agree)."""

    class LetGo(Message):
        """Let the session just held go (after both agree)."""

    class KeepAfterAll(Message):
        """Keep the session held off the record after all (after both agree)."""

    def __init__(
        self,
        transcript: Transcript,
        session: KeptSession,
        *,
        plan: tuple[PlannedStep, ...] | None = None,
        path: Path | None = None,
        hints: bool = True,
        reframe: str | None = None,
    ) -> None:
        """`path` is given for a past session, opened from the history; the live
        session's summary has none. `hints`: whether the note prompt shows phrasing
        hints (the couple's config); `reframe`: the practice's frame for them."""
        super().__init__()
        self.transcript = transcript
        self.session = session
        self.past = path is not None
        self.path = path
        #: Nothing can change in a session that is still in progress somewhere.
        self.read_only = self.past and transcript.status == "in-progress"
        self._plan = plan
        self._hints = hints
        self._reframe = reframe
        self._save_timer: Timer | None = None
        # What is typed in the closing's boxes, kept here as it is typed: the boxes
        # may be gone by the time it is saved (the screen closing, the app quitting).
        self._typed: dict[str, str] = {}
        #: A draft of the note being corrected was saved (Escape then restores none).
        self._drafted = False

    # --- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield Static("", id="summary-title")
            yield Static("", id="summary-saved", markup=False)
            if self.past:
                yield from what_happened(self.transcript, past=True, read_only=self.read_only)
                yield Label(_("Check-in (how connected, 1 distant … 5 close)"), classes="field-label")
                yield Static("", id="summary-checkin-past")
                yield Label(_("What we learned"), classes="field-label")
                yield Static("", id="summary-learned")
                yield from agreement(self.transcript, read_only=self.read_only)
            else:
                # Right after the session, what matters most comes first, where the
                # focus starts: at 80x24 it is all on the first view, the floor time
                # and the steps below it.
                yield from closing_words(self.transcript)
                yield from what_happened(self.transcript, past=False, read_only=False)
            with Horizontal(id="summary-buttons"):
                if self.past:
                    yield Button(_("Replay (r)"), id="replay", variant="primary")
                    yield Button(_("Export (x)"), id="export")
                    yield Button(_("Let go (d)"), id="delete", variant="error")
                    yield Button(_("Back (esc)"), id="back")
                else:
                    yield Button(_("New session (ctrl+n)"), id="new", variant="primary")
                    yield Button(_("History (f2)"), id="history")
                    # One of the two shows (see `_show`): the other once kept after all.
                    yield Button(_("Keep it after all (ctrl+s)"), id="keep")
                    yield Button(_("Let go (ctrl+l)"), id="let-go", variant="error")
        yield KeyBar()

    def on_mount(self) -> None:
        # A past session opens on its steps; the end of one on what each learned.
        self.query_one("#summary-steps" if self.past else "#learned-a").focus()
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each moment shows only its own keys."""
        if action in ("replay", "export", "delete", "back"):
            return self.past
        if action in ("new_session", "history"):
            return not self.past
        if action == "let_go":
            return not self.past and not self.session.off_the_record
        if action == "keep_after_all":
            return not self.past and self.session.off_the_record
        return True

    # --- showing ----------------------------------------------------------------------

    def _show(self) -> None:
        transcript = self.transcript
        outline = Outline.of(transcript)
        summary = outline.summary
        title = Text.assemble(
            (one_line(transcript.title), "bold"), f" · {status_word(transcript.status)} · ",
            moment(transcript.started),
        )
        if self.past and summary.length_s is not None:
            title.append(f" · {clock(summary.length_s)}")
        self.query_one("#summary-title", Static).update(title)
        self.query_one("#summary-saved", Static).update(Text(self.session.saved_line()))
        if not self.past:
            self.query_one("#keep").display = self.session.off_the_record
            self.query_one("#let-go").display = not self.session.off_the_record
        self.query_one(BalanceBar).seconds = (summary.floor.a, summary.floor.b)
        a, b = (one_line(name) for name in transcript.partners)
        self.query_one("#summary-floor", Static).update(Text(summary.floor_line((a, b))))
        if outline.followup is not None:
            self.query_one("#summary-followup", Static).update(Text.assemble(
                (_("Last time's agreement:") + " ", "bold"), in_quotes(one_line(outline.followup.agreement)),
                f" · {outline.followup.answer}",
            ))
        self.query_one(StepsAndNotes).show(outline, read_only=self.read_only)
        if self.past:
            change = checkin_text(transcript.checkin.before, transcript.checkin.after)
            if change:
                shown = _("before → after, {a} and {b}: {change}").format(a=a, b=b, change=change)
            else:
                shown = _("Not given.")
            self.query_one("#summary-checkin-past", Static).update(Text(shown))
            learned = Text()
            for name, line in outline.learned:
                learned.append(f"{one_line(name)}: ", style="bold")
                learned.append(one_line(line) + "\n")
            learned.rstrip()
            self.query_one("#summary-learned", Static).update(learned or Text(_("Nothing written.")))

    # --- editing ------------------------------------------------------------------

    def _apply(self, correction: Correction) -> None:
        try:
            self.transcript = self.session.correct(correction)
        except Exception as error:
            self.notify(_("Not saved: {problem}").format(problem=error), severity="error", timeout=10, markup=False)
        if self.is_mounted and self.children:
            self._show()

    def _planned(self, index: int) -> PlannedStep | None:
        plan = self._plan
        turn = self.transcript.turns[index]
        if plan is None or index >= len(plan) or plan[index].step.id != turn.step:
            return None  # the practice changed since, or is gone: no label to borrow
        return plan[index]

    @on(OptionList.OptionSelected, "#summary-steps")
    def _edit_note(self, event: OptionList.OptionSelected) -> None:
        if self.read_only or event.option.id is None:
            return
        index = int(event.option.id)
        turn = self.transcript.turns[index]
        planned = self._planned(index)
        label = planned.step.note.label if planned and planned.step.note else _("Note")
        writer = turn.note_by or (planned.note_writer if planned else None) or turn.speaker
        new_writer = planned.note_writer if planned else None
        self._drafted = False

        def keep(text: str | None) -> None:
            # Escape answers with the note as it was, or None when there was none.
            if text is not None:
                self._apply(NoteCorrection(index, text, new_writer))
            elif self._drafted:
                self._apply(NoteCorrection(index, "", new_writer))

        prompt = NotePrompt(label, one_line(self.transcript.name_of(writer)), turn.note or "",
                            reframe=self._reframe, hints=self._hints, drafts_to=self,
                            about=index, language=self.transcript.language)
        self.app.push_screen(prompt, keep)

    @on(NotePrompt.Drafted)
    def _keep_draft(self, drafted: NotePrompt.Drafted) -> None:
        # Saved as it is typed, as during the session: a crash loses nothing.
        self._drafted = True
        planned = self._planned(drafted.about)
        self._apply(NoteCorrection(drafted.about, drafted.text, planned.note_writer if planned else None))

    @on(Input.Changed, "#learned-a, #learned-b, #agreement")
    def _closing_changed(self, event: Input.Changed) -> None:
        self._typed[event.input.id or ""] = event.value
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_now)

    @on(Input.Changed, "#after-a, #after-b")
    def _checkin_changed(self) -> None:
        a, b = (self.query_one(f"#after-{x}", ScoreInput).score for x in ("a", "b"))
        after = (a, b) if a is not None and b is not None else None
        if after != self.transcript.checkin.after:
            self._apply(CheckinCorrection(after))

    def _save_now(self) -> None:
        """Save what was typed, now (also called when the screen closes or the app quits)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        closing = self.transcript.closing
        agreement = self._typed.get("agreement", closing.agreement or "")
        learned = closing.learned
        if not self.past:
            learned = tuple(
                self._typed.get(f"learned-{x}", learned[n] if n < len(learned) else "")
                for n, x in enumerate("ab")
            )
        if (agreement.strip() or None) == closing.agreement and (
            tuple(item.strip() for item in learned if item.strip()) == closing.learned
        ):
            return  # nothing new (the boxes report their first value when shown)
        self._apply(ClosingCorrection(learned, agreement))

    flush_edits = _save_now

    def on_unmount(self) -> None:
        self._save_now()

    # --- leaving --------------------------------------------------------------------

    def _leave(self, message: Message) -> None:
        """What was typed is saved first; then the app is asked for `message`."""
        self._save_now()
        self.post_message(message)

    @on(Button.Pressed, "#new")
    def action_new_session(self) -> None:
        self._leave(self.NewSession())

    @on(Button.Pressed, "#history")
    def action_history(self) -> None:
        self._leave(self.OpenHistory())

    @on(Button.Pressed, "#let-go")
    def action_let_go(self) -> None:
        self._leave(self.LetGo())

    @on(Button.Pressed, "#keep")
    def action_keep_after_all(self) -> None:
        self._leave(self.KeepAfterAll())

    def kept(self) -> None:
        """The session off the record is kept after all: say where, offer letting go."""
        self._show()
        self.refresh_bindings()

    @on(Button.Pressed, "#replay")
    def action_replay(self) -> None:
        if self.path is not None:
            self.post_message(self.Replay(self.path))

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        if self.path is not None:
            self._leave(self.Export(self.path))

    @on(Button.Pressed, "#delete")
    def action_delete(self) -> None:
        if self.path is not None:
            self._leave(self.Delete(self.path))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self._save_now()
        self.dismiss()
