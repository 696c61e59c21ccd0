"""The event filters on the whole application (the Enter rule of desktop/keyboard.py, the idle watch of
desktop/idle_lock.py), kept in one list so that they can be set aside while a page is made.

Each is Python code that every event of the application passes through, and making a page sends thousands of
events (each widget's style, font, palette and layout changes as it joins the page) that none of them wants: with
the filters in place a page took about half as long again to make. No input can arrive while a page is made on the
UI thread, so nothing is missed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject

_installed: list[QObject] = []  # in the order they were installed
_aside = 0  # how deep `set_aside` is nested


def install(app: QCoreApplication, watcher: QObject) -> None:
    """`app.installEventFilter(watcher)`, once (installing it again moves it to the front, as Qt does)."""
    remove(app, watcher)
    _installed.append(watcher)
    if not _aside:
        app.installEventFilter(watcher)


def remove(app: QCoreApplication, watcher: QObject) -> None:
    if watcher in _installed:
        _installed.remove(watcher)
    app.removeEventFilter(watcher)


def installed() -> list[QObject]:
    return list(_installed)


@contextmanager
def set_aside() -> Iterator[None]:
    """Run the block with none of the application's filters (for work on the UI thread that takes no input)."""
    global _aside
    app = QCoreApplication.instance()
    if app is None or _aside:
        _aside += 1
        try:
            yield
        finally:
            _aside -= 1
        return
    for watcher in _installed:
        app.removeEventFilter(watcher)
    _aside += 1
    try:
        yield
    finally:
        _aside -= 1
        _installed[:] = [watcher for watcher in _installed if shiboken6.isValid(watcher)]
        for watcher in _installed:
            app.installEventFilter(watcher)
