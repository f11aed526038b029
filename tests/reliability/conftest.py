"""The reliability suite's fast subset: the checks `scripts/torture` runs, a few trials
each. The checks live in `scripts/torture_lib/`; this puts them within reach."""

from __future__ import annotations

import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))
