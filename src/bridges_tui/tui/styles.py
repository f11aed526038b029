"""Finds the Textual stylesheets, from an installed wheel or from a source checkout.

`bridges.tcss` is what every screen shares; each screen names its own sheet in its
`CSS_PATH` (`sheets("setup")`), and Textual adds it when the screen is first shown.
The app starts with only the shared sheet and its first screen's, so the first frame
parses and matches no rule it cannot use.
"""

from __future__ import annotations

from pathlib import Path, PurePath

TYPE_CHECKING = False
if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet

_PACKAGE = Path(__file__).resolve().parent.parent

#: The sheet every screen shares.
SHARED = "bridges"


def styles_dir() -> Path:
    """The folder holding the `.tcss` files.

    A wheel carries them inside the package (`bridges_tui/styles`, mapped there by
    hatch's force-include); an editable install reads the repository's `styles/`.
    """
    packaged = _PACKAGE / "styles"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent.parent / "styles"


def sheets(*names: str) -> list[str | PurePath]:
    """The stylesheets called `names` (`"setup"` is `setup.tcss`), as Textual reads them
    (its `CSSPathType`: a list of `str | PurePath`)."""
    folder = styles_dir()
    return [str(folder / f"{name}.tcss") for name in names]


def stylesheets() -> list[Path]:
    """Every stylesheet bridges has, in a fixed order."""
    return sorted(styles_dir().glob("*.tcss"))


def read_every_sheet(stylesheet: Stylesheet) -> None:
    """Read into `stylesheet` every sheet it does not have yet, while the first screen
    is looked at. Left to a screen's CSS_PATH, a sheet is read when the screen is first
    shown, and Textual then parses every sheet again (about 20 ms on that key); read
    here, only the new sheets are parsed. No screen shown so far uses their rules."""
    for path in stylesheets():
        if not stylesheet.has_source(str(path)):
            stylesheet.read(path)
    stylesheet.parse()
