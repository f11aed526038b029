"""`bridges list`, `list --json`, `show` and `export`, through the real entry point:
what they print, what they refuse, and that a refusal is a plain message with exit 1."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bridges_tui.testing.cli import bridges as run_bridges
from bridges_tui.testing.history import AGREEMENT, BROKEN, EARLY, FIRST, NEWER, RUNNING, SECOND, write_history


def bridges(*args: str) -> subprocess.CompletedProcess[str]:
    return run_bridges(*args, columns=100)  # the listing's widest columns fit


@pytest.fixture
def history(bridges_home: Path) -> dict[str, Path]:
    return write_history(bridges_home)


def test_list_shows_every_session_newest_first_and_names_unreadable_ones(history) -> None:
    result = bridges("list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "DATE", "PRACTICE", "PARTNERS", "LENGTH", "STATUS"]
    ids = [line.split()[0] for line in lines[1:]]
    assert ids == [RUNNING, EARLY, SECOND, FIRST]
    first = next(line for line in lines if line.startswith(FIRST))
    assert "2026-10-20 19:30" in first and "Share the why" in first
    assert "Sam & Alex" in first and "11:40" in first and "complete" in first
    assert "in progress" in lines[1] and "ended early" in lines[2]
    # Unreadable files: on stderr, with why; listing still succeeds.
    assert f"{BROKEN}.toml: not valid TOML" in result.stderr
    assert f"{NEWER}.toml: written by a newer bridges (version 9)" in result.stderr
    # Listing never changes a file it cannot read.
    assert history[BROKEN].read_text() == 'format = "bridges-transcript"\nversion = 1\npractice = \n'


def test_list_json_is_for_scripts(history) -> None:
    result = bridges("list", "--json")
    assert result.returncode == 0
    sessions = json.loads(result.stdout)
    assert [s["id"] for s in sessions] == [RUNNING, EARLY, SECOND, FIRST]
    first = sessions[-1]
    assert first["started"] == "2026-10-20T19:30:00+01:00"
    assert first["practice"] == "share-the-why" and first["partners"] == ["Sam", "Alex"]
    assert first["length_s"] == 700 and first["status"] == "complete"
    assert first["floor_s"] == {"A": 220.0, "B": 30.0, "together": 50.0}
    assert first["checkin"] == {"before": [3, 2], "after": [4, 4]}
    assert first["agreement"] == AGREEMENT
    assert sessions[0]["length_s"] is None
    assert BROKEN in result.stderr and NEWER in result.stderr


HEAVY_IMPORTS_OF_LIST = """\
import json, sys
from bridges_tui.cli import main
main(["list"])
heavy = ("bridges_tui.core.model.session", "bridges_tui.core.files.store", "textual")
print(json.dumps(sorted(name for name in sys.modules if name in heavy)), file=sys.stderr)
"""


def listed_with_heavy_imports() -> tuple[str, list[str]]:
    """What `bridges list` prints, and which heavy modules it imported to do it."""
    result = subprocess.run([sys.executable, "-c", HEAVY_IMPORTS_OF_LIST], capture_output=True,
                            text=True, timeout=60, stdin=subprocess.DEVNULL, check=True)
    return result.stdout, json.loads(result.stderr.splitlines()[-1])


def test_a_later_listing_reads_only_the_index_and_says_the_same(history, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text(history[FIRST].read_text())
    (history[FIRST].parent / "20261201-100000-share-the-why.toml").symlink_to(outside)
    first = [bridges("list"), bridges("list", "--json")]  # reads every file, keeps the index
    assert listed_with_heavy_imports() == (first[0].stdout, [])
    again = [bridges("list"), bridges("list", "--json")]
    for before, after in zip(first, again, strict=False):
        assert after.returncode == 0
        assert (after.stdout, after.stderr) == (before.stdout, before.stderr)
    assert "20261201-100000-share-the-why.toml: is a link to a file outside" in again[0].stderr
    assert f"{BROKEN}.toml: not valid TOML" in again[0].stderr


def test_a_listing_after_a_change_reads_the_changed_file(history) -> None:
    bridges("list")
    text = history[FIRST].read_text(encoding="utf-8")
    history[FIRST].write_text(text.replace('title = "Share the why"', 'title = "Why it matters"'),
                              encoding="utf-8")
    history[EARLY].unlink()
    # The index no longer describes the folder: the files are read again, and it is saved.
    changed, heavy = listed_with_heavy_imports()
    assert heavy != []
    assert "Why it matters" in changed and EARLY not in changed
    assert listed_with_heavy_imports() == (changed, [])


def test_list_with_no_sessions_says_so(bridges_home: Path) -> None:
    result = bridges("list")
    assert result.returncode == 0 and result.stdout == ""
    assert "No sessions yet" in result.stderr
    assert bridges("list", "--json").stdout.strip() == "[]"


def test_show_prints_the_summary_by_a_prefix(history) -> None:
    result = bridges("show", "20261020")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Share the why · complete · Tue 20 Oct 2026, 19:30" in out
    assert "Sam 3:40 · Alex 0:30 · together 0:50 · breathers 5:00" in out
    assert "3,2→4,4" in out
    assert "Moving things around helps Sam feel less stuck after work." in out
    assert "3. Explain why it matters · Sam · 2:40 of 2:00 (+0:40 over)" in out
    assert "breather 5:00" in out
    assert AGREEMENT in out and "Alex needs things to stay put." in out
    followed = bridges("show", SECOND).stdout
    assert f"“{AGREEMENT}”: kept" in followed


def test_show_prints_text_from_files_harmlessly(bridges_home: Path) -> None:
    from dataclasses import replace

    from bridges_tui.testing.history import first_session
    from bridges_tui.testing.sessions import write_session

    sneaky = replace(first_session(), closing=replace(
        first_session().closing, agreement="[bold red]Obey[/] \x1b[2J\x1b]0;owned\x07 now"))
    write_session(bridges_home / "sessions", FIRST, sneaky)
    for args in (("show", FIRST), ("export", FIRST)):
        result = bridges(*args)
        assert result.returncode == 0
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "Obey" in result.stdout
    assert "[bold red]Obey[/]" in bridges("show", FIRST).stdout


def test_export_markdown_reads_well(history, tmp_path: Path) -> None:
    result = bridges("export", FIRST)
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("# Share the why: Tuesday, 20 October 2026, 19:30\n")
    assert "## Floor time" in text and "| Sam | 3:40 (88%) |" in text
    assert "### 1. Arrive together" in text and "### 4. Ask and reflect back" in text
    assert "### Breather · 5:00" in text
    assert "> Moving things around helps Sam feel less stuck after work." in text
    assert "## What we agree to try\n\n> Talk before moving furniture." in text
    target = tmp_path / "out" / "session.md"
    target.parent.mkdir()
    written = bridges("export", FIRST, "-o", str(target))
    assert written.returncode == 0 and written.stdout == ""
    assert target.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_toml_is_the_file_itself(history, tmp_path: Path) -> None:
    result = bridges("export", SECOND, "--format", "toml")
    assert result.returncode == 0
    assert result.stdout == history[SECOND].read_text(encoding="utf-8")
    target = tmp_path / "copy.toml"
    assert bridges("export", SECOND[:12], "--format=toml", "-o", str(target)).returncode == 0
    assert target.read_bytes() == history[SECOND].read_bytes()


def test_unknown_and_ambiguous_ids_list_the_candidates(history) -> None:
    ambiguous = bridges("show", "2026")
    assert ambiguous.returncode == 1 and ambiguous.stdout == ""
    assert "'2026' matches 6 sessions" in ambiguous.stderr
    assert FIRST in ambiguous.stderr and SECOND in ambiguous.stderr
    unknown = bridges("export", "20261231")
    assert unknown.returncode == 1
    assert "no session '20261231'" in unknown.stderr and RUNNING in unknown.stderr
    near = bridges("show", "assume")
    assert near.returncode == 1 and SECOND in near.stderr and FIRST not in near.stderr


@pytest.mark.parametrize("bad", ["../sessions/x", "../../etc/passwd", "/etc/passwd", "a/b", ".hidden", ""])
def test_ids_that_could_leave_the_folder_are_refused(history, bad: str) -> None:
    for command in ("show", "export"):
        result = bridges(command, bad)
        assert result.returncode == 1, (command, bad)
        assert "is not a session id" in result.stderr
        assert result.stdout == ""


def test_a_link_pointing_outside_is_refused(history, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text(history[FIRST].read_text())
    (history[FIRST].parent / "20261201-100000-share-the-why.toml").symlink_to(outside)
    result = bridges("export", "20261201", "--format", "toml")
    assert result.returncode == 1 and "leads outside" in result.stderr
    assert result.stdout == ""
    listed = bridges("list")
    assert "20261201-100000-share-the-why.toml: is a link to a file outside the sessions folder" in listed.stderr


def test_unreadable_session_and_unsafe_output_are_refused(history) -> None:
    result = bridges("show", BROKEN)
    assert result.returncode == 1 and "not valid TOML" in result.stderr
    into_sessions = bridges("export", FIRST, "-o", str(history[SECOND]))
    assert into_sessions.returncode == 1 and "sessions folder" in into_sessions.stderr
    assert "Assume the best" in history[SECOND].read_text()
    bad_format = bridges("export", FIRST, "--format", "pdf")
    assert bad_format.returncode == 2 and "invalid choice" in bad_format.stderr


def test_list_lines_up_wide_characters(history) -> None:
    import unicodedata
    from dataclasses import replace

    from bridges_tui.testing.history import first_session
    from bridges_tui.testing.sessions import write_session

    wide = replace(first_session(), partners=("美咲", "Alex"), title="Share the why 🌱")
    write_session(history[FIRST].parent, FIRST, wide)

    def cells(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    for _ in range(2):  # from the files, then from the index alone
        lines = bridges("list").stdout.splitlines()
        assert any("美咲 & Alex" in line and "🌱" in line for line in lines)
        status_at = {cells(line[: line.index(word)]) for line in lines
                     for word in ("STATUS", "complete", "ended early", "in progress") if word in line}
        assert len(status_at) == 1, lines


def test_list_lines_up_combining_marks(history) -> None:
    # "José" written as e + a combining acute accent: five characters, four cells.
    from dataclasses import replace

    from rich.cells import cell_len

    from bridges_tui.testing.history import first_session, write_session

    marked = replace(first_session(), partners=("Jose\u0301", "Zoe\u0308"))
    write_session(history[FIRST].parent, FIRST, marked)
    for _ in range(2):  # from the files, then from the index alone
        lines = bridges("list").stdout.splitlines()
        assert any("Jose\u0301 & Zoe\u0308" in line for line in lines)
        status_at = {cell_len(line[: line.index(word)]) for line in lines
                     for word in ("STATUS", "complete", "ended early", "in progress") if word in line}
        assert len(status_at) == 1, lines


@pytest.mark.parametrize("command", [("show",), ("export", "--format", "markdown")])
def test_show_and_export_finish_a_let_go_cut_short_first(history, bridges_home: Path, command) -> None:
    from bridges_tui.core.looking_back.letting_go import MARKER_FILE

    # Killed just after the let-go was promised: the file is still there.
    (bridges_home / MARKER_FILE).write_text(f"{SECOND}\n", encoding="utf-8")
    assert history[SECOND].exists()
    result = bridges(*command, SECOND)
    assert result.returncode == 1
    assert "Sam" not in result.stdout
    assert not history[SECOND].exists() and not (bridges_home / MARKER_FILE).exists()
    assert bridges(*command, FIRST).returncode == 0  # the others are untouched
