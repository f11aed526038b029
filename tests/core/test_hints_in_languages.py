"""Phrasing hints in Spanish and German: each language's own blame and absolutes set
one off, with its own reasons; quotes, negations and kind words in that language
don't. (English's are in test_hints.py.)"""

from __future__ import annotations

import pytest

from bridges_tui.core.language import words
from bridges_tui.core.text.hint_rules import BY_LANGUAGE
from bridges_tui.core.text.hints import find_hint

MUST_TRIGGER = {
    "es": [
        ("Nunca me escuchas.", "always-never", "Nunca me escuchas"),
        ("siempre llegas tarde", "always-never", "siempre llegas"),
        ("Tú siempre haces lo mismo", "always-never", "Tú siempre haces"),
        ("tu nunca", "always-never", "tu nunca"),
        ("No me escuchas nunca", "always-never", "No me escuchas nunca"),
        ("Jamás me ayudas con la casa", "always-never", "Jamás me ayudas"),
        ("Me hiciste sentir fatal", "made-me", "Me hiciste sentir"),
        ("me pones de los nervios", "made-me", "me pones de los nervios"),
        ("¿Por qué no puedes llamar?", "why-cant-you", "Por qué no puedes"),
        ("por que no me lo dijiste", "why-cant-you", "por que no me lo dijiste"),
        ("Es tu culpa que llegáramos tarde", "your-fault", "Es tu culpa"),
        ("todo es culpa tuya", "your-fault", "todo es culpa tuya"),
        ("Por tu culpa perdimos el tren", "your-fault", "Por tu culpa"),
        ("Otra vez llegas tarde", "again", "Otra vez llegas"),
        ("Has vuelto a olvidarlo", "again", "Has vuelto a olvidarlo"),
        # Only the quoted part is a report; a denial early on doesn't cover a later phrase.
        ("Dijiste «perdón», pero nunca cambias", "always-never", "nunca cambias"),
        ("No es que nunca ayudes, pero siempre te olvidas", "always-never", "siempre te olvidas"),
    ],
    "de": [
        ("Du hörst mir nie zu.", "always-never", "Du hörst mir nie"),
        ("du bist immer so spät", "always-never", "du bist immer"),
        ("Immer musst du recht haben", "always-never", "Immer musst du"),
        ("Nie hörst du zu", "always-never", "Nie hörst du"),
        ("du kommst ständig zu spät", "always-never", "du kommst ständig"),
        ("Du machst mich wahnsinnig", "made-me", "Du machst mich wahnsinnig"),
        ("du hast mich so wütend gemacht", "made-me", "du hast mich so wütend gemacht"),
        ("Warum kannst du nicht einfach anrufen?", "why-cant-you", "Warum kannst du nicht"),
        ("Wieso hilfst du mir nicht?", "why-cant-you", "Wieso hilfst du mir nicht"),
        ("Es ist deine Schuld", "your-fault", "Es ist deine Schuld"),
        ("Das ist alles deine Schuld!", "your-fault", "Das ist alles deine Schuld"),
        ("Du bist an allem schuld", "your-fault", "Du bist an allem schuld"),
        ("Du hast schon wieder den Müll vergessen", "again", "Du hast schon wieder"),
        ("Schon wieder vergisst du es", "again", "Schon wieder vergisst du"),
        # A quote in German marks, then the words said after it.
        ("Du sagtest „Entschuldigung“, aber du änderst dich nie", "always-never", "du änderst dich nie"),
        ("Ich sage nicht, dass du nie hilfst, aber du vergisst es immer", "always-never",
         "du vergisst es immer"),
    ],
}

MUST_NOT_TRIGGER = {
    "es": [
        "Noté que llegaste tarde. Me preocupó que estuvieras enfadado. ¿Hablamos?",
        "Lo que me encantaría es una casa ordenada; me ayuda a relajarme.",
        # Negations.
        "No es tu culpa.",
        "No fue culpa tuya",
        "No todo es culpa tuya",
        "No digo que nunca me escuches",
        "Nunca dije que siempre llegas tarde",
        # Quotes.
        "Cuando dijiste «nunca me escuchas», me sentí pequeño.",
        "Cuando dijiste “siempre haces lo mismo”, me callé.",
        'Oí "es tu culpa" y me quedé helado',
        "Cuando dijiste «por qué no puedes", "una comilla sin cerrar sigue siendo cita",
        # Kind words.
        "Siempre me haces reír",
        "Nunca me fallas",
        "Me hiciste sentir tan querida",
        "Siempre nos reímos juntos",
        # Near misses.
        "nunca más",
        "siempre antes de cenar",
        "Lo hice porque no puedes venir",
        "es mi culpa, de verdad",
        "Vuelves a casa pronto?",
    ],
    "de": [
        "Mir ist aufgefallen, dass du spät kamst. Ich hatte Sorge, du bist sauer. Reden wir?",
        "Ich würde mir ein aufgeräumtes Zimmer wünschen; das hilft mir.",
        # Negations.
        "Es ist nicht deine Schuld.",
        "Das war nicht deine Schuld",
        "Du bist nicht schuld",
        "Ich sage nicht, dass du nie zuhörst",
        "Ich habe nie gesagt, dass du immer zu spät kommst",
        "du bist nicht immer pünktlich, und das ist okay",
        # Quotes: „…“, »…« and "…".
        "Als du „du hörst mir nie zu“ gesagt hast, war ich still.",
        "Als du »das ist deine Schuld« sagtest, fror ich ein.",
        'Ich höre immer noch "du bist immer so"',
        "Als du „du machst mich wahnsinnig", "ein offenes Anführungszeichen ist ein Zitat",
        # Kind words.
        "Du bist immer für mich da",
        "du bringst mich immer zum Lachen",
        "Immer wenn du lachst, bin ich glücklich",
        "Du bist schon wieder da!",
        # Near misses.
        "Ich bin immer für dich da",
        "Wir haben uns schon wieder gestritten",
        "Das ist meine Schuld",
    ],
}


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    words.speak("en")


@pytest.mark.parametrize(("language", "text", "rule", "said"),
                         [(code, *case) for code, cases in MUST_TRIGGER.items() for case in cases])
def test_blame_and_absolutes_in_each_language_get_a_hint(language: str, text: str, rule: str, said: str) -> None:
    hint = find_hint(text, language=language)
    assert hint is not None, text
    assert (hint.rule.id, hint.words) == (rule, said)


@pytest.mark.parametrize(("language", "text"),
                         [(code, text) for code, texts in MUST_NOT_TRIGGER.items() for text in texts])
def test_quotes_negations_and_kind_words_in_each_language_get_none(language: str, text: str) -> None:
    assert find_hint(text, language=language) is None


def test_each_language_explains_its_hints_in_its_own_words() -> None:
    spanish = find_hint("Nunca me escuchas", language="es")
    assert spanish is not None and spanish.suggestion == BY_LANGUAGE["es"].default_reframe
    assert spanish.nudge.startswith("«Nunca me escuchas» puede sonar a veredicto")
    assert spanish.reason.startswith("Esta sugerencia aparece porque la nota dice «Nunca me escuchas»: «siempre»")
    assert spanish.reason.endswith("tus palabras se quedan tal como las escribiste.")
    german = find_hint("du hörst mir nie zu", "Versuch es mit dem Warum.", language="de")
    assert german is not None and german.suggestion == "Versuch es mit dem Warum."
    assert german.reason.startswith("Dieser Hinweis erscheint, weil in der Notiz „du hörst mir nie“ steht:")
    for rules in BY_LANGUAGE.values():
        assert len({rule.id for rule in rules.rules}) == len(rules.rules)
        assert all("{words}" in rule.nudge and rule.why.endswith(".") for rule in rules.rules)


def test_the_language_spoken_is_the_default_and_english_is_the_fallback() -> None:
    assert find_hint("du hörst mir nie zu") is None  # English rules while English is spoken
    words.speak("de")
    assert find_hint("du hörst mir nie zu") is not None
    assert find_hint("you never listen") is None  # German rules now
    assert find_hint("you never listen", language="fr") is not None  # no French rules: English's
