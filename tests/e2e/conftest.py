"""Fixtures for the end-to-end tests: a desktop, loopback servers and the app, per test."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from tests.e2e.atspi import AtSpiBus, dump
from tests.e2e.desktop import AT_SPI_BUS_LAUNCHER, Desktop
from tests.e2e.running_app import RunningApp
from tests.e2e.sites import StationSite
from tests.playback.icecast import IcecastServer, make_tone_mp3

NEEDED = ("Xvfb", "openbox", "xdotool", "dbus-daemon", "playerctl", "icecast2", "ezstream")
missing = [tool for tool in NEEDED if shutil.which(tool) is None]
if not Path(AT_SPI_BUS_LAUNCHER).exists():
    missing.append("at-spi2-core")
if missing:
    # scripts/test installs all of them; a bare `pytest` elsewhere says what is missing.
    pytest.skip(f"end-to-end tests need {', '.join(missing)}", allow_module_level=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    with Desktop(tmp_path / "desktop") as started:
        yield started


@pytest.fixture
def atspi(desktop: Desktop) -> Iterator[AtSpiBus]:
    bus = AtSpiBus(desktop.session_bus)
    try:
        yield bus
    finally:
        bus.close()


Launch = Callable[..., RunningApp]


@pytest.fixture
def launch(
    desktop: Desktop, atspi: AtSpiBus, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Launch]:
    """Starts the app (not yet, until called); each run is checked for problems, then ended."""
    runs: list[RunningApp] = []

    def make(**options: Any) -> RunningApp:
        app = RunningApp(desktop, atspi, tmp_path / f"app-{len(runs)}", **options)
        runs.append(app)
        return app

    yield make
    if request.node.stash.get(CALL_FAILED, False):
        for app in runs:
            describe_failure(app, desktop, tmp_path)
    reports = []
    for app in runs:
        problems = app.problems()
        app.stop()
        if problems:
            reports.append("\n".join(problems) + f"\n--- output ---\n{app.output()[-6000:]}")
    assert not reports, "The app reported problems:\n" + "\n\n".join(reports)


def describe_failure(app: RunningApp, desktop: Desktop, folder: Path) -> None:
    """What the app showed when the test failed: its accessible tree and a screenshot."""
    if app.process is None or app.process.poll() is not None:
        print(f"The app had ended with {app.process and app.process.returncode}.")
        return
    try:
        print("--- the app's accessible tree ---")
        print(dump(app.root, limit=600))
    except Exception as error:  # the tree is a help, not the verdict
        print(f"(no accessible tree: {error!r})")
    if shutil.which("import"):
        shot = desktop.screenshot(folder / "failure.png")
        print(f"--- screenshot: {shot}")


@pytest.fixture(scope="session")
def tone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tone_mp3(tmp_path_factory.mktemp("e2e-tone") / "tone.mp3", seconds=30)


@pytest.fixture
def icecast(tone: Path) -> Iterator[IcecastServer]:
    # Not under pytest's tmp_path: Icecast drops root and must reach its folder.
    workdir = Path(tempfile.mkdtemp(prefix="station-e2e-icecast-"))
    server = IcecastServer(workdir, tone)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def site(content_server: HTTPServer, icecast: IcecastServer) -> StationSite:
    return StationSite(content_server, icecast.stream_url)
