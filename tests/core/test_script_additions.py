"""The practice-script keys added for the six practices: `idea`, `reframe` and a step's
`confirm` (the listening loop), each checked with a field path and a hint; and the
transcript's `tries` and `clarify_s`, which older files simply do not have."""

from __future__ import annotations

import pytest

from bridges_tui.core.files.transcript_file import TranscriptError, load_transcript
from bridges_tui.core.model.session import ModelError, Turn
from bridges_tui.core.practice_scripts.reading import PracticeScriptError, parse_practice

HEAD = '''\
id = "mine"
title = "Mine"
summary = "A practice."
turn = "2m"
'''
ROUND = '''
[[round]]
id = "say"
title = "Say it"
speaker = "lead"
prompt = "Say it."
listener = "Listen."

[[round]]
id = "back"
title = "Say it back"
speaker = "other"
prompt = "Say it back. Did I get it?"
listener = "Answer."
'''


def problems(text: str) -> list[tuple[str, str, str, str | None]]:
    with pytest.raises(PracticeScriptError) as caught:
        parse_practice(text, "mine.toml")
    return [(p.where, p.field, p.message, p.hint) for p in caught.value.problems]


def test_idea_reframe_and_confirm_are_read() -> None:
    text = HEAD + 'idea = "One. Two."\nreframe = "Try the wish."\n' + ROUND + "confirm = true\n"
    practice = parse_practice(text, "mine.toml")
    assert (practice.idea, practice.reframe) == ("One. Two.", "Try the wish.")
    assert [step.confirm for step in practice.round] == [False, True]


def test_all_three_are_optional() -> None:
    practice = parse_practice(HEAD + ROUND, "mine.toml")
    assert practice.idea is None and practice.reframe is None
    assert not any(step.confirm for step in practice.round)


def test_each_problem_names_its_field_and_how_to_fix_it() -> None:
    text = (HEAD + f'idea = "{"Long. " * 80}"\nreframe = """one\ntwo"""\n'
            + ROUND + 'confirm = "yes"\n\n[[closing]]\nid = "end"\ntitle = "End"\n'
            'speaker = "together"\nprompt = "Talk."\nconfirm = true\n')
    found = problems(text)
    assert ("", "idea", "is 479 characters long",
            "keep it to two or three sentences (at most 400 characters)") in found
    assert ("", "reframe", "must be on one line", "remove the line break") in found
    assert ("round[2] (step 'back')", "confirm", "must be true or false, not text",
            "write confirm = true or confirm = false, without quotes") in found
    _where, field, message, hint = next(p for p in found if p[0].startswith("closing"))
    assert (field, message) == ("confirm", "a together step has nobody listening to confirm it")
    assert 'speaker = "lead" or "other"' in hint


def test_words_people_reach_for_point_to_the_new_keys() -> None:
    found = problems(HEAD + 'about = "x"\n' + ROUND + "reflect = true\n")
    assert ("", "about", "unknown key", 'did you mean "idea"?') in found
    assert ("round[2] (step 'back')", "reflect", "unknown key", 'did you mean "confirm"?') in found


OLD_FILE = '''\
format = "bridges-transcript"
version = 1
practice = "share-the-why"
title = "Share the why"
started = 2026-11-25T20:31:07+01:00
status = "in-progress"
partners = ["Sam", "Alex"]

[[turns]]
step = "reflect-back"
title = "Ask and reflect back"
speaker = "B"
started = 2026-11-25T20:32:00+01:00
planned_s = 120
spoken_s = 80.0
'''


def test_a_file_from_before_the_listening_loop_still_reads() -> None:
    turn = load_transcript(OLD_FILE).turns[0]
    assert (turn.tries, turn.clarify_s) == (None, None)


def test_the_loops_figures_are_checked_when_read() -> None:
    with pytest.raises(TranscriptError, match=r"turns\[1\].tries: must be a whole number"):
        load_transcript(OLD_FILE + 'tries = "two"\n')
    with pytest.raises(TranscriptError, match=r"turns\[1\]\.tries: must be a whole number from 1"):
        load_transcript(OLD_FILE + "tries = 0\n")
    with pytest.raises(TranscriptError, match=r"turns\[1\]\.clarify_s: must be zero or more"):
        load_transcript(OLD_FILE + "tries = 2\nclarify_s = -3\n")


def test_a_together_turn_has_nobody_clarifying() -> None:
    with pytest.raises(ModelError, match="clarify_s"):
        Turn("s", "S", "both", load_transcript(OLD_FILE).started, 60, 10, clarify_s=5.0)
