"""`bridges practices` and `bridges check FILE`, run through the real entry point."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bridges_tui.cli import main
from bridges_tui.core.practice_scripts.catalog import (
    BUILTIN_ORDER,
    SOURCE_PRACTICES,
    builtin_card,
    builtin_ids,
    builtin_practice,
)
from bridges_tui.core.text.durations import format_about
from bridges_tui.testing.cli import bridges

BUILTINS = Path(__file__).parents[2] / "src" / "bridges_tui" / "practices"

GOOD = """\
id = "evening-check-in"
title = "Evening check-in"
summary = "A short talk about the day."
turn = "90s"

[[round]]
id = "the-day"
title = "How was your day?"
speaker = "lead"
prompt = "Tell your partner one moment from today."
listener = "Listen, then say back what you heard."
note = { label = "What I heard", by = "listener" }

[[closing]]
id = "thanks"
title = "Thank each other"
speaker = "together"
duration = "1m"
prompt = "Say one thing you appreciated."
"""


def user_script(home: Path, name: str, text: str) -> Path:
    folder = home / "practices"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stdout + result.stderr


# --- bridges practices --------------------------------------------------------------


def test_practices_lists_every_builtin_in_its_group_with_its_length(bridges_home: Path) -> None:
    result = bridges("practices")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert headings[:3] == [
        "Rebuilding Emotional Bridges: when something matters between you",
        "Hard talks: after a fight, or when you keep talking past each other",
        "Every day: short talks that keep you close",
    ]
    # Each built-in under its group's heading, in the group's order.
    places = [out.index(f"  {pid}  {builtin_card(pid).title}  (built-in)\n") for pid in BUILTIN_ORDER]
    assert places == sorted(places) and len(places) >= 12
    assert out.index(headings[1]) < places[len(SOURCE_PRACTICES)] < out.index(headings[2])
    assert "  share-the-why  Share the why  (built-in)\n" in out
    assert "about 13 min · 8 turns · turn length 2m" in out
    assert "about 7 min · 6 turns · turn length 1m" in out  # appreciations
    assert "Your own:" not in out  # no group for scripts the couple has not written
    # Readable at 80 columns; only a long folder path may run past.
    assert all(len(line) <= 80 for line in out.splitlines() if str(bridges_home) not in line)
    assert_clean(result)


def test_practices_marks_a_user_override_and_lists_user_scripts(bridges_home: Path) -> None:
    user_script(bridges_home, "why.toml", GOOD.replace("evening-check-in", "share-the-why"))
    user_script(bridges_home, "zz.toml", GOOD)
    result = bridges("practices")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "share-the-why  Evening check-in  (yours, replaces the built-in)" in out
    assert "Share the why" not in out
    # The replacement keeps the built-in's place; a new script is in a group of its own.
    assert out.index("same-team") < out.index("share-the-why") < out.index("assume-the-best")
    assert out.index("stress-reducing") < out.index("Your own: practices you wrote")
    assert out.index("Your own: practices you wrote") < out.index(
        "  evening-check-in  Evening check-in  (yours)"
    )
    assert "about 4 min · 3 turns · turn length 1m30s" in out
    assert str(bridges_home / "practices") in out


def test_practices_lists_a_broken_script_and_still_loads_the_rest(bridges_home: Path) -> None:
    bad = user_script(bridges_home, "bad.toml", GOOD.replace('"lead"', '"me"'))
    user_script(bridges_home, "good.toml", GOOD.replace("evening-check-in", "good-one"))
    result = bridges("practices")
    assert result.returncode == 0
    assert "good-one" in result.stdout and "assume-the-best" in result.stdout
    assert "1 script could not be loaded" in result.stderr
    assert str(bad) in result.stderr
    assert (
        "round[1] (step 'the-day'): speaker: must be one of lead, other, together, not \"me\""
        in result.stderr
    )
    assert_clean(result)


# --- bridges check --------------------------------------------------------------------


@pytest.mark.parametrize("practice_id", builtin_ids())
def test_every_builtin_passes_bridges_check(
    practice_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", str(BUILTINS / f"{practice_id}.toml")])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    practice = builtin_practice(practice_id)
    assert out.startswith(f"ok: {practice_id} '{practice.title}': ")
    assert f"= {practice.card.turns} turns, {format_about(practice.card.seconds())}" in out


def test_check_a_builtin_is_ok() -> None:
    result = bridges("check", str(BUILTINS / "share-the-why.toml"))
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == (
        "ok: share-the-why 'Share the why': 1 opening, 3 round (×2), 1 closing"
        " = 8 turns, about 13 min"
    )
    assert "replaces the built-in" in result.stdout
    assert result.stderr == ""


def test_check_lists_steps_in_session_order(bridges_home: Path) -> None:
    path = user_script(bridges_home, "evening.toml", GOOD)
    result = bridges("check", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "ok: evening-check-in 'Evening check-in': 1 round (×2), 1 closing"
        " = 3 turns, about 4 min"
    )
    steps = [line.split() for line in lines[1:] if line.strip()[0].isdigit()]
    assert [s[0] for s in steps] == ["1.", "2.", "3."]
    assert "A leads" in lines[1] and "1m30s" in lines[1] and "How was your day?" in lines[1]
    assert "note by B: What I heard" in lines[2]
    assert "B leads" in lines[3] and "A and B" in lines[5] and "Thank each other" in lines[5]
    assert "copy it into" not in result.stdout  # it is already in the practices folder


def test_check_elsewhere_says_where_to_put_the_script(
    tmp_path: Path, bridges_home: Path
) -> None:
    path = tmp_path / "evening.toml"
    path.write_text(GOOD, encoding="utf-8")
    result = bridges("check", "evening.toml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"copy it into {bridges_home / 'practices'}" in result.stdout


def test_check_reports_every_problem_with_hints(tmp_path: Path) -> None:
    broken = (
        GOOD.replace('turn = "90s"', 'turn = "0s"')
        .replace('speaker = "lead"', 'speaker = "leed"')
        .replace('by = "listener"', 'by = "them"')
        .replace('duration = "1m"', 'duration = "1m"\ncolour = "blue"')
    )
    (tmp_path / "share.toml").write_text(broken, encoding="utf-8")
    result = bridges("check", "share.toml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    err = result.stderr
    assert "share.toml: turn: \"0s\" is too short" in err
    assert "share.toml: round[1] (step 'the-day'): speaker: must be one of lead, other, " \
        "together, not \"leed\"" in err
    assert "  hint: did you mean \"lead\"?" in err
    assert "share.toml: round[1] (step 'the-day'): note.by: must be one of speaker, " \
        "listener, not \"them\"" in err
    assert "share.toml: closing[1] (step 'thanks'): colour: unknown key" in err
    assert err.count("hint:") == 4
    assert err.rstrip().endswith("share.toml: 4 problems; fix and check again")
    assert_clean(result)


def test_check_bad_toml_names_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "typo.toml").write_text('id = "x"\ntitle = Typo\n', encoding="utf-8")
    result = bridges("check", "typo.toml", cwd=tmp_path)
    assert result.returncode == 1
    assert "typo.toml: line 2, column 9: not valid TOML: invalid value" in result.stderr
    assert "hint: text needs double quotes" in result.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "nope.toml", "cannot read {path}: there is no such file"),
        (lambda tmp: tmp, "{path} is a folder"),
    ],
)
def test_check_a_file_that_cannot_be_read(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    result = bridges("check", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith("bridges: " + message.format(path=path))
    assert result.stdout == ""
    assert_clean(result)


def test_nothing_from_a_script_can_drive_the_terminal(tmp_path: Path) -> None:
    # An escape in a value, in a raw TOML error, and in the file's own name.
    name = "evil\x1b]0;pwned\x07\x1b[2J.toml"
    script = GOOD.replace("Evening check-in", "Evil\\u001b[31m [bold]x[/bold]")
    (tmp_path / name).write_text(script, encoding="utf-8")
    (tmp_path / "raw.toml").write_text('title = "a\x1b[2Jb"\n', encoding="utf-8")
    for file in (name, "raw.toml"):
        result = bridges("check", file, cwd=tmp_path)
        assert result.returncode == 1
        assert_clean(result)
        assert "\x07" not in result.stderr and "\x9b" not in result.stderr
    result = bridges("check", name, cwd=tmp_path)
    assert 'Evil\\u001b[31m [bold]x[/bold]"' in result.stderr  # shown escaped, not obeyed


def test_markup_in_a_script_is_printed_as_written(bridges_home: Path) -> None:
    script = GOOD.replace("Evening check-in", "[bold]Loud[/bold]").replace(
        "A short talk about the day.", "[red]Red[/red] :smile: day."
    )
    path = user_script(bridges_home, "m.toml", script)
    result = bridges("practices")
    assert "evening-check-in  [bold]Loud[/bold]  (yours)" in result.stdout
    assert "    [red]Red[/red] :smile: day." in result.stdout
    result = bridges("check", str(path))
    assert "ok: evening-check-in '[bold]Loud[/bold]'" in result.stdout


@pytest.mark.parametrize(
    ("text", "line", "written"),
    [
        ('id = "thanks"\ntitle = "Say thanks\nsummary = "Thanks."\n', 2, 'title = "Say thanks'),
        ('id = "thanks"\n\n[[round]]\n  prompt = "What you\n', 4, 'prompt = "What you'),
        ("id = 'thanks'\ntitle = 'Say thanks\n", 2, "title = 'Say thanks"),
        ('id = "thanks"\ntitle = "Say thanks', 2, 'title = "Say thanks'),
    ],
)
def test_check_an_unclosed_string_names_its_line_and_the_fix(
    tmp_path: Path, text: str, line: int, written: str
) -> None:
    (tmp_path / "thanks.toml").write_text(text, encoding="utf-8")
    result = bridges("check", "thanks.toml", cwd=tmp_path)
    assert result.returncode == 1
    key = written.split(" =")[0]
    assert f"thanks.toml: line {line}: {key}: the text has no closing quote: {written}" in result.stderr
    assert f"hint: close the string on that line: {written}{written.split('= ')[1][0]}" in result.stderr
    assert "control character" not in result.stderr and "illegal" not in result.stderr.lower()
    assert_clean(result)
