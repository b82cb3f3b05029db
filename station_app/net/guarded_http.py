"""Connections with a wall-clock deadline, prompt cancellation and a limited reach.

requests and urllib3 time out each socket operation, never a whole request: a
server trickling a byte every two seconds keeps a download going for ever. So
every request the fetcher makes runs under a Guard, and one watchdog thread
shuts down the sockets of any request past its deadline or cancelled, which
wakes a blocked read at once. Connections made under a Guard with a Reach
check the address they are about to use, after name resolution, and refuse
one more private than allowed.

This module loads requests; the fetcher imports it with its first download.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.poolmanager import PoolManager
from urllib3.util import connection

from station_app.net.cancel import CancelToken
from station_app.net.reach import Reach, Refusal, resolved

WATCH_SECONDS = 0.1  # how soon a deadline or a cancellation cuts a connection


class Guard:
    """The limits of one request in flight, and what happened to it.

    `timed_out` is set when the deadline cut the request; `refused` when a
    connection would have gone beyond `reach`.
    """

    def __init__(self, deadline: float, cancel: CancelToken, reach: Reach | None) -> None:
        self.deadline = deadline
        self.cancel = cancel
        self.reach = reach
        self.timed_out = False
        self.refused: Refusal | None = None
        self._sockets: list[socket.socket] = []
        self._cut = False
        self._lock = threading.Lock()

    def attach(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if not self._cut:
                self._sockets.append(sock)
                return
        _shut(sock)

    def cut_if_due(self, now: float) -> None:
        with self._lock:
            if self._cut:
                return
            if now >= self.deadline:
                self.timed_out = True
            elif not self.cancel.cancelled:
                return
            self._cut = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shut(sock)

    @property
    def cut(self) -> bool:
        return self._cut


def _shut(sock: socket.socket) -> None:
    # shutdown, not close: it wakes a read blocked in another thread at once.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _Watchdog:
    """One daemon thread for the whole process, awake only while requests are in flight."""

    def __init__(self) -> None:
        self._guards: set[Guard] = set()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._local = threading.local()

    @contextlib.contextmanager
    def guard(self, seconds: float, cancel: CancelToken, reach: Reach | None) -> Iterator[Guard]:
        guard = Guard(time.monotonic() + seconds, cancel, reach)
        with self._changed:
            self._guards.add(guard)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="fetch-watchdog")
                self._thread.daemon = True
                self._thread.start()
            self._changed.notify()
        outer = getattr(self._local, "guard", None)
        self._local.guard = guard
        try:
            yield guard
        finally:
            self._local.guard = outer
            with self._changed:
                self._guards.discard(guard)

    def current(self) -> Guard | None:
        guard: Guard | None = getattr(self._local, "guard", None)
        return guard

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._guards:
                    self._changed.wait()
                guards = list(self._guards)
            now = time.monotonic()
            for guard in guards:
                guard.cut_if_due(now)
            time.sleep(WATCH_SECONDS)


WATCHDOG = _Watchdog()


def _connect_within(conn: HTTPConnection, reach: Reach, guard: Guard) -> socket.socket:
    host = conn._dns_host  # the name urllib3 itself would resolve
    addresses = resolved(host, conn.port)
    if not addresses:
        error = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        raise NameResolutionError(conn.host, conn, error)
    allowed = [address for address in addresses if reach.allows(address)]
    if not allowed:
        guard.refused = Refusal(conn.host, reach.classify(addresses[0]).place)
        raise NewConnectionError(conn, f"Refused: {conn.host} is on {guard.refused.place}")
    last: OSError | None = None
    for address in allowed:
        try:
            return connection.create_connection(
                (str(address), conn.port),
                conn.timeout,
                source_address=conn.source_address,
                socket_options=conn.socket_options,
            )
        except TimeoutError as error:
            raise ConnectTimeoutError(
                conn, f"Connection to {conn.host} timed out. (connect timeout={conn.timeout})"
            ) from error
        except OSError as error:
            last = error
    raise NewConnectionError(conn, f"Failed to establish a new connection: {last}")


def _new_guarded_conn(conn: HTTPConnection, make: Any) -> socket.socket:
    guard = WATCHDOG.current()
    if guard is not None and guard.reach is not None and not conn.proxy:
        sock = _connect_within(conn, guard.reach, guard)
    else:
        sock = make()
    if guard is not None:
        guard.attach(sock)
    return sock


class _GuardedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _new_guarded_conn(self, super()._new_conn)

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        guard = WATCHDOG.current()
        if guard is not None:
            guard.attach(self.sock)  # a kept-alive connection made by an earlier request
        return super().getresponse(*args, **kwargs)


class _GuardedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _new_guarded_conn(self, super()._new_conn)

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        guard = WATCHDOG.current()
        if guard is not None:
            guard.attach(self.sock)
        return super().getresponse(*args, **kwargs)


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


def _guard_pools(manager: PoolManager) -> PoolManager:
    classes = manager.pool_classes_by_scheme
    if classes.get("http") is HTTPConnectionPool and classes.get("https") is HTTPSConnectionPool:
        manager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}
    return manager


class GuardedAdapter(HTTPAdapter):
    """requests' adapter whose connections obey the Guard of the request in flight."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        _guard_pools(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> PoolManager:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        return _guard_pools(manager)
