"""Drive MPRIS as a desktop does: playerctl on the test's own session bus."""

from __future__ import annotations

import itertools
import os
import queue
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtDBus import QDBusConnection

_names = itertools.count()


def connect(address: str) -> QDBusConnection:
    bus = QDBusConnection.connectToBus(address, f"station-app-test-{next(_names)}")
    assert bus.isConnected(), bus.lastError().message()
    return bus


class Playerctl:
    def __init__(self, address: str) -> None:
        self.env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}

    def __call__(self, *args: str) -> str:
        # Run in a thread by callers that need the Qt loop to keep serving the bus.
        result = subprocess.run(
            ["playerctl", "-p", "station_app", *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=10,
            check=False,
        )
        return (result.stdout + result.stderr).strip()

    @contextmanager
    def follow(self, *args: str) -> Iterator[queue.Queue[str]]:
        """Lines printed by `playerctl --follow …`, as they come."""
        lines: queue.Queue[str] = queue.Queue()
        proc = subprocess.Popen(
            ["playerctl", "-p", "station_app", "--follow", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=self.env,
        )
        assert proc.stdout is not None
        stream = proc.stdout
        reader = threading.Thread(
            target=lambda: [lines.put(line.rstrip("\n")) for line in stream], daemon=True
        )
        reader.start()
        try:
            yield lines
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            stream.close()
