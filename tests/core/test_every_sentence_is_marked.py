"""Issue 18: every sentence a person reads in `src/` is marked for translation, and the
template the translators work from (`bridges.pot`) holds every marked sentence.

`bridges_tui.testing.unmarked` finds a sentence outside `_()`, `n_()` and `N_()` by
reading the code; its short allow-list says why each exception is one.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bridges_tui.core.language import words
from bridges_tui.testing.unmarked import ALLOWED, PACKAGE, unmarked, unmarked_in

KEYWORDS = {"_": None, "N_": None, "n_": (1, 2)}


def test_every_sentence_a_person_reads_is_marked() -> None:
    found = unmarked()
    assert found == [], "mark these with _() or N_() (or allow one, saying why):\n" + "\n".join(map(str, found))


def test_the_finder_finds_an_unmarked_sentence_and_passes_marked_words_and_code(tmp_path: Path) -> None:
    # The test above could pass by finding nothing: show what it finds and what it leaves.
    module = tmp_path / "screen.py"
    module.write_text(
        'from bridges_tui.core.language.words import _, N_\n'
        'class Refused(Exception):\n'
        '    """A docstring is for developers."""\n'
        'def show(widget, when):\n'
        '    widget.notify("The turn is paused")\n'
        '    widget.notify(_("The turn is over"))\n'
        '    widget.add_class("-paused")\n'
        '    label = N_("Hand over")\n'
        '    example = \'speaker = "lead"\'\n'
        '    raise Refused(f"cannot start a turn {when}")\n',
        encoding="utf-8",
    )
    said = sorted(item.text for item in unmarked_in(module))
    assert said == ["The turn is paused", "cannot start a turn "]


def test_the_allow_list_is_short_and_says_why() -> None:
    assert len(ALLOWED) <= 24
    assert all(reason.strip() for reason in ALLOWED.values())


def test_the_template_holds_every_marked_sentence() -> None:
    """`scripts/translations extract` was run after the last marked sentence changed."""
    with (words.LOCALE_DIR / "bridges.pot").open("rb") as pot:
        template = {message.id if isinstance(message.id, str) else message.id[0]
                    for message in read_po(pot) if message.id}
    marked = {message if isinstance(message, str) else message[0]
              for _file, _line, message, _comments, _context in extract_from_dir(
                  PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS)}
    assert marked - template == set(), "run scripts/translations extract, update, then translate"
    assert template - marked == set(), "the template keeps sentences no code says any more"
