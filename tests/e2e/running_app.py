"""Station App started as a person starts it, on a test desktop, and what it printed.

The app runs through its real entry point (`python -m station_app`) with its
own config, cache and state folders, on the xcb platform with AT-SPI on.
Qt's own messages are tagged (QT_MESSAGE_PATTERN) so a Qt warning is told
apart from anything else the app prints; any warning, error or traceback
fails the test that started the app, and so does a crash or a hang at the
end. The output is read once the app has ended, so what it prints while
quitting counts too.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from tests.e2e.atspi import Accessible, AtSpiBus
from tests.e2e.desktop import Desktop, signal_group, wait_for

# A Qt message: "qt-warning qt.category: text" (see QT_MESSAGE_PATTERN below).
QT_PATTERN = "qt-%{type} %{category}: %{message}"
_PROBLEM = re.compile(
    r"^qt-(warning|critical|fatal) "  # Qt's own warnings
    r"|^Traceback \(most recent call last\)"  # an exception reached the top
    r"|^(ERROR|CRITICAL) "  # the app's log at error level
    r"|\b\w+Warning: "  # a Python warning
    r"|^Fatal Python error",
    re.MULTILINE,
)
ALWAYS_ALLOWED = (
    # Said when a client (this test, or a screen reader) asks about an object that is
    # gone, such as a dialog after it closed: a fact about the question, not the app.
    re.compile(r"qt\.accessibility\.atspi: Could not find accessible on path"),
    # Python's own count at exit, shown only because these runs turn on every
    # warning: PySide's wrappers are not collected at interpreter shutdown.
    re.compile(r"ResourceWarning: gc: \d+ uncollectable objects at shutdown"),
)
# Quitting saves the state and stops libVLC; a loaded machine may take its time.
QUIT_DEADLINE = 30


def problem_lines(texts: Sequence[str], allowed: Sequence[re.Pattern[str]] = ()) -> list[str]:
    """The lines of `texts` that say something went wrong, less the `allowed` ones."""
    return [
        line
        for text in texts
        for line in text.splitlines()
        if _PROBLEM.search(line) and not any(pattern.search(line) for pattern in allowed)
    ]


# The discard port on loopback: nothing listens there, so a connection is refused at once.
REFUSING_SERVER = "http://127.0.0.1:9"


class RunningApp:
    """One run of the app. `root` is its accessible application once it is up."""

    def __init__(
        self,
        desktop: Desktop,
        bus: AtSpiBus,
        home: Path,
        args: Sequence[str] = (),
        offline: bool = False,
        extra_env: dict[str, str] | None = None,
        command: Sequence[str] | None = None,
        output_name: str = "app-output.txt",
    ) -> None:
        self.desktop = desktop
        self.bus = bus
        self.home = home
        self.config_dir = home / "config" / "station-app"
        self.state_dir = home / "state" / "station-app"
        self.cache_dir = home / "cache" / "station-app"
        self.output_file = home / output_name
        self.args = list(args)
        self.offline = offline
        self.extra_env = extra_env or {}
        self.command = list(command) if command else [sys.executable, "-m", "station_app"]
        self.allowed: list[re.Pattern[str]] = list(ALWAYS_ALLOWED)
        # How the run ended, when it did not end well (see `stop`).
        self.ending: list[str] = []
        self.quit_deadline: float = QUIT_DEADLINE
        self.process: subprocess.Popen[bytes] | None = None
        self._root: Accessible | None = None

    # -- files --------------------------------------------------------------------------
    def write_config(self, name: str, text: str) -> Path:
        self.config_dir.mkdir(parents=True, exist_ok=True)
        path = self.config_dir / name
        path.write_text(text, encoding="utf-8")
        return path

    @property
    def stations_file(self) -> Path:
        return self.config_dir / "stations.toml"

    # -- running ------------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        env = {name: os.environ[name] for name in ("PATH", "LANG", "LC_ALL") if name in os.environ}
        env.update(self.desktop.env)
        env.update(
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / "config"),
            XDG_CACHE_HOME=str(self.home / "cache"),
            XDG_STATE_HOME=str(self.home / "state"),
            XDG_DATA_HOME=str(self.home / "data"),
            QT_QPA_PLATFORM="xcb",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            QT_ACCESSIBILITY="1",
            QT_MESSAGE_PATTERN=QT_PATTERN,
            PYTHONFAULTHANDLER="1",
            PYTHONWARNINGS="default",
            PYTHONUNBUFFERED="1",
            TZ=os.environ.get("STATION_E2E_TZ", "America/Chicago"),
            LANG=os.environ.get("LANG", "C.UTF-8"),
        )
        env.update(self.extra_env)
        return env

    def start(self) -> RunningApp:
        self.home.mkdir(parents=True, exist_ok=True)
        command = list(self.command) + self.args
        if self.offline:
            command = offline_prefix() + command
        with self.output_file.open("ab") as output:
            self.process = subprocess.Popen(
                command,
                env=self.env(),
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=output,
                start_new_session=True,
            )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None, "the app was not started"
        return self.process.pid

    @property
    def root(self) -> Accessible:
        """The app on the AT-SPI bus (waits until it has registered)."""
        if self._root is None:
            self._root = self.bus.application_of(self.pid)
        return self._root

    def window(self) -> Accessible:
        """The main window, once it shows and has the keyboard focus."""
        frame = self.root.find("frame", lambda name: "Station App" in name)
        wait_for(lambda: "active" in frame.states, "the main window to be active")
        return frame

    def output(self) -> str:
        return self.output_file.read_text(encoding="utf-8", errors="replace")

    def allow(self, pattern: str) -> None:
        """A line the test expects in the output that would otherwise count as a problem."""
        self.allowed.append(re.compile(pattern))

    def problems(self) -> list[str]:
        """Lines of the output (and of the app's log file) that mean something went wrong."""
        texts = [self.output()]
        log = self.state_dir / "station-app.log"
        if log.exists():
            texts.append(log.read_text(encoding="utf-8", errors="replace"))
        return problem_lines(texts, self.allowed) + self.ending

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, (
            "The app reported problems:\n"
            + "\n".join(problems)
            + (f"\n--- full output ---\n{self.output()[-6000:]}")
        )

    def wait_exit(self, timeout: float = 60) -> int:
        assert self.process is not None
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        """Ends the app if it still runs (the test is over), as `kill` does: SIGTERM.

        The app quits on SIGTERM as on closing its window. Not ending in time,
        ending with anything but 0, or having been ended by a signal (a crash)
        is noted among its problems.
        """
        process = self.process
        if process is None:
            return
        if process.poll() is None:
            signal_group(process.pid, signal.SIGTERM)
            try:
                code = process.wait(timeout=self.quit_deadline)
            except subprocess.TimeoutExpired:
                signal_group(process.pid, signal.SIGKILL)
                process.wait(timeout=15)
                self.ending.append(
                    f"The app did not end within {self.quit_deadline:g} s of SIGTERM."
                )
            else:
                if code != 0:
                    self.ending.append(f"The app ended with exit code {code} on SIGTERM.")
        elif process.returncode < 0 and not self.ending:
            self.ending.append(f"The app was ended by signal {-process.returncode}.")
        signal_group(process.pid, signal.SIGKILL)  # anything it left behind

    def finish(self) -> list[str]:
        """Ends the app, then reads all it printed up to its end: its problems."""
        self.stop()
        return self.problems()


def offline_prefix() -> list[str]:
    """Runs a command in a network namespace of its own: no network at all, not even loopback.

    As root a plain new namespace; as anyone else inside a user namespace that
    maps the user to itself (so D-Bus still knows who is talking).
    """
    unshare = shutil.which("unshare") or "unshare"
    if os.geteuid() == 0:
        return [unshare, "--net", "--"]
    return [unshare, "--map-current-user", "--net", "--"]
