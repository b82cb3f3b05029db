"""One running app per user and config folder: a second launch hands over and exits.

The first launch holds a lock file for its whole run and answers on a local
socket (QLocalServer: a Unix socket, or a named pipe on Windows). A later
launch finds the lock taken, sends its request (`--play ID`) to that socket,
prints the answer and exits, before it has loaded libVLC or opened a window.
Works without a QCoreApplication, so it can run first thing in start-up.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from station_app import APP_DISPLAY_NAME, APP_NAME

log = logging.getLogger(__name__)

_MAX_MESSAGE = 4096
_ANSWER_WAIT_MS = 10_000  # the running app answers from its UI thread, maybe under load
_ACCEPTED = f"{APP_DISPLAY_NAME} is already running; its window is now in front."
_NO_ANSWER = (
    f"{APP_DISPLAY_NAME} is already running with this configuration but does not answer; "
    "close it and try again."
)


@dataclass(frozen=True)
class Request:
    """What a second launch asks of the running app."""

    play: str | None = None

    def encode(self) -> bytes:
        return json.dumps({"play": self.play}).encode("utf-8") + b"\n"

    @staticmethod
    def decode(data: bytes) -> Request | None:
        try:
            raw = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        play = raw.get("play") if isinstance(raw, dict) else None
        return Request(play if isinstance(play, str) else None)


@dataclass(frozen=True)
class HandedOff:
    """Another instance runs: its answer to the request, for the terminal.

    `exit_code` is 0 when it took the request, 2 when it refused it (an unknown
    station) and 1 when it did not answer.
    """

    message: str
    exit_code: int


def instance_key(config_dir: Path) -> str:
    """A name shared by launches of one user with one config folder, and no others."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = str(Path.home())
    folder = str(config_dir.expanduser().resolve())
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:24]
    return f"{APP_NAME}-{digest}"


class PrimaryInstance:
    """This process is the one that runs; it answers later launches once `serve` is called."""

    def __init__(self, key: str, lock: QLockFile) -> None:
        self._key = key
        self._lock = lock
        self._server: QLocalServer | None = None

    def serve(self, handle: Callable[[Request], str | None], parent: QObject) -> None:
        """Answer later launches: `handle` returns None when done, else a sentence why not."""
        server = QLocalServer(parent)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # A socket file left by a run that crashed; the lock says it is nobody's now.
        QLocalServer.removeServer(self._key)
        if not server.listen(self._key):
            log.warning("Later launches cannot reach this one: %s", server.errorString())
            return
        server.newConnection.connect(lambda: self._accept(server, handle))
        self._server = server

    def _accept(self, server: QLocalServer, handle: Callable[[Request], str | None]) -> None:
        while (connection := server.nextPendingConnection()) is not None:
            _Conversation(connection, handle)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()


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
        give_up.start(_ANSWER_WAIT_MS)
        self._read()

    def _read(self) -> None:
        self._buffer += bytes(self._connection.readAll().data())
        if b"\n" not in self._buffer:
            if len(self._buffer) > _MAX_MESSAGE:
                self._connection.abort()
            return
        self._connection.readyRead.disconnect(self._read)
        request = Request.decode(self._buffer.split(b"\n", 1)[0])
        problem = "That request was not understood." if request is None else self._handle(request)
        answer = {"accepted": problem is None, "message": problem or ""}
        self._connection.write(json.dumps(answer).encode("utf-8") + b"\n")
        self._connection.flush()
        self._connection.disconnectFromServer()


def claim_or_hand_off(
    config_dir: Path, request: Request, wait_seconds: float = 20
) -> PrimaryInstance | HandedOff:
    """Become the running instance, or give `request` to the one that already runs.

    Call this before libVLC or any window starts. The running instance starts
    answering only once its window is up, so a launch right after it waits.
    """
    key = instance_key(config_dir)
    lock = QLockFile(QDir(QDir.tempPath()).filePath(f"{key}.lock"))
    lock.setStaleLockTime(0)  # held for the whole run: stale only when its process is gone
    deadline = time.monotonic() + wait_seconds
    while True:
        if lock.tryLock(0):
            return PrimaryInstance(key, lock)
        answer = _ask(key, request)
        if answer is not None:
            return answer
        if time.monotonic() > deadline:
            return HandedOff(_NO_ANSWER, exit_code=1)
        time.sleep(0.1)


def _ask(key: str, request: Request) -> HandedOff | None:
    """The running instance's answer, or None when it is not listening yet."""
    socket = QLocalSocket()
    socket.connectToServer(key)
    if not socket.waitForConnected(1000):
        return None
    socket.write(request.encode())
    socket.flush()
    received = b""
    closed = False
    deadline = time.monotonic() + _ANSWER_WAIT_MS / 1000
    while b"\n" not in received and len(received) <= _MAX_MESSAGE:
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
            return HandedOff(_ACCEPTED, exit_code=0)
        return HandedOff(str(answer["message"]), exit_code=2)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        # It got the request (so no retry), but said nothing sensible back.
        return HandedOff(_NO_ANSWER, exit_code=1)
