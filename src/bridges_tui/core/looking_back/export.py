"""A session as a Markdown document a couple could print or keep: when and who, the
floor time, the check-in, every step with its note in order (breathers where they
were taken), what each learned and what both agreed to try.

The couple's words are shown as they wrote them: control characters are removed and
the few characters Markdown would read as formatting are escaped, so a note that
starts with "#" or holds a "*" prints as typed.
"""

from __future__ import annotations

import re
from pathlib import Path

from bridges_tui.core.files.lock_files import session_id
from bridges_tui.core.language import dates
from bridges_tui.core.language.words import _
from bridges_tui.core.looking_back.outline import BreatherLine, Outline
from bridges_tui.core.looking_back.session_summary import clock, share_text, status_word, turn_line
from bridges_tui.core.model.session import Transcript
from bridges_tui.core.text.harmless import harmless

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))", re.MULTILINE)


def markdown_text(text: str) -> str:
    """`text` safe to place in Markdown: it reads as written, never as formatting."""
    escaped = _SPECIAL.sub(r"\\\1", harmless(text).strip())
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    # "# x" and "- x" take the backslash before the mark; "1. x" after the number.
    indent, mark = match.group(1), match.group(2)
    return f"{indent}{mark}\\" if mark[0].isdigit() else f"{indent}\\{mark}"


def _quoted(text: str) -> list[str]:
    """A block quote of `text`, each of its lines quoted."""
    return [f"> {line}".rstrip() for line in markdown_text(text).split("\n")]


def session_markdown(transcript: Transcript, session_id: str) -> str:
    """The whole Markdown document for one session (its `Outline`, in Markdown)."""
    outline = Outline.of(transcript)
    t, summary = transcript, outline.summary
    a, b = (markdown_text(name) for name in t.partners)
    lines = [f"# {markdown_text(t.title)}: {dates.long_moment(t.started)}", ""]
    about = f"{a} & {b} · {status_word(t.status)}"
    if summary.length_s is not None and t.ended is not None:
        about += f" · {clock(summary.length_s)} ({dates.clock_time(t.started)}–{dates.clock_time(t.ended)})"
    lines += [about, ""]

    lines += ["## " + _("Floor time"), "", "| " + _("who") + " | " + _("time") + " |", "| --- | ---: |"]
    share = share_text(summary.floor.balance)
    shares = share.split("/") if "/" in share else ("", "")
    lines.append(f"| {a} | {clock(summary.floor.a)}{f' ({shares[0]}%)' if shares[0] else ''} |")
    lines.append(f"| {b} | {clock(summary.floor.b)}{f' ({shares[1]}%)' if shares[1] else ''} |")
    if summary.floor.together:
        lines.append("| " + _("together") + f" | {clock(summary.floor.together)} |")
    if summary.breaks_s:
        lines.append("| " + _("breathers") + f" | {clock(summary.breaks_s)} |")
    lines.append("")

    before, after = summary.checkin_before, summary.checkin_after
    if before or after:
        lines += ["## " + _("Check-in"), "",
                  _("How connected each of you felt, from 1 (distant) to 5 (close):"), ""]
        for index, name in enumerate((a, b)):
            parts: list[str] = []
            if before:
                parts.append(_("{score} before").format(score=before[index]))
            if after:
                parts.append(_("{score} after").format(score=after[index]))
            lines.append(f"- {name}: {', '.join(parts)}")
        lines.append("")

    if outline.followup is not None:
        answer = outline.followup.answer.capitalize()
        lines += ["## " + _("How the last agreement went"), "", *_quoted(outline.followup.agreement), "",
                  f"{answer}.", ""]

    lines += ["## " + _("Steps"), ""]
    if not outline.steps:
        lines += [_("No turns were taken."), ""]
    for moment in outline.moments:
        if isinstance(moment, BreatherLine):
            lines += ["### " + _("Breather · {length}").format(length=clock(moment.seconds)), ""]
            continue
        turn = moment.turn
        lines += [f"### {moment.number}. {markdown_text(turn.title)}", "",
                  f"{markdown_text(moment.speaker)} · {turn_line(turn)}", ""]
        if turn.note:
            lines += _quoted(turn.note)
            if moment.noted_by:
                lines += [">", "> " + _("(noted by {name})").format(name=markdown_text(moment.noted_by))]
            lines.append("")

    if outline.learned:
        lines += ["## " + _("What we learned"), ""]
        for name, text in outline.learned:
            lines.append(f"- **{markdown_text(name)}:** {markdown_text(text).replace(chr(10), ' ')}")
        lines.append("")
    lines += ["## " + _("What we agree to try"), ""]
    lines += [*_quoted(outline.agreement), ""] if outline.agreement else [_("Nothing was agreed this time."), ""]
    lines += ["---", "", _("Exported from bridges: session {id}").format(id=markdown_text(session_id)), ""]
    return "\n".join(lines)


FORMS = ("markdown", "toml")


def exported(path: Path, transcript: Transcript, form: str, text: str | None = None) -> str:
    """The text of an export: the Markdown document, or the session's own TOML as it is
    on disk (`transcript` is that file, already read and checked; `text`, its TOML when
    the file itself is encrypted)."""
    if form == "toml":
        return text if text is not None else path.read_text(encoding="utf-8-sig")
    if form != "markdown":
        raise ValueError(f"export as markdown or toml, not {form!r}")
    return session_markdown(transcript, session_id(path.name))
