"""bridges: a terminal app for couples to take timed, guided turns to talk and listen."""

__version__ = "0.1.0"
