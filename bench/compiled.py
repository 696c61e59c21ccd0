"""Byte-compile a checkout's packages before timing it, as an installed application is (the bundle holds compiled
modules; pip compiles them at install). Where PYTHONDONTWRITEBYTECODE is set, as on this project's machines, a run
would otherwise compile each module from source every time it is first imported: about 220 ms over the first shows
of the counter pages, and tens of milliseconds at start-up."""

from __future__ import annotations

import compileall
from pathlib import Path

PACKAGES = ("civic", "client_api", "desktop", "fees", "printing", "sandbox")


def compile_packages(root: Path) -> None:
    # forced: compileall takes a compiled file for current when its source's modification time matches to the
    # second, but the import also compares the size, and rejects it. A source edited twice within a second was
    # then compiled afresh at every start of the run (about 2 ms for the sign-in page's module).
    for package in PACKAGES:
        if (root / package).is_dir():
            compileall.compile_dir(root / package, quiet=1, force=True)
