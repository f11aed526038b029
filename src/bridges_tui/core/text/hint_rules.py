"""The phrasing hints' rules, one short list per language, each with its own reasons.

Blame and absolutes sound different in each language: "you never listen", "nunca me
escuchas" (or "no me escuchas nunca"), "du hörst mir nie zu"; "it's your fault", "es
culpa tuya", "deine Schuld"; "du hast schon wieder…". So each language has its own
patterns, its own words that deny what follows them ("not", "no", "nicht"), its own
end of a clause (German keeps "…, dass du immer…" in one), and its own way of saying
why a hint appears. `hints` applies them; a language without a list uses English's.

A rule's pattern is a regular expression, matched with case ignored, on the note with
curly apostrophes straightened and quoted words blanked out.
"""

from __future__ import annotations

import re

from bridges_tui.core.model.records import record


@record
class PhrasingRule:
    """One kind of phrase that tends to start a fight, and why."""

    id: str
    #: A regular expression (case is ignored; apostrophes are straight).
    pattern: str
    #: One line, shown with the hint; `{words}` is what was typed.
    nudge: str
    #: Why it tends to hurt, shown on request ("why this appears").
    why: str

    def search(self, text: str) -> re.Match[str] | None:
        """The first place in `text` the rule fits, or None."""
        return re.search(self.pattern, text, re.IGNORECASE)

    def finditer(self, text: str):
        """Every place in `text` the rule fits."""
        return re.finditer(self.pattern, text, re.IGNORECASE)


@record
class HintRules:
    """One language's phrasing hints: its rules, the words that deny a phrase, where a
    clause ends, and how the hint speaks."""

    language: str
    rules: tuple[PhrasingRule, ...]
    #: Words that deny what follows them within a few words ("not your fault").
    negations: tuple[str, ...]
    #: The suggestion when a practice names no frame of its own (its `reframe`).
    default_reframe: str
    #: Why a hint appears, with `{words}` (as typed) and `{why}` (the rule's reason).
    reason: str
    #: What ends a clause: a negation before it denies nothing after it.
    clause_end: str = r"[.!?;:,\n]"
    #: Words that make a negation a question when right before "you" ("Don't you
    #: always…?"): English only.
    auxiliaries: tuple[str, ...] = ()
    #: The word for "you" that an auxiliary comes right before.
    you: str = "you"


# --- English -------------------------------------------------------------------------

# Kind words that can follow "you made me" / "you always make me"; not blame.
_KIND = (
    r"(?:laugh|smile|happy|proud|dinner|breakfast|lunch|tea|coffee|a|an|some"
    r"|feel\s+(?:safe|loved|seen|heard|calm|better|welcome|special|at\s+home))\b"
)

ENGLISH = HintRules(
    language="en",
    rules=(
        PhrasingRule(
            "always-never",
            r"\byou(?:'re|\s+are|'ve|\s+have)?\s+(?:always|never)\b"
            rf"(?!\s+(?:make|made)\s+me\s+{_KIND})(?!\s+(?:meant|mean|intended)\b)",
            "“{words}” can land as a verdict on who someone is.",
            "“always” and “never” turn one moment into a judgement of the whole person, "
            "and invite a defence of every exception.",
        ),
        PhrasingRule(
            "made-me",
            rf"\byou\s+made\s+me\b(?!\s+{_KIND})",
            "“{words}” hands your feeling to your partner to answer for.",
            "“you made me” puts the cause of a feeling on the other person; saying what you "
            "felt, and when, lets them hear it without having to defend themselves.",
        ),
        PhrasingRule(
            "why-cant-you",
            r"\bwhy\s+(?:can't|cannot|can\s+not|won't|don't|didn't|couldn't|wouldn't)\s+you\b",
            "“{words}” is a complaint dressed as a question.",
            "a “why can't you” question has no answer except a defence; saying what you "
            "would like instead gives your partner something they can do.",
        ),
        PhrasingRule(
            "your-fault",
            r"\b(?:(?:it's|it\s+is|it\s+was|that's|that\s+is|that\s+was)\s+)?(?:all\s+)?"
            r"your\s+fault\b",
            "“{words}” asks who is to blame.",
            "blame makes the two of you opponents; these practices look at a problem side "
            "by side, as a team.",
        ),
    ),
    negations=("not", "no", "never", "isn't", "wasn't", "aren't", "weren't", "don't",
               "doesn't", "didn't", "hardly"),
    auxiliaries=("isn't", "wasn't", "aren't", "weren't", "don't", "doesn't", "didn't"),
    clause_end=r"[.!?;:,\n]|\bbut\b",
    default_reframe="Try what you noticed and how it felt, or the wish beneath it.",
    reason=("This hint appears because the note says “{words}”: {why} "
            "It is only a suggestion; your words stay as you typed them."),
)


# --- Spanish -------------------------------------------------------------------------

# Spanish drops the "tú": "nunca me escuchas" is "you never listen to me". A verb of
# "tú" ends in -as/-es (-ás/-és), or -aste/-iste in the past; the pronouns that may
# come between ("me", "lo"…) are allowed, "los"/"las" not, since they are also "the".
_ES_PRONOUN = r"(?:(?:me|te|nos|os|lo|la|le|les|se)\s+)"
_ES_YOU_VERB = r"\w+(?:as|es|ás|és|aste|iste)\b"
# Words ending like a verb of "tú" that are not one ("siempre antes", "nunca más").
_ES_NOT_A_VERB = (
    r"(?!(?:más|mas|además|atrás|detrás|antes|después|veces|tardes|noches|meses|lunes|martes"
    r"|miércoles|jueves|viernes|mientras|pues|ellas|nosotras|vosotras|unas|algunas|todas"
    r"|estas|esas|cosas|ganas)\b)"
)
# Kind things to say always or never: "siempre me haces reír", "nunca me fallas".
_ES_KIND = (
    r"(?!(?:gustas|encantas|apoyas|cuidas|animas|sorprendes|fallas|fallaste"
    r"|haces\s+(?:reír|sonreír|feliz|sentir\s+(?:tan\s+|muy\s+)?(?:bien|querid[oa]|segur[oa]"
    r"|especial|en\s+casa)))\b)"
)
_ES_ABSOLUTE = r"(?:siempre|nunca|jamás|jamas)"

SPANISH = HintRules(
    language="es",
    rules=(
        PhrasingRule(
            "always-never",
            rf"(?:\bt[uú]\s+)?\b{_ES_ABSOLUTE}\s+{_ES_PRONOUN}{{0,2}}{_ES_NOT_A_VERB}{_ES_KIND}{_ES_YOU_VERB}"
            rf"|\bt[uú]\s+{_ES_ABSOLUTE}\b"
            rf"|\bno\s+{_ES_PRONOUN}{{0,2}}{_ES_KIND}{_ES_YOU_VERB}\s+(?:\w+\s+){{0,3}}?(?:nunca|jamás|jamas)\b",
            "«{words}» puede sonar a veredicto sobre cómo es alguien.",
            "«siempre» y «nunca» convierten un momento en un juicio sobre toda la persona, "
            "e invitan a defender cada excepción.",
        ),
        PhrasingRule(
            "made-me",
            r"\b(?:t[uú]\s+)?me\s+(?:hiciste|haces|has\s+hecho|hacías)\s+(?:sentir|enfadar|llorar|daño)\b"
            r"(?!\s+(?:tan\s+|muy\s+)?(?:bien|querid[oa]|segur[oa]|especial|en\s+casa|feliz|acompañad[oa])\b)"
            r"|\b(?:t[uú]\s+)?me\s+(?:pones|pusiste|has\s+puesto)\s+(?:de\s+los\s+nervios|nervios[oa]"
            r"|furios[oa]|triste|mal)\b",
            "«{words}» le pasa tu sentimiento a tu pareja para que responda de él.",
            "«me hiciste sentir» pone la causa de un sentimiento en la otra persona; decir qué "
            "sentiste, y cuándo, deja que te escuche sin tener que defenderse.",
        ),
        PhrasingRule(
            "why-cant-you",
            rf"\bpor\s+qu[eé]\s+(?:t[uú]\s+)?no\s+{_ES_PRONOUN}{{0,2}}{_ES_YOU_VERB}",
            "«{words}» es una queja disfrazada de pregunta.",
            "un «¿por qué no puedes…?» no tiene más respuesta que una defensa; decir lo que te "
            "gustaría en su lugar le da a tu pareja algo que puede hacer.",
        ),
        PhrasingRule(
            "your-fault",
            r"(?:\btodo\s+)?\b(?:(?:es|fue|era|ha\s+sido)\s+)?(?:toda\s+)?(?:\btu\s+culpa|\bculpa\s+tuya)\b"
            r"|\bpor\s+tu\s+culpa\b|\beres\s+(?:el|la)\s+culpable\b",
            "«{words}» pregunta quién tiene la culpa.",
            "la culpa os convierte en rivales; estas prácticas miran un problema lado a lado, "
            "como equipo.",
        ),
        PhrasingRule(
            "again",
            rf"(?:\bya\s+)?\b(?:otra\s+vez|de\s+nuevo)\s+(?:con\s+lo\s+mismo\b|{_ES_PRONOUN}{{0,2}}"
            rf"{_ES_NOT_A_VERB}{_ES_YOU_VERB})"
            r"|\b(?:ya\s+)?(?:has\s+vuelto|volviste)\s+a\s+\w+?(?:ar|er|ir)(?:lo|la|me|te|nos|le|les|se)?\b",
            "«{words}» suma este momento a una lista de cuentas pendientes.",
            "«otra vez» trae todas las veces anteriores a la conversación; hablar de esta vez, y "
            "de cómo te sentó, deja que tu pareja responda a algo que puede cambiar.",
        ),
    ),
    negations=("no", "nunca", "jamás", "jamas", "ni", "tampoco"),
    clause_end=r"[.!?¿¡;:,\n]|\bpero\b|\bsino\b",
    default_reframe="Prueba con lo que notaste y cómo te sentiste, o con el deseo que hay debajo.",
    reason=("Esta sugerencia aparece porque la nota dice «{words}»: {why} "
            "Es solo una sugerencia; tus palabras se quedan tal como las escribiste."),
)


# --- German --------------------------------------------------------------------------

# Up to three words between "du" and "immer" ("du hörst mir nie zu"), none of them a
# negation ("du bist nicht immer…" softens, it doesn't accuse).
_DE_BETWEEN = r"(?:(?!(?:nicht|nie|niemals|kein\w*)\b)\w+\s+)"
_DE_ABSOLUTE = r"(?:immer|nie|niemals|ständig|dauernd)"
# Kind things to say always: "du bist immer für mich da", "du bringst mich immer zum Lachen".
_DE_KIND = (
    r"(?!\s+(?:so\s+)?(?:für\s+mich\s+da|lieb|glücklich|an\s+mich|zum\s+(?:Lachen|Lächeln))\b)"
)

GERMAN = HintRules(
    language="de",
    rules=(
        PhrasingRule(
            "always-never",
            rf"\bdu\s+{_DE_BETWEEN}{{0,3}}?{_DE_ABSOLUTE}\b{_DE_KIND}"
            rf"|\b{_DE_ABSOLUTE}\s+(?:(?!(?:wenn|wann|als|dass|ob|wie)\b)\w+\s+)?du\b",
            "„{words}“ kann wie ein Urteil darüber klingen, wie jemand ist.",
            "„immer“ und „nie“ machen aus einem Moment ein Urteil über den ganzen Menschen und "
            "laden dazu ein, jede Ausnahme zu verteidigen.",
        ),
        PhrasingRule(
            "made-me",
            r"\bdu\s+(?:machst|hast)\s+mich\s+(?:(?:so|echt|total|immer)\s+)?(?:wütend|traurig|fertig"
            r"|verrückt|sauer|krank|wahnsinnig|rasend|unglücklich|nervös)\b(?:\s+gemacht\b)?",
            "„{words}“ gibt deinem Partner die Verantwortung für dein Gefühl.",
            "„du machst mich wütend“ legt die Ursache eines Gefühls beim anderen ab; zu sagen, was "
            "du gefühlt hast und wann, lässt ihn zuhören, ohne sich verteidigen zu müssen.",
        ),
        PhrasingRule(
            "why-cant-you",
            r"\b(?:warum|wieso|weshalb)\s+\w+st\s+du\s+(?:(?!(?:nicht|nie|kein\w*)\b)\w+\s+){0,3}?"
            r"(?:nicht|nie|niemals|kein\w*)\b",
            "„{words}“ ist eine Klage, als Frage verkleidet.",
            "auf ein „warum kannst du nicht“ gibt es nur eine Verteidigung als Antwort; zu sagen, "
            "was du dir stattdessen wünschst, gibt deinem Partner etwas, das er tun kann.",
        ),
        PhrasingRule(
            "your-fault",
            r"\b(?:(?:das|es)\s+(?:ist|war)\s+)?(?:alles\s+)?deine\s+Schuld\b"
            r"|\bdu\s+bist\s+(?:an\s+\w+\s+)?schuld\b|\bnur\s+(?:wegen\s+dir|deinetwegen)\b",
            "„{words}“ fragt, wer schuld ist.",
            "Schuld macht euch zu Gegnern; diese Übungen schauen Seite an Seite auf ein Problem, "
            "als Team.",
        ),
        PhrasingRule(
            "again",
            rf"\bdu\s+{_DE_BETWEEN}{{0,2}}?(?:schon\s+wieder|mal\s+wieder|wieder\s+mal|jedes\s+Mal)\b"
            r"(?!\s+da\b)"
            r"|\bschon\s+wieder\s+(?:\w+\s+)?du\b",
            "„{words}“ legt diesen Moment auf einen Stapel alter Rechnungen.",
            "„schon wieder“ holt alle früheren Male ins Gespräch; über dieses eine Mal zu reden, "
            "und wie es für dich war, lässt deinen Partner auf etwas antworten, das er ändern kann.",
        ),
    ),
    negations=("nicht", "kein", "keine", "keinen", "keinem", "keiner", "nie", "niemals"),
    # "Ich sage nicht, dass du immer…" is one thought: a comma before "dass" (which
    # German requires) does not end it.
    clause_end=r"[.!?;:\n]|,(?!\s*(?:dass|ob|wenn|weil)\b)|\baber\b|\bsondern\b|\bdoch\b",
    default_reframe=("Versuch es mit dem, was dir aufgefallen ist und wie es sich angefühlt hat, "
                     "oder mit dem Wunsch darunter."),
    reason=("Dieser Hinweis erscheint, weil in der Notiz „{words}“ steht: {why} "
            "Es ist nur ein Vorschlag; deine Worte bleiben, wie du sie geschrieben hast."),
)

#: Every language's rules, by code; a language not here gets English's.
BY_LANGUAGE: dict[str, HintRules] = {rules.language: rules for rules in (ENGLISH, SPANISH, GERMAN)}
