"""Failed writes of state and cache, from any thread, told to the person once."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal


def not_saved_sentence(folder: Path, error: OSError) -> str:
    """What a failed write means for the person, and what to do, in one sentence."""
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        cause = f"the disk holding {folder} is full; free some space there"
    elif error.errno == errno.EROFS:
        cause = f"the disk holding {folder} is read-only; make it writable"
    elif error.errno in (errno.EACCES, errno.EPERM):
        cause = f"Station App is not allowed to write to {folder}; change its permissions"
    else:
        reason = (error.strerror or str(error)).rstrip(".")
        cause = f"writing to {folder} failed ({reason}); fix that"
    return f"Your settings were not saved: {cause}, and they will be saved with your next change."


class SaveFailures(QObject):
    """Collects write failures; `report` may be called from any thread.

    Signals: first_failure(str), the sentence for the first failure of the run,
    delivered on the thread this object lives in (the UI thread).
    """

    first_failure = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._reported = False

    def report(self, path: Path, error: OSError) -> None:
        with self._lock:
            if self._reported:
                return
            self._reported = True
        # Emitted from a worker thread, this reaches the UI thread as a queued call.
        self.first_failure.emit(not_saved_sentence(path.parent, error))
