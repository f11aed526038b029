"""Choosing the couple's language, and speaking it from the catalogs (issue 18)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bridges_tui.core.language import words
from bridges_tui.core.language.choice import choose_language, language_of
from bridges_tui.testing.catalogs import languages, problems


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    words.speak("en")


@pytest.mark.parametrize(("tag", "code"), [
    ("de", "de"), ("de_DE", "de"), ("de-AT", "de"), ("de_DE.UTF-8", "de"), ("de_DE@euro", "de"),
    ("es_419", "es"), ("ES_es.utf8", "es"), ("pt_BR", "pt"),
    ("C", None), ("POSIX", None), ("C.UTF-8", None), ("", None), ("123", None), ("english please", None),
])
def test_the_language_of_a_locale_name(tag: str, code: str | None) -> None:
    assert language_of(tag) == code


def test_the_environment_is_read_as_gettext_reads_it() -> None:
    # The first variable set decides, in gettext's order; LANGUAGE may list several.
    assert choose_language({"LANG": "de_DE.UTF-8"}).code == "de"
    assert choose_language({"LANG": "de_DE.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}).code == "es"
    assert choose_language({"LC_ALL": "de_DE.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}).code == "de"
    assert choose_language({"LANGUAGE": "fr:es:de", "LANG": "de_DE.UTF-8"}).code == "es"
    assert choose_language({}).code == "en"


def test_the_flag_beats_the_saved_choice_which_beats_the_environment() -> None:
    environ = {"LANG": "de_DE.UTF-8"}
    assert choose_language(environ, saved="es").code == "es"
    assert choose_language(environ, flag="en", saved="es").code == "en"


def test_a_language_bridges_cannot_speak_falls_back_to_english_with_one_line() -> None:
    unknown = choose_language({"LANG": "fr_FR.UTF-8"})
    assert unknown.code == "en" and unknown.note is not None and "fr_FR.UTF-8" in unknown.note
    not_a_language = choose_language({}, flag="??")
    assert not_a_language.code == "en" and not_a_language.note is not None
    # The C locale is plain English, nothing to apologise for.
    assert choose_language({"LANG": "C.UTF-8"}).note is None


def test_speaking_a_language_translates_its_words_and_english_is_the_code() -> None:
    assert words.speak("de") is None
    assert words.spoken() == "de"
    assert words._("options") == "Optionen"
    assert words.speak("en") is None
    assert words._("options") == "options"


def test_a_missing_or_damaged_catalog_says_so_once_and_speaks_english(tmp_path: Path, monkeypatch) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(words.LOCALE_DIR, locale)
    monkeypatch.setattr(words, "LOCALE_DIR", locale)
    (locale / "de" / "LC_MESSAGES" / "bridges.mo").write_bytes(b"\x00not a catalog at all")
    note = words.speak("de")
    assert note is not None and "de" in note and "English" in note
    assert words.spoken() == "en" and words._("options") == "options"
    (locale / "es" / "LC_MESSAGES" / "bridges.mo").unlink()
    note = words.speak("es")
    assert note is not None and "missing" in note
    assert words._("options") == "options"


def test_every_catalog_is_complete_not_fuzzy_and_compiled() -> None:
    assert languages() == ["de", "es"]
    for code in languages():
        assert problems(code) == [], code


def test_the_check_finds_an_untranslated_or_stale_sentence(tmp_path: Path) -> None:
    # The check above could pass by finding nothing: show it finds each kind of fault.
    locale = tmp_path / "locale"
    shutil.copytree(words.LOCALE_DIR, locale)
    po = locale / "es" / "LC_MESSAGES" / "bridges.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "opciones"', 'msgstr ""').replace(
        'msgstr "uso: "', 'msgstr "modo de uso: "'), encoding="utf-8")
    found = {(problem.message, problem.what.split(":")[0]) for problem in problems("es", locale)}
    assert ("options", "not translated") in found
    assert ("usage: ", "compiled catalog is out of date") in found
