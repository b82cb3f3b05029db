"""Station App's real start-up path until the cached headlines are on screen, then exit."""

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

from station_app.app import build_mpris, build_services, build_window  # noqa: E402
from station_app.news.ui.panel import NewsPanel  # noqa: E402

app = QApplication(sys.argv)
services = build_services(paths, early=early)
window = build_window(services)
mpris = build_mpris(services, window)
window.show()
panel = window.findChild(NewsPanel)
assert panel is not None


def check() -> None:
    if panel.model.rowCount() > 0 and panel.headlines.isVisible():
        poll.stop()
        # One more turn of the loop paints them; then they are on screen.
        QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))


poll = QTimer()
poll.setInterval(2)
poll.timeout.connect(check)
poll.start()
app.exec()
mpris.unregister()
services.schedule.stop()
services.player.shutdown()
services.tasks.shutdown()
