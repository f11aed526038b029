"""An input with a gentle phrasing hint beneath it.

Wrap any `Input` in `PhrasingHint` and, as the couple types, a quiet line below it
suggests the frame of the current practice when the words sound like blame or an
absolute ("you never…"). The rules, and the decision, are the core's (`core.hints`);
this widget only shows the result. It never takes focus, never blocks Enter and never
touches what was typed. The keys live on the wrapper, so they work while the input
has focus: ctrl+y says why the hint appears, ctrl+o hides it for this input.

The wrapped input keeps its own id, so a screen's `@on(Input.Changed, "#id")` and
`query_one("#id", Input)` work as before.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Click
from textual.widgets import Input, Static

from bridges_tui.core.language.words import N_, _
from bridges_tui.core.text.hints import PhrasingHint as Hint
from bridges_tui.core.text.hints import find_hint


class PhrasingHint(Vertical):
    """`input` with a dismissible phrasing hint under it.

    `reframe` is the current practice's frame (its script's `reframe`; None for the
    general one). `enabled` None follows the app's config (`[hints] phrasing`).
    """

    DEFAULT_CSS = """
    PhrasingHint {
        height: auto;
    }
    PhrasingHint > .hint-line, PhrasingHint > .hint-why {
        display: none;
        color: $text-muted;
        padding: 0 1;
    }
    PhrasingHint > .hint-line {
        border-left: outer $accent;
    }
    PhrasingHint.-hint > .hint-line, PhrasingHint.-why > .hint-why {
        display: block;
    }
    PhrasingHint.-why > .hint-line {
        display: none;
    }
    PhrasingHint > .hint-why {
        border-left: outer $accent;
    }
    """

    BINDINGS = [
        Binding("ctrl+y", "explain", N_("Why this hint"), id="hint.why",
                tooltip=N_("Say why the phrasing hint appears")),
        Binding("ctrl+o", "dismiss", N_("Hide hint"), id="hint.hide",
                tooltip=N_("Hide the phrasing hint for this text")),
    ]

    def __init__(
        self, input: Input, *, reframe: str | None = None, enabled: bool = True,
        language: str | None = None, id: str | None = None, classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.text_input = input
        self.reframe = reframe
        #: The note's language, whose rules decide (None: the one bridges speaks).
        self.language = language
        self._enabled = enabled
        self._dismissed = False
        #: The hint on show, if any.
        self.hint: Hint | None = None

    def compose(self) -> ComposeResult:
        yield self.text_input
        yield Static("", classes="hint-line")
        yield Static("", classes="hint-why")

    def on_mount(self) -> None:
        self.check_text(self.text_input.value)

    @property
    def enabled(self) -> bool:
        """Whether hints are shown at all (the config can turn them off)."""
        return self._enabled

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        # The message still bubbles on to the screen, which keeps its own handlers.
        if event.input is self.text_input:
            self.check_text(event.value)

    def check_text(self, text: str) -> None:
        """Show the hint `text` calls for, or none."""
        hint = find_hint(text, self.reframe, self.language) if self.enabled and not self._dismissed else None
        if hint == self.hint:
            return
        self.hint = hint
        self.set_class(hint is not None, "-hint")
        if hint is None:
            self.remove_class("-why")
            self.refresh_bindings()
            return
        self.query_one(".hint-line", Static).update(
            f"{hint.nudge}  " + _("(ctrl+y why · ctrl+o hide)")
        )
        self.query_one(".hint-why", Static).update(
            f"{hint.reason}  " + _("(ctrl+y back · ctrl+o hide)")
        )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys exist only while a hint is on show."""
        if action in ("explain", "dismiss"):
            return self.hint is not None
        return True

    def action_explain(self) -> None:
        """Show or hide why the hint appears."""
        if self.hint is not None:
            self.toggle_class("-why")

    def action_dismiss(self) -> None:
        """Hide the hint, and keep it hidden for this text box."""
        self._dismissed = True
        self.check_text(self.text_input.value)

    def on_click(self, event: Click) -> None:
        if self.hint is not None and event.widget is not self.text_input:
            self.action_explain()
