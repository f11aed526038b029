"""The setup's practice picker at 80×24, as a couple uses it: the practices in their
groups with how long each takes, found by typing a word or the minutes they have, and
a practice of their own listed beside the built-ins."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input, Static

from bridges_tui.core.practice_scripts.catalog import BUILTIN_GROUPS, builtin_card
from bridges_tui.core.practice_scripts.finding import minutes_of
from bridges_tui.testing.pilot import running
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.screens.setup import SetupScreen
from bridges_tui.tui.widgets.practice_list import PracticeList

OWN = '''\
id = "sunday-walk"
title = "Our Sunday walk"
summary = "A walk's worth of talk about the week ahead."
turn = "2m"

[[round]]
id = "plans"
title = "The week ahead"
speaker = "lead"
prompt = "Say what your week holds."
listener = "Listen."
'''


def shown(practices: PracticeList) -> list[tuple[str | None, str, bool]]:
    """Each line of the list: its id, its words, and whether it is a heading (or
    another line that cannot be chosen)."""
    return [(option.id, str(option.prompt), option.disabled) for option in practices.options]


async def open_setup(pilot) -> PracticeList:
    await pilot.pause(0.05)  # the look back for past sessions starts
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, SetupScreen)
    practices = pilot.app.screen.query_one(PracticeList)
    practices.focus()
    await pilot.pause()
    return practices


async def test_the_practices_come_in_their_groups_each_with_how_long_it_takes(
    fake_time, bridges_home: Path
) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        practices = await open_setup(pilot)
        lines = shown(practices)
    headings = [words for _, words, heading in lines if heading]
    assert [heading.split(" · ")[0] for heading in headings] == [group.title for group in BUILTIN_GROUPS]
    ids = [pid for pid, _, heading in lines if not heading]
    assert ids == [pid for group in BUILTIN_GROUPS for pid in group.ids]
    assert len(ids) >= 11
    for pid, words, heading in lines:
        if not heading:
            card = builtin_card(pid)
            assert re.fullmatch(rf"\s*{minutes_of(card)} min  {re.escape(card.title)}", words), words


async def test_after_a_fight_is_found_in_a_few_keys_and_starts(fake_time, bridges_home: Path) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        practices = await open_setup(pilot)
        await pilot.press(*"fight")
        assert practices.practice_id == "after-a-fight"
        assert "finding “fight”" in str(practices.border_title)
        found = [pid for pid, _, heading in shown(practices) if not heading]
        assert "after-a-fight" in found and "appreciations" not in found and len(found) < 11
        about = str(app.screen.query_one("#practice-about", Static).render())
        assert about.startswith(builtin_card("after-a-fight").summary.split(".")[0])
        await pilot.press("enter")  # chosen: on to the turn length
        assert app.focused is app.screen.query_one("#turn", Input)
        app.screen.query_one("#name-a", Input).value = "Sam"
        app.screen.query_one("#name-b", Input).value = "Alex"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.conversation.practice.id == "after-a-fight"


async def test_the_minutes_a_couple_has_find_what_fits_the_longest_first(
    fake_time, bridges_home: Path
) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        practices = await open_setup(pilot)
        await pilot.press("1", "0")
        found = [pid for pid, _, heading in shown(practices) if not heading]
        assert found and all(minutes_of(builtin_card(pid)) <= 10 for pid in found)
        assert practices.practice_id == max(found, key=lambda pid: minutes_of(builtin_card(pid)))
        assert "10 min or less" in str(practices.border_title)
        # Backspace takes one back: "1" is a minute, which no practice fits.
        await pilot.press("backspace")
        assert practices.practice_id is None
        assert "Nothing found for “1”" in shown(practices)[-1][1]
        assert str(app.screen.query_one("#practice-about", Static).render()) == ""
        app.screen.query_one("#name-a", Input).value = "Sam"
        app.screen.query_one("#name-b", Input).value = "Alex"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SetupScreen), "nothing chosen, nothing starts"
        assert "Please choose a practice" in str(app.screen.query_one("#setup-error", Static).render())
        practices.focus()
        await pilot.press("escape")  # every practice again
        assert len([1 for _, _, heading in shown(practices) if not heading]) >= 11
        assert practices.typed == "" and practices.practice_id is not None


async def test_a_practice_of_their_own_sits_beside_the_built_ins_and_is_found(
    fake_time, bridges_home: Path
) -> None:
    (bridges_home / "practices").mkdir(parents=True)
    (bridges_home / "practices" / "sunday-walk.toml").write_text(OWN, encoding="utf-8")
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        practices = await open_setup(pilot)
        lines = shown(practices)
        assert lines[-2][1].startswith("Your own")
        assert lines[-1][0] == "sunday-walk" and lines[-1][1].endswith("Our Sunday walk  (your own)")
        await pilot.press(*"sunday")
        assert practices.practice_id == "sunday-walk"
        assert [pid for pid, _, heading in shown(practices) if not heading] == ["sunday-walk"]


async def test_typing_a_name_does_not_filter_the_practices(fake_time, bridges_home: Path) -> None:
    app = BridgesApp(now=fake_time.now, wall=fake_time.wall)
    async with running(app, size=(80, 24)) as pilot:
        practices = await open_setup(pilot)
        app.screen.query_one("#name-a", Input).focus()
        await pilot.press(*"Sam")
        assert app.screen.query_one("#name-a", Input).value == "Sam"
        assert practices.typed == "" and len(shown(practices)) == len(BUILTIN_GROUPS) + sum(
            len(group.ids) for group in BUILTIN_GROUPS)
