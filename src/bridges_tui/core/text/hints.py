"""Phrasing hints: a gentle nudge when a note sounds like blame or an absolute.

A note like "you never listen" tends to start the chain reaction the practices are
there to slow down. When a note (or the agreement) contains blaming or absolute
language, the screen shows one quiet line suggesting the frame of the current practice
(an observation and a worry instead of an accusation; the wish beneath the complaint).

The rules are a short, readable list per language (`hint_rules`: English, Spanish,
German; the note's language decides, by default the one bridges speaks): each is a
pattern, a one-line nudge, and why it tends to hurt, so the hint can always say why
it appears. They run offline on
the note as typed, and decide nothing: a hint never blocks saving and never changes a
word. What does not set one off:

- words in quotation marks, which report what was said rather than say it
  ('When you said "you never listen", I felt small');
- a negated phrase ("it's not your fault", "no es tu culpa", "nicht deine Schuld").
"""

from __future__ import annotations

import re

from bridges_tui.core.language.words import spoken
from bridges_tui.core.model.records import record
from bridges_tui.core.text.hint_rules import BY_LANGUAGE, ENGLISH, HintRules, PhrasingRule

__all__ = ["DEFAULT_REFRAME", "RULES", "PhrasingHint", "PhrasingRule", "find_hint", "rules_for"]

#: The English rules, and the English suggestion when a practice names no frame of
#: its own (its `reframe`); every language's are in `hint_rules`.
RULES: tuple[PhrasingRule, ...] = ENGLISH.rules
DEFAULT_REFRAME = ENGLISH.default_reframe


def rules_for(language: str) -> HintRules:
    """The rules of `language` ("es"), or English's for a language without its own."""
    return BY_LANGUAGE.get(language, ENGLISH)


# Quoted words report what was said. An opening quote not yet closed (the couple is
# still typing) runs to the end. Single quotes count only at word edges, so that the
# apostrophes in "can't" and "Sam's" are not taken for quotes, inside a quote or not.
_QUOTED = re.compile(
    r"\"[^\"]*(?:\"|$)|„[^“”]*(?:[“”]|$)|“[^”]*(?:”|$)|«[^»]*(?:»|$)|»[^«]*(?:«|$)"
    r"|(?<!\w)'(?:[^']|(?<=\w)'(?=\w))*(?:'(?!\w)|$)"
)
_NEGATION_REACH = 3


@record
class PhrasingHint:
    """A hint for one note: the rule that fits, the words that set it off, and what
    to try instead."""

    rule: PhrasingRule
    #: The words as typed ("You never").
    words: str
    #: The frame of the current practice.
    suggestion: str
    #: Why a hint appears, in the note's language (`HintRules.reason`).
    because: str = ENGLISH.reason

    @property
    def nudge(self) -> str:
        """The one line the screen shows: the nudge, then the suggestion."""
        return f"{self.rule.nudge.format(words=self.words)} {self.suggestion}"

    @property
    def reason(self) -> str:
        """Why this hint appears, in full."""
        return self.because.format(words=self.words, why=self.rule.why)


def _plain(text: str) -> str:
    """`text` with curly single quotes straightened and quoted passages blanked out,
    keeping every character's position (so a match points into the original)."""
    # ’ is also the apostrophe in "can’t", so curly single quotes are read like ' is.
    straight = text.replace("’", "'").replace("‘", "'")
    return _QUOTED.sub(lambda found: " " * len(found.group()), straight)


def _negated(plain: str, start: int, words: str, rules: HintRules) -> bool:
    """True when a negation within a few words before `start`, in the same clause,
    denies the phrase."""
    before = plain[:start]
    clause = re.split(rules.clause_end, before, flags=re.IGNORECASE)[-1]
    tokens = re.findall(r"[\w']+", clause.lower())[-_NEGATION_REACH:]
    if not tokens:
        return False
    if tokens[-1] in rules.auxiliaries and words.lower().startswith(rules.you + " "):
        tokens = tokens[:-1]
    return any(token in rules.negations for token in tokens)


def find_hint(text: str, reframe: str | None = None, language: str | None = None) -> PhrasingHint | None:
    """The hint for a note, or None when nothing in it calls for one.

    `reframe` is the current practice's frame (its script's `reframe`); without one
    the hint suggests the language's default. `language` is the note's (default:
    the one bridges speaks), whose rules apply.
    """
    if not text or not text.strip():
        return None
    rules = rules_for(language or spoken())
    plain = _plain(text)
    for rule in rules.rules:
        for found in rule.finditer(plain):
            words = text[found.start():found.end()]
            if not _negated(plain, found.start(), words, rules):
                return PhrasingHint(rule, " ".join(words.split()), reframe or rules.default_reframe,
                                    rules.reason)
    return None
