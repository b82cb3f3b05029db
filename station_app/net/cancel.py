"""A cancellation flag shared between the UI thread and a background task."""

from __future__ import annotations

import threading


class CancelToken:
    """Set once by whoever no longer wants the result; checked by the worker."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def sleep(self, seconds: float) -> bool:
        """Wait up to `seconds`; returns True if cancelled meanwhile."""
        return self._event.wait(seconds)


NEVER_CANCELLED = CancelToken()
