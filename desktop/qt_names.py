"""Qt's enum properties written by name, for the widgets of the first paint.

PySide makes the Python enums of Qt's `Qt` namespace, about a hundred of them, all at once the first time anything
names `Qt`: some 35 ms, a tenth of the start-up. The sign-in page, the window around it and the modules they import
never name it. Where they need one of its values they write the property by its key, `set_by_name(label,
"alignment", "AlignCenter")`, and Qt reads the key in C++ (`QMetaProperty::write`).

Once the window is painted, `make_qt_namespace` makes it on the UI thread (desktop/main.py), before any worker may
import a module that names it: making it is Python code, and two threads should not make the same enums at once.
Everything after the first paint names `Qt` as usual. `desktop.startup_probe` reports whether the first paint made
it, and the start-up test fails if it did.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


def set_by_name(target: QObject, prop: str, keys: str) -> None:
    """Write the enum or flags property `prop` of `target` by its key, or keys joined by `|`
    (`"AlignAbsolute|AlignRight"`). A property that does not exist or a key it does not have raises ValueError."""
    if not target.setProperty(prop, keys):
        raise ValueError(f"{type(target).__name__} has no property {prop!r} that takes {keys!r}")


def make_qt_namespace() -> None:
    """Make the `Qt` namespace's enums now, on this (the UI) thread."""
    from PySide6.QtCore import Qt  # noqa: F401 (naming it makes it, with all its enums)
