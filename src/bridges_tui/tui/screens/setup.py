"""Getting ready: the two names, the practice, the turn length, an optional check-in,
and whether the session is kept on disk at all (off the record: held in memory only)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from bridges_tui.core.files import paths
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.looking_back.done_before import DoneBefore, done_before, last_done_text
from bridges_tui.core.model.session import ModelError, Practice, PracticeCard, clean_name
from bridges_tui.core.practice_scripts.catalog import Catalog
from bridges_tui.core.practice_scripts.reading import PracticeScriptError
from bridges_tui.core.talk.session_choice import SessionChoice
from bridges_tui.core.text.durations import DurationError, format_duration, parse_duration
from bridges_tui.core.text.harmless import harmless, one_line
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.action_button import ActionButton
from bridges_tui.tui.widgets.followup_question import FollowupQuestion
from bridges_tui.tui.widgets.key_bar import KeyBar
from bridges_tui.tui.widgets.practice_list import PracticeList
from bridges_tui.tui.widgets.score_input import ScoreInput
from bridges_tui.tui.widgets.words_input import WordsInput

if TYPE_CHECKING:
    from bridges_tui.core.looking_back.history_index import AgreementToFollow

CHECKIN_QUESTION = "Check-in, optional: how connected do you feel right now? 1 distant … 5 close"
#: The line saying how the session will be kept, and what off the record costs.
ON_THE_RECORD = "Saved as you go. Ctrl+O: off the record, nothing saved."
OFF_THE_RECORD = "Off the record: nothing is saved; a crash or a closed terminal loses it."


class SetupScreen(Screen):
    """The first screen: who is here, what to practise, and for how long."""

    BINDING_GROUP_TITLE = "Setup"
    CSS_PATH = sheets("setup")
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", id="setup.start", priority=True,
                tooltip="Start the conversation with these settings"),
        Binding("f2", "app.open_history", "History", id="setup.history",
                tooltip="Past sessions: summaries, replays, trends"),
        Binding("ctrl+o", "off_the_record", "Off the record", id="setup.off-the-record", priority=True,
                tooltip="Hold the session in memory only, or save it as you go (the usual)"),
    ]
    AUTO_FOCUS = "#name-a"

    class Start(Message):
        """The couple asks to start a conversation with these settings."""

        def __init__(self, choice: SessionChoice) -> None:
            super().__init__()
            self.choice = choice

    def __init__(self, catalog: Catalog, names: tuple[str, str] | None, store: SessionStore | None = None) -> None:
        super().__init__()
        self.catalog = catalog
        #: The sessions (a locked folder's store holds its key); None: the usual folder.
        self.store = store
        self.names = names or ("", "")
        #: The turn length bridges last suggested; once the couple types another,
        #: choosing a practice no longer replaces it.
        self._suggested_turn = ""
        self._error_shown = False
        #: Held in memory only (Ctrl+O turns it on and off).
        self.off_the_record = False

    def compose(self) -> ComposeResult:
        # Built as first shown (turn length, hints, titles filled in), with titles on
        # the boxes' borders rather than labels of their own: every widget costs the
        # first screen time, and a Select is six of them.
        first = self.catalog.get(self.catalog.cards[0].id) if self.catalog.cards else None
        with Vertical(id="setup"):
            yield Static("bridges · a guided conversation for two", id="setup-title")
            with Horizontal(id="names"):
                yield WordsInput(self.names[0], placeholder="Partner A (left)", id="name-a",
                                 max_length=40, enter_moves_to="#name-b")
                yield WordsInput(self.names[1], placeholder="Partner B (right)", id="name-b",
                                 max_length=40, enter_moves_to="#practice")
            yield FollowupQuestion(id="followup")
            practices = PracticeList(*self._practice_options(), id="practice")
            practices.border_title = "Practice"
            yield practices
            with Horizontal(id="settings"):
                self._suggested_turn = format_duration(first.turn_seconds) if first else ""
                # A box for words, so a burst of keys keeps to it (see `typed_ahead`).
                turn = WordsInput(self._suggested_turn, placeholder="2m, 90s", id="turn")
                turn.border_title = "Turn length"
                yield turn
                yield ScoreInput(self.names[0] or "A", id="checkin-a")
                yield ScoreInput(self.names[1] or "B", id="checkin-b")
                yield ActionButton("Start", "screen.start", id="start")
            self._hint_shown = self._turn_hint(first) if first else ""
            yield Static(self._hint_shown, id="turn-hint", markup=False)
            yield Static(CHECKIN_QUESTION, id="checkin-hint")
            yield Static(ON_THE_RECORD, id="record-line")
            yield Static("", id="setup-error", markup=False)
        yield KeyBar()

    def _practice_options(self) -> list[Option]:
        options = [Option(self._practice_label(card, None), id=card.id)
                   for card in self.catalog.cards]
        # A broken script of the couple's own stays in the list, greyed out, with why:
        # a practice that silently vanished would be far more puzzling.
        for number, (path, why) in enumerate(self.catalog.broken):
            label = Text(one_line(path.name), style="bold")  # a file name is data too
            label.append("  (your own, can't be used)", style="italic")
            if isinstance(why, PracticeScriptError) and why.problems:
                first = why.problems[0]
                where = ": ".join(part for part in (first.where, first.field) if part)
                more = len(why.problems) - 1
                why = f"{where}: {first.message}" + (f" (and {more} more)" if more else "")
            label.append(harmless(f"\n{why}\nbridges check {path} says how to fix it."))
            options.append(Option(label, id=f"broken-{number}", disabled=True))
        return options

    def _practice_label(self, card: PracticeCard, done: DoneBefore | None) -> Text:
        label = Text(card.title, style="bold")
        if card.source == "user":
            replaces = card.id in self.catalog.overridden
            label.append("  (your own, replaces the built-in)" if replaces else "  (your own)",
                         style="italic")
        if done is not None:
            label.append(f"  · {last_done_text(done, date.today())}", style="italic")
        label.append("\n" + card.summary)
        return label

    @work(thread=True, exclusive=True, group="done-before")
    def read_done_before(self) -> None:
        """Which practices were done before: headers only, off the UI thread, so a long
        history never delays the first screen."""
        try:
            # A store of its own: this runs in a thread.
            store = self.store.sibling() if self.store is not None else SessionStore(paths.sessions_dir())
            done = done_before(store.list())
        except OSError:
            return  # the picker simply shows no dates
        self.app.call_from_thread(self._show_done_before, done)

    def _show_done_before(self, done: Mapping[str, DoneBefore]) -> None:
        option_list = self.query_one("#practice", OptionList)
        for index, card in enumerate(self.catalog.cards):
            if card.id in done:
                option_list.replace_option_prompt_at_index(
                    index, self._practice_label(card, done[card.id])
                )

    def on_mount(self) -> None:
        if self.catalog.cards:
            self.query_one("#practice", OptionList).highlighted = 0

    @property
    def practice(self) -> Practice | None:
        """The highlighted practice, read whole (its steps only now it is chosen)."""
        option_list = self.query_one("#practice", OptionList)
        index = option_list.highlighted
        if index is None or not self.catalog.cards:
            return None
        return self.catalog.get(self.catalog.cards[index].id)

    def _show_turn(self, practice: Practice) -> None:
        turn = self.query_one("#turn", Input)
        if turn.value == self._suggested_turn:  # not a length the couple typed
            self._suggested_turn = format_duration(practice.turn_seconds)
            turn.value = self._suggested_turn
        hint = self._turn_hint(practice)
        if hint != self._hint_shown:  # as first composed: no update, no new layout
            self._hint_shown = hint
            self.query_one("#turn-hint", Static).update(hint)

    @staticmethod
    def _turn_hint(practice: Practice) -> str:
        return (f"{practice.title}: turns of {format_duration(practice.turn_seconds)} suggested; "
                f"{len(practice.plan())} steps.")

    @on(OptionList.OptionHighlighted, "#practice")
    def _practice_changed(self) -> None:
        practice = self.practice
        if practice is not None:
            self._show_turn(practice)
        option_list = self.query_one("#practice", OptionList)
        if self.catalog.broken and option_list.highlighted == len(self.catalog.cards) - 1:
            # The broken scripts below can't be highlighted; bring them into view so
            # that the keyboard reaches them too.
            option_list.scroll_end(animate=False)

    @on(Input.Changed, "#name-a, #name-b")
    def _update_checkin_titles(self) -> None:
        for letter in ("a", "b"):
            name = self.query_one(f"#name-{letter}", Input).value.strip() or letter.upper()
            self.query_one(f"#checkin-{letter}", ScoreInput).show_partner(name)

    def action_off_the_record(self) -> None:
        """Ctrl+O: off the record, or back to saving as you go."""
        self.off_the_record = not self.off_the_record
        line = self.query_one("#record-line", Static)
        line.update(OFF_THE_RECORD if self.off_the_record else ON_THE_RECORD)
        line.set_class(self.off_the_record, "-off")

    @on(OptionList.OptionSelected, "#practice")
    def _practice_chosen(self) -> None:
        self.query_one("#turn", Input).focus()

    @on(Input.Submitted, "#turn")
    def action_start(self) -> None:
        error = self.query_one("#setup-error", Static)
        try:
            choice = self._choice()
        except (ModelError, DurationError, ValueError) as problem:
            error.update(str(problem))
            self._error_shown = True
            return
        error.update("")
        self._error_shown = False
        self.post_message(self.Start(choice))

    @on(Input.Changed)
    def _recheck(self) -> None:
        """A problem shown goes once it is fixed (or says what is wrong now), as the
        couple type; the focus stays where they are typing."""
        if not self._error_shown:
            return
        try:
            self._choice(focus=False)
        except (ModelError, DurationError, ValueError) as problem:
            self.query_one("#setup-error", Static).update(str(problem))
            return
        self.query_one("#setup-error", Static).update("")
        self._error_shown = False

    def ask_followup(self, found: AgreementToFollow) -> None:
        """Ask how the most recent agreement went."""
        self.query_one(FollowupQuestion).ask(found.session, found.agreement, found.started)

    def _choice(self, *, focus: bool = True) -> SessionChoice:
        """The couple's choice; a ValueError saying what is wrong (with the focus
        moved to that box, when `focus`)."""
        names = []
        for letter in ("a", "b"):
            raw = self.query_one(f"#name-{letter}", Input).value
            try:
                names.append(clean_name(raw))
            except ModelError as problem:
                if focus:
                    self.query_one(f"#name-{letter}", Input).focus()
                raise ValueError(f"Partner {letter.upper()}'s name: {problem.problem}") from None
        if names[0].casefold() == names[1].casefold():
            raise ValueError("Please use two different names, so the panes can tell you apart.")
        practice = self.practice
        if practice is None:
            raise ValueError("Please choose a practice.")
        turn_text = self.query_one("#turn", Input).value.strip()
        try:
            turn = parse_duration(turn_text) if turn_text else practice.turn_seconds
        except DurationError as problem:
            if focus:
                self.query_one("#turn", Input).focus()
            raise ValueError(f"Turn length: {problem}") from None
        a, b = (self.query_one(f"#checkin-{letter}", ScoreInput).score for letter in ("a", "b"))
        checkin = None
        if a is not None and b is not None:
            checkin = (a, b)
        elif a is not None or b is not None:
            raise ValueError("Check-in: give both scores, or skip both.")
        return SessionChoice(
            practice=practice,
            names=(names[0], names[1]),
            turn_seconds=None if turn == practice.turn_seconds else turn,
            checkin=checkin,
            followup=self.query_one(FollowupQuestion).followup,
            off_the_record=self.off_the_record,
        )
