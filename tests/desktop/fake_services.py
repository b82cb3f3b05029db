"""A desktop's D-Bus services for tests: a notification service and a StatusNotifierWatcher.

They run in a process of their own on the test's session bus, as a desktop's
would, and print one JSON line for every call they take, so a test sees what
the app asked of the desktop:

    python -m tests.desktop.fake_services ADDRESS [--notifications] [--watcher]

The notification service declares Notify with the spec's types, so a call
with other types is refused as GNOME's or KDE's service refuses it; it gives
ids from 1 and keeps an id when asked to replace that notification. The
watcher records each StatusNotifierItem that registers and says a host is
there, which is what makes Qt show its tray icon over D-Bus.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _run(address: str, notifications: bool, watcher: bool) -> int:
    from PySide6.QtCore import ClassInfo, Property, QCoreApplication, QObject, Signal, Slot
    from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection

    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(address, "fake-desktop")
    if not bus.isConnected():
        print(json.dumps({"event": "error", "message": bus.lastError().message()}), flush=True)
        return 1

    def record(event: str, **fields: Any) -> None:
        print(json.dumps({"event": event, **fields}), flush=True)

    @ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
    class Notifications(QDBusAbstractAdaptor):
        def __init__(self, parent: QObject) -> None:
            super().__init__(parent)
            self.last_id = 0
            self.shown: set[int] = set()

        @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
        def Notify(
            self,
            app_name: str,
            replaces_id: int,
            app_icon: str,
            summary: str,
            body: str,
            actions: list[str],
            hints: dict[str, Any],
            expire_timeout: int,
        ) -> int:
            if replaces_id in self.shown:
                notification_id = replaces_id
            else:
                self.last_id += 1
                notification_id = self.last_id
                self.shown.add(notification_id)
            record(
                "Notify",
                app_name=app_name,
                replaces_id=replaces_id,
                app_icon=app_icon,
                summary=summary,
                body=body,
                actions=list(actions),
                hints={key: str(value) for key, value in hints.items()},
                expire_timeout=expire_timeout,
                id=notification_id,
            )
            return notification_id

        @Slot(result="QStringList")
        def GetCapabilities(self) -> list[str]:
            return ["body", "icon-static"]

        @Slot("uint")
        def CloseNotification(self, notification_id: int) -> None:
            self.shown.discard(notification_id)
            record("CloseNotification", id=notification_id)

    @ClassInfo({"D-Bus Interface": "org.kde.StatusNotifierWatcher"})
    class Watcher(QDBusAbstractAdaptor):
        StatusNotifierItemRegistered = Signal(str)
        StatusNotifierHostRegistered = Signal()

        def __init__(self, parent: QObject) -> None:
            super().__init__(parent)
            self.items: list[str] = []

        @Slot(str)
        def RegisterStatusNotifierItem(self, service: str) -> None:
            self.items.append(service)
            record("RegisterStatusNotifierItem", service=service)
            self.StatusNotifierItemRegistered.emit(service)

        @Slot(str)
        def RegisterStatusNotifierHost(self, service: str) -> None:
            record("RegisterStatusNotifierHost", service=service)

        @Property("QStringList")
        def RegisteredStatusNotifierItems(self) -> list[str]:
            return list(self.items)

        @Property(bool)
        def IsStatusNotifierHostRegistered(self) -> bool:
            return True

        @Property(int)
        def ProtocolVersion(self) -> int:
            return 0

    exported: list[QObject] = []
    options = QDBusConnection.RegisterOption.ExportAdaptors
    if notifications:
        holder = QObject()
        Notifications(holder)
        exported.append(holder)
        bus.registerObject("/org/freedesktop/Notifications", holder, options)
        bus.registerService("org.freedesktop.Notifications")
    if watcher:
        holder = QObject()
        Watcher(holder)
        exported.append(holder)
        bus.registerObject("/StatusNotifierWatcher", holder, options)
        bus.registerService("org.kde.StatusNotifierWatcher")
    record("ready")
    return app.exec()


class FakeDesktopServices:
    """The fake services running on a bus, and the calls they recorded so far."""

    def __init__(self, address: str, notifications: bool = True, watcher: bool = False) -> None:
        command = [sys.executable, "-m", "tests.desktop.fake_services", address]
        command += ["--notifications"] if notifications else []
        command += ["--watcher"] if watcher else []
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
            cwd=ROOT,
        )
        self._lines: queue.Queue[dict[str, Any]] = queue.Queue()
        self._events: list[dict[str, Any]] = []
        assert self.process.stdout is not None
        stream = self.process.stdout
        self._reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._reader.start()

    def _read(self, stream: Any) -> None:
        for line in stream:
            self._lines.put(json.loads(line))

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        """Every call recorded so far (of `kind`, when given), oldest first."""
        while not self._lines.empty():
            self._events.append(self._lines.get())
        return [event for event in self._events if kind is None or event["event"] == kind]

    @property
    def ready(self) -> bool:
        return bool(self.events("ready"))

    def notifications(self) -> list[dict[str, Any]]:
        return self.events("Notify")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


@contextmanager
def fake_desktop_services(
    address: str, wait: Callable[[Callable[[], bool]], None], **which: bool
) -> Iterator[FakeDesktopServices]:
    """The services, ready on `address`; `wait` waits on a condition (qtbot's or the e2e one)."""
    services = FakeDesktopServices(address, **which)
    try:
        wait(lambda: services.ready)
        yield services
    finally:
        services.stop()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("address")
    parser.add_argument("--notifications", action="store_true")
    parser.add_argument("--watcher", action="store_true")
    arguments = parser.parse_args()
    return _run(arguments.address, arguments.notifications, arguments.watcher)


if __name__ == "__main__":
    sys.exit(main())
