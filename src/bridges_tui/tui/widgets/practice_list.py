"""The setup's list of practices: in their groups, one line each with how long it
takes, and found by typing ("fight", or the minutes you have); an `OptionList` that
keeps a burst of keys in order (see `typed_ahead`), as the boxes around it do."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from bridges_tui.core.language.words import N_, _, n_
from bridges_tui.core.model.session import PracticeCard
from bridges_tui.core.practice_scripts.catalog import OWN_GROUP, Catalog, PracticeGroup
from bridges_tui.core.text.durations import about_minutes
from bridges_tui.core.text.harmless import harmless, one_line
from bridges_tui.tui.widgets.typed_ahead import keep_typed_ahead

if TYPE_CHECKING:
    from bridges_tui.core.looking_back.done_before import DoneBefore

#: Option ids that are not practices' have a colon, which a practice's id never has.
_HEADING = "group:"
_BROKEN = "broken:"
_NOTHING = "nothing:"

#: What may be typed to find a practice: long enough for a few words.
_MOST_TYPED = 40

TITLE = N_("Practice")
FIND_HINT = N_("type to find: a word, or your minutes")
CLEAR_HINT = N_("Backspace, Esc: every practice")


class PracticeList(OptionList):
    """Up, Down, Enter and Tab act at once; a key that reaches the list after the
    focus has moved on goes on to where the focus is now. Letters, digits and spaces
    typed into it find practices (the border says what was typed); Backspace takes
    one back, Escape all of them."""

    def __init__(self, catalog: Catalog, *, id: str | None = None) -> None:
        self.catalog = catalog
        #: What the couple typed to find a practice.
        self.typed = ""
        self._done_before: Mapping[str, DoneBefore] = {}
        super().__init__(*self._build_options(catalog.grouped()), id=id)
        self.border_title = _(TITLE)
        self.border_subtitle = _(FIND_HINT)

    @property
    def practice_id(self) -> str | None:
        """The id of the highlighted practice, or None."""
        option = self.highlighted_option
        if option is None or option.id is None or ":" in option.id:
            return None
        return option.id

    def on_mount(self) -> None:
        self._highlight_practice(self.catalog.cards[0].id if self.catalog.cards else None)

    async def on_key(self, event: events.Key) -> None:
        if await keep_typed_ahead(self, event):
            return
        typed = self.typed
        if event.key == "backspace" and typed:
            typed = typed[:-1]
        elif event.key == "escape" and typed:
            typed = ""
        elif (event.is_printable and event.character is not None
              and (event.character.isalnum() or event.character in " '-")
              and (typed or not event.character.isspace())):
            typed = (typed + event.character)[:_MOST_TYPED]
        else:
            return
        event.stop()
        event.prevent_default()
        self.find(typed)

    class NothingFound(Message):
        """What was typed finds no practice: none is highlighted."""

    def find(self, typed: str) -> None:
        """Show the practices that match `typed` (every practice for ""), and highlight
        the best of them (the one highlighted before, when every one is shown)."""
        before = self.practice_id
        self.typed = typed
        # Imported at the first key typed into the list: the first screen needs none of it.
        from bridges_tui.core.practice_scripts.finding import find_practices

        found = find_practices(self.catalog, typed)
        if found.minutes is not None:
            self.border_title = _("Practice · {minutes} min or less").format(minutes=found.minutes)
        elif typed:
            self.border_title = _("Practice · finding “{typed}”").format(typed=typed)
        else:
            self.border_title = _(TITLE)
        self.border_subtitle = _(CLEAR_HINT if typed else FIND_HINT)
        self.set_options(self._build_options(found.groups, typed))
        self._highlight_practice(found.best if typed else before)
        if self.practice_id is None:
            self.post_message(self.NothingFound())

    def show_done_before(self, done: Mapping[str, DoneBefore]) -> None:
        """Say, beside each practice done before, when it was last done."""
        self._done_before = done
        for option in self.options:
            card = self.catalog.card(option.id or "")
            if card is not None and card.id in done:
                self.replace_option_prompt(card.id, self._practice_label(card))

    def highlight(self, practice_id: str) -> None:
        """Highlight the practice `practice_id` (the first, when it isn't listed)."""
        self._highlight_practice(practice_id)

    def _highlight_practice(self, practice_id: str | None) -> None:
        ids = [option.id for option in self.options]
        if practice_id in ids:
            self.highlighted = ids.index(practice_id)
        else:
            self.action_first()

    def _build_options(
        self, groups: tuple[tuple[PracticeGroup, tuple[PracticeCard, ...]], ...], typed: str = ""
    ) -> list[Option]:
        options: list[Option] = []
        for number, (group, cards) in enumerate(groups):
            options.append(Option(self._group_heading(group), id=f"{_HEADING}{number}", disabled=True))
            options += [Option(self._practice_label(card), id=card.id) for card in cards]
        if typed and not groups:
            nothing = Text(harmless(_("Nothing found for “{typed}”.").format(typed=typed) + " "),
                           style="italic")
            nothing.append(_("Backspace or Esc shows every practice."))
            options.append(Option(nothing, id=f"{_NOTHING}0", disabled=True))
        if not typed and self.catalog.broken:
            if not groups or groups[-1][0].title != OWN_GROUP.title:
                options.append(Option(self._group_heading(OWN_GROUP), id=f"{_HEADING}own", disabled=True))
            options += self._broken_scripts()
        return options

    @staticmethod
    def _group_heading(group: PracticeGroup) -> Text:
        heading = Text(group.title, style="bold")
        heading.append(f" · {group.moment}", style="italic")
        return heading

    def _practice_label(self, card: PracticeCard) -> Text:
        # The minutes first, in a column: read down it to find what fits the time.
        label = Text(_("{minutes} min").format(minutes=f"{about_minutes(card.seconds()):>5}") + "  ")
        label.append(card.title, style="bold")
        if card.source == "user":
            replaces = card.id in self.catalog.overridden
            label.append("  " + (_("(your own, replaces the built-in)") if replaces else _("(your own)")),
                         style="italic")
        done = self._done_before.get(card.id)
        if done is not None:  # known only once the first screen is up (`show_done_before`)
            from bridges_tui.core.looking_back.done_before import last_done_text

            label.append(f"  · {last_done_text(done, date.today())}", style="italic")
        return label

    def _broken_scripts(self) -> list[Option]:
        # A broken script of the couple's own stays in the list, greyed out, with why:
        # a practice that silently vanished would be far more puzzling.
        if not self.catalog.broken:
            return []
        # Here: a catalog with no broken script was read without the script reader.
        from bridges_tui.core.practice_scripts.reading import PracticeScriptError

        options: list[Option] = []
        for number, (path, why) in enumerate(self.catalog.broken):
            label = Text(one_line(path.name), style="bold")  # a file name is data too
            label.append("  " + _("(your own, can't be used)"), style="italic")
            if isinstance(why, PracticeScriptError) and why.problems:
                first = why.problems[0]
                where = ": ".join(part for part in (first.where, first.field) if part)
                more = len(why.problems) - 1
                why = f"{where}: {first.message}"
                if more:
                    why = n_("{problem} (and {n} more)", "{problem} (and {n} more)", more).format(
                        problem=why, n=more)
            label.append(harmless(f"\n{why}\n" + _("bridges check {path} says how to fix it.").format(path=path)))
            options.append(Option(label, id=f"{_BROKEN}{number}", disabled=True))
        return options
