"""Finds the Textual stylesheets, from an installed wheel or from a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def styles_dir() -> Path:
    """The folder holding the `.tcss` files.

    A wheel carries them inside the package (`bridges_tui/styles`, mapped there by
    hatch's force-include); an editable install reads the repository's `styles/`.
    """
    packaged = _PACKAGE / "styles"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent.parent / "styles"


def stylesheets() -> list[Path]:
    """Every stylesheet the app loads, in a fixed order."""
    return sorted(styles_dir().glob("*.tcss"))
