"""Quit cleanly on SIGTERM, SIGHUP and SIGINT (Ctrl+C), saving what the person set.

Python runs its signal handlers only between bytecodes, so while Qt's loop waits
in C a handler alone would run late or inside some unrelated slot. Instead the
C-level handler writes the signal number to a socket (signal.set_wakeup_fd) and
a QSocketNotifier wakes the loop, which then quits like a closed window.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

QUIT_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


class QuitSignals(QObject):
    """Turns the quit signals into one `received` on the Qt loop.

    After the first one the default handlers are back, so a second Ctrl+C ends
    a shutdown that hangs. Needs a QCoreApplication; make it right after the app.

    Signals: received(int) with the signal number, at most once.
    """

    received = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_wakeup = signal.set_wakeup_fd(
            self._writer.fileno(), warn_on_full_buffer=False
        )
        for number in QUIT_SIGNALS:
            signal.signal(number, _ignore)
        self._installed = True
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._wake)

    def _wake(self) -> None:
        try:
            numbers = self._reader.recv(64)
        except BlockingIOError:
            return
        quits = [number for number in numbers if number in QUIT_SIGNALS]
        if quits:
            self.release()
            self.received.emit(quits[0])

    def release(self) -> None:
        """Back to the default handlers: from now on a quit signal ends the process at once."""
        if not self._installed:
            return
        self._installed = False
        self._notifier.setEnabled(False)
        for number in QUIT_SIGNALS:
            signal.signal(number, signal.SIG_DFL)
        signal.set_wakeup_fd(self._previous_wakeup)
        for end in (self._reader, self._writer):
            with contextlib.suppress(OSError):
                end.close()


def _ignore(_number: int, _frame: FrameType | None) -> None:
    # The wake-up socket carries the signal to the Qt loop; nothing to do here.
    pass
