"""The screens the app opens on skip Textual's restyle of every widget at their first
showing (`tui/screens/styled_at_mount.py`): what they show must be what that restyle
would have made of them, in every style, not only in every character."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from bridges_tui.core.practice_scripts.catalog import builtin_practice
from bridges_tui.testing.pilot import running
from bridges_tui.testing.talk import talk_app
from bridges_tui.tui.app import BridgesApp
from bridges_tui.tui.screens.styled_at_mount import StyledAtMount


async def _restyled_the_same(app: BridgesApp, size: tuple[int, int]) -> None:
    async with running(app, size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StyledAtMount)
        shown = app.export_screenshot()
        app.screen.update_node_styles(animate=False)  # the pass the first showing skipped
        await pilot.pause()
        assert app.export_screenshot() == shown


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_setup_styled_once_is_the_setup_styled_twice(bridges_home: Path, size: tuple[int, int]) -> None:
    await _restyled_the_same(BridgesApp(), size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_conversation_styled_once_is_the_conversation_styled_twice(
    bridges_home: Path, fake_time, size: tuple[int, int]
) -> None:
    await _restyled_the_same(talk_app(fake_time, builtin_practice("share-the-why")), size)


async def test_a_later_showing_is_restyled_as_textual_does(bridges_home: Path, monkeypatch) -> None:
    app = BridgesApp()
    async with running(app) as pilot:
        setup = app.screen
        restyled: list[bool] = []
        original = setup.update_node_styles

        def restyle(animate: bool = True) -> None:
            restyled.append(animate)
            original(animate=animate)

        monkeypatch.setattr(setup, "update_node_styles", restyle)
        # Shown again, with Textual asking for its restyle (as it does when the screen
        # above it let it show through): the request is kept.
        setup.post_message(events.ScreenResume(refresh_styles=True))
        await pilot.pause()
        assert restyled and not any(restyled)  # restyled, without animating
