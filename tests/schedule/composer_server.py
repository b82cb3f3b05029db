"""A local Composer-format schedule server on loopback that can go down and come back."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

import pytest


def composer_entry(
    zone: str,
    start: datetime,
    minutes: int,
    name: str,
    hosts: tuple[str, ...] = (),
    link: str = "",
) -> dict[str, Any]:
    """An entry as Composer writes it, from an aware start time."""
    local_start = start.astimezone(ZoneInfo(zone))
    local_end = (start + timedelta(minutes=minutes)).astimezone(ZoneInfo(zone))

    def js(moment: datetime) -> str:
        offset = moment.strftime("%z")
        return moment.strftime(f"%a %b %d %Y %H:%M:%S GMT{offset} ({moment.tzname()})")

    return {
        "date": f"{local_start:%Y-%m-%d}",
        "start_time": f"{local_start:%H:%M}",
        "end_time": f"{local_end:%H:%M}",
        "fullstart": f"{local_start:%Y-%m-%d %H:%M}",
        "fullend": f"{local_end:%Y-%m-%d %H:%M}",
        "start_utc": js(local_start),
        "end_utc": js(local_end),
        "program": {
            "name": name,
            "program_link": link,
            "program_desc": "",
            "hosts": [{"name": host} for host in hosts],
        },
    }


class ComposerServer:
    """Serves `routes` (path with query → (status, body)); records every request path."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes]] = {}
        self.requests: list[str] = []
        # Paths whose answers wait until their event is set (a slow server).
        self.gates: dict[str, threading.Event] = {}
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    def base(self, station: str) -> str:
        return f"http://127.0.0.1:{self.port}/v1/widget/{station}"

    def set_json(self, path: str, document: object, status: int = 200) -> None:
        self.routes[path] = (status, json.dumps(document).encode())

    def set_now(self, station: str, on_now: object, next_up: list[Any]) -> None:
        self.set_json(f"/v1/widget/{station}/now?format=json", {"onNow": on_now, "nextUp": next_up})

    def start(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(self.path)
                gate = owner.gates.get(self.path)
                if gate is not None:
                    gate.wait(10)
                status, body = owner.routes.get(self.path, (404, b'{"error": "not found"}'))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Down: the port refuses connections until `start()` again (same port)."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            assert self._thread is not None
            self._thread.join(5)
            self._server = None


@pytest.fixture
def composer() -> Iterator[ComposerServer]:
    server = ComposerServer()
    server.start()
    try:
        yield server
    finally:
        for gate in server.gates.values():
            gate.set()
        server.stop()
