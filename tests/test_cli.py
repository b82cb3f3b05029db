"""The command line, run as a real process with relocated XDG directories."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from station_app import __version__

USER_FILE = """\
[network]
name = "My Radio"

[[stations]]
id = "kxyz"
call_sign = "KXYZ"
frequency = "101.1 FM"
city = "Portland, OR"
streams = ["http://127.0.0.1:9/live.mp3"]
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "station_app", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
        check=False,
    )


def test_list_stations_prints_bundled_stations() -> None:
    result = run("--list-stations")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "wnpr\tWNPR\t90.5 FM\tMeriden, CT",
        "wedw-fm\tWEDW-FM\t88.5 FM\tStamford, CT",
        "wpkt\tWPKT\t89.1 FM\tNorwich, CT",
        "wrli-fm\tWRLI-FM\t91.3 FM\tSouthampton, NY",
    ]


def test_list_stations_prints_only_the_users_stations(user_config_dir: Path) -> None:
    (user_config_dir / "stations.toml").write_text(USER_FILE)
    result = run("--list-stations")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "kxyz\tKXYZ\t101.1 FM\tPortland, OR\n"


def test_check_config_passes_clean_files(user_config_dir: Path) -> None:
    (user_config_dir / "stations.toml").write_text(USER_FILE)
    result = run("--check-config")
    assert result.returncode == 0
    assert result.stdout.startswith("OK: ")
    assert result.stderr == ""


def test_check_config_rejects_broken_file_with_file_and_line(user_config_dir: Path) -> None:
    path = user_config_dir / "stations.toml"
    path.write_text(USER_FILE.replace('call_sign = "KXYZ"', 'call_sign = "KXYZ'))
    before = path.read_bytes()
    result = run("--check-config")
    assert result.returncode == 2
    assert f"{path}, line 6: not valid TOML" in result.stderr
    assert path.read_bytes() == before


def test_check_config_rejects_semantic_errors(user_config_dir: Path) -> None:
    path = user_config_dir / "stations.toml"
    path.write_text(
        USER_FILE.replace('"http://127.0.0.1:9/live.mp3"', '"rtsp://x/y"')
        + '\n[[stations]]\nid = "kxyz"\ncall_sign = "K2"\nstreams = []\ntimezone = "Nowhere/Here"\n'
    )
    (user_config_dir / "settings.toml").write_text("[news]\nrefresh_minutes = -1\n")
    result = run("--check-config")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{path}, line 9:") and "rtsp://" in line for line in lines)
    assert any(line.startswith(f"{path}, line 12:") and "already used" in line for line in lines)
    assert any(line.startswith(f"{path}, line 15:") and "Nowhere/Here" in line for line in lines)
    assert any("settings.toml, line 2:" in line for line in lines)
    assert lines[-1] == "4 errors found."


def test_list_stations_with_broken_user_file_fails_clearly(user_config_dir: Path) -> None:
    (user_config_dir / "stations.toml").write_text("[network\n")
    result = run("--list-stations")
    assert result.returncode == 2
    assert "has errors; fix it to list your stations." in result.stderr
    assert "Traceback" not in result.stderr


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"station-app {__version__}"
    help_text = run("--help").stdout
    for option in ("--play ID", "--list-stations", "--check-config", "--version"):
        assert option in help_text
