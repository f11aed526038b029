"""`bridges check` on translated practices: every built-in in every language passes,
and is checked against its English original by itself (its `language` key and a
built-in's id say it is a translation), or against any script with `--against`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bridges_tui.cli import main
from bridges_tui.core.practice_scripts.catalog import BUILTIN_FOLDER, builtin_ids, builtin_practice
from bridges_tui.testing.cli import bridges

LANGUAGES = ("es", "de")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("practice_id", builtin_ids())
def test_every_builtin_in_every_language_passes_bridges_check_against_the_english(
    practice_id: str, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BUILTIN_FOLDER / language / f"{practice_id}.toml"
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    translated = builtin_practice(practice_id, language)
    assert out.startswith(f"ok: {practice_id} '{translated.title}': ")
    assert f"ok: a faithful translation ({language}) of {BUILTIN_FOLDER / practice_id}.toml" in out
    # --against the English says the same.
    assert main(["check", str(path), "--against", str(BUILTIN_FOLDER / f"{practice_id}.toml")]) == 0
    capsys.readouterr()


def _translation(tmp_path: Path, change) -> Path:
    text = (BUILTIN_FOLDER / "es" / "share-the-why.toml").read_text(encoding="utf-8")
    path = tmp_path / "share-the-why.toml"
    path.write_text(change(text), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "expected"), [
    (lambda t: t.replace('id = "explain-why"', 'id = "explica"'),
     ["round: step 'explain-why' of the original is missing",
      "round[2] (step 'explica'): id: is not a step of the original"]),
    (lambda t: t.replace('speaker = "other"\nconfirm = true', 'speaker = "lead"'),
     ["round[3] (step 'reflect-back'): speaker: is \"lead\", the original's is \"other\"",
      "round[3] (step 'reflect-back'): confirm: is false, the original's is true"]),
    (lambda t: t.replace('duration = "1m"\nprompt = """\\\nNombra', 'duration = "90s"\nprompt = """\\\nNombra'),
     ["round[1] (step 'name-it'): duration: is 1m30s, the original's is 1m"]),
    (lambda t: t.replace('note = { label = "Lo que oí que te importa", by = "speaker" }\n', ""),
     ["round[3] (step 'reflect-back'): note: is missing: the original asks for a note here"]),
    (lambda t: t.replace('language = "es"\n', ""),
     ["language: a translation says which language it is in"]),
    (lambda t: t.replace('reframe = "Prueba con el porqué: «Esto me importa porque…»"\n', ""),
     ["reframe: is missing: the original has one"]),
])
def test_a_translation_that_strays_from_the_english_is_refused_with_each_difference(
    tmp_path: Path, change, expected: list[str]
) -> None:
    path = _translation(tmp_path, change)
    original = str(BUILTIN_FOLDER / "share-the-why.toml")
    result = bridges("check", str(path), "--against", original)
    assert result.returncode == 1
    for line in expected:
        assert f"{path}: {line}" in result.stderr, result.stderr
    assert "a translation changes only the words" in result.stderr


def test_a_translation_of_a_builtin_is_found_by_its_language_and_id(tmp_path: Path) -> None:
    # Without --against: its language key and the built-in's id are enough.
    path = _translation(tmp_path, lambda t: t.replace(
        '[[closing]]\nid = "understand"', '[[round]]\nid = "understand"'))
    result = bridges("check", str(path))
    assert result.returncode == 1
    assert "closing: step 'understand' of the original is missing" in result.stderr
    assert "round[4] (step 'understand'): id: is not a step of the original" in result.stderr


def test_steps_in_another_order_are_named(tmp_path: Path) -> None:
    text = (BUILTIN_FOLDER / "es" / "share-the-why.toml").read_text(encoding="utf-8")
    first = text.index("[[round]]\nid = \"name-it\"")
    second = text.index("[[round]]\nid = \"explain-why\"")
    third = text.index("[[round]]\nid = \"reflect-back\"")
    swapped = text[:first] + text[second:third] + text[first:second] + text[third:]
    path = tmp_path / "share-the-why.toml"
    path.write_text(swapped, encoding="utf-8")
    result = bridges("check", str(path))
    assert result.returncode == 1
    assert ("round: the steps are in another order than the original's: explain-why, name-it, reflect-back"
            in result.stderr)


def test_an_english_script_and_an_untranslated_one_are_checked_as_before(tmp_path: Path) -> None:
    english = bridges("check", str(BUILTIN_FOLDER / "share-the-why.toml"))
    assert english.returncode == 0 and "translation" not in english.stdout
    own = tmp_path / "mine.toml"
    own.write_text((BUILTIN_FOLDER / "es" / "share-the-why.toml").read_text(encoding="utf-8")
                   .replace('id = "share-the-why"', 'id = "mi-porque"'), encoding="utf-8")
    result = bridges("check", str(own))  # a Spanish script of one's own: no original to match
    assert result.returncode == 0 and "translation" not in result.stdout


@pytest.mark.parametrize("written", ['"Spanish"', '"ES"', '"es_ES"', "1"])
def test_a_language_that_is_not_a_code_is_a_problem_with_a_hint(tmp_path: Path, written: str) -> None:
    path = _translation(tmp_path, lambda t: t.replace('language = "es"', f"language = {written}"))
    result = bridges("check", str(path))
    assert result.returncode == 1
    assert f"{path}: language: must be" in result.stderr
    assert 'language = "es"' in result.stderr  # the hint


def test_practices_lists_every_practice_in_spanish(bridges_home: Path) -> None:
    result = bridges("--lang", "es", "practices")
    assert result.returncode == 0, result.stderr
    for practice_id in builtin_ids():
        assert f"  {practice_id}  {builtin_practice(practice_id, 'es').title}  " in result.stdout
    assert "in English" not in result.stderr
