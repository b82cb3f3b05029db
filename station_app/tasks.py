"""The app's one background-work mechanism: QThreadPool tasks, results on the main thread.

A task is a plain function that takes a CancelToken and returns a value; it
never touches Qt objects. Its result comes back through a queued signal and
the owner's `on_done` runs on the main thread; if it raises, the owner's
`on_failed` runs instead, so nobody is left waiting. Both are required.

An owner keeps a `TaskSlot` for each kind of work whose newest request wins
(a search, the article being read): starting a task in a slot cancels the one
before, and a cancelled task's result or failure never reaches the owner.
Work that must all finish (saving an edit) is started on the runner itself.

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
Work = Callable[[CancelToken], T]
# Threads for background work: enough that a few downloads stuck until their
# deadline never hold up the rest; idle threads expire after 30 s.
POOL_THREADS = 8


@dataclass(frozen=True)
class TaskFailed:
    """A task raised instead of returning; `error` is for the log, never for the window."""

    error: Exception


@dataclass
class _Pending(Generic[T]):
    token: CancelToken
    on_done: Callable[[T], None]
    on_failed: Callable[[TaskFailed], None]


@dataclass(frozen=True)
class _Crashed:
    error: Exception


class _Relay(QObject):
    finished = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, task_id: int, work: Work[Any], token: CancelToken, relay: _Relay) -> None:
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
    """Runs work off the UI thread and reports each task's result or failure to its owner.

    Signals: none; the callbacks given with each task run on the main thread.
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

    def start(
        self,
        work: Work[T],
        on_done: Callable[[T], None],
        on_failed: Callable[[TaskFailed], None],
    ) -> CancelToken:
        """Runs `work` in the pool; `on_done(result)` or `on_failed(failure)` follows
        on the main thread, unless the returned token is cancelled first."""
        task_id = next(self._ids)
        token = CancelToken()
        self._pending[task_id] = _Pending(token, on_done, on_failed)
        self._pool.start(_Job(task_id, work, token, self._relay))
        return token

    def slot(self) -> TaskSlot:
        """A new slot for one owner's one kind of work."""
        return TaskSlot(self)

    def cancel_all(self) -> None:
        for pending in self._pending.values():
            pending.token.cancel()

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
        if pending is None or pending.token.cancelled:
            return
        if isinstance(result, _Crashed):
            log.error("A background task failed", exc_info=result.error)
            pending.on_failed(TaskFailed(result.error))
            return
        pending.on_done(result)


class TaskSlot:
    """One owner's place for one kind of work: the newest task started in it wins.

    Starting a task cancels the one before it; `cancel` drops the one under
    way. A cancelled task's result or failure never reaches the owner.
    """

    def __init__(self, runner: TaskRunner) -> None:
        self._runner = runner
        self._token: CancelToken | None = None

    @property
    def busy(self) -> bool:
        """A task started here has not reported yet."""
        return self._token is not None

    def start(
        self,
        work: Work[T],
        on_done: Callable[[T], None],
        on_failed: Callable[[TaskFailed], None],
    ) -> None:
        self.cancel()

        # Only the newest task calls back (the runner drops cancelled ones), so
        # whichever of these runs frees the slot of the task it belongs to.
        def done(result: T) -> None:
            self._token = None
            on_done(result)

        def failed(failure: TaskFailed) -> None:
            self._token = None
            on_failed(failure)

        self._token = self._runner.start(work, done, failed)

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()
            self._token = None


def read_again(
    slot: TaskSlot, read: Work[T], use: Callable[[T], None], done: Callable[[], None] | None
) -> None:
    """Reads a file again in `slot`: `use(result)` when it worked, then `done()` either way
    (a read that failed changes nothing, so what was wrong is still shown)."""

    def loaded(result: T) -> None:
        use(result)
        if done is not None:
            done()

    def failed(_failure: TaskFailed) -> None:
        if done is not None:
            done()

    slot.start(read, loaded, failed)
