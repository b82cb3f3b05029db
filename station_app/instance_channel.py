"""The local socket between a running app and a later launch (QLocalServer: a Unix
socket, or a named pipe on Windows). One request line in, one answer line out."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from station_app.single_instance import ACCEPTED, NO_ANSWER, HandedOff, Request

log = logging.getLogger(__name__)

MAX_MESSAGE = 4096
ANSWER_WAIT_MS = 10_000  # the running app answers from its UI thread, maybe under load


class Server(QObject):
    """Answers later launches with `handle`: None when done, else a sentence why not."""

    def __init__(self, key: str, handle: Callable[[Request], str | None], parent: QObject) -> None:
        super().__init__(parent)
        self._handle = handle
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # A socket file left by a run that crashed; the lock says it is nobody's now.
        QLocalServer.removeServer(key)
        if not self._server.listen(key):
            log.warning("Later launches cannot reach this one: %s", self._server.errorString())
            return
        self._server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while (connection := self._server.nextPendingConnection()) is not None:
            _Conversation(connection, self._handle)

    def close(self) -> None:
        self._server.close()


class _Conversation(QObject):
    """One request line in, one answer line out; a silent or oversized client is dropped."""

    def __init__(self, connection: QLocalSocket, handle: Callable[[Request], str | None]) -> None:
        super().__init__(connection)
        self._connection = connection
        self._handle = handle
        self._buffer = b""
        connection.readyRead.connect(self._read)
        connection.disconnected.connect(connection.deleteLater)
        give_up = QTimer(self)
        give_up.setSingleShot(True)
        give_up.timeout.connect(lambda: connection.abort())
        give_up.start(ANSWER_WAIT_MS)
        self._read()

    def _read(self) -> None:
        self._buffer += bytes(self._connection.readAll().data())
        if b"\n" not in self._buffer:
            if len(self._buffer) > MAX_MESSAGE:
                self._connection.abort()
            return
        self._connection.readyRead.disconnect(self._read)
        request = Request.decode(self._buffer.split(b"\n", 1)[0])
        problem = "That request was not understood." if request is None else self._handle(request)
        answer = {"accepted": problem is None, "message": problem or ""}
        self._connection.write(json.dumps(answer).encode("utf-8") + b"\n")
        self._connection.flush()
        self._connection.disconnectFromServer()


def ask(key: str, request: Request) -> HandedOff | None:
    """The running instance's answer, or None when it is not listening (yet, or any more)."""
    socket = QLocalSocket()
    socket.connectToServer(key)
    if not socket.waitForConnected(1000):
        return None
    socket.write(request.encode())
    socket.flush()
    received = b""
    closed = False
    deadline = time.monotonic() + ANSWER_WAIT_MS / 1000
    while b"\n" not in received and len(received) <= MAX_MESSAGE:
        remaining_ms = int((deadline - time.monotonic()) * 1000)
        if remaining_ms <= 0:
            break
        arrived = socket.waitForReadyRead(min(remaining_ms, 500))
        received += bytes(socket.readAll().data())
        closed = socket.state() == QLocalSocket.LocalSocketState.UnconnectedState
        if not arrived and closed:
            break
    socket.abort()
    if closed and not received:
        return None  # it hung up without a word: it is quitting, so try to take over
    try:
        answer = json.loads(received.split(b"\n", 1)[0].decode("utf-8"))
        if answer["accepted"]:
            return HandedOff(ACCEPTED, exit_code=0)
        return HandedOff(str(answer["message"]), exit_code=2)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        # It got the request (so no retry), but said nothing sensible back.
        return HandedOff(NO_ANSWER, exit_code=1)
