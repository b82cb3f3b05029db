"""Station App's real start-up path up to the first window shown, then exit."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from station_app.app import build_services, build_window
from station_app.paths import AppPaths

app = QApplication(sys.argv)
services = build_services(AppPaths.from_environment())
window = build_window(services)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
services.tasks.shutdown()
