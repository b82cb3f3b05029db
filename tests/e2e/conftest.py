"""Fixtures for the end-to-end tests: a desktop, loopback servers and the app, per test."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from tests.e2e.atspi import AtSpiBus, dump
from tests.e2e.desktop import AT_SPI_BUS_LAUNCHER, Desktop
from tests.e2e.running_app import RunningApp
from tests.e2e.sites import StationSite
from tests.e2e.streams import SecondMount
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
        home = options.pop("home", None) or tmp_path / f"app-{len(runs)}"
        app = RunningApp(desktop, atspi, home, output_name=f"output-{len(runs)}.txt", **options)
        runs.append(app)
        return app

    yield make
    if request.node.stash.get(CALL_FAILED, False):
        describe_failure(runs, desktop, tmp_path)
    reports = []
    for app in runs:
        # Read once the app has ended: what it prints while quitting counts too.
        problems = app.finish()
        if problems:
            reports.append("\n".join(problems) + f"\n--- output ---\n{app.output()[-6000:]}")
    assert not reports, "The app reported problems:\n" + "\n\n".join(reports)


def describe_failure(runs: list[RunningApp], desktop: Desktop, folder: Path) -> list[Path]:
    """What the desktop showed when the test failed: a screenshot, each app's accessible
    tree and output, as files in the test's folder (kept by pytest for failed tests)."""
    written: list[Path] = []
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("import"):
        try:
            written.append(desktop.screenshot(folder / "failure.png"))
        except (OSError, subprocess.SubprocessError) as error:  # a help, not the verdict
            print(f"(no screenshot: {error!r})")
    else:
        print("(no screenshot: ImageMagick's `import` is missing; scripts/test installs it)")
    for number, app in enumerate(runs):
        if app.process is None:
            continue
        if app.process.poll() is None:
            tree = folder / f"failure-tree-{number}.txt"
            try:
                tree.write_text(dump(app.root, limit=800) + "\n", encoding="utf-8")
                written.append(tree)
            except Exception as error:  # the tree is a help, not the verdict
                print(f"(no accessible tree for app {number}: {error!r})")
        else:
            print(f"App {number} had ended with {app.process.returncode}.")
        print(f"--- the end of app {number}'s output ({app.output_file}) ---")
        print(app.output()[-3000:])
    for path in written:
        print(f"--- failure artefact: {path}")
    return written


@pytest.fixture
def site(content_server: HTTPServer, icecast: IcecastServer) -> StationSite:
    return StationSite(content_server, icecast.stream_url)


@pytest.fixture(scope="session")
def second_tone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("e2e-tone-2")
    return make_tone_mp3(folder / "tone.mp3", seconds=30, frequency=660)


@pytest.fixture
def second_stream(icecast: IcecastServer, second_tone: Path) -> Iterator[SecondMount]:
    """Another live stream on the same Icecast server (/second.mp3, a higher tone)."""
    mount = SecondMount(icecast, "/second.mp3", second_tone)
    mount.start()
    try:
        yield mount
    finally:
        mount.stop()
