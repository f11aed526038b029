"""The reliability suite behind `scripts/torture` (issue 6): crashes, disk faults,
hostile files, privacy, two bridges at once, long and strange sessions, and the
passphrase lock (SIGKILL during `bridges lock`, `unlock` and `passphrase`; damaged
files in a locked folder), a session off the record killed (nothing of it may be on
disk) and a let-go killed (the session fully there or fully gone).

Each check is a function that runs a number of trials and returns its `Figures`:
trials run, failures (each described), and words lost. `scripts/torture` runs them
at full size and prints one table; `tests/reliability/` runs the same functions with
a few trials each inside `scripts/test`.
"""
