"""The benchmark behind `scripts/bench`: measures bridges against its performance
budgets (issue 7), each beside a bare Textual app run in the same session.

Everything here runs from the outside, the way a couple's terminal sees the app: a
real pseudo-terminal, the bytes the app writes to it, the keys typed into it, and the
kernel's own figures for CPU and memory. The one in-process measure is the autosave,
which calls the real core exactly as the app does.
"""
