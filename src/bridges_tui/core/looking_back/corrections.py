"""Corrections to a session's own words after it ended: a step's note, the closing
(what each learned, what both agreed), the check-in after.

The end-of-session summary and the summary of a past session both describe what the
couple changed as one of these; the app applies it to the live conversation or, for a
past session, to its transcript with `corrected` (keys bridges does not know are kept,
since the model carries them along).
"""

from __future__ import annotations

from dataclasses import replace

from bridges_tui.core.language.words import _
from bridges_tui.core.model.records import record
from bridges_tui.core.model.session import Closing, ModelError, Transcript


class CorrectionError(ValueError):
    """A correction that does not fit the session (e.g. a turn that does not exist)."""


@record
class NoteCorrection:
    """The note of turn number `turn` (from 0) becomes `text`; empty text removes it."""

    turn: int
    text: str
    #: Who writes this step's note ("A", "B", "both"), when a new note needs a writer.
    writer: str | None = None


@record
class ClosingCorrection:
    """What each partner learned (A first) and what both agree to try."""

    learned: tuple[str, ...]
    agreement: str | None


@record
class CheckinCorrection:
    """How connected each partner feels afterwards, or None to clear it."""

    after: tuple[int, int] | None


Correction = NoteCorrection | ClosingCorrection | CheckinCorrection


def corrected(transcript: Transcript, correction: Correction) -> Transcript:
    """`transcript` with `correction` applied. Raises CorrectionError."""
    try:
        if isinstance(correction, NoteCorrection):
            return _with_note(transcript, correction)
        if isinstance(correction, ClosingCorrection):
            learned = tuple(item.strip() for item in correction.learned if item.strip())
            agreement = (correction.agreement or "").strip() or None
            closing: Closing = replace(transcript.closing, learned=learned, agreement=agreement)
            return replace(transcript, closing=closing)
        if type(correction) is CheckinCorrection:  # `type`: a caller may pass anything
            checkin = replace(transcript.checkin, after=correction.after)
            return replace(transcript, checkin=checkin)
    except (ModelError, TypeError) as error:
        raise CorrectionError(str(error)) from None
    raise CorrectionError(_("not a correction: {what}").format(what=repr(correction)))


def _with_note(transcript: Transcript, correction: NoteCorrection) -> Transcript:
    turns = list(transcript.turns)
    if not 0 <= correction.turn < len(turns):
        raise CorrectionError(_("there is no turn number {number}").format(number=correction.turn + 1))
    turn = turns[correction.turn]
    note = correction.text.strip() or None
    writer = None
    if note is not None:
        writer = turn.note_by or correction.writer
    turns[correction.turn] = replace(turn, note=note, note_by=writer)
    return replace(transcript, turns=tuple(turns))
