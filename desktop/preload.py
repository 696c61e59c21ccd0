"""The libraries behind the operator's pages, loaded on a worker thread while the operator signs in, so that the
first show of a page does not wait for them (ReportLab and the documents alone take about 100 ms, the fee book's
engine and the cashier's client tens more).

Only the project's packages that never import Qt are loaded here (`LIBRARY_PACKAGES`, and what they import:
ReportLab, requests, keyring): a Qt library or plugin is loaded on the UI thread only (desktop/print_service.py),
so the page modules themselves are still imported on their first show. Their command-line modules are left out.
The module graph of those packages has no cycle (tests/unit/test_preload.py), so an import on this thread cannot
wait for one on the UI thread that waits for it in turn.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import threading

log = logging.getLogger(__name__)

LIBRARY_PACKAGES = ("civic", "client_api", "fees", "printing")

_started = threading.Event()


def library_modules() -> list[str]:
    """The modules of `LIBRARY_PACKAGES` the pages may use: every one but the command-line ones, packages first."""
    names: list[str] = []
    for package in LIBRARY_PACKAGES:
        names.append(package)
        path = importlib.import_module(package).__path__
        for info in pkgutil.walk_packages(path, f"{package}."):
            leaf = info.name.rsplit(".", 1)[-1]
            if not (leaf.endswith("cli") or leaf == "__main__"):
                names.append(info.name)
    return names


def load_libraries() -> int:
    """Import `library_modules()` (on a worker thread), once per process; the number of modules imported by this
    call. A module that fails is logged and skipped: its page reports the same failure when it is shown."""
    if _started.is_set():
        return 0
    _started.set()
    loaded = 0
    for name in library_modules():
        try:
            importlib.import_module(name)
        except Exception:
            log.exception("%s could not be loaded ahead of its page", name)
        else:
            loaded += 1
    return loaded
