"""One running app per user and config folder: a second launch hands over and exits.

The first launch holds an OS file lock for its whole run (released by the
system however the process ends) and, once its window is up, answers on a
local socket (instance_channel.py). A later launch finds the lock taken, sends
its request (`--play ID`) there, prints the answer and exits, before it has
loaded libVLC or opened a window. Taking the lock is plain Python: the launch
that runs pays no Qt import before its stream starts.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from station_app import APP_DISPLAY_NAME, APP_NAME

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from station_app.instance_channel import Server

ACCEPTED = f"{APP_DISPLAY_NAME} is already running; its window is now in front."
NO_ANSWER = (
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
    identity = f"{user}\0{config_dir.expanduser().resolve()}".encode()
    # Not a secret, only a short name: zlib is loaded already, hashlib would load OpenSSL.
    digest = f"{zlib.crc32(identity):08x}{zlib.adler32(identity):08x}"
    return f"{APP_NAME}-{digest}"


class PrimaryInstance:
    """This process is the one that runs; it answers later launches once `serve` is called."""

    def __init__(self, key: str, lock: int) -> None:
        self._key = key
        self._lock = lock
        self._server: Server | None = None

    def serve(self, handle: Callable[[Request], str | None], parent: QObject) -> None:
        """Answer later launches: `handle` returns None when done, else a sentence why not."""
        from station_app.instance_channel import Server

        self._server = Server(self._key, handle, parent)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        os.close(self._lock)  # the lock goes with its file descriptor


def claim_or_hand_off(
    config_dir: Path, request: Request, wait_seconds: float = 20
) -> PrimaryInstance | HandedOff:
    """Become the running instance, or give `request` to the one that already runs.

    Call this before libVLC or any window starts. The running instance starts
    answering only once its window is up, so a launch right after it waits.
    """
    key = instance_key(config_dir)
    lock_file = _lock_folder() / f"{key}.lock"
    deadline = time.monotonic() + wait_seconds
    while True:
        lock = _try_lock(lock_file)
        if lock is not None:
            return PrimaryInstance(key, lock)
        from station_app.instance_channel import ask

        answer = ask(key, request)
        if answer is not None:
            return answer
        if time.monotonic() > deadline:
            return HandedOff(NO_ANSWER, exit_code=1)
        time.sleep(0.1)


def _lock_folder() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR")  # per user, on Linux
    if runtime and Path(runtime).is_dir():
        return Path(runtime)
    import tempfile

    return Path(tempfile.gettempdir())


def _try_lock(path: Path) -> int | None:
    """An open descriptor holding an exclusive lock on `path`, or None if another has it."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    return descriptor
