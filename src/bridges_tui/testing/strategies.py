"""The Hypothesis strategies the tests share: transcripts of every shape the format
allows (tricky text, names in any script, moments in any time zone, unknown keys a
later bridges may add), and any value TOML can hold.

The one module of `bridges_tui.testing` that imports Hypothesis (a test extra): the
benchmark's environment, which has none, never imports it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from bridges_tui.core.model.session import Break, Checkin, Closing, Followup, ModelError, Transcript, Turn, clean_name

#: Pieces of text that a writer of TOML, or a terminal, could trip over.
TRICKY = ['"', '"""', "'''", "\\", "\\n", "\n", "\r\n", "\r", "\t", "\x00", "\x1b[31m",
          "\x7f", "\x85", "\u2028", "\u200f", "\u202e", "e\u0301", "👩‍❤️‍👨", "שלום",
          "مرحبا", "[turns]", "# not a comment", "=", "\ufeff", "]]", "\\u0041"]
#: Names as people have them.
NAMES = ["Zoë", "Jose\u0301", "שרה", "مريم", "Ana María", "😀 Kim", "李雷", "O'Brien",
         'Sam "Sunny"']


def _clean_or_none(text: str) -> str | None:
    try:
        return clean_name(text)
    except ModelError:
        return None


texts = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(TRICKY)), max_size=5).map("".join)
nonempty = texts.filter(lambda text: bool(text.strip()))
names = st.one_of(st.sampled_from(NAMES), st.text(min_size=1, max_size=40)).map(
    _clean_or_none).filter(lambda name: name is not None)
offsets = st.integers(-1439, 1439).map(lambda minutes: timezone(timedelta(minutes=minutes)))
moments = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1),
                       timezones=offsets)
seconds = st.one_of(st.integers(0, 10**6), st.floats(0, 1e7, allow_nan=False))
scores = st.none() | st.tuples(st.integers(1, 5), st.integers(1, 5))
speakers = st.sampled_from(["A", "B", "both"])


def toml_values(text: st.SearchStrategy[str] = texts, moment: st.SearchStrategy[datetime] = moments,
                max_leaves: int = 8) -> st.SearchStrategy[object]:
    """Any value TOML can hold (tables keyed by `text`), nested a little."""
    leaves = st.one_of(
        st.booleans(), st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False), text,
        moment, st.datetimes(), st.dates(), st.times(),
    )
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
        max_leaves=max_leaves,
    )


def extras(known: tuple[str, ...]) -> st.SearchStrategy[dict]:
    """Keys a later bridges might add beside the `known` ones, with their values."""
    keys = st.one_of(texts, st.sampled_from(["mood", "volume", "a b", "ü"]))
    return st.dictionaries(keys.filter(lambda key: key not in known), toml_values(), max_size=3)


turns = st.builds(
    Turn, step=nonempty, title=nonempty, speaker=speakers, started=moments,
    planned_s=seconds, spoken_s=seconds, paused_s=seconds, note=st.none() | texts,
    note_by=st.none() | speakers,
    extra=extras(("step", "title", "speaker", "started", "planned_s", "spoken_s",
                  "paused_s", "note", "note_by", "tries", "clarify_s")),
)
breaks = st.builds(Break, started=moments, seconds=seconds, extra=extras(("started", "seconds")))
followups = st.none() | st.builds(
    Followup, session=nonempty, agreement=nonempty,
    answer=st.sampled_from(["kept", "partly", "not-yet"]),
    extra=extras(("session", "agreement", "answer")),
)


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    """A transcript of any shape the format allows."""
    status = draw(st.sampled_from(["in-progress", "complete", "ended-early"]))
    return Transcript(
        practice=draw(nonempty), title=draw(nonempty), started=draw(moments),
        partners=(draw(names), draw(names)), status=status,  # type: ignore[arg-type]
        language=draw(st.sampled_from(["en", "es", "de", "pt"])),
        ended=None if status == "in-progress" else draw(moments),
        turn_s=draw(st.none() | st.integers(1, 3600)),
        checkin=Checkin(draw(scores), draw(scores), extra=draw(extras(("before", "after")))),
        followup=draw(followups),
        turns=tuple(draw(st.lists(turns, max_size=4))),
        breaks=tuple(draw(st.lists(breaks, max_size=2))),
        closing=Closing(tuple(draw(st.lists(texts, max_size=2))), draw(st.none() | texts),
                        extra=draw(extras(("learned", "agreement")))),
        taken_back=tuple(draw(st.lists(turns, max_size=2))),
        extra=draw(extras(("format", "version", "practice", "title", "language", "started", "ended",
                           "status", "partners", "turn_s", "checkin", "followup", "turns",
                           "breaks", "closing", "taken_back"))),
    )
