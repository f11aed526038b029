"""The small prompt that keeps a note when a step asks for one ("What did you hear?").

Under the box, a gentle phrasing hint may suggest the practice's frame when the words
sound like blame (`PhrasingHint`); it never stands between the couple and Enter.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Static

from bridges_tui.core.language.words import N_, _
from bridges_tui.tui.styles import sheets
from bridges_tui.tui.widgets.phrasing_hint import PhrasingHint
from bridges_tui.tui.widgets.words_input import WordsInput

MAX_NOTE_LENGTH = 10_000
#: While a note is typed, what is in the box is reported as a draft at most this
#: often, and never later than this after a keystroke: all a crash can cost.
DRAFT_SECONDS = 0.3
#: The line under the box.
KEEP_OR_SKIP = N_("Enter keeps it · Esc skips")


class NotePrompt(ModalScreen[str | None]):
    """Enter keeps the note, Escape skips it.

    Escape never throws away typed words on its own: with text in the box, the first
    Escape only asks, and a second one discards. Meanwhile the words typed so far
    (see `DRAFT_SECONDS`) go to `drafts_to`, if given, as `Drafted` messages, to be
    kept safe on disk.
    """

    class Drafted(Message):
        """The note as typed so far; `about` is what the opener said it is about."""

        def __init__(self, about: int, text: str) -> None:
            super().__init__()
            self.about = about
            self.text = text

    CSS_PATH = sheets("dialogs")
    BINDINGS = [
        Binding("escape", "skip", N_("Skip"), id="note.skip"),
    ]

    def __init__(
        self, label: str, writer: str, text: str = "", *, reframe: str | None = None,
        hints: bool = True, together: bool = False, language: str | None = None,
        drafts_to: MessagePump | None = None, about: int = 0,
        holds_space: Callable[[], bool] | None = None,
    ) -> None:
        """`writer` names who writes the note (`together`: both partners, "Sam &
        Alex"); `reframe` is the practice's frame for the phrasing hint; `hints` False
        (the couple's config) shows none. `drafts_to` (the screen that opens the prompt) is
        sent the drafts, each saying what the note is `about` (a turn's number).
        While `holds_space` (given by the conversation) is true, Space types nothing.
        `language` is the session's, whose hint rules apply (None: the one spoken)."""
        super().__init__(classes="dialog-screen")
        self.label = label
        self.writer = writer
        self.text = text
        self.reframe = reframe
        self.hints = hints
        #: The language of the session the note belongs to, whose hint rules apply.
        self.language = language
        self.together = together
        self._escape_armed = False
        self._drafts_to = drafts_to
        self._about = about
        self._draft_timer: Timer | None = None
        self._holds_space = holds_space

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog note-dialog"):
            yield Static(self.label, classes="dialog-title", markup=False)
            if self.together:
                writes = _("{names} write this note.").format(names=self.writer)
            else:
                writes = _("{name} writes this note.").format(name=self.writer)
            yield Static(writes, classes="dialog-detail", markup=False)
            yield PhrasingHint(
                WordsInput(self.text, placeholder=_("A few words to keep…"), id="note-text",
                           max_length=MAX_NOTE_LENGTH, drops_key=self._holds_key),
                reframe=self.reframe, enabled=self.hints, language=self.language,
            )
            yield Static(_(KEEP_OR_SKIP), id="note-help", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _keep(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    @on(Input.Changed)
    def _typed(self) -> None:
        if self._drafts_to is not None and self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_SECONDS, self._hand_over_draft)
        if self._escape_armed:
            self._escape_armed = False
            self.query_one("#note-help", Static).update(_(KEEP_OR_SKIP))

    def _hand_over_draft(self) -> None:
        self._draft_timer = None
        if self._drafts_to is not None and self.is_attached:
            self._drafts_to.post_message(self.Drafted(self._about, self.query_one(Input).value))

    def dismiss(self, result: str | None = None):
        if self._draft_timer is not None:  # the answer replaces any draft
            self._draft_timer.stop()
            self._draft_timer = None
        return super().dismiss(result)

    def _holds_key(self, key: str) -> bool:
        """Whether the box drops `key`: a Space while the conversation holds it back
        (`holds_space`), as the first key in the box, i.e. a double press of the Space
        that ended the turn. Once words are typed a Space is part of them, however
        fast: the box asks in the order the keys were typed, so it knows."""
        if key != "space" or self._holds_space is None or not self._holds_space():
            return False
        return self.query_one(Input).value == self.text

    def action_skip(self) -> None:
        typed = self.query_one(Input).value.strip()
        if typed and typed != self.text.strip() and not self._escape_armed:
            self._escape_armed = True
            self.query_one("#note-help", Static).update(
                _("Press Esc again to throw these words away, or Enter to keep them.")
            )
            return
        self.dismiss(None if not self.text else self.text)
