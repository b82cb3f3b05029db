"""Config and state files that are devices, pipes, huge or nested without end are refused.

Each is named in a sentence; nothing reads them into memory, and nothing crashes.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.runtime.app_process import ROOT, AppProcess

MB = 1024 * 1024


def make_hostile(path: Path, kind: str) -> None:
    path.unlink(missing_ok=True)
    if kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    else:  # a 3 GB file that takes no disk space
        with path.open("wb") as handle:
            handle.truncate(3 * 1024 * MB)


def run_command(*args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """Runs the CLI, bounded to 1 GB of address space; returns it and its peak RSS in MB."""

    def bound_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1024 * MB, 1024 * MB))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "station_app", *args],
            stdout=out,
            stderr=err,
            cwd=ROOT,
            preexec_fn=bound_memory,
        )
        watchdog = threading.Timer(60, proc.kill)
        watchdog.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        watchdog.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(
            proc.args, proc.returncode, out.read().decode(), err.read().decode()
        )
    return result, usage.ru_maxrss / 1024


KINDS = ["dev-zero", "fifo", "huge"]
REASONS = {
    "dev-zero": "is a device, not a regular file; replace it with one.",
    "fifo": "is a named pipe, not a regular file; replace it with one.",
    "huge": "is larger than 2 MB, too large for this file; is it the right file?",
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["stations.toml", "settings.toml"])
def test_check_config_refuses_a_file_that_is_not_a_small_regular_file(
    name: str, kind: str, user_config_dir: Path
) -> None:
    path = user_config_dir / name
    make_hostile(path, kind)
    result, peak_mb = run_command("--check-config")
    assert result.returncode == 2
    assert f"{path}: {REASONS[kind]}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert peak_mb < 200


@pytest.mark.parametrize("kind", KINDS)
def test_list_stations_refuses_a_stations_file_that_is_not_a_small_regular_file(
    kind: str, user_config_dir: Path
) -> None:
    path = user_config_dir / "stations.toml"
    make_hostile(path, kind)
    result, peak_mb = run_command("--list-stations")
    assert result.returncode == 2
    assert f"{path}: {REASONS[kind]}" in result.stderr.splitlines()
    assert peak_mb < 200


@pytest.mark.parametrize(
    ("kind", "log"),
    [
        ("dev-zero", "is a device, not a regular file"),
        ("fifo", "is a named pipe, not a regular file"),
        ("nested", "is nested too deeply"),
    ],
)
def test_window_starts_past_a_hostile_state_file(
    kind: str, log: str, launch: Callable[..., AppProcess], xdg_dirs: dict[str, Path]
) -> None:
    path = xdg_dirs["XDG_STATE_HOME"] / "station-app" / "state.json"
    path.parent.mkdir(parents=True)
    if kind == "nested":
        path.write_text("[" * 200_000 + "]" * 200_000)
    else:
        make_hostile(path, kind)
    app = launch(max_rss_mb=400)
    app.wait_ready()
    app.send(signal.SIGTERM)
    assert app.wait() == 0
    assert f"Ignoring the state file {path}, which {log}" in app.stderr()
    assert app.unexpected_output() == []
    assert path.is_file()  # replaced by a good state file on the way out


def test_window_names_config_files_it_cannot_use(
    launch: Callable[..., AppProcess], user_config_dir: Path
) -> None:
    stations = user_config_dir / "stations.toml"
    settings = user_config_dir / "settings.toml"
    make_hostile(stations, "dev-zero")
    make_hostile(settings, "fifo")
    app = launch(probe=True, max_rss_mb=400)
    app.wait_for(app.visible_texts, "the window")
    shown = "\n".join(app.visible_texts())
    assert f"{stations}: {REASONS['dev-zero']}" in shown
    assert f"{settings}: {REASONS['fifo']}" in shown
    app.send(signal.SIGTERM)
    assert app.wait() == 0
