"""Desktop notifications over org.freedesktop.Notifications, through QtDBus.

Spec: https://specifications.freedesktop.org/notification-spec/latest/ (Notify).
The app keeps one notification and replaces it in place (`replaces_id`), so a
long evening of programs leaves one bubble, not a pile. Each names the app's
desktop entry (the `desktop-entry` hint), so the desktop groups it under
Station App, and shows the station's picture when there is one.

Notify takes a `uint32` replaces_id, and PySide6 sends a Python int as
`int32`, which notification services refuse. QtDBus types a call's arguments
from the interface's introspection when it is made through a QDBusInterface,
and keeps what it learned per interface name on each connection. So before
the first call the app introspects an object of its own that describes
Notify exactly (`prime`), and every call then goes out with the spec's types,
without asking the notification service to describe itself. Calls run in
background tasks: a notification service that hangs never stalls the window.
Without a session bus or a notification service nothing is shown and nothing
fails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, QObject, Qt, Signal
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusVirtualObject

from station_app import APP_DISPLAY_NAME, APP_ID
from station_app.net.cancel import CancelToken
from station_app.tasks import TaskFailed, TaskRunner

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
NOTIFY = "Notify(QString,uint,QString,QString,QString,QStringList,QVariantMap,int)"
TIMEOUT_MS = 5000
# Notify as the spec declares it; the annotation gives QtDBus the Qt type of a{sv}.
_NOTIFY_XML = f"""<interface name="{INTERFACE}">
  <method name="Notify">
    <arg name="app_name" type="s" direction="in"/>
    <arg name="replaces_id" type="u" direction="in"/>
    <arg name="app_icon" type="s" direction="in"/>
    <arg name="summary" type="s" direction="in"/>
    <arg name="body" type="s" direction="in"/>
    <arg name="actions" type="as" direction="in"/>
    <arg name="hints" type="a{{sv}}" direction="in"/>
    <annotation name="org.qtproject.QtDBus.QtTypeName.In6" value="QVariantMap"/>
    <arg name="expire_timeout" type="i" direction="in"/>
    <arg name="id" type="u" direction="out"/>
  </method>
</interface>
"""
_SCHEMA_PATH = "/io/github/station_app/NotificationsSchema"


@dataclass(frozen=True)
class Notice:
    """One notification: its two lines and, when there is one, a picture (a file:// URL)."""

    summary: str
    body: str = ""
    image: str = ""


@dataclass(frozen=True)
class _Answer:
    notification_id: int
    error: str = ""


class _Schema(QDBusVirtualObject):
    def introspect(self, path: str) -> str:
        return _NOTIFY_XML

    def handleMessage(self, message: object, connection: object) -> bool:
        return False  # only ever introspected


def prime(bus: QDBusConnection) -> bool:
    """Teaches `bus` the types of Notify (see the module's docstring); True when it knows them.

    Runs on the main thread: the introspection is answered by this process itself.
    """
    schema = _Schema()
    if not bus.registerVirtualObject(_SCHEMA_PATH, schema):
        return False
    try:
        learner = QDBusInterface(bus.baseService(), _SCHEMA_PATH, INTERFACE, bus)
        known = learner.metaObject().indexOfMethod(NOTIFY) >= 0
    finally:
        bus.unregisterObject(_SCHEMA_PATH)
    return known


def send_notify(
    bus: QDBusConnection, replaces_id: int, app_icon: str, notice: Notice, hints: dict[str, str]
) -> _Answer:
    """One Notify call, blocking: run it in a background task after `prime`.

    The interface is made, used and dropped on the calling thread.
    """
    interface = QDBusInterface(SERVICE, PATH, INTERFACE, bus)
    interface.setTimeout(TIMEOUT_MS)
    if interface.metaObject().indexOfMethod(NOTIFY) < 0:
        return _Answer(0, "the connection does not know the types of Notify")
    returned = QMetaObject.invokeMethod(
        interface,
        "Notify",
        Qt.ConnectionType.DirectConnection,
        Q_RETURN_ARG("uint"),
        Q_ARG(str, APP_DISPLAY_NAME),
        Q_ARG("uint", replaces_id),
        Q_ARG(str, app_icon),
        Q_ARG(str, notice.summary),
        Q_ARG(str, notice.body),
        Q_ARG("QStringList", []),
        Q_ARG("QVariantMap", hints),
        Q_ARG(int, -1),
    )
    error = interface.lastError()
    if error.isValid():
        return _Answer(0, f"{error.name()}: {error.message()}")
    return _Answer(int(returned) if isinstance(returned, int) else 0)


class DesktopNotifications(QObject):
    """Shows the app's one notification, replacing it in place each time.

    A notice asked for while the last is on its way waits, and only the newest
    waiting one is sent. The notification's id (`notification_id`) is the one
    the service gave last; 0 until then.

    Signals:
        sent(int): the service showed notification `id`
        not_sent(str): no notification service took it (why, for the log)
    """

    sent = Signal(int)
    not_sent = Signal(str)

    def __init__(
        self,
        tasks: TaskRunner,
        bus: QDBusConnection | None = None,
        app_icon: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._bus = bus
        self._app_icon = app_icon
        self._primed: bool | None = None
        self._sending = False
        self._waiting: Notice | None = None
        self._if_not_shown: Callable[[], None] | None = None
        self.notification_id = 0
        self._said_unavailable = False

    def show(self, notice: Notice, if_not_shown: Callable[[], None] | None = None) -> None:
        """Shows `notice` in place of the last; `if_not_shown` runs when no service took it."""
        self._waiting, self._if_not_shown = notice, if_not_shown
        if not self._sending:
            self._send_waiting()

    def _ready_bus(self) -> QDBusConnection | None:
        if self._bus is None:
            self._bus = QDBusConnection.sessionBus()
        if not self._bus.isConnected():
            return None
        if self._primed is None:
            self._primed = prime(self._bus)
            if not self._primed:
                log.info("Notifications are off: the types of Notify could not be set.")
        return self._bus if self._primed else None

    def _send_waiting(self) -> None:
        notice, self._waiting = self._waiting, None
        if_not_shown, self._if_not_shown = self._if_not_shown, None
        if notice is None:
            return
        bus = self._ready_bus()
        if bus is None:
            self.not_sent.emit("no session bus")
            if if_not_shown is not None:
                if_not_shown()
            return
        hints = {"desktop-entry": APP_ID}
        if notice.image:
            hints["image-path"] = notice.image
        replaces_id, app_icon = self.notification_id, self._app_icon
        self._sending = True

        def work(_cancel: CancelToken) -> _Answer:
            return send_notify(bus, replaces_id, app_icon, notice, hints)

        def failed(failure: TaskFailed) -> None:
            arrived(_Answer(0, f"the call failed: {failure.error!r}"))

        def arrived(answer: _Answer) -> None:
            self._sending = False
            if answer.error:
                if not self._said_unavailable:
                    self._said_unavailable = True
                    log.info("No notification was shown: %s", answer.error)
                self.not_sent.emit(answer.error)
                if if_not_shown is not None:
                    if_not_shown()
            else:
                self.notification_id = answer.notification_id
                self.sent.emit(answer.notification_id)
            self._send_waiting()

        self._tasks.start(work, arrived, failed)


def program_notice(call_sign: str, program: str, hosts: str, until: str, image: str) -> Notice:
    """ "Now on WNPR: All Things Considered" / "With Ann Host, until 6:00 PM"."""
    parts = [f"with {hosts}" if hosts else "", f"until {until}" if until else ""]
    body = ", ".join(part for part in parts if part)
    return Notice(f"Now on {call_sign}: {program}", body[:1].upper() + body[1:], image)


def title_notice(title: str, station_name: str, image: str) -> Notice:
    """ "Take Five" / "On WNPR 90.5 FM"."""
    return Notice(title, f"On {station_name}", image)
