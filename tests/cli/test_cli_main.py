"""`bridges` itself: what opens the app and how, and the help and version it prints."""

from __future__ import annotations

import gc

import pytest

from bridges_tui import cli
from bridges_tui.testing.cli import bridges


def test_plain_bridges_opens_the_app_without_building_a_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """The usual way in has nothing to parse; the parser would only slow its first screen."""
    opened: list[bool] = []

    def no_parser():
        raise AssertionError("plain `bridges` built the argument parser")

    monkeypatch.setattr(cli, "build_parser", no_parser)
    # The collector is paused while the app starts (the app turns it on again).
    monkeypatch.setattr(cli, "open_app", lambda: opened.append(gc.isenabled()) or 0)
    assert cli.main([]) == 0
    assert opened == [False]
    assert gc.isenabled(), "back on once the app has returned"


def test_app_commands_still_parse_their_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple] = []
    monkeypatch.setattr("bridges_tui.commands.talk.talk",
                        lambda *args, **options: asked.append((*args, options)) or 0)
    assert cli.main(["talk", "share-the-why", "--names", "Sam", "Alex", "--turn", "90s"]) == 0
    assert cli.main(["talk", "share-the-why", "--off-the-record"]) == 0
    assert asked == [("share-the-why", ["Sam", "Alex"], "90s", {"off_the_record": False}),
                     ("share-the-why", None, None, {"off_the_record": True})]


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["nonsense"]])
def test_help_version_and_a_wrong_command_are_argparse_s(args: list[str]) -> None:
    result = bridges(*args)
    if args == ["nonsense"]:
        assert result.returncode == 2
        assert "invalid choice: 'nonsense'" in result.stderr
    else:
        assert result.returncode == 0
        assert ("usage: bridges" in result.stdout) if args == ["--help"] else result.stdout.startswith("bridges ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["talk", "--help"], ["talk"], ["talk", "x", "--names", "Sam"], ["history", "-h"]])
def test_an_app_command_s_own_parser_says_what_the_whole_one_says(args: list[str], capsys) -> None:
    said = []
    for parser in (cli.build_parser(), cli.build_parser(only=args[0])):
        with pytest.raises(SystemExit) as ended:
            parser.parse_args(args)
        captured = capsys.readouterr()
        said.append((ended.value.code, captured.out, captured.err))
    assert said[0] == said[1]
    assert said[0][1] or said[0][2]  # it did say something


def test_the_whole_parser_lists_every_command(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["--help"])
    listed = capsys.readouterr().out
    for command in ("practices", "check", "talk", "history", "list", "show", "export"):
        assert f"    {command}" in listed
