"""A loopback server whose streams misbehave: headers then silence, or endless noise."""

from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class BadStreamServer:
    """`/stall` sends audio headers and then nothing; `/garbage` sends random bytes as MP3."""

    def __init__(self) -> None:
        released = self._released = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "audio/mpeg")
                self.end_headers()
                if self.path == "/stall":
                    self.wfile.flush()
                    released.wait(60)
                    return
                try:
                    while not released.wait(0.05):
                        self.wfile.write(os.urandom(2000))
                        self.wfile.flush()
                except OSError:
                    pass  # the player hung up

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._released.set()
        self._server.shutdown()
        self._server.server_close()
