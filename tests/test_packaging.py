"""An installed wheel (not editable) finds its bundled resources and gives the desktop its files."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from station_app import APP_ID

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_install_finds_bundled_stations_and_icon(tmp_path: Path) -> None:
    wheels = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    [wheel] = wheels.glob("station_app-*.whl")
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    python = target / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        timeout=300,
    )
    # The dependencies come from the test environment's site-packages, without network.
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.strip()
    )
    (site / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    result = subprocess.run(
        [str(target / "bin" / "station-app"), "--list-stations"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "wnpr\tWNPR\t90.5 FM\tMeriden, CT"
    located = subprocess.run(
        [
            str(python),
            "-c",
            "import station_app.resources as r; print(r.__file__); print(r.resource_dir()); "
            "print(r.app_icon_file())",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
        timeout=60,
    ).stdout.splitlines()
    assert located[0].startswith(str(site)), located
    assert located[1] == str(site / "station_app" / "resources")
    assert located[2] == str(site / "station_app" / "resources" / "icons" / f"{APP_ID}.svg")
    # The window's icon loads from the installed package.
    icon = subprocess.run(
        [
            str(python),
            "-c",
            "from PySide6.QtGui import QGuiApplication, QIcon; app = QGuiApplication([]); "
            "from station_app.resources import app_icon_file; "
            "print(QIcon(str(app_icon_file())).pixmap(256, 256).width())",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
        timeout=60,
    )
    assert icon.stdout.strip() == "256", icon.stderr
    # The desktop's files land in the prefix's share/, where menus read them.
    share = target / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    assert "Exec=station-app\n" in desktop.read_text()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (share / "icons" / "hicolor" / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
