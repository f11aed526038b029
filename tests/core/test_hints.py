"""Phrasing hints: which notes call for one, which never do, and that a hint only
ever suggests (the words typed are untouched)."""

from __future__ import annotations

import pytest

from bridges_tui.core.text.hints import DEFAULT_REFRAME, RULES, find_hint

MUST_TRIGGER = [
    ("You never listen to me.", "always-never", "You never"),
    ("you always leave the dishes", "always-never", "you always"),
    ("You're always late", "always-never", "You're always"),
    ("you are never home before eight", "always-never", "you are never"),
    ("You made me miss the train", "made-me", "You made me"),
    ("Why can't you just call?", "why-cant-you", "Why can't you"),
    ("why don’t you ever ask", "why-cant-you", "why don’t you"),
    ("It's your fault we were late", "your-fault", "It's your fault"),
    ("it’s all your fault", "your-fault", "it’s all your fault"),
    ("IT WAS YOUR FAULT", "your-fault", "IT WAS YOUR FAULT"),
    # A question with an auxiliary is still an accusation, not a denial.
    ("Don't you always leave early?", "always-never", "you always"),
    ("I can't believe you always do this", "always-never", "you always"),
    # Only the quoted part is a report; the rest is said.
    ('You said "sorry", but you never change', "always-never", "you never"),
    # A denied phrase early on does not cover a later one.
    ("It's not that you never help, but you always forget", "always-never", "you always"),
    ("I was tired and\nyou never\nasked", "always-never", "you never"),
]

MUST_NOT_TRIGGER = [
    "",
    "I noticed you came home late. I worried you were upset with me. Can we talk?",
    "What I'd love is a tidy room; it helps me relax.",
    # Negations.
    "It's not your fault.",
    "It wasn't your fault at all",
    "I don't think you always do it on purpose",
    "I'm not saying you never help",
    "I never said you always forget",
    "It isn't all your fault",
    # Quotes: reporting what was said.
    'When you said "you never listen", I felt small.',
    "When you said “you always do this”, I froze.",
    "When you said 'you never help', I went quiet.",
    "When you said ‘it’s your fault’, I stopped talking.",
    '«Why can’t you relax» is what I heard',
    'I keep hearing "you made me', "an opening quote not yet closed is still a quote",
    # Kind uses.
    "You made me laugh so much tonight",
    "You always make me feel safe",
    "You made me dinner when I was sick",
    "I know you never meant to hurt me",
    # Near misses.
    "Sam's and Alex's always-on phones",
    "you are, always and never, my favourite",
    "my fault, really",
    "your faultless timing",
]


@pytest.mark.parametrize(("text", "rule", "words"), MUST_TRIGGER)
def test_blaming_and_absolute_language_gets_a_hint(text: str, rule: str, words: str) -> None:
    hint = find_hint(text)
    assert hint is not None, text
    assert (hint.rule.id, hint.words) == (rule, words.replace("\n", " "))


@pytest.mark.parametrize("text", MUST_NOT_TRIGGER)
def test_quotes_negations_and_kind_words_get_none(text: str) -> None:
    assert find_hint(text) is None


def test_the_hint_suggests_the_practices_frame_and_says_why() -> None:
    hint = find_hint("You never listen", "Try the wish beneath the complaint.")
    assert hint is not None
    assert hint.nudge == ("“You never” can land as a verdict on who someone is. "
                          "Try the wish beneath the complaint.")
    assert hint.reason.startswith("This hint appears because the note says “You never”:")
    assert "your words stay as you typed them" in hint.reason
    assert find_hint("you made me late").suggestion == DEFAULT_REFRAME


def test_every_rule_is_explained() -> None:
    assert len({rule.id for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert "{words}" in rule.nudge and rule.why.endswith(".")


def test_finding_a_hint_never_changes_the_text() -> None:
    text = "You never  listen ’cause “you always” talk"
    before = str(text)
    hint = find_hint(text)
    assert text == before
    assert hint is not None and hint.words == "You never"
