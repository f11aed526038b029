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

from bridges_tui.core.language.words import _
from bridges_tui.core.model.session import Practice, Step
from bridges_tui.core.practice_scripts.checks import PracticeProblem
from bridges_tui.core.practice_scripts.reading import PARTS
from bridges_tui.core.text.durations import format_duration


def _differs(ours: str, theirs: str) -> str:
    """"is 3m, the original's is 2m"."""
    return _("is {ours}, the original's is {theirs}").format(ours=ours, theirs=theirs)


def _write(line: str) -> str:
    """"write speaker = "lead"": the line to put in the translation."""
    return _("write {line}").format(line=line)


def _where(part: str, number: int, step: Step) -> str:
    """Where a step is: "round[2] (step 'why')"."""
    return _("{part}[{number}] (step '{id}')").format(part=part, number=number, id=step.id)


def translation_problems(translation: Practice, original: Practice) -> list[PracticeProblem]:
    """Every way `translation` differs from `original` beyond its words (empty when it
    is a faithful translation). Each problem names the translation's file, the step
    and the field, with a hint in the original's terms."""
    problem = _Problems(translation.path or "")

    if translation.language is None:
        problem("", "language", _("a translation says which language it is in"),
                _('add it at the top, e.g. {example}').format(example='language = "es"'))
    elif original.language is not None and translation.language == original.language:
        problem("", "language", _('is "{language}", the original\'s own language').format(
                language=translation.language), _("write the translation's language code"))
    if translation.id != original.id:
        problem("", "id", _('must stay "{original}", as in the original, not "{id}"').format(
                original=original.id, id=translation.id),
                _("a practice keeps one id in every language, so its history joins up"))
    if translation.turn_seconds != original.turn_seconds:
        problem("", "turn", _differs(ours=format_duration(translation.turn_seconds),
                theirs=format_duration(original.turn_seconds)), _("keep the original's turn length"))
    for key in ("idea", "reframe"):
        if getattr(original, key) and not getattr(translation, key):
            problem("", key, _("is missing: the original has one"), _("translate it too"))
        elif getattr(translation, key) and not getattr(original, key):
            problem("", key, _("is not in the original"), _("remove it, or add it to the original first"))
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
        problem(part, "", _("step '{id}' of the original is missing").format(id=missing),
                _("translate it as a {table} step with {example}").format(
                    table=f"[[{part}]]", example=f'id = "{missing}"'))
    for number, step in enumerate(ours, start=1):
        if step.id not in their_ids:
            hint = _("use the original's step ids, which never change with the language: {ids}").format(
                ids=", ".join(their_ids)) if their_ids else _("the original has no {table} steps").format(
                table=f"[[{part}]]")
            problem(_where(part, number, step), "id", _("is not a step of the original"), hint)
    shared = [pid for pid in our_ids if pid in their_ids]
    if shared != [pid for pid in their_ids if pid in our_ids]:
        problem(part, "", _("the steps are in another order than the original's: {ids}").format(
                ids=", ".join(our_ids)), _("put them in the original's order: {ids}").format(ids=", ".join(their_ids)))
    by_id = {step.id: step for step in theirs}
    for number, step in enumerate(ours, start=1):
        if step.id in by_id:
            _compare_step(_where(part, number, step), step, by_id[step.id], problem)


def _compare_step(where: str, ours: Step, theirs: Step, problem: _Problems) -> None:
    """One step against the original's step with its id."""
    if ours.speaker != theirs.speaker:
        problem(where, "speaker", _differs(ours=f'"{ours.speaker}"', theirs=f'"{theirs.speaker}"'),
                _write(f'speaker = "{theirs.speaker}"'))
    if ours.seconds != theirs.seconds:
        def said(seconds: int | None) -> str:
            return _("the practice's turn") if seconds is None else format_duration(seconds)

        hint = (_write(f'duration = "{format_duration(theirs.seconds)}"') if theirs.seconds is not None
                else _("remove the duration line, as in the original"))
        problem(where, "duration", _differs(ours=said(ours.seconds), theirs=said(theirs.seconds)),
                hint)
    if ours.confirm != theirs.confirm:
        problem(where, "confirm", _differs(ours=str(ours.confirm).lower(),
                theirs=str(theirs.confirm).lower()), _write(f"confirm = {str(theirs.confirm).lower()}")
                if theirs.confirm else _("remove the confirm line, as in the original"))
    if theirs.note is not None and ours.note is None:
        problem(where, "note", _("is missing: the original asks for a note here"),
                _("translate its label, e.g. {example}").format(
                    example=f'note = {{ label = "…", by = "{theirs.note.by}" }}'))
    elif theirs.note is None and ours.note is not None:
        problem(where, "note", _("is not in the original"), _("remove it"))
    elif ours.note is not None and theirs.note is not None and ours.note.by != theirs.note.by:
        problem(where, "note.by", _differs(ours=f'"{ours.note.by}"', theirs=f'"{theirs.note.by}"'),
                _write(f'by = "{theirs.note.by}"'))
    if theirs.listener and not ours.listener:
        problem(where, "listener", _("is missing: the original guides the listener here"), _("translate it too"))
    elif ours.listener and not theirs.listener:
        problem(where, "listener", _("is not in the original"), _("remove it"))
    if theirs.starters and not ours.starters:
        problem(where, "starters", _("are missing: the original offers sentence starters here"),
                _("translate them (as many as read naturally in your language)"))
    elif ours.starters and not theirs.starters:
        problem(where, "starters", _("are not in the original"), _("remove them"))
