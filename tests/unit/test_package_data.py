"""resources/ reaches every kind of install: pyproject's package data for `pip install .`, build.spec for the bundle.

A data file added to resources/ but left out of the package-data globs would be missing only from a non-editable
install, where no test of the checkout would notice: these tests compare the globs with the files themselves.
"""

from __future__ import annotations

import glob
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
# in resources/ but not read at run time: the package marker and the translation source (the .qm is what ships)
NOT_SHIPPED = {"__init__.py", "i18n/pishkhan_en.ts"}


def _resource_files() -> set[str]:
    """Every file of resources/ that git tracks or would track (new files not ignored), relative to resources/."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", "resources"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    files = {Path(name).relative_to("resources").as_posix() for name in listed.decode().split("\0") if name}
    return {name for name in files if (RESOURCES / name).is_file()}


def _package_data_globs() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    assert "resources" in setuptools["packages"]["find"]["include"]
    return setuptools["package-data"]["resources"]


def test_package_data_globs_take_every_resource_file() -> None:
    """What setuptools' globs select (it globs inside the package folder, as here) must be every shipped file."""
    shipped = _resource_files() - NOT_SHIPPED
    selected: set[str] = set()
    for pattern in _package_data_globs():
        matches = {Path(p).relative_to(RESOURCES).as_posix() for p in glob.glob(str(RESOURCES / pattern))}
        assert matches, f"package-data glob {pattern!r} selects no file"
        selected |= matches
    missing = sorted(shipped - selected)
    assert not missing, f"files of resources/ that `pip install .` would leave out: {missing}"
    assert (RESOURCES / "__init__.py").is_file(), "resources/ must stay a package for its data to install"


def test_bundle_takes_every_resource_folder() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    folders = sorted({name.split("/")[0] for name in _resource_files() - NOT_SHIPPED if "/" in name})
    assert folders
    left_out = [folder for folder in folders if f'"{folder}"' not in spec]
    assert not left_out, f"resources/ folders build.spec does not bundle: {left_out}"
