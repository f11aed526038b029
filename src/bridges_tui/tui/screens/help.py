"""Help: the keys, and the idea behind each practice."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from bridges_tui.core.language.words import N_, _
from bridges_tui.core.practice_scripts.catalog import Catalog
from bridges_tui.core.talk.keys import KEY_NOTES, key_table_markdown
from bridges_tui.core.text.durations import format_about
from bridges_tui.tui.styles import sheets

#: The keys of the conversation come from the core's key table, so the help cannot
#: promise what a key does not do; the app's own keys follow. Each part is marked
#: whole (a translator sees its Markdown) and said in the language spoken by `keys_text`.
KEYS_HEADING = N_("Keys in a conversation")
ONE_BELL = N_("""\
Nothing moves on by itself: when time is up you hear one bell and the clock counts
the extra time, so you can finish your sentence.""")
EVERYWHERE = N_("""\
## Keys everywhere

| key | what it does |
| --- | --- |
| `F1` | this help |
| `F2` | the history of past sessions (on the setup screen and the summary) |
| `F3` | the language bridges speaks (on the setup screen), kept for next time |
| `ctrl+p` | every command, searchable |
| `ctrl+q` | quit (asks first; everything is already saved) |
| `F12` or `ctrl+g` | hide at once: a plain screen with nothing of yours on it; a turn pauses; again to come back |""")
LOOKING_BACK = N_("""\
## Looking back

F2 opens the history. There: Enter opens a session's summary (its agreement and notes
can be corrected), / finds a word from the notes or the agreement (↓, Enter or Esc
back to the sessions found), r replays a session
(← → turn by turn, space plays, s for 1×, 4×, 16×), t shows the trends, x exports,
d lets a session go, Esc goes back. To keep the sessions private on a shared laptop,
`bridges lock` (in a terminal) encrypts them with a passphrase; `bridges unlock` undoes it.
`bridges start-screen blank` keeps your names and your last agreement off this app's
start screen; `bridges start-screen remembered` brings them back.""")
OFF_THE_RECORD = N_("""\
## Off the record, and letting go

Ctrl+O on the setup screen (or `bridges talk --off-the-record`) holds the session in
memory only: nothing of it is written, and a crash or a closed terminal loses it. Its
summary forgets it when you leave, unless you both choose to keep it after all (Ctrl+S).
Any other session is kept; to let it go (Ctrl+L on its summary, d in the history), each
of you presses your own key, the first letter of your name: one of you alone can't.""")
THE_IDEA = N_("""\
## The idea

One of you speaks, the other listens: the listener's job is to understand, not to
answer yet. Reflect back what you heard, ask curious questions, and leave your defence
for later. Taking a break when a talk overheats is a good move, not a failure.""")


def keys_text() -> str:
    """The keys, looking back, off the record and the idea, in Markdown, in the
    language spoken."""
    parts = [f"## {_(KEYS_HEADING)}\n\n{key_table_markdown()}\n{_(KEY_NOTES)}", _(ONE_BELL),
             *(_(part) for part in (EVERYWHERE, LOOKING_BACK, OFF_THE_RECORD, THE_IDEA))]
    return "\n\n".join(parts) + "\n"


FINDING = N_("""\
In the setup's list, type a word to find a practice ("fight", "stress", "gottman"),
or the minutes you have ("10"); Backspace or Esc shows every one again.""")


def practices_text(catalog: Catalog) -> str:
    """The practices in their groups, in Markdown: where each group comes from, and
    each practice's idea (its summary when it has none) and how long it takes."""
    lines = ["## " + _("The practices"), "", _(FINDING)]
    for group, cards in catalog.grouped():
        lines += ["", f"### {_plain(group.title)}: {_plain(group.moment)}"]
        if group.about:
            lines += ["", _plain(group.about)]
        for card in cards:
            idea = _plain(card.idea or card.summary)
            lines += ["", f"**{_plain(card.title)}** ({format_about(card.seconds())}): {idea}"]
    return "\n".join(lines) + "\n"


def _plain(text: str) -> str:
    """A script's words, shown as written: nothing in them is read as Markdown."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~-])", r"\\\1", " ".join(text.split()))


class HelpScreen(ModalScreen[None]):
    """Keys and practices; Escape or F1 closes it."""

    CSS_PATH = sheets("dialogs")
    BINDINGS = [Binding("escape,f1,q", "close", N_("Close help"), id="help.close")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(classes="dialog-screen")
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help-dialog"):
            yield Markdown(keys_text() + "\n" + practices_text(self.catalog))

    def action_close(self) -> None:
        self.dismiss(None)
