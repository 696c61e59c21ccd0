"""Guards on the Qt binding itself, for upgrades: a defect here crashes the application after hours of work."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    carrying = Signal(object)


def test_emitting_signals_from_python_keeps_the_reference_counts_of_true_and_false(qapp):
    # PySide6 6.12.0 loses one reference to True per emit; the process aborts once the count reaches zero
    emitter = _Emitter()
    emitter.carrying.connect(lambda value: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.plain.emit()
        emitter.carrying.emit(True)
        emitter.carrying.emit(False)
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
