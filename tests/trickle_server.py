"""A raw socket HTTP server on loopback that answers slowly: a byte at a time, or not at all."""

from __future__ import annotations

import contextlib
import enum
import socket
import threading
import time
from collections.abc import Callable


class Trickle(enum.Enum):
    BODY = "body"  # full headers at once, then the body one byte per interval, never ending
    HEADERS = "headers"  # the status line and headers themselves one byte per interval
    SILENT = "silent"  # reads the request and never answers


class TrickleServer:
    """Serves every connection in its own thread until the client hangs up or `stop`.

    `connections` counts accepted connections, `requests` the requests read whole;
    `hung_up` counts the connections the client closed while the server was still
    sending or waiting.
    """

    def __init__(self, mode: Trickle = Trickle.BODY, interval: float = 0.2) -> None:
        self.mode = mode
        self.interval = interval
        self.connections = 0
        self.requests = 0
        self.hung_up = 0
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._clients: list[socket.socket] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = self._listener.getsockname()[1]
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    def url(self, path: str = "/feed.rss") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self._stopped.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)  # wakes the thread serving it
        self._acceptor.join(timeout=5)

    def wait_for(self, condition: Callable[[], bool], seconds: float = 20) -> bool:
        """Waits until `condition()` holds, up to `seconds`; says whether it does."""
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _address = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._clients.append(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        request = b""
        try:
            while b"\r\n\r\n" not in request:
                chunk = client.recv(4096)
                if not chunk:
                    return
                request += chunk
            with self._lock:
                self.requests += 1
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n"
            if self.mode is Trickle.BODY:
                client.sendall(head)
                stream = b"<rss><channel>" + b" " * 10_000_000
            elif self.mode is Trickle.HEADERS:
                stream = head
            else:
                stream = b""
            for position in range(len(stream)):
                if self._stopped.wait(self.interval):
                    return
                client.sendall(stream[position : position + 1])
            if self.mode is Trickle.SILENT:
                while not self._stopped.is_set():
                    if not client.recv(1):  # the client hung up
                        raise ConnectionResetError
        except OSError:
            if not self._stopped.is_set():
                with self._lock:
                    self.hung_up += 1
        finally:
            with contextlib.suppress(OSError):
                client.close()
