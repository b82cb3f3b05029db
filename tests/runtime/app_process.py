"""The app as a person starts it: `python -m station_app` in its own process.

Each test gives it isolated XDG folders, the offscreen platform and a private
session bus; the helpers wait on conditions with generous deadlines, and a
memory watchdog ends a run that grows past a bound instead of filling the machine.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("window_probe.py")

# A station on a closed loopback port: nothing beyond this machine is ever asked.
LOOPBACK_STATIONS = """\
[network]
name = "Loopback Radio"

[[stations]]
id = "kxyz"
call_sign = "KXYZ"
frequency = "101.1 FM"
city = "Portland, OR"
streams = ["http://127.0.0.1:9/live.mp3"]

[[stations]]
id = "kabc"
call_sign = "KABC"
streams = ["http://127.0.0.1:9/other.mp3"]
"""

# Lines the offscreen platform prints about itself; anything else is the app's.
_PLATFORM_NOTES = ("This plugin does not support",)


def wait_until(condition: Callable[[], object], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class AppProcess:
    """One run of the app; `probe=True` also records the visible text of its windows."""

    def __init__(
        self,
        env: dict[str, str],
        workdir: Path,
        args: Sequence[str] = (),
        probe: bool = False,
        max_rss_mb: int = 600,
        preexec: Callable[[], None] | None = None,
    ) -> None:
        self.env = dict(env)
        self.workdir = workdir
        self.probe_file = workdir / f"probe-{time.monotonic_ns()}.json"
        self.env["STATION_APP_PROBE_FILE"] = str(self.probe_file)
        self.max_rss_mb = max_rss_mb
        self.stdout_path = workdir / f"stdout-{time.monotonic_ns()}.txt"
        self.stderr_path = workdir / f"stderr-{time.monotonic_ns()}.txt"
        entry = [str(PROBE)] if probe else ["-m", "station_app"]
        with self.stdout_path.open("wb") as stdout, self.stderr_path.open("wb") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, *entry, *args],
                stdout=stdout,
                stderr=stderr,
                env=self.env,
                cwd=ROOT,
                preexec_fn=preexec,
            )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def rss_mb(self) -> float:
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return 0.0
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def check_alive_and_bounded(self) -> None:
        rss = self.rss_mb()
        if rss > self.max_rss_mb:
            self.proc.kill()
            raise AssertionError(f"the app grew to {rss:.0f} MB")
        if self.proc.poll() is not None:
            raise AssertionError(f"the app ended ({self.proc.returncode}): {self.stderr()}")

    def wait_for(self, condition: Callable[[], object], what: str, timeout: float = 60) -> None:
        def met() -> object:
            self.check_alive_and_bounded()
            return condition()

        wait_until(met, what, timeout)

    def wait_ready(self, timeout: float = 60) -> None:
        """Until its MPRIS service is on the bus: the window is up and the loop runs."""
        self.wait_for(self.on_bus, "the app to show its window", timeout)

    def on_bus(self) -> bool:
        result = subprocess.run(
            ["playerctl", "-p", "station_app", "status"],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=20,
            check=False,
        )
        return result.returncode == 0

    def playerctl(self, *args: str) -> str:
        result = subprocess.run(
            ["playerctl", "-p", "station_app", *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=20,
            check=True,
        )
        return result.stdout.strip()

    def visible_texts(self) -> list[str]:
        """What the windows show, as the probe last recorded it."""
        try:
            texts = json.loads(self.probe_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [str(text) for text in texts]

    def send(self, number: signal.Signals) -> None:
        self.proc.send_signal(number)

    def wait(self, timeout: float = 30) -> int:
        return self.proc.wait(timeout=timeout)

    def stdout(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace")

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def unexpected_output(self) -> list[str]:
        """Lines on stderr that are neither expected warnings nor platform notes."""
        return [
            line
            for line in self.stderr().splitlines()
            if line and not line.startswith(_PLATFORM_NOTES) and not line.startswith("WARNING ")
        ]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.wait(timeout=30)


def read_state(state_home: Path) -> dict[str, object]:
    path = state_home / "station-app" / "state.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def app_environment(xdg: dict[str, Path], bus_address: str) -> dict[str, str]:
    env = os.environ.copy()
    env.update({name: str(path) for name, path in xdg.items()})
    env["DBUS_SESSION_BUS_ADDRESS"] = bus_address
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    return env
