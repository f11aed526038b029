"""Runs `bridges` with an audit hook that logs, with a monotonic time stamp, every
module imported and every file opened, to the file named by BRIDGES_BENCH_AUDIT_LOG.

The benchmark compares those time stamps with the moment the first screen appeared,
to tell what was imported or read before it. (Audit hooks cost time, so this run is
never one of the timed ones.)
"""

import os
import sys
import time

_log = os.open(os.environ.pop("BRIDGES_BENCH_AUDIT_LOG"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)


def _record(event: str, args: tuple) -> None:
    if event == "import":
        what = args[0]
    elif event == "open":
        path = args[0]
        if isinstance(path, int) or path is None:
            return
        what = os.fsdecode(path)
    else:
        return
    os.write(_log, f"{time.monotonic():.6f}\t{event}\t{what}\n".encode("utf-8", "replace"))


sys.addaudithook(_record)

from bridges_tui.cli import main  # noqa: E402 - imported after the hook on purpose

sys.exit(main(sys.argv[1:]))
