"""Every built-in practice, and one a couple wrote themselves, run end to end through
the real app at 80×24 on a fake clock, to a summary and a valid transcript on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from bridges_tui.core.files.transcript_file import load_transcript
from bridges_tui.core.practice_scripts.catalog import builtin_ids, builtin_practice
from bridges_tui.testing.pilot import running
from bridges_tui.testing.talk import run_to_the_summary
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.setup import SetupScreen


def saved_file(home: Path) -> Path:
    [path] = sorted((home / "sessions").glob("*.toml"))
    return path


# Every built-in file there is, grouped or not: a new practice is run without a line here.
@pytest.mark.parametrize("practice_id", builtin_ids())
async def test_each_builtin_runs_to_a_summary_and_a_valid_transcript(
    practice_id: str, talk_app, fake_time, bridges_home: Path
) -> None:
    practice = builtin_practice(practice_id)
    app = talk_app(practice_id)
    async with running(app, size=(80, 24)) as pilot:
        headings = await run_to_the_summary(pilot, fake_time, not_quite_once=True)
        assert type(app.screen).__name__ == "SummaryScreen"
    plan = practice.plan()
    assert len(headings) == len(plan)
    for number, (heading, planned) in enumerate(zip(headings, plan, strict=False), start=1):
        assert f"step {number} of {len(plan)} · {planned.step.title}" in heading

    path = saved_file(bridges_home)
    transcript = load_transcript(path.read_text(encoding="utf-8"))  # a valid file
    assert transcript.status == "complete" and transcript.practice == practice_id
    assert [t.step for t in transcript.turns] == [p.step.id for p in plan]
    for turn, planned in zip(transcript.turns, plan, strict=False):
        assert (turn.note is not None) == (planned.step.note is not None), turn.step
        assert (turn.tries is not None) == planned.step.confirm, turn.step
    loops = [t for t in transcript.turns if t.tries]
    if loops:
        # The first loop took two tries; the clarification was the other partner's.
        assert (loops[0].tries, loops[0].clarify_s) == (2, 12)
        assert loops[0].spoken_s == 60
        assert all(t.tries == 1 for t in loops[1:])
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        assert raw["turns"][transcript.turns.index(loops[0])]["tries"] == 2


UNUSUAL = '''\
# No opening, a long round, a closing note.
id = "long-walk"
title = "The long walk"
summary = "Five small steps each, no warm-up, and one thing to keep at the end."
turn = 45

[[round]]
id = "one"
title = "One"
speaker = "lead"
prompt = "Say one thing."
listener = "Listen."

[[round]]
id = "two"
title = "Two"
speaker = "other"
duration = "30s"
prompt = "Say it back. Did I get it?"
listener = "Answer honestly."
confirm = true

[[round]]
id = "three"
title = "Three"
speaker = "lead"
prompt = "Say a second thing."
listener = "Listen."
note = { label = "The second thing", by = "listener" }

[[round]]
id = "four"
title = "Four"
speaker = "other"
prompt = "Ask a question."
listener = "Answer it."

[[round]]
id = "five"
title = "Five"
speaker = "lead"
duration = "1m"
prompt = "Say what you'll remember."
listener = "Nod."

[[closing]]
id = "keep"
title = "Keep one thing"
speaker = "together"
prompt = "Agree on one thing to keep."
note = { label = "What we keep", by = "speaker" }
'''


async def test_a_user_practice_of_an_unusual_shape_loads_runs_and_saves(
    fake_time, bridges_home: Path
) -> None:
    folder = bridges_home / "practices"
    folder.mkdir(parents=True)
    (folder / "long-walk.toml").write_text(UNUSUAL, encoding="utf-8")
    (folder / "broken.toml").write_text(UNUSUAL.replace('"lead"', '"leed"', 1), encoding="utf-8")
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        await pilot.pause(0.05)  # the look back for past sessions starts
        await app.workers.wait_for_complete()  # the look for an unfinished session
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        practices = app.screen.query_one("#practice", OptionList)
        prompts = [str(practices.get_option_at_index(i).prompt) for i in range(practices.option_count)]
        ids = [practices.get_option_at_index(i).id for i in range(practices.option_count)]
        ours = ids.index("long-walk")
        # Listed among the couple's own, with how long it takes and its title.
        assert "Your own" in prompts[ours - 1]
        assert prompts[ours].endswith("The long walk  (your own)")
        assert prompts[ours].split()[0].isdigit()
        # The broken script is listed, disabled, with what is wrong and how to find out more.
        broken = prompts[-1]
        assert broken.startswith("broken.toml  (your own, can't be used)")
        assert "round[1] (step 'one'): speaker: must be one of lead, other, together" in broken
        assert "bridges check" in broken
        assert practices.get_option_at_index(practices.option_count - 1).disabled
        app.screen.query_one("#name-a", Input).value = "Sam"
        app.screen.query_one("#name-b", Input).value = "Alex"
        practices.highlighted = ours
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConversationScreen)
        headings = await run_to_the_summary(pilot, fake_time)
        assert type(app.screen).__name__ == "SummaryScreen"
    assert len(headings) == 11 and "step 1 of 11 · One" in headings[0]
    transcript = load_transcript(saved_file(bridges_home).read_text(encoding="utf-8"))
    assert transcript.status == "complete" and transcript.practice == "long-walk"
    assert [t.step for t in transcript.turns] == [
        "one", "two", "three", "four", "five", "one", "two", "three", "four", "five", "keep"]
    assert [t.planned_s for t in transcript.turns][:5] == [45, 30, 45, 45, 60]
    assert [t.tries for t in transcript.turns if t.tries] == [1, 1]
    assert transcript.turns[-1].note == "note for What we keep"
    assert transcript.turns[-1].note_by == "both"


async def test_the_setup_shows_which_practices_were_done_before(
    talk_app, fake_time, bridges_home: Path
) -> None:
    app = talk_app("same-team")
    async with running(app, size=(80, 24)) as pilot:
        await run_to_the_summary(pilot, fake_time)
    again = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(again, size=(80, 24)) as pilot:
        await pilot.pause(0.05)  # the look back for past sessions starts
        await again.workers.wait_for_complete()
        await pilot.pause()
        practices = again.screen.query_one("#practice", OptionList)
        prompts = {practices.get_option_at_index(i).id: str(practices.get_option_at_index(i).prompt)
                   for i in range(practices.option_count)}
        assert "Be on the same team  · last done " in prompts["same-team"]
        assert [pid for pid, text in prompts.items() if "last done" in text] == ["same-team"]
