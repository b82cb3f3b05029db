"""The harness itself: it catches what the app prints, up to its last line, and leaves
something to look at when a test fails."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import threading
from pathlib import Path

from tests.e2e.atspi import AtSpiBus
from tests.e2e.configs import LoopbackConfig, StationEntry
from tests.e2e.conftest import Launch, describe_failure
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.running_app import ALWAYS_ALLOWED, QT_PATTERN, RunningApp, problem_lines

QUIET = LoopbackConfig((StationEntry("wlpr", "WLPR", ("http://127.0.0.1:9/live",)),))

SAMPLE_OUTPUT = """\
INFO station_app.playback.session: WLPR: the stream at http://127.0.0.1:9/live refused
WARNING station_app.app: libVLC is slow to start
Traceback (most recent call last):
  File "/app/station_app/ui/player_bar.py", line 12, in _toggle
    self._player.play(selected)
AttributeError: 'NoneType' object has no attribute 'play'
ERROR station_app.tasks: a task failed
CRITICAL station_app.app: cannot go on
/app/station_app/news/feeds.py:40: DeprecationWarning: utcnow() is deprecated
Fatal Python error: Segmentation fault
qt.accessibility.atspi: Could not find accessible on path /org/a11y/atspi/accessible/7
"""


def test_the_matcher_finds_each_kind_of_problem_and_nothing_else() -> None:
    found = problem_lines([SAMPLE_OUTPUT], ALWAYS_ALLOWED)
    assert found == [
        "Traceback (most recent call last):",
        "ERROR station_app.tasks: a task failed",
        "CRITICAL station_app.app: cannot go on",
        "/app/station_app/news/feeds.py:40: DeprecationWarning: utcnow() is deprecated",
        "Fatal Python error: Segmentation fault",
    ]
    # A test may allow a line it expects; the rest still count.
    allowed = [*ALWAYS_ALLOWED, re.compile(r"^ERROR station_app\.tasks")]
    assert "ERROR station_app.tasks: a task failed" not in problem_lines([SAMPLE_OUTPUT], allowed)


def test_the_matcher_knows_qt_warnings_as_qt_prints_them_for_the_app() -> None:
    """A real Qt warning and a real Qt debug line, printed with the app's message pattern."""
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "from PySide6.QtCore import qDebug, qWarning, qCritical\n"
            "qDebug('just so you know')\nqWarning('planted warning')\n"
            "qCritical('planted critical')",
        ],
        env={"QT_MESSAGE_PATTERN": QT_PATTERN, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "qt-debug default: just so you know" in printed.stderr
    assert problem_lines([printed.stderr]) == [
        "qt-warning default: planted warning",
        "qt-critical default: planted critical",
    ]


def test_what_the_app_prints_while_it_quits_is_caught(
    desktop: Desktop, atspi: AtSpiBus, tmp_path: Path
) -> None:
    # Python runs sitecustomize at start-up; this one plants a failure at the very end.
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "sitecustomize.py").write_text(
        "import atexit\n\n\ndef fail_at_quit():\n"
        "    raise RuntimeError('planted failure while quitting')\n\n\n"
        "atexit.register(fail_at_quit)\n",
        encoding="utf-8",
    )
    app = RunningApp(desktop, atspi, tmp_path / "app", extra_env={"PYTHONPATH": str(planted)})
    QUIET.write(app)
    try:
        app.start()
        app.window()
        assert app.problems() == [], "nothing is wrong while it runs"
        found = app.finish()
    finally:
        app.stop()
    assert "Traceback (most recent call last):" in found, app.output()
    assert "planted failure while quitting" in app.output()


def test_a_hang_at_the_end_is_caught(desktop: Desktop, atspi: AtSpiBus, tmp_path: Path) -> None:
    # A Python that ignores SIGTERM stands in for an app stuck while quitting.
    stuck = (
        "import pathlib, signal, time\n"
        "signal.signal(signal.SIGTERM, lambda *_: None)\n"
        "pathlib.Path('running').touch()\n"
        "while True:\n    time.sleep(0.1)\n"
    )
    app = RunningApp(desktop, atspi, tmp_path / "app", command=[sys.executable, "-c", stuck])
    app.quit_deadline = 2
    app.start()
    wait_for(lambda: (app.home / "running").exists(), "the stand-in to run")
    found = app.finish()
    assert found == ["The app did not end within 2 s of SIGTERM."]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_a_failure_leaves_a_screenshot_the_accessible_tree_and_the_output(
    launch: Launch, desktop: Desktop, tmp_path: Path
) -> None:
    app = launch()
    QUIET.write(app)
    app.start()
    app.window()
    written = describe_failure([app], desktop, tmp_path / "artefacts")
    shot = tmp_path / "artefacts" / "failure.png"
    assert shot in written
    assert png_size(shot) == desktop.size
    tree = tmp_path / "artefacts" / "failure-tree-0.txt"
    assert tree in written
    assert "frame 'Loopback Public Radio — Station App'" in tree.read_text(encoding="utf-8")


def test_a_desktop_waits_out_an_x_server_still_holding_its_display(tmp_path: Path) -> None:
    # Another X server has the display, and exits once ours has been refused it.
    sockets = Path("/tmp/.X11-unix")
    taken = {int(s.name[1:]) for s in sockets.iterdir() if s.name[1:].isdigit()}
    number = next(n for n in range(150, 250) if n not in taken)
    with subprocess.Popen(
        ["Xvfb", f":{number}", "-nolisten", "tcp", "-displayfd", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as blocker:
        try:
            assert blocker.stdout is not None and blocker.stdout.readline().strip().isdigit()
            ours = Desktop(tmp_path, (320, 200), display=number)
            ours.runtime_dir.mkdir()
            log = tmp_path / "xvfb.log"

            def end_blocker_once_refused() -> None:
                refused = "Fatal server error"
                wait_for(lambda: log.exists() and refused in log.read_text(), "a refusal")
                blocker.terminate()

            threading.Thread(target=end_blocker_once_refused, daemon=True).start()
            with ours:
                assert ours.display == f":{number}"
        finally:
            blocker.terminate()
