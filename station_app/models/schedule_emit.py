"""Emit Qt signals without losing a reference to True (PySide6 6.12.0 bug).

PySide6 6.12.0's SignalInstance.emit() returns True without owning a reference
to it, so each emit from Python lowers True's reference count by one; after a
few thousand emits the interpreter aborts with "bool_dealloc: deallocating True
or False". `emit` gives the reference back, but only when a probe at import
shows the bug, so a fixed PySide6 needs nothing from here.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    fired = Signal()


def _emit_loses_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(32):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(0, lost)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= 16


_LOSES_TRUE = _emit_loses_true()


def emit(signal: SignalInstance, *args: Any) -> None:
    """`signal.emit(*args)`, keeping True's reference count whole."""
    # The stubs say emit() returns None; at run time it returns a bool.
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]
    if _LOSES_TRUE and result is True:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
