"""A private desktop for one test: Xvfb, openbox, a session bus and the AT-SPI bus.

Everything is started here, in its own process group, and stopped here: the
test owns every process of its desktop and leaves none behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# Generous: the suite runs on a loaded 2-core machine; every wait ends as soon as it can.
DEADLINE = 60.0
AT_SPI_BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
X_START_ATTEMPTS = 5  # Xvfb servers started at the same moment may collide


class WaitTimeoutError(AssertionError):
    """A condition did not come true before its deadline."""


def wait_for(
    condition: Callable[[], T | None], what: str, timeout: float = DEADLINE, interval: float = 0.1
) -> T:
    """Polls `condition` until it returns something truthy; that value is returned.

    An exception in `condition` counts as "not yet" (an accessible object may be
    replaced while it is read); the last one is reported when time runs out.
    """
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while True:
        try:
            value = condition()
        except Exception as error:
            last_error = error
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            raise WaitTimeoutError(f"Timed out after {timeout:.0f} s waiting for {what}{detail}")
        time.sleep(interval)


class Desktop:
    """One X display with a window manager, a D-Bus session bus and the AT-SPI bus."""

    def __init__(
        self, workdir: Path, size: tuple[int, int] = (1366, 768), display: int | None = None
    ) -> None:
        self.workdir = workdir
        self.size = size
        self._display_number = display  # None: Xvfb picks a free one
        self.display = ""
        self.session_bus = ""
        self.runtime_dir = workdir / "runtime"
        self._processes: list[subprocess.Popen[bytes]] = []
        self._logs: list[Path] = []

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> None:
        self.runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            self._start_x()
            self._start("openbox", ["openbox", "--sm-disable"])
            # A window manager sets the EWMH desktop count once it manages the screen.
            wait_for(lambda: self.xdotool("get_num_desktops", check=False).isdigit(), "openbox")
            self._start_session_bus()
            self._start("at-spi", [AT_SPI_BUS_LAUNCHER, "--launch-immediately"])
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        for process in reversed(self._processes):
            _stop_group(process)
        self._processes.clear()

    def __enter__(self) -> Desktop:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    @property
    def env(self) -> dict[str, str]:
        """What a program on this desktop needs in its environment."""
        return {
            "DISPLAY": self.display,
            "DBUS_SESSION_BUS_ADDRESS": self.session_bus,
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "HOME": str(self.workdir / "home"),
        }

    def _base_env(self) -> dict[str, str]:
        keep = ("PATH", "LANG", "LC_ALL", "TZ")
        env = {name: os.environ[name] for name in keep if name in os.environ}
        (self.workdir / "home").mkdir(exist_ok=True)
        env.update({k: v for k, v in self.env.items() if v})
        return env

    def _start(
        self, name: str, command: Sequence[str], **options: object
    ) -> subprocess.Popen[bytes]:
        log = self.workdir / f"{name}.log"
        self._logs.append(log)
        with log.open("ab") as output:
            process = subprocess.Popen(
                list(command),
                env=self._base_env(),
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=output,
                start_new_session=True,  # its own process group, stopped as one
                **options,  # type: ignore[call-overload]
            )
        self._processes.append(process)
        return process

    def _start_x(self) -> None:
        # Xvfb picks a display whose lock file is free, but a server still exiting
        # (its lock gone, its socket not yet) or one starting at the same moment can
        # hold that display's socket: Xvfb then exits ("server already running").
        for attempt in range(X_START_ATTEMPTS):
            number = self._start_xvfb()
            if number.isdigit():
                self.display = f":{number}"
                return
            time.sleep(0.2 * (attempt + 1))
        raise RuntimeError(f"Xvfb did not start; see {self.workdir / 'xvfb.log'}")

    def _start_xvfb(self) -> str:
        """The display number Xvfb took, or "" when it exited instead."""
        read_end, write_end = os.pipe()
        width, height = self.size
        try:
            process = self._start(
                "xvfb",
                [
                    "Xvfb",
                    *([f":{self._display_number}"] if self._display_number is not None else []),
                    "-displayfd",
                    str(write_end),
                    "-screen",
                    "0",
                    f"{width}x{height}x24",
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ],
                pass_fds=(write_end,),
            )
        finally:
            os.close(write_end)
        with os.fdopen(read_end, "rb") as reader:
            number = reader.readline().strip().decode()
        if not number.isdigit():
            process.wait(timeout=10)
            self._processes.remove(process)
        return number

    def _start_session_bus(self) -> None:
        socket_path = self.runtime_dir / "session-bus"
        process = self._start(
            "session-bus",
            [
                "dbus-daemon",
                "--session",
                "--nofork",
                f"--address=unix:path={socket_path}",
                "--print-address=1",
            ],
        )
        self.session_bus = f"unix:path={socket_path}"
        wait_for(lambda: process.poll() is None and socket_path.exists(), "the session bus")

    # -- input and output ------------------------------------------------------------
    def xdotool(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["xdotool", *args],
            env=self._base_env(),
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def key(self, *keys: str) -> None:
        """Presses keys on whatever window has the keyboard focus, as a person does."""
        self.xdotool("key", "--clearmodifiers", "--delay", "60", *keys)

    def type_text(self, text: str) -> None:
        self.xdotool("type", "--clearmodifiers", "--delay", "30", text)

    def click(self, x: int, y: int, button: int = 1) -> None:
        self.xdotool("mousemove", "--sync", str(x), str(y))
        self.xdotool("click", str(button))

    def double_click(self, x: int, y: int) -> None:
        self.xdotool("mousemove", "--sync", str(x), str(y))
        self.xdotool("click", "--repeat", "2", "--delay", "80", "1")

    def active_window_name(self) -> str:
        """The title of the window that has the keyboard focus, as the window manager says."""
        return self.xdotool("getactivewindow", "getwindowname", check=False)

    def screenshot(self, path: Path) -> Path:
        subprocess.run(
            ["import", "-window", "root", str(path)],
            env=self._base_env(),
            check=True,
            timeout=60,
        )
        return path

    def run(self, command: Sequence[str], timeout: float = 30) -> subprocess.CompletedProcess[str]:
        """A short command in this desktop's environment (playerctl, for one)."""
        return subprocess.run(
            list(command),
            env=self._base_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """Ends a process and everything it started (its process group), politely first."""
    if process.poll() is None:
        signal_group(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            signal_group(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    # What the leader started may outlive it (the AT-SPI bus's own daemon).
    signal_group(process.pid, signal.SIGKILL)


def signal_group(group: int, number: signal.Signals) -> None:
    """Signals every process of a group this test started (gone already is fine)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, number)
