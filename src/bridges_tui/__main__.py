"""`python -m bridges_tui` runs the same entry point as the `bridges` command."""

from bridges_tui.cli import main

raise SystemExit(main())
