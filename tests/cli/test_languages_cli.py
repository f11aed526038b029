"""The command line in the couple's language (issue 18): from --lang or the
environment, through the real entry point; an unknown language is English and one
calm line, never an error."""

from __future__ import annotations

import pytest

from bridges_tui.testing.cli import bridges


def test_help_speaks_german_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    result = bridges("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Aufruf: bridges")
    assert "Optionen:" in result.stdout and "zeigt diese Hilfe" in result.stdout
    assert "schließt die Sitzungen mit einer Passphrase ab" in result.stdout
    assert "show this help" not in result.stdout


def test_the_lang_flag_beats_the_environment_wherever_it_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    result = bridges("talk", "--help", "--lang", "es")
    assert result.returncode == 0
    assert result.stdout.startswith("uso: bridges talk")
    assert "duración del turno" in result.stdout


def test_argparse_s_own_errors_are_translated_too() -> None:
    result = bridges("--lang=es", "talk")
    assert result.returncode == 2
    assert "faltan estos argumentos: practice" in result.stderr


def test_an_unknown_language_is_english_with_one_line_saying_so() -> None:
    result = bridges("--lang", "fr", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: bridges")
    assert result.stderr.count("\n") == 1 and "“fr”" in result.stderr and "English" in result.stderr


def test_an_unsupported_environment_language_is_english_and_quiet_for_c(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    result = bridges("--help")
    assert result.stdout.startswith("usage: bridges") and result.stderr == ""
