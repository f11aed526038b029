"""Checking a translated practice against its original: the same practice in other
words, step for step.

A translation keeps everything a session and its history rest on: the practice's id
and turn length, and every step in the same part and the same order, with the same
id, speaker, length, listening loop and note (and the same partner writing it). Only
the words change. What the original has in words (an idea, a reframe, the listener's
guidance, starters, a note's label) the translation has too, so a couple never meets
an English gap; how many starters a language needs is its own affair.
"""

from __future__ import annotations

from bridges_tui.core.model.session import Practice, Step
from bridges_tui.core.practice_scripts.checks import PracticeProblem
from bridges_tui.core.practice_scripts.reading import PARTS
from bridges_tui.core.text.durations import format_duration


def translation_problems(translation: Practice, original: Practice) -> list[PracticeProblem]:
    """Every way `translation` differs from `original` beyond its words (empty when it
    is a faithful translation). Each problem names the translation's file, the step
    and the field, with a hint in the original's terms."""
    problem = _Problems(translation.path or "")

    if translation.language is None:
        problem("", "language", "a translation says which language it is in",
                'add it at the top, e.g. language = "es"')
    elif original.language is not None and translation.language == original.language:
        problem("", "language", f'is "{translation.language}", the original\'s own language',
                "write the translation's language code")
    if translation.id != original.id:
        problem("", "id", f'must stay "{original.id}", as in the original, not "{translation.id}"',
                "a practice keeps one id in every language, so its history joins up")
    if translation.turn_seconds != original.turn_seconds:
        problem("", "turn", f"is {format_duration(translation.turn_seconds)}, the original's is "
                f"{format_duration(original.turn_seconds)}", "keep the original's turn length")
    for key in ("idea", "reframe"):
        if getattr(original, key) and not getattr(translation, key):
            problem("", key, "is missing: the original has one", "translate it too")
        elif getattr(translation, key) and not getattr(original, key):
            problem("", key, "is not in the original", "remove it, or add it to the original first")
    for part in PARTS:
        theirs: tuple[Step, ...] = getattr(original, part)
        ours: tuple[Step, ...] = getattr(translation, part)
        _compare_part(part, ours, theirs, problem)
    return problem.found


class _Problems:
    """The problems found so far in one translation; called to add one."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[PracticeProblem] = []

    def __call__(self, where: str, field: str, message: str, hint: str | None = None) -> None:
        self.found.append(PracticeProblem(self.path, where, field, message, hint))


def _compare_part(part: str, ours: tuple[Step, ...], theirs: tuple[Step, ...], problem: _Problems) -> None:
    """The steps of one part, compared id for id and in order."""
    our_ids = [step.id for step in ours]
    their_ids = [step.id for step in theirs]
    for missing in (pid for pid in their_ids if pid not in our_ids):
        problem(part, "", f"step '{missing}' of the original is missing",
                f"translate it as a [[{part}]] step with id = \"{missing}\"")
    for number, step in enumerate(ours, start=1):
        if step.id not in their_ids:
            hint = ("use the original's step ids, which never change with the language: "
                    + ", ".join(their_ids)) if their_ids else f"the original has no [[{part}]] steps"
            problem(f"{part}[{number}] (step '{step.id}')", "id", "is not a step of the original", hint)
    shared = [pid for pid in our_ids if pid in their_ids]
    if shared != [pid for pid in their_ids if pid in our_ids]:
        problem(part, "", "the steps are in another order than the original's: " + ", ".join(our_ids),
                "put them in the original's order: " + ", ".join(their_ids))
    by_id = {step.id: step for step in theirs}
    for number, step in enumerate(ours, start=1):
        if step.id in by_id:
            _compare_step(f"{part}[{number}] (step '{step.id}')", step, by_id[step.id], problem)


def _compare_step(where: str, ours: Step, theirs: Step, problem: _Problems) -> None:
    """One step against the original's step with its id."""
    if ours.speaker != theirs.speaker:
        problem(where, "speaker", f'is "{ours.speaker}", the original\'s is "{theirs.speaker}"',
                f'write speaker = "{theirs.speaker}"')
    if ours.seconds != theirs.seconds:
        def said(seconds: int | None) -> str:
            return "the practice's turn" if seconds is None else format_duration(seconds)

        hint = (f'write duration = "{format_duration(theirs.seconds)}"' if theirs.seconds is not None
                else "remove the duration line, as in the original")
        problem(where, "duration", f"is {said(ours.seconds)}, the original's is {said(theirs.seconds)}", hint)
    if ours.confirm != theirs.confirm:
        problem(where, "confirm", f"is {str(ours.confirm).lower()}, the original's is "
                f"{str(theirs.confirm).lower()}", f"write confirm = {str(theirs.confirm).lower()}"
                if theirs.confirm else "remove the confirm line, as in the original")
    if theirs.note is not None and ours.note is None:
        problem(where, "note", "is missing: the original asks for a note here",
                f'translate its label, e.g. note = {{ label = "…", by = "{theirs.note.by}" }}')
    elif theirs.note is None and ours.note is not None:
        problem(where, "note", "is not in the original", "remove it")
    elif ours.note is not None and theirs.note is not None and ours.note.by != theirs.note.by:
        problem(where, "note.by", f'is "{ours.note.by}", the original\'s is "{theirs.note.by}"',
                f'write by = "{theirs.note.by}"')
    if theirs.listener and not ours.listener:
        problem(where, "listener", "is missing: the original guides the listener here", "translate it too")
    elif ours.listener and not theirs.listener:
        problem(where, "listener", "is not in the original", "remove it")
    if theirs.starters and not ours.starters:
        problem(where, "starters", "are missing: the original offers sentence starters here",
                "translate them (as many as read naturally in your language)")
    elif ours.starters and not theirs.starters:
        problem(where, "starters", "are not in the original", "remove them")
