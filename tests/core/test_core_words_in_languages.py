"""The core's own words (a file that can't be written, a damaged transcript, broken
settings, a practice script with a mistake in it) reach a person in the language
bridges speaks, whole sentences and all."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from bridges_tui.core.files.config import load_config
from bridges_tui.core.files.safe_files import StoreError, store_error
from bridges_tui.core.files.store import SessionStore
from bridges_tui.core.files.transcript_file import TranscriptError, load_transcript
from bridges_tui.core.language.words import speak
from bridges_tui.core.practice_scripts.reading import PracticeScriptError, parse_practice


@pytest.fixture
def speaking() -> Iterator[None]:
    yield
    speak("en")


def test_a_full_disk_is_told_in_german(speaking: None) -> None:
    speak("de")
    error = store_error("/x/session.toml", OSError(errno.ENOSPC, "No space left on device"))
    assert str(error) == "in /x/session.toml lässt sich nicht speichern: der Datenträger ist voll"


def test_each_action_is_a_whole_sentence_in_spanish(speaking: None) -> None:
    speak("es")
    error = store_error("/x/a.toml", OSError(errno.EACCES, "denied"), action="let go of")
    assert str(error) == "no se puede dejar ir /x/a.toml: permiso denegado"


def test_an_unknown_action_is_a_programmers_mistake() -> None:
    with pytest.raises(ValueError):
        StoreError("/x", "whatever", action="frobnicate")


def test_a_broken_transcript_is_told_in_spanish(speaking: None) -> None:
    speak("es")
    with pytest.raises(TranscriptError) as caught:
        load_transcript('format = "bridges-transcript"\nversion = 1\npractice = "x"\n')
    assert str(caught.value) == "title: falta"


def test_a_transcript_that_is_not_toml_is_told_in_spanish(tmp_path: Path, speaking: None) -> None:
    store = SessionStore(tmp_path)
    broken = tmp_path / "20261125-203107-check-in.toml"
    broken.write_text("format = \n", encoding="utf-8")
    speak("es")
    with pytest.raises(TranscriptError) as caught:
        store.load(broken)
    said = str(caught.value)
    assert said.startswith(f"no se puede leer {broken}: no es TOML válido: ")


def test_broken_settings_are_told_in_german(tmp_path: Path, speaking: None) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[partners]\nnames = 3\n", encoding="utf-8")
    speak("de")
    _config, warning = load_config(path)
    assert warning is not None
    assert warning.startswith(f"Eure Einstellungen in {path} ließen sich nicht verwenden")
    assert "muss eine Liste von zwei Namen sein" in warning


BROKEN_PRACTICE = """\
id = "share-the-why"
title = "Share the why"
summary = "Why it matters."
turn = "2m"

[[round]]
id = "name-it"
title = "Name it"
speaker = "leed"
prompt = "What do you want?"
listener = "Listen."
"""


def test_a_broken_practice_is_checked_in_german(speaking: None) -> None:
    speak("de")
    with pytest.raises(PracticeScriptError) as caught:
        parse_practice(BROKEN_PRACTICE, "mine.toml")
    said = str(caught.value)
    assert said.splitlines()[0] == "mine.toml: 1 Problem"
    assert "round[1] (Schritt 'name-it'): speaker: muss einer von lead, other, together sein" in said
    assert caught.value.problems[0].hint == 'meintest du "lead"?'


def test_a_script_that_is_not_toml_is_told_where_in_german(speaking: None) -> None:
    speak("de")
    with pytest.raises(PracticeScriptError) as caught:
        parse_practice('id = "x"\ntitle = Share\n', "mine.toml")
    problem = caught.value.problems[0]
    assert problem.where == "Zeile 2, Spalte 9"
    assert problem.message.startswith("kein gültiges TOML: ")
    assert problem.hint == 'Text braucht doppelte Anführungszeichen, z. B. title = "Das Warum teilen"'
