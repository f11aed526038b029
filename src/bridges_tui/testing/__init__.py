"""What the tests, `scripts/torture` and `scripts/bench` share: fake clocks, sample
sessions, Hypothesis strategies, a runner for the `bridges` command and Pilot helpers.

- `clock`: the fake clock (monotonic and wall time that move only when told) and START.
- `sessions`: the one generator of realistic sessions (the bench's long history, the
  demo's), sessions whose notes are known by number (crash trials), unreadable files.
- `history`: the small fixed history that the tests of looking back assert against.
- `strategies`: Hypothesis strategies (the only module here that imports Hypothesis,
  a test extra; the bench's environment has none).
- `cli`: `bridges(...)`, the real command in a fresh process.
- `talk`: the app opened into a conversation on the fake clock, and turns taken in it.
- `files`: permission bits, and calls that fail the way a disk does.

Not part of the app: the wheel leaves it out, and an import contract in
`pyproject.toml` forbids every other part of bridges from importing it. It is
importable from a checkout's editable install (`scripts/test` sets one up).
Empty of imports: each module says what it needs.
"""
