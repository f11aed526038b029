"""What the tests, `scripts/torture` and `scripts/bench` share: fake clocks, sample
sessions, Hypothesis strategies, a runner for the `bridges` command and Pilot helpers.

Not part of the app: the wheel leaves it out, and an import contract in
`pyproject.toml` forbids every other part of bridges from importing it. It is
importable from a checkout's editable install (`scripts/test` sets one up).
Empty of imports: each module says what it needs.
"""
