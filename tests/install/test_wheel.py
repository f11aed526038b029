"""Build the wheel, install it into a fresh venv, and run it as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_installs_and_runs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheels = list(dist.glob("bridges_tui-*.whl"))
    assert len(wheels) == 1, wheels

    target = tmp_path / "venv"
    # Share this venv's packages so the test needs no network; bridges itself
    # comes only from the wheel.
    venv.create(target, with_pip=True, system_site_packages=True)
    python = target / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", str(wheels[0])],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "BRIDGES_HOME": str(tmp_path / "home")}
    # Run from an empty folder so nothing resolves to the source checkout.
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    version = subprocess.run(
        [target / "bin" / "bridges", "--version"],
        capture_output=True, text=True, env=env, cwd=outside, check=True,
    )
    assert version.stdout.startswith("bridges ")

    where = subprocess.run(
        [python, "-c",
         "import bridges_tui, pathlib; print(pathlib.Path(bridges_tui.__file__).parent)"],
        capture_output=True, text=True, env=env, cwd=outside, check=True,
    )
    installed = Path(where.stdout.strip())
    assert ROOT not in installed.parents, f"imported the checkout, not the wheel: {installed}"
    assert (installed / "styles" / "bridges.tcss").is_file()
    english = sorted(p.name for p in (installed / "practices").glob("*.toml"))
    assert english
    # Every practice in every language ships: the translations beside the English.
    for language in ("es", "de"):
        assert sorted(p.name for p in (installed / "practices" / language).glob("*.toml")) == english
    assert not (installed / "testing").exists(), "the test support went into the wheel"

    styles = subprocess.run(
        [python, "-c", "from bridges_tui.tui.styles import styles_dir; print(styles_dir())"],
        capture_output=True, text=True, env=env, cwd=outside, check=True,
    )
    assert Path(styles.stdout.strip()) == installed / "styles"
