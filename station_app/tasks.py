"""The app's one background-work mechanism: QThreadPool tasks, results on the main thread.

A task is a plain function that takes a CancelToken and returns a value; it
never touches Qt objects. Its result comes back through a queued signal and
the callback runs on the main thread. Tasks submitted under the same key
follow "latest request wins": submitting again cancels the previous one, and
a cancelled task's result is dropped. A task that raises reports a TaskFailed
to its owner's `on_failed`, so nobody is left waiting for it.

The runner has a pool of its own, wider than the machine's cores: tasks wait
on the network far more than they compute, and Qt's global pool (one thread
per core) lets two stuck downloads on a two-core machine hold up everything.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from station_app.net.cancel import CancelToken

log = logging.getLogger(__name__)

T = TypeVar("T")
# Threads for background work: enough that a few downloads stuck until their
# deadline never hold up the rest; idle threads expire after 30 s.
POOL_THREADS = 8


@dataclass
class _Pending(Generic[T]):
    key: str | None
    token: CancelToken
    on_done: Callable[[T], None]
    on_failed: Callable[[TaskFailed], None] | None


@dataclass(frozen=True)
class TaskFailed:
    """A task raised instead of returning; `error` is for the log, never for the window."""

    error: Exception


@dataclass(frozen=True)
class _Crashed:
    error: Exception


class _Relay(QObject):
    finished = Signal(int, object)


class _Job(QRunnable):
    def __init__(
        self, task_id: int, work: Callable[[CancelToken], Any], token: CancelToken, relay: _Relay
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task_id = task_id
        self._work = work
        self._token = token
        self._relay = relay

    def run(self) -> None:
        if self._token.cancelled:
            result: Any = None
        else:
            try:
                result = self._work(self._token)
            except Exception as error:  # reported on the main thread, to the task's owner
                result = _Crashed(error)
        self._relay.finished.emit(self._task_id, result)


class TaskRunner(QObject):
    """Runs work off the UI thread.

    Signals: none; callbacks passed to `submit` run on the main thread.
    """

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(POOL_THREADS)
        self._pool = pool
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending[Any]] = {}
        self._latest: dict[str, int] = {}

    def submit(
        self,
        work: Callable[[CancelToken], T],
        on_done: Callable[[T], None],
        key: str | None = None,
        on_failed: Callable[[TaskFailed], None] | None = None,
    ) -> CancelToken:
        """Run `work` in the pool; `on_done(result)` follows on the main thread.

        If `work` raises, `on_failed` runs instead (the error is logged); without
        `on_failed` the error is raised on the main thread, as any bug is.
        """
        if key is not None:
            self.cancel(key)
        task_id = next(self._ids)
        token = CancelToken()
        self._pending[task_id] = _Pending(key, token, on_done, on_failed)
        if key is not None:
            self._latest[key] = task_id
        self._pool.start(_Job(task_id, work, token, self._relay))
        return token

    def cancel(self, key: str) -> None:
        task_id = self._latest.pop(key, None)
        if task_id is not None and task_id in self._pending:
            self._pending[task_id].token.cancel()

    def cancel_all(self) -> None:
        for pending in self._pending.values():
            pending.token.cancel()
        self._latest.clear()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def shutdown(self, wait_ms: int = 3000) -> None:
        """Cancel everything and give running tasks a moment to finish."""
        self.cancel_all()
        self._pool.waitForDone(wait_ms)

    @Slot(int, object)
    def _deliver(self, task_id: int, result: object) -> None:
        pending = self._pending.pop(task_id, None)
        if pending is None:
            return
        if pending.key is not None and self._latest.get(pending.key) == task_id:
            del self._latest[pending.key]
        if pending.token.cancelled:
            return
        if isinstance(result, _Crashed):
            if pending.on_failed is None:
                raise result.error
            log.error("A background task failed", exc_info=result.error)
            pending.on_failed(TaskFailed(result.error))
            return
        pending.on_done(result)
