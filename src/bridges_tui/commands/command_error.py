"""The error a command raises for a problem the person at the keyboard can fix."""

from __future__ import annotations


class CommandError(Exception):
    """A problem the person at the keyboard can fix; printed without a traceback."""
