"""Phrasing hints: a gentle nudge when a note sounds like blame or an absolute.

A note like "you never listen" tends to start the chain reaction the practices are
there to slow down. When a note (or the agreement) contains blaming or absolute
language, the screen shows one quiet line suggesting the frame of the current practice
(an observation and a worry instead of an accusation; the wish beneath the complaint).

The rules are a short, readable list below: each is a pattern, a one-line nudge, and
why it tends to hurt, so the hint can always say why it appears. They run offline on
the note as typed, and decide nothing: a hint never blocks saving and never changes a
word. What does not set one off:

- words in quotation marks, which report what was said rather than say it
  ('When you said "you never listen", I felt small');
- a negated phrase ("it's not your fault", "I don't think you always mean it").
"""

from __future__ import annotations

import re

from bridges_tui.core.model.records import record

#: The suggestion when a practice names no frame of its own (its `reframe`).
DEFAULT_REFRAME = "Try what you noticed and how it felt, or the wish beneath it."

# Kind words that can follow "you made me" / "you always make me"; not blame.
_KIND = (
    r"(?:laugh|smile|happy|proud|dinner|breakfast|lunch|tea|coffee|a|an|some"
    r"|feel\s+(?:safe|loved|seen|heard|calm|better|welcome|special|at\s+home))\b"
)


@record
class PhrasingRule:
    """One kind of phrase that tends to start a fight, and why."""

    id: str
    #: A regular expression (case is ignored; apostrophes are straight).
    pattern: str
    #: One line, shown with the hint; `{words}` is what was typed.
    nudge: str
    #: Why it tends to hurt, shown on request ("why this appears").
    why: str

    def search(self, text: str) -> re.Match[str] | None:
        """The first place in `text` the rule fits, or None."""
        return re.search(self.pattern, text, re.IGNORECASE)

    def finditer(self, text: str):
        """Every place in `text` the rule fits."""
        return re.finditer(self.pattern, text, re.IGNORECASE)


RULES: tuple[PhrasingRule, ...] = (
    PhrasingRule(
        "always-never",
        r"\byou(?:'re|\s+are|'ve|\s+have)?\s+(?:always|never)\b"
        rf"(?!\s+(?:make|made)\s+me\s+{_KIND})(?!\s+(?:meant|mean|intended)\b)",
        "“{words}” can land as a verdict on who someone is.",
        "“always” and “never” turn one moment into a judgement of the whole person, "
        "and invite a defence of every exception.",
    ),
    PhrasingRule(
        "made-me",
        rf"\byou\s+made\s+me\b(?!\s+{_KIND})",
        "“{words}” hands your feeling to your partner to answer for.",
        "“you made me” puts the cause of a feeling on the other person; saying what you "
        "felt, and when, lets them hear it without having to defend themselves.",
    ),
    PhrasingRule(
        "why-cant-you",
        r"\bwhy\s+(?:can't|cannot|can\s+not|won't|don't|didn't|couldn't|wouldn't)\s+you\b",
        "“{words}” is a complaint dressed as a question.",
        "a “why can't you” question has no answer except a defence; saying what you "
        "would like instead gives your partner something they can do.",
    ),
    PhrasingRule(
        "your-fault",
        r"\b(?:(?:it's|it\s+is|it\s+was|that's|that\s+is|that\s+was)\s+)?(?:all\s+)?"
        r"your\s+fault\b",
        "“{words}” asks who is to blame.",
        "blame makes the two of you opponents; these practices look at a problem side "
        "by side, as a team.",
    ),
)

# Quoted words report what was said. An opening quote not yet closed (the couple is
# still typing) runs to the end. Single quotes count only at word edges, so that the
# apostrophes in "can't" and "Sam's" are not taken for quotes, inside a quote or not.
_QUOTED = re.compile(
    r"\"[^\"]*(?:\"|$)|“[^”]*(?:”|$)|«[^»]*(?:»|$)"
    r"|(?<!\w)'(?:[^']|(?<=\w)'(?=\w))*(?:'(?!\w)|$)"
)
# Words that deny what follows them within a few words: "it's not your fault",
# "I never said you always…".
_NEGATIONS = {"not", "no", "never", "isn't", "wasn't", "aren't", "weren't", "don't",
              "doesn't", "didn't", "hardly"}
# "Don't you always…?" is a question, not a denial: an auxiliary right before "you".
_AUXILIARIES = {"isn't", "wasn't", "aren't", "weren't", "don't", "doesn't", "didn't"}
_NEGATION_REACH = 3
_CLAUSE_END = re.compile(r"[.!?;:,\n]|\bbut\b", re.IGNORECASE)


@record
class PhrasingHint:
    """A hint for one note: the rule that fits, the words that set it off, and what
    to try instead."""

    rule: PhrasingRule
    #: The words as typed ("You never").
    words: str
    #: The frame of the current practice.
    suggestion: str

    @property
    def nudge(self) -> str:
        """The one line the screen shows: the nudge, then the suggestion."""
        return f"{self.rule.nudge.format(words=self.words)} {self.suggestion}"

    @property
    def reason(self) -> str:
        """Why this hint appears, in full."""
        return (
            f"This hint appears because the note says “{self.words}”: {self.rule.why} "
            "It is only a suggestion; your words stay as you typed them."
        )


def _plain(text: str) -> str:
    """`text` with curly single quotes straightened and quoted passages blanked out,
    keeping every character's position (so a match points into the original)."""
    # ’ is also the apostrophe in "can’t", so curly single quotes are read like ' is.
    straight = text.replace("’", "'").replace("‘", "'")
    return _QUOTED.sub(lambda found: " " * len(found.group()), straight)


def _negated(plain: str, start: int, words: str) -> bool:
    """True when a negation within a few words before `start`, in the same clause,
    denies the phrase."""
    before = plain[:start]
    clause = _CLAUSE_END.split(before)[-1]
    tokens = re.findall(r"[\w']+", clause.lower())[-_NEGATION_REACH:]
    if not tokens:
        return False
    if tokens[-1] in _AUXILIARIES and words.lower().startswith("you "):
        tokens = tokens[:-1]
    return any(token in _NEGATIONS for token in tokens)


def find_hint(text: str, reframe: str | None = None) -> PhrasingHint | None:
    """The hint for a note, or None when nothing in it calls for one.

    `reframe` is the current practice's frame (its script's `reframe`); without one
    the hint suggests `DEFAULT_REFRAME`.
    """
    if not text or not text.strip():
        return None
    plain = _plain(text)
    for rule in RULES:
        for found in rule.finditer(plain):
            words = text[found.start():found.end()]
            if not _negated(plain, found.start(), words):
                return PhrasingHint(rule, " ".join(words.split()), reframe or DEFAULT_REFRAME)
    return None
