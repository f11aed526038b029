"""Help: the keys, and the idea behind each practice."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from bridges_tui.core.practice_scripts.catalog import Catalog
from bridges_tui.core.talk.keys import KEY_NOTES, key_table_markdown
from bridges_tui.tui.styles import sheets

#: The keys of the conversation come from the core's key table, so the help cannot
#: promise what a key does not do; the app's own keys follow.
KEYS = f"""\
## Keys in a conversation

{key_table_markdown()}
{KEY_NOTES}

Nothing moves on by itself: when time is up you hear one bell and the clock counts
the extra time, so you can finish your sentence.

## Keys everywhere

| key | what it does |
| --- | --- |
| `F1` | this help |
| `F2` | the history of past sessions (on the setup screen and the summary) |
| `ctrl+p` | every command, searchable |
| `ctrl+q` | quit (asks first; everything is already saved) |
| `F12` or `ctrl+g` | hide at once: a plain screen with nothing of yours on it; a turn pauses; again to come back |

## Looking back

F2 opens the history. There: Enter opens a session's summary (its agreement and notes
can be corrected), / finds a word from the notes or the agreement (↓, Enter or Esc
back to the sessions found), r replays a session
(← → turn by turn, space plays, s for 1×, 4×, 16×), t shows the trends, x exports,
d deletes (asks first), Esc goes back. To keep the sessions private on a shared laptop,
`bridges lock` (in a terminal) encrypts them with a passphrase; `bridges unlock` undoes it.

## The idea

One of you speaks, the other listens: the listener's job is to understand, not to
answer yet. Reflect back what you heard, ask curious questions, and leave your defence
for later. Taking a break when a talk overheats is a good move, not a failure.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and practices; Escape or F1 closes it."""

    CSS_PATH = sheets("dialogs")
    BINDINGS = [Binding("escape,f1,q", "close", "Close help", id="help.close")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(classes="dialog-screen")
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        practices = "\n\n".join(
            f"**{card.title}** — {card.idea or card.summary}" for card in self.catalog.cards
        )
        with VerticalScroll(classes="dialog help-dialog"):
            yield Markdown(KEYS + "\n## The practices\n\n" + practices)

    def action_close(self) -> None:
        self.dismiss(None)
