"""Issue 18: snapshots of setup, a turn being spoken, the summary and the history at
80×24 in German and in Spanish, each in the practice's own translation, with notes
written in that language. Update them after a deliberate change with
`scripts/test tests/tui/test_snapshots_in_languages.py --snapshot-update`, and look
at each one (German runs about a third longer than English: nothing may be cut).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bridges_tui.core.language import words
from bridges_tui.core.practice_scripts.catalog import builtin_practice
from bridges_tui.testing.history import write_history
from bridges_tui.testing.talk import moving, talk_app
from bridges_tui.tui.app import BridgesApp

SIZE = (80, 24)
LANGUAGES = [pytest.param("de", id="german"), pytest.param("es", id="spanish")]
#: A note as each couple would write it.
NOTES = {"de": "Veränderung hilft Sam, sich weniger festgefahren zu fühlen",
         "es": "El cambio ayuda a Sam a sentirse menos atascado"}


@pytest.fixture(autouse=True)
def fixed_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder shown the same way on every run ("~/bridges/…")."""
    monkeypatch.setenv("HOME", str(tmp_path))
    home = tmp_path / "bridges"
    monkeypatch.setenv("BRIDGES_HOME", str(home))
    return home


@pytest.fixture
def speaking(request: pytest.FixtureRequest) -> Iterator[str]:
    language = request.param
    assert words.speak(language) is None
    yield language
    words.speak("en")


def talk(fake_time, language: str) -> BridgesApp:
    return talk_app(fake_time, builtin_practice("share-the-why", language), ("Sam", "Alex"))


@pytest.mark.parametrize("speaking", LANGUAGES, indirect=True)
def test_setup(snap_compare, speaking) -> None:
    assert snap_compare(BridgesApp(), terminal_size=SIZE)


@pytest.mark.parametrize("speaking", LANGUAGES, indirect=True)
def test_a_speaking(snap_compare, fake_time, speaking) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 35)
    assert snap_compare(talk(fake_time, speaking), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("speaking", LANGUAGES, indirect=True)
def test_summary(snap_compare, fake_time, speaking) -> None:
    run = moving(fake_time, ("space",), 40, ("space",), ("space",), 50, ("space",),
                 ("space",), 100, ("space",), ("space",), 60, ("space",), ("y",),
                 ("type", NOTES[speaking]), ("enter",), ("e",), ("y",))
    assert snap_compare(talk(fake_time, speaking), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("speaking", LANGUAGES, indirect=True)
def test_history(snap_compare, fake_time, fixed_home, speaking) -> None:
    write_history(fixed_home)
    app = BridgesApp(start="history", now=fake_time.now, wall=fake_time.wall)
    assert snap_compare(app, terminal_size=SIZE, run_before=moving(fake_time))
