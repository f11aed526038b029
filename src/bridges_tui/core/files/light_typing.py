"""`TYPE_CHECKING` and `cast` for the modules `bridges list` imports, without `typing`.

`bridges list` does not otherwise import `typing`, and importing it after what the
command loads costs about 4 ms (median of 21 runs of `python -c` importing the
command's modules, with and without `typing` after them): a sixth of `bridges
--version`'s whole start. Type checkers know the name `TYPE_CHECKING` and read it as True; at run time it
is False, and `cast` does what `typing.cast` does at run time: nothing.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import cast as cast
else:

    def cast(kind, value):  # typing.cast at run time
        return value
