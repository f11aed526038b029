"""Getting ready: the two names, the practice, the turn length, an optional check-in,
and whether the session is kept on disk at all (off the record: held in memory only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from bridges_tui.core.files import paths
from bridges_tui.core.language.choice import SUPPORTED
from bridges_tui.core.language.words import N_, _, n_, spoken
from bridges_tui.core.model.records import record
from bridges_tui.core.model.session import ModelError, Practice, PracticeCard, clean_name
from bridges_tui.core.practice_scripts.catalog import Catalog
from bridges_tui.core.talk.session_choice import SessionChoice
from bridges_tui.core.text.durations import (
    DurationError,
    format_about,
    format_duration,
    parse_duration,
)
from bridges_tui.tui.screens.styled_at_mount import StyledAtMount
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.action_button import ActionButton
from bridges_tui.tui.widgets.followup_question import FollowupQuestion
from bridges_tui.tui.widgets.key_bar import KeyBar
from bridges_tui.tui.widgets.practice_about import PracticeAbout
from bridges_tui.tui.widgets.practice_list import PracticeList
from bridges_tui.tui.widgets.score_input import ScoreInput
from bridges_tui.tui.widgets.setup_title import SetupTitle
from bridges_tui.tui.widgets.words_input import WordsInput

if TYPE_CHECKING:
    from bridges_tui.core.files.store import SessionStore
    from bridges_tui.core.looking_back.history_index import AgreementToFollow

#: The turn length box's width in `styles/setup.tcss`: a longer title widens it.
TURN_BOX_WIDTH = 17
CHECKIN_QUESTION = N_("Check-in, optional: how connected do you feel right now? 1 distant … 5 close")
#: The line saying how the session will be kept, and what off the record costs.
ON_THE_RECORD = N_("Saved as you go. Ctrl+O: off the record, nothing saved.")
OFF_THE_RECORD = N_("Off the record: nothing is saved; a crash or a closed terminal loses it.")


@record
class Typed:
    """What the couple typed and chose on a setup screen, for the one built again in
    another language (F3): nothing of it is lost by choosing one."""

    names: tuple[str, str]
    practice_id: str | None
    #: The turn length as typed; None while it is still bridges' suggestion.
    turn: str | None
    scores: tuple[str, str]
    off_the_record: bool
    #: The answer picked to "How did it go?", if any ("kept", "partly", "not-yet").
    followup: str | None
    #: The id of the box that had the focus.
    focused: str | None


class SetupScreen(StyledAtMount):
    """The first screen: who is here, what to practise, and for how long."""

    BINDING_GROUP_TITLE = N_("Setup")
    CSS_PATH = sheets("setup")
    BINDINGS = [
        Binding("ctrl+s", "start", N_("Start"), id="setup.start", priority=True,
                tooltip=N_("Start the conversation with these settings")),
        Binding("f2", "app.open_history", N_("History"), id="setup.history",
                tooltip=N_("Past sessions: summaries, replays, trends")),
        Binding("ctrl+o", "off_the_record", N_("Off the record"), id="setup.off-the-record",
                priority=True,
                tooltip=N_("Hold the session in memory only, or save it as you go (the usual)")),
        # Not on the key bar (the hide key would give way to it in a long language):
        # `SetupTitle` shows it, top right, with the language's own name.
        Binding("f3", "choose_language", N_("Language"), id="setup.language", show=False,
                tooltip=N_("The language bridges speaks, kept for next time")),
    ]
    AUTO_FOCUS = "#name-a"

    class Start(Message):
        """The couple asks to start a conversation with these settings."""

        def __init__(self, choice: SessionChoice) -> None:
            super().__init__()
            self.choice = choice

    class LanguageChosen(Message):
        """The couple chose a language to speak (None: as the computer is set); the
        setup is to be built again in it, with what they had typed."""

        def __init__(self, code: str | None, typed: Typed) -> None:
            super().__init__()
            self.code = code
            self.typed = typed

    def __init__(self, catalog: Catalog, names: tuple[str, str] | None, store: SessionStore | None = None,
                 *, typed: Typed | None = None, saved_language: str | None = None) -> None:
        super().__init__()
        self.catalog = catalog
        #: The language the settings keep (None: none, the computer's is spoken).
        self.saved_language = saved_language
        #: What was typed on the setup this one replaces, to show again.
        self._typed = typed
        if typed is not None:
            names = typed.names
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
        # Built as first shown (turn length, summary, titles filled in), with titles on
        # the boxes' borders rather than labels of their own: every widget costs the
        # first screen time, and a Select is six of them. Only cards are read: no
        # practice's steps are parsed until it is started.
        first = self.catalog.cards[0] if self.catalog.cards else None
        with Vertical(id="setup"):
            yield SetupTitle(_("bridges · a guided conversation for two"), SUPPORTED.get(spoken(), spoken()),
                             id="setup-title")
            with Horizontal(id="names"):
                yield WordsInput(self.names[0], placeholder=_("Partner A (left)"), id="name-a",
                                 max_length=40, enter_moves_to="#name-b")
                yield WordsInput(self.names[1], placeholder=_("Partner B (right)"), id="name-b",
                                 max_length=40, enter_moves_to="#practice")
            yield FollowupQuestion(id="followup")
            yield PracticeList(self.catalog, id="practice")
            self._about_shown = self._about(first, None) if first else Text()
            yield PracticeAbout(self._about_shown, lambda: (self._about(card, None) for card in self.catalog.cards),
                                id="practice-about")
            with Horizontal(id="settings"):
                self._suggested_turn = format_duration(first.turn_seconds) if first else ""
                # A box for words, so a burst of keys keeps to it (see `typed_ahead`).
                turn = WordsInput(self._suggested_turn, placeholder="2m, 90s", id="turn")
                turn.border_title = title = _("Turn length")
                # As wide as its title in the language spoken (`#turn` in setup.tcss is the least).
                turn.styles.width = max(TURN_BOX_WIDTH, cell_len(title) + 6)
                yield turn
                yield ScoreInput(self.names[0] or "A", id="checkin-a")
                yield ScoreInput(self.names[1] or "B", id="checkin-b")
                yield ActionButton(_("Start"), "screen.start", id="start")
            yield Static(_(CHECKIN_QUESTION), id="checkin-hint")
            yield Static(_(ON_THE_RECORD), id="record-line")
            yield Static("", id="setup-error", markup=False)
        yield KeyBar()

    @work(thread=True, exclusive=True, group="done-before")
    def read_done_before(self) -> None:
        """Which practices were done before: headers only, off the UI thread, so a long
        history never delays the first screen."""
        from bridges_tui.core.files.store import SessionStore
        from bridges_tui.core.looking_back.done_before import done_before

        try:
            # A store of its own: this runs in a thread.
            store = self.store.sibling() if self.store is not None else SessionStore(paths.sessions_dir())
            done = done_before(store.list())
        except OSError:
            return  # the picker simply shows no dates
        self.app.call_from_thread(self.query_one(PracticeList).show_done_before, done)

    @property
    def card(self) -> PracticeCard | None:
        """The highlighted practice's card."""
        practice_id = self.query_one(PracticeList).practice_id
        return self.catalog.card(practice_id) if practice_id is not None else None

    @property
    def practice(self) -> Practice | None:
        """The highlighted practice, read whole (its steps only now it is chosen)."""
        practice_id = self.query_one(PracticeList).practice_id
        return self.catalog.get(practice_id) if practice_id is not None else None

    def _show_card(self, card: PracticeCard | None) -> None:
        turn = self.query_one("#turn", Input)
        if card is not None and turn.value == self._suggested_turn:  # not one they typed
            self._suggested_turn = format_duration(card.turn_seconds)
            turn.value = self._suggested_turn
        self._show_about(card)

    def _show_about(self, card: PracticeCard | None) -> None:
        about = self._about(card, self.query_one("#turn", Input).value) if card else Text()
        if about != self._about_shown:  # as first composed: no update, no new layout
            self._about_shown = about
            self.query_one("#practice-about", Static).update(about)

    @staticmethod
    def _about(card: PracticeCard, typed_turn: str | None) -> Text:
        """The summary of a practice, and how long it takes at the turn length typed
        (its own, while the box holds none that reads)."""
        try:
            turn = parse_duration(typed_turn) if typed_turn else card.turn_seconds
        except DurationError:
            turn = card.turn_seconds
        about = Text(card.summary)
        about.append("\n" + n_("{about}: {n} turn, {each} each unless a step sets its own.",
                               "{about}: {n} turns, {each} each unless a step sets its own.",
                               card.turns).format(about=format_about(card.seconds(turn)), n=card.turns,
                                                  each=format_duration(turn)), style="dim")
        return about

    @on(OptionList.OptionHighlighted, "#practice")
    def _practice_changed(self) -> None:
        self._show_card(self.card)
        practices = self.query_one(PracticeList)
        index = practices.highlighted
        if index is not None and all(option.disabled for option in practices.options[index + 1:]):
            # Broken scripts below can't be highlighted; bring them into view so that
            # the keyboard reaches them too.
            practices.scroll_end(animate=False)

    @on(PracticeList.NothingFound)
    def _nothing_found(self) -> None:
        self._show_about(None)

    @on(Input.Changed, "#turn")
    def _turn_changed(self) -> None:
        self._show_about(self.card)

    @on(Input.Changed, "#name-a, #name-b")
    def _update_checkin_titles(self) -> None:
        for letter in ("a", "b"):
            name = self.query_one(f"#name-{letter}", Input).value.strip() or letter.upper()
            self.query_one(f"#checkin-{letter}", ScoreInput).show_partner(name)

    def action_off_the_record(self) -> None:
        """Ctrl+O: off the record, or back to saving as you go."""
        self.off_the_record = not self.off_the_record
        line = self.query_one("#record-line", Static)
        line.update(_(OFF_THE_RECORD if self.off_the_record else ON_THE_RECORD))
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
        """Ask how the most recent agreement went (with the answer picked already, on a
        setup built again in another language)."""
        question = self.query_one(FollowupQuestion)
        question.ask(found.session, found.agreement, found.started)
        if self._typed is not None and self._typed.followup is not None:
            question.call_after_refresh(question.answer, self._typed.followup)

    # --- the language (F3) ---------------------------------------------------------

    def action_choose_language(self) -> None:
        """F3: choose the language to speak; the app builds this screen again in it."""
        import os

        from bridges_tui.core.language.choice import choose_language
        from bridges_tui.tui.screens.language import AS_THE_COMPUTER, LanguageDialog

        def chosen(code: str | None) -> None:
            if code is not None:
                self.post_message(self.LanguageChosen(None if code == AS_THE_COMPUTER else code, self.typed()))

        computers = choose_language(os.environ).code
        self.app.push_screen(LanguageDialog(spoken(), self.saved_language, computers), chosen)

    def typed(self) -> Typed:
        """Everything typed and chosen here, to be shown again."""
        turn = self._value("#turn")
        focused = self.app.focused
        return Typed(
            names=(self._value("#name-a"), self._value("#name-b")),
            practice_id=self.query_one(PracticeList).practice_id,
            turn=None if turn == self._suggested_turn else turn,
            scores=(self._value("#checkin-a"), self._value("#checkin-b")),
            off_the_record=self.off_the_record,
            followup=self.query_one(FollowupQuestion).answered,
            focused=focused.id if focused is not None and focused.screen is self else None,
        )

    def _value(self, box: str) -> str:
        return self.query_one(box, Input).value

    def on_mount(self) -> None:
        if self._typed is not None:
            self._show_typed(self._typed)

    def _show_typed(self, typed: Typed) -> None:
        if typed.practice_id is not None:
            self.query_one(PracticeList).highlight(typed.practice_id)
        if typed.turn is not None:
            self.query_one("#turn", Input).value = typed.turn
            self._suggested_turn = ""  # theirs now: choosing a practice keeps it
        for letter, score in zip("ab", typed.scores, strict=True):
            self.query_one(f"#checkin-{letter}", Input).value = score
        if typed.off_the_record:
            self.action_off_the_record()
        if typed.focused is not None:
            self.query(f"#{typed.focused}").focus()

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
                raise ValueError(_("Partner {letter}'s name: {problem}").format(
                    letter=letter.upper(), problem=problem.problem)) from None
        if names[0].casefold() == names[1].casefold():
            raise ValueError(_("Please use two different names, so the panes can tell you apart."))
        practice = self.practice
        if practice is None:
            raise ValueError(_("Please choose a practice."))
        turn_text = self.query_one("#turn", Input).value.strip()
        try:
            turn = parse_duration(turn_text) if turn_text else practice.turn_seconds
        except DurationError as problem:
            if focus:
                self.query_one("#turn", Input).focus()
            raise ValueError(_("Turn length: {problem}").format(problem=problem)) from None
        a, b = (self.query_one(f"#checkin-{letter}", ScoreInput).score for letter in ("a", "b"))
        checkin = None
        if a is not None and b is not None:
            checkin = (a, b)
        elif a is not None or b is not None:
            raise ValueError(_("Check-in: give both scores, or skip both."))
        return SessionChoice(
            practice=practice,
            names=(names[0], names[1]),
            turn_seconds=None if turn == practice.turn_seconds else turn,
            checkin=checkin,
            followup=self.query_one(FollowupQuestion).followup,
            off_the_record=self.off_the_record,
        )
