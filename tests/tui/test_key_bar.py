"""The key bar: the keys that work now, on the bottom line, current in the very frame
that changes them; wide when it fits, compact when not; a click presses a key."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding

from bridges_tui.testing.pilot import running
from bridges_tui.tui.screens.conversation import ConversationScreen
from bridges_tui.tui.widgets.key_bar import Group, Key, KeyBar, bar_pieces


def line(app) -> str:
    """The bottom line as drawn on screen."""
    return app.screen.query_one(KeyBar).render_line(0).text


def key(name: str, description: str = "", enabled: bool = True) -> Key:
    return Key(name, name, description, enabled, description)


ITEMS = [key("space", "Start/next"), Group((key("+"), key("-")), "±30s"), key("e", "End")]
PALETTE = key("^p", "palette")


def text(width: int, items=ITEMS, palette=PALETTE) -> str:
    pieces, _ = bar_pieces(items, palette, width)
    return "".join(piece.text for piece in pieces)


def test_wide_when_it_fits_with_the_palette_on_the_right() -> None:
    shown = text(60)
    assert shown.startswith(" space Start/next  + - ±30s  e End ")
    assert shown.endswith("▏ ^p palette ") and len(shown) == 60


def test_compact_when_the_wide_style_does_not_fit() -> None:
    shown = text(45)
    assert shown.startswith("space Start/next + - ±30s e End ")
    assert shown.endswith("▏^p palette") and len(shown) == 45


def test_the_palette_key_goes_before_any_other_key_does() -> None:
    shown = text(33)
    assert shown == "space Start/next + - ±30s e End "
    assert "palette" not in text(30)  # still too narrow: the line is cropped when drawn


def test_pieces_name_the_key_they_press() -> None:
    pieces, keys = bar_pieces(ITEMS, PALETTE, 60)
    pressed = {piece.text.strip(): keys[piece.key].key for piece in pieces if piece.key is not None}
    assert pressed["-"] == "-" and pressed["End"] == "e" and pressed["palette"] == "^p"


async def test_the_bar_shows_a_turns_keys_as_soon_as_the_turn_starts(talk_app, fake_time) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=(100, 30)) as pilot:
        await pilot.press("space")  # the together step starts
        fake_time.advance(5)
        await pilot.press("space")  # … and hands over to Sam's step
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert "Start" in line(app) and "Pause" not in line(app)
        # Called directly, with no message handled after it: the bar is due to be drawn
        # in the same frame as the turn it belongs to. (Textual's own footer rebuilds
        # its keys only after that frame, and showed them a few frames late.)
        bar = screen.query_one(KeyBar)
        screen.action_press("space", "start")
        assert bar._repaint_required
        assert "Pause" in bar.render().plain and "±30s" in bar.render().plain
        assert "Hand over" in bar.render().plain
        await pilot.pause()
        assert "Pause" in line(app)
        fake_time.advance(5)
        screen.action_press("space", "hand_over")
        assert bar._repaint_required and "Pause" not in bar.render().plain


async def test_every_key_of_a_turn_fits_at_80_columns(talk_app) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=(80, 24)) as pilot:
        await pilot.press("space")
        shown = line(app)
        # The hide key is what a turn needs at hand when someone walks in; the palette's
        # hint gives way to it at 80 columns (ctrl+p still opens it; the help says so).
        for description in ("Hand over", "Pause", "±30s", "Break", "End", "Quit", "Help", "f12 Hide"):
            assert description in shown, (description, shown)
        await pilot.press("p")
        assert "palette" in line(app), "with fewer keys to show, the palette's hint is back"


async def test_a_click_presses_the_key_and_hovering_says_what_it_does(talk_app) -> None:
    app = talk_app("share-the-why")
    async with running(app, size=(100, 30)) as pilot:
        await pilot.press("space")
        assert app.live.conversation.state == "speaking"
        column = line(app).index("Pause")
        await pilot.hover(KeyBar, offset=(column, 0))
        assert app.screen.query_one(KeyBar).tooltip == "Pause the turn clock."
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert app.live.conversation.state == "paused"
        await pilot.click(KeyBar, offset=(line(app).index("±30s") - 1, 0))  # the blank: nothing
        await pilot.pause()
        assert app.live.conversation.state == "paused"


class GreyedOut(App[None]):
    """A key that is shown but can't be used now (check_action says None)."""

    BINDINGS = [Binding("x", "tick", "Tick"), Binding("g", "greyed", "Greyed")]

    def __init__(self) -> None:
        super().__init__()
        self.ticks = 0
        self.rang = 0

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "greyed" else True

    def action_tick(self) -> None:
        self.ticks += 1

    def action_greyed(self) -> None:
        raise AssertionError("a greyed-out key must not run")

    def bell(self) -> None:
        self.rang += 1


async def test_a_greyed_out_key_is_dim_and_a_click_on_it_rings() -> None:
    app = GreyedOut()
    async with app.run_test(size=(60, 5)) as pilot:  # a plain App: no first screen to wait for
        bar = app.screen.query_one(KeyBar)
        strip = bar.render_line(0)
        dim = [segment.text for segment in strip if segment.style and segment.style.dim]
        assert "Greyed" in "".join(dim) and "Tick" not in "".join(dim)
        await pilot.click(KeyBar, offset=(line(app).index("Greyed"), 0))
        await pilot.click(KeyBar, offset=(line(app).index("Tick"), 0))
        await pilot.pause()
        assert app.rang == 1 and app.ticks == 1


def test_keys_that_do_not_fit_are_left_out_whole_help_last() -> None:
    items = [key("space", "Hand over"), key("e", "End"), key("^q", "Quit"), key("f1", "Help")]
    assert text(38, items) == "space Hand over e End ^q Quit f1 Help "
    # Narrower: whole keys go from the end, F1's (its help lists every key) last.
    assert text(37, items) == "space Hand over e End f1 Help "
    assert text(29, items) == "space Hand over f1 Help "
    assert text(20, items) == "space Hand over "
