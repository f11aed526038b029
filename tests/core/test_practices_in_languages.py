"""The built-in practices in every language: one file per practice and language with
the English ids and steps, read in the language asked for, in English (said once)
where a translation is missing; and a transcript that records its language."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bridges_tui.core.language import words
from bridges_tui.core.practice_scripts import catalog
from bridges_tui.core.practice_scripts.catalog import (
    BUILTIN_FOLDER,
    builtin_card,
    builtin_ids,
    builtin_practice,
    builtin_translations,
    load_catalog,
)
from bridges_tui.core.practice_scripts.reading import parse_practice
from bridges_tui.core.practice_scripts.translations import translation_problems
from bridges_tui.core.talk.session_record import SessionRecord
from bridges_tui.core.text.hints import find_hint

LANGUAGES = ("es", "de")
#: What a listening loop asks, in each language.
DID_I_GET_IT = {"es": "¿lo he entendido", "de": "hab ich es verstanden"}
#: Who each method beyond the source's six comes from, as its idea names them.
PEOPLE = {
    "after-a-fight": ("Gottman", "Rapoport"), "stress-reducing": ("Gottman",),
    "mirror-validate-empathise": ("Imago", "Hendrix", "Hunt"),
    "speaker-listener": ("PREP", "Markman", "Stanley"), "appreciations": ("Gottman",),
    "love-maps": ("Gottman",), "undefended": ("Undefended Love",),
}


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    words.speak("en")


def clear_caches() -> None:
    for cached in (catalog._builtin_files, catalog._translated_files, builtin_card, builtin_practice):
        cached.cache_clear()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_builtin_is_translated_once_and_nothing_else_is(language: str) -> None:
    files = sorted(path.stem for path in (BUILTIN_FOLDER / language).glob("*.toml"))
    assert files == sorted(builtin_ids())
    assert sorted(builtin_translations(language)) == sorted(builtin_ids())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("practice_id", builtin_ids())
def test_each_translation_is_faithful_to_its_english_original(practice_id: str, language: str) -> None:
    translated = builtin_practice(practice_id, language)
    english = builtin_practice(practice_id)
    assert (translated.language, english.language) == (language, "en")
    assert translation_problems(translated, english) == []
    # Every word translated: no English title, prompt or label left over.
    english_words = {step.prompt for step in (*english.opening, *english.round, *english.closing)}
    for step in (*translated.opening, *translated.round, *translated.closing):
        assert step.prompt not in english_words, step.id
        if step.confirm:
            assert DID_I_GET_IT[language] in step.prompt.lower(), step.id
    assert translated.title != english.title or (practice_id == "appreciations" and language == "de")
    # The card the picker reads from the script's top is the whole script's card.
    assert builtin_card(practice_id, language) == translated.card


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("practice_id", builtin_ids())
def test_each_translation_has_its_idea_frame_and_starters_in_good_shape(practice_id: str, language: str) -> None:
    practice = builtin_practice(practice_id, language)
    sentences = [s for s in re.split(r"(?<=[.!?])[\"”»“]?\s+", practice.idea or "") if s]
    assert 2 <= len(sentences) <= 4, sentences
    assert practice.reframe and len(practice.reframe) <= 120
    assert all(name in (practice.idea or "") for name in PEOPLE.get(practice_id, ())), practice_id
    # What bridges itself suggests never sets off a hint in its own language.
    for step in (*practice.opening, *practice.round, *practice.closing):
        for starter in step.starters:
            assert find_hint(starter, language=language) is None, starter
    assert find_hint(practice.reframe, language=language) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_reads_every_builtin_in_the_language_asked_for(tmp_path: Path, language: str) -> None:
    found = load_catalog(tmp_path / "nowhere", language)
    assert found.language == language and found.untranslated == () and found.note is None
    assert found.ids() == builtin_ids()
    for card in found.cards:
        assert card.title == builtin_practice(card.id, language).title
    practice = found.get("share-the-why")
    assert practice is not None and practice.language == language
    # A past session's own language, whatever the catalog's.
    past = found.get("share-the-why", "en")
    assert past is not None and past.language == "en" and past.title == "Share the why"


@pytest.fixture
def shipped_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-ins to take a translation away from."""
    copy = tmp_path / "practices"
    shutil.copytree(BUILTIN_FOLDER, copy)
    monkeypatch.setattr(catalog, "BUILTIN_FOLDER", copy)
    clear_caches()
    yield copy
    clear_caches()


def test_a_missing_translation_falls_back_to_english_and_says_so_once(shipped_copy: Path, tmp_path: Path) -> None:
    (shipped_copy / "de" / "love-maps.toml").unlink()
    found = load_catalog(tmp_path / "nowhere", "de")
    assert found.untranslated == ("love-maps",)
    card = found.card("love-maps")
    assert card is not None and card.title == "What's new in your world"
    assert found.card("share-the-why").title == "Sag, warum"  # the others stay German
    practice = found.get("love-maps")
    assert practice is not None and practice.language == "en"
    assert found.note == "“What's new in your world” isn't in your language yet, so it is shown in English."
    (shipped_copy / "de" / "appreciations.toml").unlink()
    clear_caches()
    two = load_catalog(tmp_path / "nowhere", "de")
    assert two.note is not None and two.note.count("in English") == 1
    assert "Appreciations, What's new in your world" in two.note
    # A session held with it records English, the language its words were in.
    record = SessionRecord(practice, ("Sam", "Alex"), started=datetime(2026, 12, 3, tzinfo=UTC))
    assert record.transcript().language == "en"


def test_a_language_without_any_translation_is_english_throughout(tmp_path: Path) -> None:
    found = load_catalog(tmp_path / "nowhere", "pt")
    assert found.untranslated == builtin_ids()
    assert found.note is not None and found.note.startswith("Some practices aren't in your language yet")


def test_the_group_titles_are_in_the_language_spoken(tmp_path: Path) -> None:
    english = load_catalog(tmp_path / "nowhere")
    assert [group.title for group in english.groups] == [
        "Rebuilding Emotional Bridges", "Hard talks", "Every day"]
    words.speak("de")
    german = load_catalog(tmp_path / "nowhere", "de")
    assert [group.title for group in german.groups] == [
        "Emotionale Brücken neu bauen", "Schwere Gespräche", "Jeden Tag"]
    assert german.groups[1].moment == "nach einem Streit, oder wenn ihr aneinander vorbeiredet"
    words.speak("es")
    spanish = load_catalog(tmp_path / "nowhere", "es")
    assert [group.title for group in spanish.groups] == [
        "Reconstruir puentes emocionales", "Conversaciones difíciles", "Cada día"]


def test_a_user_script_may_say_its_language_and_is_shown_whatever_it_is(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(
        'id = "mi-charla"\nlanguage = "pt"\ntitle = "A minha conversa"\nsummary = "Uma conversa."\n'
        'turn = "1m"\n\n[[closing]]\nid = "fim"\ntitle = "Fim"\nspeaker = "together"\nprompt = "Falem."\n',
        encoding="utf-8")
    found = load_catalog(tmp_path, "de")
    practice = found.get("mi-charla")
    assert practice is not None and practice.language == "pt"
    assert found.untranslated == ()
    record = SessionRecord(practice, ("Sam", "Alex"), started=datetime(2026, 12, 3, tzinfo=UTC))
    assert record.transcript().language == "pt"


def test_a_script_without_a_language_is_held_in_the_language_spoken() -> None:
    practice = parse_practice(
        'id = "x"\ntitle = "X"\nsummary = "S."\nturn = 60\n\n[[closing]]\nid = "a"\ntitle = "A"\n'
        'speaker = "together"\nprompt = "P."\n', "x.toml")
    assert practice.language is None
    started = datetime(2026, 12, 3, tzinfo=UTC)
    assert SessionRecord(practice, ("Sam", "Alex"), started=started).transcript().language == "en"
    words.speak("es")
    assert SessionRecord(practice, ("Sam", "Alex"), started=started).transcript().language == "es"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_session_records_its_language_and_its_words_as_seen(language: str) -> None:
    practice = builtin_practice("share-the-why", language)
    record = SessionRecord(practice, ("Sam", "Alex"), started=datetime(2026, 12, 3, tzinfo=UTC))
    transcript = record.transcript()
    assert (transcript.language, transcript.title) == (language, practice.title)
    # Resumed, it stays in the language it was begun in.
    assert SessionRecord.from_transcript(practice, transcript).transcript().language == language
