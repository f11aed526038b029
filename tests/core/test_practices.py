"""Practice scripts: the built-ins, the loader's messages for every kind of mistake,
and the catalog that merges built-in and user scripts."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from bridges_tui.core.files.toml_text import toml_document
from bridges_tui.core.practice_scripts.catalog import (
    BUILTIN_GROUPS,
    BUILTIN_ORDER,
    SOURCE_PRACTICES,
    builtin_card,
    builtin_ids,
    builtin_practice,
    load_catalog,
)
from bridges_tui.core.practice_scripts.reading import (
    PracticeProblem,
    PracticeScriptError,
    load_practice_file,
    parse_practice,
    suggest_id,
)

STEP = {
    "id": "explain-why",
    "title": "Explain why",
    "speaker": "lead",
    "prompt": "Say why it matters.",
    "listener": "Listen and reflect back.",
}
SCRIPT: dict[str, Any] = {
    "format": "bridges-practice",
    "version": 1,
    "id": "my-practice",
    "title": "My practice",
    "summary": "A short practice for testing.",
    "turn": "2m",
    "opening": [{"id": "settle", "title": "Settle", "speaker": "together",
                 "prompt": "Breathe."}],
    "round": [{"id": "name-it", "title": "Name it", "speaker": "lead", "prompt": "Name it.",
               "listener": "Just listen.", "duration": "1m"}, dict(STEP)],
    "closing": [{"id": "learned", "title": "Learned", "speaker": "together",
                 "prompt": "What did you learn?"}],
}


def script(**changes: Any) -> dict[str, Any]:
    """A valid script with top-level `changes` (None removes a key)."""
    data = copy.deepcopy(SCRIPT)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def with_step(part: str, index: int, **changes: Any) -> dict[str, Any]:
    """A valid script whose `part[index]` step has `changes` (None removes a key)."""
    data = script()
    step = data[part][index]
    for key, value in changes.items():
        if value is None:
            step.pop(key, None)
        else:
            step[key] = value
    return data


def problems_of(data: dict[str, Any] | str, path: str = "share.toml") -> list[PracticeProblem]:
    text = data if isinstance(data, str) else toml_document(data)
    with pytest.raises(PracticeScriptError) as caught:
        parse_practice(text, path)
    return caught.value.problems


def only_problem(data: dict[str, Any] | str) -> PracticeProblem:
    problems = problems_of(data)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# --- the built-ins ----------------------------------------------------------------


def test_builtins_come_in_groups_the_sources_six_first() -> None:
    # The six of the source in their fixed order, then the others by the moment.
    assert SOURCE_PRACTICES == (
        "same-team", "share-the-why", "assume-the-best", "differences", "say-what-you-want",
        "undefended",
    )
    assert [group.title for group in BUILTIN_GROUPS] == [
        "Rebuilding Emotional Bridges", "Hard talks", "Every day"]
    assert BUILTIN_GROUPS[0].ids == SOURCE_PRACTICES
    assert BUILTIN_ORDER == (
        *SOURCE_PRACTICES, "after-a-fight", "speaker-listener", "mirror-validate-empathise",
        "appreciations", "love-maps", "stress-reducing",
    )
    # Every built-in file has a place in a group: none falls into "More practices".
    assert builtin_ids() == BUILTIN_ORDER


def test_the_everyday_talks_come_shortest_first() -> None:
    everyday = [builtin_card(pid).seconds() for pid in BUILTIN_GROUPS[2].ids]
    assert everyday == sorted(everyday) and everyday[0] <= 10 * 60


@pytest.mark.parametrize("practice_id", builtin_ids())
def test_each_builtin_loads_and_is_a_complete_practice(practice_id: str) -> None:
    practice = builtin_practice(practice_id)
    assert practice.id == practice_id
    assert practice.source == "built-in"
    assert practice.path and Path(practice.path).name == f"{practice_id}.toml"
    # Short turns suit the short rituals (appreciations) and the small pieces of a
    # mirroring talk; none is shorter than a minute or longer than three.
    assert 60 <= practice.turn_seconds <= 180
    assert practice.opening and practice.round and practice.closing
    assert practice.closing[-1].speaker == "together" and practice.closing[-1].note
    steps = (*practice.opening, *practice.round, *practice.closing)
    for step in steps:
        # Read aloud in one breath.
        assert len(step.prompt.split()) <= 30, step.id
        if step.speaker != "together":
            assert step.listener, f"{step.id} has no listener guidance"
    assert any(step.starters for step in practice.round)
    assert any(step.note for step in practice.round)
    # From a few minutes' ritual to a long evening talk.
    assert 5 * 60 <= sum(practice.seconds_for(p.step) for p in practice.plan()) <= 30 * 60


def test_share_the_why_keeps_what_the_listener_heard() -> None:
    practice = builtin_practice("share-the-why")
    starters = [s for step in practice.round for s in step.starters]
    assert any(s.startswith("This matters to me because") for s in starters)
    notes = [step.note.label for step in practice.round if step.note]
    assert "What I heard matters to you" in notes


def test_assume_the_best_keeps_the_story_and_what_happened() -> None:
    practice = builtin_practice("assume-the-best")
    assert practice.opening[0].id == "calm-first"
    starters = " ".join(s for step in practice.round for s in step.starters)
    assert "What I noticed" in starters and "What I worried it meant" in starters
    plan = practice.plan()
    writers = {p.step.note.label: p.note_writer for p in plan[1:5] if p.step.note}
    # A leads the first round: A writes both their own story and what really happened.
    assert writers == {"The story I told myself": "A", "What actually happened": "A"}


def test_unknown_builtin_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        builtin_practice("../etc/passwd")


# --- a good script ------------------------------------------------------------------


def test_a_valid_script_becomes_a_practice() -> None:
    practice = parse_practice(toml_document(script()), "mine.toml")
    assert (practice.id, practice.turn_seconds, practice.source) == ("my-practice", 120, "user")
    assert practice.path == "mine.toml"
    assert [s.id for s in practice.round] == ["name-it", "explain-why"]
    assert practice.round[0].seconds == 60 and practice.round[1].seconds is None
    assert practice.opening[0].listener == "" and practice.round[1].starters == ()
    assert len(practice.plan()) == 6


def test_markers_are_optional_and_text_is_trimmed() -> None:
    data = script(format=None, version=None, title="  Spaced  ", turn=90)
    data["round"][1]["note"] = {"label": "What did you hear?"}
    practice = parse_practice(toml_document(data), "mine.toml")
    assert practice.title == "Spaced" and practice.turn_seconds == 90
    assert practice.round[1].note is not None and practice.round[1].note.by == "listener"


# --- every kind of broken script ----------------------------------------------------


def test_problem_reads_file_step_field_message() -> None:
    problem = only_problem(with_step("round", 1, speaker="me"))
    assert str(problem) == (
        "share.toml: round[2] (step 'explain-why'): speaker: "
        'must be one of lead, other, together, not "me"'
    )
    assert problem.where == "round[2] (step 'explain-why')" and problem.field == "speaker"
    assert problem.hint and "together" in problem.hint


def test_bad_toml_names_line_and_column() -> None:
    problem = only_problem('id = "x"\ntitle = Share the why\n')
    assert problem.where == "line 2, column 9"
    assert problem.message.startswith("not valid TOML")
    assert problem.hint and "quotes" in problem.hint
    assert str(problem).startswith("share.toml: line 2, column 9: not valid TOML")


@pytest.mark.parametrize(
    ("data", "where", "field", "message", "hint"),
    [
        (script(title=None), "", "title", "is missing", 'title = "'),
        (script(summary=7), "", "summary", "must be text, not a number (7)", "double quotes"),
        (script(title=""), "", "title", "is empty", "write what it should say"),
        (script(title="x" * 61), "", "title", "61 characters", "60"),
        (script(title="Two\nlines"), "", "title", "one line", "line break"),
        (script(id="Share The Why"), "", "id", "lowercase letters, digits", '"share-the-why"'),
        (script(id="my_practice"), "", "id", "lowercase letters", '"my-practice"'),
        (script(turn=None), "", "turn", "is missing", 'turn = "2m"'),
        (script(turn=0), "", "turn", "longer than zero", '"1m30s"'),
        (script(turn="soon"), "", "turn", '"soon" is not a duration', '"1m30s"'),
        (script(turn=[1]), "", "turn", "a list is not a duration", '"90s"'),
        (script(tittle="x"), "", "tittle", "unknown key", 'did you mean "title"?'),
        (script(steps=[]), "", "steps", "unknown key", "opening, round or closing"),
        (script(colour="red"), "", "colour", "unknown key", "only these keys"),
        (script(version=2), "", "version", "version 2, newer than this bridges", "update"),
        (script(version="1"), "", "version", "whole number", "version = 1"),
        (script(format="bridges-transcript"), "", "format", 'must be "bridges-practice"',
         "saved session"),
        (script(opening=None, closing=None, round=None), "", "round", "no steps", "[[round]]"),
        (script(round=[]), "", "round", "empty list", "[[round]]"),
        (script(round={"id": "a"}), "", "round", "single table", "[[round]] (double brackets)"),
        (script(round=["a"]), "round[1]", "", "must be a table", "[[round]]"),
        (with_step("round", 1, speaker="leed"), "round[2] (step 'explain-why')", "speaker",
         'not "leed"', 'did you mean "lead"?'),
        (with_step("round", 1, speaker="both"), "round[2] (step 'explain-why')", "speaker",
         'not "both"', 'did you mean "together"?'),
        (with_step("round", 1, speaker="listener"), "round[2] (step 'explain-why')", "speaker",
         'not "listener"', "other: the partner who is not leading speaks"),
        (with_step("round", 1, speaker=None), "round[2] (step 'explain-why')", "speaker",
         "is missing", 'speaker = "lead"'),
        (with_step("round", 0, duration="0s"), "round[1] (step 'name-it')", "duration",
         "longer than zero", '"1m30s"'),
        (with_step("round", 0, duration=-5), "round[1] (step 'name-it')", "duration",
         "longer than zero", '"1m30s"'),
        (with_step("round", 0, duration="2x"), "round[1] (step 'name-it')", "duration",
         '"2x" is not a duration', '"1m30s"'),
        (with_step("round", 0, duration="9h"), "round[1] (step 'name-it')", "duration",
         "at most 4 hours", "4h"),
        (with_step("round", 1, id="name-it"), "round[2] (step 'name-it')", "id",
         '"name-it" is already the id of round[1]', "its own id"),
        (with_step("round", 1, id="Explain Why"), "round[2]", "id", "lowercase letters",
         '"explain-why"'),
        (with_step("round", 1, id=None), "round[2]", "id", "is missing", 'id = "name-it"'),
        (with_step("round", 1, title=None), "round[2] (step 'explain-why')", "title",
         "is missing", 'title = "Name what you want"'),
        (with_step("round", 1, prompt=""), "round[2] (step 'explain-why')", "prompt",
         "is empty", "write"),
        (with_step("round", 1, prompt=["a"]), "round[2] (step 'explain-why')", "prompt",
         "must be text, not a list", "double quotes"),
        (with_step("round", 1, listener=None), "round[2] (step 'explain-why')", "listener",
         "is missing", "listener = "),
        (with_step("opening", 0, listener=""), "opening[1] (step 'settle')", "listener",
         "is empty", "or remove the line"),
        (with_step("round", 1, listner="x"), "round[2] (step 'explain-why')", "listner",
         "unknown key", 'did you mean "listener"?'),
        (with_step("round", 1, seconds=60), "round[2] (step 'explain-why')", "seconds",
         "unknown key", 'did you mean "duration"?'),
        (with_step("round", 1, starters="Because"), "round[2] (step 'explain-why')",
         "starters", "must be a list of text, not text", "starters = ["),
        (with_step("round", 1, starters=["ok", 3]), "round[2] (step 'explain-why')",
         "starters[2]", "must be text, not a number (3)", "starters = ["),
        (with_step("round", 1, starters=["ok", " "]), "round[2] (step 'explain-why')",
         "starters[2]", "is empty", "remove it"),
        (with_step("round", 1, note="What?"), "round[2] (step 'explain-why')", "note",
         "must be a table, not text", "note = { label"),
        (with_step("round", 1, note={"label": "Heard", "by": "me"}),
         "round[2] (step 'explain-why')", "note.by",
         'must be one of speaker, listener, not "me"', "listener: the one who listened"),
        (with_step("round", 1, note={"label": "Heard", "by": "listner"}),
         "round[2] (step 'explain-why')", "note.by", "not", 'did you mean "listener"?'),
        (with_step("round", 1, note={"by": "speaker"}), "round[2] (step 'explain-why')",
         "note.label", "is missing", "label ="),
        (with_step("round", 1, note={"label": "x", "lable": "y"}),
         "round[2] (step 'explain-why')", "note.lable", "unknown key", 'did you mean "label"?'),
        (with_step("closing", 0, title="Bell\x07"), "closing[1] (step 'learned')", "title",
         'control character: "Bell\\u0007"', "remove it"),
        (with_step("closing", 0, prompt="\x1b[2Jgone"), "closing[1] (step 'learned')",
         "prompt", "control character", "plain text"),
    ],
)
def test_each_mistake_has_its_own_message(
    data: dict[str, Any], where: str, field: str, message: str, hint: str
) -> None:
    problem = only_problem(data)
    assert (problem.path, problem.where, problem.field) == ("share.toml", where, field)
    assert message in problem.message
    assert problem.hint and hint in problem.hint
    assert "\x1b" not in str(problem) and "\x07" not in str(problem)


def test_every_problem_in_a_file_is_reported() -> None:
    data = script(id="Bad Id", summary="", turn="0", colour="red")
    data["round"][0].update(speaker="me", duration="later")
    data["round"][1].update(id="name-it", starters="x")
    data["closing"][0]["note"] = {"label": "", "by": "everyone"}
    problems = problems_of(data)
    found = [(p.where.split(" ")[0], p.field) for p in problems]
    assert found == [
        ("", "colour"), ("", "id"), ("", "summary"), ("", "turn"),
        ("round[1]", "speaker"), ("round[1]", "duration"),
        ("round[2]", "id"), ("round[2]", "starters"),
        ("closing[1]", "note.label"), ("closing[1]", "note.by"),
    ]
    assert all(problem.hint for problem in problems)


def test_a_newer_version_is_the_only_complaint() -> None:
    # Keys from a future format must not be drowned in "unknown key" noise.
    problem = only_problem(script(version=3, mood="calm"))
    assert problem.field == "version" and "version 3" in problem.message


def test_the_error_lists_every_problem() -> None:
    with pytest.raises(PracticeScriptError) as caught:
        parse_practice(toml_document(script(title=None, turn="x")), "s.toml")
    text = str(caught.value)
    assert text.splitlines()[0] == "s.toml: 2 problems"
    assert "s.toml: title: is missing" in text and "s.toml: turn:" in text


def test_suggest_id() -> None:
    assert suggest_id("Share The Why!") == "share-the-why"
    assert suggest_id("???") == "my-practice"


# --- files ----------------------------------------------------------------------------


def test_load_practice_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(toml_document(script()), encoding="utf-8")
    practice = load_practice_file(path)
    assert practice.path == str(path) and practice.source == "user"
    path.write_text(toml_document(script(title=None)), encoding="utf-8")
    with pytest.raises(PracticeScriptError) as caught:
        load_practice_file(path)
    assert str(caught.value.problems[0]).startswith(f"{path}: title: is missing")


def test_a_file_that_is_not_utf8_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes('title = "Café"'.encode("latin-1"))
    with pytest.raises(PracticeScriptError) as caught:
        load_practice_file(path)
    assert caught.value.problems[0].message == "is not UTF-8 text"


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_practice_file(tmp_path / "nope.toml")


# --- the catalog --------------------------------------------------------------------


def write(folder: Path, name: str, data: dict[str, Any] | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else toml_document(data), encoding="utf-8")
    return path


def test_a_missing_user_folder_is_fine(tmp_path: Path) -> None:
    catalog = load_catalog(tmp_path / "nowhere")
    assert catalog.ids() == BUILTIN_ORDER
    assert catalog.groups == BUILTIN_GROUPS
    assert catalog.broken == () and catalog.overridden == ()


def test_default_folder_is_the_config_practices_folder(bridges_home: Path) -> None:
    write(bridges_home / "practices", "mine.toml", script())
    assert load_catalog().get("my-practice") is not None


def test_user_scripts_follow_the_builtins_by_id(tmp_path: Path) -> None:
    write(tmp_path, "b.toml", script(id="zebra"))
    write(tmp_path, "a.toml", script(id="apple"))
    write(tmp_path, ".hidden.toml", "not = [valid")
    write(tmp_path, "notes.txt", "not a script")
    catalog = load_catalog(tmp_path)
    assert catalog.ids() == (*builtin_ids(), "apple", "zebra")
    assert catalog.get("apple").source == "user"  # type: ignore[union-attr]
    assert catalog.get("nope") is None and catalog.broken == ()
    *builtins, own = catalog.grouped()
    assert (own[0].title, own[0].moment) == ("Your own", "practices you wrote")
    assert [card.id for card in own[1]] == ["apple", "zebra"]
    assert [group for group, _ in builtins] == list(BUILTIN_GROUPS)


def test_a_user_override_wins_in_place_and_is_marked(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", script(id="share-the-why", title="Our why"))
    catalog = load_catalog(tmp_path)
    assert catalog.ids() == BUILTIN_ORDER and catalog.groups == BUILTIN_GROUPS
    practice = catalog.get("share-the-why")
    assert practice is not None and practice.title == "Our why"
    assert practice.source == "user" and practice.path == str(path)
    assert catalog.overridden == ("share-the-why",)
    assert catalog.get("assume-the-best").source == "built-in"  # type: ignore[union-attr]


def test_a_broken_user_script_is_listed_and_the_rest_still_load(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.toml", with_step("round", 0, speaker="me"))
    write(tmp_path, "good.toml", script(id="good"))
    catalog = load_catalog(tmp_path)
    assert "good" in catalog.ids() and "my-practice" not in catalog.ids()
    [(path, why)] = catalog.broken
    assert path == bad and isinstance(why, PracticeScriptError)
    assert str(why.problems[0]).startswith(f"{bad}: round[1] (step 'name-it'): speaker:")


def test_two_user_scripts_with_one_id_keep_the_first(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", script(title="First"))
    second = write(tmp_path, "b.toml", script(title="Second"))
    catalog = load_catalog(tmp_path)
    assert catalog.get("my-practice").title == "First"  # type: ignore[union-attr]
    [(path, why)] = catalog.broken
    assert path == second and isinstance(why, PracticeScriptError)
    assert 'already the id of a.toml' in why.problems[0].message


def test_an_unreadable_user_script_is_listed_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "locked.toml", script())
    write(tmp_path, "other.toml", script(id="other"))
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        # chmod 0 proves nothing when the tests run as root; refuse the read instead.
        if self.name == "locked.toml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    catalog = load_catalog(tmp_path)
    [(broken_path, why)] = catalog.broken
    assert broken_path == path and why == "cannot read the file: permission denied"
    assert "other" in catalog.ids()


def test_a_builtin_in_no_group_is_still_offered_in_a_group_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from bridges_tui.core.practice_scripts import catalog as module

    everyday = replace(BUILTIN_GROUPS[2], ids=("appreciations", "stress-reducing"))
    monkeypatch.setattr(module, "BUILTIN_GROUPS", (*BUILTIN_GROUPS[:2], everyday))
    monkeypatch.setattr(module, "BUILTIN_ORDER", tuple(
        pid for pid in BUILTIN_ORDER if pid != "love-maps"))
    catalog = load_catalog(tmp_path)
    titles = [group.title for group in catalog.groups]
    assert titles == ["Rebuilding Emotional Bridges", "Hard talks", "Every day", "More practices"]
    assert catalog.groups[-1].ids == ("love-maps",) and catalog.ids()[-1] == "love-maps"
