"""requirements.lock (what scripts/setup.sh installs) agrees with pyproject.toml (the ranges): every dependency, of
the application, the tests and the bundle, is pinned to one version inside its range, with hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def _pins() -> dict[str, tuple[str, list[str]]]:
    """name → (version, hashes) from the lock file."""
    pins: dict[str, tuple[str, list[str]]] = {}
    name = ""
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if match := re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line):
            name = canonicalize_name(match.group(1))
            pins[name] = (match.group(2), [])
        elif match := re.search(r"--hash=(sha256:[0-9a-f]{64})", line):
            pins[name][1].append(match.group(1))
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [Requirement(text) for text in project["dependencies"]]
    for extra in ("test", "bundle"):
        declared += [Requirement(text) for text in project["optional-dependencies"][extra]]
    return declared


def test_every_dependency_is_pinned_inside_its_range():
    pins = _pins()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is in pyproject.toml but not in requirements.lock"
        version, _hashes = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), f"{name}=={version} is outside {requirement}"


def test_every_pin_carries_hashes():
    pins = _pins()
    assert len(pins) > len(_declared())  # the dependencies of the dependencies are pinned too
    assert [name for name, (_version, hashes) in pins.items() if not hashes] == []
