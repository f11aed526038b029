"""`bridges start-screen`: what the start screen shows, said and set, in config.toml."""

from __future__ import annotations

from pathlib import Path

from bridges_tui.core.files.config import Config, load_config, save_config
from bridges_tui.testing.cli import bridges
from bridges_tui.testing.files import mode


def test_without_a_choice_it_says_what_the_start_screen_shows(bridges_home: Path) -> None:
    result = bridges("start-screen")
    assert result.returncode == 0
    assert result.stdout.startswith("start screen: remembered. The start screen shows the names")
    assert not (bridges_home / "config.toml").exists(), "asking writes nothing"


def test_blank_is_kept_and_forgets_the_names(bridges_home: Path) -> None:
    config = bridges_home / "config.toml"
    save_config(config, Config(names=("Sam", "Alex"), phrasing_hints=False))
    result = bridges("start-screen", "blank")
    assert result.returncode == 0, result.stderr
    assert "no names and no last agreement" in result.stdout
    assert "names bridges had remembered are forgotten" in result.stdout
    assert load_config(config) == (Config(names=None, phrasing_hints=False, start_screen="blank"), None)
    assert "Sam" not in config.read_text() and mode(config) == 0o600
    assert bridges("start-screen").stdout.startswith("start screen: blank.")
    result = bridges("start-screen", "remembered")
    assert result.returncode == 0 and "[start]" not in config.read_text()
    assert load_config(config)[0].start_screen == "remembered"


def test_a_broken_config_is_said_and_left_as_it_is(bridges_home: Path) -> None:
    config = bridges_home / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[partners\n")
    for args in (("start-screen",), ("start-screen", "blank")):
        result = bridges(*args)
        assert result.returncode == 1 and "bridges:" in result.stderr and "config.toml" in result.stderr
    assert config.read_text() == "[partners\n"


def test_an_unknown_choice_is_refused_with_the_choices(bridges_home: Path) -> None:
    result = bridges("start-screen", "empty")
    assert result.returncode == 2 and "remembered" in result.stderr and "blank" in result.stderr
