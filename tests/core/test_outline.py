"""The outline of a session that the export, `bridges show` and the summary screen all
render: steps in order, breathers where they were taken, names, the follow-up's words."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bridges_tui.core.looking_back.outline import BreatherLine, Outline, StepLine
from bridges_tui.core.model.session import Break, Followup
from bridges_tui.testing.history import FIRST, first_session


def test_a_breather_comes_before_the_first_step_that_began_after_it() -> None:
    session = first_session()
    start = session.started
    late = Break(started=session.turns[-1].started + timedelta(hours=1), seconds=60.0)
    outline = Outline.of(replace(session, breaks=(*session.breaks, late)))
    kinds = [type(moment) for moment in outline.moments]
    first_after = next(index for index, turn in enumerate(session.turns)
                       if turn.started > start + timedelta(seconds=320))
    assert kinds.index(BreatherLine) == first_after  # every step before it, then the breather
    assert kinds[-1] is BreatherLine  # one taken after the last step comes last
    assert [step.number for step in outline.steps] == list(range(1, len(session.turns) + 1))


def test_steps_carry_the_partners_names() -> None:
    session = first_session()
    step = Outline.of(session).steps[0]
    assert isinstance(step, StepLine)
    assert step.speaker == session.name_of(session.turns[0].speaker)


def test_the_follow_up_reads_in_words() -> None:
    session = replace(first_session(), followup=Followup(FIRST, "Walk on Sundays.", "not-yet"))
    followup = Outline.of(session).followup
    assert followup is not None
    assert (followup.agreement, followup.answer) == ("Walk on Sundays.", "not yet")
    assert Outline.of(first_session()).followup is None
