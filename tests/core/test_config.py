"""config.toml: remembered names and hints, kept privately; a broken file is reported,
never fatal, and never overwritten."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from bridges_tui.core.files import paths
from bridges_tui.core.files.config import Config, load_config, save_config
from bridges_tui.core.files.safe_files import StoreError
from bridges_tui.core.files.saved_language import saved_language
from bridges_tui.core.model.session import ModelError
from bridges_tui.testing.files import mode


@pytest.fixture
def config_path(bridges_home: Path) -> Path:
    return paths.config_file()


def test_no_file_means_the_defaults_without_a_warning(config_path: Path) -> None:
    assert load_config(config_path) == (Config(), None)
    assert Config().names is None and Config().phrasing_hints is True


def test_names_and_hints_are_saved_in_the_documented_layout(config_path: Path) -> None:
    save_config(config_path, Config(names=("Sam", "Alex"), phrasing_hints=False))
    assert config_path.read_text() == (
        '[partners]\nnames = ["Sam", "Alex"]\n\n[hints]\nphrasing = false\n'
    )
    assert mode(config_path) == 0o600
    assert mode(config_path.parent) == 0o700
    assert load_config(config_path) == (Config(("Sam", "Alex"), False), None)


def test_the_start_screen_setting_is_written_only_when_it_is_not_the_default(config_path: Path) -> None:
    save_config(config_path, Config(start_screen="blank"))
    assert config_path.read_text() == '[hints]\nphrasing = true\n\n[start]\nscreen = "blank"\n'
    assert load_config(config_path) == (Config(start_screen="blank"), None)
    save_config(config_path, Config())
    assert "[start]" not in config_path.read_text()
    assert Config().start_screen == "remembered"


def test_unknown_keys_under_start_are_kept(config_path: Path) -> None:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text('[start]\nscreen = "blank"\nlater = 1\n')
    config, warning = load_config(config_path)
    assert warning is None and config.start_screen == "blank"
    save_config(config_path, config)
    assert config_path.read_text().endswith('[start]\nscreen = "blank"\nlater = 1\n')


def test_names_are_kept_as_the_app_shows_them(config_path: Path) -> None:
    config = Config(names=["  Zoë ", "שרה\t"])  # type: ignore[arg-type]
    assert config.names == ("Zoë", "שרה")
    save_config(config_path, config)
    assert load_config(config_path)[0].names == ("Zoë", "שרה")
    with pytest.raises(ModelError):
        Config(names=("Sam",))  # type: ignore[arg-type]


def test_unknown_keys_are_kept(config_path: Path) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text(
        'theme = "nord"\n\n[partners]\nnames = ["Sam", "Alex"]\ncolours = ["red", "blue"]\n\n'
        "[hints]\nphrasing = true\nsize = 2\n\n[future]\nthing = 1\n"
    )
    config, warning = load_config(config_path)
    assert warning is None
    save_config(config_path, Config(("Kim", "Alex"), False, config.extra))
    again, _ = load_config(config_path)
    assert again.names == ("Kim", "Alex") and again.phrasing_hints is False
    assert again.extra == {
        "theme": "nord", "partners": {"colours": ["red", "blue"]}, "hints": {"size": 2},
        "future": {"thing": 1},
    }


BROKEN = {
    "not TOML": ("[partners\nnames = 1", "not valid TOML"),
    "names not a list": ('[partners]\nnames = "Sam and Alex"\n', "partners.names: must be a list"),
    "three names": ('[partners]\nnames = ["A", "B", "C"]\n', "partners.names: must be a list"),
    "empty name": ('[partners]\nnames = ["Sam", " "]\n', "partners.names: please give a name"),
    "hints not a bool": ('[hints]\nphrasing = "yes"\n', "hints.phrasing: must be true or false"),
    "partners not a table": ("partners = 3\n", "partners: must be a table"),
    "start screen unknown": ('[start]\nscreen = "empty"\n', 'start.screen: must be "remembered" or "blank"'),
    "start not a table": ('start = "blank"\n', "start: must be a table"),
    "not UTF-8": (b"[partners]\nnames = [\"Zo\xeb\", \"A\"]\n", "not UTF-8 text"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_file_gives_the_defaults_a_warning_and_is_never_overwritten(
    config_path: Path, kind: str
) -> None:
    content, problem = BROKEN[kind]
    data = content if isinstance(content, bytes) else content.encode()
    config_path.parent.mkdir(parents=True)
    config_path.write_bytes(data)
    config, warning = load_config(config_path)
    assert config == Config()
    assert warning is not None and str(config_path) in warning and problem in warning
    with pytest.raises(StoreError) as refused:
        save_config(config_path, Config(names=("Sam", "Alex")))
    assert str(config_path) in str(refused.value) and "fix or remove it" in str(refused.value)
    assert config_path.read_bytes() == data
    assert os.listdir(config_path.parent) == [config_path.name]


def test_an_unreadable_file_is_a_warning_too(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_path.parent.mkdir(parents=True)
    config_path.write_text("[hints]\nphrasing = false\n")
    real_open = open

    def refuse(file: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if str(file) == str(config_path):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", refuse)
    config, warning = load_config(config_path)
    assert config == Config() and warning is not None and "permission denied" in warning
    with pytest.raises(StoreError, match="permission denied"):
        save_config(config_path, Config())
    monkeypatch.undo()
    assert config_path.read_text() == "[hints]\nphrasing = false\n"


def test_a_folder_in_place_of_the_file_is_a_warning(config_path: Path) -> None:
    config_path.mkdir(parents=True)
    config, warning = load_config(config_path)
    assert config == Config() and warning is not None and "is a folder" in warning


def test_a_failed_save_leaves_the_old_file(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_config(config_path, Config(names=("Sam", "Alex")))
    before = config_path.read_bytes()

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(StoreError, match="the disk is full"):
        save_config(config_path, Config(names=("Kim", "Lee")))
    monkeypatch.undo()
    assert config_path.read_bytes() == before
    assert os.listdir(config_path.parent) == [config_path.name]


@pytest.mark.parametrize("home", ["/srv/couple", "/srv/couple/", "//srv/couple", "/srv//couple",
                                  "/srv/./couple", "/srv/x/../couple", "/", "~/couple", "couple", "."])
def test_the_sessions_folder_as_text_is_spelled_as_pathlib_spells_it(
    home: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `bridges list` prints paths made from this text; they must read as they always have.
    monkeypatch.setenv("BRIDGES_HOME", home)
    assert paths.sessions_folder() == str(paths.sessions_dir())


def test_the_language_chosen_is_kept_with_everything_else(config_path: Path) -> None:
    save_config(config_path, Config(names=("Sam", "Alex"), language="de"))
    assert '[language]\ncode = "de"' in config_path.read_text(encoding="utf-8")
    assert load_config(config_path) == (Config(names=("Sam", "Alex"), language="de"), None)
    save_config(config_path, Config(names=("Sam", "Alex")))
    assert "[language]" not in config_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "saved"), [
    ('[language]\ncode = "de"\n', "de"),
    ('[partners]\nnames = ["Sam", "Alex"]\n\n[language]\ncode = "es"\nfont = "big"\n', "es"),
    ('[language]\ncode = "  "\n', None),
    ('[language]\ncode = "tlh"\n', "tlh"),  # kept: the start says, in one line, it is not spoken
    ('[partners]\nnames = ["Sam", "Alex"]\n', None),
    ('[hints]\nphrasing = false\n# the language: none yet\n', None),  # mentioned, not set
])
def test_the_lean_read_at_start_agrees_with_the_settings(config_path: Path, text: str, saved: str | None) -> None:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(text, encoding="utf-8")
    config, warning = load_config(config_path)
    assert warning is None
    assert saved_language(config_path) == config.language == saved


@pytest.mark.parametrize("text", ['[language]\ncode = 7\n', '[language\ncode = "de"\n', 'language = "de"\n'])
def test_a_language_that_cant_be_read_is_none_at_start_and_said_by_the_app(config_path: Path, text: str) -> None:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(text, encoding="utf-8")
    assert saved_language(config_path) is None
    config, warning = load_config(config_path)
    assert config == Config() and warning is not None and str(config_path) in warning
    assert saved_language(config_path.parent / "missing.toml") is None
