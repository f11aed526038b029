"""The transcript file format: exact round trips, the documented layout, and every
way a file can be wrong reported with the field at fault."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings

from bridges_tui.core.files.transcript_file import (
    TranscriptError,
    dump_transcript,
    load_header,
    load_transcript,
)
from bridges_tui.core.model.session import (
    Break,
    Checkin,
    Closing,
    Followup,
    Transcript,
    Turn,
)
from bridges_tui.testing.strategies import transcripts

CET = timezone(timedelta(hours=1))

# The example from DESIGN.md, comments and all.
DESIGN_EXAMPLE = """\
format = "bridges-transcript"
version = 1
practice = "share-the-why"          # practice id
title = "Share the why"
language = "en"                     # the language it was held in
started = 2026-11-25T20:31:07+01:00 # local time with offset
ended = 2026-11-25T20:58:40+01:00   # absent while in progress
status = "complete"                 # in-progress | complete | ended-early
partners = ["Sam", "Alex"]          # partner A, partner B

[checkin]                           # optional: "how connected do you feel?", 1-5
before = [3, 2]
after = [4, 4]

[[turns]]                           # one per turn, in order
step = "explain-why"
title = "Explain why it matters"
speaker = "A"                       # A | B | both
started = 2026-11-25T20:32:00+01:00
planned_s = 120
spoken_s = 131.4                    # floor time, pauses excluded
paused_s = 12.0
note = "Change helps me feel less stuck after work."   # optional

[[breaks]]
started = 2026-11-25T20:40:12+01:00
seconds = 300.0

[closing]
learned = ["...", "..."]            # optional, one per partner
agreement = "Talk before moving furniture."            # optional
"""


def at(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 11, 25, hour, minute, second, tzinfo=CET)


def sample(**changes: object) -> Transcript:
    values: dict[str, object] = dict(
        practice="share-the-why",
        title="Share the why",
        started=at(20, 31, 7),
        partners=("Sam", "Alex"),
        status="complete",
        ended=at(20, 58, 40),
        checkin=Checkin(before=(3, 2), after=(4, 4)),
        turns=(
            Turn("explain-why", "Explain why it matters", "A", at(20, 32), 120, 131.4, 12.0,
                 note="Change helps me feel less stuck after work.", note_by="B"),
            Turn("reflect", "Reflect back", "B", at(20, 35), 60, 58.0),
        ),
        breaks=(Break(at(20, 40, 12), 300.0),),
        closing=Closing(("...", "..."), "Talk before moving furniture."),
    )
    values.update(changes)
    return Transcript(**values)  # type: ignore[arg-type]


def keys_in_order(text: str) -> list[str]:
    """Table headers and keys, in the order the file lists them."""
    found = []
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("["):
            found.append(line)
        elif "=" in line:
            found.append(line.split("=")[0].strip())
    return found


# --- layout ---------------------------------------------------------------------


def test_the_design_example_reads_and_is_written_back_in_the_same_layout() -> None:
    transcript = load_transcript(DESIGN_EXAMPLE)
    assert transcript.partners == ("Sam", "Alex")
    assert transcript.turns[0].spoken_s == 131.4
    assert transcript.turns[0].planned_s == 120
    assert transcript.closing.agreement == "Talk before moving furniture."
    written = dump_transcript(transcript)
    assert keys_in_order(written) == keys_in_order(DESIGN_EXAMPLE)
    assert load_transcript(written) == transcript


def test_a_file_from_before_languages_reads_as_english_and_a_language_is_kept() -> None:
    old = DESIGN_EXAMPLE.replace('language = "en"                     # the language it was held in\n', "")
    assert "language" not in old
    assert load_transcript(old).language == "en"
    spanish = load_transcript(old.replace('title = "Share the why"', 'title = "Comparte el porqué"\nlanguage = "es"'))
    assert (spanish.language, spanish.title) == ("es", "Comparte el porqué")
    written = dump_transcript(spanish)
    assert 'title = "Comparte el porqué"\nlanguage = "es"\nstarted = ' in written
    assert load_transcript(written) == spanish


@pytest.mark.parametrize("language", ['"Spanish"', '"ES"', "3", '""'])
def test_a_language_that_is_not_a_language_code_is_refused(language: str) -> None:
    text = DESIGN_EXAMPLE.replace('language = "en"', f"language = {language}")
    with pytest.raises(TranscriptError, match="language: must be a language code"):
        load_transcript(text)


def test_the_file_reads_like_the_design() -> None:
    text = dump_transcript(sample())
    assert text.startswith('format = "bridges-transcript"\nversion = 1\n')
    assert "started = 2026-11-25T20:31:07+01:00\n" in text
    assert 'partners = ["Sam", "Alex"]\n' in text
    assert "\n[checkin]\nbefore = [3, 2]\nafter = [4, 4]\n" in text
    assert text.count("[[turns]]") == 2
    assert "planned_s = 120\nspoken_s = 131.4\npaused_s = 12.0\n" in text
    assert 'note_by = "B"' in text
    assert text.index("[checkin]") < text.index("[[turns]]") < text.index("[[breaks]]")
    assert text.index("[[breaks]]") < text.index("[closing]")


def test_absent_optional_keys_and_empty_tables_are_left_out() -> None:
    text = dump_transcript(
        sample(status="in-progress", ended=None, checkin=Checkin(), closing=Closing(),
               breaks=(), turns=(Turn("s", "Step", "both", at(20, 32), 60, 10),))
    )
    for absent in ("ended", "note", "note_by", "turn_s", "[checkin]", "[closing]", "breaks"):
        assert absent not in text
    assert "paused_s = 0.0" in text


def test_turn_length_is_a_top_level_key_when_chosen() -> None:
    transcript = sample(turn_s=90)
    text = dump_transcript(transcript)
    assert "turn_s = 90\n" in text
    assert text.index("turn_s") < text.index("[checkin]")
    assert load_transcript(text).turn_s == 90


def test_a_note_with_line_breaks_is_written_as_readable_lines() -> None:
    note = 'First "thing".\nSecond thing, with a tab\tand a \\ backslash.\r\nThird.'
    turn = Turn("s", "Step", "A", at(20, 32), 60, 61, note=note, note_by="both")
    text = dump_transcript(sample(turns=(turn,)))
    assert '"""\nFirst \\"thing\\".\nSecond thing' in text
    assert load_transcript(text).turns[0].note == note


def test_an_empty_agreement_is_kept_apart_from_no_agreement() -> None:
    for agreement in ("", None):
        transcript = sample(closing=Closing((), agreement))
        assert load_transcript(dump_transcript(transcript)).closing.agreement == agreement


def test_unknown_keys_are_written_after_the_known_ones() -> None:
    turn = Turn("s", "Step", "A", at(20, 32), 60, 61, note="n",
                extra={"mood": "calm", "details": {"volume": 3}})
    transcript = sample(
        turns=(turn,),
        extra={"app": "bridges 2.0", "mood_map": {"A": "ok"}},
        checkin=Checkin((1, 2), None, extra={"asked_by": "A"}),
        closing=Closing(("x",), "y", extra={"signed": True}),
        breaks=(Break(at(20, 40), 1.0, extra={"why": "tea"}),),
    )
    text = dump_transcript(transcript)
    order = keys_in_order(text)
    assert order.index("app") == order.index("partners") + 1
    assert order.index("mood") == order.index("note") + 1
    assert order.index("[turns.details]") < order.index("[[breaks]]")
    assert order.index("[mood_map]") > order.index("[closing]")
    assert order.index("asked_by") == order.index("before") + 1
    assert order.index("signed") == order.index("agreement") + 1
    assert order.index("why") == order.index("seconds") + 1
    assert load_transcript(text) == transcript


def test_an_extra_key_may_not_shadow_a_known_one() -> None:
    with pytest.raises(ValueError, match="shadows"):
        dump_transcript(sample(extra={"title": "again"}))


def test_an_offset_with_seconds_is_written_as_the_same_instant_in_utc() -> None:
    odd = timezone(timedelta(minutes=19, seconds=32))
    started = datetime(1930, 5, 1, 12, 0, tzinfo=odd)
    back = load_transcript(dump_transcript(sample(started=started, ended=started)))
    assert back.started == started


FOLLOWUP_TABLE = """\
[followup]                 # optional: how the last agreement went
session = "20261118-203107-share-the-why"
agreement = "Talk before moving furniture."
answer = "kept"            # kept | partly | not-yet

"""
WITH_FOLLOWUP = DESIGN_EXAMPLE.replace("[[turns]]", FOLLOWUP_TABLE + "[[turns]]", 1)
LAST_AGREEMENT = Followup(
    "20261118-203107-share-the-why", "Talk before moving furniture.", "kept"
)


def test_the_follow_up_sits_between_the_checkin_and_the_turns() -> None:
    transcript = load_transcript(WITH_FOLLOWUP)
    assert transcript.followup == LAST_AGREEMENT
    written = dump_transcript(transcript)
    assert keys_in_order(written) == keys_in_order(WITH_FOLLOWUP)
    assert (
        '\n[followup]\nsession = "20261118-203107-share-the-why"\n'
        'agreement = "Talk before moving furniture."\nanswer = "kept"\n\n[[turns]]\n'
    ) in written
    assert load_transcript(written) == transcript


def test_a_file_from_before_the_follow_up_reads_without_one() -> None:
    assert "followup" not in DESIGN_EXAMPLE
    assert load_transcript(DESIGN_EXAMPLE).followup is None
    assert "followup" not in dump_transcript(sample())


@pytest.mark.parametrize("answer", ["kept", "partly", "not-yet"])
def test_each_follow_up_answer_reads_back(answer: str) -> None:
    text = WITH_FOLLOWUP.replace('answer = "kept"', f'answer = "{answer}"')
    assert load_transcript(text).followup.answer == answer  # type: ignore[union-attr]


def test_unknown_follow_up_keys_are_kept_after_the_known_ones() -> None:
    followup = Followup("s-1", "Walk on Sundays.", "not-yet", extra={"asked_by": "B"})
    text = dump_transcript(sample(followup=followup))
    order = keys_in_order(text)
    assert order.index("asked_by") == order.index("answer") + 1
    assert load_transcript(text).followup == followup


def test_load_header_reads_only_the_top_level_keys() -> None:
    header = load_header(DESIGN_EXAMPLE.split("[checkin]")[0])
    assert (header.practice, header.status, header.partners) == (
        "share-the-why", "complete", ("Sam", "Alex"))
    assert header.ended == at(20, 58, 40)


# --- round trips ----------------------------------------------------------------

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts())
def test_any_transcript_survives_a_round_trip_exactly(transcript: Transcript) -> None:
    text = dump_transcript(transcript)
    back = load_transcript(text)
    assert back == transcript
    # Equal datetimes may still differ in offset, and 120 == 120.0: the text can't.
    assert dump_transcript(back) == text
    for before, after in zip(transcript.turns, back.turns, strict=False):
        assert before.started.utcoffset() == after.started.utcoffset()
        assert type(before.spoken_s) is type(after.spoken_s)


@settings(max_examples=100, deadline=None)
@given(transcripts())
def test_the_header_of_any_transcript_reads_on_its_own(transcript: Transcript) -> None:
    text = dump_transcript(transcript)
    header_end = min((text.find(f"\n[{name}") for name in ("checkin", "followup", "[turns",
                      "[breaks", "closing")), key=lambda index: index if index >= 0 else len(text))
    if header_end < 0:
        header_end = len(text)
    try:
        header = load_header(text[:header_end])
    except TranscriptError:
        return  # the store falls back to the whole file; tested in test_store.py
    assert header.partners == transcript.partners
    assert header.started == transcript.started


# --- files that are wrong --------------------------------------------------------


def broken(find: str, replace: str) -> str:
    """The design example with its first `find` replaced (with "": its line removed)."""
    find = find.rstrip("\n")
    assert find in DESIGN_EXAMPLE
    if replace:
        return DESIGN_EXAMPLE.replace(find, replace, 1)
    lines = DESIGN_EXAMPLE.splitlines(keepends=True)
    first = next(index for index, line in enumerate(lines) if find in line)
    return "".join(lines[:first] + lines[first + 1 :])


SECOND_TURN = """
[[turns]]
step = "reflect"
title = "Reflect"
speaker = "B"
started = 2026-11-25T20:35:00+01:00
planned_s = 60
spoken_s = 60
"""


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("format = \n", "not valid TOML"),
        (DESIGN_EXAMPLE[: DESIGN_EXAMPLE.index("[[breaks]]") + 5], "not valid TOML"),
        ("", "format: is missing"),
        (broken('format = "bridges-transcript"', 'format = "shopping-list"'),
         "this is not a bridges transcript"),
        (broken("version = 1", "version = 2"),
         "written by a newer bridges (version 2); this version reads up to 1"),
        (broken("version = 1", "version = 0"), "version: there is no version 0"),
        (broken("version = 1", 'version = "1"'), "version: must be a whole number"),
        (broken("version = 1\n", ""), "version: is missing"),
        (broken('practice = "share-the-why"', "practice = 7"), "practice: must be non-empty text"),
        (broken('title = "Share the why"\n', ""), "title: is missing"),
        (broken("started = 2026-11-25T20:31:07+01:00", "started = 2026-11-25T20:31:07"),
         "started: must be a date and time with a UTC offset"),
        (broken("started = 2026-11-25T20:31:07+01:00", "started = 2026-11-25"),
         "started: must be a date and time with a UTC offset"),
        (broken('status = "complete"', 'status = "done"'), "status: must be one of"),
        (broken("ended = 2026-11-25T20:58:40+01:00\n", ""), "ended: is missing"),
        (broken('partners = ["Sam", "Alex"]', 'partners = ["Sam"]'),
         "partners: must be a list of two names"),
        (broken('partners = ["Sam", "Alex"]', 'partners = "Sam and Alex"'),
         "partners: must be a list of two names"),
        (broken('partners = ["Sam", "Alex"]', 'partners = ["Sam", "  "]'),
         "partners: please give a name"),
        (broken("before = [3, 2]", "before = [3, 9]"), "checkin.before: scores are whole numbers"),
        (broken("before = [3, 2]", "before = 3"), "checkin.before: must be a list of two scores"),
        (broken("[checkin]", "checkin = 4\n[nothing]"), "checkin: must be a table"),
        (broken("spoken_s = 131.4", 'spoken_s = "long"'),
         "turns[1].spoken_s: must be a number of seconds"),
        (broken("spoken_s = 131.4", "spoken_s = true"),
         "turns[1].spoken_s: must be a number of seconds"),
        (broken("spoken_s = 131.4", "spoken_s = -3"), "turns[1].spoken_s: must be zero or more"),
        (broken("[[breaks]]", SECOND_TURN + SECOND_TURN.replace("spoken_s = 60", "spoken_s = 'x'")
                + "\n[[breaks]]"), "turns[3].spoken_s: must be a number of seconds"),
        (broken('step = "explain-why"\n', ""), "turns[1].step: is missing"),
        (broken('speaker = "A"', 'speaker = "C"'), "turns[1].speaker: must be one of A, B, both"),
        (broken('note = "Change', 'note_by = "Sam"\nnote = "Change'),
         "turns[1].note_by: must be one of"),
        (broken("started = 2026-11-25T20:32:00+01:00", "started = 20:32:00"),
         "turns[1].started: must be a date and time with a UTC offset"),
        (broken("seconds = 300.0", "seconds = inf"), "breaks[1].seconds: must be a finite number"),
        (broken("seconds = 300.0\n", ""), "breaks[1].seconds: is missing"),
        (broken('learned = ["...", "..."]', "learned = [1, 2]"),
         "closing.learned: must be a list of text"),
        (broken('agreement = "Talk', 'agreement = 5\nx = "Talk'),
         "closing.agreement: must be text"),
        (DESIGN_EXAMPLE.replace("[[turns]]", "[turns]", 1), "turns: must be a list of tables"),
        (WITH_FOLLOWUP.replace('answer = "kept"', 'answer = "yes"'),
         "followup.answer: must be one of kept, partly, not-yet; got 'yes'"),
        (WITH_FOLLOWUP.replace('answer = "kept"', "answer = 3"),
         "followup.answer: must be kept, partly or not-yet, got 3"),
        (WITH_FOLLOWUP.replace('answer = "kept"', ""), "followup.answer: is missing"),
        (WITH_FOLLOWUP.replace('session = "20261118-203107-share-the-why"', 'session = " "'),
         "followup.session: must be non-empty text"),
        (WITH_FOLLOWUP.replace('agreement = "Talk before moving furniture."\nanswer',
                               "agreement = []\nanswer"),
         "followup.agreement: must be text, got a list"),
        (broken("version = 1", "version = 1\nfollowup = 1"), "followup: must be a table"),
        (broken("version = 1", "version = 1\nturn_s = 1.5"), "turn_s: must be a whole number"),
        (broken("version = 1", "version = 1\nturn_s = 0"), "turn_s: must be greater than zero"),
    ],
)
def test_a_wrong_file_is_refused_with_its_reason(text: str, reason: str) -> None:
    with pytest.raises(TranscriptError) as caught:
        load_transcript(text)
    assert reason in str(caught.value)
    assert caught.value.reason == str(caught.value)  # no path given, so just the reason


def test_every_wrong_example_is_still_valid_toml_where_it_claims_to_be() -> None:
    # Guards the table above: a typo there would test the TOML parser instead.
    text = broken("spoken_s = 131.4", 'spoken_s = "long"')
    assert tomllib.loads(text)["turns"][0]["spoken_s"] == "long"


def test_an_error_can_name_its_file() -> None:
    error = TranscriptError("turns[1].step: is missing").at("/x/s.toml")
    assert str(error) == "can't read /x/s.toml: turns[1].step: is missing"
    assert error.reason == "turns[1].step: is missing"
