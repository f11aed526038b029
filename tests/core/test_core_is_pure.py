"""The core must stand without Textual: the screens depend on it, never the reverse.
Nor does it lean on attrs or Rich (platformdirs, imported when first needed, is all),
which also keeps start-up short."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import bridges_tui.core


def test_no_core_module_imports_textual() -> None:
    modules = [
        info.name
        for info in pkgutil.walk_packages(bridges_tui.core.__path__, "bridges_tui.core.")
    ]
    assert "bridges_tui.core.model.session" in modules
    program = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'attr', 'attrs'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout)
    assert loaded == [], f"core modules pulled in: {loaded}"


def test_version_does_not_import_textual() -> None:
    program = (
        "import sys\n"
        "from bridges_tui.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("bridges 0."), result.stdout
    assert result.stdout.strip().endswith("False")
