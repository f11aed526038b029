"""The built-in practices: the source's six follow their exercises in PRACTICES.md
(what each keeps, where the listening loop runs), the others the methods their ideas
name; and every one gives the help screen its idea and the phrasing hint its frame."""

from __future__ import annotations

import re

import pytest

from bridges_tui.core.practice_scripts.catalog import (
    SOURCE_PRACTICES,
    builtin_ids,
    builtin_practice,
)
from bridges_tui.core.text.hints import find_hint


def notes(practice_id: str) -> dict[str, str]:
    """Note label -> who writes it, in the round led by A (then the closing)."""
    practice = builtin_practice(practice_id)
    plan = [p for p in practice.plan() if not (p.part == "round" and p.lead == "B")]
    return {p.step.note.label: p.note_writer for p in plan if p.step.note}


def loop_steps(practice_id: str) -> list[str]:
    return [step.id for step in builtin_practice(practice_id).round if step.confirm]


@pytest.mark.parametrize("practice_id", builtin_ids())
def test_each_has_an_idea_in_two_or_three_sentences_and_a_frame(practice_id: str) -> None:
    practice = builtin_practice(practice_id)
    # Full stops inside quotes ("Undefended Love".) end a sentence too.
    sentences = [s for s in re.split(r"(?<=[.!?])[\"”]?\s+", practice.idea or "") if s]
    assert 2 <= len(sentences) <= 3, sentences
    assert practice.reframe and len(practice.reframe) <= 120
    assert practice.idea != practice.summary


@pytest.mark.parametrize("practice_id", builtin_ids())
def test_the_phrasing_hint_suggests_the_practices_own_frame(practice_id: str) -> None:
    practice = builtin_practice(practice_id)
    hint = find_hint("It's your fault, you never listen", practice.reframe)
    assert hint is not None and hint.suggestion == practice.reframe


#: Who described the method each practice beyond the source's six follows, as its
#: idea must say (the facts, in bridges' own words).
METHODS = {
    "after-a-fight": ("Gottman", "Rapoport", "aftermath"),
    "stress-reducing": ("Gottman", "stress-reducing conversation"),
    "mirror-validate-empathise": ("Imago", "Hendrix", "Hunt"),
    "speaker-listener": ("PREP", "Markman", "Stanley"),
    "appreciations": ("Gottman", "fondness and admiration"),
    "love-maps": ("Gottman", "love map"),
}


def test_every_practice_beyond_the_sources_names_its_method_and_who_described_it() -> None:
    assert set(builtin_ids()) == set(SOURCE_PRACTICES) | set(METHODS)
    for practice_id, names in METHODS.items():
        idea = builtin_practice(practice_id).idea or ""
        assert all(name in idea for name in names), (practice_id, names)


@pytest.mark.parametrize("practice_id", builtin_ids())
def test_every_listening_loop_is_a_turn_of_reflecting_back(practice_id: str) -> None:
    practice = builtin_practice(practice_id)
    for step in (*practice.opening, *practice.round, *practice.closing):
        if step.confirm:
            assert step.speaker in ("lead", "other")
            assert "did i get it" in step.prompt.lower(), step.id


def test_same_team_starts_with_the_shared_question_and_keeps_the_agreed_option() -> None:
    practice = builtin_practice("same-team")
    assert SOURCE_PRACTICES[0] == "same-team"
    assert "how can we both get what we want" in " ".join(s.prompt.lower() for s in practice.opening)
    assert "The option we'll try" in notes("same-team")
    assert practice.closing[-1].note.label == "The option we'll try"
    assert "shot down" in practice.closing[0].prompt, "no option is shot down while brainstorming"
    assert loop_steps("same-team") == ["heard-you"]


def test_differences_keeps_the_benefit_each_sees_in_the_others_trait() -> None:
    practice = builtin_practice("differences")
    gift = next(step for step in practice.round if step.id == "the-gift")
    assert gift.speaker == "lead" and gift.note.by == "speaker"
    # Each partner, leading their round, writes what the other's way brings.
    writers = [p.note_writer for p in practice.plan() if p.step.id == "the-gift"]
    assert writers == ["A", "B"]
    assert "not be solved today" in " ".join(s.prompt for s in practice.closing)


def test_say_what_you_want_keeps_the_wish_beneath_the_complaint() -> None:
    assert notes("say-what-you-want")["The wish beneath the complaint"] == "A"
    assert loop_steps("say-what-you-want") == ["wish-back"]
    assert "What I can offer" in notes("say-what-you-want")


def test_undefended_guesses_then_hears_what_is_underneath() -> None:
    practice = builtin_practice("undefended")
    assert [s.id for s in practice.round] == ["as-it-feels", "guess", "underneath", "reflect"]
    assert "defend" in practice.round[1].prompt.lower()
    assert loop_steps("undefended") == ["reflect"]


def test_share_the_why_reflects_back_until_understood() -> None:
    assert loop_steps("share-the-why") == ["reflect-back"]


def test_assume_the_best_frames_an_observation_a_worry_and_an_invitation() -> None:
    practice = builtin_practice("assume-the-best")
    hint = find_hint("You always come home late on purpose", practice.reframe)
    assert hint is not None
    assert "what you noticed" in hint.suggestion and "worried" in hint.suggestion
    assert "invitation" in hint.suggestion
