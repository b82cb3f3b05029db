"""Loads Qt's Python binding (PySide6) and gives imports back to Python itself.

Loading PySide6 replaces `builtins.__import__` with a wrapper that, after
every later import, reads the new module's whole source to see whether it
uses PySide6's `__feature__` switches; the sources then stay in `linecache`
for the life of the process (megabytes for an app that runs for hours). The
app uses no `__feature__` switch, so imports go back to Python's own.
Import this module before anything else that loads Qt.
"""

from __future__ import annotations

import builtins

import PySide6.QtCore


def use_python_imports() -> None:
    """Puts Python's own import back in place of PySide6's wrapper (idempotent)."""
    original = getattr(builtins, "__orig_import__", None)
    if original is not None:
        builtins.__import__ = original


use_python_imports()
QT_VERSION = PySide6.QtCore.qVersion()
