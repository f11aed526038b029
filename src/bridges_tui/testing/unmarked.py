"""Finds the sentences in `src/bridges_tui` that a person would read but that are not
marked for translation (not inside `_()`, `n_()` or `N_()`): the test of issue 18's
"every user-facing string is marked", and a tool for whoever marks them
(`python -m bridges_tui.testing.unmarked [FILE...]` lists what is left, by line).

What counts as a sentence is decided from the code, not by a list of every string:
a string literal (an f-string's text included) with a letter in it, unless it is

- a docstring, or an argument of a call that never reaches a person (logging,
  `query_one`, `add_class`, `re.compile`, `os.environ.get`, `getattr`, …);
- a keyword argument naming a widget, a class, a key or an action (`id=`, `classes=`);
- a word of the code: lower case with no space ("complete", "ctrl+s", "#notes",
  "share-the-why", "a_share"), a dunder name, a format pattern, a line of a
  practice script (`speaker = "lead"`);
- a dictionary key, a subscript, or one side of a comparison (`status == "complete"`);
- in the short, explained allow-list of `ALLOWED` below.

Every sentence that is left must be wrapped, or added to `ALLOWED` with its reason.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent

#: Where a person's words never are: the test support itself, and the files that
#: only a build step or a developer reads.
SKIPPED_PARTS = ("testing",)

#: Calls whose string arguments never reach a person.
QUIET_CALLS = frozenset(
    (
        "query query_one query_exactly_one query_children get_child_by_id "
        "get_widget_by_id add_class remove_class set_class has_class toggle_class "
        "set_classes compile match search fullmatch sub split findall finditer getenv get "
        "setdefault pop getattr setattr hasattr startswith endswith strip rstrip lstrip "
        "replace join encode decode open strftime strptime fromisoformat debug info "
        "warning exception log import_module run_action simulate_key press bind "
        "post_message call_after_refresh set_timer set_interval run_worker TypeVar "
        "NewType namedtuple field cast isinstance format_clock with_suffix joinpath glob "
        "rglob mkstemp NamedTemporaryFile Path environ struct pack unpack partition "
        "rpartition count index find rfind removeprefix removesuffix ljust rjust center "
        "format_datetime format_date format_skeleton format_time format_timedelta Locale "
        "parse translation ngettext gettext _ n_ N_ action styled __init_subclass__"
    ).split()
)
#: Keyword arguments that name a thing rather than say something.
QUIET_KEYWORDS = frozenset(
    (
        "id classes name variant key action group key_display encoding errors mode style "
        "border align markup end sep dest metavar suffix prefix dir newline exit_on_error "
        "tags justify overflow thread exclusive kind default"
    ).split()
)

_TOML_LINE = re.compile(r'^[a-z_.]+ =(?: (?:"[^"]*"|[a-z0-9]*|\{ [a-z]+ = .*\}))?$')
_CODE_WORD = re.compile(r"^[a-z0-9_.:#/+\-\[\]<>=*%${}()|,;!?@^~\\ ]*$")
_HAS_LETTER = re.compile(r"[A-Za-z]{2}")


@dataclass(frozen=True, order=True)
class Unmarked:
    """One sentence a person would read that no catalog can translate."""

    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


#: Sentences left unmarked on purpose, by file and text, each with its reason.
ALLOWED: dict[tuple[str, str], str] = {
    ("bridges_tui/core/language/choice.py", "English"): "each language's own name, the same in every language",
    ("bridges_tui/core/language/choice.py", "Español"): "each language's own name, the same in every language",
    ("bridges_tui/core/language/choice.py", "Deutsch"): "each language's own name, the same in every language",
    ("bridges_tui/core/language/words.py", "LC_MESSAGES"): "a folder's name in gettext's layout",
    ("bridges_tui/core/language/words.py", "its words are missing"): "said when no catalog reads: in English",
    ("bridges_tui/core/language/words.py", "its words could not be read ()"): "said when no catalog reads: in English",
    ("bridges_tui/core/language/words.py", "bridges can't speak “” here:  (), so it carries on in English."): (
        "said when no catalog reads: in English"
    ),
    ("bridges_tui/core/text/partner_keys.py", "NFKD"): "a Unicode normalization form",
    ("bridges_tui/tui/crash.py", "Traceback (most recent call last):\n\n"): "Python's words, in a log for a bug report",
    ("bridges_tui/tui/widgets/partner_pane.py", "partner-pane -"): "CSS classes, built with the role's name",
    ("bridges_tui/core/files/safe_files.py", "save to"): "a key of FAILED_ACTIONS, naming a sentence",
    ("bridges_tui/core/looking_back/letting_go.py", "let go of"): "a key of FAILED_ACTIONS, naming a sentence",
    ("bridges_tui/core/talk/keys.py", "Space"): "a key cap's name, as the key bar names every key",
    ("bridges_tui/core/practice_scripts/finding.py", "NFKD"): "a Unicode normalization form",
    **{("bridges_tui/core/practice_scripts/checks.py", opening): "tomllib's own English opening, matched, not shown"
       for opening in ("Invalid value", "Cannot overwrite", "Cannot declare", "Expected '='", "Unclosed",
                       "Unterminated string", "Illegal character")},
}

#: Files whose words are in one language by design, with the reason.
ALLOWED_FILES: dict[str, str] = {
    "bridges_tui/core/text/hint_rules.py": "the English hint rules: each language has its own rules, in its own words",
}

#: Built-in exceptions raised for a programmer's mistake (a turn paused twice, a
#: negative length): their messages are for a developer's traceback. Anything a
#: person is told is raised as one of bridges' own errors, which are scanned.
PROGRAMMER_ERRORS = frozenset(
    (
        "ValueError TypeError RuntimeError AssertionError NotImplementedError KeyError "
        "IndexError AttributeError LookupError FrozenInstanceError"
    ).split()
)


def _looks_like_code(text: str) -> bool:
    if not _HAS_LETTER.search(text):
        return True
    stripped = text.strip()
    if " " not in stripped and _CODE_WORD.match(stripped):
        return True  # "complete", "ctrl+s", "#notes", "share-the-why"
    if stripped.startswith("__") and stripped.endswith("__"):
        return True
    if _TOML_LINE.match(stripped):
        return True  # 'speaker = "lead"': a line of a practice script, the same in every language
    return False


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


class _Finder(ast.NodeVisitor):
    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[Unmarked] = []

    # Places whose strings never reach a person: skipped whole.
    def visit_Call(self, node: ast.Call) -> None:
        if _call_name(node) in QUIET_CALLS:
            return
        self.visit(node.func)
        # A Binding's first two arguments are its keys and its action: code, not words.
        args = node.args[2:] if _call_name(node) == "Binding" else node.args
        for arg in args:
            self.visit(arg)
        for keyword in node.keywords:
            if keyword.arg not in QUIET_KEYWORDS:
                self.visit(keyword.value)

    def visit_Raise(self, node: ast.Raise) -> None:
        exc = node.exc
        if isinstance(exc, ast.Call) and _call_name(exc) in PROGRAMMER_ERRORS:
            return
        if exc is not None:
            self.visit(exc)

    def visit_Assert(self, node: ast.Assert) -> None:
        self.visit(node.test)

    def visit_Compare(self, node: ast.Compare) -> None:
        for side in (node.left, *node.comparators):
            if not isinstance(side, ast.Constant | ast.Tuple | ast.List | ast.Set):
                self.visit(side)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self.visit(node.value)

    def visit_Dict(self, node: ast.Dict) -> None:
        for value in node.values:
            self.visit(value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)

    def visit_arg(self, node: ast.arg) -> None:
        return

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if node.name in ("__repr__", "__rich_repr__"):
            return  # for a developer's debugger
        for default in (*node.args.defaults, *node.args.kw_defaults):
            if default is not None:
                self.visit(default)
        self._body(node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for keyword in node.keywords:
            self.visit(keyword.value)
        self._body(node.body)

    def visit_Module(self, node: ast.Module) -> None:
        self._body(node.body)

    def _body(self, body: list[ast.stmt]) -> None:
        for index, statement in enumerate(body):
            if index == 0 and isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                continue  # the docstring
            if _is_quiet_assignment(statement):
                continue
            self.visit(statement)

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Constant):
            return  # a string standing alone: an attribute's docstring
        self.visit(node.value)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        pieces = [part.value for part in node.values if isinstance(part, ast.Constant)]
        text = "".join(piece for piece in pieces if isinstance(piece, str))
        self._consider(node, text)
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                self.visit(part.value)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self._consider(node, node.value)

    def _consider(self, node: ast.expr, text: str) -> None:
        if _looks_like_code(text) or (self.path, text) in ALLOWED:
            return
        self.found.append(Unmarked(self.path, node.lineno, text))


#: Module-level names whose strings are code, not words (CSS, `__all__`, patterns).
_QUIET_TARGETS = re.compile(
    r"^(__\w+__|DEFAULT_CSS|CSS|CSS_PATH|[A-Z_]*(PATTERN|RE|REGEX|FORMAT|KEYS?|IDS?|SUFFIX|GLOB)S?)$"
)


def _is_quiet_assignment(statement: ast.stmt) -> bool:
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = list(statement.targets)
    elif isinstance(statement, ast.AnnAssign):
        targets = [statement.target]
    names = [target.id for target in targets if isinstance(target, ast.Name)]
    names += [target.attr for target in targets if isinstance(target, ast.Attribute)]
    return bool(names) and all(_QUIET_TARGETS.match(name) for name in names)


def unmarked_in(path: Path) -> list[Unmarked]:
    """The unmarked sentences of one Python file."""
    resolved = path.resolve()
    shown = resolved.relative_to(PACKAGE.parent).as_posix() if resolved.is_relative_to(PACKAGE.parent) else path.name
    if shown in ALLOWED_FILES:
        return []
    finder = _Finder(shown)
    finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return sorted(finder.found)


def unmarked(package: Path = PACKAGE) -> list[Unmarked]:
    """Every unmarked sentence in the package, by file and line."""
    found: list[Unmarked] = []
    for path in sorted(package.rglob("*.py")):
        if any(part in SKIPPED_PARTS for part in path.relative_to(package).parts):
            continue
        found += unmarked_in(path)
    return found


def main(argv: list[str]) -> int:
    """List the unmarked sentences of the files named (or of the whole package)."""
    found = [item for path in argv for item in unmarked_in(Path(path))] if argv else unmarked()
    for item in found:
        print(item)
    print(f"{len(found)} unmarked", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
