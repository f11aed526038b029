"""`scripts/bench`: measure bridges against its performance budgets and print one table.

Usage: scripts/bench [--runs N] [--seconds S] [--markdown FILE] [--only NAME ...]
Exit status 0 when every budget passes, 1 when any fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench_lib import apps, locked, probes, records
from bench_lib.apps import BARE, HISTORY, SETUP, SETUP_DE, TALK, TALK_DE, child_env, commands_available
from bench_lib.records import TURNS
from bench_lib.report import Row, header, load_average, markdown, plain, progress
from bridges_tui.testing.sessions import long_history

SESSIONS = 1000
FRAME_MS = 1000 / 60
#: Rounds of key presses (a fresh bare app and a fresh bridges each).
KEY_ROUNDS = 6
NOT_BUILT = "not built yet"
#: Modules that only later screens need: history, statistics (summary, trends), replay.
LATER_ONLY = re.compile(r"^bridges_tui\.\S*(history|summary|replay|trend|statistic|stats)")


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{1000 * seconds:.0f} ms"


def mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def ratio_row(item: str, measure: str, mine: list[float], bare: list[float], limit: float, show) -> Row:
    ratio = med(mine) / med(bare)
    return Row(item, measure, f"{show(med(mine))} ({ratio:.2f}×)", show(med(bare)), f"≤ {limit}× bare", ratio <= limit)


def failed_rows(item: str, measure: str, budget: str, error: BaseException) -> list[Row]:
    text = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"[:90]
    traceback.print_exception(error, file=sys.stderr)
    return [Row(item, measure, f"error: {text}", "—", budget, False)]


class Bench:
    def __init__(self, runs: int, seconds: float, workdir: Path) -> None:
        self.runs = runs
        self.seconds = seconds
        self.workdir = workdir
        self.rows: list[Row] = []
        progress(f"writing {SESSIONS:,} sessions of 40 turns with the real store")
        started = time.monotonic()
        self.history_home = workdir / "history"
        long_history(self.history_home, SESSIONS, turns=TURNS)
        progress(f"… in {time.monotonic() - started:.1f} s")
        self.available = commands_available(child_env(self.history_home))
        if "list" in self.available:
            # A couple's history index is built the first time they look back; every
            # later look uses it. Measure that usual case: build it now, untimed.
            records.warm_index(self.history_home)
        self.homes = probes.Homes(self.history_home)
        self.has_history = "history" in self.available
        self.has_list = "list" in self.available
        self.paints: dict[str, probes.FirstPaint] = {}

    def attempt(self, item: str, measure: str, budget: str, build: Callable[[], list[Row]]) -> None:
        try:
            self.rows += build()
        except Exception as error:
            self.rows += failed_rows(item, measure, budget, error)

    # --- 1 --------------------------------------------------------------------------

    def startup(self) -> list[Row]:
        programs = [BARE, SETUP, TALK, SETUP_DE, TALK_DE] + ([HISTORY] if self.has_history else [])
        progress(f"first paint: {self.runs} rounds of {', '.join(p.key for p in programs)}")
        self.paints = probes.first_paints(programs, self.homes, self.runs)
        bare = self.paints["bare"].seconds
        return [
            ratio_row("1", f"startup to first paint: {SETUP.label}", self.paints["setup"].seconds, bare, 1.3, ms),
            ratio_row("1", f"startup to first paint: {TALK.label}", self.paints["talk"].seconds, bare, 1.3, ms),
            ratio_row("1", f"startup to first paint: {SETUP_DE.label}", self.paints["setup-de"].seconds, bare, 1.3, ms),
            ratio_row("1", f"startup to first paint: {TALK_DE.label}", self.paints["talk-de"].seconds, bare, 1.3, ms),
        ]

    def first_screen_only(self) -> list[Row]:
        progress("what is imported and read before the first screen")
        known = self.homes._known
        rows = []
        for program, language in ((SETUP, None), (TALK, None), (SETUP_DE, "de"), (TALK_DE, "de")):
            loaded = probes.loaded_before_first_paint(program, self.homes)
            later = sorted({name for name in loaded.modules if LATER_ONLY.match(name)})
            sessions = [path for path in loaded.files if "/sessions/" in path and Path(path).name in known]
            scripts = sorted({
                Path(path).name for path in loaded.files if "/practices/" in path and path.endswith(".toml")
            })
            extra_scripts = [
                name for name in scripts if program in (TALK, TALK_DE) and name != "share-the-why.toml"
            ]
            # One catalog, the language spoken's, and never the others'.
            catalogs = sorted({path for path in loaded.files if path.endswith(".mo")})
            other_catalogs = [path for path in catalogs if f"/locale/{language}/" not in path]
            problems = []
            if later:
                problems.append("imports " + ", ".join(name.removeprefix("bridges_tui.") for name in later))
            if "pyrage" in loaded.modules:
                problems.append("imports pyrage (the lock), though the folder is not locked")
            if sessions:
                problems.append(f"reads {len(set(sessions))} of {len(known)} past sessions")
            if extra_scripts:
                problems.append("reads practice " + ", ".join(extra_scripts))
            if other_catalogs:
                problems.append("reads catalogs " + ", ".join(path.split("/locale/")[-1] for path in other_catalogs))
            if language and not catalogs:
                problems.append(f"reads no {language} catalog")
            own = sum(1 for name in loaded.modules if name.startswith("bridges_tui"))
            summary = "; ".join(problems) or (
                f"only what it shows ({own} bridges modules, {len(scripts)} practice files, "
                f"{len(catalogs)} catalog{'' if len(catalogs) == 1 else 's'})"
            )
            rows.append(Row("1", f"loaded before first paint: {program.label}", summary, "—",
                            "no history, statistics, other practices or languages, pyrage", not problems))
        return rows

    # --- 2 --------------------------------------------------------------------------

    def idle(self) -> list[Row]:
        progress(f"idle: {self.seconds:.0f} s of the bare app, then {self.seconds:.0f} s of a running turn")
        bare = probes.idle(BARE, self.homes, self.seconds)
        mine = probes.idle(TALK, self.homes, self.seconds)
        return [Row(
            "2", f"idle CPU with the turn clock running ({mine.ran})",
            f"{mine.cpu_percent:.2f}% of a core, {mine.bytes_per_s:,.0f} B/s, {mine.frames_per_s:.1f} frames/s",
            f"{bare.cpu_percent:.2f}%, {bare.bytes_per_s:,.0f} B/s",
            "< 1% of a core", mine.cpu_percent < 1.0,
        )]

    # --- 3 --------------------------------------------------------------------------

    def clock(self) -> list[Row]:
        progress(f"clock accuracy: {self.seconds:.0f} s, frozen 250 ms every 3 s")
        result = probes.clock_accuracy(self.homes, self.seconds)
        end_ok = result.end_shown == result.end_truth
        ok = result.worst_ms <= 50 and result.missing == 0 and end_ok and abs(result.drift_ms) <= FRAME_MS
        shown = probes._clock(result.end_shown)
        detail = (
            f"worst {result.worst_ms:.0f} ms off over {result.changes} changes"
            + (f", {result.missing} seconds never shown" if result.missing else "")
            + f"; end shows {shown} ({'= truth' if end_ok else 'truth ' + probes._clock(result.end_truth)})"
            + f", drift {result.drift_ms:+.0f} ms"
        )
        return [Row("3", "clock vs monotonic truth, app frozen 250 ms every 3 s", detail, "—",
                    "≤ 50 ms off once unblocked; no drift", ok)]

    # --- 4 --------------------------------------------------------------------------

    def keys(self) -> list[Row]:
        progress("key to frame: space and p, bare app then bridges")
        bare, mine = probes.KeyTimes(), probes.KeyTimes()
        # Each round: 3 starts, 3 hand-overs, 12 p (the first three steps of share the
        # why; the fourth asks for a note); bare app first. Six rounds: eighteen of each
        # kind of space, so that a few slow frames on a busy machine cannot decide a median.
        for _ in range(KEY_ROUNDS):
            probes.key_to_frame(BARE, self.homes, bare)
            probes.key_to_frame(TALK, self.homes, mine)
        rows = []
        for key, meaning in (("start", "space: start the turn"), ("hand-over", "space: hand over (autosaves)"),
                             ("p", "p: pause / resume")):
            times = mine.by_key.get(key, [])
            reference = bare.by_key.get(key, [])
            missed = [text for text in mine.missed if text.startswith(key)]
            ok = bool(times) and not missed and med(times) <= FRAME_MS
            detail = (
                f"median {med(times):.1f} ms, worst {max(times, default=float('nan')):.1f} ms "
                f"({len(times)} presses; first byte {med(mine.first_byte.get(key, [])):.1f} ms)"
                + (f"; {len(missed)} never shown" if missed else "")
            )
            rows.append(Row("4", f"key to frame: {meaning}", detail,
                            f"median {med(reference):.1f} ms", f"median ≤ {FRAME_MS:.1f} ms (one frame)", ok))
        return rows

    def hide(self) -> list[Row]:
        progress("key to frame: the hide key (F12, ctrl+g) mid-turn, bare app's p for reference")
        bare, mine = probes.KeyTimes(), probes.KeyTimes()
        for _ in range(KEY_ROUNDS):
            probes.bare_presses(self.homes, bare)
            probes.hide_to_frame(self.homes, mine)
        hide, back = mine.by_key.get("hide", []), mine.by_key.get("back", [])
        ok = bool(hide) and bool(back) and not mine.missed and max(med(hide), med(back)) <= FRAME_MS
        detail = (
            f"hide: median {med(hide):.1f} ms, worst {max(hide, default=float('nan')):.1f} ms; "
            f"back: median {med(back):.1f} ms, worst {max(back, default=float('nan')):.1f} ms "
            f"({len(hide)} each way)" + (f"; {len(mine.missed)} never shown" if mine.missed else "")
        )
        reference = bare.by_key.get("p", [])
        return [Row("4", "hide key to frame: F12 / ctrl+g mid-turn, and back", detail,
                    f"median {med(reference):.1f} ms", f"median ≤ {FRAME_MS:.1f} ms (one frame)", ok)]

    # --- 5 --------------------------------------------------------------------------

    def history(self) -> list[Row]:
        measure = f"history usable, {SESSIONS:,} sessions (first paint − bare first paint)"
        budget = "≤ 300 ms over bare"
        if not self.has_history:
            return [Row("5", measure, NOT_BUILT, "—", budget, False)]
        mine, bare = med(self.paints["history"].seconds), med(self.paints["bare"].seconds)
        return [Row("5", measure, f"+{ms(mine - bare)} ({ms(mine)} in all)", ms(bare), budget, mine - bare <= 0.3)]

    def listing(self) -> list[Row]:
        rows = []
        measure = f"`bridges list` ({SESSIONS:,} sessions) vs `bridges --version`"
        if not self.has_list:
            rows.append(Row("5", measure, NOT_BUILT, "—", "≤ 2× --version", False))
        else:
            progress(f"`bridges list` against `bridges --version`, {self.runs} each")
            result = records.listing(self.history_home, self.runs)
            ratio = med(result.list_s) / med(result.version_s)
            rows.append(Row("5", measure, f"{ms(med(result.list_s))} ({ratio:.2f}×, {result.lines} lines)",
                            f"--version {ms(med(result.version_s))}", "≤ 2× --version", ratio <= 2))
        imported = records.version_imports(self.history_home)
        rows.append(Row("5", "`bridges --version` imports no Textual",
                        "imports textual" if "textual" in imported else "no textual", "—",
                        "no textual", "textual" not in imported))
        return rows

    def locked_history(self) -> list[Row]:
        measure = f"history usable, {SESSIONS:,} locked sessions, after the passphrase"
        budget = "≤ 300 ms over bare"
        if not self.has_history:
            return [Row("5", measure, NOT_BUILT, "—", budget, False)]
        progress(f"locking a copy of the {SESSIONS:,} sessions")
        home = locked.locked_copy(self.history_home, self.workdir / "locked")
        runs = max(5, self.runs // 2)  # each run derives the key twice: seconds each
        progress(f"locked history: {runs} starts of `bridges history`, unlocked with the passphrase")
        result = locked.locked_history(home, runs)
        bare = med(self.paints["bare"].seconds)
        after = med([shown - kdf for shown, kdf in zip(result.to_history, result.derivation, strict=True)])
        over = med(result.unlock_paint) + after - bare
        factor = locked.work_factor(home)
        return [
            Row("5", f"{measure} (unlock screen + Enter→history − key derivation − bare first paint)",
                f"+{ms(over)} (unlock screen {ms(med(result.unlock_paint))}, Enter→history "
                f"{ms(med(result.to_history))}, of it the key {ms(med(result.derivation))})",
                ms(bare), budget, over <= 0.3),
            Row("5", "key derivation at the passphrase (age's scrypt, once per start)",
                f"median {med(result.derivation):.2f} s, work factor 2^{factor} ({len(result.derivation)} runs)",
                "—", "reported; age's own strength kept (2^18 or more)", factor is not None and factor >= 18),
        ]

    # --- 6 --------------------------------------------------------------------------

    def saving(self) -> list[Row]:
        rows = []
        for is_locked in (False, True):
            progress(f"autosave of a 40-turn session, 200 times{' (locked)' if is_locked else ''}")
            result = records.autosave(locked=is_locked)
            median, worst = med(result.ms), max(result.ms)
            ok = median < 5 and worst <= FRAME_MS
            what = "autosave while locked (encrypted)" if is_locked else "autosave"
            rows.append(Row("6", f"{what}, 40-turn session ({result.file_kib:.0f} KiB file)",
                            f"median {median:.2f} ms, worst {worst:.2f} ms ({len(result.ms)} saves)", "—",
                            f"median < 5 ms, worst ≤ {FRAME_MS:.1f} ms", ok))
        return rows

    # --- 7 --------------------------------------------------------------------------

    def memory(self) -> list[Row]:
        bare = [float(kib) for kib in self.paints["bare"].peak_kib]
        rows = [ratio_row("7", "peak memory: conversation screen", [float(k) for k in self.paints["talk"].peak_kib],
                          bare, 1.5, mib)]
        measure = f"peak memory: history with {SESSIONS:,} sessions"
        if not self.has_history:
            rows.append(Row("7", measure, NOT_BUILT, "—", "≤ 1.5× bare", False))
        else:
            rows.append(ratio_row("7", measure, [float(k) for k in self.paints["history"].peak_kib], bare, 1.5, mib))
        return rows

    def run(self, only: list[str] | None = None) -> list[Row]:
        """Every measure in order, or those named in `only` (`--only`)."""
        for name, item, measure, budget in MEASURES:
            if only is None or name in only:
                self.attempt(item, measure, budget, getattr(self, name))
        return self.rows


#: Each measure: the `Bench` method that makes it (the name `--only` takes), its item,
#: what it measures and its budget. history and memory read what startup measured.
MEASURES = (
    ("startup", "1", "startup to first paint", "≤ 1.3× bare"),
    ("first_screen_only", "1", "loaded before first paint", "nothing later screens need"),
    ("idle", "2", "idle CPU with the turn clock running", "< 1% of a core"),
    ("clock", "3", "clock accuracy", "≤ 50 ms off; no drift"),
    ("keys", "4", "key to frame", f"≤ {FRAME_MS:.1f} ms"),
    ("hide", "4", "hide key to frame", f"≤ {FRAME_MS:.1f} ms"),
    ("history", "5", "history usable", "≤ 300 ms over bare"),
    ("listing", "5", "`bridges list`", "≤ 2× --version"),
    ("locked_history", "5", "history usable, locked", "≤ 300 ms over bare"),
    ("saving", "6", "autosave", "< 5 ms"),
    ("memory", "7", "peak memory", "≤ 1.5× bare"),
)


def measure_the_source(src: Path, argv: list[str]) -> None:
    """Make the in-process measures (the history written, the autosave) use the
    bridges_tui under `src`, as the programs under test do (`apps.child_env`): start
    this benchmark again with `src` first on its PYTHONPATH, unless it already is."""
    spec = importlib.util.find_spec("bridges_tui")
    if spec is not None and spec.origin is not None and Path(spec.origin).is_relative_to(src):
        return
    path = os.pathsep.join(filter(None, (str(src), os.environ.get("PYTHONPATH"))))
    os.execve(sys.executable, [sys.executable, "-m", "bench_lib", *argv],
              {**os.environ, "PYTHONPATH": path})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs of each quick measure (at least 5; default 11)")
    parser.add_argument("--seconds", type=float, default=30.0,
                        help="length of the idle and clock runs (default 30)")
    parser.add_argument("--markdown", metavar="FILE", type=Path, help="also write the table as Markdown to FILE")
    parser.add_argument("--only", metavar="NAME", action="append",
                        choices=[name for name, *_ in MEASURES],
                        help="make only this measure (again for more; history and memory need "
                             "startup too): a quick look at one line, not a verdict on all")
    parser.add_argument("--source", metavar="DIR", type=Path,
                        help="measure the bridges_tui under DIR/src (a scratch copy with a change "
                             "to try) instead of this checkout's")
    args = parser.parse_args(argv)
    if args.source is not None:
        apps.SOURCE = args.source.resolve()
        measure_the_source(apps.SOURCE / "src", sys.argv[1:] if argv is None else argv)
        progress(f"measuring the bridges_tui in {apps.SOURCE / 'src'}")
    if args.runs < 5:
        parser.error("--runs must be at least 5 (the budgets are medians of at least 5 runs)")
    started = time.monotonic()
    load_before = load_average()
    workdir = Path(tempfile.mkdtemp(prefix="bridges-bench-"))
    bench = None
    try:
        bench = Bench(args.runs, args.seconds, workdir)
        rows = bench.run(args.only)
    finally:
        if bench is not None:
            bench.homes.remove()
        shutil.rmtree(workdir, ignore_errors=True)
    head = header(args.runs, args.seconds, time.monotonic() - started, load_before)
    print(plain(rows, head))
    if args.markdown:
        args.markdown.write_text(markdown(rows, head), encoding="utf-8")
        progress(f"Markdown table written to {args.markdown}")
    return 0 if all(row.ok for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
