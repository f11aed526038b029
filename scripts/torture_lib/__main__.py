"""`scripts/torture`: run the reliability suite and print its figures table.

Usage: scripts/torture [--quick | --full] [--seed N] [--only NAME ...] [--markdown FILE]
--full (the default) runs at least 100 crash trials, 10,000 hostile cases, 100 kills of each
lock command over 1,000 sessions, 1,000 damaged locked files, 30 kills of a session off the
record and 150 of a let-go over 1,000 sessions, and takes about 50 minutes on two cores (the
lock's kills 31 of them); --quick runs a few of each in about two minutes.
Exit status 0 when every figure is at its goal: no failures, no lost turns or notes.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path

from torture_lib.crash import crash_trials
from torture_lib.crash_write import kill_while_saving
from torture_lib.disk_faults import disk_fault_trials
from torture_lib.figures import Figures, table
from torture_lib.hostile import hostile_practices, hostile_transcripts
from torture_lib.hostile_display import hostile_display
from torture_lib.let_go_kills import let_go_kills
from torture_lib.lock_damage import damaged_locked_files
from torture_lib.lock_kills import lock_kills
from torture_lib.long_sessions import long_and_strange
from torture_lib.off_record import off_record_kills
from torture_lib.privacy import privacy_checks
from torture_lib.two_at_once import two_at_once

#: Each check at full size and quick size: name -> (full, quick) runner makers.
Check = Callable[[int], "Figures | Awaitable[Figures]"]
SIZES: dict[str, tuple[Check, Check]] = {
    "crash": (lambda seed: crash_trials(100, seed=seed), lambda seed: crash_trials(4, seed=seed)),
    "autosave": (lambda seed: kill_while_saving(150, seed), lambda seed: kill_while_saving(10, seed)),
    "disk": (lambda seed: disk_fault_trials(36, seed), lambda seed: disk_fault_trials(6, seed)),
    "transcripts": (lambda seed: hostile_transcripts(7000, seed), lambda seed: hostile_transcripts(300, seed)),
    "scripts": (lambda seed: hostile_practices(3000, seed), lambda seed: hostile_practices(200, seed)),
    "display": (lambda seed: hostile_display(40, seed), lambda seed: hostile_display(3, seed)),
    "privacy": (lambda seed: privacy_checks(2000, seed), lambda seed: privacy_checks(100, seed)),
    "two": (lambda seed: two_at_once(20, 3, seed), lambda seed: two_at_once(3, 1, seed)),
    "long": (lambda seed: long_and_strange(4, 12, 200, seed, rounds=4),
             lambda seed: long_and_strange(0.25, 2, 30, seed)),
    "lock-kills": (lambda seed: lock_kills(100, 1000, seed, per_round=10),
                   lambda seed: lock_kills(2, 200, seed, per_round=2)),
    "lock-damage": (lambda seed: damaged_locked_files(1000, 35, seed),
                    lambda seed: damaged_locked_files(60, 7, seed)),
    "off-record": (lambda seed: off_record_kills(30, seed=seed), lambda seed: off_record_kills(2, seed=seed)),
    "let-go": (lambda seed: let_go_kills(150, 1000, seed, locked_every=5),
               lambda seed: let_go_kills(6, 200, seed)),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/torture", description=__doc__.split("\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--full", action="store_true", help="the whole run (the default)")
    size.add_argument("--quick", action="store_true", help="a few trials of each check")
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000,
                        help="seed for every random choice (printed, to repeat a run)")
    parser.add_argument("--only", nargs="+", choices=sorted(SIZES), metavar="NAME",
                        help=f"run only these checks: {', '.join(SIZES)}")
    parser.add_argument("--markdown", metavar="FILE", help="also write the table to FILE")
    args = parser.parse_args(argv)
    chosen = args.only or list(SIZES)
    mode = "quick" if args.quick else "full"
    print(f"bridges torture ({mode}, seed {args.seed}): {', '.join(chosen)}", flush=True)
    started = time.monotonic()
    rows: list[Figures] = []
    for name in chosen:
        run = SIZES[name][1 if args.quick else 0]
        print(f"  {name} …", end=" ", flush=True)
        try:
            result = run(args.seed)
            figures = asyncio.run(result) if asyncio.iscoroutine(result) else result
        except Exception:
            figures = Figures(name, failures=[f"the check itself broke:\n{traceback.format_exc()}"])
        rows.append(figures)
        verdict = "ok" if figures.ok else f"{len(figures.failures)} FAILURES"
        print(f"{figures.trials} trials, {figures.seconds:.0f} s, {verdict}", flush=True)
    total = time.monotonic() - started
    print()
    print(table(rows, total))
    failed = [row for row in rows if not row.ok]
    for row in failed:
        print()
        print(row.report())
    if args.markdown:
        Path(args.markdown).write_text("```\n" + table(rows, total) + "\n```\n", encoding="utf-8")
    print()
    print("every figure at its goal" if not failed else f"{len(failed)} checks missed their goal")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
