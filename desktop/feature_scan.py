"""PySide's import hook, told not to read the source of every module imported after PySide.

Once PySide is imported, every `import` statement passes through its hook for `from __feature__ import ...`. The
first time a module name passes, the hook reads that module's whole source file (`inspect.getsource`) to see whether
it mentions PySide6, and files the answer in its table of feature selections: 0 (the default selection) or -1
("ignore this module": a call from it leaves the selection as it is). That costs 0.2–0.7 ms a module: 20–60 ms for
the 78 names imported before the sign-in page's first paint, a sixth of that import, and more at each page's first
show.

The answer only matters to a process in which some module selects a feature (`snake_case`, `true_property`). None
here does, so every module runs with the default selection whatever the table says of it.
`skip_source_reading()` swaps the check for one that reads nothing and answers "ignore". A module that selects a
feature would still be filed as it asks: the hook files the importing module's own selection without this check.

It reaches into PySide's own module (`shibokensupport.feature`), so it checks what it replaces and leaves the hook
as it is when the PySide in use has no such check. tests/gui/test_feature_scan.py fails then, so that an upgrade of
PySide is measured again rather than silently slower.
"""

from __future__ import annotations

import sys
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"


def _reads_nothing(_module: ModuleType) -> bool:
    return False  # "ignore this module": the feature selection stays the default one, which is all this process uses


def skip_source_reading() -> bool:
    """Import PySide (which installs its hook) and make the hook's per-module check read no file. True if it did."""
    import PySide6.QtCore  # noqa: F401 (the first PySide import installs the hook)

    feature = sys.modules.get(_FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, _CHECK, None)):
        return False
    setattr(feature, _CHECK, _reads_nothing)
    return True
