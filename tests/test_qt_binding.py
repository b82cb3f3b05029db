"""The Qt binding must keep Python's reference counts straight when signals fire.

PySide6 6.12.0 released a reference to True on every Signal.emit(), which
aborts a long-running app; this pins the behaviour the app relies on.
"""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    fired = Signal(int, object)


def test_emitting_signals_keeps_reference_counts(qtbot: QtBot) -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(lambda number, _value: received.append(number))
    before = sys.getrefcount(True), sys.getrefcount(None)
    for number in range(2000):
        emitter.fired.emit(number, None)
    worker = threading.Thread(target=lambda: [emitter.fired.emit(n, None) for n in range(2000)])
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(received) == 4000)
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert abs(after[0] - before[0]) < 100
    assert abs(after[1] - before[1]) < 100
