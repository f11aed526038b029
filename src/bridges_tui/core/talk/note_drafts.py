"""The note being typed (`NoteDraft`): kept in the record word by word, so that a crash
loses none of it, and put back as it was if the couple skip writing it after all."""

from __future__ import annotations

from bridges_tui.core.talk.session_record import SessionRecord


class NoteDraft:
    """The draft of one turn's note in `record`, and the note it replaced."""

    def __init__(self, record: SessionRecord) -> None:
        self._record = record
        #: While a note is being typed: its turn, and the note it had before.
        self._draft_of: tuple[int, str | None] | None = None

    def keep(self, turn_index: int, text: str) -> None:
        """Keep `text` as the note of `turn_index` for now (a draft of another turn's
        note is put back first)."""
        if self._draft_of is None or self._draft_of[0] != turn_index:
            before = self._record.note_of(turn_index)
            self.put_back()
            self._draft_of = (turn_index, before)
        self._record.set_note(turn_index, text)

    def settled(self) -> None:
        """The note was written for good: nothing to put back any more."""
        self._draft_of = None

    def put_back(self) -> None:
        """Give the drafted turn its note from before the draft (if it is still there)."""
        if self._draft_of is not None:
            turn_index, before = self._draft_of
            self._draft_of = None
            if turn_index < len(self._record.turns):
                self._record.set_note(turn_index, before or "")
