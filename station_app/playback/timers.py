"""Timers the stream session asks for; Qt's in the app, hand-driven ones in tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer


class Timer(Protocol):
    """Calls back after `start(seconds)`, once or every interval; `stop` cancels."""

    def start(self, seconds: float) -> None: ...

    def stop(self) -> None: ...

    def is_active(self) -> bool: ...


TimerFactory = Callable[[Callable[[], None], bool], Timer]
"""(callback, repeating) -> a stopped Timer."""


class _QtTimer:
    def __init__(self, callback: Callable[[], None], repeating: bool, parent: QObject) -> None:
        self._timer = QTimer(parent)
        self._timer.setSingleShot(not repeating)
        self._timer.timeout.connect(callback)

    def start(self, seconds: float) -> None:
        self._timer.start(max(0, round(seconds * 1000)))

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()


def qt_timers(parent: QObject) -> TimerFactory:
    """Timers owned by `parent`, running on its thread's event loop."""
    return lambda callback, repeating: _QtTimer(callback, repeating, parent)
