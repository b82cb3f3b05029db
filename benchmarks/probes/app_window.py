"""Station App's real start-up path up to the first window shown, then exit."""

import sys

from station_app.paths import AppPaths
from station_app.playback.early import start_early

# As __main__ does: libVLC starts on its own thread before Qt loads.
paths = AppPaths.from_environment()
early = start_early(paths, None)

from station_app.qt_binding import use_python_imports  # noqa: E402 - Qt loads first, as in __main__

use_python_imports()

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from station_app.app import build_services, build_window  # noqa: E402

app = QApplication(sys.argv)
services = build_services(paths, early=early)
window = build_window(services)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
services.tasks.shutdown()
