"""What each key does at each moment of a conversation: one table, owned by the core.

The rows are the moments a couple meet (`Moment`: before a turn, speaking, overtime,
paused, waiting on a listening check, a note being written, between steps, a breather,
every step done, ended); the columns are the keys the conversation binds (`KEYS`).
Each cell is an `Effect`, `Effect.NOTHING` where a key means nothing then. The
bindings, the key bar and the help screen are all read from here, and so is the
README's table (a test keeps them in step), so a key cannot do one thing on screen and
promise another in the help.

Two rules sit beside the table, because they are about time, not about the moment:

- **The guard.** Within `GUARD_SECONDS` of a move of the floor (a turn began, went on
  or was handed over), Space does not end a turn or the session (`Effect.WAIT`, with
  the words of `wait_words`): a double press cannot start and end a turn, and the
  Space that ended a turn does not land in the note box that opens after it. Starting
  a turn is never held back: the next speaker may begin at once.
- **Space never ends a turn that is paused**: in a paused turn it goes on.

Pure data and two small functions: no screen, no clock of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from bridges_tui.core.language.words import N_, _
from bridges_tui.core.model.records import record
from bridges_tui.core.talk.states import State

#: How long after a move of the floor a second Space is taken for a double press.
GUARD_SECONDS = 1.0

#: How much time + and - give or take.
NUDGE_SECONDS = 30


class Moment(StrEnum):
    """Where a couple are, as the keys see it: the rows of the key table (named in
    the code's words; `MOMENT_WORDS` says them to a person)."""

    BEFORE = "before"
    SPEAKING = "speaking"
    OVERTIME = "overtime"
    PAUSED = "paused"
    CHECKING = "checking"
    NOTE = "note"
    BETWEEN = "between"
    BREATHER = "breather"
    DONE = "done"
    ENDED = "ended"


class Effect(StrEnum):
    """What a key does (its value names the action a screen binds it to)."""

    NOTHING = "nothing"
    WAIT = "wait"
    START = "start"
    HAND_OVER = "hand_over"
    RESUME = "resume"
    PAUSE = "pause"
    MORE_TIME = "more_time"
    LESS_TIME = "less_time"
    GOT_IT = "got_it"
    NOT_QUITE = "not_quite"
    UNDO = "undo"
    BREATHER = "breather"
    END_EARLY = "end_early"
    SUMMARY = "summary"
    TYPE = "type"
    KEEP_NOTE = "keep_note"
    SKIP_NOTE = "skip_note"
    BACK = "back"
    LONGER = "longer"
    SHORTER = "shorter"


@record
class Key:
    """A key the conversation binds: its name as Textual reports it (`name`), the
    keys that bind it (`keys`, as a `Binding` takes them) and how it is shown."""

    name: str
    keys: str
    display: str


@record
class Words:
    """What an effect is called in the key bar (`label`, short enough for 80 columns),
    what the help says it does (`help`, a whole sentence), and how the key table in
    the help and the README says it (`says`; the label, lower case, if not given)."""

    label: str
    help: str
    says: str = ""

    @property
    def in_table(self) -> str:
        """The words of the help's and the README's key table, in the language spoken
        (the words are marked with `N_` where they are written: this says them)."""
        return _(self.says) if self.says else _(self.label).lower()


SPACE = Key("space", "space", "Space")

#: Every key the conversation binds, in the order the key bar and the help show them.
KEYS: tuple[Key, ...] = (
    SPACE,
    Key("p", "p", "p"),
    Key("plus", "plus,equals_sign", "+"),
    Key("minus", "minus", "-"),
    Key("y", "y", "y"),
    Key("n", "n", "n"),
    Key("u", "u", "u"),
    Key("b", "b", "b"),
    Key("e", "e", "e"),
    Key("enter", "enter", "Enter"),
    Key("escape", "escape", "Esc"),
)

KEY_NAMES: tuple[str, ...] = tuple(key.name for key in KEYS)

WORDS: Mapping[Effect, Words] = MappingProxyType({
    Effect.NOTHING: Words("", N_("Nothing.")),
    Effect.WAIT: Words("", N_("Nothing yet: press it again, a moment later, to mean it.")),
    Effect.START: Words(N_("Start"), N_("Start the turn: the speaker's clock runs.")),
    Effect.HAND_OVER: Words(N_("Hand over"), N_("Hand the floor over: the turn is recorded "
                            "(on a listening step, asks: did I get it?).")),
    Effect.RESUME: Words(N_("Go on"), N_("Go on with the paused turn.")),
    Effect.PAUSE: Words(N_("Pause"), N_("Pause the turn clock.")),
    Effect.MORE_TIME: Words(N_("+30s"), N_("Give this turn 30 more seconds."), N_("30 seconds more")),
    Effect.LESS_TIME: Words(N_("-30s"), N_("Take 30 seconds off this turn (never below what was said)."),
                            N_("30 seconds less")),
    Effect.GOT_IT: Words(N_("Yes, got it"), N_("Yes, you got it: the floor moves on."), N_("yes, you got it")),
    Effect.NOT_QUITE: Words(N_("Not quite"), N_("Not quite: take the floor to clarify, then "
                            "they try again.")),
    Effect.UNDO: Words(N_("Undo"), N_("Take back the last hand-over: that turn comes back "
                       "paused, with its note; again and again, to the start."), N_("take back a hand-over")),
    Effect.BREATHER: Words(N_("Break"), N_("Take a calm-down break; the turn waits, frozen."), N_("a breather")),
    Effect.END_EARLY: Words(N_("End"), N_("End the session now (asks first; all is kept)."),
                            N_("end the session, asking first")),
    Effect.SUMMARY: Words(N_("Summary"), N_("Close the session and see the summary."), N_("see the summary")),
    Effect.TYPE: Words("", N_("Typed into the note.")),
    Effect.KEEP_NOTE: Words(N_("Keep"), N_("Keep the note."), N_("keep the note")),
    Effect.SKIP_NOTE: Words(N_("Skip"), N_("Skip the note (one already there stays)."), N_("skip the note")),
    Effect.BACK: Words(N_("We're back"), N_("End the breather: back where you were.")),
    Effect.LONGER: Words(N_("+5 min"), N_("Make the breather 5 minutes longer."), N_("5 minutes longer")),
    Effect.SHORTER: Words(N_("-5 min"), N_("Make the breather 5 minutes shorter."), N_("5 minutes shorter")),
})


def _row(**cells: Effect) -> Mapping[str, Effect]:
    """A row of the table: the keys named, each with its effect; every other key
    does nothing."""
    unknown = set(cells) - set(KEY_NAMES)
    assert not unknown, f"not a key the conversation binds: {sorted(unknown)}"
    return MappingProxyType({name: cells.get(name, Effect.NOTHING) for name in KEY_NAMES})


_E = Effect
_ON_THE_FLOOR = {"p": _E.PAUSE, "plus": _E.MORE_TIME, "minus": _E.LESS_TIME,
                 "u": _E.UNDO, "b": _E.BREATHER, "e": _E.END_EARLY}

#: The key table: for each moment, what each key does.
TABLE: Mapping[Moment, Mapping[str, Effect]] = MappingProxyType({
    Moment.BEFORE: _row(space=_E.START, b=_E.BREATHER, e=_E.END_EARLY),
    Moment.SPEAKING: _row(space=_E.HAND_OVER, **_ON_THE_FLOOR),
    Moment.OVERTIME: _row(space=_E.HAND_OVER, **_ON_THE_FLOOR),
    Moment.PAUSED: _row(**{**_ON_THE_FLOOR, "space": _E.RESUME, "p": _E.RESUME}),
    Moment.CHECKING: _row(y=_E.GOT_IT, n=_E.NOT_QUITE, u=_E.UNDO, b=_E.BREATHER,
                          e=_E.END_EARLY),
    Moment.NOTE: _row(**{name: _E.TYPE for name in KEY_NAMES if name not in ("enter", "escape")},
                      enter=_E.KEEP_NOTE, escape=_E.SKIP_NOTE),
    Moment.BETWEEN: _row(space=_E.START, u=_E.UNDO, b=_E.BREATHER, e=_E.END_EARLY),
    Moment.BREATHER: _row(plus=_E.LONGER, minus=_E.SHORTER, enter=_E.BACK, escape=_E.BACK),
    Moment.DONE: _row(space=_E.SUMMARY, u=_E.UNDO, b=_E.BREATHER),
    Moment.ENDED: _row(),
})

#: The keys the guard holds back within `GUARD_SECONDS` of a move of the floor, and
#: what it holds them back from: ending a turn or the session, or typing into the note
#: box that a hand-over just opened.
GUARDED: frozenset[str] = frozenset({SPACE.name})
GUARDED_EFFECTS: frozenset[Effect] = frozenset({Effect.HAND_OVER, Effect.SUMMARY, Effect.TYPE})


def moment_of(state: State, *, overtime: bool, note_pending: bool, recorded: int) -> Moment:
    """The moment for a conversation in `state`: its clock in `overtime` or not, a
    note asked for (`note_pending`), `recorded` turns so far."""
    if state == State.FINISHED:
        return Moment.ENDED
    if state == State.ON_BREAK:
        return Moment.BREATHER
    if note_pending and state in (State.READY, State.DONE):
        return Moment.NOTE
    if state == State.DONE:
        return Moment.DONE
    if state == State.READY:
        return Moment.BETWEEN if recorded else Moment.BEFORE
    if state == State.PAUSED:
        return Moment.PAUSED
    if state == State.CONFIRMING:
        return Moment.CHECKING
    return Moment.OVERTIME if overtime else Moment.SPEAKING


def effect(moment: Moment, key: str, *, guarding: bool = False) -> Effect:
    """What `key` does at `moment`; `Effect.WAIT` for a guarded key pressed within the
    guard (see the module docstring). A key the table does not know does nothing."""
    done = TABLE[moment].get(key, Effect.NOTHING)
    if guarding and key in GUARDED and done in GUARDED_EFFECTS:
        return Effect.WAIT
    return done


def wait_words(moment: Moment) -> str:
    """The one calm line shown when the guard holds back Space at `moment`."""
    if moment == Moment.DONE:
        return _("Space again for the summary")
    if moment == Moment.NOTE:
        return ""  # the Space that ended the turn is simply kept out of the note
    return _("Space again to hand over")


#: The moments as the help and the README name them.
MOMENT_WORDS: Mapping[Moment, str] = MappingProxyType({
    Moment.BEFORE: N_("before the first turn"),
    Moment.SPEAKING: N_("speaking"),
    Moment.OVERTIME: N_("in overtime"),
    Moment.PAUSED: N_("paused"),
    Moment.CHECKING: N_("at \"did I get it?\""),
    Moment.NOTE: N_("writing a note"),
    Moment.BETWEEN: N_("between turns"),
    Moment.BREATHER: N_("on a breather"),
    Moment.DONE: N_("after the last step"),
    Moment.ENDED: N_("ended"),
})

#: What the key table cannot say by itself: the guard, and the note box.
KEY_NOTES = N_(
    "Within a second of a turn starting or going on, a second Space waits (\"Space "
    "again to hand over\"): a double press never skips a turn, and the Space that "
    "ended a turn never lands in the note box. While a note is being written every key types "
    "into it, except Enter and Esc. `u` takes back a hand-over until the next turn "
    "starts, again and again to the first turn, each coming back paused with its note; "
    "in a listening loop it takes back the loop's last move."
)


#: The moments of the conversation screen itself (not the note box or the breather).
_TALKING = (Moment.BEFORE, Moment.SPEAKING, Moment.OVERTIME, Moment.PAUSED, Moment.CHECKING,
            Moment.BETWEEN, Moment.DONE)


def _when(moments: list[Moment]) -> str:
    """When a key does something, in few words: "any time", "any time but …", or the
    moments (overtime is speaking, said once)."""
    if Moment.SPEAKING in moments and Moment.OVERTIME in moments:
        moments = [moment for moment in moments if moment != Moment.OVERTIME]
    missing = [moment for moment in _TALKING if moment not in moments and moment != Moment.OVERTIME]
    if set(moments) <= set(_TALKING) and len(missing) <= 1:
        if missing:
            return _("any time but {moment}").format(moment=_(MOMENT_WORDS[missing[0]]))
        return _("any time")
    return ", ".join(_(MOMENT_WORDS[moment]) for moment in moments)


def key_table_markdown() -> str:
    """The key table as a couple read it: a Markdown table, one row a key, saying what
    it does and when (where it does nothing, or types into a note, it is not said)."""
    rows = ["| " + _("key") + " | " + _("what it does, and when") + " |", "| --- | --- |"]
    for key in KEYS:
        by_effect: dict[Effect, list[Moment]] = {}
        for moment in Moment:
            done = TABLE[moment][key.name]
            if done not in (Effect.NOTHING, Effect.TYPE):
                by_effect.setdefault(done, []).append(moment)
        said = " · ".join(f"{WORDS[done].in_table} ({_when(moments)})"
                          for done, moments in by_effect.items())
        rows.append(f"| `{key.display}` | {said} |")
    return "\n".join(rows) + "\n"


def label(moment: Moment, key: str) -> str:
    """The key bar's words for `key` at `moment` ("" when it is not shown), in English:
    the key bar says them in the language spoken."""
    return WORDS[effect(moment, key)].label
